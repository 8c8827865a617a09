// A program in the style of the 1970s (IBM-like SAVE and RETURN macros,
// register equates generated in a loop, EX, literals, packed decimal),
// assembled and run on the bare machine.

import Testing
import Assembler
import TestSupport

let realisticProgram = """
         TITLE 'REALISTIC PROGRAM IN THE 1970S STYLE'
         PRINT NOGEN
         MACRO
&NAME    SAVE  &REGS,&BR,&ID
         LCLA  &A,&B,&L
         LCLC  &IDC
         AIF   (T'&REGS EQ 'O').ERR
&A       SETA  &REGS(1)
&B       SETA  &REGS(2)
         AIF   ('&ID' EQ '').NOID
&IDC     SETC  '&ID'
         AIF   ('&ID' NE '*').HAVEID
&IDC     SETC  '&SYSECT'
.HAVEID  ANOP
&L       SETA  K'&IDC
&NAME    B     ((&L+2)/2*2+4)(0,15)
         DC    AL1(&L)
         DC    CL&L'&IDC'
         AGO   .STM
.NOID    ANOP
&NAME    DS    0H
.STM     STM   &A,&B,12+4*&A-56*(&A/14)(13)
         MEXIT
.ERR     MNOTE 8,'REGISTERS MISSING'
         MEND
         MACRO
&NAME    RETURN &REGS,&RC=
&NAME    LM    &REGS(1),&REGS(2),12(13)
         AIF   (T'&RC EQ 'O').NORC
         LA    15,&RC
.NORC    BR    14
         MEND
         MACRO
&NAME    REGS
         LCLA  &I
.LOOP    ANOP
R&I      EQU   &I
&I       SETA  &I+1
         AIF   (&I LE 15).LOOP
         MEND
TESTPGM  START X'2000'
         SAVE  (14,12),,*
         BALR  R12,0
         USING *,R12
         ST    R13,SAVEAREA+4
         LA    R13,SAVEAREA
         LA    R2,TABLE
         LA    R3,L'TABLE
         SR    R4,R4
LOOP     IC    R5,0(R2)
         AR    R4,R5
         LA    R2,1(R2)
         BCT   R3,LOOP
         ST    R4,SUM
         CLC   SUM,=F'21'
         BNE   FAIL
         LA    R1,L'TEXT-1
         EX    R1,MOVE
         TM    FLAGS,X'80'
         BO    FAIL
         OI    FLAGS,X'80'
         MVC   OUT+5(3),=C'ABC'
         CLI   OUT+9,C' '
         BNE   FAIL
         L     R6,=A(TABLE)
         LA    R7,TABLE
         CR    R6,R7
         BNE   FAIL
         MVC   PACKED,=PL3'125'
         L     R13,SAVEAREA+4
         RETURN (14,12),RC=0
FAIL     RETURN (14,12),RC=8
MOVE     MVC   OUT(0),TEXT
SAVEAREA DC    18F'0'
SUM      DS    F
TABLE    DC    X'010203040506'
TEXT     DC    C'HELLO'
OUT      DC    CL10' '
FLAGS    DC    X'00'
PACKED   DS    PL3
         REGS
         LTORG
         END   TESTPGM
"""

@Suite struct ProgramTests {
    @Test func realisticProgramAssemblesAndRuns() throws {
        let p = try assemble(realisticProgram)
        #expect(p.result.returnCode == 0)
        #expect(p.origin == 0x2000 && p.entry == 0x2000)
        let m = TestMachine(storageSize: 64 << 10)
        // The caller: R13 a save area, R14 returns to an LPSW of a disabled wait.
        m.load(hexBytes("82001808 00000000 00020000 00000000"), at: 0x1800)
        m[13] = 0x1000
        m[14] = 0x1800
        m[15] = 0x2000
        let run = m.run(p)
        #expect(run.status == .disabledWait)
        #expect(m[15] == 0)                        // RC=0: every check passed
        let sym = { (name: String) -> UInt32 in
            UInt32(p.result.listing().components(separatedBy: "\n")
                .first { $0.hasPrefix(name + " ") }!.split(separator: " ")[2], radix: 16)!
        }
        #expect(m.storage.word(at: sym("SUM")) == 21)
        #expect(m.storage.bytes(at: sym("OUT"), count: 10) == ebcdic("HELLOABC  "))
        #expect(m.storage.byte(at: sym("FLAGS")) == 0x80)
        #expect(m.storage.bytes(at: sym("PACKED"), count: 3) == [0x00, 0x12, 0x5C])
        // The caller's registers 14-12 were saved in its save area from 12(13) on: R14, R15, ...
        #expect(m.storage.word(at: 0x1000 + 12) == 0x1800)
        #expect(m.storage.word(at: 0x1000 + 16) == 0x2000)
    }
}
