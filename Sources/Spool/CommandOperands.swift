// The operands of CP's spool commands, read by the VM/370 rules (CPREF SPOOL,
// CLOSE, CHANGE, PURGE, ORDER, TRANSFER; the CE HELP files): CP splits the
// command line into words and passes them here; the result is what to set or
// do. Keywords may be shortened to the capitals of their HELP spelling
// (CLass, CONt, NOCont, HOld, NOHold, NOEof, COpy, To, For, PUrge, DIst,
// Name); a conflict (HOLD and NOHOLD, TO with OFF or FOR ...) or an operand
// that does not apply to the device is an error that names the operand.

/// What is wrong with a spool command's operands (CP turns these into its messages).
public enum SpoolOperandError: Error, Equatable, CustomStringConvertible {
    /// DMKCFC003E INVALID OPTION - x: unknown, misplaced or conflicting.
    case invalidOption(String)
    /// DMKCFC026E OPERAND MISSING OR INVALID: a keyword without its value, or no operand at all.
    case missingOperand(String)
    /// DMKCSP053E userid NOT IN CP DIRECTORY.
    case unknownUser(String)

    public var description: String {
        switch self {
        case .invalidOption(let o): return "INVALID OPTION - \(o)"
        case .missingOperand(let o): return "\(o) MISSING OR INVALID"
        case .unknownUser(let u): return "\(u) NOT IN CP DIRECTORY"
        }
    }
}

/// The operands of a keyword list: matching with abbreviations.
struct OperandWords {
    var words: [String]
    var i = 0

    init(_ words: [String]) { self.words = words.map { $0.uppercased() } }

    var atEnd: Bool { i >= words.count }

    mutating func next() -> String? {
        guard i < words.count else { return nil }
        i += 1
        return words[i - 1]
    }

    /// Whether `word` is `keyword` or an abbreviation of it at least `minimum` long.
    static func matches(_ word: String, _ keyword: String, _ minimum: Int) -> Bool {
        word.count >= minimum && word.count <= keyword.count && keyword.hasPrefix(word)
    }

    mutating func value(for keyword: String) throws -> String {
        guard let v = next() else { throw SpoolOperandError.missingOperand(keyword) }
        return v
    }
}

/// SPOOL RDR|PRT|PUN|vaddr options (CPREF, SPOOL).
public struct SpoolCommandOperands: Equatable, Sendable {
    public var spoolClass: Character? = nil
    public var continuous: Bool? = nil
    public var hold: Bool? = nil
    public var copies: Int? = nil
    public var destination: SpoolDestination? = nil
    public var endOfFile: Bool? = nil
    /// CLOSE: close the device's file after setting the options (punch, printer).
    public var close = false
    /// PURGE: discard the device's open file (punch, printer).
    public var purge = false

    /// Reads the options for a reader (`reader`) or a punch or printer. `userid` is
    /// the issuer (TO * and FOR * name it); `known` says whether a userid exists.
    public init(_ operands: [String], reader: Bool, userid: String, known: (String) -> Bool) throws {
        var w = OperandWords(operands)
        guard !w.atEnd else { throw SpoolOperandError.missingOperand("OPTION") }
        func set<T: Equatable>(_ field: inout T?, _ value: T, _ word: String) throws {
            if let old = field, old != value { throw SpoolOperandError.invalidOption(word) }
            field = value
        }
        func user(_ keyword: String) throws -> String? {
            let u = try w.value(for: keyword)
            if u == "*" { return userid }
            if u == "SYSTEM" { return nil }
            guard let n = Userid.normalized(u) else { throw SpoolOperandError.invalidOption(u) }
            guard known(n) else { throw SpoolOperandError.unknownUser(n) }
            return n
        }
        var sawOff = false
        while let word = w.next() {
            if OperandWords.matches(word, "CLASS", 2) {
                let v = try w.value(for: "CLASS")
                guard v.count == 1, let c = v.first, SpoolClass.isValid(c) || (c == "*" && reader) else {
                    throw SpoolOperandError.invalidOption(v)
                }
                try set(&spoolClass, c, word)
            } else if OperandWords.matches(word, "CONT", 3) {
                try set(&continuous, true, word)
            } else if OperandWords.matches(word, "NOCONT", 3) {
                try set(&continuous, false, word)
            } else if OperandWords.matches(word, "HOLD", 2) {
                try set(&hold, true, word)
            } else if OperandWords.matches(word, "NOHOLD", 3) {
                try set(&hold, false, word)
            } else if reader && word == "EOF" {
                try set(&endOfFile, true, word)
            } else if reader && OperandWords.matches(word, "NOEOF", 3) {
                try set(&endOfFile, false, word)
            } else if !reader && OperandWords.matches(word, "COPY", 2) {
                let v = try w.value(for: "COPY")
                guard let n = Int(v), (1...99).contains(n) else { throw SpoolOperandError.invalidOption(v) }
                try set(&copies, n, word)
            } else if !reader && word == "OFF" {
                // OFF: back to the system queue; with TO or FOR it is a conflict.
                if destination != nil && destination != .system { throw SpoolOperandError.invalidOption(word) }
                sawOff = true
                destination = .system
            } else if !reader && OperandWords.matches(word, "TO", 1) {
                if sawOff || destination != nil { throw SpoolOperandError.invalidOption(word) }
                destination = try user("TO").map { .toUser($0) } ?? .system
            } else if !reader && OperandWords.matches(word, "FOR", 1) {
                if sawOff || destination != nil { throw SpoolOperandError.invalidOption(word) }
                destination = try user("FOR").map { .forUser($0) } ?? .system
            } else if !reader && word == "CLOSE" {
                close = true
            } else if !reader && OperandWords.matches(word, "PURGE", 2) {
                purge = true
            } else {
                throw SpoolOperandError.invalidOption(word)
            }
        }
        if close && purge { throw SpoolOperandError.invalidOption("PURGE") }
    }

