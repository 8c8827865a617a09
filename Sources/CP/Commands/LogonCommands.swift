// LOGON, LOGOFF and DISCONNECT as commands (the conversation is in Logon.swift).

extension ControlProgram {
    static let logonCommands: [CPCommand] = [
        CPCommand(name: "LOGON", minimum: 1, classes: [], beforeLogon: true) { ctx in
            guard ctx.user == nil else {
                throw CPMessage(id: "DMKCFC050E", code: 50, text: "ALREADY LOGGED ON")
            }
            try ctx.cp.beginLogon(ctx)
        },
        CPCommand(name: "LOGIN", minimum: 5, classes: [], beforeLogon: true) { ctx in
            guard ctx.user == nil else {
                throw CPMessage(id: "DMKCFC050E", code: 50, text: "ALREADY LOGGED ON")
            }
            try ctx.cp.beginLogon(ctx)
        },
        CPCommand(name: "LOGOFF", minimum: 4, classes: [], beforeLogon: false) { ctx in
            guard let u = ctx.user else { return }
            ctx.cp.logoff(u)
        },
        CPCommand(name: "LOGOUT", minimum: 4, classes: [], beforeLogon: false) { ctx in
            guard let u = ctx.user else { return }
            ctx.cp.logoff(u)
        },
        CPCommand(name: "DISCONN", minimum: 4, classes: [], beforeLogon: false) { ctx in
            guard let u = ctx.user else { return }
            ctx.cp.disconnect(u)
        },
        CPCommand(name: "DISCONNECT", minimum: 4, classes: [], beforeLogon: false) { ctx in
            guard let u = ctx.user else { return }
            ctx.cp.disconnect(u)
        },
    ]
}
