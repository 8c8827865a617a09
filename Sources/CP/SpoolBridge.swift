// CP's side of the spool: until the Spool library is in (issue 7), these are
// the places CP calls; they answer as a system with no spool files.

import Channels
import S370CPU

extension ControlProgram {
    static let spoolCommands: [CPCommand] = []

    func querySpool(_ ctx: CommandContext, _ u: LoggedOnUser) throws {
        ctx.say("NO RDR FILES")
    }

    func spoolSummary(_ u: LoggedOnUser) -> [String] { ["FILES: NO RDR, NO PRT, NO PUN"] }

    func attachSpoolDevices(_ u: LoggedOnUser, _ vm: VirtualMachine) throws {}

    func releaseSpoolDevices(_ u: LoggedOnUser) {}

    func closeSpoolDevice(_ u: LoggedOnUser, _ vm: VirtualMachine, _ a: DeviceAddress) {}

    func spoolDescription(_ vm: VirtualMachine, _ a: DeviceAddress) -> String? { nil }

    func defineDevice(_ ctx: CommandContext, _ u: LoggedOnUser, _ vm: VirtualMachine) throws {
        throw CPMessage.invalidOption(ctx.operands.first ?? "")
    }

    func diagnoseSpool(_ vm: VirtualMachine, rx: Int, ry: Int, ilc: UInt8) -> ExitOutcome {
        vm.cpu.psw.cc = 3
        vm.cpu.gpr[ry < 15 ? ry + 1 : ry] = 4
        return .resume
    }

    func hostRequest(_ r: HostRequest) -> (Int32, String) {
        (1, "s370: the running system does not take host requests yet\n")
    }
}
