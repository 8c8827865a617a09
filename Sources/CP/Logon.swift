// LOGON, LOGOFF, DISCONNECT and reconnection (vm370-reference.md, 1.2 and 7):
// the conversation at a terminal before and around a user's virtual machine.

import Foundation

extension ControlProgram {
    /// A line typed at a terminal.
    func terminalInput(_ s: Session, _ line: String) {
        switch s.state {
        case .logo:
            let (lines, _) = execute(commandLine: line, user: nil, session: s)
            if !lines.isEmpty { s.terminal.write(lines: lines) }
        case .password(let userid, let noIPL):
            s.terminal.setEcho(true)
            completeLogon(s, userid: userid, password: line.trimmingCharacters(in: .whitespaces), noIPL: noIPL)
        case .user(let u):
            userLine(u, line)
        }
    }

    /// LOGON userid [password] [NOIPL]: asks for the password unless it was given.
    func beginLogon(_ ctx: CommandContext) throws {
        guard let s = ctx.session else { throw CPMessage.unknownCommand("LOGON") }
        guard let userid = ctx.operands.first else { throw CPMessage.missingOperand("USERID") }
        let noIPL = ctx.operands.contains("NOIPL")
        guard let entry = directory.user(userid), entry.canLogOn else { throw CPMessage.userNotInDirectory(userid) }
        if ctx.operands.count > 1 && ctx.operands[1] != "NOIPL" {
            completeLogon(s, userid: entry.userid, password: ctx.operands[1], noIPL: noIPL)
            return
        }
        s.state = .password(userid: entry.userid, noIPL: noIPL)
        s.terminal.setEcho(false)
        s.terminal.prompt("ENTER PASSWORD:")
    }

    /// Checks the password and logs the user on, or reconnects a disconnected user.
    func completeLogon(_ s: Session, userid: String, password: String, noIPL: Bool) {
        guard let entry = directory.user(userid), entry.password == password.uppercased() else {
            s.state = .logo
            s.terminal.write(lines: ["DMKLOG050E PASSWORD INCORRECT - REINITIATE LOGON PROCEDURE"])
            return
        }
        if let u = users[entry.userid] {
            if let other = u.session, other !== s {
                s.state = .logo
                s.terminal.write(lines: ["DMKLOG054E ALREADY LOGGED ON \(other.terminal.terminalName)"])
                return
            }
            // Reconnection: the virtual machine kept running while disconnected.
            u.session = s
            u.disconnectTime = nil
            s.state = .user(u)
            s.terminal.write(lines: ["RECONNECTED AT \(CPTime.stamp())"])
            operatorMessage("\(entry.userid) RECONNECTED \(s.terminal.terminalName)")
            resumeConsole(u)
            return
        }
        let u = LoggedOnUser(entry: entry, lineNumber: nextLineNumber())
        u.session = s
        s.state = .user(u)
        do {
            try createVirtualMachine(for: u)
        } catch {
            s.state = .logo
            s.terminal.write(lines: ["DMKLOG099E LOGON FAILED: \(error)"])
            return
        }
        users[entry.userid] = u
        s.terminal.write(lines: ["LOGON AT \(CPTime.stamp())"] + logonFileSummary(u))
        operatorMessage("\(entry.userid) LOGON \(s.terminal.terminalName) USERS = \(users.count)")
        if !noIPL, let ipl = entry.ipl {
            let (lines, _) = execute(commandLine: "IPL \(ipl)" + (entry.iplParm.map { " PARM \($0)" } ?? ""),
                                     user: u, session: s)
            if !lines.isEmpty { u.write(lines) }
        } else {
            u.mode = .cpRead
        }
    }

    /// LOGOFF: the virtual machine ends, its spool files are closed, and the
    /// terminal shows the logo again.
    func logoff(_ u: LoggedOnUser, forced: Bool = false) {
        destroyVirtualMachine(for: u)
        let connect = Date().timeIntervalSince(u.logonTime)
        let (virtual, total) = cpuTimes(u)
        let summary = "CONNECT= \(CPTime.duration(connect)) VIRTCPU= \(CPTime.cpu(virtual)) TOTCPU= \(CPTime.cpu(total))"
        u.write([summary, "LOGOFF AT \(CPTime.stamp())" + (forced ? " BY SYSTEM" : "")])
        users[u.userid] = nil
        if let s = u.session {
            s.state = .logo
            s.terminal.write(lines: ["", "VM/370 ONLINE"])
        }
        u.session = nil
        operatorMessage("\(u.userid) LOGOFF USERS = \(users.count)" + (forced ? " FORCED" : ""))
    }

    /// DISCONNECT: the terminal goes back to the logo; the virtual machine keeps running.
    func disconnect(_ u: LoggedOnUser) {
        guard let s = u.session else { return }
        s.terminal.write(lines: ["DISCONNECT AT \(CPTime.stamp())", "", "VM/370 ONLINE"])
        s.state = .logo
        u.session = nil
        u.disconnectTime = Date()
        operatorMessage("\(u.userid) DISCONNECTED USERS = \(users.count)")
    }

    /// A terminal went away: a logged-on user there is disconnected.
    func terminalGone(_ s: Session) {
        if let u = s.user {
            u.session = nil
            u.disconnectTime = Date()
            operatorMessage("\(u.userid) DISCONNECTED (LINE DROPPED) USERS = \(users.count)")
        }
        s.state = .logo
    }

    /// A line number for QUERY NAMES.
    func nextLineNumber() -> Int {
        lineCounter += 1
        return lineCounter
    }

    /// A line to the operator's console (the system log).
    func operatorMessage(_ text: String) {
        log(text)
        if let op = users["OPERATOR"], op.acceptMessages, op.session != nil, users.count > 0 {
            // The operator sees events of other users only.
            if !text.hasPrefix("OPERATOR ") { op.write([text]) }
        }
    }

    /// The logon's `FILES:` line.
    func logonFileSummary(_ u: LoggedOnUser) -> [String] { spoolSummary(u) }
}
