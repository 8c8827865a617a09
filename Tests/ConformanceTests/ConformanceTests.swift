// The conformance suite as Swift tests: one parameterised test runs every
// deck of Decks/conformance (STYLE.md: a test is a program plus its
// expectation), and the coverage of the checklist is asserted.

import Foundation
import Testing
import Conformance

/// The suite in this package's Decks/conformance.
let suite = ConformanceSuite(directory: URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Decks/conformance").path)

@Suite struct ConformanceTests {
    /// Each deck assembles, runs to its pass wait, and every case passes.
    @Test(arguments: suite.decks)
    func deck(_ name: String) {
        let r = suite.run(name)
        // A deck that needs devices the machine does not attach yet is reported
        // as skipped by s370 test; it has nothing to check here.
        if r.skipped != nil { return }
        #expect(r.error == nil, "\(name): \(r.error ?? "")")
        #expect(r.failures.isEmpty, "\(r.failures.joined(separator: "\n"))")
        #expect(r.waitSaysPass, "\(name) stopped: \(r.status), PSW \(String(r.finalPSW, radix: 16))")
        #expect(r.checks.count > 0)
    }

    /// Every line of the checklist and every program-interruption code has a case,
    /// and the suite has at least 1,500 cases.
    @Test func coverage() throws {
        let results = suite.decks.map { suite.run($0) }
        let checklist = try Checklist.load(suite)
        #expect(checklist.items.count >= 180)
        let empty = checklist.coverage(results).filter { $0.checks == 0 }.map(\.item.name)
        #expect(empty.isEmpty, "lines without a case: \(empty)")
        let codes = interruptionCoverage(results).filter { $0.checks == 0 }.map(\.code)
        #expect(codes.isEmpty, "interruption codes without a case: \(codes)")
        #expect(results.reduce(0) { $0 + $1.checks.count } >= 1500)
    }

    /// The report a deck prints on its 1403 is the results table line for line,
    /// then the summary line.
    @Test func printedReportIsTheTable() {
        let r = suite.run("fixed")
        #expect(r.printed.count == r.checks.count + 1)
        #expect(Array(r.printed.dropLast()) == r.checks.map(\.line))
        #expect(r.printed.last == "FIXED    CHECKS  \(String(format: "%06d", r.checks.count)) FAILED 000000")
    }

    /// The checklist parser reads table rows and tagged items.
    @Test func checklistParsing() {
        let c = Checklist(markdown: """
            | op | mnemonic | | op | mnemonic |
            |---|---|---|---|---|
            | 04 | SPM | | 08 | SSK (P) |
            | 9C00 | SIO | | B20B | IPK (P) |
            - `KEYS`: storage keys
            - not an item
            """)
        #expect(c.items.map(\.name) == ["SPM", "SSK", "SIO", "IPK", "KEYS"])
    }

    /// A deck whose case fails is reported as failing (the runner does not trust a
    /// deck that never reached its end either).
    @Test func aFailingCaseIsCaught() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("conf-\(getpid())")
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("maclib"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        for f in try FileManager.default.contentsOfDirectory(atPath: suite.maclib) {
            try FileManager.default.copyItem(atPath: suite.maclib + "/" + f, toPath: dir.path + "/maclib/" + f)
        }
        let deck = """
                     CONFBEG WRONG
                     CASE  'AR wrong on purpose'
                     LA    2,1
                     AR    2,2
                     CHKR  2,X'00000003'
                     CASE  'AR right'
                     LA    2,1
                     AR    2,2
                     CHKR  2,X'00000002'
                     CHKCC 2
                     CONFEND
            """
        try deck.write(to: dir.appendingPathComponent("wrong.asm"), atomically: true, encoding: .utf8)
        let r = ConformanceSuite(directory: dir.path).run("wrong")
        #expect(r.error == nil)
        #expect(r.checks.count == 3)
        #expect(r.failed == 1 && r.passed == 2)
        #expect(!r.waitSaysPass)
        #expect(r.failures.first?.contains("AR wrong on purpose R2") == true)
        #expect(SuiteReport(decks: [r]).text().hasSuffix("2 passed, 1 failed"))
    }
}
