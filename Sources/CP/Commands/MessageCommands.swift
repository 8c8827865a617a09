// MSG and WARNING: lines from one user (or the operator) to others.

extension ControlProgram {
    static let messageCommands: [CPCommand] = [
        CPCommand(name: "MESSAGE", minimum: 1, classes: [], beforeLogon: true) { ctx in
            try ctx.cp.message(ctx, warning: false)
        },
        CPCommand(name: "MSG", minimum: 1, classes: [], beforeLogon: true) { ctx in
            try ctx.cp.message(ctx, warning: false)
        },
        CPCommand(name: "WARNING", minimum: 4, classes: ["A", "B"], beforeLogon: false) { ctx in
            try ctx.cp.message(ctx, warning: true)
        },
    ]

    /// MSG userid|OPERATOR|*|ALL text; WARNING userid|ALL text.
    func message(_ ctx: CommandContext, warning: Bool) throws {
        guard let target = ctx.operands.first else { throw CPMessage.missingOperand("USERID") }
        let text = String(ctx.rawOperands.dropFirst(target.count)).trimmingCharacters(in: .whitespaces)
        let from = ctx.user?.userid ?? "(LOGO)"
        let line = warning ? "WNG FROM \(from): \(text)" : "MSG FROM \(from): \(text)"
        if target == "ALL" {
            guard warning || ctx.user?.holds(["A", "B"]) == true else { throw CPMessage.invalidOption("ALL") }
            for u in users.values where u.userid != from && (warning ? u.acceptWarnings : u.acceptMessages) {
                u.write([line])
            }
            return
        }
        let name = target == "*" ? from : target
        guard let u = users[name] else { throw CPMessage.notLoggedOn(name) }
        if warning ? u.acceptWarnings : u.acceptMessages {
            u.write([line])
        } else {
            throw CPMessage(id: "DMKMSG057W", code: 57, text: "\(name) NOT RECEIVING; \(warning ? "WNG" : "MSG") OFF")
        }
        if u.session == nil {
            ctx.say("DMKMSG045E \(name) NOT RECEIVING; DISCONNECTED")
        }
    }
}
