// Decimal instructions: dispatch, and the packed-decimal field helpers the
// families share (PoO, Chapter 8, "Decimal Instructions"; the edit, move and
// conversion instructions are in DecimalEdit, DecimalMoves and
// DecimalConversion, the arithmetic in DecimalArithmetic).
//
// Packed format (PoO, "Decimal-Number Formats", "Decimal Codes"): a field of
// 1-16 bytes holds 2L-1 digits and a sign in the rightmost four bits. Digit
// codes are 0000-1001; sign codes 1010, 1100, 1110, 1111 are plus and 1011,
// 1101 minus; results get the preferred codes 1100 (plus) and 1101 (minus).
// 31 digits need 104 bits, so a field's magnitude is held as a UInt128.
//
// Data exceptions (PoO, "Data Exception"): for every instruction but EDIT and
// EDIT AND MARK the operation is *suppressed* when a sign code is invalid,
// whatever else is wrong, and *terminated* otherwise (an invalid digit, an
// improper overlap, a multiplicand with too few leftmost zeros). On
// termination the PoO lets the sign position keep its old contents and leaves
// the rest of the result field unpredictable; this CPU checks everything
// before it stores, so a terminated operation, like a suppressed one, leaves
// storage and the condition code unchanged. The PoO (Figure "Priority of
// Program-Interruption Conditions", 8.B and 8.D) leaves the order of operand
// access and data exceptions unpredictable; here access is checked first.

extension CPU {
    /// DE ED, DF EDMK, F0 SRP, F1 MVO, F2 PACK, F3 UNPK, F8 ZAP, F9 CP, FA AP,
    /// FB SP, FC MP, FD DP [SS].
    @inline(never) func executeDecimal(_ i: UInt64, _ cc: UInt32) -> UInt32 {
        switch Field.op(i) {
        case 0xDE: return edit(i, cc, mark: false)
        case 0xDF: return edit(i, cc, mark: true)
        case 0xF0: return shiftAndRoundDecimal(i, cc)
        case 0xF1: return moveWithOffset(i, cc)
        case 0xF2: return pack(i, cc)
        case 0xF3: return unpack(i, cc)
        case 0xF8: return zeroAndAdd(i, cc)
        case 0xF9: return compareDecimal(i, cc)
        case 0xFA: return addDecimal(i, cc, subtract: false)
        case 0xFB: return addDecimal(i, cc, subtract: true)
        case 0xFC: return multiplyDecimal(i, cc)
        case 0xFD: return divideDecimal(i, cc)
        default:
            raise(.operation)
            return leave | cc
        }
    }

    // MARK: Exceptions shared by the decimal families

    /// Raises a data exception (suppression or termination: either way nothing
    /// has been stored and the condition code is unchanged).
    func decimalDataException(_ cc: UInt32) -> UInt32 {
        raise(.data)
        return leave | cc
    }

    /// Completes an operation whose result lost nonzero digits: condition code
    /// 3, and a decimal-overflow interruption when the program-mask bit of
    /// value 4 is one (PoO, "Decimal-Overflow Exception": the operation is completed).
    func decimalOverflow() -> UInt32 {
        if psw.programMask & 4 != 0 {
            raise(.decimalOverflow)
            return leave | 3
        }
        return 3
    }

    /// Records a PER storage alteration for a decimal result actually stored.
    /// Operands are mapped without noting stores so that a suppressed or
    /// terminated operation, which stores nothing here, indicates no event.
    func noteDecimalStore(_ a: UInt32, _ length: Int) {
        if needsCheckingLoop { noteStore(a, length) }
    }
}

// MARK: Packed fields

/// Powers of ten 10^0 ... 10^32, enough for every shift and field of 31 digits.
let decimalPowers: [UInt128] = {
    var p: [UInt128] = [1]
    for _ in 1...32 { p.append(p[p.count - 1] &* 10) }
    return p
}()

/// The number of digits a packed field of `length` bytes holds.
@inline(__always) func packedDigits(_ length: Int) -> Int { 2 * length - 1 }

/// Whether a sign code is minus (1011 or 1101; PoO, "Decimal Codes").
@inline(__always) func isMinusSign(_ s: UInt8) -> Bool { s == 0xB || s == 0xD }

