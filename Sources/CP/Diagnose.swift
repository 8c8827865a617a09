// DIAGNOSE: the paravirtual interface a guest uses to ask CP for services
// (vm370-reference.md, 6.6; VM/370 SPG, "DIAGNOSE Instruction in a Virtual
// Machine"). The instruction is `83 Rx Ry code`; the code is the second-operand
// address (a multiple of 4); addresses the guest passes are guest real. An
// invalid code or operand gets a specification exception, as in VM/370.

import DATBox
import Foundation
import Records
import S370CPU

extension ControlProgram {
    /// Performs DIAGNOSE `code` for `vm`.
    func diagnose(_ vm: VirtualMachine, rx: Int, ry: Int, code: UInt32, ilc: UInt8) -> ExitOutcome {
        let cpu = vm.cpu
        func specification() -> ExitOutcome {
            cpu.programInterruption(ProgramInterruptionCode.specification.rawValue, ilc: ilc)
            return .resume
        }
        if vm.tracing { traceLine(vm, "DIAGNOSE \(hex(UInt64(code), digits: 2))") }
        switch code {
        case 0x00: return diagnoseIdentification(vm, rx: rx, ry: ry, ilc: ilc)
        case 0x08: return diagnoseCPCommand(vm, rx: rx, ry: ry, ilc: ilc)
        case 0x0C: return diagnoseTimer(vm, rx: rx, ilc: ilc)
        case 0x10: return diagnoseReleasePages(vm, rx: rx, ry: ry, ilc: ilc)
        case 0x14: return diagnoseSpool(vm, rx: rx, ry: ry, ilc: ilc)
        case 0x18: return diagnoseDiskIO(vm, rx: rx, ry: ry, ilc: ilc)
        case 0x20: return diagnoseGeneralIO(vm, rx: rx, ry: ry, ilc: ilc)
        case 0x24: return diagnoseDeviceType(vm, rx: rx, ry: ry, ilc: ilc)
        case 0x60:
            cpu.gpr[rx] = UInt32(vm.storage.size)
            return .resume
        default:
            return specification()
        }
    }

    /// Reads guest real storage; nil (with an addressing exception taken) when outside it.
    func guestBytes(_ vm: VirtualMachine, _ address: UInt32, _ count: Int, ilc: UInt8) -> [UInt8]? {
        guard count >= 0, Int(address) + count <= vm.storage.size else {
            vm.cpu.programInterruption(ProgramInterruptionCode.addressing.rawValue, ilc: ilc)
            return nil
        }
        return vm.storage.bytes(at: address, count: count)
    }

    /// Writes guest real storage; false (with an addressing exception taken) when outside it.
    func putGuestBytes(_ vm: VirtualMachine, _ bytes: [UInt8], at address: UInt32, ilc: UInt8) -> Bool {
        guard Int(address) + bytes.count <= vm.storage.size else {
            vm.cpu.programInterruption(ProgramInterruptionCode.addressing.rawValue, ilc: ilc)
            return false
        }
        vm.storage.load(bytes, at: address)
        for k in stride(from: 0, to: bytes.count, by: 2048) { vm.storage.markAccess(store: true, at: address + UInt32(k)) }
        vm.cpu.datBox.purgeAll()
        return true
    }

    /// X'00': the extended identification: system name, version, the userid.
    func diagnoseIdentification(_ vm: VirtualMachine, rx: Int, ry: Int, ilc: UInt8) -> ExitOutcome {
        var info = EBCDIC.encode("VM/370  ") + [0x06, 0x00, 0x11, 0x00] + [0, 0, 0, 0]
        info += EBCDIC.encode(padRight(vm.user.userid, 8))
        let length = min(Int(vm.cpu.gpr[ry]), info.count)
        _ = putGuestBytes(vm, Array(info.prefix(length)), at: vm.cpu.gpr[rx] & 0x00FF_FFFF, ilc: ilc)
        return .resume
    }

