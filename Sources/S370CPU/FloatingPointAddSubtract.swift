// Floating-point addition, subtraction and comparison of short and long
// operands, and the dispatch of the short and long arithmetic (PoO, ADD
// NORMALIZED, ADD UNNORMALIZED, SUBTRACT NORMALIZED, SUBTRACT UNNORMALIZED,
// COMPARE). The same intermediate sum serves the extended AXR and SXR
// (FloatingPointExtended.swift).

extension CPU {
    /// 29-2F, 39-3F, 69-6F, 79-7F: compare, add, subtract, multiply and divide
    /// of short and long operands. The operation codes are regular: the low
    /// digit is the operation (9 compare, A/B add/subtract normalized, C
    /// multiply, D divide, E/F add/subtract unnormalized), the high digit the
    /// form (2 long RR, 3 short RR, 6 long RX, 7 short RX).
    @inline(never) func floatingPointArithmetic(_ i: UInt64, _ cc: UInt32) -> UInt32 {
        let op = Field.op(i)
        let r1 = Field.r1(i)
        let long = op & 0x10 == 0
        // The specification exception for a register designation is
        // recognized before the storage operand is fetched (PoO, "Multiple
        // Program-Interruption Conditions": it precedes the access exceptions
        // for operands).
        guard isFloatingPointRegister(r1) else { return floatingPointSpecification(cc) }
        // The second operand as a register image (a short one in the leftmost 32 bits).
        let image2: UInt64
        if op < 0x40 {
            let r2 = Field.r2(i)
            guard isFloatingPointRegister(r2) else { return floatingPointSpecification(cc) }
            image2 = fpr[r2 >> 1]
        } else {
            // PoO, "Byte-Oriented-Operand Facility": standard on System/370, it
            // "permits storage operands of most unprivileged instructions to
            // appear on any byte boundary"; floating-point operands need no alignment.
            let t = operandFetchContext()
            if long {
                guard let v = fetch64(addressRX(i), t) else { return leave | cc }
                image2 = v
            } else {
                guard let v = fetch32(addressRX(i), t) else { return leave | cc }
                image2 = UInt64(v) << 32
            }
        }
        let image1 = fpr[r1 >> 1]
        let digits = long ? FractionDigits.long : FractionDigits.short
        let a = long ? unpackLong(image1) : unpackShort(image1)
        var b = long ? unpackLong(image2) : unpackShort(image2)
        let result: HexFloat64
        let exception: ProgramInterruptionCode?
        switch op & 0xF {
        case 0x9:
            // COMPARE: "An equality is established by following the rules for
            // normalized floating-point subtraction. When the intermediate sum,
            // including the guard digit, is zero, the operands are equal."
            // No exponent-overflow, exponent-underflow or significance exception.
            b.negative.toggle()
            let s = intermediateSum(a, b, digits: digits)
            return s.fraction == 0 ? 0 : (s.negative ? 1 : 2)
        case 0xA, 0xB:
            if op & 0xF == 0xB { b.negative.toggle() }
            (result, exception) = addNormalized(a, b, digits: digits)
        case 0xE, 0xF:
            if op & 0xF == 0xF { b.negative.toggle() }
            (result, exception) = addUnnormalized(a, b, digits: digits)
        case 0xC:
            if long {
                (result, exception) = multiplyLong(a, b)
            } else {
                // MER, ME: the product of short operands is a long result (PoO,
                // MULTIPLY: "MER and ME ... the product fraction has the full 14
                // digits of the long format"): the whole register is replaced.
                let (p, x) = multiplyShort(a, b)
                fpr[r1 >> 1] = packLong(p)
                return complete(cc, x)
            }
            // Multiplication leaves the condition code unchanged.
            fpr[r1 >> 1] = packLong(result)
            return complete(cc, exception)
        default: // 0xD
            // DIVIDE: "When the divisor fraction is zero, the operation is
            // suppressed, and a program interruption for floating-point divide
            // occurs. This includes the division of zero by zero."
            guard b.fraction != 0 else {
                raise(.floatingPointDivide)
                return leave | cc
            }
            let (q, x) = long ? divideLong(a, b) : divideShort(a, b)
            if long { fpr[r1 >> 1] = packLong(q) } else { setShort(r1, packShort(q)) }
            // Division leaves the condition code unchanged.
            return complete(cc, x)
        }
        if long { fpr[r1 >> 1] = packLong(result) } else { setShort(r1, packShort(result)) }
        return complete(floatingPointCC(result), exception)
    }

