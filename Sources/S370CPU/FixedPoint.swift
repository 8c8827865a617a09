// Fixed-point arithmetic: signed binary integers in general registers
// (PoO, "General Instructions"). The run loop inlines the short ones; the
// rest are here, each returning the condition code or `leave | cc`.

extension CPU {
    /// Condition code of a signed result: 0 zero, 1 negative, 2 positive.
    @inline(__always) func signCC(_ v: UInt32) -> UInt32 {
        let s = Int32(bitPattern: v)
        return s == 0 ? 0 : (s < 0 ? 1 : 2)
    }

    /// Condition code of a signed comparison: 0 equal, 1 first low, 2 first high.
    @inline(__always) func compareArithmetic(_ a: UInt32, _ b: UInt32) -> UInt32 {
        let x = Int32(bitPattern: a), y = Int32(bitPattern: b)
        return x == y ? 0 : (x < y ? 1 : 2)
    }

    /// Completes an instruction that overflowed: condition code 3, and a
    /// fixed-point-overflow interruption when the program mask allows it.
    @inline(__always) func fixedPointOverflow() -> UInt32 {
        if psw.programMask & 8 != 0 {
            raise(.fixedPointOverflow)
            return leave | 3
        }
        return 3
    }

    /// 1A AR, 5A A, 4A AH: Add. R1 = R1 + operand; overflow gives CC 3.
    @inline(__always) func add(_ r1: Int, _ v: UInt32) -> UInt32 {
        let (s, o) = Int32(bitPattern: gpr[r1]).addingReportingOverflow(Int32(bitPattern: v))
        gpr[r1] = UInt32(bitPattern: s)
        if o { return fixedPointOverflow() }
        return s == 0 ? 0 : (s < 0 ? 1 : 2)
    }

    /// 1B SR, 5B S, 4B SH: Subtract.
    @inline(__always) func subtract(_ r1: Int, _ v: UInt32) -> UInt32 {
        let (s, o) = Int32(bitPattern: gpr[r1]).subtractingReportingOverflow(Int32(bitPattern: v))
        gpr[r1] = UInt32(bitPattern: s)
        if o { return fixedPointOverflow() }
        return s == 0 ? 0 : (s < 0 ? 1 : 2)
    }

    /// 1C MR, 5C M: Multiply. The even-odd pair R1 receives R1+1 times the operand.
    @inline(never) func multiply(_ r1: Int, _ v: UInt32, _ cc: UInt32) -> UInt32 {
        guard r1 & 1 == 0 else { raise(.specification); return leave | cc }
        let p = Int64(Int32(bitPattern: gpr[r1 + 1])) * Int64(Int32(bitPattern: v))
        setPair(r1, UInt64(bitPattern: p))
        return cc
    }

    /// 1D DR, 5D D: Divide. The 64-bit pair R1 divided by the operand: remainder
    /// in R1 (sign of the dividend), quotient in R1+1; a quotient that does not
    /// fit, or a zero divisor, is a fixed-point-divide exception (suppressed).
    @inline(never) func divide(_ r1: Int, _ v: UInt32, _ cc: UInt32) -> UInt32 {
        guard r1 & 1 == 0 else { raise(.specification); return leave | cc }
        let dividend = Int64(bitPattern: pair(r1))
        let divisor = Int64(Int32(bitPattern: v))
        guard divisor != 0 else { raise(.fixedPointDivide); return leave | cc }
        let (q, o) = dividend.dividedReportingOverflow(by: divisor)
        guard !o, q >= Int64(Int32.min), q <= Int64(Int32.max) else {
            raise(.fixedPointDivide)
            return leave | cc
        }
        let rem = dividend - q * divisor
        gpr[r1] = UInt32(truncatingIfNeeded: rem)
        gpr[r1 + 1] = UInt32(truncatingIfNeeded: q)
        return cc
    }

