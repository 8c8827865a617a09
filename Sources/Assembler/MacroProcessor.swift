// The macro processor's main loop: reads open code, expands macro calls
// (each model statement is substituted and either processed as a
// conditional-assembly instruction, expanded as an inner macro call, or
// handed to pass 1), and stops at END.

extension Assembly {
    /// Processes the main source file through to END.
    func runMacroProcessor(records: [SourceRecord]) {
        let stream = RecordStream(records: records)
        macro.openCode = stream
        let open = MacroFrame(definition: nil)
        macro.frames = [open]
        while !macro.stopped && !endSeen {
            guard let frame = macro.frames.last else { break }
            if !countStatement() { break }
            if frame.definition == nil {
                if stream.atEnd { break }
                let start = stream.pos
                let ss = readOpenStatement(stream)
                processOpenStatement(ss, start: start)
            } else {
                stepMacro(frame)
            }
        }
        if !endSeen && !macro.stopped {
            let last = Int32(files.first?.lines.count ?? 0)
            report(140, at: SourceLocation(file: 0, line: max(1, last), column: 1))
            if current >= 0 {
                // The literals still pending go where END would have put them.
                let ss = SourceStatement(text: Array("         END".utf8), file: 0, line: max(1, last), lineCount: 0, pieces: [])
                emitStatement(ss.text, origin: openOrigin(ss), kind: .directive(.END), opcode: "END", listed: false)
            }
        }
    }

    /// Counts one statement against the limit; false (and a message) when it is reached.
    func countStatement() -> Bool {
        macro.processed += 1
        if macro.processed > options.statementLimit {
            let loc = SourceLocation(file: 0, line: 1, column: 1)
            report(702, at: loc, "more than \(options.statementLimit) statements processed")
            macro.stopped = true
            return false
        }
        return true
    }

    /// Reads the next open-code statement, noting a sequence symbol in its name field.
    func readOpenStatement(_ stream: RecordStream) -> SourceStatement {
        let start = stream.pos
        let ss = readStatement(from: stream)
        if let f = ss.text.first, f == Lexer.period, ss.text.count > 1, ss.text[1] != Lexer.star {
            let end = Lexer.symbolEnd(ss.text, 1)
            let name = Lexer.upperString(ss.text[0..<end])
            if macro.openSequence[name] == nil { macro.openSequence[name] = start }
        }
        return ss
    }

    /// The origin of an open-code statement.
    func openOrigin(_ ss: SourceStatement) -> StatementOrigin {
        StatementOrigin(file: ss.file, line: ss.line, lineCount: ss.lineCount, pieces: ss.pieces, generated: false)
    }

    /// Adds a statement and runs pass 1 on it.
    @discardableResult
    func emitStatement(_ text: [UInt8], origin: StatementOrigin, kind: StatementKind, opcode: String,
                       listed: Bool = true, conditional: Bool = false) -> Int {
        let level = Int16(max(0, macro.frames.count - 1))
        var st = Statement(text: text, fields: Fields.split(text, conditional: conditional), origin: origin,
                           number: Int32(statements.count + 1), level: level)
        st.kind = kind
        st.opcode = opcode
        st.listed = listed && printState.on && (level == 0 || printState.gen)
        st.listData = printState.data
        st.messages = macro.pending
        macro.pending = []
        statements.append(st)
        cur = statements.count - 1
        pass1Statement()
        return cur
    }

    /// A diagnostic found by the macro processor, kept for the next statement's listing.
    func macroMessage(_ n: Int, at loc: SourceLocation, _ detail: String? = nil, severity: Int? = nil, text: String? = nil) {
        var suffix = ""
        if let f = macro.frames.last, let d = f.definition, f.callFile >= 0 {
            suffix = " (in macro \(d.name) called at \(fileName(f.callFile)):\(f.callLine))"
        }
        let i = report(n, at: loc, detail, suffix: suffix, severity: severity, text: text)
        macro.pending.append(Int32(i))
    }

    // MARK: Open code

