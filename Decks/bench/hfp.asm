* HFP: hexadecimal floating point, short and long: loads, stores,
* add, subtract, multiply, divide, halve, compare.
HFP      START X'1000'
         BALR  12,0
         USING *,12
         L     2,COUNT
LOOP     LD    0,X
         AD    0,Y
         MD    0,Z
         DD    0,W
         STD   0,R
         LE    2,S1
         AER   2,2
         ME    2,S2
         SE    2,S1
         HDR   4,0
         LDR   6,4
         ADR   6,4
         CDR   6,0
         BNE   FAIL
         SDR   6,0
         BCT   2,LOOP
         CLC   R,=X'4148000000000000'
         BNE   FAIL
         LPSW  PASSPSW
FAIL     LPSW  FAILPSW
COUNT    DC    F'5000000'
         DS    0D
X        DC    X'4110000000000000'      1
Y        DC    X'4120000000000000'      2
Z        DC    X'4160000000000000'      6
W        DC    X'4140000000000000'      4: (1+2)*6/4 = 4.5 = X'4148'
R        DC    D'0'
S1       DC    X'41300000'
S2       DC    X'41200000'
PASSPSW  DC    X'00020000',X'00000000'
FAILPSW  DC    X'00020000',X'00000BAD'
         LTORG
         END   HFP
