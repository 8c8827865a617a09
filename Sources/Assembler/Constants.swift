// DC and DS operands (HLASM Language Reference, "DC instruction", "DS
// instruction"): duplication factor, type, modifiers (length L, scale S,
// exponent E, in that order) and nominal values. The layout of each operand
// (alignment, length of each value, total) is fixed in pass 1; pass 2 fills in
// the values.

/// One DC/DS operand, parsed and laid out.
struct ConstantOperand {
    /// The type letter (upper case).
    var type: UInt8
    /// The duplication factor.
    var duplication = 1
    /// The explicit length (L modifier), if any.
    var explicitLength: Int? = nil
    /// The scale modifier, if any.
    var scale: Int? = nil
    /// The exponent modifier.
    var exponent = 0
    /// The nominal values: text ranges (inside the quotes, or the expressions in parentheses).
    var values: [Range<Int>] = []
    /// Each value's length in bytes.
    var lengths: [Int] = []
    /// The boundary the operand is aligned to.
    var alignment = 1
    /// Where the operand starts in the text.
    var start = 0
    /// The location of the operand's first value (offset in the section; pass 1).
    var location = 0

    /// The length of one repetition of the values.
    var unitLength: Int { lengths.reduce(0, +) }
    /// The bytes the operand occupies.
    var totalLength: Int { duplication * unitLength }
    /// The length attribute it gives a name-field symbol: the first value's length.
    var lengthAttribute: Int { lengths.first ?? implicitLength(type) ?? 1 }

    /// Types whose nominal values are expressions in parentheses.
    static func isAddressType(_ c: UInt8) -> Bool {
        c == UInt8(ascii: "A") || c == UInt8(ascii: "Y") || c == UInt8(ascii: "V") || c == UInt8(ascii: "S")
    }
}

/// The implied length of a type whose length does not depend on its value.
func implicitLength(_ type: UInt8) -> Int? {
    switch type {
    case UInt8(ascii: "F"), UInt8(ascii: "A"), UInt8(ascii: "V"), UInt8(ascii: "E"): return 4
    case UInt8(ascii: "H"), UInt8(ascii: "Y"), UInt8(ascii: "S"): return 2
    case UInt8(ascii: "D"): return 8
    case UInt8(ascii: "L"): return 16
    default: return nil
    }
}

/// The boundary of a type with its implied length.
func typeAlignment(_ type: UInt8) -> Int {
    switch type {
    case UInt8(ascii: "F"), UInt8(ascii: "A"), UInt8(ascii: "V"), UInt8(ascii: "E"): return 4
    case UInt8(ascii: "H"), UInt8(ascii: "Y"), UInt8(ascii: "S"): return 2
    case UInt8(ascii: "D"), UInt8(ascii: "L"): return 8
    default: return 1
    }
}

/// The lengths an explicit length modifier may have for each type.
func lengthRange(_ type: UInt8) -> ClosedRange<Int> {
    switch type {
    case UInt8(ascii: "C"), UInt8(ascii: "X"), UInt8(ascii: "B"): return 1...65535
    case UInt8(ascii: "F"), UInt8(ascii: "H"): return 1...8
    case UInt8(ascii: "A"): return 1...4
    case UInt8(ascii: "Y"): return 1...2
    case UInt8(ascii: "V"): return 3...4
    case UInt8(ascii: "S"): return 2...2
    case UInt8(ascii: "P"), UInt8(ascii: "Z"): return 1...16
    case UInt8(ascii: "E"), UInt8(ascii: "D"): return 1...8
    case UInt8(ascii: "L"): return 16...16
    default: return 1...1
    }
}

