* BRANCH: a branch-heavy loop: subroutine calls (BAL, BR), compares
* and conditional branches, BXLE and BCT loops, as control code does.
BRANCH   START X'1000'
         BALR  12,0
         USING *,12
         L     2,COUNT
         SR    7,7
LOOP     LA    3,8
INNER    BAL   14,SUB
         CLI   FLAG,0
         BE    SKIP
         LA    7,1(7)
SKIP     XI    FLAG,1
         SR    4,4
         LA    5,1
         LA    6,3
STEP     BXLE  4,5,STEP
         BCT   3,INNER
         BCT   2,LOOP
         C     7,EXPECT
         BNE   FAIL
         LPSW  PASSPSW
FAIL     LPSW  FAILPSW
SUB      LTR   8,8
         BNZ   SUB2
         LA    8,1
SUB2     BCTR  8,0
         BR    14
COUNT    DC    F'2000000'
EXPECT   DC    F'8000000'
FLAG     DC    X'00'
         DS    0D
PASSPSW  DC    X'00020000',X'00000000'
FAILPSW  DC    X'00020000',X'00000BAD'
         END   BRANCH
