// Hexadecimal floating point: short, long and extended (PoO, "Floating-Point
// Instructions"). This file holds the dispatch, the register rules and the
// three data formats taken apart; the operations are in
// FloatingPointAddSubtract, FloatingPointMultiplyDivide, FloatingPointExtended
// and FloatingPointLoadStore.
//
// Everything is computed exactly on integer fractions (no host floating
// point): a fraction of n hexadecimal digits is an integer below 16^n whose
// radix point is at its left. Short and long fractions (6 and 14 digits, 7 and
// 15 with the guard digit) fit a UInt64; extended fractions (28 digits, 29
// with the guard digit, and a carry) use UInt128, which this toolchain has.
//
// PoO, "Floating-Point Data Format": a short number occupies only the leftmost
// 32 bits of a register; "the rightmost 32 bit positions of the register are
// ignored when used as an operand in the short format and remain unchanged
// when a short result is placed in the register". Short operands are carried
// here in a 64-bit register image with the short number in its leftmost half.

/// A floating-point number taken apart: the sign, the characteristic as a
/// signed integer (an intermediate result may leave 0-127 before the exponent
/// rules are applied), and the fraction as an integer.
struct HexFloat<Fraction: FixedWidthInteger & UnsignedInteger> {
    var negative: Bool
    var characteristic: Int
    var fraction: Fraction

    /// A true zero: plus sign, zero characteristic, zero fraction (PoO, "Number Representation").
    static var trueZero: HexFloat { HexFloat(negative: false, characteristic: 0, fraction: 0) }
}

/// Short and long operands (fractions of 6 and 14 digits).
typealias HexFloat64 = HexFloat<UInt64>

/// The number of fraction digits of each format.
enum FractionDigits {
    static let short = 6
    static let long = 14
    static let extended = 28
}

/// Mask of a long fraction (bits 8-63).
let longFractionMask: UInt64 = 0x00FF_FFFF_FFFF_FFFF

extension CPU {
    // MARK: Dispatch

    /// Every floating-point operation code (20-3F, 60, 67-70, 78-7F).
    @inline(never) func executeFloatingPoint(_ i: UInt64, _ cc: UInt32) -> UInt32 {
        switch Field.op(i) {
        case 0x20, 0x21, 0x22, 0x23, 0x30, 0x31, 0x32, 0x33:
            return loadWithSignControl(i, cc)
        case 0x24, 0x34:
            return halve(i, cc)
        case 0x25:
            return loadRoundedExtendedToLong(i, cc)
        case 0x35:
            return loadRoundedLongToShort(i, cc)
        case 0x26:
            return multiplyExtended(i, cc)
        case 0x27, 0x67:
            return multiplyLongToExtended(i, cc)
        case 0x36, 0x37:
            return addExtended(i, cc)
        case 0x28, 0x38, 0x68, 0x78:
            return loadFloatingPoint(i, cc)
        case 0x60, 0x70:
            return storeFloatingPoint(i, cc)
        default:
            // 29-2F, 39-3F, 69-6F, 79-7F: the arithmetic of short and long operands.
            return floatingPointArithmetic(i, cc)
        }
    }

    // MARK: Registers (PoO, "Floating-Point Registers")

    /// Register 0, 2, 4 or 6: the only floating-point register numbers for short and long operands.
    @inline(__always) func isFloatingPointRegister(_ r: Int) -> Bool { r & 0b1001 == 0 }

    /// Register 0 or 4: the only designations of an extended operand, whose
    /// low-order part is in register 2 or 6 (PoO, "Floating-Point Data Format").
    @inline(__always) func isExtendedRegisterPair(_ r: Int) -> Bool { r & 0b1011 == 0 }

    /// Raises the specification exception (the operation is suppressed).
    @inline(__always) func floatingPointSpecification(_ cc: UInt32) -> UInt32 {
        raise(.specification)
        return leave | cc
    }

    /// The access context for fetching a storage operand. Only stores consult
    /// `checking` (to record PER storage alteration), so a fetch does not
    /// read `needsCheckingLoop`: one class-property access, and its dynamic
    /// exclusivity check, less per instruction.
    @inline(__always) func operandFetchContext() -> AccessContext {
        AccessContext(entries: tlbEntries, generation: tlbGeneration.pointee, checking: false)
    }

    /// Ends an instruction that produced a result: the new condition code, and
    /// the program interruption for an exception that completes the operation.
    @inline(__always) func complete(_ cc: UInt32, _ exception: ProgramInterruptionCode?) -> UInt32 {
        guard let exception else { return cc }
        raise(exception)
        return leave | cc
    }

