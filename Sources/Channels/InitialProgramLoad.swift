// The channel program of initial program loading (PoO, "Initial Program
// Loading"): after an I/O-system reset, a read from the load unit as if the
// channel had fetched, from location 0, a CCW with command code 02 (read),
// data address 0, count 24, the command-chaining and SLI flags, and the CAW
// key 0. The chain goes on with the CCW at 8 (at 16 after status modifier).
// The load succeeds when the device ends with nothing but channel end,
// device end and status modifier; any other status leaves the CPU stopped.
// PCI flags are ignored. A device end that comes after channel end becomes
// an I/O interruption condition. The caller (the CPU's owner) then stores
// the I/O address and loads the PSW from location 0.

import DATBox

/// Why initial program loading did not complete.
public struct IPLError: Error, CustomStringConvertible, Equatable {
    /// The load unit.
    public var address: UInt16
    /// What happened.
    public var message: String
    /// The CSW of the failed operation, when there is one.
    public var csw: CSW?

    /// An IPL error for the load unit at `address`.
    public init(address: UInt16, message: String, csw: CSW? = nil) {
        self.address = address
        self.message = message
        self.csw = csw
    }

    public var description: String { "IPL from \(hexAddress(address)) failed: \(message)" }
}

extension ChannelSubsystem {
    /// The implied CCW of IPL: read 24 bytes at 0, command chaining and SLI.
    public static let iplCCW = CCW(command: 0x02, dataAddress: 0, flags: [.chainCommand, .suppressLength], count: 24)

    /// Resets the I/O system and runs the IPL channel program from the device
    /// at `address`. Returns the ending CSW, or why the load failed.
    public func initialProgramLoad(from address: UInt16) -> Result<CSW, IPLError> {
        systemReset()
        guard let s = subchannels[address] else {
            return .failure(IPLError(address: address, message: "no device is attached at \(hexAddress(address)) (not operational)"))
        }
        let program = ChannelProgram(memory: ChannelStorage(storage: storage, key: 0), device: s.device,
                                     implied: ChannelSubsystem.iplCCW, at: 0)
        program.trace = ioTrace
        var step = program.run()
        // IPL runs its program to the end; a program that never ends leaves the CPU stopped.
        var slices = 1
        while case .paused = step, slices < 100 {
            step = program.run()
            slices += 1
        }
        switch step {
        case .paused:
            s.device.halt()
            return .failure(IPLError(address: address,
                                     message: "the IPL channel program did not end after \(slices * ChannelProgram.commandsPerRun) commands"))
        case .waiting:
            s.device.halt()
            return .failure(IPLError(address: address,
                                     message: "the \(s.device.deviceType) waits for input and cannot be loaded from"))
        case .ended(let e):
            var csw = e.csw
            csw.channelStatus.remove(.programControlledInterruption)
            let allowed: UnitStatus = [.channelEnd, .deviceEnd, .statusModifier]
            guard csw.unitStatus.isSubset(of: allowed), csw.channelStatus.isEmpty,
                  csw.unitStatus.contains(.channelEnd) else {
                var m = "the \(s.device.deviceType) ended with unit status \(csw.unitStatus), channel status \(csw.channelStatus)"
                if csw.unitStatus.contains(.unitCheck) {
                    m += ", sense " + s.device.sense.map { h2($0) }.joined()
                }
                m += " (CCW address \(String(csw.ccwAddress, radix: 16, uppercase: true)), residual count \(csw.count))"
                return .failure(IPLError(address: address, message: m, csw: csw))
            }
            if let later = e.deviceEndLater {
                s.deviceEnd = (now &+ UInt64(max(1, later.after)), later.status)
            }
            return .success(csw)
        }
    }
}

/// Two hexadecimal digits.
func h2(_ b: UInt8) -> String {
    let s = String(b, radix: 16, uppercase: true)
    return s.count == 1 ? "0" + s : s
}