    /// 10 LPR: Load Positive. The maximum negative number overflows.
    @inline(__always) func loadPositive(_ i: UInt64) -> UInt32 {
        let v = Int32(bitPattern: gpr[Field.r2(i)])
        let r1 = Field.r1(i)
        if v == Int32.min {
            gpr[r1] = UInt32(bitPattern: v)
            return fixedPointOverflow()
        }
        let a = v < 0 ? -v : v
        gpr[r1] = UInt32(bitPattern: a)
        return a == 0 ? 0 : 2
    }

    /// 11 LNR: Load Negative.
    @inline(__always) func loadNegative(_ i: UInt64) -> UInt32 {
        let v = Int32(bitPattern: gpr[Field.r2(i)])
        let n = v > 0 ? 0 &- v : v
        gpr[Field.r1(i)] = UInt32(bitPattern: n)
        return n == 0 ? 0 : 1
    }

    /// 13 LCR: Load Complement. The maximum negative number overflows.
    @inline(__always) func loadComplement(_ i: UInt64) -> UInt32 {
        let v = Int32(bitPattern: gpr[Field.r2(i)])
        let r1 = Field.r1(i)
        if v == Int32.min {
            gpr[r1] = UInt32(bitPattern: v)
            return fixedPointOverflow()
        }
        let n = -v
        gpr[r1] = UInt32(bitPattern: n)
        return n == 0 ? 0 : (n < 0 ? 1 : 2)
    }

    /// 8A SRA: Shift Right Single (arithmetic).
    @inline(__always) func shiftRightSingle(_ i: UInt64) -> UInt32 {
        let r1 = Field.r1(i)
        let n = address1(i) & 63
        let v = Int32(bitPattern: gpr[r1]) >> min(n, 31)
        gpr[r1] = UInt32(bitPattern: v)
        return v == 0 ? 0 : (v < 0 ? 1 : 2)
    }

    /// 8B SLA: Shift Left Single (arithmetic). The sign stays; a bit unlike the
    /// sign shifted out of bit 1 is an overflow.
    @inline(never) func shiftLeftSingle(_ i: UInt64) -> UInt32 {
        let r1 = Field.r1(i)
        let n = address1(i) & 63
        let v = Int32(bitPattern: gpr[r1])
        let sign = UInt32(bitPattern: v) & 0x8000_0000
        let overflow: Bool
        if n >= 32 {
            // PoO, SHIFT LEFT SINGLE: after 31 places the numeric part is all
            // zeros, so a further place shifts a zero out of bit 1; for a negative
            // operand that bit is unlike the sign. Any nonzero operand overflows.
            overflow = v != 0
        } else if n == 31 {
            overflow = v != 0 && v != -1
        } else {
            let top = v >> (31 - n)
            overflow = top != 0 && top != -1
        }
        let numeric = n >= 31 ? 0 : (UInt32(bitPattern: v) << n) & 0x7FFF_FFFF
        let result = sign | numeric
        gpr[r1] = result
        if overflow { return fixedPointOverflow() }
        return signCC(result)
    }

    /// 8E SRDA: Shift Right Double (arithmetic), on the even-odd pair R1.
    @inline(never) func shiftRightDouble(_ i: UInt64, _ cc: UInt32) -> UInt32 {
        let r1 = Field.r1(i)
        guard r1 & 1 == 0 else { raise(.specification); return leave | cc }
        let n = UInt64(address1(i) & 63)
        let v = Int64(bitPattern: pair(r1)) >> n
        setPair(r1, UInt64(bitPattern: v))
        return v == 0 ? 0 : (v < 0 ? 1 : 2)
    }

