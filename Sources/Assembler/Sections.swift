// Section and symbol-definition instructions in pass 1 (HLASM Language
// Reference): START, CSECT, DSECT, COM; EQU; ORG; CNOP; ENTRY, EXTRN, WXTRN.

extension Assembly {
    /// START, CSECT, DSECT and COM.
    func pass1Section(_ d: Directive) {
        let st = statements[cur]
        var name = ""
        if let r = st.fields.name {
            let end = Lexer.symbolEnd(st.text, r.lowerBound)
            guard end == r.upperBound, r.count <= 8 || d == .DSECT else {
                error(d == .DSECT ? 147 : 152, at: r.lowerBound)
                return
            }
            name = upperText(r)
        }
        if d == .DSECT && name.isEmpty { error(167, at: 0); return }
        let kind: Section.Kind
        switch d {
        case .DSECT: kind = .dummy
        case .COM: kind = .common
        default: kind = name.isEmpty ? .privateCode : .control
        }
        // Resuming a section of the same name and kind.
        if let i = sections.firstIndex(where: { $0.name == name && !$0.isExternal && (!name.isEmpty || $0.kind == kind) }) {
            if d == .START { error(153, at: st.fields.operation?.lowerBound ?? 0); return }
            let found = sections[i].kind
            let same = found == kind || (found == .privateCode && kind == .privateCode)
            guard same else { error(155, at: st.fields.name?.lowerBound ?? 0, name); return }
            current = Int32(i)
            noteSectionStatement()
            return
        }
        if d == .START && sections.contains(where: { $0.isControl && ($0.length > 0 || !$0.name.isEmpty) }) {
            error(153, at: st.fields.operation?.lowerBound ?? 0)
            return
        }
        if !name.isEmpty, let existing = definedSymbol(name) {
            _ = existing
            error(43, at: st.fields.name?.lowerBound ?? 0, name)
            return
        }
        let s = newSection(name, kind: kind)
        if d == .START, !st.fields.operands.isEmpty {
            if let v = absolute(st.text, st.fields.operands) {
                // The origin is rounded up to a doubleword boundary.
                sections[Int(s)].origin = Int((v + 7) & ~7)
                startOrigin = sections[Int(s)].origin
            }
        }
        current = s
        if !name.isEmpty {
            let i = symbolSlot(name)
            symbols[Int(i)].section = s
            define(name, Value(0, section: s), length: 1, type: UInt8(ascii: "J"), at: st.fields.name?.lowerBound ?? 0)
        }
        noteSectionStatement()
    }

    private func noteSectionStatement() {
        statements[cur].section = current
        statements[cur].location = sections[Int(current)].location
    }

    /// EQU: name EQU value[,length[,type]].
    func pass1Equate() {
        let st = statements[cur]
        guard st.fields.name != nil else { error(167, at: 0); return }
        statements[cur].showsLocation = false
        let ops = Fields.operands(st.text, st.fields.operands)
        guard let first = ops.first, !first.isEmpty else { error(40, at: st.fields.operands.lowerBound); return }
        let e = evaluate(st.text, from: first.lowerBound, limit: first.upperBound)
        if let err = e.error, !e.undefined { error(err.number, at: err.offset, err.detail); return }
        if e.undefined {
            pendingEquates.append(cur)
            return
        }
        guard e.end == first.upperBound else { error(145, at: e.end); return }
        defineEquate(e)
    }

    /// Defines an EQU's name from its evaluated first operand and its length and type operands.
    func defineEquate(_ e: Expr) {
        let st = statements[cur]
        let ops = Fields.operands(st.text, st.fields.operands)
        var length = e.lengthAttribute ?? 1
        var type = UInt8(ascii: "U")
        if ops.count > 1 && !ops[1].isEmpty, let l = absolute(st.text, ops[1]) {
            if l < 0 || l > 65535 { error(68, at: ops[1].lowerBound) } else { length = Int(l) }
        }
        if ops.count > 2 && !ops[2].isEmpty, let ty = absolute(st.text, ops[2]) {
            if ty < 0 || ty > 255 { error(37, at: ops[2].lowerBound) } else {
                type = EBCDICText.toLatin1(UInt8(ty))
            }
        }
        if ops.count > 3 { error(62, at: ops[3].lowerBound) }
        if e.value.relocs.count > 1 || (e.value.relocs.count == 1 && e.value.relocs[0].count != 1) {
            // Complexly relocatable values may be equated, but not used as addresses.
        }
        defineName(e.value, length: length, type: type)
        statements[cur].addr2 = Int(truncatingIfNeeded: e.value.constant)
    }