    func processOpenStatement(_ ss: SourceStatement, start: Int) {
        let first = !macro.started
        macro.started = true
        let f = Fields.split(ss.text)
        if f.isComment || f.isMacroComment || f.operation == nil {
            if f.operation == nil && f.name != nil && !f.isComment && !f.isMacroComment {
                macroMessage(40, at: ss.location(ofOffset: 0))
            }
            emitStatement(ss.text, origin: openOrigin(ss), kind: .comment, opcode: "")
            return
        }
        let op = Lexer.upperString(ss.text[f.operation!])
        if op == "ICTL" {
            emitStatement(ss.text, origin: openOrigin(ss), kind: .directive(.ICTL), opcode: op)
            if first { setICTL(ss, f) } else { error(59, at: f.operation!.lowerBound) }
            return
        }
        if let m = Mnemonics.macroOperations[op], opsyn[op] == nil {
            let cond = isConditionalText(ss.text)
            emitStatement(ss.text, origin: openOrigin(ss), kind: .conditional, opcode: op, conditional: cond)
            let ctx = CondContext(source: ss, frame: macro.frames[0], fields: Fields.split(ss.text, conditional: cond))
            switch m {
            case .MACRO:
                if let def = readDefinition(from: macro.openCode!, listed: true) { macro.definitions[def.name] = def }
            case .MEND, .MEXIT:
                macroMessage(51, at: ss.location(ofOffset: f.operation!.lowerBound))
            default:
                executeConditional(m, ctx)
            }
            return
        }
        // Open code may use SET symbols: substitute when there is an ampersand before the remarks.
        var text = ss.text
        var origin = openOrigin(ss)
        if ss.text[0..<f.remarks].contains(Lexer.amp) {
            let ctx = CondContext(source: ss, frame: macro.frames[0], fields: f)
            text = substituteStatement(ctx)
            if text != ss.text { origin.pieces = [] }
        }
        dispatch(text, origin: origin, frame: macro.frames[0], source: ss)
    }

    /// ICTL begin[,end[,continue]] as the first statement.
    func setICTL(_ ss: SourceStatement, _ f: Fields) {
        let ops = Fields.operands(ss.text, f.operands)
        var fmt = ColumnFormat()
        var values: [Int] = []
        for r in ops {
            guard let v = Int(Lexer.string(ss.text[r])) else { macroMessage(59, at: ss.location(ofOffset: r.lowerBound)); return }
            values.append(v)
        }
        guard !values.isEmpty else { macroMessage(59, at: ss.location(ofOffset: f.operands.lowerBound)); return }
        fmt.begin = values[0]
        fmt.end = values.count > 1 ? values[1] : 71
        fmt.continue = values.count > 2 ? values[2] : 16
        // HLASM: begin 1-40, end 41-80 and at least begin+5, continue 2-40 and after begin.
        guard (1...40).contains(fmt.begin), (41...80).contains(fmt.end), fmt.end >= fmt.begin + 5,
              values.count < 3 || ((2...40).contains(fmt.continue) && fmt.continue > fmt.begin) else {
            macroMessage(59, at: ss.location(ofOffset: f.operands.lowerBound))
            return
        }
        if values.count < 3 && fmt.end == 80 { fmt.continue = 16 }
        macro.openCode?.format = fmt
    }

    /// Hands a (generated) statement to pass 1, or starts a macro expansion.
    func dispatch(_ text: [UInt8], origin: StatementOrigin, frame: MacroFrame, source: SourceStatement) {
        let f = Fields.split(text)
        if f.isComment || f.isMacroComment {
            emitStatement(text, origin: origin, kind: .comment, opcode: "")
            return
        }
        guard let opr = f.operation else {
            macroMessage(87, at: source.location(ofOffset: 0))
            emitStatement(text, origin: origin, kind: .invalid, opcode: "")
            return
        }
        let op = Lexer.upperString(text[opr])
        let inOpenCode = frame.definition == nil
        switch operation(op) {
        case .macro(let def):
            let i = emitStatement(text, origin: origin, kind: .macroCall, opcode: op)
            startMacro(def, call: i, frame: frame)
        case .machine(let e):
            emitStatement(text, origin: origin, kind: .machine(e), opcode: op)
        case .directive(let d):
            switch d {
            case .COPY:
                emitStatement(text, origin: origin, kind: .directive(.COPY), opcode: op)
                if inOpenCode, let s = macro.openCode {
                    copyMember(SourceStatement(text: text, file: source.file, line: source.line,
                                               lineCount: source.lineCount, pieces: source.pieces), f, into: s, listed: true)
                } else {
                    error(1, at: opr.lowerBound)
                }
            case .REPRO:
                let i = emitStatement(text, origin: origin, kind: .directive(.REPRO), opcode: op)
                if inOpenCode, let s = macro.openCode, !s.atEnd {
                    reproCards[i] = s.records[s.pos].text
                    s.pos += 1
                }
            default:
                emitStatement(text, origin: origin, kind: .directive(d), opcode: op)
            }
        case .macroOperation:
            emitStatement(text, origin: origin, kind: .invalid, opcode: op)
            error(1, at: opr.lowerBound)
        case .unknown:
            emitStatement(text, origin: origin, kind: .invalid, opcode: op)
            error(57, at: opr.lowerBound, op)
        }
    }

    // MARK: Macro expansion

