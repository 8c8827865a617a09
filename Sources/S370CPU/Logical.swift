// Logical operations: unsigned binary arithmetic and comparison, bit
// operations, characters under mask, and the storage-to-storage moves,
// compares and translations (PoO, "General Instructions").
//
// Storage-to-storage instructions check every byte of both operands before
// changing anything, so that an access exception leaves storage unchanged
// (the nullification a page-translation exception requires); they then work
// left to right one byte at a time where operands overlap, as the PoO defines.

import DATBox

extension CPU {
    /// Condition code of an unsigned comparison: 0 equal, 1 first low, 2 first high.
    @inline(__always) func compareLogical(_ a: UInt32, _ b: UInt32) -> UInt32 {
        a == b ? 0 : (a < b ? 1 : 2)
    }

    /// 1E ALR, 5E AL: Add Logical. CC: bit 1 (value 2) carry, bit 0 (value 1) nonzero.
    @inline(__always) func addLogical(_ r1: Int, _ v: UInt32) -> UInt32 {
        let (s, carry) = gpr[r1].addingReportingOverflow(v)
        gpr[r1] = s
        return (carry ? 2 : 0) | (s != 0 ? 1 : 0)
    }

    /// 1F SLR, 5F SL: Subtract Logical, as R1 + ~operand + 1 (so CC 0 cannot occur).
    @inline(__always) func subtractLogical(_ r1: Int, _ v: UInt32) -> UInt32 {
        let a = gpr[r1]
        let s = a &- v
        gpr[r1] = s
        // A carry out of bit 0 of R1 + ~v + 1 happens exactly when a >= v.
        return (a >= v ? 2 : 0) | (s != 0 ? 1 : 0)
    }

    /// 91 TM: Test under Mask. CC 0 selected bits all zero (or mask zero), 1 mixed, 3 all ones.
    @inline(__always) func testUnderMask(_ v: UInt8, _ mask: UInt8) -> UInt32 {
        let s = v & mask
        if s == 0 { return 0 }
        return s == mask ? 3 : 1
    }

    /// 94 NI, 96 OI, 97 XI: And, Or, Exclusive Or (immediate).
    @inline(__always) func logicalImmediate(_ i: UInt64, _ cc: UInt32, _ t: AccessContext) -> UInt32 {
        let a = address1(i)
        guard let range = operandRange(a, 1, store: true, t) else { return leave | cc }
        let p = range.first
        let v = p.load(as: UInt8.self)
        let m = Field.byte1(i)
        let r: UInt8
        switch Field.op(i) {
        case 0x94: r = v & m
        case 0x96: r = v | m
        default: r = v ^ m
        }
        p.storeBytes(of: r, as: UInt8.self)
        return r == 0 ? 0 : 1
    }

    /// 93 TS: Test and Set. CC is the leftmost bit of the byte; the byte becomes all ones.
    @inline(never) func testAndSet(_ i: UInt64, _ cc: UInt32, _ t: AccessContext) -> UInt32 {
        guard let range = operandRange(address1(i), 1, store: true, t) else { return leave | cc }
        let v = range.first.load(as: UInt8.self)
        range.first.storeBytes(of: 0xFF, as: UInt8.self)
        return UInt32(v >> 7)
    }

    /// 88/89 are inline; 8C SRDL, 8D SLDL: Shift Double Logical on the pair R1.
    @inline(never) func shiftDoubleLogical(_ i: UInt64, _ cc: UInt32) -> UInt32 {
        let r1 = Field.r1(i)
        guard r1 & 1 == 0 else { raise(.specification); return leave | cc }
        let n = UInt64(address1(i) & 63)
        let v = pair(r1)
        setPair(r1, Field.op(i) == 0x8C ? v >> n : v << n)
        return cc
    }

    /// BD CLM: Compare Logical Characters under Mask.
    @inline(never) func compareLogicalCharactersUnderMask(_ i: UInt64, _ cc: UInt32) -> UInt32 {
        let mask = Field.r2(i)
        let n = mask.nonzeroBitCount
        if n == 0 { return 0 }
        let t = accessContext
        guard let range = operandRange(address1(i), n, store: false, t) else { return leave | cc }
        let r = gpr[Field.r1(i)]
        var k = 0
        for bit in 0..<4 where mask & (8 >> bit) != 0 {
            let a = UInt8(truncatingIfNeeded: r >> UInt32(24 - 8 * bit))
            let b = range.at(k).load(as: UInt8.self)
            k += 1
            if a != b { return a < b ? 1 : 2 }
        }
        return 0
    }