extension Assembly {
    /// Parses the DC/DS operand in `r` of text `t`. `requireValue` for DC and literals.
    /// Reports errors (pass 1) and returns nil for an operand that cannot be laid out.
    func parseConstant(_ t: [UInt8], _ r: Range<Int>, requireValue: Bool, report: Bool = true) -> ConstantOperand? {
        func fail(_ n: Int, _ at: Int, _ d: String? = nil) -> ConstantOperand? {
            if report { error(n, at: at, d) }
            return nil
        }
        var i = r.lowerBound
        let end = r.upperBound
        guard i < end else { return fail(40, i) }
        var op = ConstantOperand(type: 0)
        op.start = i
        // Duplication factor: a decimal term or an absolute expression in parentheses.
        if Lexer.isDigit(t[i]) {
            var d = 0
            while i < end && Lexer.isDigit(t[i]) {
                d = d * 10 + Int(t[i] - 0x30)
                if d > 0xFF_FFFF { return fail(67, r.lowerBound) }
                i += 1
            }
            op.duplication = d
        } else if t[i] == Lexer.lparen {
            guard let (v, e) = modifierExpression(t, i, end, report: report) else { return nil }
            guard v >= 0 && v <= 0xFF_FFFF else { return fail(67, i) }
            op.duplication = Int(v)
            i = e
        }
        guard i < end else { return fail(65, i) }
        let type = Lexer.upper(t[i])
        guard "CXBFHAYVSPZEDL".utf8.contains(type) else { return fail(65, i) }
        op.type = type
        i += 1
        // Modifiers.
        if i < end && Lexer.upper(t[i]) == UInt8(ascii: "L") && i + 1 < end && (Lexer.isDigit(t[i + 1]) || t[i + 1] == Lexer.lparen) {
            i += 1
            if t[i] == Lexer.period { return fail(68, i) }
            guard let (v, e) = modifierValue(t, i, end, report: report) else { return nil }
            if e < end && t[e] == Lexer.period { return fail(68, e) }   // bit lengths are not supported
            guard lengthRange(type).contains(Int(v)) else { return fail(68, i) }
            op.explicitLength = Int(v)
            i = e
        }
        if i < end && Lexer.upper(t[i]) == UInt8(ascii: "S") && i + 1 < end &&
            (Lexer.isDigit(t[i + 1]) || t[i + 1] == Lexer.lparen || t[i + 1] == Lexer.plus || t[i + 1] == Lexer.minus) {
            guard "FHEDL".utf8.contains(type) else { return fail(70, i) }
            guard let (v, e) = modifierValue(t, i + 1, end, report: report) else { return nil }
            op.scale = Int(v)
            i = e
        }
        if i < end && Lexer.upper(t[i]) == UInt8(ascii: "E") && i + 1 < end &&
            (Lexer.isDigit(t[i + 1]) || t[i + 1] == Lexer.lparen || t[i + 1] == Lexer.plus || t[i + 1] == Lexer.minus) {
            guard "FHEDL".utf8.contains(type) else { return fail(71, i) }
            guard let (v, e) = modifierValue(t, i + 1, end, report: report) else { return nil }
            guard abs(v) <= 85 else { return fail(71, i) }
            op.exponent = Int(v)
            i = e
        }
        // Nominal values.
        if i == end {
            // DC needs a nominal value, unless it only aligns (DC 0F).
            guard !requireValue || op.duplication == 0 else { return fail(40, i) }
            let l = op.explicitLength ?? implicitLength(type) ?? 1
            op.lengths = [l]
            op.alignment = op.explicitLength == nil ? typeAlignment(type) : 1
            return op
        }
        if ConstantOperand.isAddressType(type) {
            guard t[i] == Lexer.lparen else { return fail(35, i) }
            guard let close = matchingParen(t, i, end) else { return fail(129, i) }
            guard close + 1 == end else { return fail(35, close + 1) }
            op.values = Fields.operands(t, (i + 1)..<close)
            if op.values.isEmpty || op.values.contains(where: { $0.isEmpty }) { return fail(40, i + 1) }
        } else {
            guard t[i] == Lexer.quote else { return fail(35, i) }
            guard let close = Lexer.stringEnd(t, from: i) else { return fail(63, i) }
            guard close == end else { return fail(35, close) }
            if type == UInt8(ascii: "C") {
                op.values = [(i + 1)..<(close - 1)]
            } else {
                op.values = splitValues(t, (i + 1)..<(close - 1))
                if op.values.contains(where: { $0.isEmpty }) { return fail(41, i + 1) }
            }
        }
        // Lengths.
        for v in op.values {
            if let l = op.explicitLength { op.lengths.append(l); continue }
            if let l = implicitLength(type) { op.lengths.append(l); continue }
            let l: Int
            switch type {
            case UInt8(ascii: "C"):
                l = Lexer.unquote(t[v]).count
            case UInt8(ascii: "X"):
                l = (v.count + 1) / 2
            case UInt8(ascii: "B"):
                l = (v.count + 7) / 8
            case UInt8(ascii: "P"):
                l = (t[v].filter { Lexer.isDigit($0) }.count + 2) / 2
            default: // Z
                l = max(1, t[v].filter { Lexer.isDigit($0) }.count)
            }
            if l == 0 && type == UInt8(ascii: "C") {
                if requireValue { return fail(68, v.lowerBound) }
                op.lengths.append(1)
                continue
            }
            guard l >= 1 && l <= 65535 else { return fail(68, v.lowerBound) }
            op.lengths.append(l)
        }
        op.alignment = op.explicitLength == nil ? typeAlignment(type) : 1
        return op
    }

