// Data attributes in conditional assembly (HLASM Language Reference, "Data
// attributes"): type T', length L', scale S', integer I', defined D' and
// operation code O'. A symbol not yet defined is looked up ahead in open code
// (HLASM's lookahead): its definition statement gives its type and length.
//
// Type of a macro operand's value: O omitted, N self-defining term, the
// symbol's type for a symbol, U otherwise (HLASM Language Reference, "Type
// attribute (T')").

extension Assembly {
    /// The attributes of an ordinary symbol: defined so far, or found by lookahead.
    func symbolAttributes(_ name: String) -> (type: UInt8, length: Int, scale: Int, integer: Int, defined: Bool) {
        if let s = definedSymbol(name) {
            return (s.type, s.length, s.scale, s.integer, true)
        }
        if let a = lookaheadTable()[name] { return (a.type, a.length, 0, 0, false) }
        return (UInt8(ascii: "U"), 1, 0, 0, false)
    }

    /// T' of a macro operand's value.
    func typeAttribute(ofValue v: [UInt8]) -> UInt8 {
        if v.isEmpty { return UInt8(ascii: "O") }
        if case .value(_, let end) = SelfDefiningTerm.read(v, at: 0), end == v.count { return UInt8(ascii: "N") }
        if Lexer.symbolEnd(v, 0) == v.count && v.count <= 63 {
            return symbolAttributes(Lexer.upperString(v)).type
        }
        return UInt8(ascii: "U")
    }

    /// L' I' S' D' of a macro operand's value (a symbol's, or 1 / 0 for anything else).
    func numericAttribute(_ kind: UInt8, ofValue v: [UInt8]) -> Int {
        if !v.isEmpty && Lexer.symbolEnd(v, 0) == v.count && v.count <= 63 {
            return numericAttribute(kind, ofSymbol: Lexer.upperString(v))
        }
        return kind == UInt8(ascii: "L") ? 1 : 0
    }

    /// L' I' S' D' of a symbol.
    func numericAttribute(_ kind: UInt8, ofSymbol name: String) -> Int {
        let a = symbolAttributes(name)
        switch kind {
        case UInt8(ascii: "L"): return a.length
        case UInt8(ascii: "I"): return a.integer
        case UInt8(ascii: "S"): return a.scale
        case UInt8(ascii: "D"): return a.defined ? 1 : 0
        default: return 0
        }
    }

    /// O' of an operation code: A assembler, E extended mnemonic, M macro defined in the
    /// source, S macro found in a library, O machine instruction, U undefined.
    func opcodeAttribute(_ name: String) -> UInt8 {
        if let syn = opsyn[name], syn.isEmpty { return UInt8(ascii: "U") }
        if macro.definitions[name] != nil { return UInt8(ascii: "M") }
        if let e = Mnemonics.table[name] { return e.mask == nil ? UInt8(ascii: "O") : UInt8(ascii: "E") }
        if Mnemonics.directives[name] != nil || Mnemonics.macroOperations[name] != nil { return UInt8(ascii: "A") }
        if findMember(name, extensions: ["mac"]) != nil { return UInt8(ascii: "S") }
        return UInt8(ascii: "U")
    }

    /// Name-field definitions in open code, with the type and length their statements give.
    func lookaheadTable() -> [String: (type: UInt8, length: Int)] {
        if let t = macro.lookahead { return t }
        var table: [String: (type: UInt8, length: Int)] = [:]
        guard let stream = macro.openCode else { return table }
        var i = 0
        var depth = 0
        var joiner = StatementJoiner()
        let saveCur = cur
        while i < stream.records.count {
            let (ss, next) = joiner.statement(in: stream.records, at: i, format: stream.format)
            i = next
            let f = Fields.split(ss.text)
            guard let opr = f.operation, !f.isComment, !f.isMacroComment else { continue }
            let op = Lexer.upperString(ss.text[opr])
            if op == "MACRO" { depth += 1; continue }
            if op == "MEND" { depth = max(0, depth - 1); continue }
            if depth > 0 { continue }
            if op == "END" { break }
            if op == "EXTRN" || op == "WXTRN" {
                for r in Fields.operands(ss.text, f.operands) where !r.isEmpty {
                    let n = Lexer.upperString(ss.text[r])
                    if table[n] == nil { table[n] = (UInt8(ascii: op == "EXTRN" ? "T" : "$"), 1) }
                }
                continue
            }
            guard let nr = f.name, ss.text[nr.lowerBound] != Lexer.period, ss.text[nr.lowerBound] != Lexer.amp,
                  Lexer.symbolEnd(ss.text, nr.lowerBound) == nr.upperBound else { continue }
            let name = Lexer.upperString(ss.text[nr])
            if table[name] != nil { continue }
            table[name] = lookaheadAttributes(op, ss.text, f)
        }
        cur = saveCur
        macro.lookahead = table
        return table
    }

    private func lookaheadAttributes(_ op: String, _ t: [UInt8], _ f: Fields) -> (type: UInt8, length: Int) {
        switch operation(op, searchLibrary: false) {
        case .machine(let e):
            return (UInt8(ascii: "I"), e.info.length)
        case .directive(let d):
            switch d {
            case .DC, .DS:
                guard let r = Fields.operands(t, f.operands).first, !r.isEmpty,
                      let c = parseConstant(t, r, requireValue: false, report: false) else { return (UInt8(ascii: "U"), 1) }
                return (typeAttribute(c), c.lengthAttribute)
            case .CSECT, .DSECT, .START, .COM: return (UInt8(ascii: "J"), 1)
            case .CCW: return (UInt8(ascii: "W"), 8)
            case .EQU:
                let ops = Fields.operands(t, f.operands)
                var length = 1
                var type = UInt8(ascii: "U")
                if ops.count > 1, case .value(let v, let e) = SelfDefiningTerm.read(t, at: ops[1].lowerBound),
                   e == ops[1].upperBound { length = Int(v) }
                if ops.count > 2, case .value(let v, let e) = SelfDefiningTerm.read(t, at: ops[2].lowerBound),
                   e == ops[2].upperBound, v >= 0, v <= 255 { type = EBCDICText.toLatin1(UInt8(v)) }
                return (type, length)
            default:
                return (UInt8(ascii: "U"), 1)
            }
        case .macro:
            return (UInt8(ascii: "M"), 1)
        default:
            if macro.definitions[op] != nil || findMember(op, extensions: ["mac"]) != nil { return (UInt8(ascii: "M"), 1) }
            return (UInt8(ascii: "U"), 1)
        }
    }
}
