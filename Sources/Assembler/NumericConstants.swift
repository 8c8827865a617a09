// Numeric constants (HLASM Language Reference, "DC instruction"): fixed-point
// F and H, packed P and zoned Z decimal, and hexadecimal floating-point E, D
// and L, converted exactly from their decimal nominal values.
//
// Fixed point: the number times its exponents is converted to binary and
// scaled by 2**S; without a scale modifier the fraction is lost, with one the
// result is rounded. The value must fit the length as a signed number (or as
// unsigned with the U prefix).
//
// Floating point (PoO, "Floating-Point Instructions", data format): a sign
// bit, a 7-bit characteristic (exponent of 16, excess 64) and a fraction of
// 6, 14 or 28 hexadecimal digits, normalized unless a scale modifier shifts
// it right by S digits; rounded by adding one in the first lost bit. The
// low-order half of an extended (L) constant has the same sign and a
// characteristic 14 less than the high-order half's (PoO, "Extended
// operands").

/// A decimal number as written in a constant: sign, digits, decimal exponent.
struct DecimalNumber {
    var negative = false
    var unsigned = false
    var hasSign = false
    /// All the digits as an integer.
    var mantissa = BigUInt()
    /// The number is mantissa * 10^exponent.
    var exponent = 0
    /// Digits after the decimal point (the scale attribute of P and Z).
    var fractionDigits = 0
    /// The digits as written (for P and Z).
    var digits: [UInt8] = []

    /// Parses `[U][+|-]digits[.digits][E[+|-]digits]`; nil when malformed.
    static func parse(_ t: ArraySlice<UInt8>, allowExponent: Bool = true, allowUnsigned: Bool = false) -> DecimalNumber? {
        var n = DecimalNumber()
        var i = t.startIndex
        if allowUnsigned, i < t.endIndex, Lexer.upper(t[i]) == UInt8(ascii: "U") {
            n.unsigned = true
            i += 1
        }
        if i < t.endIndex && (t[i] == Lexer.plus || t[i] == Lexer.minus) {
            if n.unsigned { return nil }
            n.negative = t[i] == Lexer.minus
            n.hasSign = true
            i += 1
        }
        var seenPoint = false
        var any = false
        while i < t.endIndex {
            let c = t[i]
            if Lexer.isDigit(c) {
                // More digits than any constant can hold: refuse rather than grind.
                if n.digits.count >= 80 { return nil }
                n.mantissa.multiplyAdd(10, UInt32(c - 0x30))
                n.digits.append(c)
                if seenPoint { n.fractionDigits += 1 }
                any = true
            } else if c == Lexer.period && !seenPoint {
                seenPoint = true
            } else {
                break
            }
            i += 1
        }
        guard any else { return nil }
        n.exponent = -n.fractionDigits
        if i < t.endIndex && Lexer.upper(t[i]) == UInt8(ascii: "E") && allowExponent {
            i += 1
            var neg = false
            if i < t.endIndex && (t[i] == Lexer.plus || t[i] == Lexer.minus) {
                neg = t[i] == Lexer.minus
                i += 1
            }
            var e = 0
            var digits = 0
            while i < t.endIndex && Lexer.isDigit(t[i]) {
                e = e * 10 + Int(t[i] - 0x30)
                if e > 9999 { return nil }
                digits += 1
                i += 1
            }
            guard digits > 0 else { return nil }
            n.exponent += neg ? -e : e
        }
        return i == t.endIndex ? n : nil
    }
}

enum NumericConstant {
    /// A fixed-point constant of `length` bytes (1-8). Returns the bytes or a message number.
    static func fixed(_ n: DecimalNumber, length: Int, scale: Int?, exponentModifier: Int) -> Result<[UInt8], ConstantError> {
        let e = n.exponent + exponentModifier
        let s = scale ?? 0
        guard abs(e) <= 400, abs(s) <= 400 else { return .failure(ConstantError(71)) }
        var num = n.mantissa
        var den = BigUInt(1)
        if e >= 0 { num = num.timesPowerOf10(e) } else { den = den.timesPowerOf10(-e) }
        if s >= 0 { num = num.shiftedLeft(s) } else { den = den.shiftedLeft(-s) }
        var q: BigUInt
        if scale != nil {
            // Rounded: floor(2 * num / den + 1) / 2.
            q = (num.shiftedLeft(1) / den)
            q.multiplyAdd(1, 1)
            q = q.shiftedRight(1)
        } else {
            q = num / den
        }
        let bits = length * 8
        // Range: signed -2^(bits-1) .. 2^(bits-1)-1, unsigned 0 .. 2^bits-1.
        let limit = BigUInt(1).shiftedLeft(n.unsigned ? bits : bits - 1)
        if n.negative {
            if limit < q { return .failure(ConstantError(72)) }
        } else if !(q < limit) {
            return .failure(ConstantError(72))
        }
        var v = q.low64
        if n.negative { v = 0 &- v }
        return .success(bigEndian(v, length))
    }

