*---------------------------------------------------------------------*
* HELLO: a stand-alone program for the console of a System/370 (or of *
* a virtual machine): it greets, asks a name, answers, and goes on    *
* asking until it is given an empty line, then ends in a disabled     *
* wait. It waits for each I/O interruption in an enabled wait, so     *
* while it waits for the user it takes no processor time.             *
*                                                                     *
*   s370 asm Decks/samples/hello.asm --ipl hello.ipl                  *
*   s370 ipl 00C --reader hello.ipl                                   *
*                                                                     *
* The default system of `s370 run` has it as IPL text on MAINT 190:   *
* log on and type IPL 190.                                            *
*---------------------------------------------------------------------*
HELLO    START X'2000'
CONSOLE  EQU   X'009'
         BALR  12,0
         USING *,12
         MVC   120(8,0),IONEW      I/O new PSW: back after the wait
         LA    1,GREET
         LA    2,L'GREET
         BAL   14,WRITE
ASK      LA    1,QUESTION
         LA    2,L'QUESTION
         BAL   14,WRITE
         MVI   NAME,C' '
         MVC   NAME+1(L'NAME-1),NAME
         LA    1,NAME
         LA    2,L'NAME
         BAL   14,READ
         CLI   NAME,C' '           an empty line ends it
         BE    DONE
         MVC   ANAME,NAME
         LA    1,ANSWER
         LA    2,L'ANSWER+L'ANAME
         BAL   14,WRITE
         B     ASK
DONE     LA    1,BYE
         LA    2,L'BYE
         BAL   14,WRITE
         LPSW  STOPPSW
*        WRITE: the text at R1, R2 bytes, to the console.
WRITE    STH   2,WCCW+6
         STCM  1,7,WCCW+1
         LA    3,WCCW
         B     DOIO
*        READ: a line into the area at R1, up to R2 bytes.
READ     STH   2,RCCW+6
         STCM  1,7,RCCW+1
         LA    3,RCCW
*        DOIO: start the channel program at R3 and wait for its end.
DOIO     ST    3,72(0,0)           the CAW
         SIO   CONSOLE
         BNZ   FAIL
         LPSW  WAITPSW             enabled for channel 0, in a wait
IODONE   TM    68(0),X'04'         device end in the CSW?
         BZ    DOIO+8              not yet: wait again
         BR    14
FAIL     LPSW  FAILPSW
         DS    0D
IONEW    DC    X'00000000',A(IODONE)
WAITPSW  DC    X'80020000',A(0)    channel 0 enabled, wait
STOPPSW  DC    X'00020000',A(X'2000')
FAILPSW  DC    X'00020000',A(X'EEEE')
WCCW     CCW   X'09',0,X'20',0
RCCW     CCW   X'0A',0,X'20',0
GREET    DC    C'HELLO FROM A SYSTEM/370.'
QUESTION DC    C'WHAT IS YOUR NAME? (AN EMPTY LINE ENDS)'
ANSWER   DC    C'HELLO, '
ANAME    DS    CL40
NAME     DS    CL40
BYE      DC    C'GOODBYE.'
         END   HELLO
