// The remaining assembler instructions: PUNCH and REPRO, ICTL, OPSYN, COM,
// PUSH and POP, ENTRY; cross-section address constants; S-type constants
// through USING; EQU's type operand.

import Testing
import Assembler
import Records
import TestSupport

@Suite struct InstructionsTests {
    @Test func punchAndRepro() {
        let r = assembleResult("""
                     PUNCH ' ENTRY START'
            TEST     CSECT
                     DC    C'A'
                     PUNCH 'AFTER TEXT'
                     REPRO
            THIS RECORD IS PUNCHED AS IT IS
                     DC    C'B'
                     END
            """)
        #expect(r.returnCode == 0, "\(r.diagnostics)")
        let texts = r.objectDeck.cards().map { EBCDIC.decode($0.columns.prefix(72)).trimmingTrailingBlanks }
        #expect(texts[0] == " ENTRY START")                 // before the ESD: it came before any text
        #expect(texts[1].hasPrefix("\u{02}ESD"))
        #expect(texts[2].hasPrefix("\u{02}TXT"))
        #expect(texts[3] == "AFTER TEXT")
        #expect(texts[4] == "THIS RECORD IS PUNCHED AS IT IS")
        #expect(texts[5].hasPrefix("\u{02}TXT"))
        // The loader skips cards that are not object records.
        #expect((try? ObjectDeck.read(r.objectDeck.cards()))?.first?.text.count == 2)
    }

    @Test func ictlChangesTheColumns() throws {
        // Statements start in column 2 and end in column 70; continuation column 71, continue in 16.
        let code = try objectCode("")   // warm-up: the plain form works
        #expect(code.isEmpty)
        let r = assembleResult("""
                     ICTL  2,70,16
             TEST    CSECT
             X       DC    C'IN'
                     END
            """)
        #expect(r.returnCode == 0, "\(r.diagnostics)")
        #expect(r.objectDeck.text.flatMap(\.bytes) == ebcdic("IN"))
    }

    @Test func opsynAndPushPop() throws {
        let code = try objectCode("""
            LOAD     OPSYN L
            MOVE     OPSYN MVC
                     USING TEST,10
                     PUSH  USING,PRINT
                     DROP  10
                     USING TEST,11
                     LOAD  1,X
                     POP   USING,PRINT
                     MOVE  X,X
            MVC      OPSYN
            X        DC    F'7'
            """)
        // LOAD is L (through R11 before POP); MOVE is MVC (R10 again after POP).
        #expect(code == hexBytes("5810B00C D203A00CA00C 0000 00000007"))
    }

    @Test func commonSectionsAndCrossSectionConstants() throws {
        let r = assembleResult("""
            ONE      CSECT
                     DC    A(LATER-ONE)         absolute
                     DC    A(TWO-ONE)           two RLD items
                     DC    A(AREA)
            LATER    DS    0H
            TWO      CSECT
                     DC    C'2'
            AREA     COM
                     DS    XL100
                     END
            """)
        #expect(r.returnCode == 0, "\(r.diagnostics)")
        #expect(r.objectDeck.esd.map(\.type) == [.sectionDefinition, .sectionDefinition, .common])
        #expect(r.objectDeck.esd[2].length == 100)
        // TWO at 16: TWO-ONE assembles as 16 and relocates +TWO -ONE.
        #expect(r.objectDeck.text[0].bytes == hexBytes("0000000C 00000010 00000000"))
        let rld = r.objectDeck.rld
        #expect(rld.map(\.address) == [4, 4, 8])
        #expect(rld.map(\.isNegative) == [true, false, false])
        // Loaded at X'2000': TWO-ONE is unchanged; AREA follows the program.
        let (image, _, map) = try Loader.link([r.objectDeck], at: 0x2000)
        let area = try #require(map.symbols["AREA"])
        #expect(Array(image[0..<12]) == hexBytes("0000000C 00000010") + bytes32(area))
        #expect(area >= 0x2000 + 17 && area % 8 == 0)
    }

    @Test func sTypeThroughUsingAndEquTypes() throws {
        let code = try objectCode("""
                     USING TEST,9
                     DC    S(FIELD,FIELD+2)
            FIELD    DC    H'1'
            K        EQU   5,2,C'K'
                     LCLC  &T
            &T       SETC  T'K
                     DC    C'&T'
            """)
        #expect(code == hexBytes("9004 9006 0001") + ebcdic("K"))
    }

    @Test func entryErrors() {
        let r = assembleResult("""
            TEST     CSECT
                     ENTRY ABS,DUMMY
            ABS      EQU   5
            D        DSECT
            DUMMY    DS    F
                     END
            """)
        #expect(r.diagnostics.map(\.code) == ["ASMA048E", "ASMA048E"])
    }
}

extension String {
    var trimmingTrailingBlanks: String {
        var s = self
        while s.hasSuffix(" ") { s.removeLast() }
        return s
    }
}

@Suite struct CaseAndCopyTests {
    /// HLASM folds lower case in symbols, operation codes, variable symbols and
    /// sequence symbols; character constants keep their case.
    @Test func lowerCaseSource() throws {
        let code = try objectCode("""
                     macro
            &lbl     twice &v
            &lbl     dc    c'&v&V'
                     mend
                     using test,12
            here     twice ab
                     lclA  &n
            &N       seta  2
                     aif   (&n eq 2).skip
                     dc    c'NOT'
            .SKIP    anop
                     l     1,HERE
                     dc    x'ff',Al1(l'here)
            """)
        #expect(code == ebcdic("abab") + hexBytes("5810C000 FF04"))
    }

    @Test func recursiveCopyIsStopped() {
        let r = assembleResult("TEST     CSECT\n         COPY  LOOPY\n         END\n",
                               macros: ["LOOPY.cpy": "         DC    C'X'\n         COPY  LOOPY\n"])
        #expect(r.diagnostics.map(\.code) == ["ASMA055S"])
        #expect(r.objectDeck.text.flatMap(\.bytes) == ebcdic("X"))
    }
}