    /// The low `length` bytes of `v`, big-endian.
    static func bigEndian(_ v: UInt64, _ length: Int) -> [UInt8] {
        (0..<length).map { i in
            let shift = (length - 1 - i) * 8
            return shift >= 64 ? 0 : UInt8(truncatingIfNeeded: v >> UInt64(shift))
        }
    }

    /// A packed-decimal constant: digits two to a byte, sign in the last half byte (C plus, D minus).
    static func packed(_ n: DecimalNumber, length: Int?) -> Result<[UInt8], ConstantError> {
        guard n.digits.count <= 31 else { return .failure(ConstantError(72)) }
        var nibbles = n.digits.map { $0 - 0x30 }
        nibbles.append(n.negative ? 0xD : 0xC)
        if nibbles.count % 2 == 1 { nibbles.insert(0, at: 0) }
        var out: [UInt8] = []
        var i = 0
        while i < nibbles.count { out.append(nibbles[i] << 4 | nibbles[i + 1]); i += 2 }
        return .success(fit(out, length, fill: 0))
    }

    /// A zoned-decimal constant: one digit a byte with zone F, the last byte's zone the sign (C or D).
    static func zoned(_ n: DecimalNumber, length: Int?) -> Result<[UInt8], ConstantError> {
        guard n.digits.count <= 31 else { return .failure(ConstantError(72)) }
        var out = n.digits.map { 0xF0 | ($0 - 0x30) }
        out[out.count - 1] = (n.negative ? 0xD0 : 0xC0) | (out[out.count - 1] & 0x0F)
        return .success(fit(out, length, fill: 0xF0))
    }

    /// Pads on the left with `fill` or truncates on the left to `length`.
    static func fit(_ b: [UInt8], _ length: Int?, fill: UInt8) -> [UInt8] {
        guard let l = length else { return b }
        if b.count >= l { return Array(b.suffix(l)) }
        return [UInt8](repeating: fill, count: l - b.count) + b
    }

    /// A hexadecimal floating-point constant of `length` bytes: `extended` for L.
    static func floating(_ n: DecimalNumber, length: Int, extended: Bool, scale: Int,
                         exponentModifier: Int) -> Result<[UInt8], ConstantError> {
        let digits = extended ? 28 : max(0, 2 * length - 2)
        let signBit: UInt8 = n.negative ? 0x80 : 0
        if n.mantissa.isZero {
            var z = [UInt8](repeating: 0, count: length)
            z[0] = signBit
            if extended && length == 16 { z[8] = signBit }
            return .success(z)
        }
        let e = n.exponent + exponentModifier
        guard abs(e) <= 200 else { return .failure(ConstantError(64)) }
        var num = n.mantissa
        var den = BigUInt(1)
        if e >= 0 { num = num.timesPowerOf10(e) } else { den = den.timesPowerOf10(-e) }
        // The exponent X with 16^(X-1) <= v < 16^X.
        var x = (num.bitWidth - den.bitWidth) >> 2
        func below16(_ x: Int) -> Bool {   // v < 16^x
            x >= 0 ? num < den.shiftedLeft(4 * x) : num.shiftedLeft(-4 * x) < den
        }
        while !below16(x) { x += 1 }
        while below16(x - 1) { x -= 1 }
        let kept = digits - scale
        guard kept > 0 else { return .failure(ConstantError(73)) }
        // fraction = round(v * 16^(kept - x)) in `kept` hex digits.
        func scaled(_ k: Int) -> BigUInt {   // floor(v * 2^k)
            k >= 0 ? num.shiftedLeft(k) / den : num / den.shiftedLeft(-k)
        }
        var f = scaled(4 * (kept - x) + 1)
        f.multiplyAdd(1, 1)
        f = f.shiftedRight(1)
        var exp16 = x + scale
        if f.bitWidth > 4 * kept {   // rounding carried into a new digit
            f = f.shiftedRight(4)
            exp16 += 1
        }
        let characteristic = exp16 + 64
        guard characteristic >= 0 && characteristic <= 127 else { return .failure(ConstantError(64)) }
        if extended {
            let high = f.shiftedRight(56).low64 & 0x00FF_FFFF_FFFF_FFFF
            let low = f.low64 & 0x00FF_FFFF_FFFF_FFFF
            var out = bigEndian(high, 8)
            out[0] = signBit | UInt8(characteristic)
            var second = bigEndian(low, 8)
            second[0] = signBit | UInt8((characteristic - 14) & 0x7F)
            out += second
            return .success(length == 16 ? out : Array(out.prefix(length)))
        }
        var out = bigEndian(f.low64, length)
        out[0] = signBit | UInt8(characteristic)
        return .success(out)
    }
}

/// Why a constant could not be assembled: a message number.
struct ConstantError: Error {
    var number: Int
    init(_ n: Int) { number = n }
}
