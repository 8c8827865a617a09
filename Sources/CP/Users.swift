// A logged-on user: the directory entry, the terminal session (none while
// disconnected), the virtual machine, and the session settings.

import Foundation

/// What a logged-on user's terminal is doing (VM/370's screen status).
enum ConsoleMode: Equatable {
    /// CP waits for a command (after LOGON with no IPL, the attention key, a disabled wait).
    case cpRead
    /// The guest waits for console input.
    case vmRead
    /// The guest runs.
    case running
}

/// A user logged on to CP.
final class LoggedOnUser {
    let entry: UserEntry
    var userid: String { entry.userid }
    /// The session at whose terminal the user is, or nil when disconnected.
    var session: Session?
    let logonTime = Date()
    var disconnectTime: Date? = nil
    /// SET MSG, SET WNG.
    var acceptMessages = true
    var acceptWarnings = true
    /// SET RUN ON: the guest keeps running in CP mode.
    var runInCPMode = false
    /// What the console is doing.
    var mode: ConsoleMode = .cpRead
    /// The line number CP gave the user's terminal (QUERY NAMES shows it).
    var lineNumber: Int
    /// The user's virtual machine.
    var vm: VirtualMachine?

    init(entry: UserEntry, lineNumber: Int) {
        self.entry = entry
        self.lineNumber = lineNumber
    }

    /// Whether the user holds any of `classes`.
    func holds(_ classes: Set<Character>) -> Bool { !entry.classes.isDisjoint(with: classes) }

    /// Lines for the user's terminal, dropped while disconnected.
    func write(_ lines: [String]) { session?.terminal.write(lines: lines) }
}

/// A terminal's session with CP.
final class Session {
    enum State {
        /// The logo is shown; only LOGON and a few commands are taken.
        case logo
        /// LOGON asked for the password of this userid.
        case password(userid: String, noIPL: Bool)
        /// A user is logged on here.
        case user(LoggedOnUser)
    }
    let terminal: TerminalConnection
    var state: State = .logo
    /// Lines the guest's console read is waiting for are handed over here by CP.
    init(terminal: TerminalConnection) { self.terminal = terminal }

    var user: LoggedOnUser? {
        if case .user(let u) = state { return u }
        return nil
    }
}
