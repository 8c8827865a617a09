// The commands that act on the user's own virtual machine: IPL, BEGIN,
// DEFINE, DETACH, LINK, SET, TERMINAL, SYSTEM, REQUEST. DISPLAY, STORE, TRACE,
// ADSTOP and INDICATE are in DebugCommands.swift.

import Channels
import DATBox
import Records

extension ControlProgram {
    static let machineCommands: [CPCommand] = [
        CPCommand(name: "IPL", minimum: 1, classes: ["G"], beforeLogon: false) { try $0.cp.iplCommand($0) },
        CPCommand(name: "BEGIN", minimum: 1, classes: ["G"], beforeLogon: false) { try $0.cp.begin($0) },
        CPCommand(name: "DEFINE", minimum: 3, classes: ["G"], beforeLogon: false) { try $0.cp.define($0) },
        CPCommand(name: "DETACH", minimum: 3, classes: ["G"], beforeLogon: false) { try $0.cp.detach($0) },
        CPCommand(name: "LINK", minimum: 2, classes: ["G"], beforeLogon: false) { try $0.cp.link($0, directoryLink: $0.directoryLink) },
        CPCommand(name: "SET", minimum: 3, classes: ["G"], beforeLogon: false) { try $0.cp.set($0) },
        CPCommand(name: "TERMINAL", minimum: 4, classes: ["G"], beforeLogon: false) { try $0.cp.terminalCommand($0) },
        CPCommand(name: "SYSTEM", minimum: 3, classes: ["G"], beforeLogon: false) { try $0.cp.systemCommand($0) },
        CPCommand(name: "REQUEST", minimum: 3, classes: ["G"], beforeLogon: false) { try $0.cp.request($0) },
    ] + debugCommands + spoolCommands

    func machine(_ ctx: CommandContext) throws -> (LoggedOnUser, VirtualMachine) {
        guard let u = ctx.user, let vm = u.vm else { throw CPMessage.unknownCommand("?") }
        return (u, vm)
    }

    /// IPL vaddr|sysname [CLEAR] [PARM string].
    func iplCommand(_ ctx: CommandContext) throws {
        let (u, vm) = try machine(ctx)
        guard let what = ctx.operands.first else { throw CPMessage.missingOperand("DEVICE ADDRESS OR SYSTEM NAME") }
        let clear = ctx.operands.dropFirst().contains("CLEAR")
        guard let address = Directory.deviceAddress(what) else {
            throw CPMessage(id: "DMKCFG011E", code: 11, text: "SYSTEM \(what) DOES NOT EXIST")
        }
        guard vm.channels.device(at: address) != nil else { throw CPMessage.deviceNotDefined(address) }
        switch vm.ipl(from: address, clear: clear) {
        case .success:
            if let i = ctx.operands.firstIndex(of: "PARM") {
                // PARM: the string in general registers 0-15 as EBCDIC, as VM/370 passes it.
                let parm = ctx.operands[(i + 1)...].joined(separator: " ")
                passParm(parm, to: vm)
            }
            u.mode = .running
        case .failure(let e):
            vm.state = .stopped
            throw CPMessage(id: "DMKCFG013E", code: 13, text: "IPL \(hexAddress3(address)) FAILED: \(e.message)")
        }
    }

    /// The PARM string of IPL, in EBCDIC, 8 characters to a register pair from R0.
    func passParm(_ parm: String, to vm: VirtualMachine) {
        let bytes = Array(EBCDIC.encode(parm).prefix(64))
        for r in 0..<16 {
            var v: UInt32 = 0
            for k in 0..<4 {
                let i = r * 4 + k
                v = v << 8 | UInt32(i < bytes.count ? bytes[i] : 0x40)
            }
            vm.cpu.gpr[r] = v
        }
    }

    /// BEGIN [hexloc].
    func begin(_ ctx: CommandContext) throws {
        let (u, vm) = try machine(ctx)
        if let a = ctx.operands.first {
            guard let v = UInt32(a, radix: 16) else { throw CPMessage.invalidOption(a) }
            vm.cpu.psw.instructionAddress = v & 0x00FF_FFFF
        }
        if vm.state == .stopped { vm.state = vm.cpu.psw.wait ? .enabledWait : .running }
        u.mode = vm.channels.isWaitingForDevice(vm.consoleAddress) ? .vmRead : .running
    }

