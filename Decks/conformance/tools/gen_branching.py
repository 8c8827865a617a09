"""The branching deck: BC, BCR, BAL, BALR, BCT, BCTR, BXH, BXLE, EXECUTE and
SUPERVISOR CALL (PoO, "Branching Instructions", "EXECUTE", "SUPERVISOR CALL")."""
import deck
from deck import Deck, hx

deck.GENERATOR[0] = "gen_branching.py"
D = Deck("branching", "branching instructions", modes="BC EC")
n = [0]


def lab():
    n[0] += 1
    return "ZZB%d" % n[0]


# BC and BCR: the branch is taken when the mask bit for the current CC is one
# (PoO: mask bits 8, 4, 2, 1 for CC 0, 1, 2, 3).
SETCC = {0: "CR    0,0", 1: "CLR   2,3", 2: "CLR   3,2", 3: "AR    4,4"}
for cc in range(4):
    for mask in range(16):
        taken = bool(mask & (8 >> cc))
        t = lab()
        D.case("BC %d cc%d" % (mask, cc))
        D.i("LA    2,1", "LA    3,2", "L     4,=X'80000000'", "SR    5,5", SETCC[cc], "BC    %d,%s" % (mask, t),
            "LA    5,1")
        D.label(t, "DS", "0H")
        D.chkr(5, 0 if taken else 1)
        D.chkcc(cc)
    for mask in (0, 15, 8 >> cc, 15 - (8 >> cc)):
        taken = bool(mask & (8 >> cc))
        t = lab()
        D.case("BCR %d cc%d" % (mask, cc))
        D.i("LA    2,1", "LA    3,2", "L     4,=X'80000000'", "SR    5,5", "LA    6,%s" % t, SETCC[cc],
            "BCR   %d,6" % mask, "LA    5,1")
        D.label(t, "DS", "0H")
        D.chkr(5, 0 if taken else 1)
D.case("BCR R2 zero no branch")
D.i("SR    5,5", "BCR   15,0", "LA    5,1")
D.chkr(5, 1)
D.case("BC indexed")
t = lab()
D.i("SR    5,5", "LA    6,4", "LA    7,%s-4" % t, "BC    15,0(6,7)", "LA    5,1")
D.label(t, "DS", "0H")
D.chkr(5, 0)

# BAL, BALR: link information in R1: ILC (bits 0-1), CC (2-3), program mask
# (4-7) and the updated instruction address (8-31), the same in BC and EC mode.
for cc in range(4):
    for pm in (0, 0xF, 0x5):
        t = lab()
        D.case("BALR cc%d pm%X" % (cc, pm))
        D.i("L     15,=X'%02X000000'" % (cc << 4 | pm), "SPM   15", "LA    6,%s" % t, "BALR  7,6")
        D.label(t + "R", "DS", "0H")
        D.label(t, "DS", "0H")
        D.chkcc(cc)
        D.i("LA    8,%sR" % t, "O     8,=X'%02X000000'" % (0x40 | cc << 4 | pm))
        D.i("CR    7,8")
        D.chkcc(0)
        D.i("SPM   0" if False else "SR    15,15", "SPM   15")
for cc in range(4):
    t = lab()
    D.case("BAL cc%d" % cc)
    D.i("LA    2,1", "LA    3,2", "L     4,=X'80000000'", SETCC[cc], "BAL   7,%s" % t)
    D.label(t + "R", "DS", "0H")
    D.label(t, "DS", "0H")
    D.chkcc(cc)
    D.i("LA    8,%sR" % t, "O     8,=X'%02X000000'" % (0x80 | cc << 4))
    D.i("CR    7,8")
    D.chkcc(0)
D.case("BALR R2 zero no branch")
t = lab()
D.i("BALR  7,0")
D.label(t, "DS", "0H")
D.i("LA    8,%s" % t, "O     8,=X'40000000'", "CR    7,8")
D.chkcc(0)
D.case("BALR same register")
t = lab()
D.i("LA    7,%s" % t, "BALR  7,7")
D.label(t + "R", "DS", "0H")
D.label(t, "DS", "0H")
D.i("N     7,=X'00FFFFFF'", "LA    8,%sR" % t, "CR    7,8")
D.chkcc(0)

# BCT, BCTR: one subtracted; the branch taken unless the result is zero.
for v in (1, 2, 0, 0x80000000, 0xFFFFFFFF):
    t = lab()
    r = (v - 1) & 0xFFFFFFFF
    D.case("BCT %s" % hx(v))
    D.i("L     2,=X'%s'" % hx(v), "SR    5,5", "BCT   2,%s" % t, "LA    5,1")
    D.label(t, "DS", "0H")
    D.chkr(2, r)
    D.chkr(5, 1 if r == 0 else 0)
    t = lab()
    D.case("BCTR %s" % hx(v))
    D.i("L     2,=X'%s'" % hx(v), "SR    5,5", "LA    6,%s" % t, "BCTR  2,6", "LA    5,1")
    D.label(t, "DS", "0H")
    D.chkr(2, r)
    D.chkr(5, 1 if r == 0 else 0)
D.case("BCTR R2 zero")
D.i("LA    2,5", "SR    5,5", "BCTR  2,0", "LA    5,1")
D.chkr(2, 4)
D.chkr(5, 1)
D.case("BCT loop of 10")
t = lab()
D.i("LA    2,10", "SR    5,5")
D.label(t, "LA", "5,1(5)")
D.i("BCT   2,%s" % t)
D.chkr(5, 10)