    /// Starts the expansion of `def` for the macro instruction statements[call].
    func startMacro(_ def: MacroDefinition, call: Int, frame caller: MacroFrame) {
        if macro.frames.count > MacroLimits.nesting {
            // Runaway recursion: the whole expansion stops, back to open code.
            error(701, at: statements[call].fields.operation?.lowerBound ?? 0, def.name)
            macro.frames.removeSubrange(1...)
            return
        }
        let st = statements[call]
        let t = st.text
        let frame = MacroFrame(definition: def)
        macro.sysndx += 1
        frame.sysndx = macro.sysndx
        frame.sysect = current >= 0 ? Lexer.bytes(sections[Int(current)].name) : []
        if caller.definition == nil {
            frame.callFile = st.origin.file
            frame.callLine = st.origin.line
        } else {
            frame.callFile = caller.callFile
            frame.callLine = caller.callLine
        }
        // The name field (a sequence symbol is not passed).
        var nameValue: [UInt8] = []
        if let nr = st.fields.name, t[nr.lowerBound] != Lexer.period { nameValue = Array(t[nr]) }
        frame.syslist = [nameValue]
        if let np = def.nameParameter { frame.parameters[np] = nameValue }
        for k in def.keywords { frame.parameters[k.name] = k.value }
        var positional: [[UInt8]] = []
        var keywordSeen = Set<String>()
        if !callOperandsBalanced(t, st.fields.operands) { error(88, at: st.fields.operands.lowerBound) }
        for r in Fields.operands(t, st.fields.operands) {
            // KEYWORD=value when KEYWORD is one of the macro's keywords.
            var isKeyword = false
            let symEnd = Lexer.symbolEnd(t, r.lowerBound)
            if symEnd > r.lowerBound, symEnd < r.upperBound, t[symEnd] == Lexer.equal {
                let key = Lexer.upperString(t[r.lowerBound..<symEnd])
                if def.keywords.contains(where: { $0.name == key }) {
                    if keywordSeen.contains(key) { error(18, at: r.lowerBound, key) }
                    keywordSeen.insert(key)
                    frame.parameters[key] = Array(t[(symEnd + 1)..<r.upperBound])
                    isKeyword = true
                } else {
                    error(17, at: r.lowerBound, key)
                }
            }
            if !isKeyword { positional.append(Array(t[r])) }
        }
        frame.syslist += positional
        for (i, p) in def.positional.enumerated() {
            frame.parameters[p] = i < positional.count ? positional[i] : []
        }
        macro.frames.append(frame)
    }

    private func callOperandsBalanced(_ t: [UInt8], _ r: Range<Int>) -> Bool {
        var depth = 0
        var i = r.lowerBound
        var prev: UInt8 = Lexer.blank, prev2: UInt8 = Lexer.blank
        while i < r.upperBound {
            let c = t[i]
            if c == Lexer.quote && !Lexer.isAttributeQuote(previous: prev, beforePrevious: prev2,
                                                            next: i + 1 < r.upperBound ? t[i + 1] : 0) {
                guard let e = Lexer.stringEnd(t, from: i), e <= r.upperBound else { return false }
                prev2 = Lexer.quote; prev = Lexer.quote
                i = e
                continue
            }
            if c == Lexer.lparen { depth += 1 }
            if c == Lexer.rparen { depth -= 1; if depth < 0 { return false } }
            prev2 = prev; prev = c
            i += 1
        }
        return depth == 0
    }

    /// Processes the next statement of the innermost expansion.
    func stepMacro(_ frame: MacroFrame) {
        guard let def = frame.definition, frame.pc < def.body.count else {
            macro.frames.removeLast()
            return
        }
        let m = def.body[frame.pc]
        frame.pc += 1
        if m.fields.isMacroComment { return }
        var origin = StatementOrigin(file: m.source.file, line: m.source.line, lineCount: 1, pieces: [], generated: true)
        origin.callFile = frame.callFile
        origin.callLine = frame.callLine
        origin.macroName = def.name
        if m.fields.isComment {
            emitStatement(m.source.text, origin: origin, kind: .comment, opcode: "")
            return
        }
        let ctx = CondContext(source: m.source, frame: frame, fields: m.fields)
        if let op = m.operation {
            if op == .MACRO {
                defineInnerMacro(frame, def)
                return
            }
            executeConditional(op, ctx)
            return
        }
        let text = substituteStatement(ctx, dropSequenceSymbol: true)
        dispatch(text, origin: origin, frame: frame, source: m.source)
    }

    /// An inner macro definition reached in an expansion: defined now, its text unsubstituted.
    func defineInnerMacro(_ frame: MacroFrame, _ def: MacroDefinition) {
        var depth = 0
        var proto: SourceStatement? = nil
        var body: [SourceStatement] = []
        var mend: SourceStatement? = nil
        while frame.pc < def.body.count {
            let m = def.body[frame.pc]
            frame.pc += 1
            if proto == nil {
                if m.fields.isComment || m.fields.isMacroComment { continue }
                proto = m.source
                continue
            }
            if m.opcode == "MACRO" { depth += 1 }
            if m.opcode == "MEND" {
                if depth == 0 { mend = m.source; break }
                depth -= 1
            }
            body.append(m.source)
        }
        if let p = proto, let inner = buildDefinition(prototype: p, body: body, mend: mend) {
            macro.definitions[inner.name] = inner
        }
    }
}
