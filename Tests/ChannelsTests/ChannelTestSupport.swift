// Helpers for the channel tests: a channel subsystem over small storage, a
// device whose answers the test sets, and the low-core plumbing of SIO.

import Channels
import DATBox

/// A device that does what the test tells it: read commands send `record`,
/// write commands keep what they get, and a few control codes give the
/// statuses the tests need.
final class ScriptedDevice: Device {
    let deviceType = DeviceType(number: 0x9999, name: "TEST")
    /// What a read (02) or read backward (0C) sends.
    var record: [UInt8] = Array(1...80)
    /// What each write (01) received.
    var written: [[UInt8]] = []
    /// Commands executed, in order.
    var commands: [UInt8] = []
    /// Sense bytes.
    var senseBytes: [UInt8] = [0, 0]
    /// Status control command 0x13 ends with.
    var control13Status: UnitStatus = .ended
    /// Read 0x32 waits until `ready`.
    var ready = false
    var halts = 0
    var resets = 0

    var sense: [UInt8] { senseBytes }
    var commandTime: Int { 10 }

    func execute(_ command: UInt8, data: DataTransfer, chained: Bool) -> CommandResult {
        commands.append(command)
        switch command {
        case 0x02, 0x0C: // read, read backward
            data.store(record)
            return .status(.ended)
        case 0x01: // write: everything offered
            written.append(data.fetchAll())
            return .status(.ended)
        case 0x05: // write that wants exactly 10 bytes
            written.append(data.fetch(exactly: 10))
            return .status(.ended)
        case 0x03: // no operation: immediate
            return .status(.ended)
        case 0x07: // control with 6 bytes of data (like a seek)
            written.append(data.fetch(exactly: 6))
            return .status(.ended)
        case 0x13: // control ending as the test says
            return .status(control13Status)
        case 0x23: // a search that is satisfied: status modifier
            _ = data.fetch(exactly: 4)
            return .status([.channelEnd, .deviceEnd, .statusModifier])
        case 0x1B: // channel end now, device end later (a rewind)
            return .channelEndFirst([], deviceEnd: [], after: 50)
        case 0x32: // a read that waits for the operator
            guard ready else { return .waiting }
            data.store([0xC1, 0xC2])
            return .status(.ended)
        case 0x04:
            data.store(senseBytes)
            return .status(.ended)
        default:
            senseBytes = [0x80, 0]
            return .status(.unitCheck)
        }
    }

    func halt() { halts += 1 }
    func reset() { resets += 1 }
}

/// A channel subsystem with the scripted device at 0C1.
typealias ChannelRig = Rig<ScriptedDevice>

extension Rig where D == ScriptedDevice {
    convenience init() { self.init(ScriptedDevice(), at: 0x0C1) }
}

/// A channel subsystem with one device, over 64K of storage.
final class Rig<D: Device> {
    let storage: MainStorage
    let channels: ChannelSubsystem
    let device: D
    let address: UInt16
    let lowCore = LowCoreAddresses()

    init(_ device: D, at address: UInt16) {
        storage = try! MainStorage(size: 64 << 10)
        channels = ChannelSubsystem(storage: storage)
        self.device = device
        self.address = address
        try! channels.attach(device, at: address)
    }

    /// Places CCWs at `at` and the CAW pointing to them.
    func program(_ ccws: [CCW], at: UInt32 = 0x1000, key: UInt8 = 0) {
        for (i, c) in ccws.enumerated() { storage.setDoubleword(c.doubleword, at: at + UInt32(8 * i)) }
        storage.setWord(CAW(key: key, ccwAddress: at).word, at: 72)
    }

    /// Executes an I/O instruction at the rig's device (or `address`).
    @discardableResult
    func io(_ op: IOInstruction, _ address: UInt16? = nil) -> UInt8 {
        channels.perform(op, address: address ?? self.address, lowCore: lowCore)
    }

    /// The CSW at 64.
    var csw: CSW { CSW(storage.doubleword(at: 64)) }

    /// Runs the clock past every scheduled event.
    func finish() {
        while let t = channels.nextEventTime {
            channels.now = max(channels.now, t)
            channels.processDueEvents()
        }
    }

    /// Presents the next interruption (all channels enabled); returns its device address.
    @discardableResult
    func interrupt() -> UInt16? {
        channels.presentInterruption(enabled: { _ in true }, cswAddress: 64)
    }

    /// Starts the program and takes its ending interruption: the CSW.
    func run(_ ccws: [CCW], key: UInt8 = 0) -> (cc: UInt8, csw: CSW) {
        program(ccws, key: key)
        let cc = io(.startIO)
        if cc != 0 { return (cc, csw) }
        finish()
        _ = interrupt()
        return (cc, csw)
    }
}
