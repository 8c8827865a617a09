* DECIMAL: packed-decimal arithmetic, conversion and editing, as a
* commercial program spends its time: AP, SP, ZAP, MP, DP, CP, CVD,
* UNPK, PACK, CVB, ED.  Ends in a disabled wait, address 0 when the
* final values check, X'BAD' otherwise.
DECIMAL  START X'1000'
         BALR  12,0
         USING *,12
         L     2,COUNT
LOOP     ZAP   ACC,=P'0'
         AP    ACC,=P'12345'
         SP    ACC,=P'999'
         ZAP   PROD,=P'123'
         MP    PROD,=P'7'
         ZAP   QUO,=P'100000'
         DP    QUO,=P'13'
         CVD   2,DW
         UNPK  ZONED,DW+4(4)
         PACK  DW2,ZONED
         CVB   3,DW2
         MVC   EDOUT,PATTERN
         ED    EDOUT,ACC
         CP    ACC,=P'11346'
         BNE   FAIL
         BCT   2,LOOP
         CLC   EDOUT,=C'   11,346'
         BNE   FAIL
         LPSW  PASSPSW
FAIL     LPSW  FAILPSW
COUNT    DC    F'5000000'
ACC      DC    PL4'0'
PROD     DC    PL5'0'
QUO      DC    PL6'0'
ZONED    DC    CL7' '
EDOUT    DC    CL9' '
PATTERN  DC    X'40202020206B202020'
         DS    0D
DW       DC    D'0'
DW2      DC    D'0'
PASSPSW  DC    X'00020000',X'00000000'
FAILPSW  DC    X'00020000',X'00000BAD'
         LTORG
         END   DECIMAL
