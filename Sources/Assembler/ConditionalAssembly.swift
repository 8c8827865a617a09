// Conditional-assembly instructions (HLASM Language Reference, "How to write
// conditional assembly instructions"): LCLx and GBLx declare SET symbols,
// SETx assign them, AIF and AGO branch to sequence symbols (counted by ACTR),
// ANOP marks a place, MNOTE issues a message, MEXIT ends an expansion, AREAD
// reads the next source record into a SETC symbol.
//
// ACTR: each branch taken uses one count (4096 to begin with); when none are
// left a macro expansion ends with ASMA013S, and in open code branches stop
// being taken, so that any loop ends.

import Foundation

extension Assembly {
    func executeConditional(_ op: MacroOperation, _ ctx: CondContext) {
        switch op {
        case .SETA, .SETB, .SETC: executeSet(op, ctx)
        case .LCLA, .LCLB, .LCLC, .GBLA, .GBLB, .GBLC: declare(op, ctx)
        case .AIF: executeAIF(ctx)
        case .AGO: executeAGO(ctx)
        case .ANOP: break
        case .ACTR:
            var p = CondParser(asm: self, ctx: ctx, limit: ctx.fields.operands.upperBound)
            p.pos = ctx.fields.operands.lowerBound
            let v = p.arith()
            if let e = p.error { condError(ctx, e) } else { ctx.frame.actr = Int(v) }
        case .MNOTE: executeMNOTE(ctx)
        case .MEXIT:
            if ctx.frame.definition != nil, let i = macro.frames.lastIndex(where: { $0 === ctx.frame }) {
                macro.frames.removeSubrange(i...)
            }
        case .AREAD: executeAREAD(ctx)
        case .MEND where ctx.frame.definition != nil:
            endExpansion(ctx.frame)
        case .MACRO, .MEND:
            macroMessage(51, at: ctx.source.location(ofOffset: ctx.fields.operation?.lowerBound ?? 0))
        }
    }

    func condError(_ ctx: CondContext, _ e: (number: Int, offset: Int, detail: String?)) {
        macroMessage(e.number, at: ctx.source.location(ofOffset: e.offset), e.detail)
    }

    // MARK: Declarations and SET

    /// LCLA/LCLB/LCLC/GBLA/GBLB/GBLC &A,&B(10),...
    func declare(_ op: MacroOperation, _ ctx: CondContext) {
        let kind: SetVariable.Kind = [.LCLA, .GBLA].contains(op) ? .a : ([.LCLB, .GBLB].contains(op) ? .b : .c)
        let global = [.GBLA, .GBLB, .GBLC].contains(op)
        let frame = ctx.frame
        for r in Fields.operands(ctx.text, ctx.fields.operands) where !r.isEmpty {
            guard let (name, dimensioned) = setSymbolName(ctx, r) else { continue }
            if frame.parameters[name] != nil { macroMessage(8, at: ctx.source.location(ofOffset: r.lowerBound), "&" + name); continue }
            if name.hasPrefix("SYS") { macroMessage(9, at: ctx.source.location(ofOffset: r.lowerBound), "&" + name); continue }
            if global {
                if let g = macro.globals[name] {
                    if g.kind != kind || g.dimensioned != dimensioned {
                        macroMessage(108, at: ctx.source.location(ofOffset: r.lowerBound), "&" + name)
                        continue
                    }
                    frame.globals[name] = g
                } else {
                    let g = SetVariable(kind: kind, dimensioned: dimensioned)
                    macro.globals[name] = g
                    frame.globals[name] = g
                }
                if frame.locals[name] != nil { macroMessage(20, at: ctx.source.location(ofOffset: r.lowerBound), "&" + name) }
            } else {
                if frame.globals[name] != nil { macroMessage(20, at: ctx.source.location(ofOffset: r.lowerBound), "&" + name); continue }
                if let l = frame.locals[name], l.kind == kind, l.dimensioned == dimensioned { continue }
                frame.locals[name] = SetVariable(kind: kind, dimensioned: dimensioned)
            }
        }
    }

