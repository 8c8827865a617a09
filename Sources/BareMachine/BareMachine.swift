// The bare machine: one CPU in real mode with its channels and devices,
// owned directly (DESIGN.md, "one CPU, two owners"). Privileged instructions
// execute natively in supervisor state; each exit is answered here: an I/O
// instruction goes to the channel subsystem, an I/O interruption is taken
// from it, a wait waits for the next timer or device event.
//
// Time for the devices is `machineTime`: the instruction count plus the
// instructions' worth of time skipped in waits. Device completions are
// scheduled on it; the CPU runs with budgets that end at the next device
// event, so a run in deterministic mode is repeatable to the instruction.
// Initial program loading is in InitialProgramLoading.swift; the operator at
// the 3215 in OperatorConsole.swift.

import Channels
import DATBox
import S370CPU

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How a run of the bare machine ended.
public enum MachineStatus: String, Sendable {
    /// The PSW has the wait bit on and the CPU is disabled for I/O and external interruptions.
    case disabledWait
    /// The CPU waits enabled, but nothing can end the wait.
    case enabledWait
    /// The instruction limit was reached.
    case limit
    /// The CPU entered the check-stop state.
    case checkStop
    /// The console script is used up and the program has waited for input for a while.
    case idle
}

/// The result of running the bare machine.
public struct RunResult: Sendable {
    /// How the run ended.
    public var status: MachineStatus
    /// Instructions executed.
    public var instructions: UInt64
    /// Host seconds spent running.
    public var seconds: Double
    /// Millions of instructions per second.
    public var mips: Double { seconds > 0 ? Double(instructions) / seconds / 1e6 : 0 }
}

/// A System/370 with one CPU, its storage, channels and devices.
public final class BareMachine {
    /// Main storage.
    public let storage: MainStorage
    /// The CPU.
    public let cpu: CPU
    /// Channels 0-F and the devices attached to them.
    public let channels: ChannelSubsystem
    /// The operator at the 3215 console, if one is attached.
    public var console: OperatorConsole?
    /// The address of the 3215 the operator uses.
    public var consoleAddress: UInt16 = 0x009
    /// After the console script is used up, how long (in instructions of
    /// machine time) the program may wait for input before the run ends.
    public var idleLimit: UInt64 = 2_000_000
    /// Instructions' worth of time skipped while the CPU waited.
    public private(set) var idleInstructions: UInt64 = 0
    /// When the program started waiting for console input that will not come.
    private var idleSince: UInt64? = nil
    /// Attention was raised for console input and the program has not read since.
    private var attentionRaised = false
    /// When stdin was last polled (machine time).
    private var lastPoll: UInt64 = 0
    /// Console lines read when attention was last raised.
    private var linesReadAtAttention = 0

    /// Creates a machine with `storageSize` bytes of storage (default 16M).
    public init(storageSize: Int = 16 << 20, clock: ClockMode = .realTime) throws {
        storage = try MainStorage(size: storageSize)
        cpu = CPU(storage: storage)
        cpu.clockMode = clock
        channels = ChannelSubsystem(storage: storage)
    }

    /// The time devices are scheduled on: instructions executed plus idle time skipped.
    public var machineTime: UInt64 { cpu.instructionCount &+ idleInstructions }

    /// Whether the current PSW lets an I/O or external interruption end a wait.
    public var cpuEnabledForInterruptions: Bool {
        cpu.psw.externalMask || cpu.enabledChannels != 0
    }

    /// Attaches `device` at `address`; a 3215 at the console address gets the operator.
    public func attach(_ device: Device, at address: UInt16) throws {
        try channels.attach(device, at: address)
    }

    /// Writes every device's host file (printer output, punched cards, disk tracks).
    public func flushDevices() throws {
        try channels.flushAll()
    }

