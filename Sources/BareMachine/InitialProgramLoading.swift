// Initial program loading on the bare machine (PoO, "Initial Program
// Loading"): initial CPU reset and I/O-system reset, the IPL channel program
// from the load unit (ChannelSubsystem.initialProgramLoad), then the I/O
// address stored (locations 2-3 when the PSW at 0 is a BC-mode PSW, 186-187
// in the EC mode) and the PSW loaded from location 0. When the channel
// program does not end with channel end and device end alone, or the PSW
// has a format error, the CPU stays stopped and the error says why.

import Channels
import DATBox
import S370CPU

extension BareMachine {
    /// IPL from the device at `address`. Throws `IPLError` when the load does not complete.
    public func ipl(from address: UInt16) throws {
        cpu.initialCPUReset()
        channels.now = machineTime
        switch channels.initialProgramLoad(from: address) {
        case .failure(let e):
            throw e
        case .success:
            // After the reset the prefix is zero: real and absolute 0 are the same.
            if PSW(storage.doubleword(at: 0)).ecMode {
                storage.setHalfword(address, at: 186)
            } else {
                storage.setHalfword(address, at: 2)
            }
            storage.markAccess(store: true, at: 0)
            let psw = PSW(storage.doubleword(at: 0))
            guard !psw.hasFormatError else {
                throw IPLError(address: address,
                               message: "the PSW loaded from location 0, \(psw), has a format error; the CPU stays stopped")
            }
            cpu.loadPSW(psw)
            cpu.ioPendingChannels = channels.pendingChannels
        }
    }
}