    /// BE STCM: Store Characters under Mask.
    @inline(never) func storeCharactersUnderMask(_ i: UInt64, _ cc: UInt32) -> UInt32 {
        let mask = Field.r2(i)
        let n = mask.nonzeroBitCount
        // PoO: with a zero mask no storage is changed (access exceptions may still be recognized).
        if n == 0 { return cc }
        let t = accessContext
        guard let range = operandRange(address1(i), n, store: true, t) else { return leave | cc }
        let r = gpr[Field.r1(i)]
        var k = 0
        for bit in 0..<4 where mask & (8 >> bit) != 0 {
            range.at(k).storeBytes(of: UInt8(truncatingIfNeeded: r >> UInt32(24 - 8 * bit)), as: UInt8.self)
            k += 1
        }
        return cc
    }

    /// BF ICM: Insert Characters under Mask. CC 0 all inserted bits zero (or mask
    /// zero), 1 first inserted bit one, 2 first bit zero and not all zero.
    @inline(never) func insertCharactersUnderMask(_ i: UInt64, _ cc: UInt32) -> UInt32 {
        let mask = Field.r2(i)
        let n = mask.nonzeroBitCount
        if n == 0 { return 0 }
        let t = accessContext
        guard let range = operandRange(address1(i), n, store: false, t) else { return leave | cc }
        let r1 = Field.r1(i)
        var r = gpr[r1]
        var k = 0
        var first: UInt8 = 0
        var any = false
        for bit in 0..<4 where mask & (8 >> bit) != 0 {
            let b = range.at(k).load(as: UInt8.self)
            if k == 0 { first = b }
            if b != 0 { any = true }
            let shift = UInt32(24 - 8 * bit)
            r = (r & ~(0xFF << shift)) | UInt32(b) << shift
            k += 1
        }
        gpr[r1] = r
        if !any { return 0 }
        return first & 0x80 != 0 ? 1 : 2
    }

    // MARK: Storage-to-storage

    /// D2 MVC: Move (character). L+1 bytes, left to right.
    @inline(__always) func moveCharacters(_ i: UInt64, _ t: AccessContext) -> Bool {
        let n = Int(Field.byte1(i)) + 1
        guard let src = operandRange(address2(i), n, store: false, t),
              let dst = operandRange(address1(i), n, store: true, t) else { return false }
        if src.contiguous && dst.contiguous {
            let d = dst.first, s = src.first
            if !(d > s && d < s + n) {
                d.copyMemory(from: s, byteCount: n)
            } else {
                moveOverlapping(d, s, n)
            }
        } else {
            for k in 0..<n { dst.at(k).storeBytes(of: src.at(k).load(as: UInt8.self), as: UInt8.self) }
        }
        return true
    }

    /// A left-to-right byte move whose destination starts `d - s` bytes into its
    /// source: each byte moved is one already moved that distance back, so the
    /// move is a series of copies of that many bytes (a propagation when it is 1).
    @inline(never) func moveOverlapping(_ d: UnsafeMutableRawPointer, _ s: UnsafeMutableRawPointer, _ n: Int) {
        let distance = d - s
        if distance == 1 {
            d.initializeMemory(as: UInt8.self, repeating: s.load(as: UInt8.self), count: n)
            return
        }
        var k = 0
        while k < n {
            let m = min(distance, n - k)
            (d + k).copyMemory(from: s + k, byteCount: m)
            k += m
        }
    }

    /// D5 CLC: Compare Logical (character).
    @inline(__always) func compareLogicalCharacters(_ i: UInt64, _ cc: UInt32, _ t: AccessContext) -> UInt32 {
        let n = Int(Field.byte1(i)) + 1
        guard let a = operandRange(address1(i), n, store: false, t),
              let b = operandRange(address2(i), n, store: false, t) else { return leave | cc }
        if a.contiguous && b.contiguous {
            let r = memcmpBytes(a.first, b.first, n)
            return r == 0 ? 0 : (r < 0 ? 1 : 2)
        }
        for k in 0..<n {
            let x = a.at(k).load(as: UInt8.self), y = b.at(k).load(as: UInt8.self)
            if x != y { return x < y ? 1 : 2 }
        }
        return 0
    }

