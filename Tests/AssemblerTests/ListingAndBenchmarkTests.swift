// The listing's form, and the 5,000-statement benchmark program (assembled
// cleanly; the speed is printed, not asserted: `s370 asm --benchmark` in a
// release build is the measurement).

import Foundation
import Testing
import Assembler
import TestSupport

@Suite struct ListingAndBenchmarkTests {
    @Test func listingShowsLocationObjectAddressesAndSource() throws {
        let r = assembleResult("""
            PROG     CSECT
                     USING *,12
                     MACRO
                     TWO
                     LR    1,2
                     LR    3,4
                     MEND
                     L     1,DATA
                     TWO
                     PRINT NOGEN
                     TWO
                     PRINT GEN
                     L     2,UNDEFINED
            DATA     DC    F'1'
                     END
            """)
        let lines = r.listing().components(separatedBy: "\n")
        func line(_ stmt: Int) -> String? {
            lines.first { $0.count > 40 && $0.dropFirst(36).prefix(5).trimmingCharacters(in: .whitespaces) == String(stmt) }
        }
        // Location, object code in groups, ADDR2, statement number, source.
        // (The unlisted expansion still takes its 4 bytes: DATA is at X'10'.)
        #expect(line(8) == "000000 5810 C010              00010     8           L     1,DATA")
        // Generated statements are marked + ...
        #expect(line(10) == "000004 1812                            10 +         LR    1,2")
        // ... and PRINT NOGEN hides them (the call is listed, its expansion is not).
        #expect(line(13) != nil)
        #expect(line(14) == nil && line(15) == nil)
        // The error follows its statement.
        let err = try #require(lines.firstIndex { $0.hasPrefix("** ASMA044E Undefined symbol - UNDEFINED") })
        #expect(lines[err - 1].contains("L     2,UNDEFINED"))
        // The cross-reference: symbol, length, value, ESDID, relocatable, type, definition, references.
        #expect(lines.contains { $0 == "DATA          4 00000010 00000001 R  F     18  8" })
        #expect(lines.contains { $0.contains("1 Statements Flagged in this Assembly   8 was Highest Severity Code") })
        #expect(lines.contains { $0 == "PROG     SD     0001   00000000 00000014" })
    }

    @Test func benchmarkProgramOf5000Statements() {
        let text = AssemblerBenchmark.source(statements: 5000)
        let (rate, seconds, result) = AssemblerBenchmark.run(text, repeats: 1)
        #expect(result.returnCode == 0, "\(result.diagnostics.prefix(5))")
        #expect(result.statementCount >= 5000)
        #expect(result.objectDeck.text.reduce(0) { $0 + $1.bytes.count } > 10_000)
        print("assembler: \(result.statementCount) statements in \(String(format: "%.3f", seconds)) s, "
              + "\(Int(rate)) statements per second (debug build; see s370 asm --benchmark)")
    }
}
