// The operator's commands: SHUTDOWN, FORCE (class A).

extension ControlProgram {
    static let operatorCommands: [CPCommand] = [
        CPCommand(name: "SHUTDOWN", minimum: 8, classes: ["A"], beforeLogon: false) { ctx in
            ctx.cp.operatorMessage("SYSTEM SHUTDOWN BY \(ctx.user?.userid ?? "?")")
            for u in ctx.cp.users.values where u !== ctx.user {
                u.write(["DMKCKS960I SYSTEM SHUTDOWN IN PROGRESS"])
            }
            ctx.cp.shutdownRequested = true
        },
        CPCommand(name: "FORCE", minimum: 5, classes: ["A"], beforeLogon: false) { ctx in
            guard let id = ctx.operands.first else { throw CPMessage.missingOperand("USERID") }
            guard let u = ctx.cp.users[id] else { throw CPMessage.notLoggedOn(id) }
            let line = u.session?.terminal.terminalName ?? "DSC"
            ctx.cp.logoff(u, forced: true)
            ctx.say("\(line) LOGOFF AS \(id) USERS = \(String(format: "%03d", ctx.cp.users.count)) FORCED")
        },
    ]
}