    /// Runs until a disabled wait, an enabled wait nothing can end, a check
    /// stop, `maxInstructions` instructions, or (with a console script) idle
    /// after the script is used up.
    public func run(maxInstructions: UInt64 = .max) -> RunResult {
        let start = cpu.instructionCount
        let t0 = monotonicSeconds()
        var status = MachineStatus.limit
        loop: while true {
            let done = cpu.instructionCount - start
            if done >= maxInstructions { status = .limit; break }
            synchronize()
            if let s = idleEnd() { status = s; break }
            var budget = maxInstructions - done
            if let t = channels.nextEventTime { budget = min(budget, t > machineTime ? t - machineTime : 1) }
            if console?.interactive == true { budget = min(budget, 250_000) }
            switch cpu.run(budget: Int(min(budget, 1 << 40))) {
            case .budgetExhausted:
                continue
            case .waitState:
                if !cpuEnabledForInterruptions { status = .disabledWait; break loop }
                if let s = waitEnabled() { status = s; break loop }
            case .io(let op, let address, _):
                cpu.psw.cc = performIO(op, address: address)
            case .ioInterruption:
                presentInterruption()
            case .diagnose(_, _, _, let ilc):
                // DIAGNOSE is model-dependent; this model defines no functions for it.
                cpu.programInterruption(ProgramInterruptionCode.specification.rawValue, ilc: ilc)
            case .signalProcessor(_, let r3, _, _):
                // One CPU: only its own address answers (order accepted); others are not operational.
                cpu.psw.cc = UInt16(cpu.gpr[Int(r3)] & 0xFFFF) == cpu.cpuAddress ? 0 : 3
            case .direct(_, _, _, let ilc):
                // The direct-control feature is not installed.
                cpu.programInterruption(ProgramInterruptionCode.operation.rawValue, ilc: ilc)
            case .intercepted, .translationMiss, .addressStop:
                // The bare machine intercepts nothing and walks its own tables.
                continue
            case .programInterruption(let code, let ilc):
                cpu.programInterruption(code, ilc: ilc)
            case .supervisorCall(let number, let ilc):
                cpu.supervisorCallInterruption(number, ilc: ilc)
            case .checkStop:
                status = .checkStop
                break loop
            }
        }
        synchronize()
        return RunResult(status: status, instructions: cpu.instructionCount - start,
                         seconds: monotonicSeconds() - t0)
    }

    // MARK: Channels

    /// Brings the channels up to the machine's time, serves the operator, and
    /// tells the CPU which channels have an interruption pending.
    func synchronize() {
        channels.now = machineTime
        channels.processDueEvents()
        serveOperator(waiting: false)
        cpu.ioPendingChannels = channels.pendingChannels
    }

    /// Performs an I/O instruction; returns its condition code.
    func performIO(_ op: IOOperation, address: UInt32) -> UInt8 {
        channels.now = machineTime
        let instruction: IOInstruction
        switch op {
        case .startIO: instruction = .startIO
        case .startIOFastRelease: instruction = .startIOFastRelease
        case .testIO: instruction = .testIO
        case .clearIO: instruction = .clearIO
        case .haltIO: instruction = .haltIO
        case .haltDevice: instruction = .haltDevice
        case .testChannel: instruction = .testChannel
        case .clearChannel: instruction = .clearChannel
        case .storeChannelID: instruction = .storeChannelID
        }
        let cc = channels.perform(instruction, address: UInt16(truncatingIfNeeded: address),
                                  lowCore: LowCoreAddresses(prefix: cpu.datBox.prefix))
        cpu.ioPendingChannels = channels.pendingChannels
        return cc
    }

    /// Takes the first pending interruption on an enabled channel.
    func presentInterruption() {
        channels.now = machineTime
        channels.processDueEvents()
        let csw = cpu.datBox.absolute(real: 64)
        if let device = channels.presentInterruption(enabled: { cpu.ioEnabled(channel: $0) }, cswAddress: csw) {
            cpu.ioInterruption(device: device)
        }
        cpu.ioPendingChannels = channels.pendingChannels
    }

