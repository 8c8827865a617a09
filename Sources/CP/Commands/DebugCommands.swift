// DISPLAY, STORE, TRACE, ADSTOP and INDICATE: looking into and at a virtual
// machine (vm370-reference.md, 1.2).

import DATBox
import Records
import S370CPU

extension ControlProgram {
    static let debugCommands: [CPCommand] = [
        CPCommand(name: "DISPLAY", minimum: 1, classes: ["G"], beforeLogon: false) { try $0.cp.display($0) },
        CPCommand(name: "STORE", minimum: 3, classes: ["G"], beforeLogon: false) { try $0.cp.store($0) },
        CPCommand(name: "TRACE", minimum: 2, classes: ["G"], beforeLogon: false) { try $0.cp.trace($0) },
        CPCommand(name: "ADSTOP", minimum: 2, classes: ["G"], beforeLogon: false) { try $0.cp.adstopCommand($0) },
        CPCommand(name: "INDICATE", minimum: 3, classes: ["G"], beforeLogon: false) { try $0.cp.indicate($0) },
    ]

    /// DISPLAY Lhexloc[-end] | Ghexloc | G[n] | Y[n] | X[n] | PSW | CAW | CSW (hexloc alone means L).
    func display(_ ctx: CommandContext) throws {
        let (_, vm) = try machine(ctx)
        let cpu = vm.cpu
        let items = ctx.operands.isEmpty ? ["G", "PSW"] : ctx.operands
        for item in items {
            switch item {
            case "PSW": ctx.say("PSW = \(cpu.psw)")
            case "CAW": ctx.say("CAW = \(hex32(vm.storage.word(at: cpu.datBox.absolute(real: 72))))")
            case "CSW":
                let a = cpu.datBox.absolute(real: 64)
                ctx.say("CSW = \(hex32(vm.storage.word(at: a))) \(hex32(vm.storage.word(at: a + 4)))")
            case "G", "R":
                for row in 0..<4 {
                    ctx.say("GPR \(String(format: "%2d", row * 4)) = " + (0..<4).map { hex32(cpu.gpr[row * 4 + $0]) }.joined(separator: " "))
                }
            case "Y":
                for k in 0..<4 { ctx.say("FPR \(k * 2) = \(hex(cpu.fpr[k], digits: 16))") }
            case "X":
                for row in 0..<4 {
                    ctx.say("CR  \(String(format: "%2d", row * 4)) = " + (0..<4).map { hex32(cpu.cr[row * 4 + $0]) }.joined(separator: " "))
                }
            default:
                if let first = item.first, "GXY".contains(first), let n = Int(item.dropFirst()), (0..<16).contains(n) {
                    switch first {
                    case "G": ctx.say("GPR \(n) = \(hex32(cpu.gpr[n]))")
                    case "X": ctx.say("CR \(n) = \(hex32(cpu.cr[n]))")
                    default:
                        guard n % 2 == 0, n < 8 else { throw CPMessage.invalidOption(item) }
                        ctx.say("FPR \(n) = \(hex(cpu.fpr[n / 2], digits: 16))")
                    }
                    continue
                }
                try displayStorage(ctx, vm, item)
            }
        }
    }

    /// Lines of storage, 16 bytes each, with the EBCDIC beside.
    func displayStorage(_ ctx: CommandContext, _ vm: VirtualMachine, _ item: String) throws {
        var spec = item
        if spec.hasPrefix("L") || spec.hasPrefix("K") || spec.hasPrefix("T") { spec.removeFirst() }
        let parts = spec.split(separator: "-", maxSplits: 1).map(String.init)
        guard let start = parts.first.flatMap({ UInt32($0, radix: 16) }) else { throw CPMessage.invalidOption(item) }
        var end = start + 15
        if parts.count == 2 {
            guard let e = UInt32(parts[1], radix: 16), e >= start else { throw CPMessage.invalidOption(item) }
            end = min(e, start + 0xFFF)
        }
        guard Int(start) < vm.storage.size else {
            throw CPMessage(id: "DMKCDS009E", code: 9, text: "ADDRESS EXCEEDS STORAGE - \(hex(UInt64(start), digits: 6))")
        }
        end = min(end, UInt32(vm.storage.size - 1))
        var a = start & ~15
        while a <= end {
            let bytes = vm.storage.bytes(at: a, count: 16)
            let words = stride(from: 0, to: 16, by: 4).map { i in bytes[i..<i + 4].map { hex(UInt64($0), digits: 2) }.joined() }
            ctx.say("\(hex(UInt64(a), digits: 6))  \(words.joined(separator: " "))  *\(EBCDIC.decode(bytes, printable: true))*")
            a += 16
        }
    }

