// Operand access: the always-inlined fast path through the TLB, and the
// never-inlined slow path (DESIGN.md, "Storage access"; PERFORMANCE.md 3, 5).
//
// The fast path compares one tag: the entry's tag for the page, with the
// operand's low address bits included so that an operand not on its natural
// boundary (which System/370 allows, but which could cross a page) takes the
// slow path. The slow path fills the entry through the DAT box, or raises the
// access exception and returns nil/false; the instruction then leaves the
// inner loop and the interruption is taken there.

import DATBox

/// The current TLB table as the run loop sees it: two words kept in registers.
@usableFromInline
struct AccessContext {
    /// The table's entries.
    let entries: UnsafeMutablePointer<TLBEntry>
    /// The generation tag of the table.
    let generation: UInt32
    /// The checking loop: record stores for PER storage alteration.
    let checking: Bool

    @inline(__always) init(_ t: TLBTable, checking: Bool) {
        entries = t.entries
        generation = t.generationTag
        self.checking = checking
    }

    @inline(__always) func entry(_ a: UInt32) -> UnsafeMutablePointer<TLBEntry> {
        entries + Int((a >> 11) & UInt32(tlbEntryCount - 1))
    }
}

extension CPU {
    // MARK: Fast paths

    /// Fetches a byte operand.
    @inline(__always) func fetch8(_ a: UInt32, _ t: AccessContext) -> UInt8? {
        let e = t.entry(a)
        if e.pointee.fetchTag == (a & tlbPageMask) | t.generation {
            if t.checking { datBox.statistics.hits &+= 1 }
            return (e.pointee.hostBase + Int(a)).load(as: UInt8.self)
        }
        return fetchSlow(a, 1).map { UInt8(truncatingIfNeeded: $0) }
    }

    /// Fetches a halfword operand.
    @inline(__always) func fetch16(_ a: UInt32, _ t: AccessContext) -> UInt16? {
        let e = t.entry(a)
        if e.pointee.fetchTag == (a & (tlbPageMask | 1)) | t.generation {
            if t.checking { datBox.statistics.hits &+= 1 }
            return UInt16(bigEndian: (e.pointee.hostBase + Int(a)).load(as: UInt16.self))
        }
        return fetchSlow(a, 2).map { UInt16(truncatingIfNeeded: $0) }
    }

    /// Fetches a fullword operand.
    @inline(__always) func fetch32(_ a: UInt32, _ t: AccessContext) -> UInt32? {
        let e = t.entry(a)
        if e.pointee.fetchTag == (a & (tlbPageMask | 3)) | t.generation {
            if t.checking { datBox.statistics.hits &+= 1 }
            return UInt32(bigEndian: (e.pointee.hostBase + Int(a)).load(as: UInt32.self))
        }
        return fetchSlow(a, 4).map { UInt32(truncatingIfNeeded: $0) }
    }

    /// Fetches a doubleword operand.
    @inline(__always) func fetch64(_ a: UInt32, _ t: AccessContext) -> UInt64? {
        let e = t.entry(a)
        if e.pointee.fetchTag == (a & (tlbPageMask | 7)) | t.generation {
            if t.checking { datBox.statistics.hits &+= 1 }
            return UInt64(bigEndian: (e.pointee.hostBase + Int(a)).load(as: UInt64.self))
        }
        return fetchSlow(a, 8)
    }

    /// Stores a byte operand.
    @inline(__always) func store8(_ a: UInt32, _ v: UInt8, _ t: AccessContext) -> Bool {
        if t.checking { noteStore(a, 1) }
        let e = t.entry(a)
        if e.pointee.storeTag == (a & tlbPageMask) | t.generation {
            if t.checking { datBox.statistics.hits &+= 1 }
            (e.pointee.hostBase + Int(a)).storeBytes(of: v, as: UInt8.self)
            return true
        }
        return storeSlow(a, UInt64(v), 1)
    }

    /// Stores a halfword operand.
    @inline(__always) func store16(_ a: UInt32, _ v: UInt16, _ t: AccessContext) -> Bool {
        if t.checking { noteStore(a, 2) }
        let e = t.entry(a)
        if e.pointee.storeTag == (a & (tlbPageMask | 1)) | t.generation {
            if t.checking { datBox.statistics.hits &+= 1 }
            (e.pointee.hostBase + Int(a)).storeBytes(of: v.bigEndian, as: UInt16.self)
            return true
        }
        return storeSlow(a, UInt64(v), 2)
    }

    /// Stores a fullword operand.
    @inline(__always) func store32(_ a: UInt32, _ v: UInt32, _ t: AccessContext) -> Bool {
        if t.checking { noteStore(a, 4) }
        let e = t.entry(a)
        if e.pointee.storeTag == (a & (tlbPageMask | 3)) | t.generation {
            if t.checking { datBox.statistics.hits &+= 1 }
            (e.pointee.hostBase + Int(a)).storeBytes(of: v.bigEndian, as: UInt32.self)
            return true
        }
        return storeSlow(a, UInt64(v), 4)
    }

    /// Stores a doubleword operand.
    @inline(__always) func store64(_ a: UInt32, _ v: UInt64, _ t: AccessContext) -> Bool {
        if t.checking { noteStore(a, 8) }
        let e = t.entry(a)
        if e.pointee.storeTag == (a & (tlbPageMask | 7)) | t.generation {
            if t.checking { datBox.statistics.hits &+= 1 }
            (e.pointee.hostBase + Int(a)).storeBytes(of: v.bigEndian, as: UInt64.self)
            return true
        }
        return storeSlow(a, v, 8)
    }

