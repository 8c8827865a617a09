// Logical and character expressions of conditional assembly (HLASM
// Language Reference, "SETB instruction", "SETC instruction", "Logical
// (SETB) expressions", "Character (SETC) expressions"). See SetExpressions.swift
// for the parser and the arithmetic.

import Records

extension CondParser {
    // MARK: Logical

    /// HLASM Language Reference, "Logical (SETB) expressions": NOT before AND, AND before
    /// OR, OR before XOR; otherwise left to right.
    mutating func logical() -> Bool {
        var v = logicalOr()
        while error == nil {
            skip()
            guard word() == "XOR" else { break }
            pos += 3
            let r = logicalOr()
            v = v != r
        }
        return v
    }

    mutating func logicalOr() -> Bool {
        var v = logicalTerm()
        while error == nil {
            skip()
            guard word() == "OR" else { break }
            pos += 2
            let r = logicalTerm()
            v = v || r
        }
        return v
    }

    mutating func logicalTerm() -> Bool {
        var v = logicalFactor()
        while error == nil {
            skip()
            guard word() == "AND" else { break }
            pos += 3
            let r = logicalFactor()
            v = v && r
        }
        return v
    }

    mutating func logicalFactor() -> Bool {
        skip()
        if word() == "NOT" {
            pos += 3
            depth += 1
            defer { depth -= 1 }
            if depth > 200 { fail(74, pos); return false }
            return !logicalFactor()
        }
        return logicalPrimary()
    }

    mutating func logicalPrimary() -> Bool {
        skip()
        if peek() == Lexer.lparen && !startsCharacter() {
            // Try a parenthesized logical expression; if an operator follows it, it was arithmetic.
            let save = pos, saveError = error
            depth += 1
            defer { depth -= 1 }
            if depth > 200 { fail(74, pos); return false }
            pos += 1
            let v = logical()
            skip()
            if error == nil && peek() == Lexer.rparen {
                pos += 1
                let after = pos
                skip()
                let c = peek()
                let w = word()
                let continues = c == Lexer.plus || c == Lexer.minus || c == Lexer.star || c == Lexer.slash
                    || ["EQ", "NE", "LT", "GT", "LE", "GE"].contains(w)
                if !continues { pos = after; return v }
            }
            pos = save
            error = saveError
        }
        return relation()
    }

    /// Whether a character expression starts here: a quote, T' or O', or a duplication factor.
    func startsCharacter() -> Bool {
        let c = peek()
        if c == Lexer.quote { return true }
        if (Lexer.upper(c) == UInt8(ascii: "T") || Lexer.upper(c) == UInt8(ascii: "O")) && peek(1) == Lexer.quote {
            return true
        }
        if c == Lexer.lparen, let close = asm.matchingParen(t, pos, limit), close + 1 < limit, t[close + 1] == Lexer.quote {
            return true
        }
        return false
    }

    mutating func relation() -> Bool {
        skip()
        let at = pos
        let leftIsChar = startsCharacter()
        var lc: [UInt8] = [], ln: Int32 = 0
        if leftIsChar { lc = character() } else { ln = arith() }
        skip()
        let w = word()
        guard ["EQ", "NE", "LT", "GT", "LE", "GE"].contains(w) else {
            if leftIsChar { fail(111, at) }
            return ln != 0
        }
        pos += 2
        skip()
        let rightIsChar = startsCharacter()
        var cmp: Int
        if rightIsChar != leftIsChar {
            fail(134, pos)
            return false
        }
        if leftIsChar {
            let rc = character()
            cmp = CondParser.compare(lc, rc)
        } else {
            let rn = arith()
            cmp = ln < rn ? -1 : (ln > rn ? 1 : 0)
        }
        switch w {
        case "EQ": return cmp == 0
        case "NE": return cmp != 0
        case "LT": return cmp < 0
        case "GT": return cmp > 0
        case "LE": return cmp <= 0
        default: return cmp >= 0
        }
    }

    /// Character comparison: a shorter string is lower; equal lengths compare by EBCDIC code.
    static func compare(_ a: [UInt8], _ b: [UInt8]) -> Int {
        if a.count != b.count { return a.count < b.count ? -1 : 1 }
        for (x, y) in zip(a, b) where x != y {
            return EBCDIC.fromLatin1[Int(x)] < EBCDIC.fromLatin1[Int(y)] ? -1 : 1
        }
        return 0
    }

    // MARK: Character

