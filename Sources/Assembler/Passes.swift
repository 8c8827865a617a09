// The two passes over the statements.
//
// Pass 1 runs on each statement as the macro processor produces it: it
// assigns locations, defines symbols, collects literals. The end of pass 1
// resolves forward EQUs and gives each control section its assembled origin
// (the first at its START value, each next one on the next doubleword
// boundary, as IBM's assemblers lay them out). Pass 2 evaluates every operand
// with all symbols known, resolves addresses through USING, and produces the
// object text and relocation items.

extension Assembly {
    /// Pass 1 of the current statement.
    func pass1Statement() {
        let kind = statements[cur].kind
        statements[cur].pool = currentPool
        switch kind {
        case .machine(let e):
            pass1Machine(e)
        case .directive(let d):
            pass1Directive(d)
        default:
            statements[cur].section = current
            statements[cur].location = current >= 0 ? sections[Int(current)].location : 0
            statements[cur].showsLocation = false
        }
    }

    func pass1Directive(_ d: Directive) {
        statements[cur].section = current
        statements[cur].location = current >= 0 ? sections[Int(current)].location : 0
        switch d {
        case .START, .CSECT, .DSECT, .COM: pass1Section(d)
        case .DC: pass1Constants(isDS: false)
        case .DS: pass1Constants(isDS: true)
        case .EQU: pass1Equate()
        case .ORG: pass1Org()
        case .CNOP: pass1Cnop()
        case .LTORG:
            ensureSection()
            placePool()
            if statements[cur].section < 0 { statements[cur].section = current }
            if pools[Int(statements[cur].pool)].placedBy != cur {
                statements[cur].location = sections[Int(current)].location
            }
            defineName(Value(Int64(statements[cur].location), section: current), length: 1, type: UInt8(ascii: "U"))
        case .CCW:
            let pad = align(8)
            statements[cur].pad = pad
            statements[cur].section = current
            statements[cur].location = sections[Int(current)].location
            statements[cur].length = 8
            defineName(locationValue(), length: 8, type: UInt8(ascii: "W"))
            advance(8)
        case .EXTRN: pass1External(weak: false); statements[cur].showsLocation = false
        case .WXTRN: pass1External(weak: true); statements[cur].showsLocation = false
        case .END:
            if current >= 0 { placePool() }
            endSeen = true
        case .OPSYN:
            pass1Opsyn()
            statements[cur].showsLocation = false
        case .PRINT, .PUSH, .POP:
            listingControl(d)
            statements[cur].showsLocation = false
        case .TITLE:
            pass1Title()
            statements[cur].showsLocation = false
        case .ICTL:
            statements[cur].showsLocation = false
        default:
            statements[cur].showsLocation = false
        }
    }

    /// OPSYN: `name OPSYN op` makes name a synonym; `name OPSYN` alone deletes name.
    func pass1Opsyn() {
        let st = statements[cur]
        guard let nr = st.fields.name else { error(167, at: 0); return }
        let name = upperText(nr)
        let ops = Fields.operands(st.text, st.fields.operands)
        if ops.isEmpty || ops[0].isEmpty {
            opsyn[name] = ""
            return
        }
        var target = upperText(ops[0])
        if let t2 = opsyn[target] { target = t2 }
        if case .unknown = operation(target, searchLibrary: false) {
            error(57, at: ops[0].lowerBound, target)
            return
        }
        opsyn[name] = target
    }

    /// TITLE: the first named TITLE gives the deck ID (columns 73-80 of the object deck).
    func pass1Title() {
        let st = statements[cur]
        if let r = st.fields.name {
            if deckID == nil { deckID = String(upperText(r).prefix(8)) } else { error(161, at: r.lowerBound) }
        }
        let ops = st.fields.operands
        if !ops.isEmpty, st.text[ops.lowerBound] == Lexer.quote, let e = Lexer.stringEnd(st.text, from: ops.lowerBound) {
            titles[cur] = Lexer.string(Lexer.unquote(st.text[(ops.lowerBound + 1)..<(e - 1)]))
        }
    }

    /// The end of pass 1: forward EQUs, section origins, ESD identifiers.
    func finishPass1() {
        resolvePendingEquates()
        // Control sections: the first at its START origin (or 0), the rest on doubleword boundaries.
        var next = startOrigin ?? 0
        var firstControl = true
        for i in sections.indices where sections[i].isControl {
            if sections[i].kind == .privateCode && sections[i].length == 0 && sections[i].name.isEmpty
                && !text.contains(where: { $0.section == Int32(i) }) && !hasCode(Int32(i)) {
                continue
            }
            if firstControl, let o = startOrigin, sections[i].origin == o {
                next = o
            }
            sections[i].origin = (next + 7) & ~7
            next = sections[i].origin + sections[i].length
            firstControl = false
        }
        // ESD identifiers in order of definition: SD, PC, CM, ER and WX items.
        var id = 1
        for i in sections.indices {
            switch sections[i].kind {
            case .dummy: continue
            case .privateCode where sections[i].length == 0 && !hasCode(Int32(i)) && !isReferenced(Int32(i)): continue
            default:
                sections[i].esdid = id
                id += 1
            }
        }
    }

