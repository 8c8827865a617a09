// The one function that maps each exit of a virtual machine's CPU to what CP
// does about it (STYLE.md: Firecracker's handle_kvm_exit): trap-and-emulate
// of privileged instructions, reflection of interruptions through the guest's
// low storage, virtual I/O on the machine's own channel subsystem, DIAGNOSE,
// shadow-table misses, and the waits.

import Channels
import DATBox
import S370CPU

/// What the dispatcher does after an exit.
enum ExitOutcome {
    /// Run the machine on.
    case resume
    /// The machine stops running (a wait, CP READ); the slice ends.
    case stop
}

extension ControlProgram {
    /// Handles one exit of `vm`'s CPU.
    func handleExit(_ exit: Exit, of vm: VirtualMachine) -> ExitOutcome {
        let cpu = vm.cpu
        switch exit {
        case .budgetExhausted:
            return .resume

        case .waitState:
            vm.exits.waits += 1
            return waitState(vm)

        case .io(let op, let address, _):
            vm.exits.io += 1
            cpu.psw.cc = vm.channels.perform(ioInstruction(op), address: UInt16(address & 0xFFFF),
                                             lowCore: LowCoreAddresses(prefix: cpu.datBox.prefix))
            cpu.ioPendingChannels = vm.channels.pendingChannels
            if vm.tracing { traceLine(vm, "I/O \(op) \(hexAddress3(UInt16(address & 0xFFF))) CC \(cpu.psw.cc)") }
            return .resume

        case .ioInterruption:
            vm.exits.ioInterruptions += 1
            presentIOInterruption(vm)
            return .resume

        case .diagnose(let r1, let r3, let address, let ilc):
            vm.exits.diagnose += 1
            return diagnose(vm, rx: Int(r1), ry: Int(r3), code: address & 0xFFFF, ilc: ilc)

        case .signalProcessor(let r1, let r3, _, _):
            // A virtual machine has one CPU, at address 0: any other address is not operational.
            _ = r1
            cpu.psw.cc = cpu.gpr[Int(r3)] & 0xFFFF == 0 ? 0 : 3
            return .resume

        case .direct(_, _, _, let ilc):
            // No direct-control feature in a virtual machine.
            cpu.programInterruption(ProgramInterruptionCode.operation.rawValue, ilc: ilc)
            return .resume

        case .intercepted(let instruction, let ilc):
            vm.exits.privileged += 1
            let name = Disassembler.text(instruction).split(separator: " ").first.map(String.init) ?? "?"
            vm.exits.privilegedByOperation[name, default: 0] += 1
            return emulate(vm, instruction: instruction, ilc: ilc)

        case .programInterruption(let code, let ilc):
            vm.exits.programReflected += 1
            if vm.tracing { traceLine(vm, "PROGRAM INTERRUPT CODE \(hex(UInt64(code), digits: 4)) ILC \(ilc)") }
            cpu.programInterruption(code, ilc: ilc)
            return .resume

        case .supervisorCall(let number, let ilc):
            vm.exits.svcReflected += 1
            if vm.tracing { traceLine(vm, "SVC \(number)") }
            cpu.supervisorCallInterruption(number, ilc: ilc)
            return .resume

        case .translationMiss(let address):
            vm.exits.shadowMisses += 1
            return shadowMiss(vm, address: address)

        case .addressStop:
            // VM/370: the stop is taken once; the user resumes with BEGIN.
            vm.adstop = nil
            cpu.addressStop = nil
            vm.state = .stopped
            enterCPRead(vm.user, reason: "ADSTOP AT \(hex(UInt64(cpu.psw.instructionAddress), digits: 6))")
            return .stop

        case .checkStop:
            enterCPRead(vm.user, reason: "CP ENTERED; CHECK STOP")
            vm.state = .stopped
            return .stop
        }
    }

    /// The CPU's I/O instruction as the channel subsystem names it.
    func ioInstruction(_ op: IOOperation) -> IOInstruction {
        switch op {
        case .startIO: return .startIO
        case .startIOFastRelease: return .startIOFastRelease
        case .testIO: return .testIO
        case .clearIO: return .clearIO
        case .haltIO: return .haltIO
        case .haltDevice: return .haltDevice
        case .testChannel: return .testChannel
        case .clearChannel: return .clearChannel
        case .storeChannelID: return .storeChannelID
        }
    }

