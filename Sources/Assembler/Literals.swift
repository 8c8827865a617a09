// Literals (HLASM Language Reference, "Literals", "LTORG instruction"): a
// constant written as an operand (=F'1', =A(X), =C'..'), assembled into the
// literal pool that the next LTORG (or END) places. Identical literals share
// one entry in a pool, except those that refer to the location counter, which
// differ with each statement. The pool starts on a doubleword boundary and
// holds the literals whose lengths are multiples of 8 first, then of 4, of 2,
// and the rest, so that each is aligned as its type wants.

/// One literal of a pool.
struct Literal {
    /// The literal's text without the equal sign.
    var text: [UInt8]
    /// Its DC operand, parsed against `text`.
    var operand: ConstantOperand
    /// Its place, once the pool is placed.
    var section: Int32 = -1
    var location = 0
    /// The value of `*` in it (literals that refer to the location counter).
    var star: Value? = nil
}

/// A literal pool: the literals since the last LTORG.
struct LiteralPool {
    var literals: [Literal] = []
    var byKey: [String: Int] = [:]
    /// The literals in the order they were placed.
    var order: [Int] = []
    /// The statement (index) whose LTORG or END placed the pool; -1 until placed.
    var placedBy = -1
}

extension Assembly {
    /// The end of the literal that starts at `i` (the equal sign), and its length when known.
    func literalExtent(_ t: [UInt8], from i: Int, limit: Int) -> (end: Int, length: Int?) {
        var j = i + 1
        let lim = min(limit, t.count)
        func skipParen() { if let c = matchingParen(t, j, lim) { j = c + 1 } else { j = lim } }
        if j < lim && Lexer.isDigit(t[j]) {
            while j < lim && Lexer.isDigit(t[j]) { j += 1 }
        } else if j < lim && t[j] == Lexer.lparen {
            skipParen()
        }
        if j < lim { j += 1 }   // the type
        while j + 1 < lim {
            let c = Lexer.upper(t[j])
            let n = t[j + 1]
            guard c == UInt8(ascii: "L") || c == UInt8(ascii: "S") || c == UInt8(ascii: "E"),
                  Lexer.isDigit(n) || n == Lexer.lparen || n == Lexer.plus || n == Lexer.minus else { break }
            j += 1
            if t[j] == Lexer.lparen { skipParen(); continue }
            if t[j] == Lexer.plus || t[j] == Lexer.minus { j += 1 }
            while j < lim && Lexer.isDigit(t[j]) { j += 1 }
        }
        if j < lim && t[j] == Lexer.quote {
            j = min(Lexer.stringEnd(t, from: j) ?? lim, lim)
        } else if j < lim && t[j] == Lexer.lparen {
            skipParen()
        }
        let key = literalKey(t, i + 1, j)
        if let k = pools[Int(currentPoolForLookup)].byKey[key] {
            return (j, pools[Int(currentPoolForLookup)].literals[k].operand.lengthAttribute)
        }
        return (j, nil)
    }

    private var currentPoolForLookup: Int32 { cur >= 0 && pass == 2 ? statements[cur].pool : currentPool }

    /// The key of a literal: its text, made unique per statement when it refers to `*`.
    private func literalKey(_ t: [UInt8], _ from: Int, _ to: Int) -> String {
        let text = t[from..<to]
        var key = Lexer.string(text)
        if refersToLocation(text) { key += "@\(cur)" }
        return key
    }

    /// Whether a literal's text uses `*` (outside quotes) as the location counter.
    private func refersToLocation(_ text: ArraySlice<UInt8>) -> Bool {
        var inQuote = false
        for c in text {
            if c == Lexer.quote { inQuote.toggle() }
            if c == Lexer.star && !inQuote { return true }
        }
        return false
    }