    private func hasCode(_ s: Int32) -> Bool {
        statements.contains { $0.section == s && $0.length > 0 }
    }

    private func isReferenced(_ s: Int32) -> Bool {
        symbols.contains { $0.defined && $0.value.relocs.contains { $0.section == s } && $0.section == nil }
    }

    /// Pass 2 over all statements.
    func pass2() {
        pass = 2
        usings = []
        usingStack = []
        for i in statements.indices {
            cur = i
            switch statements[i].kind {
            case .machine(let e):
                let bytes = encodeMachine(e)
                let st = statements[i]
                if st.pad > 0 { emit([UInt8](repeating: 0, count: st.pad), section: st.section, at: st.location - st.pad, listed: false) }
                emit(bytes, section: st.section, at: st.location, listed: true)
            case .directive(let d):
                pass2Directive(d)
            default:
                break
            }
        }
        cur = -1
        if !usingStack.isEmpty || !printStack.isEmpty {
            report(138, at: SourceLocation(file: 0, line: Int32(files.first?.lines.count ?? 0), column: 1))
        }
    }

    func pass2Directive(_ d: Directive) {
        let st = statements[cur]
        switch d {
        case .USING: processUsing()
        case .DROP: processDrop()
        case .DC: generateConstants()
        case .CNOP:
            var bytes: [UInt8] = []
            var n = st.length
            if n % 2 == 1 { bytes.append(0); n -= 1 }
            while n > 0 { bytes += [0x07, 0x00]; n -= 2 }
            if !bytes.isEmpty { emit(bytes, section: st.section, at: st.location, listed: true) }
        case .CCW: generateCCW()
        case .LTORG: generatePool()
        case .END:
            generatePool()
            pass2End()
        case .ENTRY: pass2Entry()
        case .PUNCH: pass2Punch()
        case .REPRO:
            if let card = reproCards[cur] { punches.append(PunchCard(afterChunk: text.count, text: card)) }
        case .PUSH, .POP: pass2PushPop(d)
        case .EQU:
            if let r = st.fields.name, !(definedSymbol(upperText(r))?.defined ?? false) {
                // A forward reference that never resolved.
                if let first = Fields.operands(st.text, st.fields.operands).first {
                    let e = evaluate(st.text, from: first.lowerBound, limit: first.upperBound)
                    if let err = e.error { error(err.number, at: err.offset, err.detail) }
                }
            } else if let r = st.fields.name, let s = definedSymbol(upperText(r)) {
                statements[cur].addr2 = Int(truncatingIfNeeded: address(of: s.value))
            }
        default: break
        }
    }

    /// Adds object text (nothing for dummy sections) and, when `listed`, shows it in the listing.
    func emit(_ bytes: [UInt8], section: Int32, at offset: Int, listed: Bool) {
        guard !bytes.isEmpty else { return }
        if listed { statements[cur].object += bytes }
        guard section >= 0, sections[Int(section)].isControl else { return }
        if let last = text.last, last.section == section, last.offset + last.bytes.count == offset,
           punches.last?.afterChunk != text.count {
            text[text.count - 1].bytes += bytes
        } else {
            text.append(TextChunk(section: section, offset: offset, bytes: bytes))
        }
    }

    /// CCW command,address,flags,count (format-0 CCW; PoO, "Channel-Command Word").
    func generateCCW() {
        let st = statements[cur]
        let ops = Fields.operands(st.text, st.fields.operands)
        var bytes = [UInt8](repeating: 0, count: 8)
        guard ops.count == 4, !ops.contains(where: { $0.isEmpty }) else {
            error(ops.count < 4 ? 40 : 62, at: st.fields.operands.lowerBound)
            emit(bytes, section: st.section, at: st.location, listed: true)
            return
        }
        if let c = absolute(st.text, ops[0]) {
            if c < 0 || c > 255 { error(181, at: ops[0].lowerBound) } else { bytes[0] = UInt8(c) }
        }
        let e = evaluate(st.text, from: ops[1].lowerBound, limit: ops[1].upperBound)
        if let err = e.error { error(err.number, at: err.offset, err.detail) } else if e.undefined {
            error(44, at: ops[1].lowerBound, e.undefinedName)
        } else if e.end != ops[1].upperBound {
            error(145, at: e.end)
        } else {
            let a = address(of: e.value)
            if e.value.isAbsolute && (a < 0 || a > 0xFF_FFFF) { error(181, at: ops[1].lowerBound) }
            bytes[1] = UInt8(truncatingIfNeeded: a >> 16)
            bytes[2] = UInt8(truncatingIfNeeded: a >> 8)
            bytes[3] = UInt8(truncatingIfNeeded: a)
            if sections[Int(st.section)].isControl {
                for term in e.value.relocs {
                    if sections[Int(term.section)].kind == .dummy { error(32, at: ops[1].lowerBound); continue }
                    for _ in 0..<abs(Int(term.count)) {
                        relocations.append(RelocationItem(target: term.section, position: st.section, offset: st.location + 1,
                                                          length: 3, negative: term.count < 0, vType: false))
                    }
                }
            }
            statements[cur].addr2 = Int(a & 0xFF_FFFF)
        }
        if let f = absolute(st.text, ops[2]) {
            if f < 0 || f > 255 { error(181, at: ops[2].lowerBound) } else { bytes[4] = UInt8(f) }
        }
        if let n = absolute(st.text, ops[3]) {
            if n < 0 || n > 65535 { error(181, at: ops[3].lowerBound) } else {
                bytes[6] = UInt8(n >> 8)
                bytes[7] = UInt8(n & 0xFF)
            }
        }
        if st.pad > 0 { emit([UInt8](repeating: 0, count: st.pad), section: st.section, at: st.location - st.pad, listed: false) }
        emit(bytes, section: st.section, at: st.location, listed: true)
    }