    // MARK: Waiting

    /// The CPU waits enabled: skip to the next device or timer event, give the
    /// operator's input, or end the run when nothing can come.
    func waitEnabled() -> MachineStatus? {
        synchronize()
        serveOperator(waiting: true)
        cpu.ioPendingChannels = channels.pendingChannels
        if cpu.ioPendingChannels & cpu.enabledChannels != 0 { return nil }
        let now = machineTime
        let perInstruction = todPerInstruction
        var skip: UInt64? = channels.nextEventTime.map { $0 > now ? $0 - now : 1 }
        if cpu.psw.externalMask, let d = cpu.timeToNextTimerEvent() {
            let n = max(1, (d + perInstruction - 1) / perInstruction)
            skip = min(skip ?? n, n)
            if case .realTime = cpu.clockMode, channels.nextEventTime == nil {
                // Host time passes for the timers; machine time moves on with it
                // (an instruction's worth a microsecond), so the idle limit is reached.
                let micros = min(d / todMicrosecond, 100_000)
                let t0 = monotonicSeconds()
                if let c = console, c.interactive, !c.inputEnded {
                    c.pollTerminal(timeout: Int32(max(1, micros / 1000)))
                } else if micros > 0 {
                    usleep(UInt32(micros))
                }
                idleInstructions &+= UInt64(max(1, (monotonicSeconds() - t0) * 1e6))
                cpu.advanceIdle(by: 0)
                return nil
            }
        }
        if let n = skip {
            idleInstructions &+= n
            if case .deterministic = cpu.clockMode { cpu.advanceIdle(by: n &* perInstruction) } else { cpu.advanceIdle(by: 0) }
            return nil
        }
        // Nothing scheduled: only the operator at the terminal can end the wait.
        if let c = console, c.interactive, !c.inputEnded {
            c.pollTerminal(timeout: 200)
            return nil
        }
        if let c = console, c.inputExhausted, channels.isWaitingForDevice(consoleAddress) { return .idle }
        return .enabledWait
    }

    /// TOD-clock units one instruction stands for.
    var todPerInstruction: UInt64 {
        if case .deterministic(let m) = cpu.clockMode { return max(1, m) * todMicrosecond }
        return todMicrosecond
    }

    // MARK: The operator

    /// Gives the operator's input to the console: a waiting read takes it; when
    /// the program is not reading, attention asks it to (typed at a terminal: at
    /// once; from a script or a pipe: when the CPU waits with no I/O under way).
    func serveOperator(waiting: Bool) {
        guard let c = console else { return }
        if c.linesRead != linesReadAtAttention { attentionRaised = false }
        if c.interactive && (waiting || machineTime &- lastPoll >= 250_000) {
            lastPoll = machineTime
            c.pollTerminal(timeout: 0)
        }
        guard c.hasInput else { return }
        if channels.isWaitingForDevice(consoleAddress) {
            channels.resumeWaitingPrograms()
            attentionRaised = false
            return
        }
        // A script types only when the program waits with nothing else under way.
        let idle = waiting && channels.nextEventTime == nil && channels.pendingChannels == 0
        let mayAsk = c.immediateAttention || idle
        if mayAsk && !attentionRaised && !channels.isWorking(consoleAddress) {
            channels.signal(.attention, from: consoleAddress)
            attentionRaised = true
            linesReadAtAttention = c.linesRead
        }
    }

    /// Ends the run when the script is used up and the program has waited for input long enough.
    func idleEnd() -> MachineStatus? {
        guard let c = console, c.inputExhausted else { return nil }
        guard channels.isWaitingForDevice(consoleAddress) || cpu.psw.wait else {
            idleSince = nil
            return nil
        }
        let since = idleSince ?? machineTime
        idleSince = since
        return machineTime &- since >= idleLimit ? .idle : nil
    }
}

/// Seconds on the host's monotonic clock.
public func monotonicSeconds() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}
