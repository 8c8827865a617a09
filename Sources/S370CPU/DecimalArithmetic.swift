// Decimal arithmetic: AP, SP, ZAP, CP, MP, DP and SRP (PoO, Chapter 8,
// "Decimal Instructions"). Each instruction maps its operands (access
// exceptions), reads them, checks sign codes (data exception, suppression),
// then overlap and digit codes (data exception, termination), and only then
// computes and stores; see Decimal.swift for what suppression and termination
// mean here.
//
// The operands are read completely before the result is stored. For the
// overlaps the PoO allows (coincident rightmost bytes; for ZAP also a first
// operand whose rightmost byte is to the right of the second's) that gives the
// result "as if the operands were processed right to left" (PoO,
// "Decimal-Arithmetic Instructions").

extension CPU {
    /// The two operands of an SS instruction with two lengths, mapped.
    struct DecimalOperands {
        let a1: UInt32, l1: Int, first: OperandRange
        let a2: UInt32, l2: Int, second: OperandRange
    }

    /// Maps both operands: the second for fetch, the first for fetch and store
    /// (`storeFirst`) or fetch only. Nil when an access exception was raised.
    func mapDecimalOperands(_ i: UInt64, storeFirst: Bool) -> DecimalOperands? {
        let l1 = Field.r1(i) + 1, l2 = Field.r2(i) + 1
        let a1 = address1(i), a2 = address2(i)
        // Stores are noted for PER only when they happen (noteDecimalStore).
        let t = AccessContext(entries: tlbEntries, generation: tlbGeneration.pointee, checking: false)
        guard let second = operandRange(a2, l2, store: false, t),
              let first = operandRange(a1, l1, store: storeFirst, t) else { return nil }
        return DecimalOperands(a1: a1, l1: l1, first: first, a2: a2, l2: l2, second: second)
    }

    /// Stores a signed sum or difference in the first operand (AP, SP, ZAP) and
    /// returns the condition code. PoO, ADD DECIMAL: when leftmost nonzero
    /// digits are lost the result is the rightmost digits, CC 3, and a zero
    /// result takes the sign the correct sum would have had; otherwise a zero
    /// result is positive.
    func storeDecimalSum(_ o: DecimalOperands, _ magnitude: UInt128, negative: Bool) -> UInt32 {
        let limit = decimalPowers[packedDigits(o.l1)]
        let overflow = magnitude >= limit
        let kept = overflow ? magnitude % limit : magnitude
        noteDecimalStore(o.a1, o.l1)
        o.first.storePacked(kept, negative: negative && (overflow || kept != 0), length: o.l1)
        if overflow { return decimalOverflow() }
        return kept == 0 ? 0 : (negative ? 1 : 2)
    }

    /// FA AP: Add Decimal, FB SP: Subtract Decimal [SS].
    func addDecimal(_ i: UInt64, _ cc: UInt32, subtract: Bool) -> UInt32 {
        guard let o = mapDecimalOperands(i, storeFirst: true) else { return leave | cc }
        let x = o.first.readPacked(o.l1), y = o.second.readPacked(o.l2)
        guard x.signValid && y.signValid else { return decimalDataException(cc) }
        guard !arithmeticOverlapIsImproper(o.a1, o.l1, o.a2, o.l2), x.digitsValid, y.digitsValid else {
            return decimalDataException(cc)
        }
        // SP changes the sign of the second operand before adding (PoO, SUBTRACT DECIMAL).
        let yNegative = y.negative != subtract
        if x.negative == yNegative {
            return storeDecimalSum(o, x.magnitude + y.magnitude, negative: x.negative)
        }
        if x.magnitude >= y.magnitude {
            return storeDecimalSum(o, x.magnitude - y.magnitude, negative: x.negative)
        }
        return storeDecimalSum(o, y.magnitude - x.magnitude, negative: yNegative)
    }

    /// F8 ZAP: Zero and Add [SS]. Only the second operand is checked; the
    /// first is not fetched (PoO, ZERO AND ADD).
    func zeroAndAdd(_ i: UInt64, _ cc: UInt32) -> UInt32 {
        guard let o = mapDecimalOperands(i, storeFirst: true) else { return leave | cc }
        let y = o.second.readPacked(o.l2)
        guard y.signValid else { return decimalDataException(cc) }
        guard !zeroAndAddOverlapIsImproper(o.a1, o.l1, o.a2, o.l2), y.digitsValid else {
            return decimalDataException(cc)
        }
        return storeDecimalSum(o, y.magnitude, negative: y.negative)
    }

    /// F9 CP: Compare Decimal [SS]. Algebraic: a negative zero equals a positive zero.
    func compareDecimal(_ i: UInt64, _ cc: UInt32) -> UInt32 {
        guard let o = mapDecimalOperands(i, storeFirst: false) else { return leave | cc }
        let x = o.first.readPacked(o.l1), y = o.second.readPacked(o.l2)
        guard x.signValid && y.signValid else { return decimalDataException(cc) }
        guard !arithmeticOverlapIsImproper(o.a1, o.l1, o.a2, o.l2), x.digitsValid, y.digitsValid else {
            return decimalDataException(cc)
        }
        let xNegative = x.negative && x.magnitude != 0, yNegative = y.negative && y.magnitude != 0
        if xNegative != yNegative { return xNegative ? 1 : 2 }
        if x.magnitude == y.magnitude { return 0 }
        // Same sign: the larger magnitude is high when positive, low when negative.
        return (x.magnitude > y.magnitude) != xNegative ? 2 : 1
    }