    /// The name of a SET symbol in a declaration or a SET name field, and whether it has a index.
    func setSymbolName(_ ctx: CondContext, _ r: Range<Int>) -> (String, Bool)? {
        let t = ctx.text
        guard t[r.lowerBound] == Lexer.amp else { macroMessage(116, at: ctx.source.location(ofOffset: r.lowerBound)); return nil }
        var name: String
        var end: Int
        if r.lowerBound + 1 < r.upperBound && t[r.lowerBound + 1] == Lexer.lparen {
            guard let close = matchingParen(t, r.lowerBound + 1, r.upperBound) else {
                macroMessage(129, at: ctx.source.location(ofOffset: r.lowerBound)); return nil
            }
            var p = CondParser(asm: self, ctx: ctx, limit: close)
            var sym = p.substitute((r.lowerBound + 2)..<close)
            if let e = p.error { condError(ctx, e); return nil }
            if sym.first == Lexer.amp { sym.removeFirst() }
            guard !sym.isEmpty else { macroMessage(82, at: ctx.source.location(ofOffset: r.lowerBound)); return nil }
            guard Lexer.symbolEnd(sym, 0) == sym.count else {
                macroMessage(83, at: ctx.source.location(ofOffset: r.lowerBound), Lexer.string(sym)); return nil
            }
            name = Lexer.upperString(sym)
            end = close + 1
        } else {
            end = Lexer.symbolEnd(t, r.lowerBound + 1)
            guard end > r.lowerBound + 1, end - r.lowerBound <= 63 else {
                macroMessage(116, at: ctx.source.location(ofOffset: r.lowerBound)); return nil
            }
            name = Lexer.upperString(t[(r.lowerBound + 1)..<end])
        }
        return (name, end < r.upperBound && t[end] == Lexer.lparen)
    }

    /// SETA, SETB, SETC: &X[(index)] SETx value[,value...].
    func executeSet(_ op: MacroOperation, _ ctx: CondContext) {
        let t = ctx.text
        let kind: SetVariable.Kind = op == .SETA ? .a : (op == .SETB ? .b : .c)
        guard let nr = ctx.fields.name else { macroMessage(21, at: ctx.source.location(ofOffset: 0)); return }
        guard let (name, subscripted) = setSymbolName(ctx, nr) else { return }
        let frame = ctx.frame
        if frame.parameters[name] != nil || name.hasPrefix("SYS") {
            macroMessage(name.hasPrefix("SYS") ? 9 : 116, at: ctx.source.location(ofOffset: nr.lowerBound), "&" + name)
            return
        }
        var index: Int? = nil
        if subscripted {
            let open = t[nr].firstIndex(of: Lexer.lparen, after: nr.lowerBound + 1) ?? nr.upperBound
            guard let close = matchingParen(t, open, nr.upperBound) else {
                macroMessage(129, at: ctx.source.location(ofOffset: open)); return
            }
            var p = CondParser(asm: self, ctx: ctx, limit: close)
            p.pos = open + 1
            let s = Int(p.arith())
            if let e = p.error { condError(ctx, e); return }
            if s < 1 { macroMessage(100, at: ctx.source.location(ofOffset: open)); index = 1 } else { index = s }
        }
        // The target: declared, or implicitly local.
        var variable = frame.locals[name] ?? frame.globals[name]
        if variable == nil {
            let v = SetVariable(kind: kind, dimensioned: subscripted)
            frame.locals[name] = v
            variable = v
        }
        guard let target = variable else { return }
        if target.kind != kind { macroMessage(106, at: ctx.source.location(ofOffset: nr.lowerBound), "&" + name); return }
        if target.dimensioned != subscripted {
            macroMessage(117, at: ctx.source.location(ofOffset: nr.lowerBound), "&" + name)
            if target.dimensioned { index = 1 } else { index = nil }
        }
        let ops = Fields.operands(t, ctx.fields.operands)
        if ops.isEmpty { macroMessage(40, at: ctx.source.location(ofOffset: ctx.fields.operands.lowerBound)); return }
        if ops.count > 1 && !target.dimensioned { macroMessage(21, at: ctx.source.location(ofOffset: ops[1].lowerBound)) }
        for (k, r) in ops.enumerated() {
            if r.isEmpty { continue }   // an omitted value leaves the element as it is
            var p = CondParser(asm: self, ctx: ctx, limit: r.upperBound)
            p.pos = r.lowerBound
            let value: SetValue
            switch kind {
            case .a: value = .a(p.arith())
            case .b: value = .b(p.logical())
            case .c:
                if p.startsCharacter() { value = .c(p.character()) } else {
                    p.fail(137, r.lowerBound)
                    value = .c([])
                }
            }
            p.skip()
            if p.error == nil && p.pos < r.upperBound { p.fail(kind == .c ? 137 : (kind == .b ? 132 : 89), p.pos) }
            if let e = p.error { condError(ctx, e); continue }
            let sub = index.map { $0 + k }
            target.set(target.dimensioned ? (sub ?? 1) : nil, value)
        }
    }

    // MARK: Branches

