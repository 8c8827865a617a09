// Control instructions: the PSW, system masks, storage keys, control
// registers, prefix, DIAGNOSE, signalling and monitoring (PoO, "Control
// Instructions"). The timer instructions are in ControlTimers.swift.
//
// Every instruction here that changes what the fast loop assumes (the PSW,
// the PSW key, a storage key, CR0/CR1, the prefix) sets `mustReload` and
// returns `leave`, so the run loop takes pending interruptions and reloads.

import DATBox

extension CPU {
    /// The ILC of the current instruction: 2 for the target of EXECUTE.
    @inline(__always) func currentILC(_ i: UInt64) -> UInt8 {
        executing ? 2 : UInt8(Field.length(Field.op(i)) / 2)
    }

    /// The privileged-instruction check: a privileged-operation exception in the
    /// problem state, an `.intercepted` exit when the owner intercepts privileged
    /// instructions; nil when the instruction may go on.
    @inline(__always) func privilegedCheck(_ i: UInt64, _ cc: UInt32) -> UInt32? {
        if psw.problemState {
            raise(.privilegedOperation)
            return leave | cc
        }
        if interception.exits(privileged: Field.op(i)) {
            pendingExit = .intercepted(instruction: i, ilc: currentILC(i))
            return leave | cc
        }
        return nil
    }

    /// The problem-state check alone, for privileged instructions that exit to
    /// the owner anyway (I/O, DIAGNOSE, SIGP, WRD, RDD): interception adds nothing.
    @inline(__always) func problemStateCheck(_ i: UInt64, _ cc: UInt32) -> UInt32? {
        if psw.problemState {
            raise(.privilegedOperation)
            return leave | cc
        }
        return nil
    }

    /// Asks the run loop to leave, reload its state and look for interruptions.
    @inline(__always) func reloadAfter(_ cc: UInt32) -> UInt32 {
        mustReload = true
        return leave | cc
    }

    /// Saves the loop's condition code before an instruction replaces the PSW.
    @inline(__always) func syncCC(_ cc: UInt32) { psw.cc = UInt8(truncatingIfNeeded: cc) }

    // MARK: Storage keys

    /// The absolute address of the 2K block a key instruction names by a real
    /// address in R2 (bits 28-31 must be zero); nil with the exception raised.
    func keyBlock(_ r: UInt32) -> UInt32? {
        guard r & 0xF == 0 else { raise(.specification); return nil }
        let abs = datBox.absolute(real: r & 0x00FF_F800)
        guard storage.isAvailable(abs) else { raise(.addressing); return nil }
        return abs
    }

    /// 08 SSK: Set Storage Key. Bits 24-30 of R1 become the key of the block.
    @inline(never) func setStorageKey(_ i: UInt64, _ cc: UInt32) -> UInt32 {
        if let r = privilegedCheck(i, cc) { return r }
        guard let abs = keyBlock(gpr[Field.r2(i)]) else { return leave | cc }
        storage.setKey(UInt8(truncatingIfNeeded: gpr[Field.r1(i)]), at: abs)
        datBox.purgeAll()
        syncCC(cc)
        return reloadAfter(cc)
    }

    /// 09 ISK: Insert Storage Key. EC mode: the seven-bit key in bits 24-30;
    /// BC mode: key bits 0-4 in bits 24-28 and zeros in 29-31.
    @inline(never) func insertStorageKey(_ i: UInt64, _ cc: UInt32) -> UInt32 {
        if let r = privilegedCheck(i, cc) { return r }
        guard let abs = keyBlock(gpr[Field.r2(i)]) else { return leave | cc }
        let key = storage.key(at: abs) & (psw.ecMode ? 0xFE : 0xF8)
        let r1 = Field.r1(i)
        gpr[r1] = (gpr[r1] & 0xFFFF_FF00) | UInt32(key)
        return cc
    }

    // MARK: The PSW

    /// 80 SSM: Set System Mask. In the EC mode with CR0 bit 1 (SSM suppression)
    /// on, a special-operation exception.
    @inline(never) func setSystemMask(_ i: UInt64, _ cc: UInt32) -> UInt32 {
        if let r = privilegedCheck(i, cc) { return r }
        if psw.ecMode && cr[0] & 0x4000_0000 != 0 { raise(.specialOperation); return leave | cc }
        let t = AccessContext(table, checking: needsCheckingLoop)
        guard let m = fetch8(address1(i), t) else { return leave | cc }
        return replaceSystemMask(m, cc)
    }

    /// Puts a new system mask in the PSW; a PSW-format error is recognized at once with ILC 2.
    func replaceSystemMask(_ m: UInt8, _ cc: UInt32) -> UInt32 {
        syncCC(cc)
        var p = psw
        p.systemMask = m
        if p.ecMode {
            p.invalidBits = (p.invalidBits & ~(UInt64(0xB8) << 56)) | (UInt64(m & 0xB8) << 56)
        }
        formatErrorILC = 2
        loadPSW(p)
        return leave | cc
    }

