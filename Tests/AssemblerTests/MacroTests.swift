// The macro language (HLASM Language Reference, "Macro language" and
// "Conditional assembly"), each feature checked through the object code the
// generated statements produce.

import Foundation
import Testing
import Assembler
import Records
import TestSupport

func ebcdic(_ s: String) -> [UInt8] { EBCDIC.encode(s) }

@Suite struct MacroTests {
    @Test func positionalKeywordAndNameParameters() throws {
        let code = try objectCode("""
                     MACRO
            &LABEL   GEN   &A,&B,&KEY=DEF,&NONE=
            &LABEL   DC    C'&A.&B.&KEY.&NONE'
                     MEND
            HERE     GEN   X,Y
                     GEN   ,Z,KEY=K
                     GEN   KEY=Q,P
                     DC    A(HERE)
            """)
        // HERE X Y DEF; (omitted) Z K; keyword first, P positional.
        // Nine characters, three bytes to align the A-constant, which holds HERE (0).
        #expect(code == ebcdic("XYDEF") + ebcdic("ZK") + ebcdic("PQ") + [0, 0, 0] + [0, 0, 0, 0])
    }

    @Test func sublistsAndSyslist() throws {
        let code = try objectCode("""
                     MACRO
                     LIST  &P,&Q
                     LCLA  &A,&B,&C
            &A       SETA  N'&P
            &B       SETA  N'&Q
            &C       SETA  N'&SYSLIST
                     DC    AL1(&A,&B,&C)
                     DC    C'&P(2)&P(3,2)&SYSLIST(2)&SYSLIST(3,1)'
                     DC    C'&SYSLIST(0)'
                     MEND
            NAME     LIST  (A,B,(C,D)),,(E,F)
            """)
        // N'&P 3, N'&Q 0 (omitted), 3 positional operands; &P(2) B, &P(3,2) D,
        // &SYSLIST(2) null, &SYSLIST(3,1) E; &SYSLIST(0) the name field.
        #expect(code == [3, 0, 3] + ebcdic("BDE") + ebcdic("NAME"))
    }

    @Test func sysndxMakesUniqueLabels() throws {
        let code = try objectCode("""
                     MACRO
                     LOOP
            L&SYSNDX DC    C'&SYSNDX'
                     DC    A(L&SYSNDX-TEST)
                     MEND
                     LOOP
                     LOOP
            """)
        #expect(code == ebcdic("0001") + [0, 0, 0, 0] + ebcdic("0002") + [0, 0, 0, 8])
    }

    @Test func arithmeticAndLogicalExpressions() throws {
        let code = try objectCode("""
                     LCLA  &A,&B
                     LCLB  &T,&F
            &A       SETA  2+3*4-(10/3)
            &B       SETA  -7/2
            &T       SETB  (&A EQ 11 AND NOT (&B GT 0))
            &F       SETB  (&A LT 5 OR 'ABC' GT 'ABD')
                     DC    AL1(&A,&T,&F),F'&B'
            &A       SETA  X'10'+B'11'+C'A'
                     DC    AL2(&A)
            """)
        // 2+12-3 = 11; -7/2 = -3 (truncated); substituted as its magnitude: F'3'.
        // X'10'+3+X'C1' = 16+3+193 = 212.
        #expect(code == [11, 1, 0] + [0] + [0, 0, 0, 3] + [0, 212])
    }

    @Test func characterExpressions() throws {
        let code = try objectCode("""
                     LCLC  &C,&D,&E
            &C       SETC  'ABCDEF'
            &D       SETC  '&C'(2,3).'-'.'&C'(5,*)
            &E       SETC  (3)'XY'
                     DC    C'&D&E'
                     LCLA  &K,&L,&Q
            &K       SETA  K'&C
            &L       SETA  K'&E
            &C       SETC  'IT''S'
            &Q       SETA  K'&C
                     DC    AL1(&K,&L,&Q)
            """)
        // '' in a SETC string is one quote: IT'S has 4 characters.
        #expect(code == ebcdic("BCD-EFXYXYXY") + [6, 6, 4])
    }

    @Test func characterComparisonShorterIsLower() throws {
        let code = try objectCode("""
                     LCLB  &X,&Y,&Z
            &X       SETB  ('B' LT 'AA')
            &Y       SETB  ('A' LT '1')
            &Z       SETB  ('ABC' EQ 'ABC')
                     DC    AL1(&X,&Y,&Z)
            """)
        // Shorter is lower; equal lengths compare in EBCDIC (A is X'C1', 1 is X'F1').
        #expect(code == [1, 1, 1])
    }

