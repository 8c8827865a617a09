// QUERY: USERS, NAMES, TIME, VIRTUAL, STORAGE, SET, a userid, and (for the
// operator) ALL. The spool operands (RDR, PRT, PUN, FILES) are in SpoolCommands.

import Foundation

extension ControlProgram {
    static let queryCommands: [CPCommand] = [
        CPCommand(name: "QUERY", minimum: 1, classes: [], beforeLogon: false) { ctx in
            try ctx.cp.query(ctx)
        },
    ]

    func query(_ ctx: CommandContext) throws {
        guard let u = ctx.user else { return }
        let what = ctx.operands.first ?? ""
        switch what {
        case "USERS", "USER", "U":
            let dialed = 0
            ctx.say(String(format: "%5d USERS, %4d DIALED", users.count, dialed))
        case "NAMES", "NAME", "N":
            ctx.say(contentsOf: namesLines())
        case "TIME", "T":
            ctx.say("TIME IS \(CPTime.stamp())")
            let (v, t) = cpuTimes(u)
            ctx.say("CONNECT= \(CPTime.duration(Date().timeIntervalSince(u.logonTime))) VIRTCPU= \(CPTime.cpu(v)) TOTCPU= \(CPTime.cpu(t))")
        case "VIRTUAL", "V":
            try queryVirtual(ctx, u, Array(ctx.operands.dropFirst()))
        case "STORAGE", "STOR":
            guard let vm = u.vm else { return }
            ctx.say("STORAGE = \(storageText(vm.storage.size))")
        case "SET":
            ctx.say("MSG \(u.acceptMessages ? "ON" : "OFF"), WNG \(u.acceptWarnings ? "ON" : "OFF"), RUN \(u.runInCPMode ? "ON" : "OFF")")
            if let vm = u.vm {
                ctx.say("ASSIST \(vm.assist ? "ON" : "OFF")\(vm.cpu.interception.assist ? "" : " (INACTIVE)"), PAGING \(vm.shadowTables == nil ? "NESTED" : "SHADOW"), TIMER \(vm.realTimer ? "REAL" : "ON")")
            }
        case "ALL":
            guard u.holds(["A", "B", "C", "D", "E"]) else { throw CPMessage.invalidOption(what) }
            for v in users.values.sorted(by: { $0.userid < $1.userid }) {
                let state = v.session == nil ? "DSC" : v.session!.terminal.terminalName
                let vmState = v.vm.map { "\($0.state)".uppercased() } ?? "-"
                ctx.say("\(padRight(v.userid, 8)) \(state) \(vmState) \(v.vm.map { storageText($0.storage.size) } ?? "")")
            }
        case "FILES", "RDR", "READER", "PRT", "PRINTER", "PUN", "PUNCH":
            try querySpool(ctx, u)
        case "":
            throw CPMessage.missingOperand("QUERY OPERAND")
        default:
            // QUERY userid.
            if let other = users[what] {
                let at = other.session.map { $0.terminal.terminalName } ?? "DSC"
                ctx.say("\(padRight(other.userid, 8)) - \(at)")
            } else if directory.user(what) != nil {
                throw CPMessage.notLoggedOn(what)
            } else {
                throw CPMessage.invalidOption(what)
            }
        }
    }

    /// QUERY NAMES: the logged-on users, four to a line, with their lines.
    func namesLines() -> [String] {
        let items = users.values.sorted { $0.userid < $1.userid }.map { u -> String in
            let where_ = u.session == nil ? "DSC " : (u.userid == "OPERATOR" ? "SYSC" : String(format: "%03d ", u.lineNumber))
            return "\(padRight(u.userid, 8)) - \(where_)"
        }
        var lines: [String] = []
        var i = 0
        while i < items.count {
            lines.append(items[i..<min(i + 4, items.count)].joined(separator: " , "))
            i += 4
        }
        return lines
    }

    /// QUERY VIRTUAL [devices|STORAGE|CONSOLE|...].
    func queryVirtual(_ ctx: CommandContext, _ u: LoggedOnUser, _ o: [String]) throws {
        guard let vm = u.vm else { return }
        if o.first == "STORAGE" || o.first == "STOR" || o.isEmpty {
            ctx.say("STORAGE = \(storageText(vm.storage.size))")
            if o.first != nil { return }
        }
        for (a, device) in vm.channels.devices.sorted(by: { $0.address < $1.address }) {
            let kind = vm.deviceKinds[a] ?? "DEV"
            var line = "\(kind) \(hexAddress3(a)) ON DEV \(device.deviceType)"
            if let l = vm.minidiskLinks[a] {
                line = "DASD \(hexAddress3(a)) \(device.deviceType) \(l.owner) \(hexAddress3(l.address)) \(l.write ? "R/W" : "R/O")"
            } else if let spool = spoolDescription(vm, a) {
                line = spool
            }
            ctx.say(line)
        }
    }

    /// A storage size as CP writes it: 512K, 1M, 16M.
    func storageText(_ bytes: Int) -> String {
        bytes % (1 << 20) == 0 ? "\(bytes >> 20)M" : "\(bytes >> 10)K"
    }
}

extension CommandContext {
    func say(contentsOf lines: [String]) { output += lines }
}

/// `s` padded with blanks to `n` characters.
func padRight(_ s: String, _ n: Int) -> String {
    s.count >= n ? s : s + String(repeating: " ", count: n - s.count)
}
