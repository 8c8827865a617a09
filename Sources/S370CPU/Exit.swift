// What leaves the run loop (DESIGN.md, "one CPU, two owners").
//
// The CPU runs until something needs its owner and returns an exit. For an
// instruction exit the instruction address in the PSW already points past the
// instruction (past the EXECUTE for a target of EXECUTE) and `ilc` gives its
// length code, so the owner can complete it (set the condition code, store
// results) or turn it into a program interruption with
// `CPU.programInterruption(_:ilc:)`.

/// The I/O instructions, by their operation codes.
public enum IOOperation: UInt16, Sendable {
    case startIO = 0x9C00
    case startIOFastRelease = 0x9C01
    case testIO = 0x9D00
    case clearIO = 0x9D01
    case haltIO = 0x9E00
    case haltDevice = 0x9E01
    case testChannel = 0x9F00
    case clearChannel = 0x9F01
    case storeChannelID = 0xB203
}

/// Why the run loop returned.
public enum Exit: Equatable, Sendable {
    /// The instruction budget given to `run` is used up.
    case budgetExhausted
    /// The PSW has the wait bit on; `CPU.psw` says whether the CPU is enabled.
    case waitState
    /// An I/O instruction: the owner performs it and sets the condition code.
    /// `address` is the second-operand address (bits 16-31 name channel and device).
    case io(IOOperation, address: UInt32, ilc: UInt8)
    /// DIAGNOSE (83): the R1, R3 fields and the second-operand address.
    case diagnose(r1: UInt8, r3: UInt8, address: UInt32, ilc: UInt8)
    /// SIGNAL PROCESSOR (AE): R1, R3 and the order code (bits 24-31 of the address).
    case signalProcessor(r1: UInt8, r3: UInt8, address: UInt32, ilc: UInt8)
    /// WRITE DIRECT (84) or READ DIRECT (85): the I2 byte and the first-operand address.
    case direct(write: Bool, signal: UInt8, address: UInt32, ilc: UInt8)
    /// The CPU is enabled for an I/O interruption and the owner has one pending
    /// on an enabled channel (`CPU.ioPendingChannels`): the owner presents it
    /// with `CPU.ioInterruption(device:)`.
    case ioInterruption
    /// In shadow-table mode, a DAT-on access whose translation is not in the
    /// owner's shadow tables. The instruction is nullified: after the owner
    /// fills the shadow entry (or reflects a translation exception) the CPU
    /// executes it again.
    case translationMiss(address: UInt32)
    /// A privileged instruction intercepted for the owner (interception controls, CP).
    /// The owner emulates it, or has the CPU perform it with `CPU.performIntercepted`.
    case intercepted(instruction: UInt64, ilc: UInt8)
    /// A program interruption intercepted before it was taken (interception
    /// controls): the PSW is as the old PSW would be stored; the owner reflects
    /// it with `CPU.programInterruption(_:ilc:)` or handles it.
    case programInterruption(code: UInt16, ilc: UInt8)
    /// An SVC interruption intercepted before it was taken; the owner reflects it
    /// with `CPU.supervisorCallInterruption(_:ilc:)`.
    case supervisorCall(number: UInt8, ilc: UInt8)
    /// The instruction address reached the address stop (`CPU.addressStop`);
    /// the instruction there has not been executed.
    case addressStop
    /// The CPU entered the check-stop state: a machine check it cannot present
    /// (the machine-check mask is off), as the PoO defines it.
    case checkStop
}
