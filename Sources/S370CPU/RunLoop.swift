// The run loop: fetch, decode and execute until an exit (DESIGN.md, "one CPU,
// two owners"; PERFORMANCE.md).
//
// `run(budget:)` is the owner's entry. It takes pending interruptions, sizes a
// slice (in deterministic mode it ends exactly at the next timer event) and
// runs the inner loop: the fast loop, or the checking loop when PER or tracing
// is active (DESIGN.md, "The slow loop"). Both are the one `executeSlice`
// body, specialised by the constant `checking`, so the fast loop pays nothing.
//
// Inside, the instruction address, condition code, slice budget and current
// code page live in local variables. An instruction handler returns the new
// condition code (0-3), or `leave` when the inner loop must end: a program
// interruption was raised, an exit is wanted, or the PSW, keys or control
// registers changed (`mustReload`). After the inner loop the locals are saved
// to the PSW and the interruption, if any, is taken.

import DATBox

/// A handler's result that ends the inner loop (any value above 3).
@usableFromInline let leave: UInt32 = 0x100

/// Slice length in real-time mode: timers and interruptions are looked at this often.
let realTimeSlice = 65_536
/// Longest slice in deterministic mode: 1/300 of a second of instructions at
/// one microsecond each, so that the interval timer at location 80 is brought
/// up to date as often as its bit 23 steps (PoO: 300 times a second).
let deterministicSlice = 3_333

extension CPU {
    /// Runs until an exit, executing at most `budget` instructions.
    public func run(budget: Int) -> Exit {
        startRunning()
        defer { stopRunning() }
        var left = budget
        while true {
            synchronizeTimers()
            if psw.hasFormatError {
                // PoO, "Early Exception Recognition": the interruption occurs
                // immediately, the invalid PSW is stored unchanged, the ILC is 0.
                if interception.interruptionsExit {
                    psw.invalidBits = psw.invalidBits   // (the owner sees the PSW as it is)
                    return .programInterruption(code: ProgramInterruptionCode.specification.rawValue, ilc: formatErrorILC)
                }
                programInterruption(ProgramInterruptionCode.specification.rawValue, ilc: formatErrorILC)
                // It counts as an instruction, so that a loop of invalid new PSWs ends.
                instructionCount &+= 1
                left -= 1
                if left <= 0 { return .budgetExhausted }
                continue
            }
            if let e = takePendingInterruptions() { return e }
            if psw.hasFormatError { continue }
            if psw.wait { return .waitState }
            if left <= 0 { return .budgetExhausted }
            var slice = min(left, isDeterministic ? deterministicSlice : realTimeSlice)
            if let n = instructionsToNextTimerEvent() { slice = min(slice, n) }
            let executed = needsCheckingLoop ? runChecking(slice) : runFast(slice)
            left -= executed
            if let e = pendingExit {
                pendingExit = nil
                return e
            }
        }
    }

    /// The fast loop: `executeSlice` specialised with `checking` false, so that
    /// every PER and trace test in it is folded away (it must be a function of
    /// its own: inlined into `run`, the compiler keeps one copy of the body with
    /// `checking` as a parameter tested at run time).
    @inline(never) func runFast(_ budget: Int) -> Int { executeSlice(budget, checking: false) }

    /// Whether the clocks run from the instruction count.
    var isDeterministic: Bool {
        if case .deterministic = clockMode { return true }
        return false
    }

    /// The checking loop: one instruction at a time, with the PER events and the
    /// tracer around each (DESIGN.md, "The slow loop").
    @inline(never) func runChecking(_ budget: Int) -> Int {
        var done = 0
        while done < budget {
            if let stop = addressStop, stop == psw.instructionAddress, !executePending {
                if stoppedAtAddress { stoppedAtAddress = false } else {
                    // Stop before the instruction; the next run executes it.
                    stoppedAtAddress = true
                    pendingExit = .addressStop
                    break
                }
            }
            done += executeSlice(1, checking: true)
            if pendingExit != nil || psw.wait || !needsCheckingLoop || interruptionMayBePending { break }
        }
        return done
    }