    // MARK: Slow paths

    /// The host address of the byte at logical address `a` for a fetch or a store,
    /// filling the TLB; nil (with the program interruption raised) on an access exception.
    @inline(never)
    func hostAddress(_ a: UInt32, store: Bool) -> UnsafeMutableRawPointer? {
        let address = a & 0x00FF_FFFF
        let t = table
        let i = Int((address >> 11) & UInt32(tlbEntryCount - 1))
        let tag = (address & tlbPageMask) | t.generationTag
        if (store ? t.entries[i].storeTag : t.entries[i].fetchTag) != tag {
            if let x = datBox.fill(t, logical: address, store: store, key: psw.key, dat: psw.translation) {
                raiseAccess(x)
                return nil
            }
        }
        return t.entries[i].hostBase + Int(address)
    }

    /// Raises an access exception found by the DAT box.
    func raiseAccess(_ x: AccessException) {
        if x == .shadowMiss {
            // Not an interruption: the owner fills its shadow tables and the
            // instruction is executed again (it is nullified).
            pendingExit = .translationMiss(address: datBox.exceptionAddress)
            pendingNullify = true
            return
        }
        pendingProgramCode = x.rawValue
        pendingNullify = x == .pageTranslation || x == .segmentTranslation
    }

    /// Fetches `n` bytes (1-8) at `a`, possibly across a page boundary or the
    /// end of the 24-bit address space, as one big-endian value.
    @inline(never)
    func fetchSlow(_ a: UInt32, _ n: Int) -> UInt64? {
        // Both pages are checked before anything is returned.
        guard let first = hostAddress(a, store: false) else { return nil }
        let last = (a &+ UInt32(n - 1)) & 0x00FF_FFFF
        if (a ^ last) & tlbPageMask == 0 && last >= a {
            var v: UInt64 = 0
            for i in 0..<n { v = v << 8 | UInt64(first.load(fromByteOffset: i, as: UInt8.self)) }
            return v
        }
        guard hostAddress(last, store: false) != nil else { return nil }
        var v: UInt64 = 0
        for i in 0..<n {
            guard let p = hostAddress((a &+ UInt32(i)) & 0x00FF_FFFF, store: false) else { return nil }
            v = v << 8 | UInt64(p.load(as: UInt8.self))
        }
        return v
    }

    /// Stores the low `n` bytes (1-8) of `v` at `a`, big-endian, possibly across a
    /// page boundary; both pages are checked before anything is stored.
    @inline(never)
    func storeSlow(_ a: UInt32, _ v: UInt64, _ n: Int) -> Bool {
        guard hostAddress(a, store: true) != nil else { return false }
        let last = (a &+ UInt32(n - 1)) & 0x00FF_FFFF
        guard hostAddress(last, store: true) != nil else { return false }
        for i in 0..<n {
            guard let p = hostAddress((a &+ UInt32(i)) & 0x00FF_FFFF, store: true) else { return false }
            p.storeBytes(of: UInt8(truncatingIfNeeded: v >> UInt64(8 * (n - 1 - i))), as: UInt8.self)
        }
        return true
    }

    // MARK: Operand ranges (SS instructions)

    /// Host access to a storage operand of 1-256 bytes: one or two pieces,
    /// split at a 2K page boundary (or at the wrap of the 24-bit address space).
    struct OperandRange {
        /// Host address of the first byte.
        let first: UnsafeMutableRawPointer
        /// Bytes in the first piece.
        let firstCount: Int
        /// Host address of the first byte of the second piece (== first when there is none).
        let second: UnsafeMutableRawPointer

        /// Host address of byte `i` of the operand.
        @inline(__always) func at(_ i: Int) -> UnsafeMutableRawPointer {
            i < firstCount ? first + i : second + (i - firstCount)
        }
        /// Whether the operand lies in one piece.
        @inline(__always) var contiguous: Bool { first == second }
    }

    /// Checks and maps a storage operand of `length` bytes (1-256, or up to 2K).
    @inline(__always)
    func operandRange(_ a: UInt32, _ length: Int, store: Bool, _ t: AccessContext) -> OperandRange? {
        if t.checking && store { noteStore(a, length) }
        let e = t.entry(a)
        let tag = (a & tlbPageMask) | t.generation
        if (store ? e.pointee.storeTag : e.pointee.fetchTag) == tag && Int(a & 0x7FF) + length <= 0x800 {
            let p = e.pointee.hostBase + Int(a)
            return OperandRange(first: p, firstCount: length, second: p)
        }
        return operandRangeSlow(a, length, store: store)
    }

    @inline(never)
    func operandRangeSlow(_ a: UInt32, _ length: Int, store: Bool) -> OperandRange? {
        guard let p1 = hostAddress(a, store: store) else { return nil }
        let roomInPage = 0x800 - Int(a & 0x7FF)
        let roomInSpace = 0x0100_0000 - Int(a)
        let n1 = min(roomInPage, roomInSpace)
        if length <= n1 { return OperandRange(first: p1, firstCount: length, second: p1) }
        guard let p2 = hostAddress((a &+ UInt32(n1)) & 0x00FF_FFFF, store: store) else { return nil }
        return OperandRange(first: p1, firstCount: n1, second: p2)
    }

    // MARK: Raising program interruptions

    /// Raises a program interruption for the current instruction (suppression or completion).
    @inline(__always) func raise(_ code: ProgramInterruptionCode) {
        pendingProgramCode = code.rawValue
    }
}