    /// X'08': a CP command. Rx addresses the text and Ry holds its length; with
    /// X'40' in Ry's first byte the response goes to the buffer at Rx+1, of the
    /// length in Ry+1. On return Ry holds the completion code (the message number)
    /// and Ry+1 the response length; condition code 1 when the buffer was too small.
    func diagnoseCPCommand(_ vm: VirtualMachine, rx: Int, ry: Int, ilc: UInt8) -> ExitOutcome {
        let cpu = vm.cpu
        let flags = cpu.gpr[ry] >> 24
        let length = Int(cpu.gpr[ry] & 0x00FF_FFFF)
        let u = vm.user
        if length == 0 {
            enterCPRead(u, reason: nil)
            return .stop
        }
        guard length <= 240 else {
            cpu.programInterruption(ProgramInterruptionCode.specification.rawValue, ilc: ilc)
            return .resume
        }
        guard let text = guestBytes(vm, cpu.gpr[rx] & 0x00FF_FFFF, length, ilc: ilc) else { return .resume }
        var lines: [String] = []
        var code = 0
        for command in text.split(separator: 0x15) {
            let (out, c) = execute(commandLine: EBCDIC.decode(command), user: u, session: u.session)
            lines += out
            if c != 0 { code = c }
        }
        if flags & 0x40 != 0 && ry < 15 && rx < 15 {
            let buffer = cpu.gpr[rx + 1] & 0x00FF_FFFF
            let room = Int(min(cpu.gpr[ry + 1], 8192))
            let response = EBCDIC.encode(lines.joined(separator: "\n")).map { $0 == EBCDIC.encode("\n")[0] ? 0x15 : $0 }
            let stored = Array(response.prefix(room))
            guard putGuestBytes(vm, stored, at: buffer, ilc: ilc) else { return .resume }
            cpu.gpr[ry + 1] = UInt32(response.count > room ? response.count - room : stored.count)
            cpu.psw.cc = response.count > room ? 1 : 0
        } else {
            if !lines.isEmpty { u.write(lines) }
            cpu.psw.cc = 0
        }
        cpu.gpr[ry] = UInt32(code)
        // A command may have stopped or reset the machine (IPL, SYSTEM, DEFINE).
        return vm.state == .running ? .resume : .stop
    }

    /// X'0C': the pseudo timer: date, time, virtual and total CPU time in microseconds.
    func diagnoseTimer(_ vm: VirtualMachine, rx: Int, ilc: UInt8) -> ExitOutcome {
        let cpu = vm.cpu
        let address = cpu.gpr[rx] & 0x00FF_FFFF
        guard address & 7 == 0 else {
            cpu.programInterruption(ProgramInterruptionCode.specification.rawValue, ilc: ilc)
            return .resume
        }
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.dateFormat = "MM/dd/yy"
        let date = f.string(from: Date())
        f.dateFormat = "HH:mm:ss"
        let time = f.string(from: Date())
        let (v, t) = cpuTimes(vm.user)
        var bytes = EBCDIC.encode(date) + EBCDIC.encode(time)
        for x in [UInt64(v * 1_000_000), UInt64(t * 1_000_000)] {
            for k in (0..<8).reversed() { bytes.append(UInt8(truncatingIfNeeded: x >> UInt64(8 * k))) }
        }
        _ = putGuestBytes(vm, bytes, at: address, ilc: ilc)
        return .resume
    }

    /// X'10': release pages Rx through Ry: they read back as zeros.
    func diagnoseReleasePages(_ vm: VirtualMachine, rx: Int, ry: Int, ilc: UInt8) -> ExitOutcome {
        let cpu = vm.cpu
        let first = cpu.gpr[rx] & 0x00FF_F000, last = cpu.gpr[ry] & 0x00FF_F000
        guard first <= last, Int(last) < vm.storage.size else {
            cpu.programInterruption(ProgramInterruptionCode.specification.rawValue, ilc: ilc)
            return .resume
        }
        var a = first
        while a <= last {
            vm.storage.load([UInt8](repeating: 0, count: 4096), at: a)
            a += 4096
        }
        cpu.datBox.purgeAll()
        return .resume
    }

    /// X'24': the device type of a virtual device (Rx = its address, or -1 for the console).
    /// Rx gets the virtual device's class, type, status and flags, Ry the real
    /// device's; condition code 3 when there is no such device.
    func diagnoseDeviceType(_ vm: VirtualMachine, rx: Int, ry: Int, ilc: UInt8) -> ExitOutcome {
        let cpu = vm.cpu
        let raw = cpu.gpr[rx]
        let address = raw == 0xFFFF_FFFF ? vm.consoleAddress : UInt16(raw & 0xFFFF)
        guard let device = vm.channels.device(at: address) else {
            cpu.psw.cc = 3
            return .resume
        }
        let (cls, type) = deviceClassAndType(device.deviceType.number)
        let word = UInt32(cls) << 24 | UInt32(type) << 16
        if raw == 0xFFFF_FFFF { cpu.gpr[rx] = UInt32(address) }
        cpu.gpr[ry] = word
        if ry < 15 { cpu.gpr[ry + 1] = word }
        cpu.psw.cc = 0
        return .resume
    }

    /// VM/370's device class and type codes (VDEVBLOK).
    func deviceClassAndType(_ number: UInt16) -> (UInt8, UInt8) {
        switch number {
        case 0x3215, 0x1052, 0x3210: return (0x80, 0x00)   // terminal: 3215
        case 0x2540: return (0x20, 0x08)                    // unit record input / output: 2540
        case 0x1403: return (0x10, 0x41)
        case 0x3211: return (0x10, 0x42)
        case 0x3330: return (0x04, 0x01)                    // DASD
        case 0x3350: return (0x04, 0x08)
        case 0x3420: return (0x08, 0x08)                    // tape
        default: return (0x02, 0x00)
        }
    }
}
