// One channel program in execution at a subchannel (PoO, "Execution of
// Input/Output Operations", "Chaining", "Channel Program Check").
//
// The program runs on the CPU's thread, command by command, when START I/O
// starts it (or IPL does); the ending status is then presented at the time
// its device would have finished (ChannelSubsystem schedules it). A command
// the device cannot do yet (a console read waiting for the operator)
// suspends the program; `run` goes on from there when asked again.
//
// Command chaining takes place when a command ends with channel end and
// device end and no unusual condition (no unit check, unit exception,
// incorrect length, program or protection check); status modifier makes
// the channel skip one CCW (the next command is at the current CCW + 16).
// A chain concluded by a condition found when a new command is initiated
// (a check in the new CCW, or a status without channel end) is reported
// without channel end and device end, with the CCW address and count of the
// rejected CCW.

/// How a channel program ended.
struct ProgramEnd: Equatable {
    /// The CSW describing the end.
    var csw: CSW
    /// Device end still to come, with extra status bits, after this many time units.
    var deviceEndLater: (status: UnitStatus, after: Int)?
    /// The first command ended the program without data transfer: an immediate
    /// command without chaining, or one refused at initial selection. START I/O
    /// then sets condition code 1.
    var endedAtFirstCommand = false
    /// The first command was refused at initial selection (only the status
    /// portion of the CSW is stored by START I/O).
    var refusedAtInitiation = false
    /// A check in the CAW or the first CCW: the device was never selected.
    var checkBeforeSelection = false

    static func == (a: ProgramEnd, b: ProgramEnd) -> Bool {
        a.csw == b.csw && a.deviceEndLater?.status == b.deviceEndLater?.status
            && a.deviceEndLater?.after == b.deviceEndLater?.after && a.endedAtFirstCommand == b.endedAtFirstCommand
            && a.refusedAtInitiation == b.refusedAtInitiation && a.checkBeforeSelection == b.checkBeforeSelection
    }
}

/// What a step of the program came to.
enum ProgramStep {
    /// The program ended.
    case ended(ProgramEnd)
    /// The device waits for something outside; the program is suspended at its current CCW.
    case waiting
    /// The program has run `maxCommands` commands and goes on later (a program
    /// that loops, as "TIC *" does, must not hold the CPU's thread).
    case paused
}

/// A channel program at a subchannel.
final class ChannelProgram {
    let memory: ChannelStorage
    let device: Device
    /// The CCW whose command is being executed, and its address.
    private(set) var ccw: CCW
    private(set) var ccwAddress: UInt32
    /// No command has been executed yet.
    private var first = true
    /// The first CCW could not be taken (CAW or CCW check): the program ends at once.
    private var initialCheck: ProgramEnd? = nil
    /// Time units the device has spent so far.
    private(set) var elapsed = 0
    /// Called with a line for each command executed (`ChannelSubsystem.ioTrace`).
    var trace: ((String) -> Void)? = nil
    /// A PCI flag was taken and its interruption not yet presented: the CSW
    /// to present for it. The subsystem presents it while the program works,
    /// or indicates PCI in the ending CSW (PoO, "Program-Controlled Interruption").
    var pciCSW: CSW? = nil

    /// Starts a program from a CAW: the CAW and the first CCW are checked
    /// before the device is selected (PoO, "START I/O").
    init(memory: ChannelStorage, device: Device, caw: CAW) {
        self.memory = memory
        self.device = device
        ccw = CCW(command: 0, dataAddress: 0, count: 0)
        ccwAddress = caw.ccwAddress
        let fail = { (status: ChannelStatus, address: UInt32) -> ProgramEnd in
            ProgramEnd(csw: CSW(key: memory.key, ccwAddress: address, channelStatus: status),
                       endedAtFirstCommand: true, checkBeforeSelection: true)
        }
        if caw.reservedBits != 0 {
            initialCheck = fail(.programCheck, caw.ccwAddress &+ 8)
            return
        }
        switch memory.fetchCCW(at: caw.ccwAddress, ticAllowed: false) {
        case .check(let c, let address):
            initialCheck = fail(c, address)
        case .ccw(let c, let at):
            ccw = c
            ccwAddress = at
            if !ChannelStorage.formatCheck(c, command: true) {
                var e = fail(.programCheck, at &+ 8)
                e.csw.count = c.count
                initialCheck = e
            } else if c.flags.contains(.programControlledInterruption) {
                notePCI(at: at, count: c.count)
            }
        }
    }

    /// Starts a program with an implied first CCW (the IPL read, PoO "Initial Program Loading").
    init(memory: ChannelStorage, device: Device, implied: CCW, at address: UInt32) {
        self.memory = memory
        self.device = device
        ccw = implied
        ccwAddress = address
    }

    /// Commands one call of `run` executes at most.
    static let commandsPerRun = 10_000

