// Ordinary expressions (HLASM Language Reference, "Expressions"): terms are
// symbols, self-defining terms, the location counter `*`, and the length,
// integer and scale attribute references L', I', S'; operators are unary and
// binary + and -, * and / (on absolute terms only), and parentheses. Values
// are 32-bit; division truncates and division by zero gives zero.

extension Assembly {
    /// What evaluation needs besides the text.
    struct EvalOptions {
        /// The value of `*` when it is not the statement's location (address constants).
        var location: Value? = nil
        /// The length attribute of `*` (L'*).
        var starLength: Int? = nil
    }

    /// Evaluates the expression at `i` in `t`, stopping at `limit` or where no operator follows.
    func evaluate(_ t: [UInt8], from i: Int, limit: Int, _ opts: EvalOptions = EvalOptions()) -> Expr {
        var p = ExprParser(asm: self, t: t, limit: limit, opts: opts)
        var r = Expr(value: Value(0), end: i)
        p.pos = i
        var lengthAttr: Int? = nil
        let v = p.sum(&lengthAttr)
        r.value = v
        r.end = p.pos
        r.undefined = p.undefined
        r.undefinedName = p.undefinedName
        r.lengthAttribute = lengthAttr
        r.error = p.error
        if r.error == nil && !r.undefined && (v.constant > Int64(Int32.max) || v.constant < Int64(Int32.min)) {
            // Relocatable values may exceed 31 bits only through a wrong program; absolute ones overflow.
            if v.isAbsolute { r.error = (75, i, nil) }
        }
        if r.error == nil && p.pos == i { r.error = (41, i, nil) }
        return r
    }

    /// Evaluates an operand that must be an absolute expression filling the whole range.
    func absolute(_ t: [UInt8], _ r: Range<Int>, report: Bool = true) -> Int64? {
        if r.isEmpty {
            if report { error(40, at: r.lowerBound) }
            return nil
        }
        let e = evaluate(t, from: r.lowerBound, limit: r.upperBound)
        if let err = e.error {
            if report { error(err.number, at: err.offset, err.detail) }
            return nil
        }
        if e.undefined {
            if report { error(pass == 2 ? 44 : 154, at: r.lowerBound, e.undefinedName) }
            return nil
        }
        if e.end != r.upperBound {
            if report { error(145, at: e.end) }
            return nil
        }
        if !e.value.isAbsolute {
            if report { error(32, at: r.lowerBound) }
            return nil
        }
        return e.value.constant
    }
}

/// A recursive-descent parser over one expression.
struct ExprParser {
    let asm: Assembly
    let t: [UInt8]
    let limit: Int
    let opts: Assembly.EvalOptions
    var pos = 0
    var depth = 0
    var undefined = false
    var undefinedName: String? = nil
    var error: (number: Int, offset: Int, detail: String?)? = nil

    init(asm: Assembly, t: [UInt8], limit: Int, opts: Assembly.EvalOptions) {
        self.asm = asm
        self.t = t
        self.limit = min(limit, t.count)
        self.opts = opts
    }

    func peek() -> UInt8 { pos < limit ? t[pos] : 0 }

    mutating func fail(_ n: Int, _ at: Int, _ detail: String? = nil) {
        if error == nil { error = (n, at, detail) }
    }

    mutating func sum(_ lengthAttr: inout Int?) -> Value {
        var v = product(&lengthAttr)
        while error == nil {
            let c = peek()
            guard c == Lexer.plus || c == Lexer.minus else { break }
            pos += 1
            var ignored: Int? = nil
            let w = product(&ignored)
            v = c == Lexer.plus ? v + w : v - w
        }
        return v
    }

    mutating func product(_ lengthAttr: inout Int?) -> Value {
        var v = unary(&lengthAttr)
        while error == nil {
            let c = peek()
            guard c == Lexer.star || c == Lexer.slash else { break }
            let at = pos
            pos += 1
            var ignored: Int? = nil
            let w = unary(&ignored)
            guard v.isAbsolute && w.isAbsolute else {
                fail(32, at)
                return v
            }
            if c == Lexer.star {
                v = Value(Int64(Int32(truncatingIfNeeded: v.constant &* w.constant)))
            } else {
                v = Value(w.constant == 0 ? 0 : v.constant.dividedReportingOverflow(by: w.constant).partialValue)
            }
        }
        return v
    }