    /// STORE Lhexloc data... | Gn data... | PSW data | X n data.
    func store(_ ctx: CommandContext) throws {
        let (_, vm) = try machine(ctx)
        let o = ctx.operands
        guard o.count >= 2 else { throw CPMessage.missingOperand("STORE OPERAND") }
        let values = try o.dropFirst().map { s -> UInt32 in
            guard let v = UInt32(s, radix: 16) else { throw CPMessage.invalidOption(s) }
            return v
        }
        if o[0] == "PSW" {
            guard values.count == 2 else { throw CPMessage.missingOperand("PSW") }
            vm.cpu.loadPSW(PSW(UInt64(values[0]) << 32 | UInt64(values[1])))
        } else if o[0].hasPrefix("G"), let n = Int(o[0].dropFirst()), (0..<16).contains(n) {
            for (k, v) in values.enumerated() where n + k < 16 { vm.cpu.gpr[n + k] = v }
        } else if o[0].hasPrefix("X"), let n = Int(o[0].dropFirst()), (0..<16).contains(n) {
            for (k, v) in values.enumerated() where n + k < 16 { vm.cpu.cr[n + k] = v }
            vm.cpu.controlRegistersChanged()
        } else {
            var spec = o[0]
            if spec.hasPrefix("L") { spec.removeFirst() }
            guard var a = UInt32(spec, radix: 16) else { throw CPMessage.invalidOption(o[0]) }
            for (k, s) in o.dropFirst().enumerated() {
                let v = values[k]
                let n = (s.count + 1) / 2
                for b in 0..<n {
                    guard Int(a) < vm.storage.size else {
                        throw CPMessage(id: "DMKCDS009E", code: 9, text: "ADDRESS EXCEEDS STORAGE - \(hex(UInt64(a), digits: 6))")
                    }
                    vm.storage.setByte(UInt8(truncatingIfNeeded: v >> UInt32(8 * (n - 1 - b))), at: a)
                    a += 1
                }
            }
            vm.cpu.datBox.purgeAll()
        }
        ctx.say("STORE COMPLETE")
    }

    /// TRACE INSTRUCT|BRANCH|SVC|PROGRAM|PRIV|SIO|IO|ALL|END.
    func trace(_ ctx: CommandContext) throws {
        let (u, vm) = try machine(ctx)
        let o = Set(ctx.operands)
        guard !o.isEmpty else { throw CPMessage.missingOperand("TRACE OPERAND") }
        if o.contains("END") || o.contains("OFF") {
            vm.tracing = false
            vm.cpu.tracer = nil
            ctx.say("TRACE ENDED")
            return
        }
        let known: Set<String> = ["INSTRUCT", "INST", "BRANCH", "SVC", "PROGRAM", "PRIV", "SIO", "IO", "ALL", "INTERRUPT", "EXTERNAL",
                                  "PRINTER", "TERMINAL", "BOTH", "RUN", "NORUN"]
        for x in o where !known.contains(x) { throw CPMessage.invalidOption(x) }
        vm.tracing = true
        if o.contains("INSTRUCT") || o.contains("INST") || o.contains("ALL") || o.contains("BRANCH") {
            let branchesOnly = !(o.contains("INSTRUCT") || o.contains("INST") || o.contains("ALL"))
            var last: (UInt32, UInt32)? = nil
            vm.cpu.tracer = { [unowned u] cpu, ia, inst in
                if branchesOnly {
                    defer { last = (ia, UInt32([2, 4, 4, 6][Int(inst >> 62)])) }
                    guard let (pa, pl) = last, (pa + pl) & 0x00FF_FFFF != ia else { return }
                    u.write(["*** BRANCH \(hex(UInt64(pa), digits: 6)) => \(hex(UInt64(ia), digits: 6))"])
                } else {
                    u.write(["*** \(Disassembler.traceLine(cpu: cpu, address: ia, instruction: inst))"])
                }
            }
        }
        _ = u
    }

    /// ADSTOP hexloc|OFF.
    func adstopCommand(_ ctx: CommandContext) throws {
        let (_, vm) = try machine(ctx)
        guard let s = ctx.operands.first else { throw CPMessage.missingOperand("ADSTOP OPERAND") }
        if s == "OFF" {
            vm.adstop = nil
            vm.cpu.addressStop = nil
            return
        }
        guard let a = UInt32(s, radix: 16), a & 1 == 0 else { throw CPMessage.invalidOption(s) }
        vm.adstop = a & 0x00FF_FFFF
        vm.cpu.addressStop = a & 0x00FF_FFFF
    }

    /// INDICATE: the machine's instructions, CPU time, exits by reason, I/O and pages.
    func indicate(_ ctx: CommandContext) throws {
        let (u, vm) = try machine(ctx)
        let (v, t) = cpuTimes(u)
        let e = vm.exits
        ctx.say("INSTRUCTIONS= \(vm.cpu.instructionCount) VIRTCPU= \(CPTime.cpu(v)) TOTCPU= \(CPTime.cpu(t))")
        ctx.say("EXITS= \(e.total) PRIV= \(e.privileged) PROGRAM= \(e.programReflected) SVC= \(e.svcReflected) IO= \(e.io) IOINT= \(e.ioInterruptions) DIAG= \(e.diagnose) WAIT= \(e.waits) SHADOW= \(e.shadowMisses)")
        if !e.privilegedByOperation.isEmpty {
            ctx.say("PRIV BY OPERATION: " + e.privilegedByOperation.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " "))
        }
        let stats = vm.cpu.datBox.statistics
        ctx.say("PAGES= \(vm.storage.size / 4096) TLB FILLS= \(stats.fills) PURGES= \(stats.purges) ASSIST \(vm.cpu.interception.assist ? "ON" : "OFF") PAGING \(vm.shadowTables == nil ? "NESTED" : "SHADOW \(vm.shadowTables!.count)")")
    }
}
