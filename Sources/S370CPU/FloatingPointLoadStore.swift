// Floating-point loads, stores and the operations of one operand: LOAD,
// STORE, LOAD AND TEST, LOAD COMPLEMENT, LOAD NEGATIVE, LOAD POSITIVE, HALVE
// and LOAD ROUNDED long-to-short (PoO, "Floating-Point Instructions").

extension CPU {
    /// 38 LER, 28 LDR, 78 LE, 68 LD: Load. "The second operand is placed
    /// unchanged in the first-operand location"; the condition code is
    /// unchanged. LER and LE replace only the leftmost 32 bits of R1.
    @inline(never) func loadFloatingPoint(_ i: UInt64, _ cc: UInt32) -> UInt32 {
        let op = Field.op(i)
        let r1 = Field.r1(i)
        guard isFloatingPointRegister(r1) else { return floatingPointSpecification(cc) }
        switch op {
        case 0x28, 0x38:
            let r2 = Field.r2(i)
            guard isFloatingPointRegister(r2) else { return floatingPointSpecification(cc) }
            let v = fpr[r2 >> 1]
            if op == 0x28 { fpr[r1 >> 1] = v } else { setShort(r1, UInt32(truncatingIfNeeded: v >> 32)) }
        case 0x68:
            // Any byte boundary (PoO, "Byte-Oriented-Operand Facility").
            let t = operandFetchContext()
            guard let v = fetch64(addressRX(i), t) else { return leave | cc }
            fpr[r1 >> 1] = v
        default: // 0x78
            let t = operandFetchContext()
            guard let v = fetch32(addressRX(i), t) else { return leave | cc }
            setShort(r1, v)
        }
        return cc
    }

    /// 70 STE, 60 STD: Store. The first operand (for STE, the leftmost 32 bits
    /// of R1) is placed unchanged at the second-operand location, on any byte
    /// boundary; the condition code is unchanged.
    @inline(never) func storeFloatingPoint(_ i: UInt64, _ cc: UInt32) -> UInt32 {
        let r1 = Field.r1(i)
        guard isFloatingPointRegister(r1) else { return floatingPointSpecification(cc) }
        let t = accessContext
        let v = fpr[r1 >> 1]
        let stored = Field.op(i) == 0x60
            ? store64(addressRX(i), v, t)
            : store32(addressRX(i), UInt32(truncatingIfNeeded: v >> 32), t)
        return stored ? cc : leave | cc
    }

    /// 30 LPER, 20 LPDR: Load Positive (sign made plus, condition code 0 or 2);
    /// 31 LNER, 21 LNDR: Load Negative (sign made minus "even if the fraction
    /// is zero", condition code 0 or 1); 32 LTER, 22 LTDR: Load and Test;
    /// 33 LCER, 23 LCDR: Load Complement ("The sign bit is inverted, even if
    /// the fraction is zero"). "The characteristic and fraction are not
    /// changed." The condition code follows the sign and the fraction only:
    /// 0 when the fraction is zero, whatever the sign and characteristic.
    @inline(never) func loadWithSignControl(_ i: UInt64, _ cc: UInt32) -> UInt32 {
        let op = Field.op(i)
        let r1 = Field.r1(i), r2 = Field.r2(i)
        guard isFloatingPointRegister(r1), isFloatingPointRegister(r2) else { return floatingPointSpecification(cc) }
        let long = op < 0x30
        var v = fpr[r2 >> 1]
        let sign: UInt64 = 1 << 63
        switch op & 3 {
        case 0: v &= ~sign          // positive
        case 1: v |= sign           // negative
        case 2: break               // test
        default: v ^= sign          // complement
        }
        let fraction = long ? v & longFractionMask : (v >> 32) & 0xFF_FFFF
        if long { fpr[r1 >> 1] = v } else { setShort(r1, UInt32(truncatingIfNeeded: v >> 32)) }
        return fraction == 0 ? 0 : (v & sign != 0 ? 1 : 2)
    }

    /// 34 HER, 24 HDR: Halve. PoO (GA22-7000-8): "The second operand is divided
    /// by 2 and the normalized quotient is placed in the first operand
    /// location." The fraction is shifted right one bit, the bit
    /// shifted out going into the guard digit; the intermediate result, guard
    /// digit included, is normalized and then truncated to the format's
    /// length. Programming note: "The result of HALVE is replaced by a true
    /// zero only when the second-operand fraction is zero, or when exponent
    /// underflow occurs with the exponent-underflow mask set to zero. When the
    /// fraction of the second operand is zero, except for the low-order bit
    /// position, the low-order one is shifted into the guard digit position and
    /// participates in the postnormalization." Exponent underflow follows the
    /// usual rule; overflow cannot occur. The condition code is unchanged.
    /// (The System/360 HALVE neither normalized nor kept the shifted-out bit;
    /// this is the System/370 definition.)
    @inline(never) func halve(_ i: UInt64, _ cc: UInt32) -> UInt32 {
        let r1 = Field.r1(i), r2 = Field.r2(i)
        guard isFloatingPointRegister(r1), isFloatingPointRegister(r2) else { return floatingPointSpecification(cc) }
        let long = Field.op(i) == 0x24
        let digits = long ? FractionDigits.long : FractionDigits.short
        let v = fpr[r2 >> 1]
        var x = long ? unpackLong(v) : unpackShort(v)
        var e: ProgramInterruptionCode? = nil
        if x.fraction == 0 {
            x = .trueZero
        } else {
            // The fraction with a guard digit (times 16), divided by 2.
            x.fraction <<= 3
            x = prenormalized(x, digits: digits + 1)
            x.fraction >>= 4
            e = applyExponentRules(&x)
        }
        if long { fpr[r1 >> 1] = packLong(x) } else { setShort(r1, packShort(x)) }
        return complete(cc, e)
    }

    /// 35 LRER: Load Rounded, long operand 2, short result in the leftmost 32
    /// bits of R1. The 14-digit fraction is rounded to 6 digits by adding one
    /// in bit position 32 of the long operand, the leftmost bit of the part
    /// that is dropped, and propagating the carry (FloatingPointExtended.swift,
    /// `roundedResult`, for the carry and exponent overflow). The condition
    /// code is unchanged.
    @inline(never) func loadRoundedLongToShort(_ i: UInt64, _ cc: UInt32) -> UInt32 {
        let r1 = Field.r1(i), r2 = Field.r2(i)
        guard isFloatingPointRegister(r1), isFloatingPointRegister(r2) else { return floatingPointSpecification(cc) }
        let x = unpackLong(fpr[r2 >> 1])
        let rounded = (x.fraction + 0x8000_0000) >> 32
        let (image, e) = roundedResult(negative: x.negative, characteristic: x.characteristic,
                                       fraction: rounded, digits: FractionDigits.short)
        setShort(r1, UInt32(truncatingIfNeeded: image >> 32))
        return complete(cc, e)
    }
}
