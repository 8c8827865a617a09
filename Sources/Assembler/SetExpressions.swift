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
            inner.depth = depth + 1
            if inner.depth > 200 { fail(74, pos); pos = limit; return VarRef(value: .text([]), count: 0) }
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
        depth += 1
        defer { depth -= 1 }
        if depth > 200 { fail(74, pos); pos = limit; return [1] }
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
}