    /// 82 LPSW: Load PSW. The doubleword operand becomes the current PSW.
    @inline(never) func loadPSWInstruction(_ i: UInt64, _ cc: UInt32) -> UInt32 {
        if let r = privilegedCheck(i, cc) { return r }
        let a = address1(i)
        guard a & 7 == 0 else { raise(.specification); return leave | cc }
        guard let v = fetchSlow(a, 8) else { return leave | cc }
        if needsCheckingLoop { noteBranch(UInt32(truncatingIfNeeded: v) & 0x00FF_FFFF) }
        formatErrorILC = 0
        loadPSW(PSW(v))
        return leave | cc
    }

    /// AC STNSM, AD STOSM: Store Then And / Or System Mask.
    @inline(never) func storeThenSystemMask(_ i: UInt64, _ cc: UInt32) -> UInt32 {
        if let r = privilegedCheck(i, cc) { return r }
        let t = AccessContext(table, checking: needsCheckingLoop)
        let old = psw.systemMask
        guard store8(address1(i), old, t) else { return leave | cc }
        let m = Field.op(i) == 0xAC ? old & Field.byte1(i) : old | Field.byte1(i)
        return replaceSystemMask(m, cc)
    }

    // MARK: Control registers

    /// B7 LCTL: Load Control. Registers R1 through R3 (wrapping) from the word-aligned operand.
    @inline(never) func loadControl(_ i: UInt64, _ cc: UInt32) -> UInt32 {
        if let r = privilegedCheck(i, cc) { return r }
        let a = address1(i)
        guard a & 3 == 0 else { raise(.specification); return leave | cc }
        let r1 = Field.r1(i), r3 = Field.r2(i)
        let count = ((r3 - r1) & 15) + 1
        let t = AccessContext(table, checking: needsCheckingLoop)
        guard let range = operandRange(a, count * 4, store: false, t) else { return leave | cc }
        for k in 0..<count {
            var v: UInt32 = 0
            for b in 0..<4 { v = v << 8 | UInt32(range.at(k * 4 + b).load(as: UInt8.self)) }
            cr[(r1 + k) & 15] = v
        }
        controlRegistersChanged()
        syncCC(cc)
        return reloadAfter(cc)
    }

    /// After control registers change: translation controls and the loop choice.
    public func controlRegistersChanged() {
        datBox.setTranslationControls(cr0: cr[0], cr1: cr[1])
        updateLoopChoice()
    }

    /// B6 STCTL: Store Control.
    @inline(never) func storeControl(_ i: UInt64, _ cc: UInt32) -> UInt32 {
        if let r = privilegedCheck(i, cc) { return r }
        let a = address1(i)
        guard a & 3 == 0 else { raise(.specification); return leave | cc }
        let r1 = Field.r1(i), r3 = Field.r2(i)
        let count = ((r3 - r1) & 15) + 1
        let t = AccessContext(table, checking: needsCheckingLoop)
        guard let range = operandRange(a, count * 4, store: true, t) else { return leave | cc }
        for k in 0..<count {
            let v = cr[(r1 + k) & 15]
            for b in 0..<4 { range.at(k * 4 + b).storeBytes(of: UInt8(truncatingIfNeeded: v >> UInt32(24 - 8 * b)), as: UInt8.self) }
        }
        return cc
    }

    // MARK: Owner exits

    /// 83 DIAGNOSE: model-dependent; the owner performs it.
    @inline(never) func diagnose(_ i: UInt64, _ cc: UInt32) -> UInt32 {
        if let r = problemStateCheck(i, cc) { return r }
        pendingExit = .diagnose(r1: UInt8(Field.r1(i)), r3: UInt8(Field.r2(i)), address: address1(i), ilc: currentILC(i))
        return leave | cc
    }

    /// 84 WRD, 85 RDD: Write Direct, Read Direct; the owner performs them.
    @inline(never) func directControl(_ i: UInt64, _ cc: UInt32) -> UInt32 {
        if let r = problemStateCheck(i, cc) { return r }
        pendingExit = .direct(write: Field.op(i) == 0x84, signal: Field.byte1(i), address: address1(i), ilc: currentILC(i))
        return leave | cc
    }

    /// AE SIGP: Signal Processor; the owner performs it and sets the condition code.
    @inline(never) func signalProcessor(_ i: UInt64, _ cc: UInt32) -> UInt32 {
        if let r = problemStateCheck(i, cc) { return r }
        pendingExit = .signalProcessor(r1: UInt8(Field.r1(i)), r3: UInt8(Field.r2(i)), address: address1(i), ilc: currentILC(i))
        return leave | cc
    }

    // MARK: Monitoring

    /// AF MC: Monitor Call. Bits 8-11 of I2 must be zero; when the monitor mask
    /// (CR8 bit 16+class) is on, a monitor event: class at 149, code at 156.
    @inline(never) func monitorCall(_ i: UInt64, _ cc: UInt32) -> UInt32 {
        let i2 = Field.byte1(i)
        guard i2 & 0xF0 == 0 else { raise(.specification); return leave | cc }
        let monitorClass = i2 & 15
        guard cr[8] & (0x8000 >> UInt32(monitorClass)) != 0 else { return cc }
        storeReal8(0, at: LowCore.monitorClass - 1)
        storeReal8(monitorClass, at: LowCore.monitorClass)
        storeReal32(address1(i), at: LowCore.monitorCode)
        raise(.monitorEvent)
        return leave | cc
    }
}