    /// 8F SLDA: Shift Left Double (arithmetic), on the even-odd pair R1.
    @inline(never) func shiftLeftDouble(_ i: UInt64, _ cc: UInt32) -> UInt32 {
        let r1 = Field.r1(i)
        guard r1 & 1 == 0 else { raise(.specification); return leave | cc }
        let n = UInt64(address1(i) & 63)
        let v = Int64(bitPattern: pair(r1))
        let sign = UInt64(bitPattern: v) & 0x8000_0000_0000_0000
        let overflow: Bool
        if n == 63 {
            overflow = v != 0 && v != -1
        } else {
            let top = v >> (63 - n)
            overflow = top != 0 && top != -1
        }
        let numeric = n == 63 ? 0 : (UInt64(bitPattern: v) << n) & 0x7FFF_FFFF_FFFF_FFFF
        let result = sign | numeric
        setPair(r1, result)
        if overflow { return fixedPointOverflow() }
        let s = Int64(bitPattern: result)
        return s == 0 ? 0 : (s < 0 ? 1 : 2)
    }

    /// 90 STM: Store Multiple. Registers R1 through R3 (wrapping from 15 to 0).
    @inline(never) func storeMultiple(_ i: UInt64, _ cc: UInt32, _ t: AccessContext) -> UInt32 {
        let r1 = Field.r1(i), r3 = Field.r2(i)
        let count = ((r3 - r1) & 15) + 1
        guard let range = operandRange(address1(i), count * 4, store: true, t) else { return leave | cc }
        if range.contiguous {
            for k in 0..<count { range.first.storeBytes(of: gpr[(r1 + k) & 15].bigEndian, toByteOffset: k * 4, as: UInt32.self) }
            return cc
        }
        for k in 0..<count {
            let v = gpr[(r1 + k) & 15]
            for b in 0..<4 { range.at(k * 4 + b).storeBytes(of: UInt8(truncatingIfNeeded: v >> UInt32(24 - 8 * b)), as: UInt8.self) }
        }
        return cc
    }

    /// 98 LM: Load Multiple.
    @inline(never) func loadMultiple(_ i: UInt64, _ cc: UInt32, _ t: AccessContext) -> UInt32 {
        let r1 = Field.r1(i), r3 = Field.r2(i)
        let count = ((r3 - r1) & 15) + 1
        guard let range = operandRange(address1(i), count * 4, store: false, t) else { return leave | cc }
        if range.contiguous {
            for k in 0..<count {
                gpr[(r1 + k) & 15] = UInt32(bigEndian: range.first.loadUnaligned(fromByteOffset: k * 4, as: UInt32.self))
            }
            return cc
        }
        for k in 0..<count {
            var v: UInt32 = 0
            for b in 0..<4 { v = v << 8 | UInt32(range.at(k * 4 + b).load(as: UInt8.self)) }
            gpr[(r1 + k) & 15] = v
        }
        return cc
    }

    /// BA CS: Compare and Swap. The second operand must be on a word boundary.
    @inline(never) func compareAndSwap(_ i: UInt64, _ cc: UInt32) -> UInt32 {
        let a = address1(i)
        guard a & 3 == 0 else { raise(.specification); return leave | cc }
        let t = accessContext
        guard let range = operandRange(a, 4, store: true, t) else { return leave | cc }
        let p = range.first
        let current = UInt32(bigEndian: p.load(as: UInt32.self))
        let r1 = Field.r1(i), r3 = Field.r2(i)
        if current == gpr[r1] {
            p.storeBytes(of: gpr[r3].bigEndian, as: UInt32.self)
            return 0
        }
        gpr[r1] = current
        return 1
    }

    /// BB CDS: Compare Double and Swap. R1 and R3 even; a doubleword-aligned operand.
    @inline(never) func compareDoubleAndSwap(_ i: UInt64, _ cc: UInt32) -> UInt32 {
        let a = address1(i)
        let r1 = Field.r1(i), r3 = Field.r2(i)
        guard a & 7 == 0, r1 & 1 == 0, r3 & 1 == 0 else { raise(.specification); return leave | cc }
        let t = accessContext
        guard let range = operandRange(a, 8, store: true, t) else { return leave | cc }
        let p = range.first
        let current = UInt64(bigEndian: p.load(as: UInt64.self))
        if current == pair(r1) {
            p.storeBytes(of: pair(r3).bigEndian, as: UInt64.self)
            return 0
        }
        setPair(r1, current)
        return 1
    }
}
