// Garbage in: every run ends, with diagnostics, in bounded time; nothing traps.

import Foundation
import Testing
import Assembler
import TestSupport

@Suite struct RobustnessTests {
    @Test func binaryFile() {
        var bytes: [UInt8] = []
        var x: UInt32 = 12345
        for _ in 0..<100_000 {
            x = x &* 1_103_515_245 &+ 12345
            bytes.append(UInt8(truncatingIfNeeded: x >> 16))
        }
        let r = Assembler.assemble(source: bytes, options: testAssemblerOptions())
        #expect(r.diagnostics.first?.code == "ASMA700S")
        #expect(r.returnCode >= 12)
        #expect(r.statementCount == 0)
    }

    @Test func textGarbage() {
        // Printable but meaningless: every line gets a diagnostic or is a comment; no trap.
        var lines: [String] = []
        let alphabet = Array("ABC XYZ=(),'&*+-/.0123456789@#$_")
        var x: UInt32 = 7
        for _ in 0..<2000 {
            var s = ""
            for _ in 0..<Int(x % 90) {
                x = x &* 1_103_515_245 &+ 12345
                s.append(alphabet[Int(x >> 16) % alphabet.count])
            }
            x = x &* 69069 &+ 1
            lines.append(s)
        }
        let r = assembleResult(lines.joined(separator: "\n"))
        #expect(r.returnCode >= 8)
        _ = r.listing()
        _ = r.objectDeck.cards()
    }

    @Test func unbalancedQuotesAndParentheses() {
        let r = assembleResult("""
            TEST     CSECT
                     MACRO
                     M     &A
                     DC    C'&A'
                     MEND
                     M     'UNCLOSED
                     M     (A,(B)
                     DC    C'NO END
                     LA    1,((((2)
                     MVC   0(2,1),0(2)))
                     AIF   ('A EQ 'A').X
            &C       SETC  'OPEN
                     END
            """)
        #expect(r.returnCode >= 8)
        #expect(r.diagnostics.count >= 6)
    }

    @Test func runawayRecursion() {
        let r = assembleResult("""
                     MACRO
                     REC
                     REC
                     REC
                     MEND
            TEST     CSECT
                     REC
                     DC    C'AFTER'
                     END
            """)
        // Each REC calls itself twice: the nesting limit stops the whole expansion once.
        #expect(r.diagnostics.filter { $0.code == "ASMA701S" }.count == 1)
        #expect(r.objectDeck.text.flatMap(\.bytes) == ebcdic("AFTER"))
    }

    @Test func agoLoops() {
        let open = assembleResult("""
            TEST     CSECT
            .LOOP    AGO   .LOOP
                     DC    C'OUT'
                     END
            """)
        #expect(open.diagnostics.map(\.code) == ["ASMA013S"])
        #expect(open.objectDeck.text.flatMap(\.bytes) == ebcdic("OUT"))
        let inMacro = assembleResult("""
                     MACRO
                     SPIN
            .A       AGO   .A
                     MEND
            TEST     CSECT
                     SPIN
                     SPIN
                     DC    C'OUT'
                     END
            """)
        #expect(inMacro.diagnostics.map(\.code) == ["ASMA013S", "ASMA013S"])
        #expect(inMacro.objectDeck.text.flatMap(\.bytes) == ebcdic("OUT"))
    }

    @Test func actrRaisedStillEnds() {
        var o = testAssemblerOptions()
        o.statementLimit = 20_000
        let r = Assembler.assemble("""
                     MACRO
                     SPIN
                     ACTR  2000000000
            .A       ANOP
                     AGO   .A
                     MEND
            TEST     CSECT
                     SPIN
                     END
            """, options: o)
        #expect(r.diagnostics.map(\.code) == ["ASMA702U"])
        #expect(r.returnCode == 16)
    }

    @Test func growingStringsAndHugeConstants() {
        let r = assembleResult("""
            TEST     CSECT
                     LCLC  &C
            &C       SETC  'AB'
            .L       ANOP
            &C       SETC  '&C&C'
                     AIF   (K'&C LT 100000).L
                     DC    16000000XL1000'00'
                     DS    10000000X
                     DS    10000000X
                     END
            """)
        #expect(r.diagnostics.contains { $0.code == "ASMA091E" })
        #expect(r.diagnostics.contains { $0.code == "ASMA068S" })
        #expect(r.diagnostics.contains { $0.code == "ASMA039S" })
    }

    @Test func deepNestingInExpressions() {
        let deep = String(repeating: "(", count: 5000) + "1" + String(repeating: ")", count: 5000)
        let r = assembleResult("TEST     CSECT\n         DC    A(\(deep))\n&A       SETA  \(deep)\n         END\n")
        #expect(r.returnCode >= 8)
    }

    @Test func longLinesAndEmptyInput() {
        let r = assembleResult(String(repeating: "X", count: 100_000))
        #expect(r.diagnostics.contains { $0.code == "ASMA704W" })
        let empty = assembleResult("")
        #expect(empty.diagnostics.map(\.code) == ["ASMA140W"])
        #expect(empty.objectDeck.cards().count == 1)   // the END card alone
    }
}

@Suite struct MoreRobustnessTests {
    @Test func pathologicalNesting() {
        let subs = String(repeating: "&A(", count: 3000) + "1" + String(repeating: ")", count: 3000)
        let created = String(repeating: "&(", count: 3000) + "X" + String(repeating: ")", count: 3000)
        let digits = String(repeating: "9", count: 20_000)
        let r = assembleResult("""
            TEST     CSECT
                     LCLA  &A(10)
            &B       SETA  \(subs)
            &C       SETC  '\(created)'
                     DC    F'\(digits)',E'\(digits)'
                     END
            """)
        #expect(r.returnCode >= 8)
    }
}
