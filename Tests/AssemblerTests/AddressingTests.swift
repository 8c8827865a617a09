// USING resolution, literal pools and the assembler instructions that place
// things: START, CSECT, DSECT, ORG, CNOP, EQU, LTORG, CCW.
//
// PoO, "Operand Address Generation": an address is base register plus a
// 12-bit displacement (plus index). HLASM Language Reference, "USING":
// an implicit address resolves through the USING that gives the smallest
// displacement; USING BASE,R1,R2 covers 4096 bytes with R1 and the next 4096
// with R2; a dependent USING maps a DSECT onto an address another USING covers.

import Testing
import Assembler
import TestSupport

@Suite struct AddressingTests {
    @Test func usingWithSeveralBaseRegisters() throws {
        let p = try assemble("""
            PROG     CSECT
                     USING PROG,10,11,12
                     L     1,NEAR
                     L     1,FAR
                     L     1,FARTHER
                     LA    1,FARTHER+100(2)
                     ORG   PROG+1000
            NEAR     DC    F'1'
                     ORG   PROG+5000
            FAR      DC    F'2'
                     ORG   PROG+9000
            FARTHER  DC    F'3'
                     END
            """)
        // NEAR 1000 = X'3E8' from R10; FAR 5000-4096 = 904 = X'388' from R11;
        // FARTHER 9000-8192 = 808 = X'328' from R12.
        #expect(Array(p.bytes.prefix(16)) == hexBytes("5810A3E8 5810B388 5810C328 4112C38C"))
    }

    @Test func smallestDisplacementAndHigherRegisterWin() throws {
        let p = try assemble("""
            PROG     CSECT
                     USING PROG,10
                     USING PROG+8,11
                     USING PROG+8,9
                     L     1,X
                     L     1,PROG+4
                     ORG   PROG+16
            X        DC    F'1'
                     END
            """)
        // X at 16: R10 gives 16, R9 and R11 give 8; equal displacements: the higher register, 11.
        #expect(Array(p.bytes.prefix(8)) == hexBytes("5810B008 5810A004"))
    }

    @Test func dependentUsingOnADSECT() throws {
        let p = try assemble("""
            PROG     CSECT
                     USING PROG,12
                     USING AREA,WORK          dependent: AREA's fields through R12
                     L     1,FIELD2
                     MVC   FIELD1,FIELD3
                     USING AREA,5             ordinary: through R5
                     L     2,FIELD2
                     ORG   PROG+X'100'
            WORK     DS    XL12
            AREA     DSECT
            FIELD1   DS    F
            FIELD2   DS    F
            FIELD3   DS    F
                     END
            """)
        // WORK at X'100': FIELD2 = X'104'(R12), FIELD1 = X'100', FIELD3 = X'108';
        // after USING AREA,5 the displacement through R5 (4) is smaller.
        #expect(Array(p.bytes.prefix(14)) == hexBytes("5810C104 D203C100C108 58205004"))
    }

    @Test func literalPoolsAreOrderedByAlignment() throws {
        let p = try assemble("""
            PROG     CSECT
                     USING PROG,15
                     IC    1,=C'A'
                     L     2,=F'5'
                     LD    0,=D'1'
                     LH    3,=H'2'
                     L     4,=F'5'               the same literal: one entry
                     LTORG
                     L     5,=F'5'               a new pool after LTORG
                     END
            """)
        // Instructions 0-19 (five of 4 bytes), pool at 24 (doubleword):
        // D at 24, F at 32, H at 36, C at 38. After it, L at 40; its pool at 48.
        #expect(p.bytes == hexBytes("""
            4310F026 5820F020 6800F018 4830F024 5840F020 00000000
            4110000000000000 00000005 0002 C1 00
            5850F030 00000000 00000005
            """))
    }

    @Test func literalsWithTheLocationCounter() throws {
        let p = try assemble("""
            PROG     CSECT
                     USING PROG,15
                     L     1,=A(*)
                     L     2,=A(*)
                     END
            """)
        // Each =A(*) is its own literal: the address of the instruction that uses it.
        #expect(p.bytes == hexBytes("5810F008 5820F00C 00000000 00000004"))
    }

    @Test func startCsectAndSectionLayout() throws {
        let p = try assemble("""
            FIRST    START X'1000'
                     DC    C'ABC'
            SECOND   CSECT
                     DC    A(FIRST,SECOND)
            FIRST    CSECT
                     DC    C'D'
                     END   SECOND
            """)
        // FIRST at X'1000', 4 bytes long (ABC D); SECOND on the next doubleword: X'1008'.
        #expect(p.origin == 0x1000)
        #expect(p.entry == 0x1008)
        #expect(p.bytes == hexBytes("C1C2C3C4 00000000 00001000 00001008"))
        let esd = p.result.objectDeck.esd
        #expect(esd.map(\.name) == ["FIRST", "SECOND"])
        #expect(esd.map(\.address) == [0x1000, 0x1008])
        #expect(esd.map(\.length) == [4, 8])
    }

    @Test func orgEquAndCnop() throws {
        let p = try assemble("""
            PROG     CSECT
            TEN      EQU   10
            LEN      EQU   4,8,C'Q'
            NEXT     EQU   *+TEN
                     DC    AL1(TEN,L'LEN,L'NEXT)
                     ORG   PROG+8
                     DC    X'11'
                     ORG   PROG+2
                     DC    X'22'
                     ORG
                     CNOP  2,4
                     DC    X'33'
                     CNOP  0,8
                     DC    AL1(NEXT-PROG,FWD)
            FWD      EQU   BACK+1
            BACK     EQU   7
                     END
            """)
        // TEN 10, L'LEN 8, L'NEXT 1 (the length attribute of *); ORG back to 2 overwrites
        // the 1 with X'22'; ORG alone returns to the highest location (9); CNOP 2,4 from 9:
        // a zero byte to 10 (already 2 mod 4); X'33' at 10; CNOP 0,8 from 11: a zero byte
        // and NOPR (X'0700') instructions to 16; then NEXT-PROG = 10 and FWD = 8.
        #expect(p.bytes == hexBytes("0A 08 22 00 00 00 00 00 11 00 33 00 0700 0700 0A 08"))
    }

    @Test func channelCommandWords() throws {
        let p = try assemble("""
            PROG     CSECT
                     DC    C'X'
            CCW1     CCW   X'02',BUFFER,X'60',80
                     CCW   8,CCW1,0,1
            BUFFER   DS    CL80
                     END
            """)
        // CCWs are doubleword aligned; the address is 24 bits and relocated (RLD length 3).
        #expect(p.bytes.prefix(24) == ArraySlice(hexBytes("E7000000 00000000 02000018 60000050 08000008 00000001")))
        #expect(p.result.objectDeck.rld.map(\.address) == [9, 17])
        #expect(p.result.objectDeck.rld.map(\.flags) == [0x08, 0x08])
    }
}
