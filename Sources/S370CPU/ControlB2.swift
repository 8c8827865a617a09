// The S-format control instructions (operation codes B2xx), LOAD REAL
// ADDRESS, and INVALIDATE PAGE TABLE ENTRY (PoO, "Control Instructions").

import DATBox

extension CPU {
    /// Dispatches B2xx.
    @inline(never) func executeB2(_ i: UInt64, _ cc: UInt32) -> UInt32 {
        let a = address1(i)
        let t = AccessContext(table, checking: needsCheckingLoop)
        switch Field.byte1(i) {
        case 0x05: // STCK: Store Clock (not privileged); CC 0, the clock is in the set state.
            return store64(a, storeClockValue(), t) ? 0 : leave | cc
        case 0x03:
            // STIDC exits to the owner anyway.
            if let r = problemStateCheck(i, cc) { return r }
        case 0x02, 0x04, 0x06, 0x07, 0x08, 0x09, 0x0A, 0x0B, 0x0D, 0x10, 0x11, 0x12, 0x13, 0x21:
            if let r = privilegedCheck(i, cc) { return r }
        default:
            raise(.operation)
            return leave | cc
        }
        switch Field.byte1(i) {
        case 0x02: // STIDP: Store CPU ID (doubleword aligned).
            guard a & 7 == 0 else { raise(.specification); return leave | cc }
            return store64(a, cpuID, t) ? cc : leave | cc
        case 0x03: // STIDC: Store Channel ID: the owner's.
            pendingExit = .io(.storeChannelID, address: a, ilc: currentILC(i))
            return leave | cc
        case 0x04: // SCK: Set Clock; CC 0 (the clock is set).
            guard a & 7 == 0 else { raise(.specification); return leave | cc }
            guard let v = fetch64(a, t) else { return leave | cc }
            setClock(v)
            return 0
        case 0x06: // SCKC: Set Clock Comparator.
            guard a & 7 == 0 else { raise(.specification); return leave | cc }
            guard let v = fetch64(a, t) else { return leave | cc }
            setClockComparator(v)
            syncCC(cc)
            return reloadAfter(cc)
        case 0x07: // STCKC: Store Clock Comparator.
            guard a & 7 == 0 else { raise(.specification); return leave | cc }
            return store64(a, clockComparator, t) ? cc : leave | cc
        case 0x08: // SPT: Set CPU Timer.
            guard a & 7 == 0 else { raise(.specification); return leave | cc }
            guard let v = fetch64(a, t) else { return leave | cc }
            setCPUTimer(v)
            syncCC(cc)
            return reloadAfter(cc)
        case 0x09: // STPT: Store CPU Timer.
            guard a & 7 == 0 else { raise(.specification); return leave | cc }
            return store64(a, cpuTimer, t) ? cc : leave | cc
        case 0x0A: // SPKA: Set PSW Key from Address (bits 24-27 of the address).
            psw.key = UInt8(truncatingIfNeeded: a >> 4) & 15
            syncCC(cc)
            selectTable()
            return reloadAfter(cc)
        case 0x0B: // IPK: Insert PSW Key into GR2 bits 24-27, zeros in 28-31.
            gpr[2] = (gpr[2] & 0xFFFF_FF00) | UInt32(psw.key) << 4
            return cc
        case 0x0D: // PTLB: Purge TLB.
            datBox.purgeTranslations()
            syncCC(cc)
            return reloadAfter(cc)
        case 0x10: // SPX: Set Prefix (word aligned); the new prefix area must exist.
            guard a & 3 == 0 else { raise(.specification); return leave | cc }
            guard let v = fetch32(a, t) else { return leave | cc }
            guard storage.isAvailable(v & 0x00FF_F000) else { raise(.addressing); return leave | cc }
            datBox.setPrefix(v)
            syncCC(cc)
            return reloadAfter(cc)
        case 0x11: // STPX: Store Prefix.
            guard a & 3 == 0 else { raise(.specification); return leave | cc }
            return store32(a, datBox.prefix, t) ? cc : leave | cc
        case 0x12: // STAP: Store CPU Address (halfword aligned).
            guard a & 1 == 0 else { raise(.specification); return leave | cc }
            return store16(a, cpuAddress, t) ? cc : leave | cc
        case 0x13: // RRB: Reset Reference Bit; CC from the reference and change bits.
            let abs = datBox.absolute(real: a & 0x00FF_F800)
            guard storage.isAvailable(abs) else { raise(.addressing); return leave | cc }
            let key = storage.key(at: abs)
            storage.setKey(key & ~StorageKeyBits.reference, at: abs)
            datBox.purgeAll()
            syncCC(cc)
            let result = UInt32((key & StorageKeyBits.reference != 0 ? 2 : 0) | (key & StorageKeyBits.change != 0 ? 1 : 0))
            psw.cc = UInt8(result)
            return reloadAfter(result)
        case 0x21: // IPTE: Invalidate Page Table Entry.
            return invalidatePageTableEntry(i, cc)
        default:
            raise(.operation)
            return leave | cc
        }
    }

    /// B1 LRA: Load Real Address. Translates the second-operand address through
    /// the tables whatever the PSW's DAT bit says.
    @inline(never) func loadRealAddress(_ i: UInt64, _ cc: UInt32) -> UInt32 {
        if let r = privilegedCheck(i, cc) { return r }
        let r1 = Field.r1(i)
        switch Translation.loadRealAddress(addressRX(i), cr0: cr[0], cr1: cr[1], storage: storage, prefix: datBox) {
        case .translated(let real):
            gpr[r1] = real & 0x00FF_FFFF
            return 0
        case .segmentInvalid(let entry):
            gpr[r1] = entry & 0x00FF_FFFF
            return 1
        case .pageInvalid(let entry):
            gpr[r1] = entry & 0x00FF_FFFF
            return 2
        case .lengthViolation:
            return 3
        case .exception(let x):
            raiseAccess(x)
            return leave | cc
        }
    }

    /// B221 IPTE: Invalidate Page Table Entry. R1 designates the page table, R2
    /// the virtual address; the entry's invalid bit is set and the TLB purged.
    @inline(never) func invalidatePageTableEntry(_ i: UInt64, _ cc: UInt32) -> UInt32 {
        guard let format = Translation.format(cr0: cr[0]) else { raise(.translationSpecification); return leave | cc }
        let origin = gpr[Field.rreR1(i)] & 0x00FF_FFF8
        let indexBits = format.segmentShift - format.pageShift
        let index = (gpr[Field.rreR2(i)] >> format.pageShift) & ((1 << indexBits) - 1)
        let abs = datBox.absolute(real: (origin &+ index * 2) & 0x00FF_FFFF)
        guard storage.isAvailable(abs) else { raise(.addressing); return leave | cc }
        let invalid: UInt16 = format.pageShift == 12 ? 0x0008 : 0x0004
        storage.setHalfword(storage.halfword(at: abs) | invalid, at: abs)
        storage.markAccess(store: true, at: abs)
        datBox.purgeTranslations()
        syncCC(cc)
        return reloadAfter(cc)
    }
}
