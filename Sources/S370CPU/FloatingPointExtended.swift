// Extended operands: a register pair 0-2 or 4-6 holding a 28-digit fraction
// (PoO, "Floating-Point Data Format"), and the instructions that use them
// whole: AXR, SXR, MXR and LRDR (MXDR and MXD are with the multiplications).
//
// PoO: "An extended floating-point number has a 28-digit fraction and
// consists of two long floating-point numbers which are called the high-order
// and low-order parts. ... The characteristic and sign of the high-order part
// are the characteristic and sign of the extended floating-point number. ...
// The sign and characteristic of the low-order part of an extended operand are
// ignored. When a result in the extended format is placed in a register pair,
// the sign of the low-order part is made the same as that of the high-order
// part, and, unless the result is a true zero, the low-order characteristic is
// made 14 less than the high-order characteristic. When the subtraction of 14
// would cause the low-order characteristic to become less than zero, the
// characteristic is made 128 greater than the correct value."
// Exponent overflow and underflow are judged on the high-order characteristic
// alone (ADD NORMALIZED: "For AXR, no exponent underflow is recognized when
// the characteristic of the low-order part would be less than zero but the
// characteristic of the high-order part is zero or greater"); after either
// exception the low-order characteristic, taken modulo 128, is still 14 less
// than the high-order one ("for AXR, the characteristic of the low-order part
// remains correct"; MULTIPLY: "If, for extended results, the low-order
// characteristic would also exceed 127, it, too, is decreased by 128").

/// Extended operands: fractions of 28 digits (29 with the guard digit).
typealias HexFloat128 = HexFloat<UInt128>

extension CPU {
    /// Takes apart the extended operand in the pair `r`, `r` + 2.
    @inline(__always) func unpackExtended(_ r: Int) -> HexFloat128 {
        let high = fpr[r >> 1], low = fpr[(r >> 1) + 1]
        return HexFloat(negative: high >> 63 != 0, characteristic: Int((high >> 56) & 0x7F),
                        fraction: UInt128(high & longFractionMask) << 56 | UInt128(low & longFractionMask))
    }

    /// Places an extended result (characteristic already in 0-127) in the pair `r`, `r` + 2.
    @inline(__always) func setExtended(_ r: Int, _ x: HexFloat128) {
        let sign: UInt64 = x.negative ? 1 << 63 : 0
        let highFraction = UInt64(truncatingIfNeeded: x.fraction >> 56) & longFractionMask
        let lowFraction = UInt64(truncatingIfNeeded: x.fraction) & longFractionMask
        fpr[r >> 1] = sign | UInt64(x.characteristic & 0x7F) << 56 | highFraction
        if !x.negative && x.characteristic == 0 && x.fraction == 0 {
            fpr[(r >> 1) + 1] = 0                        // a true zero: both parts true zeros
        } else {
            fpr[(r >> 1) + 1] = sign | UInt64((x.characteristic - 14) & 0x7F) << 56 | lowFraction
        }
    }

    /// 36 AXR: Add Normalized, and 37 SXR: Subtract Normalized, extended
    /// operands. Both R1 and R2 must designate register 0 or 4. The rules are
    /// those of the short and long forms, with a 29-digit intermediate sum.
    @inline(never) func addExtended(_ i: UInt64, _ cc: UInt32) -> UInt32 {
        let r1 = Field.r1(i), r2 = Field.r2(i)
        guard isExtendedRegisterPair(r1), isExtendedRegisterPair(r2) else { return floatingPointSpecification(cc) }
        let a = unpackExtended(r1)
        var b = unpackExtended(r2)
        if Field.op(i) == 0x37 { b.negative.toggle() }
        let (s, e) = addNormalized(a, b, digits: FractionDigits.extended)
        setExtended(r1, s)
        return complete(floatingPointCC(s), e)
    }

