// One System/370 CPU: its registers, PSW, timers and interruption state.
//
// The CPU executes instructions against storage reached through its DAT box
// and returns an `Exit` when something needs its owner (the bare machine or
// CP). Registers live behind pointers allocated once, so the run loop reads
// and writes them without Swift arrays or exclusivity checks
// (PERFORMANCE.md). The instruction families are extensions of this class,
// one file each.

import DATBox

/// How the CPU's clocks advance.
public enum ClockMode: Equatable, Sendable {
    /// The TOD clock follows host time; timers count host time.
    case realTime
    /// Clocks and timers run from the instruction count: each instruction is
    /// `microsecondsPerInstruction` of TOD time, so two runs are identical.
    case deterministic(microsecondsPerInstruction: UInt64)
    /// A virtual machine under CP (DESIGN.md, "Time"): the TOD clock and the
    /// clock comparator follow host time, while the CPU timer and the interval
    /// timer count only the time the CPU spends running (its virtual CPU
    /// time), plus its wait time when `realTimer` is on (SET TIMER REAL,
    /// OPTION REALTIMER).
    case virtualMachine(realTimer: Bool)
}

/// A System/370 CPU.
///
/// Its mutable state is accessed only by the thread that runs it, so the
/// properties the instruction paths touch are marked `@exclusivity(unchecked)`:
/// Swift's dynamic exclusivity checks on class properties cost more than the
/// instructions themselves on the cold paths.
public final class CPU {
    /// Main storage (absolute addresses).
    public let storage: MainStorage
    /// The DAT box: prefixing, translation and the TLB.
    public let datBox: DATBox
    /// General registers 0-15.
    public let gpr: UnsafeMutablePointer<UInt32>
    /// Floating-point registers 0, 2, 4, 6 at indexes 0-3 (index = register / 2).
    public let fpr: UnsafeMutablePointer<UInt64>
    /// Control registers 0-15.
    public let cr: UnsafeMutablePointer<UInt32>
    /// The current PSW. While `run` executes, the instruction address and
    /// condition code live in the run loop; between runs this is exact.
    @exclusivity(unchecked) public var psw = PSW()

    /// The CPU address (STAP) of this CPU.
    @exclusivity(unchecked) public var cpuAddress: UInt16 = 0
    /// The CPU identification STIDP stores: version, serial number, model, maximum MCEL.
    @exclusivity(unchecked) public var cpuID: UInt64 = 0x00_01_3701_0158_0000

    /// Channels with an I/O interruption pending (bit 15-n for channel n), kept by the owner.
    @exclusivity(unchecked) public var ioPendingChannels: UInt16 = 0
    /// External interruption conditions the owner raises (interrupt key, external signals).
    @exclusivity(unchecked) public var externalPending: ExternalConditions = []
    /// A machine-check condition the owner raises (none of this machine's causes do so yet).
    @exclusivity(unchecked) public var machineCheckPending = false

    /// Interception controls: which events exit to the owner instead of executing.
    @exclusivity(unchecked) public var interception = InterceptionControls()

    /// Instructions executed since reset (the instruction counter that
    /// deterministic time runs from).
    @exclusivity(unchecked) public internal(set) var instructionCount: UInt64 = 0
    /// Program interruptions taken, by interruption code (low 7 bits).
    public internal(set) var programInterruptionCounts = [UInt64](repeating: 0, count: 128)

    // MARK: Time

    /// How the clocks advance.
    @exclusivity(unchecked) public var clockMode: ClockMode = .realTime { didSet { resetTimeBase() } }
    /// TOD-clock time skipped while idle in deterministic mode.
    @exclusivity(unchecked) var idleTOD: UInt64 = 0
    /// TOD clock value at instruction count zero (deterministic mode), or the SCK offset (real time).
    @exclusivity(unchecked) var todBase: UInt64 = 0
    /// The last TOD value stored, to keep STCK values unique and increasing.
    @exclusivity(unchecked) var lastTOD: UInt64 = 0
    /// Virtual CPU time accumulated by `run` (virtual-machine clock mode), in TOD units.
    @exclusivity(unchecked) public internal(set) var virtualCPUTime: UInt64 = 0
    /// The host TOD at which the current `run` began (virtual-machine clock mode).
    @exclusivity(unchecked) var runStartTOD: UInt64 = 0
    @exclusivity(unchecked) var running = false
    /// The clock comparator.
    @exclusivity(unchecked) public internal(set) var clockComparator: UInt64 = 0
    /// The TOD value at which the CPU timer reaches zero (timer = deadline - now).
    @exclusivity(unchecked) var cpuTimerDeadline: UInt64 = 0
    /// TOD value of the last interval-timer update, and the remainder in 1/3 of 160000ths.
    @exclusivity(unchecked) var intervalTimerLastTOD: UInt64 = 0
    @exclusivity(unchecked) var intervalTimerRemainder: UInt64 = 0
    /// Latched interval-timer interruption condition.
    @exclusivity(unchecked) var intervalTimerPending = false
    /// Whether the interval timer at location 80 is updated (the owner can turn it off).
    @exclusivity(unchecked) public var intervalTimerEnabled = true

