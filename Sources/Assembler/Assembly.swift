// One assembly: the state shared by the macro processor, pass 1 and pass 2.
//
// The flow (one source file in, object deck and listing out):
//   records --(join continuations)--> statements --(macro processor and
//   conditional assembly)--> generated statements, each run through pass 1 as
//   it is generated (so that attribute references see the symbols defined so
//   far) --> end of pass 1 (literal pool at END, forward EQUs, section
//   origins) --> pass 2 (operands, USING resolution, object code) --> object
//   deck, listing, core image.
//
// The concerns live in their own files as extensions of `Assembly`.

import Foundation

/// Everything one assembly knows.
final class Assembly {
    let options: AssemblerOptions

    /// Source files read so far (the main file, COPY members, library macros).
    var files: [SourceFile] = []
    /// For each file, the file whose COPY brought it in (-1: none).
    var fileParents: [Int32] = []
    /// All diagnostics, in the order issued.
    var diagnostics: [Diagnostic] = []
    /// The highest severity issued.
    var maxSeverity = 0
    /// The statements of the assembly, open code and generated, in order.
    var statements: [Statement] = []
    /// The statement being processed by a pass (-1: none).
    var cur = -1
    /// Which pass is running (1 or 2).
    var pass = 1

    // Symbols and sections.
    var symbolIndex: [String: Int32] = [:]
    var symbols: [Symbol] = []
    var sections: [Section] = []
    /// The current section (-1 before the first).
    var current: Int32 = -1

    // Literals.
    var pools: [LiteralPool] = [LiteralPool()]
    var currentPool: Int32 = 0

    // Pass 2 state.
    var usings: [UsingEntry] = []
    var usingStack: [[UsingEntry]] = []
    var text: [TextChunk] = []
    var relocations: [RelocationItem] = []
    var punches: [PunchCard] = []
    var entryNames: [(name: String, statement: Int32, offset: Int)] = []
    var endEntry: (value: Value?, name: String?)? = nil
    var endSeen = false
    var deckID: String? = nil

    // Listing state.
    var printState = PrintState()
    var printStack: [PrintState] = []
    var pass1PrintStack: [PrintState] = []
    var pass1UsingDepth = 0

    /// External symbols (EXTRN, WXTRN, V-type constants) by name: their section index.
    var externals: [String: Int32] = [:]
    /// The origin START gave the first control section.
    var startOrigin: Int? = nil
    /// Statements waiting for their EQU value (forward references), by statement index.
    var pendingEquates: [Int] = []
    /// The card a REPRO statement punches, by statement index.
    var reproCards: [Int: [UInt8]] = [:]
    /// The TITLE text in effect for each statement that set one, by statement index.
    var titles: [Int: String] = [:]

    // Opcode synonyms (OPSYN): name -> the operation it stands for ("" removes it).
    var opsyn: [String: String] = [:]

    // The macro processor.
    var macro = MacroState()

    init(options: AssemblerOptions) {
        self.options = options
    }

    // MARK: Diagnostics

    /// Issues message `n` for the current statement at text offset `offset`.
    func error(_ n: Int, at offset: Int, _ detail: String? = nil) {
        guard cur >= 0 && cur < statements.count else {
            report(n, at: SourceLocation(file: 0, line: 0, column: 0), detail)
            return
        }
        let st = statements[cur]
        let loc = location(of: st, offset: offset)
        var suffix = ""
        if st.origin.generated, let m = st.origin.macroName, st.origin.callFile >= 0 {
            suffix = " (in macro \(m) called at \(fileName(st.origin.callFile)):\(st.origin.callLine))"
        }
        let index = report(n, at: loc, detail, suffix: suffix, statement: st.number)
        statements[cur].messages.append(Int32(index))
    }

    /// Issues message `n` at a source location; returns its index.
    @discardableResult
    func report(_ n: Int, at loc: SourceLocation, _ detail: String? = nil, suffix: String = "",
                statement: Int32? = nil, severity: Int? = nil, text: String? = nil) -> Int {
        let (sev, msg) = Message.text(n)
        var message = text ?? msg
        if let d = detail, !d.isEmpty { message += " - " + d }
        message += suffix
        let s = severity ?? sev.rawValue
        diagnostics.append(Diagnostic(file: fileName(loc.file), line: Int(loc.line), column: max(1, Int(loc.column)),
                                      number: n, severity: s, message: message,
                                      statement: statement.map { Int($0) }))
        maxSeverity = max(maxSeverity, s)
        return diagnostics.count - 1
    }

    func fileName(_ f: Int32) -> String {
        f >= 0 && Int(f) < files.count ? files[Int(f)].path : options.sourceName
    }

    /// The source location of a text offset of a statement.
    func location(of st: Statement, offset: Int) -> SourceLocation {
        if st.origin.pieces.isEmpty {
            return SourceLocation(file: st.origin.file, line: st.origin.line, column: Int32(offset + 1))
        }
        var chosen = st.origin.pieces[0]
        for p in st.origin.pieces where Int(p.offset) <= offset { chosen = p }
        return SourceLocation(file: st.origin.file, line: chosen.line,
                              column: chosen.column + Int32(offset - Int(chosen.offset)))
    }

    // MARK: Text helpers

    /// The current statement's text.
    var t: [UInt8] { statements[cur].text }

    /// The upper-case string of a range of the current statement's text.
    func upperText(_ r: Range<Int>) -> String { Lexer.upperString(statements[cur].text[r]) }
}

/// PRINT options (HLASM Language Reference, "PRINT instruction").
struct PrintState: Equatable {
    var on = true
    var gen = true
    var data = false
}

/// A piece of object text: bytes at an offset of a section, in the order generated.
struct TextChunk {
    var section: Int32
    var offset: Int
    var bytes: [UInt8]
}

/// A relocation (RLD) item: the field at `offset` of `position`, `length` bytes, gets the
/// address of `target` added (or subtracted).
struct RelocationItem: Equatable {
    var target: Int32
    var position: Int32
    var offset: Int
    var length: Int
    var negative: Bool
    var vType: Bool
}

/// A PUNCH or REPRO card, and how many text chunks preceded it.
struct PunchCard {
    var afterChunk: Int
    var text: [UInt8]
}