    @Test func arraysAndGlobals() throws {
        let code = try objectCode("""
                     MACRO
                     COUNT
                     GBLA  &N
                     GBLC  &NAMES(10)
            &N       SETA  &N+1
            &NAMES(&N) SETC 'N&N'
                     MEND
                     GBLA  &N
                     GBLC  &NAMES(10)
                     COUNT
                     COUNT
                     COUNT
                     LCLA  &V(5),&H
            &V(2)    SETA  20,30,40
            &H       SETA  N'&V
                     DC    AL1(&N,&V(1),&V(2),&V(3),&V(4),&H)
                     DC    C'&NAMES(1)&NAMES(3)'
            """)
        #expect(code == [3, 0, 20, 30, 40, 4] + ebcdic("N1N3"))
    }

    @Test func branchesAndLoops() throws {
        let code = try objectCode("""
                     MACRO
                     TABLE &N
                     LCLA  &I
            &I       SETA  1
            .LOOP    AIF   (&I GT &N).DONE
                     DC    AL1(&I*&I)
            &I       SETA  &I+1
                     AGO   .LOOP
            .DONE    MEND
                     TABLE 4
                     LCLA  &K
            &K       SETA  2
                     AGO   (&K).ONE,.TWO,.THREE
            .ONE     DC    C'1'
            .TWO     DC    C'2'
                     AGO   .END
            .THREE   DC    C'3'
            .END     ANOP
            """)
        #expect(code == [1, 4, 9, 16] + ebcdic("2"))
    }

    @Test func openCodeBackwardBranch() throws {
        let code = try objectCode("""
                     LCLA  &I
            .AGAIN   ANOP
            &I       SETA  &I+1
                     DC    AL1(&I)
                     AIF   (&I LT 3).AGAIN
            """)
        #expect(code == [1, 2, 3])
    }

    @Test func mexitAndMnote() throws {
        let r = assembleResult("""
            TEST     CSECT
                     MACRO
                     CHECK &V
                     AIF   ('&V' NE '').OK
                     MNOTE 8,'CHECK: OPERAND MISSING'
                     MEXIT
            .OK      DC    C'&V'
                     MNOTE *,'A COMMENT, NOT A MESSAGE'
                     MNOTE 2,'JUST SO YOU KNOW'
                     MEND
                     CHECK A
                     CHECK
                     END
            """)
        #expect(r.returnCode == 8)
        let notes = r.diagnostics.filter { $0.number == 254 }
        #expect(notes.map(\.severity) == [2, 8])
        #expect(notes.map(\.code) == ["ASMA254I", "ASMA254E"])
        #expect(notes[1].message.hasPrefix("CHECK: OPERAND MISSING"))
        #expect(notes[1].line == 5)
        #expect(r.objectDeck.text.flatMap(\.bytes) == ebcdic("A"))
    }

    @Test func attributes() throws {
        let code = try objectCode("""
                     MACRO
                     ATTR  &S
                     DC    C'&S',C'T'
                     DC    AL1(L'&S)
                     MEND
                     MACRO
                     TYPES &A,&B,&C,&D,&E
                     LCLC  &T
            &T       SETC  T'&A.T'&B.T'&C.T'&D.T'&E
                     DC    C'&T'
                     MEND
            F1       DC    F'1'
            C8       DC    CL8' '
                     TYPES F1,C8,12,,LATER
                     TYPES TEST,X'1F',(A,B),C'X',UNDEF
                     LCLA  &D1,&D2
            &D1      SETA  D'F1
            &D2      SETA  D'LATER
                     DC    AL1(L'LATER,&D1,&D2)
                     LCLC  &O
            &O       SETC  O'MVC.O'BNE.O'DC.O'TYPES.O'NOSUCH
                     DC    C'&O'
            LATER    DS    PL3
            """)
        // F1 F, C8 C, 12 N, omitted O, LATER (looked ahead) P;
        // TEST J (section), X'1F' N, a sublist U, C'X' N, undefined U.
        let types = ebcdic("FCNOP") + ebcdic("JNUNU")
        #expect(Array(code.dropFirst(12).prefix(10)) == types)
        // L'LATER 3 by lookahead; D'F1 1; D'LATER 0 (not yet defined).
        #expect(Array(code.dropFirst(22).prefix(3)) == [3, 1, 0])
        #expect(Array(code.dropFirst(25).prefix(5)) == ebcdic("OEAMU"))
    }