    // MARK: Run-loop state (read by the fast path through locals)

    /// The TLB table of the current translation context (DAT on/off, PSW key).
    @exclusivity(unchecked) var table: TLBTable
    /// A program-interruption code raised by an instruction; 0 when none.
    @exclusivity(unchecked) var pendingProgramCode: UInt16 = 0
    /// The ILC of the instruction that raised `pendingProgramCode`.
    @exclusivity(unchecked) var pendingILC: UInt8 = 0
    /// Whether the pending program interruption nullifies (instruction address not advanced).
    @exclusivity(unchecked) var pendingNullify = false
    /// The ILC for the pending program interruption when it is not the current
    /// instruction's (instruction fetch, PSW-format errors).
    @exclusivity(unchecked) var ilcOverride: UInt8? = nil
    /// The target of EXECUTE is being executed (its ILC is 2, EXECUTE's).
    @exclusivity(unchecked) var executing = false
    /// EXECUTE has prepared a target for the next fetch.
    @exclusivity(unchecked) var executePending = false
    /// The target instruction EXECUTE prepared, already modified by R1.
    @exclusivity(unchecked) var executeTarget: UInt64 = 0
    /// The ILC of a PSW-format error: 2 when SSM, STNSM or STOSM introduced it, else 0.
    @exclusivity(unchecked) var formatErrorILC: UInt8 = 0
    /// Instructions executed in the current slice but not yet in `instructionCount`
    /// (set while a clock instruction runs).
    @exclusivity(unchecked) var liveInstructions: UInt64 = 0
    /// The exit an instruction asked for, once the loop has saved its state.
    @exclusivity(unchecked) var pendingExit: Exit? = nil
    /// Set by instructions that change what the fast loop assumes (PSW, keys, CRs).
    @exclusivity(unchecked) var mustReload = false
    /// PER event bits (CR9 bits 0-3) recognized by the current instruction, and its address.
    @exclusivity(unchecked) var perEvents: UInt8 = 0
    @exclusivity(unchecked) var perAddress: UInt32 = 0
    /// The general registers before the current instruction (checking loop, PER).
    @exclusivity(unchecked) var perRegisterSnapshot = [UInt32](repeating: 0, count: 16)
    /// The checking loop is needed: PER enabled, tracing, or an address stop.
    @exclusivity(unchecked) public internal(set) var needsCheckingLoop = false
    /// Set when the CPU stopped at the address stop, so that the next run executes the instruction.
    @exclusivity(unchecked) var stoppedAtAddress = false
    /// The address stop (ADSTOP): the CPU exits `.addressStop` before executing
    /// an instruction at this address (runs the checking loop).
    public var addressStop: UInt32? = nil { didSet { updateLoopChoice() } }
    /// Count TLB hits (runs the checking loop; for measurements, not for speed).
    public var countTLBHits = false { didSet { updateLoopChoice() } }
    /// Instruction trace: called before each instruction in the checking loop.
    @exclusivity(unchecked) public var tracer: ((CPU, UInt32, UInt64) -> Void)? = nil { didSet { updateLoopChoice() } }

    /// Creates a CPU over `storage`, in the state after a CPU reset and with
    /// control registers as after initial CPU reset.
    public init(storage: MainStorage) {
        self.storage = storage
        datBox = DATBox(storage: storage)
        gpr = .allocate(capacity: 16)
        gpr.initialize(repeating: 0, count: 16)
        fpr = .allocate(capacity: 4)
        fpr.initialize(repeating: 0, count: 4)
        cr = .allocate(capacity: 16)
        cr.initialize(repeating: 0, count: 16)
        table = datBox.table(dat: false, key: 0)
        initialCPUReset()
    }

    deinit {
        gpr.deallocate()
        fpr.deallocate()
        cr.deallocate()
    }

    // MARK: Resets (PoO, "Resets")

    /// CPU reset: ends the current instruction and pending interruptions; registers are kept.
    public func cpuReset() {
        pendingProgramCode = 0
        pendingExit = nil
        intervalTimerPending = false
        externalPending = []
        machineCheckPending = false
        psw.wait = false
        datBox.purgeAll()
        selectTable()
    }

