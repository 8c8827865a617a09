// The assembler listing, in the form of Assembler H and HLASM: the external
// symbol dictionary; each statement with its location, object code, the
// addresses of its operands (ADDR1 ADDR2) and statement number, generated
// statements marked +, diagnostics right after the statement; then the
// relocation dictionary, the symbol cross-reference (symbol, length, value,
// ESD ID, relocatability, type, defining statement, references) and the
// diagnostic summary. TITLE, EJECT, SPACE and PRINT shape it; a page holds 60
// lines.

extension Assembly {
    func listing() -> String {
        var w = ListingWriter()
        w.title = ""
        w.page(heading: "  Loc  Object Code      Addr1 Addr2  Stmt   Source Statement")
        for (i, st) in statements.enumerated() {
            if let t = titles[i] {
                w.title = t
                w.page(heading: "  Loc  Object Code      Addr1 Addr2  Stmt   Source Statement")
                continue
            }
            if case .directive(let d) = st.kind {
                if d == .EJECT && st.listed {
                    w.page(heading: "  Loc  Object Code      Addr1 Addr2  Stmt   Source Statement")
                    continue
                }
                if d == .SPACE && st.listed {
                    let n = Int(Lexer.string(st.text[st.fields.operands])) ?? 1
                    for _ in 0..<max(1, min(n, 60)) { w.line("") }
                    continue
                }
            }
            guard st.listed || !st.messages.isEmpty else { continue }
            listStatement(st, index: i, &w)
        }
        listESD(&w)
        listRLD(&w)
        listCrossReference(&w)
        listSummary(&w)
        return w.out
    }

    private func listStatement(_ st: Statement, index: Int, _ w: inout ListingWriter) {
        var loc = ""
        if st.showsLocation && st.section >= 0 {
            if case .comment = st.kind {} else if case .conditional = st.kind {} else if case .macroCall = st.kind {} else {
                loc = hex(sections[Int(st.section)].origin + st.location, 6)
            }
        }
        var object = ""
        var bytes = st.object
        var isLiteralPool = false
        if case .directive(let d) = st.kind, d == .LTORG || d == .END { isLiteralPool = true; bytes = [] }
        if case .machine = st.kind {
            object = bytes.chunked(2).map { $0.map { hex(Int($0), 2) }.joined() }.joined(separator: " ")
        } else {
            object = bytes.prefix(8).map { hex(Int($0), 2) }.joined()
        }
        let a1 = st.addr1.map { hex($0 & 0xFF_FFFF, 5) } ?? ""
        let a2 = st.addr2.map { hex($0 & 0xFF_FFFF, 5) } ?? ""
        let marker = st.origin.generated ? "+" : " "
        let lines = sourceLines(st)
        let prefix = pad(loc, 6) + " " + pad(object, 16) + " " + pad(a1, 5) + " " + pad(a2, 5) + " "
            + lpad(String(st.number), 5) + " " + marker
        w.line(prefix + (lines.first ?? ""))
        for l in lines.dropFirst() { w.line(String(repeating: " ", count: prefix.count) + l) }
        // More object code: PRINT DATA lists all of a constant, 8 bytes a line.
        if !isLiteralPool, case .machine = st.kind {} else if !isLiteralPool && bytes.count > 8 && st.listData {
            var off = 8
            while off < bytes.count {
                let chunk = bytes[off..<min(off + 8, bytes.count)].map { hex(Int($0), 2) }.joined()
                w.line(pad(st.section >= 0 ? hex(sections[Int(st.section)].origin + st.location + off, 6) : "", 6) + " " + chunk)
                off += 8
            }
        }
        if isLiteralPool { listPool(st, index: index, &w) }
        for m in st.messages where Int(m) < diagnostics.count {
            let d = diagnostics[Int(m)]
            w.line("** \(d.code) \(d.message)")
        }
    }

    private func listPool(_ st: Statement, index: Int, _ w: inout ListingWriter) {
        let p = Int(st.pool)
        guard p < pools.count, pools[p].placedBy == index else { return }
        var off = 0
        for k in pools[p].order {
            let lit = pools[p].literals[k]
            let n = lit.operand.totalLength
            let start = lit.location - st.location
            let bytes = st.object.count >= start + n && start >= 0 ? Array(st.object[start..<min(start + n, start + 8)]) : []
            _ = off
            off += n
            w.line(pad(hex(sections[Int(lit.section)].origin + lit.location, 6), 6) + " " + pad(bytes.map { hex(Int($0), 2) }.joined(), 16)
                   + String(repeating: " ", count: 19) + "=" + Lexer.string(lit.text))
        }
    }

    /// The source text of a statement as listed: its records (open code) or the generated text.
    private func sourceLines(_ st: Statement) -> [String] {
        if !st.origin.generated && !st.origin.pieces.isEmpty && Int(st.origin.file) < files.count {
            let f = files[Int(st.origin.file)]
            var out: [String] = []
            for l in st.origin.line..<(st.origin.line + max(1, st.origin.lineCount)) where Int(l) >= 1 && Int(l) <= f.lines.count {
                var s = Lexer.string(f.lines[Int(l) - 1])
                while s.hasSuffix(" ") { s.removeLast() }
                out.append(s)
            }
            if !out.isEmpty { return out }
        }
        // Generated text, 71 columns a line with continuation lines from column 16.
        let t = Lexer.string(st.text)
        if t.count <= 71 { return [t] }
        var out: [String] = [String(t.prefix(71))]
        var rest = t.dropFirst(71)
        while !rest.isEmpty {
            out.append(String(repeating: " ", count: 15) + String(rest.prefix(56)))
            rest = rest.dropFirst(56)
        }
        return out
    }

