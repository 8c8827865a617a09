"""The access deck: the access exceptions every instruction with a storage
operand can raise (PoO, "Addressing Exception", "Protection"): an operand
beyond the machine's 1M of storage is an addressing exception (code 5); a
store into a block whose key differs from a nonzero PSW key, or a fetch from
such a block with the fetch-protection bit on, is a protection exception
(code 4). Both suppress or terminate: the old PSW designates the next
instruction, and the ILC is the instruction's length."""
import deck
from deck import Deck

deck.GENERATOR[0] = "gen_access.py"
D = Deck("access", "addressing and protection exceptions of every storage operand", modes="BC EC")

# (mnemonic, operands with OP for the operand address in register 9, ILC, stores, fetches)
INSTRUCTIONS = [
    ("STH", "2,0(9)", 2, True, False), ("IC", "2,0(9)", 2, False, True), ("STC", "2,0(9)", 2, True, False),
    ("LH", "2,0(9)", 2, False, True), ("CH", "2,0(9)", 2, False, True), ("AH", "2,0(9)", 2, False, True),
    ("SH", "2,0(9)", 2, False, True), ("MH", "2,0(9)", 2, False, True), ("CVD", "2,0(9)", 2, True, False),
    ("CVB", "2,0(9)", 2, False, True), ("ST", "2,0(9)", 2, True, False), ("N", "2,0(9)", 2, False, True),
    ("CL", "2,0(9)", 2, False, True), ("O", "2,0(9)", 2, False, True), ("X", "2,0(9)", 2, False, True),
    ("L", "2,0(9)", 2, False, True), ("C", "2,0(9)", 2, False, True), ("A", "2,0(9)", 2, False, True),
    ("S", "2,0(9)", 2, False, True), ("M", "2,0(9)", 2, False, True), ("D", "2,0(9)", 2, False, True),
    ("AL", "2,0(9)", 2, False, True), ("SL", "2,0(9)", 2, False, True),
    ("STD", "2,0(9)", 2, True, False), ("LD", "2,0(9)", 2, False, True), ("CD", "2,0(9)", 2, False, True),
    ("AD", "2,0(9)", 2, False, True), ("SD", "2,0(9)", 2, False, True), ("MD", "2,0(9)", 2, False, True),
    ("DD", "2,0(9)", 2, False, True), ("AW", "2,0(9)", 2, False, True), ("SW", "2,0(9)", 2, False, True),
    ("MXD", "0,0(9)", 2, False, True), ("STE", "2,0(9)", 2, True, False), ("LE", "2,0(9)", 2, False, True),
    ("CE", "2,0(9)", 2, False, True), ("AE", "2,0(9)", 2, False, True), ("SE", "2,0(9)", 2, False, True),
    ("ME", "2,0(9)", 2, False, True), ("DE", "2,0(9)", 2, False, True), ("AU", "2,0(9)", 2, False, True),
    ("SU", "2,0(9)", 2, False, True),
    ("STM", "2,3,0(9)", 2, True, False), ("LM", "2,3,0(9)", 2, False, True), ("CS", "2,3,0(9)", 2, True, True),
    ("CDS", "2,4,0(9)", 2, True, True), ("CLM", "2,5,0(9)", 2, False, True), ("STCM", "2,5,0(9)", 2, True, False),
    ("ICM", "2,5,0(9)", 2, False, True),
    ("TM", "0(9),1", 2, False, True), ("MVI", "0(9),1", 2, True, False), ("NI", "0(9),1", 2, True, True),
    ("CLI", "0(9),1", 2, False, True), ("OI", "0(9),1", 2, True, True), ("XI", "0(9),1", 2, True, True),
    ("TS", "0(9)", 2, True, True),
    ("MVN", "0(2,9),@W", 3, True, False), ("MVC", "0(2,9),@W", 3, True, False), ("MVZ", "0(2,9),@W", 3, True, False),
    ("NC", "0(2,9),@W", 3, True, True), ("CLC", "0(2,9),@W", 3, False, True), ("OC", "0(2,9),@W", 3, True, True),
    ("XC", "0(2,9),@W", 3, True, True), ("TR", "0(2,9),@W", 3, True, True), ("TRT", "0(2,9),@W", 3, False, True),
    ("ED", "0(2,9),@W", 3, True, True), ("EDMK", "0(2,9),@W", 3, True, True), ("SRP", "0(2,9),1,0", 3, True, True),
    ("MVO", "0(2,9),@W+1(1)", 3, True, False), ("PACK", "0(2,9),@W+1(1)", 3, True, False),
    ("UNPK", "0(2,9),@W+1(1)", 3, True, False), ("ZAP", "0(2,9),@W+1(1)", 3, True, False),
    ("CP", "0(2,9),@W+1(1)", 3, False, True), ("AP", "0(2,9),@W+1(1)", 3, True, True),
    ("SP", "0(2,9),@W+1(1)", 3, True, True), ("MP", "0(2,9),@W+1(1)", 3, True, True),
    ("DP", "0(2,9),@W+1(1)", 3, True, True),
    ("STCK", "0(9)", 2, True, False), ("STCKC", "0(9)", 2, True, False), ("STPT", "0(9)", 2, True, False),
    ("STIDP", "0(9)", 2, True, False), ("STAP", "0(9)", 2, True, False), ("STPX", "0(9)", 2, True, False),
    ("SCKC", "0(9)", 2, False, True), ("SPT", "0(9)", 2, False, True), ("SPX", "0(9)", 2, False, True),
    ("SCK", "0(9)", 2, False, True), ("LPSW", "0(9)", 2, False, True), ("SSM", "0(9)", 2, False, True),
    ("STNSM", "0(9),X'FF'", 2, True, False), ("STOSM", "0(9),0", 2, True, False),
    ("LCTL", "8,8,0(9)", 2, False, True), ("STCTL", "8,8,0(9)", 2, True, False),
]