    mutating func character() -> [UInt8] {
        var s = characterPrimary()
        while error == nil && peek() == Lexer.period {
            let n = peek(1)
            guard n == Lexer.quote || n == Lexer.lparen
                    || ((Lexer.upper(n) == UInt8(ascii: "T") || Lexer.upper(n) == UInt8(ascii: "O")) && peek(2) == Lexer.quote)
            else { break }
            pos += 1
            s += characterPrimary()
            if s.count > MacroLimits.setcLength {
                fail(91, pos)
                s.removeSubrange(MacroLimits.setcLength...)
            }
        }
        return s
    }

    mutating func characterPrimary() -> [UInt8] {
        skip()
        let at = pos
        var dup: Int32 = 1
        if peek() == Lexer.lparen {
            pos += 1
            dup = arith()
            skip()
            if peek() == Lexer.rparen { pos += 1 } else { fail(129, pos) }
            if dup < 0 { fail(172, at); dup = 1 }
        }
        var s: [UInt8]
        let c = Lexer.upper(peek())
        if (c == UInt8(ascii: "T") || c == UInt8(ascii: "O")) && peek(1) == Lexer.quote {
            pos += 2
            s = [c == UInt8(ascii: "T") ? typeAttribute() : opcodeAttribute()]
        } else if peek() == Lexer.quote {
            s = quoted()
            if peek() == Lexer.lparen { s = substring(s) }
        } else {
            fail(137, pos)
            pos = limit
            return []
        }
        if dup == 1 { return s }
        if Int(dup) * s.count > MacroLimits.setcLength { fail(91, at); dup = Int32(MacroLimits.setcLength / max(1, s.count)) }
        var out: [UInt8] = []
        for _ in 0..<max(0, Int(dup)) { out += s }
        return out
    }

    /// A quoted string with its variable symbols substituted ('' is one quote; && stays).
    mutating func quoted() -> [UInt8] {
        let start = pos
        pos += 1
        var out: [UInt8] = []
        while pos < limit {
            let c = t[pos]
            if c == Lexer.quote {
                if peek(1) == Lexer.quote { out.append(Lexer.quote); pos += 2; continue }
                pos += 1
                return out
            }
            if c == Lexer.amp {
                let n = peek(1)
                if n == Lexer.amp { out += [Lexer.amp, Lexer.amp]; pos += 2; continue }
                if Lexer.isSymbolStart(n) || n == Lexer.lparen {
                    let v = variable(unsubscripted: false)
                    out += v.value.text
                    if peek() == Lexer.period { pos += 1 }
                    if out.count > MacroLimits.setcLength { fail(91, start); out.removeSubrange(MacroLimits.setcLength...) }
                    continue
                }
                fail(127, pos)
            }
            out.append(c)
            pos += 1
        }
        fail(63, start)
        return out
    }

    /// 'string'(start,length) or (start,*).
    mutating func substring(_ s: [UInt8]) -> [UInt8] {
        let at = pos
        pos += 1
        let e1 = Int(arith())
        skip()
        guard peek() == Lexer.comma else { fail(133, at); return s }
        pos += 1
        skip()
        var e2: Int
        if peek() == Lexer.star {
            pos += 1
            e2 = s.count - e1 + 1
        } else {
            e2 = Int(arith())
        }
        skip()
        if peek() == Lexer.rparen { pos += 1 } else { fail(179, pos) }
        if e2 == 0 { return [] }
        if e1 < 1 { fail(93, at); return [] }
        if e1 > s.count { if !s.isEmpty || e2 > 0 { fail(92, at) }; return [] }
        if e2 < 0 { fail(95, at); return [] }
        let end = min(s.count, e1 - 1 + e2)
        return Array(s[(e1 - 1)..<end])
    }

    /// T'X: the type attribute of a symbol or of a variable's value.
    mutating func typeAttribute() -> UInt8 {
        if peek() == Lexer.amp {
            let r = variable(unsubscripted: false)
            if r.arithmetic { return UInt8(ascii: "N") }
            return asm.typeAttribute(ofValue: r.value.text)
        }
        let end = min(Lexer.symbolEnd(t, pos), limit)
        guard end > pos else { fail(130, pos); return UInt8(ascii: "U") }
        let name = Lexer.upperString(t[pos..<end])
        pos = end
        return asm.symbolAttributes(name).type
    }

    /// O'X: the operation-code attribute.
    mutating func opcodeAttribute() -> UInt8 {
        var name: String
        if peek() == Lexer.amp {
            name = Lexer.upperString(variable(unsubscripted: false).value.text)
        } else {
            let end = min(Lexer.symbolEnd(t, pos), limit)
            name = Lexer.upperString(t[pos..<end])
            pos = end
        }
        return asm.opcodeAttribute(name)
    }
}
