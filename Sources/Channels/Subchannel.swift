// The subchannel of one device: the state START I/O, TEST I/O and the
// interruption mechanism see (PoO, "States of the Input/Output System").
//
// Each device has a subchannel of its own (nonshared). Its states:
// - available;
// - working: a channel program is executing (its device waits for the
//   operator, or its ending is scheduled at the time the device finishes);
// - interruption pending: the program has ended and its CSW waits to be
//   presented, or a PCI flag was taken while it still works.
// The device itself can be working after channel end (device end still to
// come: a rewind) or hold a pending interruption of its own (attention, a
// separate device end), which is presented with zeros in the key, CCW address
// and count (PoO, "Contents of Channel-Status Word").

/// A device at an I/O address, and its subchannel.
final class Subchannel {
    /// The I/O address: channel in bits 8-15, unit in bits 0-7 (`cuu`).
    let address: UInt16
    /// The device model.
    let device: Device

    /// A program suspended because its device waits, or paused after many commands.
    var waitingProgram: ChannelProgram? = nil
    /// The suspended program is paused (it goes on at once), not waiting for its device.
    var paused = false
    /// A program that has run and ends at `at` with `end`.
    var completion: (at: UInt64, end: ProgramEnd)? = nil
    /// The ending CSW, waiting to be presented (interruption pending in the subchannel).
    var pendingCSW: CSW? = nil
    /// A PCI interruption waiting to be presented while the program works.
    var pendingPCI: CSW? = nil
    /// Device status waiting to be presented on its own (attention, device end).
    var deviceStatus: UnitStatus = []
    /// Device end still to come, with its extra bits, at this time.
    var deviceEnd: (at: UInt64, status: UnitStatus)? = nil

    init(address: UInt16, device: Device) {
        self.address = address
        self.device = device
    }

    /// The channel number, 0-15.
    var channel: Int { Int(address >> 8) & 0xF }

    /// A channel program is executing here.
    var working: Bool { waitingProgram != nil || completion != nil }

    /// An interruption condition is pending here (subchannel or device).
    var hasPendingInterruption: Bool { pendingCSW != nil || pendingPCI != nil || !deviceStatus.isEmpty }

    /// The device is still busy after channel end.
    var deviceWorking: Bool { deviceEnd != nil }

    /// The program is ended: its CSW becomes pending (with PCI when a PCI
    /// interruption was not presented before the end).
    func finish(_ end: ProgramEnd, at now: UInt64) {
        var csw = end.csw
        if pendingPCI != nil {
            csw.channelStatus.insert(.programControlledInterruption)
            pendingPCI = nil
        }
        pendingCSW = csw
        completion = nil
        waitingProgram = nil
        paused = false
        if let later = end.deviceEndLater {
            deviceEnd = (now &+ UInt64(max(1, later.after)), later.status)
        }
    }

    /// The earliest time something here is due (0: a paused program goes on now).
    var nextEvent: UInt64? {
        if waitingProgram != nil && paused { return 0 }
        switch (completion?.at, deviceEnd?.at) {
        case let (a?, b?): return min(a, b)
        case let (a?, nil): return a
        case let (nil, b?): return b
        default: return nil
        }
    }

    /// Everything back to available, nothing pending (I/O reset).
    func reset() {
        waitingProgram = nil
        paused = false
        completion = nil
        pendingCSW = nil
        pendingPCI = nil
        deviceStatus = []
        deviceEnd = nil
    }
}
