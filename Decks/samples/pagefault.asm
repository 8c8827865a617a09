*---------------------------------------------------------------------*
* PAGEFAULT: a stand-alone program that builds its own segment and    *
* page tables, turns DAT on, touches eight pages that are not mapped, *
* resolves each page-translation exception in its own program-       *
* interruption handler by giving the page a frame, and ends in a     *
* disabled wait at X'AAAA' (pass) or X'EEEE' (fail).                 *
*                                                                     *
*   s370 asm Decks/samples/pagefault.asm --core pagefault.bin        *
*   s370 ipl --core pagefault.bin@1000 --psw 0000000000001000 \      *
*            --dump 1200.10                                           *
*                                                                     *
* Translation: 4K pages, 64K segments (CR0 bits 8-12 = B'10000'); one *
* segment whose page table maps virtual pages 0 and 1 to the same    *
* real frames; pages 2-15 are invalid until touched.                  *
*---------------------------------------------------------------------*
PAGEFLT  START X'1000'
SEGTAB   EQU   X'8000'             segment table (64-byte aligned)
PAGETAB  EQU   X'8100'             page table of segment 0
         BALR  12,0
         USING *,12
         MVC   104(8,0),PGMNEW     program new PSW at real 104
* Segment table: one entry, page-table length 15 (16 entries).
         L     2,=A(SEGTAB)
         L     3,=A(PAGETAB)
         L     1,=A(X'F0000000'+PAGETAB)
         ST    1,0(,2)
* Page table: every page invalid, then pages 0 and 1 mapped 1:1.
         LA    4,16
         LR    5,3
INVAL    MVC   0(2,5),=X'0008'
         LA    5,2(,5)
         BCT   4,INVAL
         MVC   0(2,3),=X'0000'
         MVC   2(2,3),=X'0010'
         LCTL  0,1,CRS
         LPSW  DATON               EC mode, DAT on, at VIRT
* With DAT on: store 1..8 into virtual pages 2..9, then add them up.
VIRT     LA    6,8
         L     7,=A(X'2000')
         LA    8,1
TOUCH    ST    8,0(,7)             a page-translation exception each
         A     7,=A(X'1000')
         LA    8,1(,8)
         BCT   6,TOUCH
         LA    6,8
         L     7,=A(X'2000')
         SR    9,9
SUM      A     9,0(,7)
         A     7,=A(X'1000')
         BCT   6,SUM
         ST    9,RESULT
         CLC   FAULTS,=F'8'
         BNE   FAIL
         CLC   RESULT,=F'36'
         BNE   FAIL
         LPSW  PASSPSW
* Program-interruption handler (EC mode, DAT off, disabled).
HANDLER  CLC   142(2,0),=X'0011'   page translation?
         BNE   FAIL
         L     10,144              the virtual address
         N     10,=A(X'0000F000')  its page in segment 0
         SRL   10,11               page index times 2
         AR    10,3                the page-table entry
         L     1,NEXTFRM
         SRL   1,8                 frame address bits 8-19
         STH   1,0(,10)            valid entry for the new frame
         L     1,NEXTFRM
         A     1,=A(X'1000')
         ST    1,NEXTFRM
         L     1,FAULTS
         LA    1,1(,1)
         ST    1,FAULTS
         LPSW  40                  the nullified instruction again
FAIL     LPSW  FAILPSW
         DS    0D
PGMNEW   DC    X'00080000',A(HANDLER)
DATON    DC    X'04080000',A(VIRT)
PASSPSW  DC    X'000A0000',A(X'AAAA')
FAILPSW  DC    X'000A0000',A(X'EEEE')
CRS      DC    A(X'00800000'),A(SEGTAB)
NEXTFRM  DC    A(X'20000')
         ORG   PAGEFLT+X'200'
RESULT   DC    F'0'                at X'1200'
FAULTS   DC    F'0'                at X'1204'
         LTORG
         END   PAGEFLT
