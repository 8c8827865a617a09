* MOVES: MVC, CLC, TR, MVI, MVCL and a propagating move, as record
* handling spends its time.
MOVES    START X'1000'
         BALR  12,0
         USING *,12
         L     2,COUNT
         LA    8,TABLE
         SR    9,9
TINIT    STC   9,0(9,8)
         LA    9,1(9)
         CH    9,=H'256'
         BL    TINIT
LOOP     MVC   A(80),B
         MVC   C(256),A
         CLC   A(80),B
         BNE   FAIL
         TR    C(80),TABLE
         MVC   D(8),C
         CLC   D(8),B
         BNE   FAIL
         MVI   A,C' '
         MVC   A+1(79),A
         LM    4,7,MVCLREGS
         MVCL  4,6
         CLC   BIG+996(4),=4C' '
         BNE   FAIL
         BCT   2,LOOP
         LPSW  PASSPSW
FAIL     LPSW  FAILPSW
COUNT    DC    F'5000000'
MVCLREGS DC    A(BIG),F'1000',A(B),X'40',AL3(80)
         DS    0D
PASSPSW  DC    X'00020000',X'00000000'
FAILPSW  DC    X'00020000',X'00000BAD'
B        DC    CL80'THE QUICK BROWN FOX JUMPS OVER THE LAZY DOG'
A        DS    CL80
D        DS    CL8
C        DS    CL256
TABLE    DS    CL256
BIG      DS    CL1000
         LTORG
         END   MOVES
