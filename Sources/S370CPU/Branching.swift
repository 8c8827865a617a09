// Branching and linkage that does not fit on one line of the run loop:
// SET PROGRAM MASK, SUPERVISOR CALL and EXECUTE, and the instruction fetch
// slow path that EXECUTE's target goes through.
//
// EXECUTE prepares its target and invalidates the loop's code page; the next
// fetch then takes the slow path, which hands over the target without
// advancing the instruction address, so the target runs through the one
// dispatch like any other instruction, with the ILC of EXECUTE (PoO,
// "EXECUTE": the updated instruction address is that of the instruction
// after EXECUTE).

import DATBox

extension CPU {
    /// 04 SPM: Set Program Mask. Bits 2-3 of R1 become the CC, bits 4-7 the program mask.
    @inline(__always) func setProgramMask(_ i: UInt64, _ cc: UInt32) -> UInt32 {
        let v = gpr[Field.r1(i)]
        psw.programMask = UInt8(truncatingIfNeeded: v >> 24) & 15
        return (v >> 28) & 3
    }

    /// 0A SVC: Supervisor Call. The I field is the interruption code.
    @inline(never) func supervisorCall(_ i: UInt64, _ cc: UInt32) -> UInt32 {
        let ilc: UInt8 = executing ? 2 : 1
        executing = false
        if interception.interruptionsExit {
            pendingExit = .supervisorCall(number: Field.byte1(i), ilc: ilc)
            return leave | cc
        }
        svcInterruption(Field.byte1(i), ilc: ilc)
        return leave | cc
    }

    /// 44 EX: Execute. The target at the second-operand address, with bits 8-15
    /// ORed with bits 24-31 of R1 (unless R1 is 0), is executed next.
    @inline(never) func execute(_ i: UInt64) -> Bool {
        let a = addressRX(i)
        guard a & 1 == 0 else { raise(.specification); return false }
        guard let first = fetchSlow(a, 2) else { return false }
        let op = UInt8(truncatingIfNeeded: first >> 8)
        var target = first << 48
        let length = Field.length(op)
        if length > 2 {
            guard let rest = fetchSlow((a &+ 2) & 0x00FF_FFFF, Int(length) - 2) else { return false }
            target |= rest << (48 - 8 * UInt64(length - 2))
        }
        if op == 0x44 { raise(.execute); return false }
        let r1 = Field.r1(i)
        if r1 != 0 { target |= UInt64(gpr[r1] & 0xFF) << 48 }
        if needsCheckingLoop { notePERInstructionFetch(a) }
        executeTarget = target
        executePending = true
        return true
    }

    /// The instruction fetch slow path: a new code page, an instruction that may
    /// cross into the next page, the target of EXECUTE, an odd address, or an
    /// access exception on the fetch.
    @inline(never)
    func fetchInstructionSlow(_ ia: inout UInt32, _ codePage: inout UInt32,
                              _ codeBase: inout UnsafeMutableRawPointer) -> UInt64? {
        if executePending {
            executePending = false
            executing = true
            codePage = 1
            // The loop adds the target's length to the address; take it off first,
            // so that after the target the address is still the one after EXECUTE.
            ia = (ia &- Field.length(Field.op(executeTarget))) & 0x00FF_FFFF
            return executeTarget
        }
        executing = false
        if ia & 1 != 0 {
            // PoO: an odd instruction address is a specification exception; the
            // old PSW holds the odd address, and the ILC (unpredictable) is 0 here.
            raise(.specification)
            ilcOverride = 0
            return nil
        }
        guard let p = hostAddress(ia, store: false) else { return instructionFetchFailed(&ia) }
        codePage = ia & tlbPageMask
        codeBase = p - Int(ia)
        if ia & 0x7FF <= 0x7FA {
            return UInt64(bigEndian: p.loadUnaligned(as: UInt64.self))
        }
        // Near the end of the page: fetch a halfword at a time, the next page
        // only when the instruction reaches into it.
        var inst = UInt64(UInt16(bigEndian: p.loadUnaligned(as: UInt16.self))) << 48
        let length = Field.length(Field.op(inst))
        var k: UInt32 = 2
        while k < length {
            guard let q = hostAddress((ia &+ k) & 0x00FF_FFFF, store: false) else {
                return instructionFetchFailed(&ia)
            }
            inst |= UInt64(UInt16(bigEndian: q.loadUnaligned(as: UInt16.self))) << UInt64(48 - 8 * k)
            k += 2
        }
        codePage = 1
        return inst
    }

    /// An access exception on instruction fetch. PoO: the ILC is 1, 2 or 3
    /// (unpredictable) and gives the halfwords by which the instruction address
    /// was advanced; this machine uses 1. A page-translation or
    /// segment-translation exception nullifies: the address is not advanced.
    private func instructionFetchFailed(_ ia: inout UInt32) -> UInt64? {
        // (A shadow-table miss is an exit, not an interruption: the address stays.)
        if pendingProgramCode != 0 {
            ilcOverride = 1
            if !pendingNullify { ia = (ia &+ 2) & 0x00FF_FFFF }
        }
        pendingNullify = false
        return nil
    }
}