    mutating func unary(_ lengthAttr: inout Int?) -> Value {
        let c = peek()
        if c == Lexer.plus || c == Lexer.minus {
            pos += 1
            depth += 1
            defer { depth -= 1 }
            if depth > 255 { fail(74, pos); return Value(0) }
            let v = unary(&lengthAttr)
            return c == Lexer.minus ? -v : v
        }
        return primary(&lengthAttr)
    }

    mutating func primary(_ lengthAttr: inout Int?) -> Value {
        guard pos < limit else {
            fail(pos == 0 ? 41 : 74, pos)
            return Value(0)
        }
        let c = t[pos]
        let start = pos
        if c == Lexer.lparen {
            depth += 1
            defer { depth -= 1 }
            if depth > 255 { fail(74, pos); return Value(0) }
            pos += 1
            let v = sum(&lengthAttr)
            guard peek() == Lexer.rparen else {
                fail(error == nil ? 179 : 74, pos)
                return v
            }
            pos += 1
            return v
        }
        if c == Lexer.star {
            pos += 1
            lengthAttr = opts.starLength ?? starLength()
            if let l = opts.location { return l }
            return currentLocation()
        }
        if c == Lexer.equal {
            fail(30, pos)
            pos = limit
            return Value(0)
        }
        // Attribute reference: L'X, I'X, S'X.
        if pos + 2 < limit, t[pos + 1] == Lexer.quote,
           Lexer.isAttributeQuote(previous: c, beforePrevious: pos > 0 ? t[pos - 1] : Lexer.blank, next: t[pos + 2]) {
            return attribute(&lengthAttr)
        }
        switch SelfDefiningTerm.read(t, at: pos) {
        case .value(let v, let end):
            pos = end
            lengthAttr = 1
            if end > limit { fail(148, start) }
            return Value(v)
        case .error(let n, let at):
            fail(n, at)
            pos = limit
            return Value(0)
        case .notATerm:
            break
        }
        if Lexer.isSymbolStart(c) {
            let end = min(Lexer.symbolEnd(t, pos), limit)
            let name = Lexer.upperString(t[pos..<end])
            pos = end
            if end - start > 63 { fail(147, start); return Value(0) }
            if let i = asm.symbolIndex[name], asm.symbols[Int(i)].defined {
                asm.noteReference(i)
                let s = asm.symbols[Int(i)]
                lengthAttr = s.length
                return s.value
            }
            if let i = asm.symbolIndex[name] { asm.noteReference(i) }
            undefined = true
            if undefinedName == nil { undefinedName = name }
            if asm.pass == 2 { fail(44, start, name) }
            return Value(0)
        }
        fail(41, pos)
        return Value(0)
    }

    mutating func attribute(_ lengthAttr: inout Int?) -> Value {
        let kind = Lexer.upper(t[pos])
        let at = pos
        pos += 2
        lengthAttr = 1
        if pos < limit && t[pos] == Lexer.star {
            pos += 1
            switch kind {
            case UInt8(ascii: "L"): return Value(Int64(opts.starLength ?? starLength()))
            default: return Value(0)
            }
        }
        if pos < limit && t[pos] == Lexer.equal {
            // L'=literal: the literal's length.
            let lit = asm.literalExtent(t, from: pos, limit: limit)
            pos = lit.end
            if kind == UInt8(ascii: "L"), let l = lit.length { return Value(Int64(l)) }
            return Value(1)
        }
        let end = min(Lexer.symbolEnd(t, pos), limit)
        guard end > pos else { fail(130, at); return Value(0) }
        let name = Lexer.upperString(t[pos..<end])
        pos = end
        guard let i = asm.symbolIndex[name], asm.symbols[Int(i)].defined else {
            undefined = true
            if undefinedName == nil { undefinedName = name }
            if asm.pass == 2 { fail(44, at + 2, name) }
            return Value(1)
        }
        asm.noteReference(i)
        let s = asm.symbols[Int(i)]
        switch kind {
        case UInt8(ascii: "L"): return Value(Int64(s.length))
        case UInt8(ascii: "I"): return Value(Int64(s.integer))
        case UInt8(ascii: "S"): return Value(Int64(s.scale))
        default:
            fail(130, at)
            return Value(0)
        }
    }

    func currentLocation() -> Value {
        guard asm.cur >= 0 else { return Value(0) }
        let st = asm.statements[asm.cur]
        let s = st.section >= 0 ? st.section : asm.ensureSection()
        return Value(Int64(st.location), section: s)
    }

    func starLength() -> Int {
        guard asm.cur >= 0 else { return 1 }
        if case .machine(let e) = asm.statements[asm.cur].kind { return e.info.length }
        return 1
    }
}