    /// The specification check of MP and DP: the second operand at most 8 bytes
    /// and shorter than the first (PoO, MULTIPLY DECIMAL, DIVIDE DECIMAL:
    /// L2 greater than 7 or L2 not less than L1, as length codes).
    @inline(__always) func decimalMultiplyDivideLengthsValid(_ i: UInt64) -> Bool {
        let l1 = Field.r1(i), l2 = Field.r2(i)
        return l2 <= 7 && l2 < l1
    }

    /// FC MP: Multiply Decimal [SS]. The product replaces the multiplicand; its
    /// sign follows the rules of algebra even when an operand is zero (so a
    /// negative zero can result). The condition code is unchanged.
    func multiplyDecimal(_ i: UInt64, _ cc: UInt32) -> UInt32 {
        guard decimalMultiplyDivideLengthsValid(i) else { raise(.specification); return leave | cc }
        guard let o = mapDecimalOperands(i, storeFirst: true) else { return leave | cc }
        let x = o.first.readPacked(o.l1), y = o.second.readPacked(o.l2)
        guard x.signValid && y.signValid else { return decimalDataException(cc) }
        // The multiplicand needs at least as many bytes of leftmost zeros as the
        // multiplier has bytes (PoO, "Data Exception", item 3), so the product fits.
        guard !arithmeticOverlapIsImproper(o.a1, o.l1, o.a2, o.l2), x.digitsValid, y.digitsValid,
              x.magnitude < decimalPowers[packedDigits(o.l1) - 2 * o.l2] else {
            return decimalDataException(cc)
        }
        noteDecimalStore(o.a1, o.l1)
        o.first.storePacked(x.magnitude * y.magnitude, negative: x.negative != y.negative, length: o.l1)
        return cc
    }

    /// FD DP: Divide Decimal [SS]. The quotient (L1-L2 bytes) is placed leftmost
    /// and the remainder (L2 bytes) rightmost in the first operand. The
    /// quotient's sign follows the rules of algebra and the remainder has the
    /// dividend's sign, even when either is zero. A zero divisor or a quotient
    /// that does not fit is a decimal-divide exception (suppression), indicated
    /// only when every code is valid. The condition code is unchanged.
    func divideDecimal(_ i: UInt64, _ cc: UInt32) -> UInt32 {
        guard decimalMultiplyDivideLengthsValid(i) else { raise(.specification); return leave | cc }
        guard let o = mapDecimalOperands(i, storeFirst: true) else { return leave | cc }
        let x = o.first.readPacked(o.l1), y = o.second.readPacked(o.l2)
        guard x.signValid && y.signValid else { return decimalDataException(cc) }
        guard !arithmeticOverlapIsImproper(o.a1, o.l1, o.a2, o.l2), x.digitsValid, y.digitsValid else {
            return decimalDataException(cc)
        }
        let quotientLength = o.l1 - o.l2
        guard y.magnitude != 0,
              x.magnitude / y.magnitude < decimalPowers[packedDigits(quotientLength)] else {
            raise(.decimalDivide)
            return leave | cc
        }
        let (quotient, remainder) = x.magnitude.quotientAndRemainder(dividingBy: y.magnitude)
        noteDecimalStore(o.a1, o.l1)
        o.first.storePacked(quotient, negative: x.negative != y.negative, length: quotientLength)
        o.first.storePacked(remainder, negative: x.negative, length: o.l2, offset: quotientLength)
        return cc
    }

    /// F0 SRP: Shift and Round Decimal [SS]. The shift is the signed six-bit
    /// number in bits 26-31 of the second-operand address (positive: left);
    /// I3 (bits 12-15) is the rounding digit of a right shift. The first
    /// operand and the rounding digit are checked even when nothing is shifted
    /// or added (PoO, SHIFT AND ROUND DECIMAL).
    func shiftAndRoundDecimal(_ i: UInt64, _ cc: UInt32) -> UInt32 {
        let l1 = Field.r1(i) + 1
        let rounding = UInt128(Field.r2(i))
        let shift = Int(address2(i) & 0x3F)
        let a1 = address1(i)
        let t = AccessContext(entries: tlbEntries, generation: tlbGeneration.pointee, checking: false)
        guard let field = operandRange(a1, l1, store: true, t) else { return leave | cc }
        let x = field.readPacked(l1)
        guard x.signValid else { return decimalDataException(cc) }
        guard x.digitsValid, rounding <= 9 else { return decimalDataException(cc) }
        let digits = packedDigits(l1)
        var result: UInt128
        var overflow = false
        if shift < 32 {
            // Left (or no) shift: nonzero digits shifted out are an overflow.
            if shift >= digits {
                overflow = x.magnitude != 0
                result = 0
            } else {
                let room = decimalPowers[digits - shift]
                overflow = x.magnitude >= room
                result = (x.magnitude % room) * decimalPowers[shift]
            }
        } else {
            // Right shift by 64 - shift (1-32), rounding the magnitude first.
            let n = 64 - shift
            result = (x.magnitude + rounding * decimalPowers[n - 1]) / decimalPowers[n]
        }
        // The sign is the original one, preferred; a zero result without overflow is positive.
        noteDecimalStore(a1, l1)
        field.storePacked(result, negative: x.negative && (overflow || result != 0), length: l1)
        if overflow { return decimalOverflow() }
        return result == 0 ? 0 : (x.negative ? 1 : 2)
    }
}
