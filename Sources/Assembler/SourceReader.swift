// Reading source: host text files become 80-column records, and records become
// logical statements.
//
// The fixed format of the assembler language (HLASM Language Reference,
// "Field boundaries"): statements are in columns 1-71 (the begin and end
// columns, changeable with ICTL); a non-blank character in column 72 (the
// continuation-indicator column) continues the statement on the next record,
// whose text starts in column 16 (the continue column) and whose columns 1-15
// must be blank; columns 73-80 hold sequence numbers and are ignored.
//
// The alternative format of macro instructions and prototypes is also read:
// when the operands on a continued record end with a comma followed by a
// blank, the rest of that record is remarks and the operands go on at the
// continue column of the next record.

/// A host source file as 80-column records of Latin-1 bytes.
struct SourceFile {
    /// The name used in diagnostics.
    var path: String
    /// One record per line: tabs expanded, carriage returns removed, at most 80 bytes.
    var lines: [[UInt8]]
}

/// One source record (a card image's text, at most 80 columns) and where it came from.
struct SourceRecord {
    var text: [UInt8]
    var file: Int32
    var line: Int32
}

/// A piece of a logical statement: where in the statement it starts, and the record and column it came from.
struct SourcePiece {
    var offset: Int32
    var line: Int32
    var column: Int32
}

/// A logical statement: the records of one statement joined into one text.
struct SourceStatement {
    /// The statement text, starting at the begin column.
    var text: [UInt8]
    /// The file index.
    var file: Int32
    /// The first record's 1-based line number.
    var line: Int32
    /// The number of records the statement took.
    var lineCount: Int32
    /// Where each record's text starts in `text` (one element per record that contributed text).
    var pieces: [SourcePiece]

    /// The source location of an offset in `text`.
    func location(ofOffset o: Int) -> SourceLocation {
        var chosen = pieces.first ?? SourcePiece(offset: 0, line: line, column: 1)
        for p in pieces where Int(p.offset) <= o { chosen = p }
        return SourceLocation(file: file, line: chosen.line, column: chosen.column + Int32(o - Int(chosen.offset)))
    }
}

/// The ICTL columns: begin, end, continue (1-based).
struct ColumnFormat: Equatable {
    var begin = 1
    var end = 71
    var `continue` = 16
}

enum SourceDecoder {
    /// Turns a host file's bytes into records. Returns nil (and why) when the bytes are not text.
    static func records(_ bytes: [UInt8], report: (Int, Int, Int, String?) -> Void) -> [[UInt8]]? {
        // Binary files: a NUL byte, or many control bytes, in the first 4K.
        let head = bytes.prefix(4096)
        var controls = 0
        for b in head where (b < 0x20 && b != 0x09 && b != 0x0A && b != 0x0D && b != 0x0C) || b == 0x7F {
            controls += 1
            if b == 0 { controls += head.count }
        }
        if controls * 20 > max(head.count, 1) {
            report(700, 1, 1, nil)
            return nil
        }
        let latin1 = decodeToLatin1(bytes)
        var lines: [[UInt8]] = []
        lines.reserveCapacity(latin1.count / 40 + 1)
        var current: [UInt8] = []
        current.reserveCapacity(96)
        var lineNo = 1
        func finish() {
            if current.last == 0x0D { current.removeLast() }
            var out: [UInt8] = []
            out.reserveCapacity(82)
            var badColumn = 0
            for b in current {
                if b == 0x09 {
                    repeat { out.append(0x20) } while out.count % 8 != 0
                } else if b < 0x20 || b == 0x7F || (b >= 0x80 && b < 0xA0) {
                    if badColumn == 0 { badColumn = out.count + 1 }
                    out.append(0x20)
                } else {
                    out.append(b)
                }
            }
            if badColumn > 0 { report(705, lineNo, badColumn, nil) }
            if out.count > 80 {
                if out[80...].contains(where: { $0 != 0x20 }) { report(704, lineNo, 81, nil) }
                out.removeSubrange(80...)
            }
            lines.append(out)
            current.removeAll(keepingCapacity: true)
            lineNo += 1
        }
        for b in latin1 {
            if b == 0x0A { finish() } else { current.append(b) }
        }
        if !current.isEmpty { finish() }
        return lines
    }

    /// UTF-8 text becomes Latin-1 (characters beyond it become '?'); anything else is taken as Latin-1.
    static func decodeToLatin1(_ bytes: [UInt8]) -> [UInt8] {
        if !bytes.contains(where: { $0 >= 0x80 }) { return bytes }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var it = bytes.makeIterator()
        var decoder = UTF8()
        loop: while true {
            switch decoder.decode(&it) {
            case .scalarValue(let s):
                out.append(s.value < 256 ? UInt8(s.value) : 0x3F)
            case .emptyInput:
                break loop
            case .error:
                return bytes   // not UTF-8: Latin-1 as it is
            }
        }
        return out
    }
}

