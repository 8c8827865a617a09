// DIAGNOSE X'18' (standard DASD I/O, the CMS disk path) and X'20' (general
// I/O): a channel program run synchronously by CP on the machine's own
// channel subsystem; no interruption is reflected.

import Channels
import S370CPU

extension ControlProgram {
    /// X'18': Rx = the device address, Ry = the address of the channel program,
    /// R15 = the number of read or write CCWs. Condition code 0 when the I/O
    /// ended normally; 1 with R15 = 1 when the device is not attached or not a
    /// disk; 2 with R15 the unit status when it ended in error; 3 when the
    /// channel program is invalid.
    func diagnoseDiskIO(_ vm: VirtualMachine, rx: Int, ry: Int, ilc: UInt8) -> ExitOutcome {
        let cpu = vm.cpu
        let address = UInt16(cpu.gpr[rx] & 0xFFF)
        guard let device = vm.channels.device(at: address), device.deviceType.number == 0x3330 || device.deviceType.number == 0x3350 else {
            cpu.psw.cc = 1
            cpu.gpr[15] = 1
            return .resume
        }
        return synchronousIO(vm, address: address, program: cpu.gpr[ry] & 0x00FF_FFF8)
    }

    /// X'20': Rx = the device address, Ry = the channel program.
    func diagnoseGeneralIO(_ vm: VirtualMachine, rx: Int, ry: Int, ilc: UInt8) -> ExitOutcome {
        let cpu = vm.cpu
        let address = UInt16(cpu.gpr[rx] & 0xFFF)
        guard vm.channels.device(at: address) != nil else {
            cpu.psw.cc = 1
            cpu.gpr[15] = 1
            return .resume
        }
        return synchronousIO(vm, address: address, program: cpu.gpr[ry] & 0x00FF_FFF8)
    }

    /// Runs a channel program to its end and sets the condition code and R15 from its status.
    func synchronousIO(_ vm: VirtualMachine, address: UInt16, program: UInt32) -> ExitOutcome {
        let cpu = vm.cpu
        switch vm.channels.runSynchronously(device: address, channelProgram: program, key: cpu.psw.key) {
        case .success(let csw):
            if csw.channelStatus.isEmpty && !csw.unitStatus.contains(.unitCheck) && !csw.unitStatus.contains(.unitException) {
                cpu.psw.cc = 0
                cpu.gpr[15] = 0
            } else if !csw.channelStatus.isEmpty {
                cpu.psw.cc = 3
                cpu.gpr[15] = UInt32(csw.channelStatus.rawValue)
            } else {
                cpu.psw.cc = 2
                cpu.gpr[15] = UInt32(csw.unitStatus.rawValue)
            }
        case .failure:
            cpu.psw.cc = 1
            cpu.gpr[15] = 2
        }
        return .resume
    }
}
