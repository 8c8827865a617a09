// Conditional-assembly expressions (HLASM Language Reference, "SETA
// instruction", "SETB instruction", "SETC instruction"):
//   arithmetic: + - * / on 32-bit values; terms are self-defining terms,
//     variable symbols, previously defined absolute symbols, and the attribute
//     references K' N' L' I' S' D';
//   logical: AND OR XOR NOT, relations EQ NE LT GT LE GE between two
//     arithmetic or two character values, 0 and 1, SETB symbols;
//   character: quoted strings with substitution, substrings 'X'(s,n) or
//     'X'(s,*), duplication (n)'X', concatenation with a period, and the type
//     and operation-code attributes T' and O'.
// Character strings compare by EBCDIC code, a shorter string being lower.
// Errors are kept, not reported, so that a parenthesized term can be tried
// as a logical expression and then as an arithmetic one.

import Records

struct CondParser {
    let asm: Assembly
    let ctx: CondContext
    let t: [UInt8]
    var pos = 0
    let limit: Int
    var error: (number: Int, offset: Int, detail: String?)? = nil
    var depth = 0

    init(asm: Assembly, ctx: CondContext, limit: Int) {
        self.asm = asm
        self.ctx = ctx
        self.t = ctx.text
        self.limit = min(limit, ctx.text.count)
    }

    mutating func fail(_ n: Int, _ at: Int, _ detail: String? = nil) {
        if error == nil { error = (n, at, detail) }
    }

    func peek(_ k: Int = 0) -> UInt8 { pos + k < limit ? t[pos + k] : 0 }

    mutating func skip() { while pos < limit && t[pos] == Lexer.blank { pos += 1 } }

    /// The upper-case word at the current position (not consumed).
    func word() -> String {
        let e = Lexer.symbolEnd(t, pos)
        return e > pos && e <= limit ? Lexer.upperString(t[pos..<e]) : ""
    }

    // MARK: Substitution

