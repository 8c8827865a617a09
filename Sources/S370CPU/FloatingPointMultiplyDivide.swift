// Floating-point multiplication and division of short and long operands, and
// the long-to-extended multiplication MXDR/MXD (PoO, MULTIPLY, DIVIDE).
//
// PoO, MULTIPLY: the operands are first normalized; the sum of their
// characteristics, less 64, is the characteristic of the intermediate
// product; the product fraction is normalized (at most one digit, since both
// operand fractions are at least 1/16) and truncated: "For MDR and MD, the
// multiplier and multiplicand fractions have 14 digits, and the final product
// fraction is truncated to 14 digits. For MXDR and MXD, ... the final product
// fraction contains 28 digits and is an exact product of the operand
// fractions." "A result is forced to be true zero when ... one or both
// operands of MULTIPLY, or the dividend in DIVIDE has a zero fraction"
// (PoO, "Number Representation"); no exception is then recognized. The
// condition code is unchanged.
//
// PoO, DIVIDE: "All dividend and divisor fraction digits participate in
// forming the fraction of the intermediate quotient. The intermediate-quotient
// fraction can have no leading hexadecimal zeros, but a right shift of one
// digit position may be necessary with an increase of the characteristic by
// one. The fraction is then truncated to the proper result-fraction length."
// "When the dividend fraction is zero, but the divisor fraction is nonzero,
// the quotient is made a true zero. No exponent overflow or exponent
// underflow occurs." (A zero divisor is handled by the caller.)
// Exponent overflow and underflow apply to the final characteristic only, so
// the characteristics here are plain integers until applyExponentRules.

extension CPU {
    /// 3C MER, 7C ME: Multiply, short operands, long result. Six-digit
    /// fractions give a product of at most 12 digits: "the product fraction has
    /// the full 14 digits of the long format, with the two rightmost fraction
    /// digits always zeros". The result is exact.
    @inline(__always)
    func multiplyShort(_ a: HexFloat64, _ b: HexFloat64) -> (HexFloat64, ProgramInterruptionCode?) {
        guard a.fraction != 0, b.fraction != 0 else { return (.trueZero, nil) }
        let x = prenormalized(a, digits: FractionDigits.short)
        let y = prenormalized(b, digits: FractionDigits.short)
        var p = HexFloat64(negative: x.negative != y.negative,
                           characteristic: x.characteristic + y.characteristic - 64,
                           fraction: x.fraction * y.fraction)          // 12 digits, 48 bits
        if p.fraction >> 44 == 0 {
            p.fraction <<= 4
            p.characteristic -= 1
        }
        p.fraction <<= 8                                             // 12 digits into 14
        let e = applyExponentRules(&p)
        return (p, e)
    }

    /// 2C MDR, 6C MD: Multiply, long operands. The 28-digit product of the
    /// normalized fractions is normalized and truncated to 14 digits.
    @inline(__always)
    func multiplyLong(_ a: HexFloat64, _ b: HexFloat64) -> (HexFloat64, ProgramInterruptionCode?) {
        guard a.fraction != 0, b.fraction != 0 else { return (.trueZero, nil) }
        let x = prenormalized(a, digits: FractionDigits.long)
        let y = prenormalized(b, digits: FractionDigits.long)
        let (high, low) = x.fraction.multipliedFullWidth(by: y.fraction)   // 112 bits: high holds 48
        var p = HexFloat64(negative: x.negative != y.negative,
                           characteristic: x.characteristic + y.characteristic - 64, fraction: 0)
        if high >> 44 == 0 {
            // The leftmost product digit is zero: the fifteenth digit comes in.
            p.fraction = (high << 12 | low >> 52) & longFractionMask
            p.characteristic -= 1
        } else {
            p.fraction = (high << 8 | low >> 56) & longFractionMask
        }
        let e = applyExponentRules(&p)
        return (p, e)
    }

    /// 3D DER, 7D DE: Divide, short operands (the divisor fraction is not zero).
    @inline(__always)
    func divideShort(_ a: HexFloat64, _ b: HexFloat64) -> (HexFloat64, ProgramInterruptionCode?) {
        guard a.fraction != 0 else { return (.trueZero, nil) }
        let x = prenormalized(a, digits: FractionDigits.short)
        let y = prenormalized(b, digits: FractionDigits.short)
        var q = HexFloat64(negative: x.negative != y.negative,
                           characteristic: x.characteristic - y.characteristic + 64, fraction: 0)
        if x.fraction >= y.fraction {
            // A quotient of 1 or more: one digit to the right.
            q.fraction = (x.fraction << 20) / y.fraction
            q.characteristic += 1
        } else {
            q.fraction = (x.fraction << 24) / y.fraction
        }
        let e = applyExponentRules(&q)
        return (q, e)
    }

    /// 2D DDR, 6D DD: Divide, long operands (the divisor fraction is not zero).
    @inline(__always)
    func divideLong(_ a: HexFloat64, _ b: HexFloat64) -> (HexFloat64, ProgramInterruptionCode?) {
        guard a.fraction != 0 else { return (.trueZero, nil) }
        let x = prenormalized(a, digits: FractionDigits.long)
        let y = prenormalized(b, digits: FractionDigits.long)
        var q = HexFloat64(negative: x.negative != y.negative,
                           characteristic: x.characteristic - y.characteristic + 64, fraction: 0)
        // The dividend fraction times 16^13 or 16^14, as a 128-bit (high, low)
        // pair; the quotient is below 16^14 and so fits the division's 64 bits.
        let shift = x.fraction >= y.fraction ? 52 : 56
        if shift == 52 { q.characteristic += 1 }
        let dividend = (high: x.fraction >> UInt64(64 - shift), low: x.fraction << UInt64(shift))
        q.fraction = y.fraction.dividingFullWidth(dividend).quotient
        let e = applyExponentRules(&q)
        return (q, e)
    }

    /// 27 MXDR, 67 MXD: Multiply, long operands, extended result. The first
    /// operand is the long number in register R1, which must designate 0 or 4;
    /// the 28-digit product replaces the pair R1, R1+2. The second operand of
    /// MXDR may be in any floating-point register.
    @inline(never) func multiplyLongToExtended(_ i: UInt64, _ cc: UInt32) -> UInt32 {
        let r1 = Field.r1(i)
        guard isExtendedRegisterPair(r1) else { return floatingPointSpecification(cc) }
        let image2: UInt64
        if Field.op(i) == 0x27 {
            let r2 = Field.r2(i)
            guard isFloatingPointRegister(r2) else { return floatingPointSpecification(cc) }
            image2 = fpr[r2 >> 1]
        } else {
            let t = operandFetchContext()
            guard let v = fetch64(addressRX(i), t) else { return leave | cc }
            image2 = v
        }
        let a = unpackLong(fpr[r1 >> 1])
        let b = unpackLong(image2)
        var p: HexFloat<UInt128> = .trueZero
        var e: ProgramInterruptionCode? = nil
        if a.fraction != 0 && b.fraction != 0 {
            let x = prenormalized(a, digits: FractionDigits.long)
            let y = prenormalized(b, digits: FractionDigits.long)
            p = HexFloat(negative: x.negative != y.negative,
                         characteristic: x.characteristic + y.characteristic - 64,
                         fraction: UInt128(x.fraction) * UInt128(y.fraction))   // exactly 28 digits
            if p.fraction >> 108 == 0 {
                p.fraction <<= 4
                p.characteristic -= 1
            }
            e = applyExponentRules(&p)
        }
        setExtended(r1, p)
        return complete(cc, e)
    }
}
