* LOOP8: the benchmark of PERFORMANCE.md, 88 bytes at X'1000'.
* Load, add, store, shift, compare and branch on count, 100,000,000
* times: 800,000,003 instructions, then a disabled wait.
LOOP8    START X'1000'
         BALR  12,0
         USING *,12
         L     2,COUNT
LOOP     L     3,DATA
         A     3,ONE
         ST    3,DATA
         LR    4,3
         SLL   4,2
         AR    5,4
         CR    5,3
         BCT   2,LOOP
         LPSW  WAITPSW
         ORG   LOOP8+X'40'
COUNT    DC    F'100000000'
DATA     DC    F'0'
ONE      DC    F'1'
         DS    0D
WAITPSW  DC    X'00020000',X'00000000'
         END   LOOP8