    /// AIF (condition).SEQ[,(condition).SEQ...]
    func executeAIF(_ ctx: CondContext) {
        let t = ctx.text
        var i = ctx.fields.operands.lowerBound
        let end = ctx.fields.operands.upperBound
        while i < end {
            guard t[i] == Lexer.lparen, let close = matchingParen(t, i, end) else {
                macroMessage(111, at: ctx.source.location(ofOffset: i)); return
            }
            var p = CondParser(asm: self, ctx: ctx, limit: close)
            p.pos = i + 1
            let v = p.logical()
            p.skip()
            if p.error == nil && p.pos != close { p.fail(111, p.pos) }
            if let e = p.error { condError(ctx, e); return }
            var j = close + 1
            guard j < end, t[j] == Lexer.period else { macroMessage(112, at: ctx.source.location(ofOffset: j)); return }
            let se = Lexer.symbolEnd(t, j + 1)
            guard se > j + 1 else { macroMessage(112, at: ctx.source.location(ofOffset: j)); return }
            let seq = Lexer.upperString(t[j..<se])
            if v {
                branch(to: seq, ctx, at: j)
                return
            }
            j = se
            if j < end && t[j] == Lexer.comma { j += 1 } else if j < end {
                macroMessage(111, at: ctx.source.location(ofOffset: j)); return
            }
            i = j
        }
    }

    /// AGO .SEQ, or AGO (expression).S1,.S2,... (a computed AGO).
    func executeAGO(_ ctx: CondContext) {
        let t = ctx.text
        let r = ctx.fields.operands
        guard !r.isEmpty else { macroMessage(40, at: ctx.source.location(ofOffset: r.lowerBound)); return }
        if t[r.lowerBound] == Lexer.lparen {
            guard let close = matchingParen(t, r.lowerBound, r.upperBound) else {
                macroMessage(129, at: ctx.source.location(ofOffset: r.lowerBound)); return
            }
            var p = CondParser(asm: self, ctx: ctx, limit: close)
            p.pos = r.lowerBound + 1
            let k = Int(p.arith())
            if let e = p.error { condError(ctx, e); return }
            let targets = Fields.operands(t, (close + 1)..<r.upperBound)
            // Out of range: no branch.
            guard k >= 1 && k <= targets.count else { return }
            let target = targets[k - 1]
            guard !target.isEmpty, t[target.lowerBound] == Lexer.period else {
                macroMessage(112, at: ctx.source.location(ofOffset: target.lowerBound)); return
            }
            branch(to: Lexer.upperString(t[target]), ctx, at: target.lowerBound)
            return
        }
        guard t[r.lowerBound] == Lexer.period, Lexer.symbolEnd(t, r.lowerBound + 1) == r.upperBound else {
            macroMessage(112, at: ctx.source.location(ofOffset: r.lowerBound)); return
        }
        branch(to: Lexer.upperString(t[r]), ctx, at: r.lowerBound)
    }

    /// Takes a branch to a sequence symbol, counting it against ACTR.
    func branch(to seq: String, _ ctx: CondContext, at offset: Int) {
        let frame = ctx.frame
        if let def = frame.definition {
            guard let target = def.sequence[seq] else {
                macroMessage(12, at: ctx.source.location(ofOffset: offset), seq)
                endExpansion(frame)
                return
            }
            frame.actr -= 1
            if frame.actr < 0 {
                macroMessage(13, at: ctx.source.location(ofOffset: offset), "in macro \(def.name)")
                endExpansion(frame)
                return
            }
            frame.pc = target
            return
        }
        // Open code.
        if macro.openBranchesOff { return }
        frame.actr -= 1
        if frame.actr < 0 {
            macroMessage(13, at: ctx.source.location(ofOffset: offset), "in open code; branches no longer taken")
            macro.openBranchesOff = true
            return
        }
        guard let stream = macro.openCode else { return }
        if let target = macro.openSequence[seq] {
            stream.pos = target
            return
        }
        // Forward: look for the sequence symbol ahead, over macro definitions.
        var i = stream.pos
        var depth = 0
        var joiner = StatementJoiner()
        while i < stream.records.count {
            let start = i
            let (ss, next) = joiner.statement(in: stream.records, at: i, format: stream.format)
            i = next
            let f = Fields.split(ss.text)
            let op = f.operation.map { Lexer.upperString(ss.text[$0]) } ?? ""
            if op == "MACRO" { depth += 1; continue }
            if op == "MEND" { depth = max(0, depth - 1); continue }
            if depth > 0 { continue }
            if let nr = f.name, ss.text[nr.lowerBound] == Lexer.period, Lexer.upperString(ss.text[nr]) == seq {
                stream.pos = start
                return
            }
        }
        macroMessage(12, at: ctx.source.location(ofOffset: offset), seq)
    }

    /// Ends the expansion of `frame` (and of any macros it called).
    func endExpansion(_ frame: MacroFrame) {
        if let i = macro.frames.lastIndex(where: { $0 === frame }), i > 0 {
            macro.frames.removeSubrange(i...)
        }
    }

    // MARK: MNOTE and AREAD

