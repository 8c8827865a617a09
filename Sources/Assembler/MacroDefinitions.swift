// Macro definitions (HLASM Language Reference, "Macro definition format"):
// MACRO, the prototype statement, the body, MEND; read from open code, from
// inside an expansion (inner definitions), or from a macro library (a folder
// of NAME.mac files, --maclib). COPY members come from the same folders as
// NAME.cpy, or NAME.mac when there is no .cpy.

import Foundation

extension Assembly {
    // MARK: Files

    /// Adds a source file from its bytes; returns its index and records (nil when not text).
    func addFile(path: String, bytes: [UInt8], parent: Int32 = -1) -> (Int32, [SourceRecord])? {
        let index = Int32(files.count)
        files.append(SourceFile(path: path, lines: []))
        fileParents.append(parent)
        guard let lines = SourceDecoder.records(bytes, report: { n, line, col, _ in
            self.report(n, at: SourceLocation(file: index, line: Int32(line), column: Int32(col)))
        }) else { return nil }
        files[Int(index)].lines = lines
        var recs: [SourceRecord] = []
        recs.reserveCapacity(lines.count)
        for (i, l) in lines.enumerated() { recs.append(SourceRecord(text: l, file: index, line: Int32(i + 1))) }
        return (index, recs)
    }

    /// Finds a library member `NAME.ext` in the macro libraries (in-memory members first).
    func findMember(_ name: String, extensions: [String]) -> (path: String, bytes: [UInt8])? {
        guard !name.isEmpty, name.utf8.allSatisfy({ Lexer.isSymbolChar($0) }) else { return nil }
        for ext in extensions {
            let candidates = [name + "." + ext, name.lowercased() + "." + ext, name + "." + ext.uppercased(),
                              name.lowercased() + "." + ext.uppercased()]
            for c in candidates {
                if let text = options.libraryMembers[c] { return ("<library>/" + c, Lexer.bytes(text)) }
            }
            for dir in options.macroLibraries {
                for c in candidates {
                    let path = dir.hasSuffix("/") ? dir + c : dir + "/" + c
                    if let data = FileManager.default.contents(atPath: path) { return (path, [UInt8](data)) }
                }
            }
        }
        return nil
    }

    // MARK: Reading definitions

    /// Reads a macro definition from `stream`, which is just past a MACRO statement.
    /// In open code the definition's statements are listed.
    func readDefinition(from stream: RecordStream, listed: Bool) -> MacroDefinition? {
        var prototype: SourceStatement? = nil
        var body: [SourceStatement] = []
        var depth = 0
        var ended = false
        var mend: SourceStatement? = nil
        var lastLine: (Int32, Int32) = (0, 0)
        while !stream.atEnd {
            let ss = readStatement(from: stream)
            lastLine = (ss.file, ss.line)
            let f = Fields.split(ss.text)
            let op = f.operation.map { Lexer.upperString(ss.text[$0]) } ?? ""
            if listed { emitStatement(ss.text, origin: openOrigin(ss), kind: .conditional, opcode: op) }
            if prototype == nil {
                if f.isComment || f.isMacroComment { continue }
                prototype = ss
                continue
            }
            if op == "MACRO" { depth += 1 }
            if op == "MEND" {
                if depth == 0 { ended = true; mend = ss; break }
                depth -= 1
            }
            if op == "COPY" && depth == 0 {
                // COPY in a definition brings the member's statements into the body.
                copyMember(ss, f, into: stream, listed: listed)
                continue
            }
            body.append(ss)
        }
        if !ended {
            report(86, at: SourceLocation(file: lastLine.0, line: lastLine.1, column: 1))
        }
        guard let proto = prototype else { return nil }
        return buildDefinition(prototype: proto, body: body, mend: mend)
    }

    /// Reads one statement from a stream (continuations joined), reporting record problems.
    func readStatement(from stream: RecordStream) -> SourceStatement {
        var joiner = StatementJoiner()
        let (ss, next) = joiner.statement(in: stream.records, at: stream.pos, format: stream.format)
        stream.pos = next
        for (n, loc) in joiner.problems { macroMessage(n, at: loc) }
        return ss
    }