    /// Resolves EQUs that referred forward, until no more can be.
    func resolvePendingEquates() {
        var progress = true
        while progress && !pendingEquates.isEmpty {
            progress = false
            var still: [Int] = []
            for i in pendingEquates {
                cur = i
                let st = statements[i]
                guard let first = Fields.operands(st.text, st.fields.operands).first else { continue }
                let e = evaluate(st.text, from: first.lowerBound, limit: first.upperBound)
                if e.undefined { still.append(i); continue }
                if let err = e.error { error(err.number, at: err.offset, err.detail); progress = true; continue }
                defineEquate(e)
                progress = true
            }
            pendingEquates = still
        }
        // The rest name symbols that are never defined: pass 2 reports them.
    }

    /// ORG expr, or ORG alone (the highest location reached).
    func pass1Org() {
        let st = statements[cur]
        let s = ensureSection()
        if st.fields.operands.isEmpty {
            sections[Int(s)].location = sections[Int(s)].highWater
        } else {
            let r = Fields.operands(st.text, st.fields.operands)[0]
            let e = evaluate(st.text, from: r.lowerBound, limit: r.upperBound)
            if let err = e.error { error(err.number, at: err.offset, err.detail) } else if e.undefined {
                error(154, at: r.lowerBound, e.undefinedName)
            } else if e.value.simpleSection != s {
                error(38, at: r.lowerBound)
            } else if e.value.constant < 0 {
                error(39, at: r.lowerBound)
            } else {
                sections[Int(s)].location = Int(e.value.constant)
                if sections[Int(s)].location > sections[Int(s)].highWater {
                    sections[Int(s)].highWater = sections[Int(s)].location
                }
            }
        }
        statements[cur].section = s
        statements[cur].location = sections[Int(s)].location
        defineName(locationValue(), length: 1, type: UInt8(ascii: "U"))
    }

    /// CNOP b,w: align to byte b of a w-byte boundary with NOPR instructions.
    func pass1Cnop() {
        let st = statements[cur]
        let ops = Fields.operands(st.text, st.fields.operands)
        let s = ensureSection()
        statements[cur].section = s
        statements[cur].location = sections[Int(s)].location
        guard ops.count == 2, let b = absolute(st.text, ops[0]), let w = absolute(st.text, ops[1]) else {
            if ops.count != 2 { error(ops.count < 2 ? 40 : 62, at: st.fields.operands.lowerBound) }
            return
        }
        guard (w == 4 || w == 8), b >= 0, b < w, b % 2 == 0 else { error(62, at: ops[0].lowerBound); return }
        let loc = sections[Int(s)].location
        let pad = ((Int(b) - loc) % Int(w) + Int(w)) % Int(w)
        statements[cur].length = pad
        defineName(locationValue(), length: 1, type: UInt8(ascii: "I"))
        advance(pad)
    }

    /// EXTRN and WXTRN: external symbols.
    func pass1External(weak: Bool) {
        let st = statements[cur]
        for r in Fields.operands(st.text, st.fields.operands) {
            let end = Lexer.symbolEnd(st.text, r.lowerBound)
            guard !r.isEmpty, end == r.upperBound, r.count <= 8 else { error(152, at: r.lowerBound); continue }
            let name = upperText(r)
            if externals[name] != nil { continue }
            let s = externalSection(name, weak: weak)
            if let i = define(name, Value(0, section: s), length: 1, type: UInt8(ascii: weak ? "$" : "T"), at: r.lowerBound) {
                symbols[Int(i)].section = s
            }
        }
    }
}

/// EBCDIC conversions for type attributes.
enum EBCDICText {
    static func toLatin1(_ b: UInt8) -> UInt8 { EBCDICTable.toLatin1[Int(b)] }
}

import Records
typealias EBCDICTable = EBCDIC
