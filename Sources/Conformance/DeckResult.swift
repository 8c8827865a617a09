// What one conformance deck reported: its checks, read from the results
// table the deck keeps in storage (the authoritative record; the printed
// lines are for people), and how the machine stopped.

/// One check of a conformance deck: a line of its report.
public struct CheckResult: Sendable, Equatable {
    /// The check's name: the case name and a suffix (`AR max R2`, `D zero INT`).
    public var name: String
    /// The expected value.
    public var expected: [UInt8]
    /// The value the deck found.
    public var got: [UInt8]
    /// Whether they agreed (as the deck judged it; the runner compares too).
    public var passed: Bool
    /// Whether this is a record of an interruption nobody expected.
    public var unexpected: Bool

    /// The checklist item the check counts for: the first word of its name.
    public var item: String { String(name.split(separator: " ").first ?? "") }

    /// The checklist items the check counts for: the first word of its name and
    /// the words after it while they are items too (`SPKA IPK 30` counts for
    /// SPKA and IPK; `ICM 00000000 A` for ICM alone).
    public func items(in known: Set<String>) -> [String] {
        let words = name.split(separator: " ").map(String.init)
        guard let first = words.first else { return [] }
        var out = [first]
        for w in words.dropFirst() {
            guard known.contains(w), !out.contains(w) else { break }
            out.append(w)
        }
        return out
    }

    /// `name  EXP hex  GOT hex  PASS|FAIL`.
    public var line: String {
        "\(name.padding(toLength: 32, withPad: " ", startingAt: 0)) EXP \(hexString(expected)) GOT \(hexString(got)) \(passed ? "PASS" : "FAIL")"
    }
}

/// The result of running one deck.
public struct DeckResult: Sendable {
    /// The deck's file name without `.asm` (`fixed`, `decimal`...).
    public var deck: String
    /// The checks, in the order the deck made them.
    public var checks: [CheckResult]
    /// Checks the deck declares (one per check macro); fewer recorded means
    /// some were never reached.
    public var declared: Int
    /// Whether the deck reached its end and stopped in the disabled wait that says pass.
    public var waitSaysPass: Bool
    /// How the machine stopped, and the final PSW.
    public var status: String
    public var finalPSW: UInt64
    /// Instructions executed.
    public var instructions: UInt64
    /// The lines the deck printed (printer 00E), when a printer was attached.
    public var printed: [String]
    /// Why the deck could not be run (assembly errors, no results table), if so.
    public var error: String?
    /// Why the deck was not run (it needs devices the machine lacks), if so.
    public var skipped: String?

    /// Checks declared but never recorded.
    public var notReached: Int { max(0, declared - checks.filter { !$0.unexpected }.count) }
    /// Passed checks.
    public var passed: Int { checks.filter(\.passed).count }
    /// Failed checks, counting unreached checks and a run that did not end well.
    public var failed: Int {
        if skipped != nil { return 0 }
        return checks.filter { !$0.passed }.count + notReached
            + (error != nil || (!waitSaysPass && checks.allSatisfy(\.passed) && notReached == 0) ? 1 : 0)
    }
    /// The lines to show for what went wrong.
    public var failures: [String] {
        if skipped != nil { return [] }
        var out = checks.filter { !$0.passed }.map { "\(deck): \($0.line)" }
        if let e = error { out.append("\(deck): \(e)") }
        if notReached > 0 { out.append("\(deck): \(notReached) checks never reached (stopped: \(status), PSW \(hex64(finalPSW)))") }
        if error == nil && !waitSaysPass && checks.allSatisfy(\.passed) && notReached == 0 {
            out.append("\(deck): did not end in the pass wait (stopped: \(status), PSW \(hex64(finalPSW)))")
        }
        return out
    }
}

/// Hexadecimal digits of bytes.
func hexString(_ b: [UInt8]) -> String {
    let digits = Array("0123456789ABCDEF")
    var s = ""
    for x in b { s.append(digits[Int(x >> 4)]); s.append(digits[Int(x & 15)]) }
    return s
}

/// A PSW as 16 digits in two words.
func hex64(_ v: UInt64) -> String {
    let s = hexString((0..<8).map { UInt8(truncatingIfNeeded: v >> (56 - 8 * $0)) })
    return String(s.prefix(8)) + " " + String(s.suffix(8))
}