    /// Sets the options on a device's settings (CLOSE and PURGE are for the caller to do after).
    public func apply(to s: inout SpoolSettings) {
        if let v = spoolClass { s.spoolClass = v }
        if let v = continuous { s.continuous = v }
        if let v = hold { s.hold = v }
        if let v = copies { s.copies = v }
        if let v = destination { s.destination = v }
        if let v = endOfFile { s.endOfFile = v }
    }
}

extension CloseOptions {
    /// CLOSE vaddr operands: `[HOLD|NOHOLD] [PURGE] [DIST distcode] [NAME fn [ft] | dsname]`
    /// (a reader takes only HOLD and NOHOLD; NAME comes last).
    public init(operands: [String], reader: Bool) throws {
        self.init()
        var w = OperandWords(operands)
        while let word = w.next() {
            if OperandWords.matches(word, "HOLD", 2) {
                if hold == false { throw SpoolOperandError.invalidOption(word) }
                hold = true
            } else if OperandWords.matches(word, "NOHOLD", 3) {
                if hold == true { throw SpoolOperandError.invalidOption(word) }
                hold = false
            } else if !reader && OperandWords.matches(word, "PURGE", 2) {
                purge = true
            } else if !reader && OperandWords.matches(word, "DIST", 2) {
                let d = try w.value(for: "DIST")
                guard (1...8).contains(d.count) else { throw SpoolOperandError.invalidOption(d) }
                distribution = d
            } else if !reader && OperandWords.matches(word, "NAME", 1) {
                (name, type) = try fileName(&w)
            } else {
                throw SpoolOperandError.invalidOption(word)
            }
        }
    }
}

extension SpoolChanges {
    /// CHANGE ... operands: `CLASS c`, `COPY nn`, `HOLD|NOHOLD`, `DIST distcode`, `NAME fn [ft] | dsname` (last).
    public init(operands: [String]) throws {
        self.init()
        var w = OperandWords(operands)
        guard !w.atEnd else { throw SpoolOperandError.missingOperand("OPTION") }
        while let word = w.next() {
            if OperandWords.matches(word, "CLASS", 2) {
                let v = try w.value(for: "CLASS")
                guard v.count == 1, let c = v.first, SpoolClass.isValid(c) else { throw SpoolOperandError.invalidOption(v) }
                spoolClass = c
            } else if OperandWords.matches(word, "COPY", 2) {
                let v = try w.value(for: "COPY")
                guard let n = Int(v), (1...99).contains(n) else { throw SpoolOperandError.invalidOption(v) }
                copies = n
            } else if OperandWords.matches(word, "HOLD", 2) {
                if hold == false { throw SpoolOperandError.invalidOption(word) }
                hold = true
            } else if OperandWords.matches(word, "NOHOLD", 3) {
                if hold == true { throw SpoolOperandError.invalidOption(word) }
                hold = false
            } else if OperandWords.matches(word, "DIST", 2) {
                let d = try w.value(for: "DIST")
                guard (1...8).contains(d.count) else { throw SpoolOperandError.invalidOption(d) }
                distribution = d
            } else if OperandWords.matches(word, "NAME", 1) {
                let (n, t) = try fileName(&w)
                name = n
                type = t ?? ""
            } else {
                throw SpoolOperandError.invalidOption(word)
            }
        }
    }
}

extension SpoolSelection {
    /// `spoolid... | CLASS c | ALL` (the words after the queue of PURGE, ORDER, TRANSFER, CHANGE);
    /// returns the selection and the words left after it.
    public static func parse(_ operands: [String], many: Bool = true) throws -> (SpoolSelection, rest: [String]) {
        var w = OperandWords(operands)
        guard let first = w.next() else { throw SpoolOperandError.missingOperand("SPOOLID") }
        if first == "ALL" { return (.all, Array(w.words[w.i...])) }
        if OperandWords.matches(first, "CLASS", 2) {
            let v = try w.value(for: "CLASS")
            guard v.count == 1, let c = v.first, SpoolClass.isValid(c) else { throw SpoolOperandError.invalidOption(v) }
            return (.spoolClass(c), Array(w.words[w.i...]))
        }
        var ids: [Int] = []
        w.i -= 1
        while w.i < w.words.count, let n = Int(w.words[w.i]) {
            guard (1...SpoolSystem.maximumSpoolid).contains(n) else { throw SpoolOperandError.invalidOption(w.words[w.i]) }
            ids.append(n)
            w.i += 1
            if !many { break }
        }
        guard !ids.isEmpty else { throw SpoolOperandError.invalidOption(first) }
        return (.spoolids(ids), Array(w.words[w.i...]))
    }
}

/// NAME fn [ft] | dsname: the rest of the operands (NAME is the last).
private func fileName(_ w: inout OperandWords) throws -> (String, String?) {
    let rest = Array(w.words[w.i...])
    w.i = w.words.count
    switch rest.count {
    case 1:
        guard rest[0].count <= 24 else { throw SpoolOperandError.invalidOption(rest[0]) }
        return (rest[0], rest[0].count > 8 ? nil : "")
    case 2:
        guard rest[0].count <= 8 else { throw SpoolOperandError.invalidOption(rest[0]) }
        guard rest[1].count <= 8 else { throw SpoolOperandError.invalidOption(rest[1]) }
        return (rest[0], rest[1])
    case 0: throw SpoolOperandError.missingOperand("NAME")
    default: throw SpoolOperandError.invalidOption(rest[2])
    }
}