    /// The macro definition from its prototype and body statements.
    func buildDefinition(prototype ss: SourceStatement, body: [SourceStatement], mend: SourceStatement?) -> MacroDefinition? {
        let f = Fields.split(ss.text)
        guard let opr = f.operation else { macroMessage(25, at: ss.location(ofOffset: 0)); return nil }
        let name = Lexer.upperString(ss.text[opr])
        guard Lexer.symbolEnd(ss.text, opr.lowerBound) == opr.upperBound, name.count <= 63 else {
            macroMessage(125, at: ss.location(ofOffset: opr.lowerBound), name)
            return nil
        }
        let def = MacroDefinition(name: name)
        def.file = ss.file
        def.line = ss.line
        var seen = Set<String>()
        func paramName(_ r: Range<Int>) -> String? {
            guard r.count >= 2, ss.text[r.lowerBound] == Lexer.amp,
                  Lexer.symbolEnd(ss.text, r.lowerBound + 1) == r.upperBound, r.count <= 64 else {
                macroMessage(25, at: ss.location(ofOffset: r.lowerBound))
                return nil
            }
            let n = Lexer.upperString(ss.text[(r.lowerBound + 1)..<r.upperBound])
            if seen.contains(n) { macroMessage(8, at: ss.location(ofOffset: r.lowerBound), "&" + n); return nil }
            seen.insert(n)
            return n
        }
        if let nr = f.name { def.nameParameter = paramName(nr) }
        for r in Fields.operands(ss.text, f.operands) where !r.isEmpty {
            if let eq = ss.text[r].firstIndex(of: Lexer.equal) {
                guard let n = paramName(r.lowerBound..<eq) else { continue }
                def.keywords.append((n, Array(ss.text[(eq + 1)..<r.upperBound])))
            } else if let n = paramName(r) {
                def.positional.append(n)
            }
        }
        var depth = 0
        for st in body {
            let bf = Fields.split(st.text, conditional: isConditionalText(st.text))
            let op = bf.operation.map { Lexer.upperString(st.text[$0]) } ?? ""
            var m = ModelStatement(source: st, fields: bf, operation: Mnemonics.macroOperations[op], opcode: op,
                                   sequenceSymbol: nil)
            if op == "MACRO" { depth += 1 }
            if op == "MEND" { depth -= 1 }
            if depth == 0 && op != "MEND", let nr = bf.name, st.text[nr.lowerBound] == Lexer.period, !bf.isMacroComment {
                let seq = Lexer.upperString(st.text[nr])
                if def.sequence[seq] != nil {
                    macroMessage(7, at: st.location(ofOffset: nr.lowerBound), seq)
                } else {
                    def.sequence[seq] = def.body.count
                }
                m.sequenceSymbol = seq
            }
            def.body.append(m)
        }
        // MEND ends the body; a sequence symbol may name it.
        if let e = mend {
            let ef = Fields.split(e.text)
            var m = ModelStatement(source: e, fields: ef, operation: .MEND, opcode: "MEND", sequenceSymbol: nil)
            if let nr = ef.name, e.text[nr.lowerBound] == Lexer.period {
                let seq = Lexer.upperString(e.text[nr])
                if def.sequence[seq] != nil { macroMessage(7, at: e.location(ofOffset: nr.lowerBound), seq) } else {
                    def.sequence[seq] = def.body.count
                }
                m.sequenceSymbol = seq
            }
            def.body.append(m)
        }
        return def
    }

    /// Whether a statement's operation is a conditional-assembly one (whose operands may hold
    /// blanks inside parentheses).
    func isConditionalText(_ t: [UInt8]) -> Bool {
        let f = Fields.split(t)
        guard let r = f.operation else { return false }
        switch Lexer.upperString(t[r]) {
        case "SETA", "SETB", "SETC", "AIF", "AGO", "ACTR": return true
        default: return false
        }
    }

    /// The library macro `name`, read and defined on first use.
    func libraryMacro(_ name: String) -> MacroDefinition? {
        if macro.libraryMisses.contains(name) { return nil }
        guard let member = findMember(name, extensions: ["mac"]),
              let (_, records) = addFile(path: member.path, bytes: member.bytes) else {
            macro.libraryMisses.insert(name)
            return nil
        }
        let stream = RecordStream(records: records)
        // Comments may precede MACRO.
        while !stream.atEnd {
            let ss = readStatement(from: stream)
            let f = Fields.split(ss.text)
            if f.isComment || f.isMacroComment || f.operation == nil { continue }
            guard Lexer.upperString(ss.text[f.operation!]) == "MACRO" else {
                macroMessage(110, at: ss.location(ofOffset: 0), name)
                macro.libraryMisses.insert(name)
                return nil
            }
            guard let def = readDefinition(from: stream, listed: false) else {
                macro.libraryMisses.insert(name)
                return nil
            }
            guard def.name == name else {
                macroMessage(126, at: SourceLocation(file: def.file, line: def.line, column: 1), def.name)
                macro.libraryMisses.insert(name)
                return nil
            }
            macro.definitions[name] = def
            return def
        }
        macro.libraryMisses.insert(name)
        return nil
    }

    // MARK: COPY

    /// COPY NAME: the member's records go into `stream` after the COPY statement.
    func copyMember(_ ss: SourceStatement, _ f: Fields, into stream: RecordStream, listed: Bool) {
        let ops = Fields.operands(ss.text, f.operands)
        guard ops.count == 1, !ops[0].isEmpty, Lexer.symbolEnd(ss.text, ops[0].lowerBound) == ops[0].upperBound else {
            macroMessage(114, at: ss.location(ofOffset: f.operands.lowerBound))
            return
        }
        let name = Lexer.upperString(ss.text[ops[0]])
        // Recursion: the member must not be the file of this COPY or one of its parents.
        var depth = 0
        var p = ss.file
        while p >= 0 {
            if files[Int(p)].path.uppercased().hasSuffix("/" + name + ".CPY") ||
                files[Int(p)].path.uppercased().hasSuffix("/" + name + ".MAC") {
                macroMessage(55, at: ss.location(ofOffset: ops[0].lowerBound), name)
                return
            }
            depth += 1
            p = fileParents[Int(p)]
        }
        if depth > MacroLimits.copyDepth {
            macroMessage(703, at: ss.location(ofOffset: ops[0].lowerBound), name)
            return
        }
        guard let member = findMember(name, extensions: ["cpy", "mac"]) else {
            macroMessage(60, at: ss.location(ofOffset: ops[0].lowerBound), name)
            return
        }
        guard let (_, records) = addFile(path: member.path, bytes: member.bytes, parent: ss.file) else { return }
        stream.records.insert(contentsOf: records, at: stream.pos)
    }
}