    @Test func innerCallsNestedDefinitionsAndLibraries() throws {
        let library = [
            "LIBMAC.mac": """
                     MACRO
                     LIBMAC &X
                     INNER &X,&X
                     MEND
            """,
            "INNER.mac": """
            * A library member may begin with comments.
                     MACRO
                     INNER &A,&B
                     DC    C'&A&B'
                     MEND
            """,
            "DATA.cpy": """
                     DC    C'COPIED'
            """,
        ]
        let code = try objectCode("""
                     MACRO
                     OUTER &N
                     MACRO
                     MADE  &V
                     DC    C'M&V'
                     MEND
                     DC    C'&N'
                     MEND
                     OUTER 1
                     MADE  Q
                     LIBMAC Z
                     COPY  DATA
            """, macros: library)
        // OUTER defines MADE when it is expanded; MADE's body keeps its own &V.
        #expect(code == ebcdic("1") + ebcdic("MQ") + ebcdic("ZZ") + ebcdic("COPIED"))
    }

    @Test func macroLibraryFolder() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("maclib-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try "         MACRO\n         FROMDISK\n         DC    C'DISK'\n         MEND\n"
            .write(to: dir.appendingPathComponent("FROMDISK.mac"), atomically: true, encoding: .utf8)
        try "         DC    C'CPY'\n".write(to: dir.appendingPathComponent("member.cpy"), atomically: true, encoding: .utf8)
        var o = AssemblerOptions()
        o.macroLibraries = [dir.path]
        let r = Assembler.assemble("TEST     CSECT\n         FROMDISK\n         COPY  MEMBER\n         END\n", options: o)
        #expect(r.returnCode == 0, "\(r.diagnostics)")
        #expect(r.objectDeck.text.flatMap(\.bytes) == ebcdic("DISK") + ebcdic("CPY"))
    }

    @Test func systemVariables() throws {
        var o = testAssemblerOptions(sysparm: "OPT=7")
        var c = DateComponents()
        c.year = 1981; c.month = 3; c.day = 9; c.hour = 14; c.minute = 5
        c.timeZone = TimeZone.current
        o.date = Calendar(identifier: .gregorian).date(from: c)
        let r = Assembler.assemble("""
                     MACRO
                     SYS
                     DC    C'&SYSECT/&SYSMAC/&SYSNEST'
                     MEND
            MYSECT   CSECT
                     DC    C'&SYSPARM &SYSDATE &SYSTIME &SYSDATC'
                     SYS
                     END
            """, options: o)
        #expect(r.returnCode == 0, "\(r.diagnostics)")
        #expect(r.objectDeck.text.flatMap(\.bytes) == ebcdic("OPT=7 03/09/81 14.05 19810309") + ebcdic("MYSECT/SYS/1"))
    }

    @Test func concatenationAndAlternateContinuation() throws {
        func continued(_ s: String) -> String { s.padding(toLength: 71, withPad: " ", startingAt: 0) + "X" }
        let code = try objectCode("""
                     MACRO
                     CAT   &A,&B,&C
                     DC    C'&A.B&A..&B&C'
                     MEND
            """ + "\n" + continued("         CAT   X,           FIRST OPERAND") + "\n"
            + continued("               Y,           SECOND") + "\n" + "               Z")
        // &A.B: XB; &A..: X.; then Y and Z.
        #expect(code == ebcdic("XBX.YZ"))
    }

    @Test func aread() throws {
        let code = try objectCode("""
                     MACRO
                     READ
                     LCLC  &CARD,&S
            &CARD    AREAD
            &S       SETC  '&CARD'(1,5)
                     DC    C'&S'
                     MEND
                     READ
            HELLO THIS RECORD IS DATA
                     DC    C'!'
            """)
        #expect(code == ebcdic("HELLO!"))
    }

    @Test func keywordNotDeclaredIsPositional() throws {
        let r = assembleResult("""
            TEST     CSECT
                     MACRO
                     KW    &P
                     DC    C'&P'
                     MEND
                     KW    ZAP=1
                     END
            """)
        #expect(r.returnCode == 4)
        #expect(r.diagnostics.map(\.code) == ["ASMA017W"])
        #expect(r.objectDeck.text.flatMap(\.bytes) == ebcdic("ZAP=1"))
    }
}

@Suite struct LogicalPrecedenceTests {
    /// NOT before AND, AND before OR, OR before XOR (HLASM Language Reference, "Logical expressions").
    @Test func precedence() throws {
        let code = try objectCode("""
                     LCLB  &A,&B,&C
            &A       SETB  (1 OR 1 XOR 1)        (1 OR 1) XOR 1 = 0
            &B       SETB  (1 XOR 1 OR 1)        1 XOR (1 OR 1) = 0
            &C       SETB  (0 AND 1 OR 1)        (0 AND 1) OR 1 = 1
                     DC    AL1(&A,&B,&C)
            """)
        #expect(code == [0, 0, 1])
    }
}