/// Joins records into logical statements.
struct StatementJoiner {
    /// Diagnostics found while joining: (number, location).
    var problems: [(Int, SourceLocation)] = []

    /// Reads the statement starting at record `index`; returns it and the index of the next record.
    mutating func statement(in lines: [SourceRecord], at index: Int, format: ColumnFormat) -> (SourceStatement, Int) {
        let file = lines[index].file
        var text: [UInt8] = []
        text.reserveCapacity(80)
        var pieces: [SourcePiece] = []
        var i = index
        var scan = OperandScan()
        var first = true
        while i < lines.count {
            let rec = lines[i].text
            let lineNo = lines[i].line
            let startCol = first ? format.begin : format.continue
            if !first {
                // Columns from begin to continue-1 of a continuation record must be blank.
                let lo = format.begin - 1, hi = min(format.continue - 1, rec.count)
                if lo < hi, rec[lo..<hi].contains(where: { $0 != 0x20 }) {
                    problems.append((144, SourceLocation(file: file, line: lineNo, column: Int32(format.begin))))
                }
            }
            let from = startCol - 1
            let to = min(format.end, rec.count)
            var piece: ArraySlice<UInt8> = from < to ? rec[from..<to] : []
            let continued = rec.count > format.end && rec[format.end] != 0x20
            // Alternative continuation format: operands ending in ", " on a continued record.
            if first {
                scan.startFirstRecord(piece)
            }
            let stripLeading = !first && scan.skipLeadingBlanksOfNextPiece
            if let cut = scan.feed(piece, continued: continued) {
                piece = piece[piece.startIndex..<cut]
            }
            if stripLeading {
                // Leading blanks before the continued operands are not part of them.
                while let f = piece.first, f == 0x20 { piece = piece.dropFirst() }
            }
            pieces.append(SourcePiece(offset: Int32(text.count), line: lineNo,
                                      column: Int32(piece.startIndex + 1)))
            text.append(contentsOf: piece)
            first = false
            i += 1
            if !continued { break }
            if i >= lines.count {
                problems.append((120, SourceLocation(file: file, line: lineNo, column: Int32(format.end + 1))))
            }
        }
        // Trailing blanks carry no meaning.
        while let l = text.last, l == 0x20 { text.removeLast() }
        let st = SourceStatement(text: text, file: file, line: lines[index].line, lineCount: Int32(i - index),
                                 pieces: pieces)
        return (st, i)
    }
}

/// Follows the fields of a statement across its records, to find where the
/// operand field of a record ends with ", " (the alternative continuation format).
struct OperandScan {
    enum State { case name, gapBeforeOp, op, gapBeforeOperands, operands, remarks }
    var state: State = .name
    var inQuote = false
    var previous: UInt8 = 0x20
    var beforePrevious: UInt8 = 0x20
    var skipLeadingBlanksOfNextPiece = false
    var comment = false

    mutating func startFirstRecord(_ piece: ArraySlice<UInt8>) {
        if let f = piece.first, f == UInt8(ascii: "*") { comment = true }
        if piece.count >= 2, piece[piece.startIndex] == UInt8(ascii: "."), piece[piece.startIndex + 1] == UInt8(ascii: "*") {
            comment = true
        }
        state = .name
    }

    /// Feeds one record's text; returns where to cut it when the operands continue on the next record.
    mutating func feed(_ piece: ArraySlice<UInt8>, continued: Bool) -> Int? {
        if comment { return nil }
        var idx = piece.startIndex
        if state == .operands && skipLeadingBlanksOfNextPiece {
            while idx < piece.endIndex && piece[idx] == 0x20 { idx += 1 }
        }
        skipLeadingBlanksOfNextPiece = false
        while idx < piece.endIndex {
            let c = piece[idx]
            switch state {
            case .name:
                if c == 0x20 { state = .gapBeforeOp }
            case .gapBeforeOp:
                if c != 0x20 { state = .op }
            case .op:
                if c == 0x20 { state = .gapBeforeOperands }
            case .gapBeforeOperands:
                if c != 0x20 { state = .operands; continue }
            case .operands:
                if inQuote {
                    if c == UInt8(ascii: "'") { inQuote = false }
                } else if c == UInt8(ascii: "'") {
                    if !Lexer.isAttributeQuote(previous: previous, beforePrevious: beforePrevious,
                                               next: idx + 1 < piece.endIndex ? piece[idx + 1] : 0x20) {
                        inQuote = true
                    }
                } else if c == 0x20 {
                    if previous == UInt8(ascii: ","), continued {
                        skipLeadingBlanksOfNextPiece = true
                        return idx
                    }
                    state = .remarks
                    return nil
                }
            case .remarks:
                return nil
            }
            beforePrevious = previous
            previous = c
            idx += 1
        }
        if state == .gapBeforeOperands && continued {
            // Name and operation alone on a continued record: the operands start on the next one.
            state = .operands
            skipLeadingBlanksOfNextPiece = true
        }
        return nil
    }
}
