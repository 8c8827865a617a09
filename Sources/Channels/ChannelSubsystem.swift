// The channel subsystem of one machine: channels 0-F, the devices attached
// at their addresses (`cuu`: channel c, unit uu), their subchannels, the
// pending I/O interruptions, and the clock that device completions are
// scheduled on (DESIGN.md, "I/O" and "Time").
//
// Channel 0 is a byte-multiplexer channel, channels 1-F block-multiplexer
// channels. Channel programs run on the owner's thread when START I/O starts
// them; what a device would take time to do is scheduled on `now`, a count
// of time units the owner advances (in deterministic mode the instruction
// count, idle waits included), and becomes an interruption condition when
// the owner advances past it. Nothing here uses host threads.
//
// The I/O instructions are in ChannelInstructions.swift; IPL's channel
// program in InitialProgramLoad.swift.

import DATBox

/// Errors in attaching devices.
public struct ConfigurationError: Error, CustomStringConvertible, Equatable {
    /// What is wrong.
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// Channels 0-F and their devices.
public final class ChannelSubsystem {
    /// The storage channel programs use (absolute addresses).
    public let storage: MainStorage
    /// The time now, in the owner's units (instructions in deterministic mode).
    public var now: UInt64 = 0
    /// Subchannels by I/O address.
    var subchannels: [UInt16: Subchannel] = [:]
    /// Addresses with an interruption condition, in the order they became pending.
    var pendingOrder: [UInt16] = []
    /// Called with a line for each I/O instruction, command and interruption (`s370 ipl --trace-io`).
    public var ioTrace: ((String) -> Void)? = nil
    /// Model number STORE CHANNEL ID reports (bits 4-15 of the channel ID).
    public var channelModel: UInt16 = 0x370

    /// Commands a channel program executes before it lets the CPU go on (it
    /// continues at the next event; HALT I/O can end it).
    public static let commandsPerSlice = ChannelProgram.commandsPerRun

    /// A channel subsystem over `storage`.
    public init(storage: MainStorage) {
        self.storage = storage
    }

    // MARK: Configuration

    /// Attaches `device` at `address` (0x000-0xFFF).
    public func attach(_ device: Device, at address: UInt16) throws {
        guard address <= 0xFFF else {
            throw ConfigurationError("device address \(hexAddress(address)) is not an I/O address: use three hexadecimal digits, channel 0-F and unit 00-FF")
        }
        if let old = subchannels[address] {
            throw ConfigurationError("device address \(hexAddress(address)) is already taken by a \(old.device.deviceType)")
        }
        subchannels[address] = Subchannel(address: address, device: device)
    }

    /// Detaches the device at `address` (its host file is flushed).
    public func detach(_ address: UInt16) throws {
        guard let s = subchannels.removeValue(forKey: address) else { return }
        pendingOrder.removeAll { $0 == address }
        try s.device.flush()
    }

    /// The device at `address`.
    public func device(at address: UInt16) -> Device? { subchannels[address]?.device }

    /// Every attached device, by address.
    public var devices: [(address: UInt16, device: Device)] {
        subchannels.keys.sorted().map { ($0, subchannels[$0]!.device) }
    }

    /// Writes every device's host file.
    public func flushAll() throws {
        for (_, d) in devices { try d.flush() }
    }

    // MARK: Events

    /// The earliest time a device finishes something, or nil when none is under way.
    public var nextEventTime: UInt64? {
        var best: UInt64? = nil
        for s in subchannels.values {
            if let t = s.nextEvent, best.map({ t < $0 }) ?? true { best = t }
        }
        return best
    }

    /// Makes what is due by `now` happen: paused programs go on, program
    /// endings and device ends become interruption conditions.
    public func processDueEvents() {
        for s in subchannels.values where s.paused {
            resume(s)
        }
        for s in subchannels.values {
            if let c = s.completion, c.at <= now {
                s.finish(c.end, at: c.at)
                markPending(s)
            }
            if let d = s.deviceEnd, d.at <= now {
                s.deviceEnd = nil
                s.deviceStatus.formUnion(d.status.union(.deviceEnd))
                markPending(s)
            }
        }
    }

    /// Whether a channel program at `address` is suspended, waiting for its device (a console read).
    public func isWaitingForDevice(_ address: UInt16) -> Bool {
        guard let s = subchannels[address] else { return false }
        return s.waitingProgram != nil && !s.paused
    }

    /// Whether a channel program is executing at `address`.
    public func isWorking(_ address: UInt16) -> Bool {
        subchannels[address]?.working ?? false
    }