    /// The text of `r` with its variable symbols replaced by their values.
    mutating func substitute(_ r: Range<Int>) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(r.count + 16)
        pos = r.lowerBound
        while pos < r.upperBound {
            let c = t[pos]
            if c == Lexer.amp {
                let n = peek(1)
                if n == Lexer.amp { out += [Lexer.amp, Lexer.amp]; pos += 2; continue }
                if Lexer.isSymbolStart(n) || n == Lexer.lparen {
                    let v = variable(unsubscripted: false)
                    out += v.value.text
                    if peek() == Lexer.period { pos += 1 }
                    continue
                }
                fail(127, pos)
            }
            out.append(c)
            pos += 1
        }
        return out
    }

    // MARK: Variable symbols

    /// The variable symbol at `pos` (an ampersand), with its subscripts.
    mutating func variable(unsubscripted: Bool) -> VarRef {
        let at = pos
        pos += 1
        var name: String
        if peek() == Lexer.lparen {
            // A created SET symbol: &(text).
            guard let close = asm.matchingParen(t, pos, limit) else { fail(129, pos); pos = limit; return VarRef(value: .text([]), count: 0) }
            var inner = CondParser(asm: asm, ctx: ctx, limit: close)
            let text = inner.substitute((pos + 1)..<close)
            if error == nil, let e = inner.error { error = e }
            pos = close + 1
            var sym = text
            if sym.first == Lexer.amp { sym.removeFirst() }
            guard !sym.isEmpty else { fail(82, at); return VarRef(value: .text([]), count: 0) }
            guard Lexer.symbolEnd(sym, 0) == sym.count else { fail(83, at, Lexer.string(sym)); return VarRef(value: .text([]), count: 0) }
            name = Lexer.upperString(sym)
        } else {
            let end = Lexer.symbolEnd(t, pos)
            guard end > pos else { fail(24, at); return VarRef(value: .text([]), count: 0) }
            name = Lexer.upperString(t[pos..<min(end, limit)])
            pos = min(end, limit)
        }
        let frame = ctx.frame
        if name == "SYSLIST" {
            guard frame.definition != nil else { fail(24, at, "&SYSLIST"); return VarRef(value: .text([]), count: 0) }
            if peek() == Lexer.lparen {
                let subs = subscripts()
                guard let n = subs.first else { return VarRef(value: .text([]), count: 0) }
                let base = n >= 0 && n < frame.syslist.count ? frame.syslist[n] : []
                let v = Sublist.element(base, Array(subs.dropFirst()))
                return VarRef(value: .text(v), count: Sublist.count(v))
            }
            if !unsubscripted { fail(96, at) }
            let first = frame.syslist.count > 1 ? frame.syslist[1] : []
            return VarRef(value: .text(first), count: max(0, frame.syslist.count - 1))
        }
        if let p = frame.parameters[name] {
            if peek() == Lexer.lparen {
                let subs = subscripts()
                let v = Sublist.element(p, subs)
                return VarRef(value: .text(v), count: Sublist.count(v))
            }
            return VarRef(value: .text(p), count: Sublist.count(p))
        }
        if let v = frame.locals[name] ?? frame.globals[name] {
            var value: SetValue
            var count = 1
            if v.dimensioned {
                if peek() == Lexer.lparen {
                    let subs = subscripts()
                    let s = subs.first ?? 1
                    if s < 1 { fail(101, at) ; value = SetVariable.initial(v.kind) } else { value = v.get(s) }
                } else {
                    if !unsubscripted { fail(117, at, "&" + name) }
                    value = SetVariable.initial(v.kind)
                    count = v.highest
                }
            } else {
                value = v.scalar
            }
            switch value {
            case .a(let x): return VarRef(value: .number(x), count: count, arithmetic: true)
            case .b(let x): return VarRef(value: .bool(x), count: count, arithmetic: true)
            case .c(let x): return VarRef(value: .text(x), count: v.dimensioned ? count : Sublist.count(x))
            }
        }
        if let s = asm.systemVariable(name, frame) {
            if case .number = s { return VarRef(value: s, count: 1, arithmetic: true) }
            return VarRef(value: s, count: 1)
        }
        fail(3, at, "&" + name)
        return VarRef(value: .text([]), count: 0)
    }

    /// (e1[,e2...]) at `pos`.
    mutating func subscripts() -> [Int] {
        pos += 1
        var out: [Int] = [Int(arith())]
        skip()
        while peek() == Lexer.comma {
            pos += 1
            out.append(Int(arith()))
            skip()
        }
        if peek() == Lexer.rparen { pos += 1 } else { fail(179, pos) }
        return out
    }

    // MARK: Arithmetic

    mutating func arith() -> Int32 {
        var v = Int64(term())
        while error == nil {
            skip()
            let c = peek()
            guard c == Lexer.plus || c == Lexer.minus else { break }
            pos += 1
            let w = Int64(term())
            v = c == Lexer.plus ? v + w : v - w
            if v > Int64(Int32.max) || v < Int64(Int32.min) {
                fail(75, pos)
                v = Int64(Int32(truncatingIfNeeded: v))
            }
        }
        return Int32(truncatingIfNeeded: v)
    }

    mutating func term() -> Int32 {
        var v = Int64(unary())
        while error == nil {
            skip()
            let c = peek()
            guard c == Lexer.star || c == Lexer.slash else { break }
            pos += 1
            let w = Int64(unary())
            if c == Lexer.star {
                v *= w
                if v > Int64(Int32.max) || v < Int64(Int32.min) { fail(103, pos); v = 1 }
            } else {
                v = w == 0 ? 0 : v / w
            }
        }
        return Int32(truncatingIfNeeded: v)
    }

    mutating func unary() -> Int32 {
        skip()
        let c = peek()
        if c == Lexer.plus || c == Lexer.minus {
            pos += 1
            depth += 1
            defer { depth -= 1 }
            if depth > 200 { fail(74, pos); return 0 }
            let v = unary()
            return c == Lexer.minus ? 0 &- v : v
        }
        return primary()
    }

    mutating func primary() -> Int32 {
        skip()
        guard pos < limit else { fail(89, pos); return 0 }
        let c = t[pos]
        let at = pos
        if c == Lexer.lparen {
            depth += 1
            defer { depth -= 1 }
            if depth > 200 { fail(74, pos); return 0 }
            pos += 1
            let v = arith()
            skip()
            if peek() == Lexer.rparen { pos += 1 } else { fail(129, pos) }
            return v
        }
        if pos + 2 <= limit, peek(1) == Lexer.quote,
           Lexer.isAttributeQuote(previous: c, beforePrevious: pos > 0 ? t[pos - 1] : Lexer.blank, next: peek(2)) {
            return attributeNumber()
        }
        if c == Lexer.amp {
            let r = variable(unsubscripted: false)
            return number(r.value, at)
        }
        switch SelfDefiningTerm.read(t, at: pos) {
        case .value(let v, let end):
            pos = end
            return Int32(truncatingIfNeeded: v)
        case .error(let n, let e):
            fail(n, e)
            pos = limit
            return 0
        case .notATerm:
            break
        }
        if Lexer.isSymbolStart(c) {
            let end = min(Lexer.symbolEnd(t, pos), limit)
            let name = Lexer.upperString(t[pos..<end])
            pos = end
            if let s = asm.definedSymbol(name), s.value.isAbsolute {
                return Int32(truncatingIfNeeded: s.value.constant)
            }
            fail(102, at, name)
            return 0
        }
        fail(89, pos)
        return 0
    }

    /// The arithmetic value of a variable's value: SETC values must be self-defining terms.
    mutating func number(_ v: VarValue, _ at: Int) -> Int32 {
        switch v {
        case .number(let n): return n
        case .bool(let b): return b ? 1 : 0
        case .text(let s):
            if case .value(let n, let end) = SelfDefiningTerm.read(s, at: 0), end == s.count {
                return Int32(truncatingIfNeeded: n)
            }
            fail(102, at, Lexer.string(s))
            return 0
        }
    }

    /// K' N' L' I' S' D' at `pos`.
    mutating func attributeNumber() -> Int32 {
        let kind = Lexer.upper(t[pos])
        let at = pos
        pos += 2
        if peek() == Lexer.amp {
            let r = variable(unsubscripted: kind == UInt8(ascii: "N"))
            switch kind {
            case UInt8(ascii: "K"):
                if r.arithmetic { fail(97, at) }
                return Int32(r.value.text.count)
            case UInt8(ascii: "N"):
                return Int32(r.count)
            default:
                if r.arithmetic { fail(97, at); return 0 }
                return Int32(asm.numericAttribute(kind, ofValue: r.value.text))
            }
        }
        let end = min(Lexer.symbolEnd(t, pos), limit)
        guard end > pos else { fail(130, at); return 0 }
        let name = Lexer.upperString(t[pos..<end])
        pos = end
        switch kind {
        case UInt8(ascii: "K"), UInt8(ascii: "N"):
            fail(130, at)
            return 0
        default:
            return Int32(asm.numericAttribute(kind, ofSymbol: name))
        }
    }

    // MARK: Logical

    mutating func logical() -> Bool {
        var v = logicalTerm()
        while error == nil {
            skip()
            let w = word()
            if w == "OR" {
                pos += 2
                let r = logicalTerm()
                v = v || r
            } else if w == "XOR" {
                pos += 3
                let r = logicalTerm()
                v = v != r
            } else {
                break
            }
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