    /// MNOTE [severity|*,]'message'.
    func executeMNOTE(_ ctx: CondContext) {
        var text = substituteStatement(ctx)
        var f = Fields.split(text)
        if let nr = f.name, text[nr.lowerBound] == Lexer.period {
            for i in nr { text[i] = Lexer.blank }
            f = Fields.split(text)
        }
        var origin = StatementOrigin(file: ctx.source.file, line: ctx.source.line, lineCount: 1, pieces: [],
                                     generated: ctx.frame.definition != nil)
        if ctx.frame.definition == nil { origin.pieces = ctx.source.pieces }
        origin.callFile = ctx.frame.callFile
        origin.callLine = ctx.frame.callLine
        origin.macroName = ctx.frame.definition?.name
        let i = emitStatement(text, origin: origin, kind: .mnote, opcode: "MNOTE")
        let ops = f.operands
        // MNOTE severity,'text' | *,'text' (a comment) | ,'text' (severity 1) | 'text' (severity 0).
        var severity: Int? = 0
        var j = ops.lowerBound
        if j < ops.upperBound && text[j] != Lexer.quote {
            let comma = text[j..<ops.upperBound].firstIndex(of: Lexer.comma) ?? ops.upperBound
            let sev = Lexer.string(text[j..<comma])
            if sev == "*" {
                severity = nil
            } else if sev.isEmpty {
                severity = 1
            } else if let v = Int(sev), v >= 0, v <= 255 {
                severity = v
            } else {
                error(47, at: j, sev)
                return
            }
            j = min(comma + 1, ops.upperBound)
        }
        guard j < ops.upperBound, text[j] == Lexer.quote, let e = Lexer.stringEnd(text, from: j) else {
            error(63, at: j)
            return
        }
        let message = Lexer.string(Lexer.unquote(text[(j + 1)..<(e - 1)]))
        guard let sev = severity else { return }
        macro.highestMnote = max(macro.highestMnote, sev)
        let st = statements[i]
        let loc = location(of: st, offset: 0)
        var suffix = ""
        if st.origin.generated, let m = st.origin.macroName, st.origin.callFile >= 0 {
            suffix = " (in macro \(m) called at \(fileName(st.origin.callFile)):\(st.origin.callLine))"
        }
        let d = report(254, at: loc, suffix: suffix, statement: st.number, severity: sev, text: message)
        statements[i].messages.append(Int32(d))
    }

    /// &C AREAD [NOSTMT|NOPRINT|CLOCKB|CLOCKD]: the next open-code record into &C.
    func executeAREAD(_ ctx: CondContext) {
        guard ctx.frame.definition != nil else {
            macroMessage(51, at: ctx.source.location(ofOffset: ctx.fields.operation?.lowerBound ?? 0)); return
        }
        guard let nr = ctx.fields.name, let (name, subscripted) = setSymbolName(ctx, nr) else {
            macroMessage(21, at: ctx.source.location(ofOffset: 0)); return
        }
        let option = Lexer.upperString(ctx.text[ctx.fields.operands])
        var value: [UInt8]
        switch option {
        case "CLOCKB", "CLOCKD":
            let cal = Calendar(identifier: .gregorian)
            let d = cal.dateComponents(in: TimeZone.current, from: Date())
            let hundredths = ((d.hour ?? 0) * 3600 + (d.minute ?? 0) * 60 + (d.second ?? 0)) * 100 + (d.nanosecond ?? 0) / 10_000_000
            var s: String
            if option == "CLOCKB" {
                s = String(hundredths)
            } else {
                func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
                s = two(d.hour ?? 0) + two(d.minute ?? 0) + two(d.second ?? 0) + two(hundredths % 100)
            }
            s = String(repeating: "0", count: max(0, 8 - s.count)) + s
            value = Array(s.utf8)
        default:
            value = []
            if let stream = macro.openCode, !stream.atEnd {
                value = stream.records[stream.pos].text
                stream.pos += 1
                if value.count < 80 { value += [UInt8](repeating: Lexer.blank, count: 80 - value.count) }
            }
        }
        let frame = ctx.frame
        let v = frame.locals[name] ?? frame.globals[name] ?? {
            let n = SetVariable(kind: .c, dimensioned: subscripted)
            frame.locals[name] = n
            return n
        }()
        guard v.kind == .c else { macroMessage(106, at: ctx.source.location(ofOffset: nr.lowerBound), "&" + name); return }
        v.set(v.dimensioned ? 1 : nil, .c(value))
    }
}

extension ArraySlice where Element == UInt8 {
    func firstIndex(of c: UInt8, after i: Int) -> Int? {
        var j = i
        while j < endIndex { if self[j] == c { return j }; j += 1 }
        return nil
    }
}