    /// Presents the I/O interruption the guest is enabled for.
    func presentIOInterruption(_ vm: VirtualMachine) {
        let cpu = vm.cpu
        let cswAddress = cpu.datBox.absolute(real: 64)
        if let device = vm.channels.presentInterruption(enabled: { cpu.ioEnabled(channel: $0) }, cswAddress: cswAddress) {
            cpu.ioInterruption(device: device)
            if vm.tracing { traceLine(vm, "I/O INTERRUPT \(hexAddress3(device))") }
        }
        cpu.ioPendingChannels = vm.channels.pendingChannels
    }

    /// Trap-and-emulate of a privileged instruction in the virtual supervisor
    /// state: the machine's CPU performs it against the machine's own state;
    /// CP adds what a virtual machine differs in (the shadow tables).
    func emulate(_ vm: VirtualMachine, instruction: UInt64, ilc: UInt8) -> ExitOutcome {
        let cpu = vm.cpu
        let op = UInt8(truncatingIfNeeded: instruction >> 56)
        let op2 = UInt8(truncatingIfNeeded: instruction >> 48)
        if let inner = cpu.performIntercepted(instruction, ilc: ilc) {
            return handleExit(inner, of: vm)
        }
        // PTLB, IPTE and LCTL (of CR0/CR1) invalidate the shadow tables (VM/370, SPG p100).
        if op == 0xB7 || (op == 0xB2 && (op2 == 0x0D || op2 == 0x21)) {
            vm.shadowTables?.invalidateAll()
        }
        return .resume
    }

    /// A shadow-table miss: walk the guest's own tables; fill the shadow entry,
    /// or reflect the translation exception the guest's tables give.
    func shadowMiss(_ vm: VirtualMachine, address: UInt32) -> ExitOutcome {
        let cpu = vm.cpu
        let cr0 = cpu.cr[0], cr1 = cpu.cr[1]
        switch Translation.walk(address, cr0: cr0, cr1: cr1, storage: vm.storage, prefix: cpu.datBox) {
        case .translated(let real):
            if let f = Translation.format(cr0: cr0) {
                vm.shadowTables?.insert(space: cr1 & 0x00FF_FFC0, virtual: address, real: real, pageShift: f.pageShift)
            }
        case .segmentInvalid, .lengthViolation(segment: true):
            reflectTranslationException(vm, code: 0x10, address: address)
        case .pageInvalid, .lengthViolation(segment: false):
            reflectTranslationException(vm, code: 0x11, address: address)
        case .exception(let x):
            reflectTranslationException(vm, code: x.rawValue, address: address)
        }
        return .resume
    }

    /// Reflects a translation exception found for the guest: the instruction is
    /// already nullified (the PSW points at it).
    func reflectTranslationException(_ vm: VirtualMachine, code: UInt16, address: UInt32) {
        let cpu = vm.cpu
        let inst = cpu.peekInstruction(at: cpu.psw.instructionAddress)
        let ilc = UInt8([1, 2, 2, 3][Int(inst >> 62)])
        // (The exception address at real 144 is the one the shadow miss recorded.)
        vm.exits.programReflected += 1
        if code == 0x10 || code == 0x11 {
            cpu.programInterruption(code, ilc: ilc)
        } else {
            // Addressing and translation-specification exceptions suppress: past the instruction.
            cpu.psw.instructionAddress = (cpu.psw.instructionAddress &+ UInt32(ilc) * 2) & 0x00FF_FFFF
            cpu.programInterruption(code, ilc: ilc)
        }
    }

    /// The guest entered the wait state.
    func waitState(_ vm: VirtualMachine) -> ExitOutcome {
        let cpu = vm.cpu
        let enabled = cpu.psw.externalMask || cpu.enabledChannels != 0
        if !enabled {
            vm.state = .stopped
            enterCPRead(vm.user, reason: "CP ENTERED; DISABLED WAIT PSW '\(cpu.psw)'")
            return .stop
        }
        // Device work that is due wakes it at once; otherwise it waits.
        if let next = vm.channels.nextEventTime {
            vm.channels.now = max(vm.channels.now, next)
            vm.channels.processDueEvents()
            cpu.ioPendingChannels = vm.channels.pendingChannels
            if cpu.ioPendingChannels & cpu.enabledChannels != 0 { return .resume }
        }
        vm.state = .enabledWait
        return .stop
    }
}
