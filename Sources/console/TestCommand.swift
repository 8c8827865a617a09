// s370 test: the CPU conformance suite (Decks/conformance) on the bare machine.

import ArgumentParser
import Conformance
import Foundation

struct TestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Run the conformance suite and report its cases.",
        discussion: """
            Assembles each deck of Decks/conformance with the project's assembler and its macro \
            library, runs it on the bare machine in deterministic mode, and reads the results table \
            the deck keeps in storage. Prints a table (family, cases, passed, failed), the failing \
            cases and the line 'N passed, M failed'; the exit status is 1 when any case fails.
            """)

    @Option(help: "Run only the decks whose name contains PATTERN (case-insensitive; repeatable).")
    var filter: [String] = []

    @Flag(help: "Print the results as JSON.")
    var json = false

    @Flag(help: "Print how many cases each line of the checklist has (exit status 1 if a line has none).")
    var coverage = false

    @Flag(help: "Print every case's line (name, expected, got) as the deck printed it on the printer at 00E.")
    var verbose = false

    @Option(help: "The folder of the decks (default: Decks/conformance, found from here or from the s370 binary).")
    var decks: String?

    func run() throws {
        guard let suite = decks.map({ ConformanceSuite(directory: $0) }) ?? ConformanceSuite.locate() else {
            throw ValidationError("cannot find Decks/conformance: run from the s370 folder or give --decks FOLDER")
        }
        var names = suite.decks
        if !filter.isEmpty {
            names = names.filter { n in filter.contains { n.lowercased().contains($0.lowercased()) } }
        }
        guard !names.isEmpty else {
            throw ValidationError("no deck in \(suite.directory) matches \(filter.joined(separator: ", "))")
        }
        var results: [DeckResult] = []
        for name in names {
            let r = suite.run(name)
            if verbose && !json {
                // What the deck printed on its 1403 at 00E: a line per case and
                // its summary line; the results table when nothing was printed.
                print("== \(name)")
                for line in r.printed.isEmpty ? r.checks.map(\.line) : r.printed { print(line) }
            }
            results.append(r)
        }
        let report = SuiteReport(decks: results)
        let checklist = try? Checklist.load(suite)
        if json {
            print(report.json(checklist: coverage ? checklist : nil))
        } else {
            if coverage, let c = checklist {
                print(report.coverageText(c))
                print("")
            }
            print(report.text())
        }
        if coverage {
            guard let c = checklist else { throw ValidationError("cannot read \(suite.directory)/CHECKLIST.md") }
            if c.coverage(results).contains(where: { $0.checks == 0 }) { throw ExitCode(1) }
        }
        if report.failed > 0 { throw ExitCode(1) }
    }
}