    private func listESD(_ w: inout ListingWriter) {
        w.title = "External Symbol Dictionary"
        w.page(heading: "Symbol   Type   Id     Address  Length   LD ID")
        for s in sections.sorted(by: { $0.esdid < $1.esdid }) where s.esdid > 0 {
            let type: String
            switch s.kind {
            case .control: type = "SD"
            case .privateCode: type = "PC"
            case .common: type = "CM"
            case .external: type = "ER"
            case .weakExternal: type = "WX"
            case .dummy: continue
            }
            let addr = s.isExternal ? "" : hex(s.origin, 8)
            let len = s.isExternal ? "" : hex(s.length, 8)
            w.line(pad(s.name, 8) + " " + pad(type, 6) + " " + hex(s.esdid, 4) + "   " + pad(addr, 8) + " " + pad(len, 8))
        }
        for e in entryNames {
            guard let sym = definedSymbol(e.name), let s = sym.value.simpleSection else { continue }
            w.line(pad(e.name, 8) + " " + pad("LD", 6) + "        " + hex(Int(address(of: sym.value)), 8) + "          "
                   + hex(sections[Int(s)].esdid, 4))
        }
    }

    private func listRLD(_ w: inout ListingWriter) {
        guard !relocations.isEmpty else { return }
        w.title = "Relocation Dictionary"
        w.page(heading: "Pos.Id   Rel.Id   Address  Type  Action")
        for r in relocations {
            let p = sections[Int(r.position)], t = sections[Int(r.target)]
            w.line(hex(p.esdid, 8) + " " + hex(t.esdid, 8) + " " + hex(p.origin + r.offset, 8) + " "
                   + pad((r.vType ? "V" : "A") + String(r.length), 5) + " " + (r.negative ? "ST" : "RELOCATE"))
        }
    }

    private func listCrossReference(_ w: inout ListingWriter) {
        w.title = "Ordinary Symbol and Literal Cross Reference"
        w.page(heading: "Symbol   Length   Value     Id    R Type  Defn  References")
        for s in symbols.sorted(by: { $0.name < $1.name }) where s.defined || !s.references.isEmpty {
            let value = s.defined ? hex(Int(truncatingIfNeeded: address(of: s.value)) & 0xFFFF_FFFF, 8) : ""
            var id = ""
            var r = "A"
            if let sec = s.value.simpleSection {
                id = hex(sections[Int(sec)].esdid, 8)
                r = "R"
            } else if !s.value.isAbsolute {
                r = "C"
            }
            if !s.defined { r = "U" }
            let refs = s.references.map(String.init).joined(separator: " ")
            var name = s.name
            if name.count > 8 { w.line(name); name = "" }
            w.line(pad(name, 8) + " " + lpad(String(s.length), 6) + " " + pad(value, 8) + " " + pad(id, 8) + " " + r + "  "
                   + Lexer.string([s.type]) + "  " + lpad(s.defined ? String(s.definedAt) : "", 5) + "  " + refs)
        }
        for pool in pools {
            for k in pool.order {
                let lit = pool.literals[k]
                w.line("=" + Lexer.string(lit.text) + "  " + lpad(String(lit.operand.lengthAttribute), 6) + " "
                       + hex(sections[Int(lit.section)].origin + lit.location, 8))
            }
        }
    }

    private func listSummary(_ w: inout ListingWriter) {
        w.title = "Diagnostic Cross Reference and Assembler Summary"
        w.page(heading: "")
        let flagged = Set(diagnostics.compactMap { $0.statement })
        for d in diagnostics {
            w.line("\(d.code) \(d.file):\(d.line):\(d.column)" + (d.statement.map { " statement \($0)" } ?? "") + "  \(d.message)")
        }
        w.line("")
        w.line(lpad(String(flagged.count), 6) + " Statements Flagged in this Assembly   " + String(maxSeverity)
               + " was Highest Severity Code")
        w.line(lpad(String(statements.count), 6) + " Statements   " + String(files.reduce(0) { $0 + $1.lines.count })
               + " Source Records Read")
        w.line("Return code " + String(maxSeverity))
    }
}

/// Accumulates listing lines and pages.
struct ListingWriter {
    var out = ""
    var title = ""
    var pageNumber = 0
    var linesOnPage = 0
    var heading = ""
    static let pageLength = 60

    mutating func page(heading h: String) {
        heading = h
        pageNumber += 1
        if pageNumber > 1 { out += "\u{0C}" }
        out += pad(title, 100) + "Page " + String(pageNumber) + "\n"
        if !h.isEmpty { out += h + "\n" }
        linesOnPage = 2
    }

    mutating func line(_ s: String) {
        if linesOnPage >= ListingWriter.pageLength { page(heading: heading) }
        var t = s
        while t.hasSuffix(" ") { t.removeLast() }
        out += t + "\n"
        linesOnPage += 1
    }
}

/// Upper-case hexadecimal, zero-padded.
func hex(_ v: Int, _ digits: Int) -> String {
    let s = String(v, radix: 16, uppercase: true)
    return s.count >= digits ? s : String(repeating: "0", count: digits - s.count) + s
}

func pad(_ s: String, _ n: Int) -> String { s.count >= n ? s : s + String(repeating: " ", count: n - s.count) }
func lpad(_ s: String, _ n: Int) -> String { s.count >= n ? s : String(repeating: " ", count: n - s.count) + s }

extension Array {
    func chunked(_ n: Int) -> [ArraySlice<Element>] {
        stride(from: 0, to: count, by: n).map { self[$0..<Swift.min($0 + n, count)] }
    }
}