    // MARK: Short and long formats

    /// Takes apart the short number in the leftmost 32 bits of a register image.
    @inline(__always) func unpackShort(_ v: UInt64) -> HexFloat64 {
        HexFloat(negative: v >> 63 != 0, characteristic: Int((v >> 56) & 0x7F), fraction: (v >> 32) & 0xFF_FFFF)
    }

    /// Takes apart a long number.
    @inline(__always) func unpackLong(_ v: UInt64) -> HexFloat64 {
        HexFloat(negative: v >> 63 != 0, characteristic: Int((v >> 56) & 0x7F), fraction: v & longFractionMask)
    }

    /// A long number from its parts (the characteristic is in 0-127 by now).
    @inline(__always) func packLong(_ x: HexFloat64) -> UInt64 {
        (x.negative ? 1 << 63 : 0) | UInt64(x.characteristic & 0x7F) << 56 | (x.fraction & longFractionMask)
    }

    /// A short number from its parts, in the leftmost 32 bits.
    @inline(__always) func packShort(_ x: HexFloat64) -> UInt32 {
        (x.negative ? 1 << 31 : 0) | UInt32(x.characteristic & 0x7F) << 24 | UInt32(truncatingIfNeeded: x.fraction & 0xFF_FFFF)
    }

    /// Places a short result in the leftmost 32 bits of register `r`, keeping the rightmost 32.
    @inline(__always) func setShort(_ r: Int, _ word: UInt32) {
        fpr[r >> 1] = UInt64(word) << 32 | (fpr[r >> 1] & 0xFFFF_FFFF)
    }

    /// The condition code of a result: 0 zero fraction, 1 less than zero, 2 greater than zero.
    @inline(__always) func floatingPointCC<F>(_ x: HexFloat<F>) -> UInt32 {
        x.fraction == 0 ? 0 : (x.negative ? 1 : 2)
    }

    // MARK: Rules common to the operations

    /// Prenormalizes a nonzero fraction of `digits` digits: shifts it left until
    /// its leftmost digit is nonzero, reducing the characteristic by the number
    /// of digits shifted. The characteristic may go below zero: PoO, MULTIPLY
    /// and DIVIDE, exponent underflow is not recognized "when an operand
    /// characteristic becomes less than zero during normalization of the operands".
    @inline(__always) func prenormalized<F>(_ x: HexFloat<F>, digits: Int) -> HexFloat<F> {
        let unused = F.bitWidth - 4 * digits
        let zeros = (x.fraction.leadingZeroBitCount - unused) >> 2
        return HexFloat(negative: x.negative, characteristic: x.characteristic - zeros,
                        fraction: x.fraction &<< (4 * zeros))
    }

    /// The exponent rules for a result with a nonzero fraction (PoO, ADD
    /// NORMALIZED, MULTIPLY, DIVIDE, HALVE):
    /// - exponent overflow, characteristic above 127: "the operation is
    ///   completed by making the result characteristic 128 less than the
    ///   correct value", and the interruption always occurs (it has no mask);
    /// - exponent underflow, characteristic below zero: with the
    ///   exponent-underflow mask bit one the characteristic is made 128
    ///   greater and the interruption occurs; with it zero "the operation is
    ///   completed by making the result a true zero" and no interruption occurs.
    /// The sign and fraction of an interrupted result remain correct.
    @inline(__always) func applyExponentRules<F>(_ x: inout HexFloat<F>) -> ProgramInterruptionCode? {
        if x.characteristic > 127 {
            x.characteristic -= 128
            return .exponentOverflow
        }
        if x.characteristic < 0 {
            if psw.programMask & 2 != 0 {
                x.characteristic += 128
                return .exponentUnderflow
            }
            x = .trueZero
        }
        return nil
    }

    /// The result of an addition whose fraction, guard digit included, is zero
    /// (PoO, ADD NORMALIZED): with the significance mask bit one "no
    /// normalization occurs, the intermediate and final result characteristics
    /// are the same, and a program interruption for significance takes place";
    /// with it zero "the result is made a true zero". The sign of the kept
    /// result is plus, as the System/360 PoO (A22-6821, ADD NORMALIZED) says
    /// outright: "The sign of a sum with zero result fraction is always
    /// positive." (Hercules 3.13 does the same.)
    @inline(__always) func significanceResult<F>(characteristic: Int) -> (HexFloat<F>, ProgramInterruptionCode?) {
        if psw.programMask & 1 != 0 {
            return (HexFloat(negative: false, characteristic: characteristic, fraction: 0), .significance)
        }
        return (.trueZero, nil)
    }
}
