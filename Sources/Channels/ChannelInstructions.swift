// The I/O instructions as the channel subsystem performs them, and the
// condition codes they set (PoO, "Input/Output Instructions" and the figure
// "Condition-Code Settings for I/O States and Functions").
//
// The states (channel / subchannel / device) map onto this machine as:
// channels are never busy (a program runs to its end or suspends on the
// CPU's thread, so there is no burst in progress when an instruction
// executes); each device has its own subchannel. Condition code 1 stores the
// CSW, or only its status portion (bytes 4-5) where the PoO says so.

import DATBox

/// The I/O instructions, as the owner passes them on.
public enum IOInstruction: Sendable {
    /// 9C00 SIO: Start I/O.
    case startIO
    /// 9C01 SIOF: Start I/O Fast Release (executed as START I/O: the PoO lets a
    /// channel perform it so, the condition code then reflecting the device).
    case startIOFastRelease
    /// 9D00 TIO: Test I/O.
    case testIO
    /// 9D01 CLRIO: Clear I/O.
    case clearIO
    /// 9E00 HIO: Halt I/O.
    case haltIO
    /// 9E01 HDV: Halt Device.
    case haltDevice
    /// 9F00 TCH: Test Channel.
    case testChannel
    /// 9F01 CLRCH: Clear Channel.
    case clearChannel
    /// B203 STIDC: Store Channel ID.
    case storeChannelID
}

/// Where the instructions find the CAW and put the CSW and the channel ID:
/// absolute addresses, after prefixing of real 72, 64 and 168.
public struct LowCoreAddresses: Sendable {
    /// The CAW (real 72).
    public var caw: UInt32
    /// The CSW (real 64).
    public var csw: UInt32
    /// The channel ID (real 168).
    public var channelID: UInt32

    /// The addresses for a CPU whose prefix is `prefix`.
    public init(prefix: UInt32 = 0) {
        caw = prefix + 72
        csw = prefix + 64
        channelID = prefix + 168
    }
}

extension ChannelSubsystem {
    /// Performs an I/O instruction for the device or channel in bits 16-31 of
    /// its second-operand address; returns the condition code.
    public func perform(_ op: IOInstruction, address: UInt16, lowCore: LowCoreAddresses) -> UInt8 {
        let cc = performInstruction(op, address: address, lowCore: lowCore)
        if let ioTrace {
            let stored = cc == 1 && op != .testChannel ? " CSW \(CSW(storage.doubleword(at: lowCore.csw)))" : ""
            ioTrace("\(op) \(hexAddress(address)): cc \(cc)\(stored)")
        }
        return cc
    }

    func performInstruction(_ op: IOInstruction, address: UInt16, lowCore: LowCoreAddresses) -> UInt8 {
        processDueEvents()
        let channel = Int(address >> 8)
        // Channels 0-F are installed; any other channel number is not operational.
        guard channel <= 0xF else { return 3 }
        switch op {
        case .testChannel: return testChannel(channel)
        case .clearChannel: return clearChannel(channel)
        case .storeChannelID: return storeChannelID(channel, at: lowCore.channelID)
        default: break
        }
        guard let s = subchannels[address] else { return 3 }
        switch op {
        case .startIO, .startIOFastRelease: return startIO(s, lowCore)
        case .testIO: return testIO(s, lowCore)
        case .clearIO: return clearIO(s, lowCore)
        case .haltIO, .haltDevice: return haltIO(s, lowCore)
        default: return 3
        }
    }

    /// SIO: starts the channel program the CAW designates.
    func startIO(_ s: Subchannel, _ lowCore: LowCoreAddresses) -> UInt8 {
        // Subchannel working, or interruption pending for this device in it: CC 2.
        if s.working || s.pendingCSW != nil || s.pendingPCI != nil { return 2 }
        // Interruption pending in the device: busy with that status; the condition is cleared.
        if !s.deviceStatus.isEmpty {
            storeCSWStatus(s.deviceStatus.union(.busy), at: lowCore.csw)
            s.deviceStatus = []
            return 1
        }
        // The device still works on an earlier operation: busy.
        if s.deviceWorking {
            storeCSWStatus(.busy, at: lowCore.csw)
            return 1
        }
        guard storage.isAvailable(lowCore.caw &+ 3) else { return 3 }
        let caw = CAW(storage.word(at: lowCore.caw))
        storage.markAccess(store: false, at: lowCore.caw)
        let program = ChannelProgram(memory: ChannelStorage(storage: storage, key: caw.key), device: s.device, caw: caw)
        program.trace = ioTrace
        let step = program.run()
        switch step {
        case .waiting, .paused:
            takePCI(program, s)
            settle(step, program, s, elapsedBefore: 0)
            return 0
        case .ended(let e):
            if e.checkBeforeSelection {
                storeCSW(e.csw, at: lowCore.csw)
                return 1
            }
            if e.refusedAtInitiation {
                var csw = e.csw
                if program.pciCSW != nil { csw.channelStatus.insert(.programControlledInterruption) }
                storeCSWStatus(csw.unitStatus, csw.channelStatus, at: lowCore.csw)
                return 1
            }
            if e.endedAtFirstCommand {
                var csw = e.csw
                if program.pciCSW != nil { csw.channelStatus.insert(.programControlledInterruption) }
                storeCSW(csw, at: lowCore.csw)
                if let later = e.deviceEndLater {
                    s.deviceEnd = (now &+ UInt64(max(1, later.after)), later.status)
                }
                return 1
            }
            takePCI(program, s)
            settle(step, program, s, elapsedBefore: 0)
            return 0
        }
    }