# Second-operand addressing for the SS instructions.
SECOND = [("MVC", "@W(2),0(9)"), ("CLC", "@W(2),0(9)"), ("TR", "@W(2),0(9)"), ("AP", "@W(2),0(9)(1)"),
          ("PACK", "@W(2),0(9)(1)"), ("NC", "@W(2),0(9)")]

D.comment("Valid operands for the instructions that look at them first:")
D.comment("@W and the protected block hold valid packed decimal (X'001C').")
for name, ops, ilc, stores, fetches in INSTRUCTIONS:
    D.case("%s addressing" % name)
    D.i("MVC   @W(4),=X'001C201C'", "L     9,=A(X'FFFF00')")
    D.pi("%-5s %s" % (name, ops), 5, ilc)
for name, ops in SECOND:
    D.case("%s addressing op2" % name)
    D.i("MVC   @W(4),=X'001C201C'", "L     9,=A(X'FFFF00')")
    D.pi("%-5s %s" % (name, ops.replace("0(9)(1)", "0(1,9)")), 5, 3)

D.comment("Protection: the block at X'40000' has key 5; the PSW key is 3.")
for name, ops, ilc, stores, fetches in INSTRUCTIONS:
    if name in ("LPSW", "SSM", "SCK", "SCKC", "SPT", "SPX", "LCTL"):
        fetch_only = True
    if stores:
        D.case("%s protection" % name)
        D.i("MVC   @W(4),=X'001C201C'", "L     9,=A(X'40000')", "MVC   0(16,9),=X'001C001C001C001C001C001C001C001C'",
            "LA    3,X'50'", "SSK   3,9", "PIARM", "SPKA  X'30'", "%-5s %s" % (name, ops),
            "PICHK 0004,ILC=%d" % ilc)
        D.checks += 1
        D.i("MVC   @GOT(2),0(9)", "CHKX  X'001C',S")
        D.checks += 1
    if fetches:
        D.case("%s fetch protection" % name)
        D.i("MVC   @W(4),=X'001C201C'", "L     9,=A(X'40000')", "LA    3,X'58'", "SSK   3,9", "PIARM",
            "SPKA  X'30'", "%-5s %s" % (name, ops), "PICHK 0004,ILC=%d" % ilc)
        D.checks += 1
D.case("MVC protection op2 fetch")
D.i("L     9,=A(X'40000')", "LA    3,X'58'", "SSK   3,9", "PIARM", "SPKA  X'30'", "MVC   @W(2),0(9)",
    "PICHK 0004,ILC=3")
D.checks += 1
D.case("MVC key 0 stores anywhere")
D.i("L     9,=A(X'40000')", "LA    3,X'58'", "SSK   3,9", "MVC   0(2,9),=X'ABCD'", "MVC   @GOT(2),0(9)",
    "CHKX  X'ABCD',S")
D.checks += 1
D.case("MVC key matches")
D.i("L     9,=A(X'40000')", "LA    3,X'38'", "SSK   3,9", "SPKA  X'30'", "MVC   0(2,9),=X'1234'", "SPKA  0",
    "MVC   @GOT(2),0(9)", "CHKX  X'1234',S")
D.checks += 1
D.case("IC no fetch protection")
D.i("L     9,=A(X'40000')", "LA    3,X'50'", "SSK   3,9", "SPKA  X'30'", "SR    2,2", "IC    2,0(9)", "SPKA  0")
D.chkr(2, 0x12)
print(D.write("../access.asm"), "checks")