    /// Splits nominal values at commas (X, B, F, H, P, Z, E, D, L).
    func splitValues(_ t: [UInt8], _ r: Range<Int>) -> [Range<Int>] {
        var out: [Range<Int>] = []
        var s = r.lowerBound
        for i in r where t[i] == Lexer.comma {
            out.append(s..<i)
            s = i + 1
        }
        out.append(s..<r.upperBound)
        return out
    }

    /// The index of the parenthesis matching the one at `i`, outside quotes.
    func matchingParen(_ t: [UInt8], _ i: Int, _ end: Int) -> Int? {
        var depth = 0
        var j = i
        var prev: UInt8 = Lexer.blank, prev2: UInt8 = Lexer.blank
        while j < end {
            let c = t[j]
            if c == Lexer.quote && !Lexer.isAttributeQuote(previous: prev, beforePrevious: prev2, next: j + 1 < end ? t[j + 1] : 0) {
                guard let e = Lexer.stringEnd(t, from: j), e <= end else { return nil }
                prev2 = Lexer.quote; prev = Lexer.quote
                j = e
                continue
            }
            if c == Lexer.lparen { depth += 1 }
            if c == Lexer.rparen {
                depth -= 1
                if depth == 0 { return j }
            }
            prev2 = prev; prev = c
            j += 1
        }
        return nil
    }

    /// A modifier's value: a signed decimal term or an absolute expression in parentheses.
    func modifierValue(_ t: [UInt8], _ i: Int, _ end: Int, report: Bool) -> (Int64, Int)? {
        if t[i] == Lexer.lparen { return modifierExpression(t, i, end, report: report) }
        var j = i
        var neg = false
        if t[j] == Lexer.plus || t[j] == Lexer.minus { neg = t[j] == Lexer.minus; j += 1 }
        var v: Int64 = 0
        let s = j
        while j < end && Lexer.isDigit(t[j]) {
            v = v * 10 + Int64(t[j] - 0x30)
            if v > 0xFF_FFFF { if report { error(146, at: s) }; return nil }
            j += 1
        }
        guard j > s else { if report { error(41, at: s) }; return nil }
        return (neg ? -v : v, j)
    }

    /// An absolute, predefined expression in parentheses at `i`.
    func modifierExpression(_ t: [UInt8], _ i: Int, _ end: Int, report: Bool) -> (Int64, Int)? {
        guard let close = matchingParen(t, i, end) else {
            if report { error(129, at: i) }
            return nil
        }
        let e = evaluate(t, from: i + 1, limit: close)
        if let err = e.error {
            if report { error(err.number, at: err.offset, err.detail) }
            return nil
        }
        guard !e.undefined, e.value.isAbsolute, e.end == close else {
            if report { error(e.undefined ? 154 : (e.end != close ? 145 : 32), at: i + 1, e.undefinedName) }
            return nil
        }
        return (e.value.constant, close + 1)
    }
}