    /// Initial CPU reset: CPU reset, and the PSW, prefix, CPU timer, clock comparator
    /// and control registers set to their initial values.
    public func initialCPUReset() {
        cpuReset()
        psw = PSW()
        for i in 0..<16 { cr[i] = 0 }
        // PoO, "Initial CPU Reset": CR0 enables the interval timer, interrupt key
        // and external signal subclasses; CR2 all channel masks; CR14 and CR15 as listed.
        cr[0] = 0x0000_00E0
        cr[2] = 0xFFFF_FFFF
        cr[14] = 0xC200_0000
        cr[15] = 0x0000_0200
        datBox.setPrefix(0)
        datBox.setTranslationControls(cr0: cr[0], cr1: cr[1])
        clockComparator = 0
        cpuTimerDeadline = cpuClock()
        updateLoopChoice()
        selectTable()
    }

    /// Clear reset: initial CPU reset plus zeroed registers and storage (with keys).
    public func clearReset() {
        initialCPUReset()
        for i in 0..<16 { gpr[i] = 0 }
        for i in 0..<4 { fpr[i] = 0 }
        storage.clear()
        datBox.purgeAll()
        instructionCount = 0
        idleTOD = 0
        resetTimeBase()
    }

    // MARK: PSW

    /// Whether DAT is on for the current PSW.
    @inlinable var translationOn: Bool { psw.translation }

    /// Selects the TLB table for the current translation mode and PSW key.
    func selectTable() {
        table = datBox.table(dat: psw.translation, key: psw.key)
    }

    /// Loads a new PSW: the instruction address, keys and masks take effect at
    /// once. A PSW-format error is recognized immediately (PoO, "Early Exception
    /// Recognition"): the caller's next step is a specification exception.
    public func loadPSW(_ new: PSW) {
        psw = new
        selectTable()
        updateLoopChoice()
        mustReload = true
    }

    /// Decides whether the checking loop is needed (PER, tracing).
    func updateLoopChoice() {
        needsCheckingLoop = tracer != nil || countTLBHits || addressStop != nil
            || (psw.perMask && cr[9] & 0xF000_0000 != 0)
    }

    // MARK: Register pairs and floating-point registers

    /// The 64-bit value of the even-odd register pair R1, R1+1.
    @inlinable public func pair(_ r: Int) -> UInt64 { UInt64(gpr[r]) << 32 | UInt64(gpr[r + 1]) }
    /// Sets the even-odd register pair R1, R1+1.
    @inlinable public func setPair(_ r: Int, _ v: UInt64) {
        gpr[r] = UInt32(truncatingIfNeeded: v >> 32)
        gpr[r + 1] = UInt32(truncatingIfNeeded: v)
    }
}

/// External-interruption conditions raised from outside the CPU.
public struct ExternalConditions: OptionSet, Sendable {
    public let rawValue: UInt16
    public init(rawValue: UInt16) { self.rawValue = rawValue }
    /// The operator's interrupt key (code 0040).
    public static let interruptKey = ExternalConditions(rawValue: 1 << 0)
    /// External signal n, 2-7 (codes 0020 down to 0001).
    public static func externalSignal(_ n: Int) -> ExternalConditions {
        ExternalConditions(rawValue: UInt16(1) << UInt16(n))
    }
    /// The external call of SIGNAL PROCESSOR (code 1202).
    public static let externalCall = ExternalConditions(rawValue: 1 << 8)
    /// The emergency signal of SIGNAL PROCESSOR (code 1201).
    public static let emergencySignal = ExternalConditions(rawValue: 1 << 9)
}

/// Which events exit to the owner instead of being performed by the CPU (the
/// model of VM assist and SIE: DESIGN.md, "one CPU, two owners").
///
/// Under CP with the assist off, every privileged instruction the guest issues
/// in its (virtual) supervisor state and every program and SVC interruption it
/// takes is an exit, as in VM/370 without VM assist. With `assist` on, the CPU
/// itself performs SSM, LPSW, STNSM and STOSM and delivers SVC and program
/// interruptions through the guest's low storage, without an exit.
public struct InterceptionControls: Equatable, Sendable {
    /// Every privileged instruction in the (virtual) supervisor state exits as `.intercepted`.
    public var privilegedInstructions = false
    /// Program and SVC interruptions exit (`.programInterruption`, `.supervisorCall`)
    /// before they are taken.
    public var interruptions = false
    /// The assist: the frequent privileged instructions and the SVC and program
    /// interruptions are handled by the CPU without an exit.
    public var assist = false
    public init() {}

    /// Whether the privileged instruction with this first byte exits.
    @inlinable public func exits(privileged firstByte: UInt8) -> Bool {
        guard privilegedInstructions else { return false }
        if assist {
            switch firstByte {
            case 0x80, 0x82, 0xAC, 0xAD: return false   // SSM, LPSW, STNSM, STOSM
            default: return true
            }
        }
        return true
    }

    /// Whether program and SVC interruptions exit.
    @inlinable public var interruptionsExit: Bool { interruptions && !assist }
}