    /// Runs the program until it ends, its device must wait, or it has
    /// executed `maxCommands` commands.
    func run(maxCommands: Int = ChannelProgram.commandsPerRun) -> ProgramStep {
        if let e = initialCheck { return .ended(e) }
        var commands = 0
        while true {
            if commands >= maxCommands { return .paused }
            commands += 1
            let transfer = DataTransfer(memory: memory, ccw: ccw, at: ccwAddress)
            let result = device.execute(ccw.command, data: transfer, chained: !first)
            if let trace {
                let sense = result == .status(.unitCheck) || result == .status([.channelEnd, .deviceEnd, .unitCheck])
                    ? " sense " + device.sense.prefix(8).map { h2($0) }.joined() : ""
                trace("  \(String(ccwAddress, radix: 16, uppercase: true)): \(ccw) -> \(result)\(sense)")
            }
            var status: UnitStatus
            var deviceEndLater: (UnitStatus, Int)? = nil
            switch result {
            case .waiting:
                return .waiting
            case .status(let s):
                status = s
            case .channelEndFirst(let s, let de, let after):
                status = s.union(.channelEnd).subtracting(.deviceEnd)
                deviceEndLater = (de.union(.deviceEnd), after)
            }
            elapsed += device.commandTime
            if transfer.pciTaken { notePCI(at: transfer.ccwAddress, count: UInt16(transfer.remaining)) }
            let wasFirst = first
            first = false

            // Refused at initial selection: no channel end, no data moved.
            if !status.contains(.channelEnd) && transfer.transferred == 0 {
                var e = ProgramEnd(csw: CSW(key: memory.key, ccwAddress: ccwAddress &+ 8,
                                            unitStatus: status.subtracting([.channelEnd, .deviceEnd]),
                                            count: ccw.count))
                e.endedAtFirstCommand = wasFirst
                e.refusedAtInitiation = wasFirst
                return .ended(e)
            }

            // PoO, "Immediate Operations": a control command the device ends at
            // initial selection, without data; the SLI flag is ignored and
            // incorrect length is never indicated.
            let immediate = ccw.kind == .control && transfer.transferred == 0 && transfer.check.isEmpty
            var channelStatus = transfer.check
            let last = transfer.ccw
            if channelStatus.isEmpty && !immediate {
                let incorrect = transfer.remaining != 0 || transfer.deviceWantedMore
                // PoO: the SLI flag is ignored when the CD flag is on.
                let suppressed = last.flags.contains(.suppressLength) && !last.flags.contains(.chainData)
                if incorrect && !suppressed { channelStatus.insert(.incorrectLength) }
            }
            let csw = CSW(key: memory.key, ccwAddress: transfer.checkCSWAddress ?? (transfer.ccwAddress &+ 8),
                          unitStatus: status, channelStatus: channelStatus,
                          count: UInt16(truncatingIfNeeded: transfer.remaining))
            let chaining = last.flags.contains(.chainCommand) && !last.flags.contains(.chainData)
            let unusual = !channelStatus.intersection(ChannelStatus.errors).isEmpty
                || !status.intersection([.unitCheck, .unitException]).isEmpty
            if !chaining || unusual || !status.contains(.deviceEnd) && deviceEndLater == nil {
                var e = ProgramEnd(csw: csw, deviceEndLater: deviceEndLater)
                e.endedAtFirstCommand = wasFirst && immediate
                return .ended(e)
            }
            // Command chaining waits for device end when it comes later; unit check
            // or unit exception with that device end suppresses it, and the CSW then
            // shows device end without channel end (PoO, "Contents of Channel-Status Word").
            if let later = deviceEndLater {
                elapsed += later.1
                if !later.0.intersection([.unitCheck, .unitException]).isEmpty {
                    var e = ProgramEnd(csw: csw)
                    e.csw.unitStatus = later.0
                    return .ended(e)
                }
            }
            let next = (transfer.ccwAddress &+ (status.contains(.statusModifier) ? 16 : 8)) & 0x00FF_FFFF
            switch memory.fetchCCW(at: next, ticAllowed: true) {
            case .check(let c, let address):
                let e = ProgramEnd(csw: CSW(key: memory.key, ccwAddress: address, channelStatus: c))
                return .ended(e)
            case .ccw(let c, let at):
                ccw = c
                ccwAddress = at
                guard ChannelStorage.formatCheck(c, command: true) else {
                    let e = ProgramEnd(csw: CSW(key: memory.key, ccwAddress: at &+ 8, channelStatus: .programCheck,
                                                count: c.count))
                    return .ended(e)
                }
                if c.flags.contains(.programControlledInterruption) { notePCI(at: at, count: c.count) }
            }
        }
    }

    /// Ends the program now (HALT I/O, CLEAR I/O while it waits for its device):
    /// the current command is terminated with channel end and device end, and
    /// incorrect length as its SLI flag says (PoO, "HALT I/O": nothing was transferred).
    func halted() -> ProgramEnd {
        if let e = initialCheck { return e }
        var channelStatus: ChannelStatus = []
        let suppressed = ccw.flags.contains(.suppressLength) && !ccw.flags.contains(.chainData)
        if !suppressed && ccw.kind != .control { channelStatus.insert(.incorrectLength) }
        let e = ProgramEnd(csw: CSW(key: memory.key, ccwAddress: ccwAddress &+ 8, unitStatus: .ended,
                                    channelStatus: channelStatus, count: ccw.count))
        return e
    }

    /// Records a PCI flag taken at the CCW at `address` (PoO, "Program-Controlled Interruption").
    private func notePCI(at address: UInt32, count: UInt16) {
        if pciCSW == nil {
            pciCSW = CSW(key: memory.key, ccwAddress: address &+ 8, channelStatus: .programControlledInterruption,
                         count: count)
        }
    }
}
