// Program event recording and tracing: the checking loop's work (DESIGN.md,
// "The slow loop"; PoO, "Program-Event Recording").
//
// CR9 bits 0-3 enable the successful-branching, instruction-fetching,
// storage-alteration and general-register-alteration events; bits 16-31 select
// the general registers; CR10 and CR11 give the starting and ending addresses
// of the storage area (wrapping when the start is above the end). PER is
// active only with the PER mask (EC-mode PSW bit 1) on. An event is reported
// by a program interruption after the instruction completes, with the PER
// code at real location 150 and the instruction's address at 152.
//
// The fast loop never calls anything here: the checking loop runs instead
// whenever PER is active or an instruction tracer is set.

/// PER event bits as this CPU keeps them (the PER code's bits 0-3).
enum PEREvent {
    static let successfulBranch: UInt8 = 8
    static let instructionFetch: UInt8 = 4
    static let storageAlteration: UInt8 = 2
    static let registerAlteration: UInt8 = 1
}

extension CPU {
    /// Whether PER events are being recognized now.
    var perActive: Bool { psw.perMask && cr[9] & 0xF000_0000 != 0 }

    /// Whether an address lies in the PER storage area CR10-CR11.
    func inPERRange(_ a: UInt32) -> Bool {
        let start = cr[10] & 0x00FF_FFFF, end = cr[11] & 0x00FF_FFFF
        let x = a & 0x00FF_FFFF
        return start <= end ? (x >= start && x <= end) : (x >= start || x <= end)
    }

    /// Before each instruction in the checking loop: the instruction-fetch event,
    /// the register snapshot for the alteration event, and the tracer.
    func beforeInstruction(_ ia: UInt32) {
        if !executePending {
            perAddress = ia
            if perActive {
                for r in 0..<16 { perRegisterSnapshot[r] = gpr[r] }
                notePERInstructionFetch(ia)
            }
            if let tracer { tracer(self, ia, peekInstruction(at: ia)) }
        }
    }

    /// After each instruction in the checking loop: the register-alteration event.
    func afterInstruction() {
        guard perActive else { return }
        if cr[9] & 0x1000_0000 != 0 {
            let mask = cr[9] & 0xFFFF
            for r in 0..<16 where mask & (0x8000 >> UInt32(r)) != 0 && gpr[r] != perRegisterSnapshot[r] {
                perEvents |= PEREvent.registerAlteration
            }
        }
    }

    /// The instruction-fetch event for an instruction (or the target of EXECUTE) at `a`.
    func notePERInstructionFetch(_ a: UInt32) {
        if perActive && cr[9] & 0x4000_0000 != 0 && inPERRange(a) { perEvents |= PEREvent.instructionFetch }
    }

    /// A successful branch (checking loop only).
    func noteBranch(_ target: UInt32) {
        if perActive && cr[9] & 0x8000_0000 != 0 { perEvents |= PEREvent.successfulBranch }
    }

    /// A store of `n` bytes at `a` (checking loop only): the storage-alteration event.
    func noteStore(_ a: UInt32, _ n: Int) {
        guard perActive && cr[9] & 0x2000_0000 != 0, n > 0 else { return }
        // Two circular intervals meet when one holds the other's first byte.
        let start = cr[10] & 0x00FF_FFFF
        if inPERRange(a) || Int((start &- a) & 0x00FF_FFFF) < n { perEvents |= PEREvent.storageAlteration }
    }

    /// The instruction at a logical address, read without side effects (for the
    /// tracer); zero where it cannot be read.
    public func peekInstruction(at a: UInt32) -> UInt64 {
        var v: UInt64 = 0
        for k in 0..<6 {
            v = v << 8 | UInt64(peekByte(at: (a &+ UInt32(k)) & 0x00FF_FFFF) ?? 0)
        }
        return v << 16
    }

    /// A byte at a logical address in the current translation mode, read
    /// without setting reference bits or raising exceptions; nil when unavailable.
    public func peekByte(at a: UInt32) -> UInt8? {
        guard case .success(let real) = datBox.translate(a, dat: psw.translation) else { return nil }
        let abs = datBox.absolute(real: real)
        return storage.isAvailable(abs) ? storage.byte(at: abs) : nil
    }
}