    /// ENTRY names: each must be defined in a control section of this assembly.
    func pass2Entry() {
        let st = statements[cur]
        for r in Fields.operands(st.text, st.fields.operands) {
            let end = Lexer.symbolEnd(st.text, r.lowerBound)
            guard !r.isEmpty, end == r.upperBound, r.count <= 8 else { error(48, at: r.lowerBound); continue }
            let name = upperText(r)
            guard let i = symbolIndex[name], symbols[Int(i)].defined else { error(44, at: r.lowerBound, name); continue }
            noteReference(i)
            guard let s = symbols[Int(i)].value.simpleSection, sections[Int(s)].isControl,
                  symbols[Int(i)].section == nil || symbols[Int(i)].section != s || true else {
                error(48, at: r.lowerBound, name)
                continue
            }
            if sections[Int(s)].name == name { continue }   // a section name is already in the ESD
            if entryNames.contains(where: { $0.name == name }) { continue }
            entryNames.append((name, statements[cur].number, r.lowerBound))
        }
    }

    /// END [entry]: the entry point on the END card.
    func pass2End() {
        let st = statements[cur]
        guard let r = Fields.operands(st.text, st.fields.operands).first, !r.isEmpty else { return }
        let e = evaluate(st.text, from: r.lowerBound, limit: r.upperBound)
        if let err = e.error { error(err.number, at: err.offset, err.detail); return }
        if e.undefined { error(44, at: r.lowerBound, e.undefinedName); return }
        guard let s = e.value.simpleSection, sections[Int(s)].isControl || sections[Int(s)].isExternal else {
            error(32, at: r.lowerBound)
            return
        }
        if sections[Int(s)].isExternal {
            endEntry = (e.value, sections[Int(s)].name)
        } else {
            endEntry = (e.value, nil)
        }
        statements[cur].addr2 = Int(address(of: e.value) & 0xFF_FFFF)
    }

    /// PUNCH 'text': a card in the object deck.
    func pass2Punch() {
        let st = statements[cur]
        let ops = st.fields.operands
        guard !ops.isEmpty, st.text[ops.lowerBound] == Lexer.quote, let e = Lexer.stringEnd(st.text, from: ops.lowerBound) else {
            error(62, at: ops.lowerBound)
            return
        }
        let card = Lexer.unquote(st.text[(ops.lowerBound + 1)..<(e - 1)])
        guard card.count <= 80 else { error(162, at: ops.lowerBound); return }
        punches.append(PunchCard(afterChunk: text.count, text: card))
    }

    /// PUSH and POP of USING in pass 2 (PRINT is handled in pass 1).
    func pass2PushPop(_ d: Directive) {
        let st = statements[cur]
        for r in Fields.operands(st.text, st.fields.operands) where upperText(r) == "USING" {
            if d == .PUSH { pushUsing() } else if !popUsing() { error(79, at: r.lowerBound) }
        }
    }

    /// PRINT, PUSH PRINT, POP PRINT (pass 1: the listing flags are set as statements are made).
    func listingControl(_ d: Directive) {
        let st = statements[cur]
        for r in Fields.operands(st.text, st.fields.operands) {
            let w = upperText(r)
            switch d {
            case .PRINT:
                switch w {
                case "ON": printState.on = true
                case "OFF": printState.on = false
                case "GEN": printState.gen = true
                case "NOGEN": printState.gen = false
                case "DATA": printState.data = true
                case "NODATA": printState.data = false
                case "MCALL", "NOMCALL", "MSOURCE", "NOMSOURCE", "UHEAD", "NOUHEAD", "PRINTER", "NOPRINTER", "": break
                default: error(62, at: r.lowerBound, w)
                }
            case .PUSH:
                if w == "PRINT" { printStack.append(printState) } else if w != "USING" && w != "NOPRINT" { error(62, at: r.lowerBound, w) }
            case .POP:
                if w == "PRINT" {
                    if let p = printStack.popLast() { printState = p } else { error(79, at: r.lowerBound) }
                } else if w != "USING" && w != "NOPRINT" { error(62, at: r.lowerBound, w) }
            default: break
            }
        }
    }
}