/// A packed-decimal field as read from storage, with the validity of its codes.
struct PackedField {
    /// The value of the digits (meaningful only when `digitsValid`).
    var magnitude: UInt128
    /// Whether the sign code is a minus code.
    var negative: Bool
    /// Whether the sign code is one of 1010-1111.
    var signValid: Bool
    /// Whether every digit code is 0000-1001.
    var digitsValid: Bool
}

extension CPU.OperandRange {
    /// Reads the packed field of `length` bytes starting at byte `offset`.
    func readPacked(_ length: Int, offset: Int = 0) -> PackedField {
        var m: UInt128 = 0
        var valid = true
        for k in offset..<(offset + length - 1) {
            let b = at(k).load(as: UInt8.self)
            valid = valid && b >> 4 <= 9 && b & 15 <= 9
            m = m &* 100 &+ UInt128(b >> 4) &* 10 &+ UInt128(b & 15)
        }
        let last = at(offset + length - 1).load(as: UInt8.self)
        valid = valid && last >> 4 <= 9
        m = m &* 10 &+ UInt128(last >> 4)
        let sign = last & 15
        return PackedField(magnitude: m, negative: isMinusSign(sign), signValid: sign >= 0xA, digitsValid: valid)
    }

    /// Stores `magnitude` (which must fit in 2*length-1 digits) as a packed
    /// field of `length` bytes at byte `offset`, with the preferred sign code.
    func storePacked(_ magnitude: UInt128, negative: Bool, length: Int, offset: Int = 0) {
        // One 128-bit division splits the value into two halves of 16 digits,
        // each converted with 64-bit arithmetic.
        let (high, low) = magnitude.quotientAndRemainder(dividingBy: 10_000_000_000_000_000)
        var digits = UInt64(truncatingIfNeeded: low)
        var upper = UInt64(truncatingIfNeeded: high)
        var produced = 0
        @inline(__always) func nextDigit() -> UInt8 {
            if produced == 16 { digits = upper; upper = 0 }
            produced += 1
            let d = UInt8(truncatingIfNeeded: digits % 10)
            digits /= 10
            return d
        }
        let sign: UInt8 = negative ? 0xD : 0xC
        at(offset + length - 1).storeBytes(of: nextDigit() << 4 | sign, as: UInt8.self)
        var k = offset + length - 2
        while k >= offset {
            let right = nextDigit()
            at(k).storeBytes(of: nextDigit() << 4 | right, as: UInt8.self)
            k -= 1
        }
    }
}

// MARK: Operand overlap (24-bit addresses, wrapping at the end of storage)

/// Whether the fields `a1` (`l1` bytes) and `a2` (`l2` bytes) share a byte.
@inline(__always) func decimalFieldsOverlap(_ a1: UInt32, _ l1: Int, _ a2: UInt32, _ l2: Int) -> Bool {
    Int((a2 &- a1) & 0x00FF_FFFF) < l1 || Int((a1 &- a2) & 0x00FF_FFFF) < l2
}

/// The address of the rightmost byte of a field.
@inline(__always) func rightmostByte(_ a: UInt32, _ length: Int) -> UInt32 {
    (a &+ UInt32(length - 1)) & 0x00FF_FFFF
}

/// ADD, SUBTRACT, COMPARE, MULTIPLY, DIVIDE DECIMAL: overlapping operands must
/// have coincident rightmost bytes (PoO, "Data Exception", item 2).
@inline(__always) func arithmeticOverlapIsImproper(_ a1: UInt32, _ l1: Int, _ a2: UInt32, _ l2: Int) -> Bool {
    decimalFieldsOverlap(a1, l1, a2, l2) && rightmostByte(a1, l1) != rightmostByte(a2, l2)
}

/// ZERO AND ADD: overlapping operands are improper only when the rightmost
/// byte of the second operand is to the right of that of the first (PoO,
/// "Data Exception", item 2; "Decimal-Arithmetic Instructions").
@inline(__always) func zeroAndAddOverlapIsImproper(_ a1: UInt32, _ l1: Int, _ a2: UInt32, _ l2: Int) -> Bool {
    guard decimalFieldsOverlap(a1, l1, a2, l2) else { return false }
    // The fields are at most 16 bytes, so the wrapped distance is small either way.
    let ahead = (rightmostByte(a2, l2) &- rightmostByte(a1, l1)) & 0x00FF_FFFF
    return ahead != 0 && ahead < 0x0080_0000
}
