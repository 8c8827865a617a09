// Each diagnostic: message number, severity, file, line and column, and that
// the assembly goes on to report every error.

import Testing
import Assembler
import TestSupport

@Suite struct DiagnosticTests {
    /// (source, expected code, line, column). Line 1 is `TEST CSECT` with `USING TEST,12`.
    static let cases: [(String, String, Int, Int)] = [
        ("         L     1,NOWHERE", "ASMA044E", 3, 18),
        ("X        DC    F'1'\nX        DC    F'2'", "ASMA043E", 4, 1),
        ("         L     1,FAR\n         DS    XL5000\nFAR      DS    F", "ASMA034E", 3, 18),
        ("         DROP  12\n         L     1,TEST", "ASMA307E", 4, 18),
        ("         LR    16,1", "ASMA029E", 3, 16),
        ("         L     1,4096(0,2)", "ASMA028E", 3, 18),
        ("         MVI   0(1),256", "ASMA031E", 3, 21),
        ("         FROB  1,2", "ASMA057E", 3, 10),
        ("         DC    C'ABC", "ASMA063E", 3, 17),
        ("         LA    1,2+)", "ASMA041E", 3, 20),
        ("         LA    1,2)3", "ASMA145E", 3, 19),
        ("         L     1,", "ASMA040S", 3, 18),
        ("         LR    TEST,1", "ASMA032E", 3, 16),
        ("         L     1,TEST+TEST", "ASMA078E", 3, 18),
        ("         MVC   0(300,1),0(2)", "ASMA068S", 3, 18),
        ("         DC    Q'1'", "ASMA065E", 3, 16),
        ("         DC    H'40000'", "ASMA072E", 3, 18),
        ("         DC    E'1E80'", "ASMA064S", 3, 18),
        ("         DC    F'1.2.3'", "ASMA041E", 3, 18),
        ("         AIF   (1 EQ 1).NOWHERE", "ASMA012S", 3, 24),
        ("         COPY  NOSUCH", "ASMA060S", 3, 16),
        ("         DC    C'&UNDECLARED'", "ASMA003E", 3, 18),
        ("         ICTL  2", "ASMA059S", 3, 10),
        ("         USING TEST,0", "ASMA302W", 3, 21),
        ("         SRP   0(17,1),0(2),5", "ASMA068S", 3, 18),
        ("         LE    1,0(2)", "ASMA706W", 3, 16),
        ("         ENTRY NOTHERE", "ASMA044E", 3, 16),
        ("         DC    A(,1)", "ASMA040S", 3, 18),
    ]

    @Test(arguments: cases.indices)
    func diagnostic(_ k: Int) {
        let (body, code, line, column) = DiagnosticTests.cases[k]
        let r = assembleResult("TEST     CSECT\n         USING TEST,12\n" + body + "\n         END\n")
        let d = r.diagnostics.first { $0.code == code }
        #expect(d != nil, "\(body): expected \(code), got \(r.diagnostics.map(\.description))")
        if let d {
            #expect(d.line == line && d.column == column, "\(body): \(d)")
            #expect(d.file == "test.asm")
            #expect(d.description.hasPrefix("test.asm:\(line):\(column): \(code) "))
            #expect(r.returnCode == d.severity || r.returnCode > d.severity)
        }
    }

    @Test func assemblyContinuesAndReportsEveryError() {
        let r = assembleResult("""
            TEST     CSECT
                     USING TEST,12
                     L     1,A
                     L     1,B
                     FROB
                     L     1,C
            C        DC    F'1'
                     END
            """)
        #expect(r.diagnostics.map(\.code) == ["ASMA057E", "ASMA044E", "ASMA044E"])
        #expect(r.diagnostics.map(\.line).sorted() == [3, 4, 5])
        #expect(r.returnCode == 8)
        // The good statements still assemble (the unknown operation takes no space): C at 12.
        #expect(r.objectDeck.text.flatMap(\.bytes).suffix(8) == [0x58, 0x10, 0xC0, 0x0C, 0, 0, 0, 1])
    }

    @Test func diagnosticsInMacrosNameTheCall() {
        let r = assembleResult("""
            TEST     CSECT
                     MACRO
                     BAD
                     L     1,NOWHERE
                     MEND
                     USING TEST,12
                     BAD
                     END
            """)
        let d = r.diagnostics.first
        #expect(d?.code == "ASMA044E")
        #expect(d?.line == 4)            // the model statement
        #expect(d?.message.contains("in macro BAD called at test.asm:7") == true)
    }

    @Test func missingEndAndMissingMend() {
        let r = assembleResult("TEST     CSECT\n         DC    F'1'\n")
        #expect(r.diagnostics.map(\.code) == ["ASMA140W"])
        #expect(r.returnCode == 4)
        let m = assembleResult("         MACRO\n         OPEN\n         DC    F'1'\n")
        #expect(m.diagnostics.map(\.code).contains("ASMA086S"))
    }

    @Test func continuationErrors() {
        func continued(_ s: String) -> String { s.padding(toLength: 71, withPad: " ", startingAt: 0) + "X" }
        // Columns 1-15 of a continuation record must be blank; a continued last record is an error.
        let r = assembleResult("TEST     CSECT\n" + continued("         DC    C'AB") + "\nXXX            CD'\n" + continued("         END"))
        #expect(r.diagnostics.contains { $0.code == "ASMA144E" && $0.line == 3 && $0.column == 1 })
        #expect(r.diagnostics.contains { $0.code == "ASMA120S" && $0.line == 4 && $0.column == 72 })
        // The statement still assembles from its two records: the string runs to column 71
        // (52 blanks after AB) and goes on at column 16.
        #expect(r.objectDeck.text.flatMap(\.bytes) == ebcdic("AB") + [UInt8](repeating: 0x40, count: 52) + ebcdic("CD"))
    }
}