    /// DEFINE STORAGE nnnK|nnM (up to the directory maximum; resets the machine).
    func define(_ ctx: CommandContext) throws {
        let (u, vm) = try machine(ctx)
        let o = ctx.operands
        guard o.count >= 2 else { throw CPMessage.missingOperand("DEFINE OPERAND") }
        if o[0] == "STORAGE" || o[0] == "STOR" {
            guard let size = Directory.storageSize(o[1]) else { throw CPMessage.invalidOption(o[1]) }
            guard size <= u.entry.maximumStorage else {
                throw CPMessage(id: "DMKDEF094E", code: 94, text: "STORAGE EXCEEDS ALLOWED MAXIMUM")
            }
            try vm.redefineStorage(size)
            ctx.say("STORAGE = \(storageText(size))")
            enterCPRead(u, reason: "CP ENTERED; STORAGE REDEFINED")
            return
        }
        try defineDevice(ctx, u, vm)
    }

    /// DETACH vaddr.
    func detach(_ ctx: CommandContext) throws {
        let (u, vm) = try machine(ctx)
        guard let s = ctx.operands.first, let a = Directory.deviceAddress(s) else { throw CPMessage.invalidDevice(ctx.operands.first ?? "") }
        guard let kind = vm.deviceKinds[a] else { throw CPMessage.deviceNotDefined(a) }
        dropLinks(user: u.userid, address: a)
        closeSpoolDevice(u, vm, a)
        try vm.detach(a)
        ctx.say("\(kind) \(hexAddress3(a)) DETACHED")
    }

    /// SET MSG|WNG|RUN|ASSIST|PAGING|TIMER ...
    func set(_ ctx: CommandContext) throws {
        guard let u = ctx.user else { return }
        let o = ctx.operands
        guard o.count >= 2 else { throw CPMessage.missingOperand("SET OPERAND") }
        func onOff(_ s: String) throws -> Bool {
            switch s { case "ON": return true; case "OFF": return false; default: throw CPMessage.invalidOption(s) }
        }
        switch o[0] {
        case "MSG": u.acceptMessages = try onOff(o[1])
        case "WNG": u.acceptWarnings = try onOff(o[1])
        case "RUN": u.runInCPMode = try onOff(o[1])
        case "ASSIST":
            guard let vm = u.vm else { return }
            vm.assist = try onOff(o[1])
        case "PAGING":
            guard let vm = u.vm else { return }
            switch o[1] {
            case "SHADOW": vm.shadowTables = vm.shadowTables ?? ShadowTables()
            case "NESTED": vm.shadowTables = nil
            default: throw CPMessage.invalidOption(o[1])
            }
            vm.configureCPU()
        case "TIMER":
            guard let vm = u.vm else { return }
            switch o[1] {
            case "ON", "OFF": vm.cpu.intervalTimerEnabled = o[1] == "ON"; vm.setRealTimer(false)
            case "REAL": vm.cpu.intervalTimerEnabled = true; vm.setRealTimer(true)
            default: throw CPMessage.invalidOption(o[1])
            }
        default:
            throw CPMessage.invalidOption(o[0])
        }
    }

    /// TERMINAL options: accepted and kept (line mode has no screen to manage).
    func terminalCommand(_ ctx: CommandContext) throws {
        guard ctx.user != nil, let first = ctx.operands.first else { throw CPMessage.missingOperand("TERMINAL OPERAND") }
        switch first {
        case "LINEND", "CHARDEL", "LINEDEL", "ESCAPE", "LINESIZE", "MODE", "APL", "MASK", "SCROLL", "ATTN", "BREAKIN":
            return
        default:
            throw CPMessage.invalidOption(first)
        }
    }

    /// SYSTEM RESET|CLEAR|RESTART.
    func systemCommand(_ ctx: CommandContext) throws {
        let (u, vm) = try machine(ctx)
        switch ctx.operands.first {
        case "RESET":
            vm.systemReset(clear: false)
            ctx.say("SYSTEM RESET")
        case "CLEAR":
            vm.systemReset(clear: true)
            ctx.say("STORAGE CLEARED - SYSTEM RESET")
        case "RESTART":
            vm.cpu.restartInterruption()
            vm.state = .running
            u.mode = .running
        default:
            throw CPMessage.invalidOption(ctx.operands.first ?? "")
        }
    }

    /// REQUEST: an attention interruption from the virtual console.
    func request(_ ctx: CommandContext) throws {
        let (u, vm) = try machine(ctx)
        vm.channels.signal(.attention, from: vm.consoleAddress)
        vm.cpu.ioPendingChannels = vm.channels.pendingChannels
        if vm.state == .enabledWait { vm.state = .running }
        resumeConsole(u)
    }
}