    /// Whether an interruption could be taken now (the checking loop then returns to `run`).
    var interruptionMayBePending: Bool {
        (ioPendingChannels != 0 || !externalPending.isEmpty || intervalTimerPending) && (psw.externalMask || psw.systemMask & 0xFE != 0)
    }

    /// Executes up to `budget` instructions; returns how many were executed.
    ///
    /// The hot instructions are cases here, each ending in `continue inner` when
    /// it completes; a case that cannot complete falls out of the switch (the
    /// instruction address then advances past it, and the loop is left). All
    /// other operation codes go to `executeCold`, with the PSW brought up to date
    /// first, so that those handlers work on the PSW itself.
    @inline(__always)
    func executeSlice(_ budget: Int, checking: Bool) -> Int {
        let gpr = self.gpr
        let t = AccessContext(entries: tlbEntries, generation: tlbGeneration.pointee, checking: checking)
        var ia = psw.instructionAddress
        var cc = UInt32(psw.cc)
        var remaining = budget
        // The current 2K code page: its logical address and host base. An odd
        // value never matches, so the first fetch goes to the slow path.
        var codePage: UInt32 = 1
        var codeBase = storage.base
        var inst: UInt64 = 0
        // Whether the PSW already holds the state (a cold instruction left the loop).
        var pswCurrent = false
        mustReload = false
        if checking { beforeInstruction(ia) }

        inner: while remaining > 0 {
            // Fetch: one rotate-and-compare checks that `ia` is even and that six
            // bytes from it lie in the current code page (PERFORMANCE.md, 6).
            let offset = ia &- codePage
            if (offset &>> 1 | offset &<< 31) > 0x3FD {
                // Temporaries keep the hot locals out of memory (their addresses never escape).
                var a = ia, page = codePage, base = codeBase
                let fetched = fetchInstructionSlow(&a, &page, &base)
                ia = a
                codePage = page
                codeBase = base
                guard let i = fetched else {
                    // An instruction that cannot be fetched still counts, so that a
                    // program-interruption loop (an odd new PSW) uses up the budget.
                    remaining &-= 1
                    break inner
                }
                inst = i
            } else {
                inst = UInt64(bigEndian: (codeBase + Int(ia)).loadUnaligned(as: UInt64.self))
            }
            remaining &-= 1
            switch Field.op(inst) {
            // MARK: RR
            case 0x05: // BALR
                let r1 = Field.r1(inst), r2 = Field.r2(inst)
                let target = gpr[r2] & 0x00FF_FFFF
                ia = (ia &+ 2) & 0x00FF_FFFF
                gpr[r1] = linkInformation(ia, cc, ilc: executing ? 2 : 1)
                if r2 != 0 {
                    if checking { noteBranch(target) }
                    ia = target
                }
                continue inner
            case 0x06: // BCTR
                let r1 = Field.r1(inst), r2 = Field.r2(inst)
                let target = gpr[r2] & 0x00FF_FFFF
                let v = gpr[r1] &- 1
                gpr[r1] = v
                if v != 0 && r2 != 0 {
                    if checking { noteBranch(target) }
                    ia = target
                } else {
                    ia &+= 2
                }
                continue inner
            case 0x07: // BCR
                let r2 = Field.r2(inst)
                if (inst >> 52) & (8 >> UInt64(cc)) != 0 && r2 != 0 {
                    let target = gpr[r2] & 0x00FF_FFFF
                    if checking { noteBranch(target) }
                    ia = target
                } else {
                    ia &+= 2
                }
                continue inner
            case 0x10: // LPR
                let r = loadPositive(inst)
                cc = r & 3
                if r <= 3 { ia &+= 2; continue inner }
            case 0x11: // LNR
                cc = loadNegative(inst)
                ia &+= 2
                continue inner
            case 0x12: // LTR
                let v = gpr[Field.r2(inst)]
                gpr[Field.r1(inst)] = v
                cc = signCC(v)
                ia &+= 2
                continue inner
            case 0x13: // LCR
                let r = loadComplement(inst)
                cc = r & 3
                if r <= 3 { ia &+= 2; continue inner }
            case 0x14: // NR
                let r1 = Field.r1(inst)
                let v = gpr[r1] & gpr[Field.r2(inst)]
                gpr[r1] = v
                cc = v == 0 ? 0 : 1
                ia &+= 2
                continue inner
            case 0x15: // CLR
                cc = compareLogical(gpr[Field.r1(inst)], gpr[Field.r2(inst)])
                ia &+= 2
                continue inner
            case 0x16: // OR
                let r1 = Field.r1(inst)
                let v = gpr[r1] | gpr[Field.r2(inst)]
                gpr[r1] = v
                cc = v == 0 ? 0 : 1
                ia &+= 2
                continue inner
            case 0x17: // XR
                let r1 = Field.r1(inst)
                let v = gpr[r1] ^ gpr[Field.r2(inst)]
                gpr[r1] = v
                cc = v == 0 ? 0 : 1
                ia &+= 2
                continue inner
            case 0x18: // LR
                gpr[Field.r1(inst)] = gpr[Field.r2(inst)]
                ia &+= 2
                continue inner
            case 0x19: // CR
                cc = compareArithmetic(gpr[Field.r1(inst)], gpr[Field.r2(inst)])
                ia &+= 2
                continue inner
            case 0x1A: // AR
                let r = add(Field.r1(inst), gpr[Field.r2(inst)])
                cc = r & 3
                if r <= 3 { ia &+= 2; continue inner }
            case 0x1B: // SR
                let r = subtract(Field.r1(inst), gpr[Field.r2(inst)])
                cc = r & 3
                if r <= 3 { ia &+= 2; continue inner }
            case 0x1E: // ALR
                cc = addLogical(Field.r1(inst), gpr[Field.r2(inst)])
                ia &+= 2
                continue inner
            case 0x1F: // SLR
                cc = subtractLogical(Field.r1(inst), gpr[Field.r2(inst)])
                ia &+= 2
                continue inner
            // MARK: RX
            case 0x40: // STH
                if store16(addressRX(inst), UInt16(truncatingIfNeeded: gpr[Field.r1(inst)]), t) { ia &+= 4; continue inner }
            case 0x41: // LA
                gpr[Field.r1(inst)] = addressRX(inst)
                ia &+= 4
                continue inner
            case 0x42: // STC
                if store8(addressRX(inst), UInt8(truncatingIfNeeded: gpr[Field.r1(inst)]), t) { ia &+= 4; continue inner }
            case 0x43: // IC
                if let v = fetch8(addressRX(inst), t) {
                    let r1 = Field.r1(inst)
                    gpr[r1] = (gpr[r1] & 0xFFFF_FF00) | UInt32(v)
                    ia &+= 4
                    continue inner
                }
            case 0x44: // EX
                ia = (ia &+ 4) & 0x00FF_FFFF
                if execute(inst) {
                    // The target is fetched next, by the slow path; EXECUTE and its
                    // target count as one instruction.
                    codePage = 1
                    remaining &+= 1
                    continue inner
                }
                ia &-= 4
            case 0x45: // BAL
                let target = addressRX(inst)
                gpr[Field.r1(inst)] = linkInformation((ia &+ 4) & 0x00FF_FFFF, cc, ilc: 2)
                if checking { noteBranch(target) }
                ia = target
                continue inner
            case 0x46: // BCT
                let r1 = Field.r1(inst)
                let target = addressRX(inst)
                let v = gpr[r1] &- 1
                gpr[r1] = v
                if v != 0 {
                    if checking { noteBranch(target) }
                    ia = target
                } else {
                    ia &+= 4
                }
                continue inner
            case 0x47: // BC
                if (inst >> 52) & (8 >> UInt64(cc)) != 0 {
                    let target = addressRX(inst)
                    if checking { noteBranch(target) }
                    ia = target
                } else {
                    ia &+= 4
                }
                continue inner
            case 0x48: // LH
                if let v = fetch16(addressRX(inst), t) {
                    gpr[Field.r1(inst)] = UInt32(bitPattern: Int32(Int16(bitPattern: v)))
                    ia &+= 4
                    continue inner
                }
            case 0x49: // CH
                if let v = fetch16(addressRX(inst), t) {
                    cc = compareArithmetic(gpr[Field.r1(inst)], UInt32(bitPattern: Int32(Int16(bitPattern: v))))
                    ia &+= 4
                    continue inner
                }
            case 0x4A: // AH
                if let v = fetch16(addressRX(inst), t) {
                    let r = add(Field.r1(inst), UInt32(bitPattern: Int32(Int16(bitPattern: v))))
                    cc = r & 3
                    if r <= 3 { ia &+= 4; continue inner }
                }
            case 0x4B: // SH
                if let v = fetch16(addressRX(inst), t) {
                    let r = subtract(Field.r1(inst), UInt32(bitPattern: Int32(Int16(bitPattern: v))))
                    cc = r & 3
                    if r <= 3 { ia &+= 4; continue inner }
                }
            case 0x50: // ST
                if store32(addressRX(inst), gpr[Field.r1(inst)], t) { ia &+= 4; continue inner }
            case 0x54: // N
                if let v = fetch32(addressRX(inst), t) {
                    let r1 = Field.r1(inst)
                    let x = gpr[r1] & v
                    gpr[r1] = x
                    cc = x == 0 ? 0 : 1
                    ia &+= 4
                    continue inner
                }
            case 0x55: // CL
                if let v = fetch32(addressRX(inst), t) {
                    cc = compareLogical(gpr[Field.r1(inst)], v)
                    ia &+= 4
                    continue inner
                }
            case 0x56: // O
                if let v = fetch32(addressRX(inst), t) {
                    let r1 = Field.r1(inst)
                    let x = gpr[r1] | v
                    gpr[r1] = x
                    cc = x == 0 ? 0 : 1
                    ia &+= 4
                    continue inner
                }
            case 0x57: // X
                if let v = fetch32(addressRX(inst), t) {
                    let r1 = Field.r1(inst)
                    let x = gpr[r1] ^ v
                    gpr[r1] = x
                    cc = x == 0 ? 0 : 1
                    ia &+= 4
                    continue inner
                }
            case 0x58: // L
                if let v = fetch32(addressRX(inst), t) {
                    gpr[Field.r1(inst)] = v
                    ia &+= 4
                    continue inner
                }
            case 0x59: // C
                if let v = fetch32(addressRX(inst), t) {
                    cc = compareArithmetic(gpr[Field.r1(inst)], v)
                    ia &+= 4
                    continue inner
                }
            case 0x5A: // A
                if let v = fetch32(addressRX(inst), t) {
                    let r = add(Field.r1(inst), v)
                    cc = r & 3
                    if r <= 3 { ia &+= 4; continue inner }
                }
            case 0x5B: // S
                if let v = fetch32(addressRX(inst), t) {
                    let r = subtract(Field.r1(inst), v)
                    cc = r & 3
                    if r <= 3 { ia &+= 4; continue inner }
                }
            case 0x5E: // AL
                if let v = fetch32(addressRX(inst), t) {
                    cc = addLogical(Field.r1(inst), v)
                    ia &+= 4
                    continue inner
                }
            case 0x5F: // SL
                if let v = fetch32(addressRX(inst), t) {
                    cc = subtractLogical(Field.r1(inst), v)
                    ia &+= 4
                    continue inner
                }
            // MARK: RS and SI
            case 0x86: // BXH
                let r1 = Field.r1(inst), r3 = Field.r2(inst)
                let target = address1(inst)
                let increment = Int32(bitPattern: gpr[r3])
                let compare = Int32(bitPattern: gpr[r3 | 1])
                let sum = Int32(bitPattern: gpr[r1]) &+ increment
                gpr[r1] = UInt32(bitPattern: sum)
                if sum > compare {
                    if checking { noteBranch(target) }
                    ia = target
                } else {
                    ia &+= 4
                }
                continue inner
            case 0x87: // BXLE
                let r1 = Field.r1(inst), r3 = Field.r2(inst)
                let target = address1(inst)
                let increment = Int32(bitPattern: gpr[r3])
                let compare = Int32(bitPattern: gpr[r3 | 1])
                let sum = Int32(bitPattern: gpr[r1]) &+ increment
                gpr[r1] = UInt32(bitPattern: sum)
                if sum <= compare {
                    if checking { noteBranch(target) }
                    ia = target
                } else {
                    ia &+= 4
                }
                continue inner
            case 0x88: // SRL
                let r1 = Field.r1(inst)
                let n = address1(inst) & 63
                gpr[r1] = n > 31 ? 0 : gpr[r1] >> n
                ia &+= 4
                continue inner
            case 0x89: // SLL
                let r1 = Field.r1(inst)
                let n = address1(inst) & 63
                gpr[r1] = n > 31 ? 0 : gpr[r1] << n
                ia &+= 4
                continue inner
            case 0x8A: // SRA
                cc = shiftRightSingle(inst)
                ia &+= 4
                continue inner
            case 0x90: // STM
                let r = storeMultiple(inst, cc, t)
                if r <= 3 { ia &+= 4; continue inner }
            case 0x91: // TM
                if let v = fetch8(address1(inst), t) {
                    cc = testUnderMask(v, Field.byte1(inst))
                    ia &+= 4
                    continue inner
                }
            case 0x92: // MVI
                if store8(address1(inst), Field.byte1(inst), t) { ia &+= 4; continue inner }
            case 0x94, 0x96, 0x97: // NI, OI, XI
                let r = logicalImmediate(inst, cc, t)
                cc = r & 3
                if r <= 3 { ia &+= 4; continue inner }
            case 0x95: // CLI
                if let v = fetch8(address1(inst), t) {
                    cc = compareLogical(UInt32(v), UInt32(Field.byte1(inst)))
                    ia &+= 4
                    continue inner
                }
            case 0x98: // LM
                let r = loadMultiple(inst, cc, t)
                if r <= 3 { ia &+= 4; continue inner }
            // MARK: SS
            case 0xD2: // MVC
                if moveCharacters(inst, t) { ia &+= 6; continue inner }
            case 0xD5: // CLC
                let r = compareLogicalCharacters(inst, cc, t)
                cc = r & 3
                if r <= 3 { ia &+= 6; continue inner }
            case 0x04, 0x08, 0x09, 0x0A, 0x0E, 0x0F, 0x1C, 0x1D, 0x20, 0x21, 0x22, 0x23,
                 0x24, 0x25, 0x26, 0x27, 0x28, 0x29, 0x2A, 0x2B, 0x2C, 0x2D, 0x2E, 0x2F,
                 0x30, 0x31, 0x32, 0x33, 0x34, 0x35, 0x36, 0x37, 0x38, 0x39, 0x3A, 0x3B,
                 0x3C, 0x3D, 0x3E, 0x3F, 0x4C, 0x4E, 0x4F, 0x5C, 0x5D, 0x60, 0x67, 0x68,
                 0x69, 0x6A, 0x6B, 0x6C, 0x6D, 0x6E, 0x6F, 0x70, 0x78, 0x79, 0x7A, 0x7B,
                 0x7C, 0x7D, 0x7E, 0x7F, 0x80, 0x82, 0x83, 0x84, 0x85, 0x8B, 0x8C, 0x8D,
                 0x8E, 0x8F, 0x93, 0x97, 0x9C, 0x9D, 0x9E, 0x9F, 0xAC, 0xAD, 0xAE, 0xAF,
                 0xB1, 0xB2, 0xB6, 0xB7, 0xBA, 0xBB, 0xBD, 0xBE, 0xBF, 0xD1, 0xD3, 0xD4,
                 0xD6, 0xD7, 0xDC, 0xDD, 0xDE, 0xDF, 0xF0, 0xF1, 0xF2, 0xF3, 0xF8, 0xF9,
                 0xFA, 0xFB, 0xFC, 0xFD:
                // The other operation codes of the table work on the PSW itself.
                // (Listing them apart from `default` keeps the switch dense
                // enough for one jump table.)
                psw.instructionAddress = (ia &+ Field.length(Field.op(inst))) & 0x00FF_FFFF
                psw.cc = UInt8(truncatingIfNeeded: cc)
                liveInstructions = UInt64(budget - remaining)
                let go = executeCold(inst)
                liveInstructions = 0
                if go {
                    ia = psw.instructionAddress
                    cc = UInt32(psw.cc)
                    continue inner
                }
                pswCurrent = true
                break inner
            default:
                // Not an operation code of this machine.
                raise(.operation)
            }
            // A hot instruction that could not complete: past it, and out.
            ia = (ia &+ Field.length(Field.op(inst))) & 0x00FF_FFFF
            break inner
        }

        // Save the loop's state; take a program interruption the instruction raised.
        let executed = budget - remaining
        instructionCount &+= UInt64(executed)
        if !pswCurrent {
            psw.instructionAddress = ia & 0x00FF_FFFF
            psw.cc = UInt8(truncatingIfNeeded: cc)
        }
        if checking { afterInstruction() }
        if pendingProgramCode != 0 || (checking && perEvents != 0) {
            finishProgramInterruption(inst)
        } else if pendingNullify {
            // An exit that nullifies the instruction (a shadow-table miss).
            let ilc = executing ? 2 : UInt32(Field.length(Field.op(inst)) / 2)
            psw.instructionAddress = (psw.instructionAddress &- ilc * 2) & 0x00FF_FFFF
            pendingNullify = false
            ilcOverride = nil
            executing = false
        }
        return executed
    }