    /// Lets suspended programs try again (something outside has changed: an operator typed a line).
    public func resumeWaitingPrograms() {
        for s in subchannels.values where s.waitingProgram != nil {
            resume(s)
        }
    }

    /// Runs the suspended program of `s` on.
    func resume(_ s: Subchannel) {
        guard let p = s.waitingProgram else { return }
        let before = p.elapsed
        let step = p.run()
        takePCI(p, s)
        settle(step, p, s, elapsedBefore: before)
    }

    /// Records where a program run has got to: suspended, or ending at a time.
    func settle(_ step: ProgramStep, _ p: ChannelProgram, _ s: Subchannel, elapsedBefore: Int) {
        switch step {
        case .waiting, .paused:
            s.waitingProgram = p
            if case .paused = step { s.paused = true } else { s.paused = false }
        case .ended(let e):
            s.waitingProgram = nil
            s.paused = false
            s.completion = (now &+ UInt64(max(1, p.elapsed - elapsedBefore)), e)
        }
    }

    /// A device raises status on its own (attention from an operator's request, device end when made ready).
    public func signal(_ status: UnitStatus, from address: UInt16) {
        guard let s = subchannels[address] else { return }
        s.deviceStatus.formUnion(status)
        markPending(s)
    }

    func markPending(_ s: Subchannel) {
        if !pendingOrder.contains(s.address) { pendingOrder.append(s.address) }
    }

    /// Moves a PCI the program took into the subchannel's pending interruption.
    func takePCI(_ p: ChannelProgram, _ s: Subchannel) {
        if let pci = p.pciCSW {
            p.pciCSW = nil
            if s.pendingPCI == nil {
                s.pendingPCI = pci
                markPending(s)
            }
        }
    }

    // MARK: Interruptions

    /// Channels with an interruption condition (bit 15-n for channel n), for `CPU.ioPendingChannels`.
    public var pendingChannels: UInt16 {
        var m: UInt16 = 0
        for a in pendingOrder {
            if let s = subchannels[a], s.hasPendingInterruption { m |= 0x8000 >> UInt16(s.channel) }
        }
        return m
    }

    /// Takes the first interruption condition on a channel `enabled` accepts,
    /// stores its CSW at `cswAddress` (absolute) and returns the device address;
    /// nil when there is none.
    public func presentInterruption(enabled: (Int) -> Bool, cswAddress: UInt32) -> UInt16? {
        var i = 0
        while i < pendingOrder.count {
            let a = pendingOrder[i]
            guard let s = subchannels[a], s.hasPendingInterruption else {
                pendingOrder.remove(at: i)
                continue
            }
            guard enabled(s.channel) else { i += 1; continue }
            let csw: CSW
            if let c = s.pendingCSW {
                csw = c
                s.pendingCSW = nil
            } else if let pci = s.pendingPCI {
                csw = pci
                s.pendingPCI = nil
            } else {
                csw = CSW(unitStatus: s.deviceStatus)
                s.deviceStatus = []
            }
            if !s.hasPendingInterruption { pendingOrder.remove(at: i) }
            storeCSW(csw, at: cswAddress)
            ioTrace?("I/O interruption \(hexAddress(a)): CSW \(csw)")
            return a
        }
        return nil
    }

    /// Stores a whole CSW at an absolute address, setting the change bit.
    func storeCSW(_ csw: CSW, at a: UInt32) {
        guard storage.isAvailable(a &+ 7) else { return }
        storage.setDoubleword(csw.doubleword, at: a)
        storage.markAccess(store: true, at: a)
    }

    /// Stores only the status portion (bytes 4-5) of a CSW.
    func storeCSWStatus(_ unit: UnitStatus, _ channel: ChannelStatus = [], at a: UInt32) {
        guard storage.isAvailable(a &+ 7) else { return }
        storage.setHalfword(UInt16(unit.rawValue) << 8 | UInt16(channel.rawValue), at: a &+ 4)
        storage.markAccess(store: true, at: a)
    }

    // MARK: Resets

    /// I/O system reset (system reset, IPL): every subchannel available, no
    /// interruption pending, every device reset (PoO, "I/O-System Reset").
    public func systemReset() {
        for s in subchannels.values {
            if s.working { s.device.halt() }
            s.reset()
            s.device.reset()
        }
        pendingOrder = []
    }
}

/// An I/O address as three hexadecimal digits.
public func hexAddress(_ a: UInt16) -> String {
    let s = String(a, radix: 16, uppercase: true)
    return String(repeating: "0", count: max(0, 3 - s.count)) + s
}