    // MARK: The intermediate sum

    /// The intermediate sum of two operands of `digits` fraction digits (PoO,
    /// ADD NORMALIZED): the fraction with the smaller characteristic is
    /// shifted right, its characteristic increased by one for each digit of
    /// shift, until the characteristics agree; the fractions are then added
    /// algebraically; an overflow carry shifts the sum right one digit and
    /// increases the characteristic by one. The intermediate sum has `digits`
    /// + 1 digits: the rightmost is the guard digit, filled from the fraction
    /// shifted right (zero when there is no shift). Only that one guard digit
    /// takes part: digits shifted beyond it are lost (truncation; no sticky
    /// bit, no rounding). The returned fraction keeps the guard digit; its sign
    /// is that of the larger magnitude.
    @inline(__always)
    func intermediateSum<F>(_ a: HexFloat<F>, _ b: HexFloat<F>, digits: Int) -> HexFloat<F> {
        var x = a, y = b
        if x.characteristic < y.characteristic { swap(&x, &y) }
        let shift = x.characteristic - y.characteristic
        let xf = x.fraction &<< 4
        // A shift of digits + 1 or more leaves nothing in the guard position.
        let yf: F = shift > digits ? 0 : (y.fraction &<< 4) &>> (4 * shift)
        var sum: F
        var negative: Bool
        if x.negative == y.negative {
            sum = xf &+ yf
            negative = x.negative
        } else if xf >= yf {
            sum = xf &- yf
            negative = x.negative
        } else {
            sum = yf &- xf
            negative = y.negative
        }
        var characteristic = x.characteristic
        if sum &>> (4 * (digits + 1)) != 0 {
            sum &>>= 4
            characteristic += 1
        }
        return HexFloat(negative: negative, characteristic: characteristic, fraction: sum)
    }

    /// 3A AER, 7A AE, 2A ADR, 6A AD, 3B SER, 7B SE, 2B SDR, 6B SD (and AXR, SXR):
    /// Add/Subtract Normalized, after the sign of a subtrahend has been inverted.
    /// The intermediate sum, guard digit included, is shifted left until its
    /// leftmost digit is nonzero, the characteristic reduced by the shift, and
    /// then truncated to the format's length (so the guard digit can become
    /// the last digit of the result). "The result fraction is zero when the
    /// intermediate-sum fraction, including the guard digit, is zero."
    @inline(__always)
    func addNormalized<F>(_ a: HexFloat<F>, _ b: HexFloat<F>, digits: Int) -> (HexFloat<F>, ProgramInterruptionCode?) {
        var s = intermediateSum(a, b, digits: digits)
        if s.fraction == 0 { return significanceResult(characteristic: s.characteristic) }
        s = prenormalized(s, digits: digits + 1)
        s.fraction &>>= 4
        let x = applyExponentRules(&s)
        return (s, x)
    }

    /// 3E AUR, 7E AU, 2E AWR, 6E AW, 3F SUR, 7F SU, 2F SWR, 6F SW:
    /// Add/Subtract Unnormalized. The intermediate sum is not normalized: the
    /// guard digit is truncated away, so the result fraction is zero when the
    /// intermediate sum without its guard digit is zero, and exponent
    /// underflow cannot occur (PoO, ADD UNNORMALIZED; System/360 PoO: "Leading
    /// zeros in the result are not eliminated by normalization, and an
    /// exponent underflow cannot occur"). A carry can still overflow.
    @inline(__always)
    func addUnnormalized<F>(_ a: HexFloat<F>, _ b: HexFloat<F>, digits: Int) -> (HexFloat<F>, ProgramInterruptionCode?) {
        var s = intermediateSum(a, b, digits: digits)
        s.fraction &>>= 4
        if s.fraction == 0 { return significanceResult(characteristic: s.characteristic) }
        let x = applyExponentRules(&s)
        return (s, x)
    }
}