    /// The link information of BAL and BALR: ILC, condition code and program mask
    /// in bits 0-7, the updated instruction address in bits 8-31 (PoO, "BRANCH AND LINK").
    @inline(__always) func linkInformation(_ ia: UInt32, _ cc: UInt32, ilc: UInt32) -> UInt32 {
        (ilc << 30) | (cc << 28) | (UInt32(psw.programMask) << 24) | ia
    }

    /// Takes the program interruption raised by the instruction `inst`. The
    /// PSW's instruction address is the updated one. The ILC is that of the
    /// instruction, 2 for the target of EXECUTE (PoO, "Instruction-Length
    /// Code"), or what the raising site set (instruction fetch).
    func finishProgramInterruption(_ inst: UInt64) {
        var code = pendingProgramCode
        let ilc: UInt8
        if let o = ilcOverride {
            ilc = o
        } else if executing {
            ilc = 2
        } else {
            ilc = UInt8(Field.length(Field.op(inst)) / 2)
        }
        if perEvents != 0 { code |= ProgramInterruptionCode.perEvent.rawValue }
        if pendingNullify {
            // Nullification: the old PSW designates the instruction itself.
            psw.instructionAddress = (psw.instructionAddress &- UInt32(ilc) * 2) & 0x00FF_FFFF
        }
        pendingProgramCode = 0
        pendingNullify = false
        ilcOverride = nil
        executing = false
        if interception.interruptionsExit {
            pendingExit = .programInterruption(code: code, ilc: ilc)
            return
        }
        programInterruption(code, ilc: ilc)
    }
}