    /// TIO: the state of the device and its subchannel; a pending interruption is cleared into the CSW.
    func testIO(_ s: Subchannel, _ lowCore: LowCoreAddresses) -> UInt8 {
        if s.working { return 2 }
        if let c = s.pendingCSW {
            storeCSW(c, at: lowCore.csw)
            s.pendingCSW = nil
            return 1
        }
        if !s.deviceStatus.isEmpty {
            storeCSW(CSW(unitStatus: s.deviceStatus), at: lowCore.csw)
            s.deviceStatus = []
            return 1
        }
        if s.deviceWorking {
            storeCSWStatus(.busy, at: lowCore.csw)
            return 1
        }
        return 0
    }

    /// CLRIO: ends the operation at the subchannel, if any, and clears its pending interruption.
    func clearIO(_ s: Subchannel, _ lowCore: LowCoreAddresses) -> UInt8 {
        if let p = s.waitingProgram {
            s.device.halt()
            var csw = p.halted().csw
            if s.pendingPCI != nil { csw.channelStatus.insert(.programControlledInterruption) }
            s.reset()
            storeCSW(csw, at: lowCore.csw)
            return 1
        }
        if let c = s.completion {
            var csw = c.end.csw
            if s.pendingPCI != nil { csw.channelStatus.insert(.programControlledInterruption) }
            if let later = c.end.deviceEndLater { s.deviceEnd = (now &+ UInt64(max(1, later.after)), later.status) }
            s.completion = nil
            s.pendingPCI = nil
            storeCSW(csw, at: lowCore.csw)
            return 1
        }
        if let c = s.pendingCSW {
            storeCSW(c, at: lowCore.csw)
            s.pendingCSW = nil
            return 1
        }
        return 0
    }

    /// HIO and HDV: the device is signalled to end its operation; a working
    /// program ends now and its interruption follows (PoO, "HALT I/O").
    func haltIO(_ s: Subchannel, _ lowCore: LowCoreAddresses) -> UInt8 {
        if s.pendingCSW != nil { return 0 }
        if let p = s.waitingProgram {
            s.device.halt()
            s.finish(p.halted(), at: now)
            markPending(s)
        } else if let c = s.completion {
            s.finish(c.end, at: now)
            markPending(s)
        } else {
            s.device.halt()
        }
        storeCSWStatus([], at: lowCore.csw)
        return 1
    }

    /// TCH: whether an interruption condition is pending on the channel.
    func testChannel(_ channel: Int) -> UInt8 {
        for s in subchannels.values where s.channel == channel && s.hasPendingInterruption { return 1 }
        return 0
    }

    /// CLRCH: I/O-system reset of the channel's devices.
    func clearChannel(_ channel: Int) -> UInt8 {
        for s in subchannels.values where s.channel == channel {
            if s.working { s.device.halt() }
            s.reset()
            s.device.reset()
            pendingOrder.removeAll { $0 == s.address }
        }
        return 0
    }

    /// STIDC: stores the channel ID at real 168: bits 0-3 the type (0001
    /// byte multiplexer, 0010 block multiplexer), 4-15 the model, 16-31 the
    /// length of the I/O extended logout (none).
    func storeChannelID(_ channel: Int, at a: UInt32) -> UInt8 {
        let type: UInt32 = channel == 0 ? 0x1 : 0x2
        guard storage.isAvailable(a &+ 3) else { return 3 }
        storage.setWord(type << 28 | UInt32(channelModel & 0xFFF) << 16, at: a)
        storage.markAccess(store: true, at: a)
        return 0
    }
}