# BXH, BXLE: the increment in R3, the comparand in R3 (R3 odd) or R3+1;
# R1 + increment compared as signed.
def s32(v):
    v &= 0xFFFFFFFF
    return v - (1 << 32) if v >> 31 else v


for op in ("BXH", "BXLE"):
    for r1, inc, comp in ((5, 1, 5), (5, 1, 6), (5, 1, 7), (5, -1, 3), (0x7FFFFFFF, 1, 0),
                          (-1, 1, 0), (10, -2, 8), (0, 0, 0)):
        s = s32(r1 + inc)
        taken = s > s32(comp) if op == "BXH" else s <= s32(comp)
        t = lab()
        D.case("%s %d %d %d" % (op, s32(r1), inc, comp))
        D.i("L     2,=X'%s'" % hx(r1), "L     4,=X'%s'" % hx(inc), "L     5,=X'%s'" % hx(comp),
            "SR    7,7", "%-5s 2,4,%s" % (op, t), "LA    7,1")
        D.label(t, "DS", "0H")
        D.chkr(2, s)
        D.chkr(7, 0 if taken else 1)
    # R3 odd: it is both the increment and the comparand.
    t = lab()
    D.case("%s R3 odd" % op)
    D.i("LA    2,3", "LA    5,4", "SR    7,7", "%-5s 2,5,%s" % (op, t), "LA    7,1")
    D.label(t, "DS", "0H")
    D.chkr(2, 7)
    D.chkr(7, 0 if op == "BXH" else 1)
    # R1 the same as R3: the original R1 is the increment; the comparand is R3+1.
    t = lab()
    D.case("%s R1 is R3" % op)
    D.i("LA    4,3", "LA    5,5", "SR    7,7", "%-5s 4,4,%s" % (op, t), "LA    7,1")
    D.label(t, "DS", "0H")
    D.chkr(4, 6)
    D.chkr(7, 0 if op == "BXH" else 1)
D.case("BXLE loop")
t = lab()
D.i("SR    2,2", "LA    4,1", "LA    5,9", "SR    7,7")
D.label(t, "LA", "7,1(7)")
D.i("BXLE  2,4,%s" % t)
D.chkr(7, 10)

# EXECUTE: bits 8-15 of the target ORed with bits 24-31 of R1 (R1 zero: no
# change); the ILC of an interruption in the target is that of EX (2) and the
# old PSW designates the instruction after EX.
D.case("EX MVC length")
D.i("LA    1,3", "LA    9,=C'ABCDEFGH'", "MVC   @W(8),=8C'.'", "EX    1,ZZEXMVC")
D.chks("@W", "C1C2C3C44B4B4B4B")
D.case("EX R1 zero")
D.i("LA    9,=C'ABCDEFGH'", "MVC   @W(8),=8C'.'", "EX    0,ZZEXMVC")
D.chks("@W", "C14B4B4B4B4B4B4B")
D.case("EX OR bits")
D.i("LA    1,X'F2'", "L     2,=F'1'", "EX    1,ZZEXLR")
D.chkr(2, 1)
D.chkr(15, 1)
D.case("EX branch")
t = lab()
D.i("LA    6,%s" % t, "SR    5,5", "EX    0,ZZEXBR", "LA    5,1")
D.label(t, "DS", "0H")
D.chkr(5, 0)
D.case("EX of EX")
D.pi("EX    0,ZZEXEX", 3, 2)
D.case("EX odd target")
D.i("LA    6,ZZEXMVC+1")
D.pi("EX    0,0(6)", 6, 2)
D.case("EX target program check")
D.i("SR    2,2", "LA    3,1")
D.pi("EX    0,ZZEXDR", 9, 2)
D.case("EX of BAL link ILC")
t = lab()
D.i("LA    6,%s" % t, "SR    15,15", "SPM   15", "EX    0,ZZEXBAL")
D.label(t + "R", "DS", "0H")
D.label(t, "DS", "0H")
D.i("LA    8,%sR" % t, "O     8,=X'80000000'", "CR    7,8")
D.chkcc(0)
D.case("EX SVC")
D.pi("EX    0,ZZEXSVC", 0x0011, 2, cls="S")
D.case("EX target CC")
D.i("LA    2,5", "EX    0,ZZEXLTR")
D.chkcc(2)
D.i("B     ZZEXEND")
D.label("ZZEXMVC", "MVC", "@W(1),0(9)")
D.label("ZZEXLR", "LR", "0,0")
D.label("ZZEXBR", "BR", "6")
D.label("ZZEXEX", "EX", "0,ZZEXMVC")
D.label("ZZEXDR", "DR", "2,2")
D.label("ZZEXBAL", "BALR", "7,6")
D.label("ZZEXSVC", "SVC", "17")
D.label("ZZEXLTR", "LTR", "2,2")
D.label("ZZEXEND", "DS", "0H")

# SUPERVISOR CALL: interruption code the I field, ILC 1, old PSW after SVC.
for code in (0, 1, 0x7F, 0x80, 0xFF):
    D.case("SVC %d" % code)
    D.pi("SVC   %d" % code, code, 1, cls="S")
D.case("SVC keeps registers")
D.i("LA    2,77")
D.pi("SVC   3", 3, 1, cls="S")
D.chkr(2, 77)

print(D.write("../branching.asm"), "checks")