    /// Pass 1: enters the literal operand `r` (starting with `=`) into the current pool.
    func registerLiteral(_ t: [UInt8], _ r: Range<Int>) {
        let ext = literalExtent(t, from: r.lowerBound, limit: r.upperBound)
        guard ext.end > r.lowerBound + 1 else { error(30, at: r.lowerBound); return }
        if ext.end - r.lowerBound > 256 { error(149, at: r.lowerBound); return }
        let key = literalKey(t, r.lowerBound + 1, ext.end)
        if pools[Int(currentPool)].byKey[key] != nil { return }
        guard var op = parseConstant(t, (r.lowerBound + 1)..<ext.end, requireValue: true) else { return }
        guard op.duplication > 0 else { error(30, at: r.lowerBound); return }
        if op.type == UInt8(ascii: "V") {
            for v in op.values { _ = externalReference(t, v, weak: false) }
        }
        // Keep the ranges relative to the literal's own text.
        let base = r.lowerBound + 1
        op.values = op.values.map { ($0.lowerBound - base)..<($0.upperBound - base) }
        op.start = 0
        var lit = Literal(text: Array(t[base..<ext.end]), operand: op)
        if refersToLocation(t[base..<ext.end]) { lit.star = locationValue() }
        pools[Int(currentPool)].literals.append(lit)
        pools[Int(currentPool)].byKey[key] = pools[Int(currentPool)].literals.count - 1
    }

    /// Pass 2: the address and length attribute of the literal operand starting at `r`.
    func literalReference(_ t: [UInt8], _ r: Range<Int>) -> (value: Value, length: Int, end: Int)? {
        let ext = literalExtent(t, from: r.lowerBound, limit: r.upperBound)
        let key = literalKey(t, r.lowerBound + 1, ext.end)
        let pool = pools[Int(statements[cur].pool)]
        guard let k = pool.byKey[key] else { error(30, at: r.lowerBound); return nil }
        let lit = pool.literals[k]
        guard lit.section >= 0 else { error(30, at: r.lowerBound); return nil }
        return (Value(Int64(lit.location), section: lit.section), lit.operand.lengthAttribute, ext.end)
    }

    /// Pass 1 of LTORG and END: places the current pool at the location counter.
    func placePool() {
        var pool = pools[Int(currentPool)]
        statements[cur].pool = currentPool
        defer {
            pools.append(LiteralPool())
            currentPool += 1
        }
        guard !pool.literals.isEmpty else { return }
        let pad = align(8)
        statements[cur].pad = pad
        let s = current
        statements[cur].section = s
        statements[cur].location = sections[Int(s)].location
        let start = sections[Int(s)].location
        var placed = [Bool](repeating: false, count: pool.literals.count)
        for group in [8, 4, 2, 1] {
            for (k, lit) in pool.literals.enumerated() where !placed[k] {
                let len = lit.operand.totalLength
                let fits = group == 1 || (len % group == 0 && len > 0)
                guard fits else { continue }
                pool.literals[k].section = s
                pool.literals[k].location = sections[Int(s)].location
                pool.order.append(k)
                placed[k] = true
                advance(len)
            }
        }
        pool.placedBy = cur
        statements[cur].length = sections[Int(s)].location - start
        pools[Int(currentPool)] = pool
    }

    /// Pass 2 of LTORG and END: the pool's constants.
    func generatePool() {
        let p = Int(statements[cur].pool)
        guard p < pools.count, pools[p].placedBy == cur else { return }
        let pool = pools[p]
        if statements[cur].pad > 0 {
            emit([UInt8](repeating: 0, count: statements[cur].pad), section: statements[cur].section,
                 at: statements[cur].location - statements[cur].pad, listed: false)
        }
        for k in pool.order {
            let lit = pool.literals[k]
            let bytes = encodeConstant(lit.text, lit.operand, section: lit.section, location: lit.location,
                                       star: lit.star, reportOffset: 0)
            emit(bytes, section: lit.section, at: lit.location, listed: true)
        }
    }
}
