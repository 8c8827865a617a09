// The report of `s370 test`: a table by family (deck), the failing checks,
// the closing line `N passed, M failed`, the coverage of the checklist, and
// the same as JSON.

import Foundation

/// The results of a run of the suite.
public struct SuiteReport {
    /// One result per deck run.
    public var decks: [DeckResult]

    public init(decks: [DeckResult]) { self.decks = decks }

    /// Checks passed and failed over all decks.
    public var passed: Int { decks.reduce(0) { $0 + $1.passed } }
    public var failed: Int { decks.reduce(0) { $0 + $1.failed } }

    /// The table, the failures and the closing line.
    public func text() -> String {
        var lines = ["family        cases  passed  failed  instructions"]
        for d in decks {
            if let why = d.skipped {
                lines.append(pad(d.deck, 12) + "  skipped: " + why)
                continue
            }
            let cases = d.checks.count + d.notReached
            lines.append(pad(d.deck, 12) + String(format: " %6d  %6d  %6d  %12llu", cases, d.passed, d.failed,
                                                  d.instructions))
        }
        let failures = decks.flatMap(\.failures)
        if !failures.isEmpty {
            lines.append("")
            lines.append("failing cases:")
            lines.append(contentsOf: failures.map { "  " + $0 })
        }
        lines.append("")
        lines.append("\(passed) passed, \(failed) failed")
        return lines.joined(separator: "\n")
    }

    /// The coverage of the checklist: one line per item with its checks, the
    /// program-interruption codes, and the items with none.
    public func coverageText(_ checklist: Checklist) -> String {
        let cov = checklist.coverage(decks)
        var lines = ["checklist line                                      checks"]
        for (item, n) in cov {
            let label = item.opcode.isEmpty ? item.name : "\(item.opcode) \(item.name)"
            lines.append(pad(label, 50) + String(format: " %6d", n))
        }
        lines.append("")
        lines.append("program interruption code   checks")
        for (code, n) in interruptionCoverage(decks) {
            lines.append(String(format: "X'%02X'                      %6d", code, n))
        }
        let missing = cov.filter { $0.checks == 0 }.map(\.item.name)
            + interruptionCoverage(decks).filter { $0.checks == 0 }.map { String(format: "code X'%02X'", $0.code) }
        lines.append("")
        lines.append(missing.isEmpty ? "every checklist line has a case (\(cov.count) lines)"
                     : "lines without a case: \(missing.joined(separator: ", "))")
        return lines.joined(separator: "\n")
    }

    /// The results as a JSON object.
    public func json(checklist: Checklist?) -> String {
        var object: [String: Any] = [
            "passed": passed, "failed": failed,
            "families": decks.map { d -> [String: Any] in
                [
                    "family": d.deck, "cases": d.checks.count + d.notReached, "passed": d.passed, "failed": d.failed,
                    "instructions": d.instructions, "status": d.status, "error": d.error ?? NSNull(),
                    "failures": d.failures, "skipped": d.skipped ?? NSNull(),
                ]
            },
        ]
        if let c = checklist {
            object["coverage"] = Dictionary(c.coverage(decks).map { ($0.item.name, $0.checks) }, uniquingKeysWith: +)
        }
        guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .prettyPrinted]) else {
            return "{}"
        }
        return String(decoding: data, as: UTF8.self)
    }
}

/// `s` padded with blanks to `n` characters.
func pad(_ s: String, _ n: Int) -> String { s.count >= n ? s : s + String(repeating: " ", count: n - s.count) }
