// The fields of a statement (HLASM Language Reference, "Statement format"):
// name (starting in the begin column), operation, operands and remarks,
// separated by blanks; and the operands, separated by commas outside quotes
// and parentheses.

/// The fields of one statement, as ranges of its text.
struct Fields {
    /// The name field (nil when the statement begins with a blank).
    var name: Range<Int>?
    /// The operation field.
    var operation: Range<Int>?
    /// The operand field (empty when there are none).
    var operands: Range<Int>
    /// Where the remarks start (the end of the text when there are none).
    var remarks: Int
    /// A `*` comment statement.
    var isComment = false
    /// A `.*` macro comment statement (never generated or listed in expansions).
    var isMacroComment = false
    /// A quote in the operands has no closing quote.
    var unclosedQuote = false

    /// Splits `t` into fields. In a conditional-assembly statement (`conditional`) blanks
    /// inside parentheses belong to the operands (`AIF (&A EQ 1).X`).
    static func split(_ t: [UInt8], conditional: Bool = false) -> Fields {
        let n = t.count
        if n == 0 { return Fields(name: nil, operation: nil, operands: 0..<0, remarks: 0) }
        if t[0] == Lexer.star {
            var f = Fields(name: nil, operation: nil, operands: n..<n, remarks: 0)
            f.isComment = true
            return f
        }
        if n >= 2 && t[0] == Lexer.period && t[1] == Lexer.star {
            var f = Fields(name: nil, operation: nil, operands: n..<n, remarks: 0)
            f.isMacroComment = true
            return f
        }
        var i = 0
        var name: Range<Int>? = nil
        if t[0] != Lexer.blank {
            while i < n && t[i] != Lexer.blank { i += 1 }
            name = 0..<i
        }
        while i < n && t[i] == Lexer.blank { i += 1 }
        let opStart = i
        while i < n && t[i] != Lexer.blank { i += 1 }
        let operation: Range<Int>? = opStart < i ? opStart..<i : nil
        while i < n && t[i] == Lexer.blank { i += 1 }
        let (end, unclosed) = operandEnd(t, from: i, parentheses: conditional)
        var f = Fields(name: name, operation: operation, operands: i..<end, remarks: end)
        f.unclosedQuote = unclosed
        return f
    }

    /// The end of an operand field starting at `i`: the first blank outside quotes.
    static func operandEnd(_ t: [UInt8], from start: Int, parentheses: Bool = false) -> (Int, Bool) {
        var i = start
        let n = t.count
        var prev: UInt8 = Lexer.blank, prev2: UInt8 = Lexer.blank
        var depth = 0
        while i < n {
            let c = t[i]
            if c == Lexer.blank && depth <= 0 { return (i, false) }
            if parentheses {
                if c == Lexer.lparen { depth += 1 } else if c == Lexer.rparen { depth -= 1 }
            }
            if c == Lexer.quote {
                if Lexer.isAttributeQuote(previous: prev, beforePrevious: prev2, next: i + 1 < n ? t[i + 1] : Lexer.blank) {
                    prev2 = prev; prev = c; i += 1
                    continue
                }
                guard let e = Lexer.stringEnd(t, from: i) else { return (n, true) }
                prev2 = Lexer.quote; prev = Lexer.quote
                i = e
                continue
            }
            prev2 = prev; prev = c
            i += 1
        }
        return (n, false)
    }

    /// Splits an operand field into operands at commas outside quotes and parentheses.
    /// An empty field gives no operands; `A,,B` gives an empty middle operand.
    static func operands(_ t: [UInt8], _ r: Range<Int>) -> [Range<Int>] {
        if r.isEmpty { return [] }
        var out: [Range<Int>] = []
        var depth = 0
        var start = r.lowerBound
        var i = r.lowerBound
        var prev: UInt8 = Lexer.blank, prev2: UInt8 = Lexer.blank
        while i < r.upperBound {
            let c = t[i]
            if c == Lexer.quote {
                if !Lexer.isAttributeQuote(previous: prev, beforePrevious: prev2,
                                           next: i + 1 < r.upperBound ? t[i + 1] : Lexer.blank) {
                    let e = min(Lexer.stringEnd(t, from: i) ?? r.upperBound, r.upperBound)
                    prev2 = Lexer.quote; prev = Lexer.quote
                    i = e
                    continue
                }
            } else if c == Lexer.lparen {
                depth += 1
            } else if c == Lexer.rparen {
                depth -= 1
            } else if c == Lexer.comma && depth <= 0 {
                out.append(start..<i)
                start = i + 1
                depth = 0
            }
            prev2 = prev; prev = c
            i += 1
        }
        out.append(start..<r.upperBound)
        return out
    }
}
