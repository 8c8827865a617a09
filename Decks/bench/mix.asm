* MIX: a little of everything a system does (moves and compares,
* decimal, fixed-point loads, adds and stores, subroutine calls,
* floating point); with SYSPARM DAT the same loop runs with DAT on
* (MIXDAT): the program builds a segment table and page tables that
* map the first megabyte to itself (4K pages, 64K segments: CR0 bits
* 8-12 B'10000') and enters the EC mode with DAT on.
MIX      START X'1000'
         BALR  12,0
         USING *,12
         AIF   ('&SYSPARM' NE 'DAT').NODAT
         L     2,=A(X'10000')          segment table
         L     3,=A(X'11000')          page tables
         SR    4,4                     page-table entry: frame 0
         LA    5,16                    16 segments: 1M
SEG      LR    6,3
         O     6,=X'F0000000'          page-table length 15: 16 pages
         ST    6,0(2)
         LA    7,16
PAGE     STH   4,0(3)
         LA    4,16(4)                 next 4K frame
         LA    3,2(3)
         BCT   7,PAGE
         LA    2,4(2)
         BCT   5,SEG
         LCTL  0,1,CRS
         LPSW  DATPSW
.NODAT   ANOP
GO       L     2,COUNT
LOOP     MVC   REC(40),MASTER
         CLC   REC(40),MASTER
         BNE   FAIL
         AP    TOTAL,=P'3'
         L     3,WORDS
         A     3,WORDS+4
         ST    3,WORDS+8
         BAL   14,SUB
         LD    0,ONE
         AD    0,ONE
         STD   0,TWO
         LA    4,REC
         CLI   0(4),C'M'
         BNE   FAIL
         BCT   2,LOOP
         CP    TOTAL,=P'15000000'
         BNE   FAIL
         LPSW  PASSPSW
FAIL     LPSW  FAILPSW
SUB      LTR   3,3
         BZR   14
         SR    5,5
         BR    14
COUNT    DC    F'5000000'
TOTAL    DC    PL8'0'
WORDS    DC    F'1,2,0'
         DS    0D
CRS      DC    X'00800000',X'00010000'  CR0: 4K/64K; CR1: 16 entries at X'10000'
DATPSW   DC    X'04080000',A(GO)        EC mode, DAT on
PASSPSW  DC    X'00020000',X'00000000'
FAILPSW  DC    X'00020000',X'00000BAD'
ONE      DC    X'4110000000000000'
TWO      DC    D'0'
MASTER   DC    CL40'MASTER RECORD 0001 ACCOUNT 123456 BAL 10'
REC      DS    CL40
         LTORG
         END   MIX