    /// 26 MXR: Multiply, extended operands. R1 and R2 must designate register 0
    /// or 4. "For MXR, the multiplier and multiplicand fractions have 28
    /// digits, and the final product fraction is truncated to 28 digits."
    /// The condition code is unchanged.
    @inline(never) func multiplyExtended(_ i: UInt64, _ cc: UInt32) -> UInt32 {
        let r1 = Field.r1(i), r2 = Field.r2(i)
        guard isExtendedRegisterPair(r1), isExtendedRegisterPair(r2) else { return floatingPointSpecification(cc) }
        let a = unpackExtended(r1), b = unpackExtended(r2)
        var p: HexFloat128 = .trueZero
        var e: ProgramInterruptionCode? = nil
        if a.fraction != 0 && b.fraction != 0 {
            let x = prenormalized(a, digits: FractionDigits.extended)
            let y = prenormalized(b, digits: FractionDigits.extended)
            // The 56-digit product as (high, low): 224 bits, of which high holds 96.
            let (high, low) = x.fraction.multipliedFullWidth(by: y.fraction)
            p = HexFloat(negative: x.negative != y.negative,
                         characteristic: x.characteristic + y.characteristic - 64, fraction: 0)
            let mask: UInt128 = (1 << 112) - 1
            if high >> 92 == 0 {
                // The leftmost product digit is zero: the 29th digit comes in.
                p.fraction = (high << 20 | UInt128(low >> 108)) & mask
                p.characteristic -= 1
            } else {
                p.fraction = (high << 16 | UInt128(low >> 112)) & mask
            }
            e = applyExponentRules(&p)
        }
        setExtended(r1, p)
        return complete(cc, e)
    }

    /// 25 LRDR: Load Rounded, extended operand 2, long result. R2 must designate
    /// register 0 or 4; R1 any floating-point register. The 28-digit fraction
    /// is rounded to 14 digits by adding one in bit position 72 of the
    /// extended operand, the leftmost bit of the low-order fraction.
    @inline(never) func loadRoundedExtendedToLong(_ i: UInt64, _ cc: UInt32) -> UInt32 {
        let r1 = Field.r1(i), r2 = Field.r2(i)
        guard isFloatingPointRegister(r1), isExtendedRegisterPair(r2) else { return floatingPointSpecification(cc) }
        let x = unpackExtended(r2)
        let rounded = x.fraction + (1 << 55)
        let (result, e) = roundedResult(negative: x.negative, characteristic: x.characteristic,
                                        fraction: UInt64(truncatingIfNeeded: rounded >> 56))
        fpr[r1 >> 1] = result
        return complete(cc, e)
    }

    /// The result of LOAD ROUNDED from the rounded fraction (`digits` + 1 digits
    /// when the rounding carried out of the leftmost digit). PoO, LOAD ROUNDED:
    /// "The second operand is rounded to the next smaller format, and the
    /// result is placed in the first-operand location." A carry out of the
    /// leftmost digit shifts the fraction right one digit and increases the
    /// characteristic by one; beyond 127 that is an exponent overflow,
    /// completed like the others with the characteristic 128 less and the sign
    /// and fraction correct. The result is not normalized, a zero fraction
    /// keeps its sign and characteristic, and there is no significance or
    /// exponent-underflow exception. Returns the long register image (a short
    /// result is in its leftmost 32 bits).
    @inline(__always)
    func roundedResult(negative: Bool, characteristic: Int, fraction: UInt64,
                       digits: Int = FractionDigits.long) -> (UInt64, ProgramInterruptionCode?) {
        var x = HexFloat64(negative: negative, characteristic: characteristic, fraction: fraction)
        var e: ProgramInterruptionCode? = nil
        if x.fraction >> (4 * digits) != 0 {
            x.fraction >>= 4
            x.characteristic += 1
            if x.characteristic > 127 {
                x.characteristic -= 128
                e = .exponentOverflow
            }
        }
        if digits == FractionDigits.long { return (packLong(x), e) }
        return (UInt64(packShort(x)) << 32, e)
    }
}