    /// D1 MVN, D3 MVZ, D4 NC, D6 OC, D7 XC: byte-by-byte operations on two fields.
    @inline(never) func characterLogical(_ i: UInt64, _ cc: UInt32, _ t: AccessContext) -> UInt32 {
        let n = Int(Field.byte1(i)) + 1
        guard let src = operandRange(address2(i), n, store: false, t),
              let dst = operandRange(address1(i), n, store: true, t) else { return leave | cc }
        let op = Field.op(i)
        var nonzero: UInt8 = 0
        if src.contiguous && dst.contiguous {
            // One pass with plain pointers; left to right, so overlapping fields
            // see the bytes already changed, as the PoO defines.
            let d = dst.first.assumingMemoryBound(to: UInt8.self)
            let s = src.first.assumingMemoryBound(to: UInt8.self)
            switch op {
            case 0xD1: for k in 0..<n { d[k] = (d[k] & 0xF0) | (s[k] & 0x0F) }
            case 0xD3: for k in 0..<n { d[k] = (d[k] & 0x0F) | (s[k] & 0xF0) }
            case 0xD4: for k in 0..<n { let r = d[k] & s[k]; d[k] = r; nonzero |= r }
            case 0xD6: for k in 0..<n { let r = d[k] | s[k]; d[k] = r; nonzero |= r }
            default: for k in 0..<n { let r = d[k] ^ s[k]; d[k] = r; nonzero |= r }
            }
        } else {
            for k in 0..<n {
                let p = dst.at(k)
                let a = p.load(as: UInt8.self), b = src.at(k).load(as: UInt8.self)
                let r: UInt8
                switch op {
                case 0xD1: r = (a & 0xF0) | (b & 0x0F)
                case 0xD3: r = (a & 0x0F) | (b & 0xF0)
                case 0xD4: r = a & b
                case 0xD6: r = a | b
                default: r = a ^ b
                }
                nonzero |= r
                p.storeBytes(of: r, as: UInt8.self)
            }
        }
        if op == 0xD1 || op == 0xD3 { return cc }
        return nonzero == 0 ? 0 : 1
    }

    /// A 256-byte translation table in one page whose fetch permission the TLB
    /// already holds (no exception is possible then); nil otherwise.
    @inline(__always) private func wholeTable(_ a: UInt32, _ t: AccessContext) -> OperandRange? {
        let e = t.entry(a)
        guard a & 0x7FF <= 0x700, e.pointee.fetchTag == (a & tlbPageMask) | t.generation else { return nil }
        let p = e.pointee.hostBase + Int(a)
        return OperandRange(first: p, firstCount: 256, second: p)
    }

    /// The highest byte of an operand (the table bytes TR and TRT can reference).
    private func highestByte(_ r: OperandRange, _ n: Int) -> Int {
        var highest: UInt8 = 0
        if r.contiguous {
            let p = r.first.assumingMemoryBound(to: UInt8.self)
            for k in 0..<n { highest = max(highest, p[k]) }
        } else {
            for k in 0..<n { highest = max(highest, r.at(k).load(as: UInt8.self)) }
        }
        return Int(highest)
    }

    /// DC TR: Translate. Each byte of the first operand is replaced by the byte
    /// of the table (second operand) it indexes.
    @inline(never) func translate(_ i: UInt64, _ cc: UInt32) -> UInt32 {
        let n = Int(Field.byte1(i)) + 1
        let t = accessContext
        guard let dst = operandRange(address1(i), n, store: true, t) else { return leave | cc }
        // The table bytes that can be referenced are checked before any byte
        // changes: all 256 at once when the TLB already holds their page.
        guard let table = wholeTable(address2(i), t)
                ?? operandRange(address2(i), highestByte(dst, n) + 1, store: false, t) else { return leave | cc }
        if dst.contiguous && table.contiguous {
            let d = dst.first.assumingMemoryBound(to: UInt8.self)
            let tb = table.first.assumingMemoryBound(to: UInt8.self)
            for k in 0..<n { d[k] = tb[Int(d[k])] }
        } else {
            for k in 0..<n {
                let p = dst.at(k)
                p.storeBytes(of: table.at(Int(p.load(as: UInt8.self))).load(as: UInt8.self), as: UInt8.self)
            }
        }
        return cc
    }

    /// DD TRT: Translate and Test. The first nonzero function byte stops the scan:
    /// its argument address goes to GR1 bits 8-31, the function byte to GR2 bits 24-31.
    @inline(never) func translateAndTest(_ i: UInt64, _ cc: UInt32) -> UInt32 {
        let n = Int(Field.byte1(i)) + 1
        let t = accessContext
        let a1 = address1(i)
        guard let arg = operandRange(a1, n, store: false, t) else { return leave | cc }
        guard let table = wholeTable(address2(i), t)
                ?? operandRange(address2(i), highestByte(arg, n) + 1, store: false, t) else { return leave | cc }
        for k in 0..<n {
            let f = table.at(Int(arg.at(k).load(as: UInt8.self))).load(as: UInt8.self)
            if f != 0 {
                gpr[1] = (gpr[1] & 0xFF00_0000) | ((a1 &+ UInt32(k)) & 0x00FF_FFFF)
                gpr[2] = (gpr[2] & 0xFFFF_FF00) | UInt32(f)
                return k == n - 1 ? 2 : 1
            }
        }
        return 0
    }
}

/// memcmp on host bytes: negative, zero or positive.
@inline(__always) func memcmpBytes(_ a: UnsafeMutableRawPointer, _ b: UnsafeMutableRawPointer, _ n: Int) -> Int32 {
    memcmp(a, b, n)
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
