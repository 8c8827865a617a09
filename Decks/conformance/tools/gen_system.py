"""The system decks: control instructions and privileged operation, the
interruption classes, storage keys, prefixing, timers, DAT, PER and the
monitor, and I/O instructions (PoO, "Control Instructions", "Interruptions",
"Storage Protection", "Prefixing", "Timing", "Dynamic Address
Translation", "Program-Event Recording", "Input/Output Operations")."""
import deck
from deck import Deck

deck.GENERATOR[0] = "gen_system.py"
N = [0]


def lab():
    N[0] += 1
    return "ZZY%d" % N[0]


def priv(D, ins, ilc, name=None, mode="BC"):
    """`ins` in the problem state: privileged operation (code 2)."""
    D.case(name or "%s problem state" % ins.split()[0])
    D.i("PIARM", "PROBLEM MODE=%s" % mode, ins, "PICHK 0002,ILC=%d" % ilc)
    D.checks += 1


# ---------------------------------------------------------------- control
D = Deck("control", "control instructions")
PRIVS = [("SSM   @W", 2), ("LPSW  @W", 2), ("DIAG  0,0,0" if False else "DC    X'83000000'", 2),
         ("STNSM @W,0", 2), ("STOSM @W,0", 2), ("SIGP  0,0,0", 2),
         ("LRA   2,@W", 2), ("STCTL 0,0,@W", 2), ("LCTL  0,0,@W", 2), ("SSK   2,3", 1), ("ISK   2,3", 1),
         ("STIDP @W", 2), ("SCK   @W", 2), ("SCKC  @W", 2), ("STCKC @W", 2), ("SPT   @W", 2),
         ("STPT  @W", 2), ("SPKA  0", 2), ("IPK   0", 2), ("PTLB  0", 2), ("SPX   @W", 2), ("STPX  @W", 2),
         ("STAP  @W", 2), ("RRB   @W", 2), ("IPTE  2,3", 2), ("SIO   X'0FF'", 2), ("SIOF  X'0FF'", 2),
         ("TIO   X'0FF'", 2), ("CLRIO X'0FF'", 2), ("HIO   X'0FF'", 2), ("HDV   X'0FF'", 2),
         ("TCH   X'F00'", 2), ("CLRCH X'F00'", 2), ("STIDC X'F00'", 2)]
for ins, ilc in PRIVS:
    name = ins.split()[0]
    if ins.startswith("DC"):
        name = "DIAGNOSE"
    priv(D, ins, ilc, "%s problem state" % name)
D.case("STCK problem state ok")
D.i("PIARM", "PROBLEM", "STCK  @W", "SVC   9", "PICHK 0009,ILC=1,CLASS=S")
D.checks += 1

# SSM, STNSM, STOSM: the system mask (PSW bits 0-7).
for m in (0x00, 0xFC, 0x80, 0x7C):
    D.case("SSM %02X" % m)
    D.i("MVI   @W,X'%02X'" % m, "SSM   @W", "STNSM @W+1,X'00'")
    D.chks("@W+1", "%02X" % m)
D.case("STOSM ORs")
D.i("SSM   =X'00'", "STOSM @W,X'0C'", "STNSM @W+1,X'00'")
D.chks("@W", "000C")
D.case("STNSM ANDs")
D.i("SSM   =X'FC'", "STNSM @W,X'3C'", "STNSM @W+1,X'00'")
D.chks("@W", "FC3C")
# LPSW: the CC and program mask from the new PSW.
for cc in range(4):
    t = lab()
    D.case("LPSW cc%d" % cc)
    D.i("LPSW  %sP" % t, "DS    0D")
    D.label(t + "P", "DC", "X'00000000',X'%02X',AL3(%s)" % (cc << 4, t))
    D.label(t, "DS", "0H")
    D.chkcc(cc)
D.case("LPSW unaligned")
D.pi("LPSW  @W+4", 6, 2)
# SPM: CC and program mask from bits 2-7 of R1.
for v in (0x00, 0x3F, 0x2A, 0x15):
    D.case("SPM %02X" % v)
    D.i("L     2,=X'%02X000000'" % v, "SPM   2")
    D.chkcc(v >> 4 & 3)
    D.i("BALR  3,0", "N     3,=X'3F000000'", "SR    15,15", "SPM   15")
    D.chkr(3, (v & 0x3F) << 24)
# SPKA, IPK.
for k in (0x30, 0xF0, 0x00):
    D.case("SPKA IPK %02X" % k)
    D.i("L     2,=X'AABBCCDD'", "SPKA  X'%02X'" % k, "IPK   0", "SPKA  0")
    D.chkr(2, 0xAABBCC00 | k)
# SSK, ISK, RRB (a 2K block at X'40000').
for key in (0x00, 0x50, 0xF8, 0x36):
    D.case("SSK ISK EC %02X" % key)
    D.i("ECMODE", "L     3,=A(X'40000')", "LA    2,X'%02X'" % key, "SSK   2,3", "L     4,=X'11223344'",
        "ISK   4,3", "BCMODE")
    D.chkr(4, 0x11223300 | (key & 0xFE))
    D.case("ISK BC %02X" % key)
    D.i("L     3,=A(X'40000')", "L     4,=X'11223344'", "ISK   4,3")
    D.chkr(4, 0x11223300 | (key & 0xF8))
for rc in range(4):
    D.case("RRB %d" % rc)
    D.i("L     3,=A(X'40800')", "LA    2,X'%02X'" % (0x30 | rc << 1), "SSK   2,3", "RRB   0(3)")
    D.chkcc(rc)
    D.i("ISK   4,3" if False else "ECMODE", "ISK   4,3", "BCMODE", "N     4,=F'255'")
    D.chkr(4, 0x30 | (rc & 1) << 1)
D.case("SSK keeps CC")
D.i("L     3,=A(X'40000')", "LA    2,0", "CLR   3,2", "SSK   2,3")
D.chkcc(2)
# Control registers.
for v in (0x0000FFFF, 0x00000000, 0x12345678):
    D.case("LCTL STCTL CR8 %08X" % v)
    D.i("LCTL  8,8,=X'%08X'" % v, "STCTL 8,8,@W")
    D.chks("@W", "%08X" % v)
D.case("LCTL STCTL wrap")
D.i("STCTL 15,0,@W+X'80'", "LCTL  15,0,=X'AAAA000000000000'", "STCTL 15,0,@W",
    "LCTL  15,0,@W+X'80'")
D.chks("@W", "AAAA000000000000")
D.case("STCTL unaligned" if False else "LCTL ok range")
D.i("STCTL 8,9,@W", "LCTL  8,9,@W", "STCTL 8,9,@W+8", "CLC   @W(8),@W+8")
D.chkcc(0)
# SSM special operation (EC mode, CR0 bit 1 on).
D.case("SSM special operation")
D.i("ECMODE", "STCTL 0,0,@W+X'80'", "L     2,@W+X'80'", "O     2,=X'40000000'", "ST    2,@W+X'84'",
    "LCTL  0,0,@W+X'84'")
D.pi("SSM   =X'00'", 0x13, 2)
D.i("LCTL  0,0,@W+X'80'", "BCMODE")
# STIDP, STAP, SIGP.
D.case("STIDP model 0158")
D.i("STIDP @W")
D.chks("@W+4", "0158")
D.case("STIDP unaligned")
D.pi("STIDP @W+4", 6, 2)
D.case("STAP")
D.i("MVC   @W(2),=X'FFFF'", "STAP  @W")
D.chks("@W", "0000")
D.case("SIGP no such CPU")
D.i("LA    3,1", "SIGP  2,3,1")
D.chkcc(3)
# MC: monitor event when the class's mask bit in CR8 is one.
D.case("MC masked off")
D.i("LCTL  8,8,=F'0'", "MC    X'123',3")
D.chkr(0, 0) if False else None
D.case("MC class 3")
D.i("LCTL  8,8,=X'00001000'")
D.pi("MC    X'123',3", 0x40, 2)
D.chks("149", "03", "CLASS")
D.chks("157", "000123", "CODE")
D.case("MC class 15")
D.i("LCTL  8,8,=X'00000001'", "LA    5,X'456'")
D.pi("MC    X'100'(5),15", 0x40, 2)
D.chks("157", "000556", "CODE")
D.case("MC spec")
D.pi("MC    0,X'13'", 6, 2)
D.i("LCTL  8,8,=F'0'")
# WRD, RDD, DIAGNOSE: this model has no direct-control feature and no
# DIAGNOSE functions.
D.case("WRD not installed")
D.pi("WRD   @W,0", 1, 2)
D.case("RDD not installed")
D.pi("RDD   @W,0", 1, 2)
D.case("DIAGNOSE model")
D.pi("DC    X'83000000'", 6, 2)
# STCK, SCK, SCKC, STCKC, SPT, STPT (the values are checked by the timers deck).
D.case("STCK advances")
D.i("STCK  @W", "STCK  @W+8", "CLC   @W(8),@W+8")
D.chkcc(1)
D.case("STCK CC")
D.i("STCK  @W")
D.chkcc(0)
D.case("SCK STCK")
D.i("SCK   =X'7000000000000000'")
D.chkcc(0)
D.i("STCK  @W")
D.chks("@W", "7000", "HI")
D.case("SCKC STCKC")
D.i("SCKC  =X'FFFFFFFFFFFFF000'", "STCKC @W")
D.chks("@W", "FFFFFFFFFFFFF000")
D.case("SPT STPT")
D.i("SPT   =X'7FFFFFFF00000000'", "STPT  @W")
D.chks("@W", "7FFFFF", "HI")
D.case("SCK unaligned")
D.pi("SCK   @W+4", 6, 2)
D.case("PTLB keeps CC")
D.i("LA    2,1", "LTR   2,2", "PTLB  0")
D.chkcc(2)
D.case("SPX STPX")
D.i("STPX  @W")
D.chks("@W", "00000000")

# More of the system-mask, control-register, key and clock instructions.
for cur, mask, op in ((0xFC, 0x0F, "STNSM"), (0x00, 0xF0, "STOSM"), (0x81, 0x7E, "STOSM"), (0xFF, 0x00, "STNSM"),
                      (0x3C, 0xC3, "STOSM"), (0x7C, 0x80, "STNSM")):
    new = cur & mask if op == "STNSM" else cur | mask
    new &= 0xFE   # keep the external mask off: the interval timer may be pending
    D.case("%s %02X %02X" % (op, cur, mask))
    D.i("MVI   @W+2,X'%02X'" % (cur & 0xFE), "SSM   @W+2", "%s @W,X'%02X'" % (op, mask & (0xFE if op == "STOSM" else 0xFF)),
        "STNSM @W+1,X'00'")
    D.chks("@W", "%02X%02X" % (cur & 0xFE, new))
for cr, v in ((2, 0xFFFFFFFF), (8, 0x00008001), (9, 0x00000000), (14, 0xC2000000), (15, 0x00000200)):
    D.case("STCTL LCTL CR%d" % cr)
    D.i("STCTL %d,%d,@W+X'80'" % (cr, cr), "LCTL  %d,%d,=X'%08X'" % (cr, cr, v), "STCTL %d,%d,@W" % (cr, cr),
        "LCTL  %d,%d,@W+X'80'" % (cr, cr))
    D.chks("@W", "%08X" % v)
D.case("STCTL unaligned")
D.pi("STCTL 8,8,@W+2", 6, 2)
D.case("LCTL unaligned")
D.pi("LCTL  8,8,@W+1", 6, 2)
for v in ("0000000000000000", "123456789ABCD000", "8000000000000000"):
    D.case("SCKC STCKC %s" % v[:8])
    D.i("SCKC  =X'%s'" % v, "STCKC @W")
    D.chks("@W", v)
D.case("STCKC unaligned")
D.pi("STCKC @W+4", 6, 2)
D.case("SCKC unaligned")
D.pi("SCKC  @W+2", 6, 2)
D.case("STPT unaligned")
D.pi("STPT  @W+4", 6, 2)
D.case("SPT unaligned")
D.pi("SPT   @W+4", 6, 2)
D.case("STPT counts down")
D.i("SPT   =X'0000800000000000'", "STPT  @W", "STPT  @W+8", "CLC   @W(8),@W+8")
D.chkcc(2)
D.case("STAP unaligned")
D.pi("STAP  @W+1", 6, 2)
D.case("STPX after SPX")
D.i("SPX   =F'0'", "MVC   @W(4),=X'FFFFFFFF'", "STPX  @W")
D.chks("@W", "00000000")
D.case("SIGP own address sense")
D.i("SR    3,3", "SIGP  2,3,1")
D.chkcc(0)
D.case("IPK keeps bits")
D.i("L     2,=X'FFFFFFFF'", "SPKA  X'A0'", "IPK   0", "SPKA  0")
D.chkr(2, 0xFFFFFFA0)
D.write("../control.asm")

# ---------------------------------------------------------------- interruptions
D = Deck("interrupt", "interruption classes and program-interruption codes")
D.comment("Operation exception: opcodes not in the checklist (PoO: ILC from")
D.comment("the first two bits of the opcode).")
for op in ("00", "01", "02", "03", "0C", "0D", "4D", "51", "52", "A0", "C0", "E8", "FF", "9C02",
           "B214", "B200", "B2FF", "AB", "9F02", "B0", "E0", "27" if False else "D0", "F7", "83" if False else "A5"):
    code = int(op[:2], 16)
    ilc = 1 if code < 0x40 else (2 if code < 0xC0 else 3)
    D.case("INTERRUPT op %s" % op)
    full = op + "0000000000"
    D.pi("DC    X'%s'" % full[:ilc * 4], 1, ilc)
D.comment("Addressing (code 5): beyond the 1M of storage.")
for ins, ilc in (("L     2,0(5)", 2), ("ST    2,0(5)", 2), ("MVC   0(4,5),@W", 3), ("MVI   0(5),0", 2),
                 ("CLI   0(5),0", 2), ("LM    2,3,0(5)", 2)):
    D.case("INTERRUPT addr %s" % ins.split()[0])
    D.i("L     5,=A(X'FFFF00')")
    D.pi(ins, 5, ilc)
D.comment("The same interruptions in the EC mode: code at 142, ILC at 141.")
D.case("INTERRUPT EC divide")
D.i("ECMODE", "SR    2,2", "SR    3,3")
D.pi("D     2,=F'0'", 9, 2)
D.case("INTERRUPT EC SVC")
D.pi("SVC   200", 200, 1, cls="S")
D.case("INTERRUPT EC operation")
D.pi("DC    X'0000'", 1, 1)
D.case("INTERRUPT EC SS ILC")
D.i("SR    5,5", "L     5,=A(X'FFFF00')")
D.pi("MVC   0(4,5),@W", 5, 3)
D.i("BCMODE")
D.comment("Each program-interruption code the checklist names, by one case")
D.comment("named for it (most have many more in the family decks).")
D.case("PICODE 01")
D.pi("DC    X'0000'", 1, 1)
D.case("PICODE 02")
D.i("PIARM", "PROBLEM", "SSM   @W", "PICHK 0002,ILC=2")
D.checks += 1
D.case("PICODE 03")
D.i("LA    6,ZZPIEX")
D.pi("EX    0,0(6)", 3, 2)
D.case("PICODE 05")
D.i("L     5,=A(X'FFFFF0')")
D.pi("IC    2,0(5)", 5, 2)
D.case("PICODE 06")
D.pi("LPSW  @W+1", 6, 2)
D.case("PICODE 07")
D.pi("AP    @W(2),=X'AAAA'", 7, 3)
D.case("PICODE 08")
D.spm(8)
D.i("L     2,=X'7FFFFFFF'")
D.pi("A     2,=F'1'", 8, 2)
D.spm(0)
D.case("PICODE 09")
D.i("SR    2,2", "SR    3,3", "SR    4,4")
D.pi("DR    2,4", 9, 1)
D.case("PICODE 0A")
D.spm(4)
D.i("MVC   @W(1),=X'9C'")
D.pi("AP    @W(1),=X'1C'", 0x0A, 3)
D.spm(0)
D.case("PICODE 0B")
D.i("MVC   @W(2),=X'100C'")
D.pi("DP    @W(2),=X'0C'", 0x0B, 3)
D.case("PICODE 0C")
D.i("LE    2,=X'7FFFFFFF'")
D.pi("AER   2,2", 0x0C, 1)
D.case("PICODE 0D")
D.spm(2)
D.i("LE    2,=X'00100000'")
D.pi("HER   2,2", 0x0D, 1)
D.spm(0)
D.case("PICODE 0E")
D.spm(1)
D.i("LE    2,=X'41100000'")
D.pi("SER   2,2", 0x0E, 1)
D.spm(0)
D.case("PICODE 0F")
D.i("LE    2,=X'41100000'", "SER   4,4")
D.pi("DER   2,4", 0x0F, 1)
D.case("PICODE 03 R1 nonzero")
D.i("LA    6,ZZPIEX", "LA    1,X'F0'")
D.pi("EX    1,0(6)", 3, 2)
D.case("PICODE 13 again")
D.i("ECMODE", "STCTL 0,0,@W+X'80'", "L     2,@W+X'80'", "O     2,=X'40000000'", "ST    2,@W+X'84'",
    "LCTL  0,0,@W+X'84'")
D.pi("SSM   @W", 0x13, 2)
D.i("LCTL  0,0,@W+X'80'", "BCMODE")
D.i("B     ZZPIEND")
D.label("ZZPIEX", "EX", "0,0(6)")
D.label("ZZPIEND", "DS", "0H")
D.write("../interrupt.asm")

# ---------------------------------------------------------------- keys
D = Deck("keys", "storage keys and key-controlled protection")
BLK = "L     9,=A(X'40000')"
for bkey, pkey, store_ok, fetch_ok in ((0x50, 0x30, False, True), (0x58, 0x30, False, False),
                                       (0x30, 0x30, True, True), (0x38, 0x30, True, True),
                                       (0x58, 0x00, True, True), (0x50, 0x50, True, True),
                                       (0x08, 0x10, False, False), (0xF0, 0xE0, False, True),
                                       (0x00, 0xF0, False, True)):
    for what, ok, ins, ilc in (("store", store_ok, "MVI   0(9),X'77'", 2), ("fetch", fetch_ok, "IC    2,0(9)", 2),
                               ("mvc", store_ok, "MVC   0(4,9),@W", 3), ("st", store_ok, "ST    2,4(9)", 2)):
        D.case("KEYS %s b%02X p%02X" % (what, bkey, pkey))
        D.i(BLK, "MVI   0(9),X'11'", "LA    3,X'%02X'" % bkey, "SSK   3,9", "SR    2,2")
        if ok:
            D.i("SPKA  X'%02X'" % pkey, ins, "SPKA  0")
            D.chkcc(0) if False else None
            if what == "store":
                D.chks("0(9)" if False else "@W+X'200'", "00", "PAD") if False else None
                D.i("MVC   @GOT(1),0(9)")
                D.i("CHKX  X'77',S")
                D.checks += 1
            elif what == "fetch":
                D.chkr(2, 0x11)
            else:
                D.i("MVC   @GOT(1),0(9)")
                D.i("CHKX  X'%s',S" % ("00" if what == "mvc" else "11") if what == "st" else "CHKX  X'00',S")
                D.checks += 1
        else:
            D.i("PIARM", "SPKA  X'%02X'" % pkey, ins, "PICHK 0004,ILC=%d" % ilc)
            D.checks += 1
            D.i("MVC   @GOT(1),0(9)")
            D.i("CHKX  X'11',S")
            D.checks += 1
D.case("KEYS neighbour block")
D.i(BLK, "LA    3,X'50'", "SSK   3,9", "L     8,=A(X'40800')", "LA    3,X'30'", "SSK   3,8", "SPKA  X'30'",
    "MVI   0(8),X'66'", "SPKA  0", "MVC   @GOT(1),0(8)", "CHKX  X'66',S")
D.checks += 1
D.case("KEYS store crossing")
D.i("L     8,=A(X'407FE')", "SPKA  X'00'", "LA    3,X'30'", "L     9,=A(X'40000')", "SSK   3,9",
    "L     9,=A(X'40800')", "LA    3,X'50'", "SSK   3,9", "MVC   0(4,8),=C'ABCD'")
D.i("PIARM", "SPKA  X'30'", "MVC   0(4,8),=C'WXYZ'", "PICHK 0004,ILC=3")
D.checks += 1
D.case("KEYS change bit")
D.i("L     9,=A(X'41000')", "LA    3,X'30'", "SSK   3,9", "MVI   0(9),1", "ECMODE", "ISK   4,9", "BCMODE",
    "N     4,=F'255'")
D.chkr(4, 0x36)
D.case("KEYS reference bit")
D.i("L     9,=A(X'41800')", "LA    3,X'30'", "SSK   3,9", "CLI   0(9),1", "ECMODE", "ISK   4,9", "BCMODE",
    "N     4,=F'255'")
D.chkr(4, 0x34)
D.write("../keys.asm")

# ---------------------------------------------------------------- prefix
D = Deck("prefix", "prefixing (SPX, STPX)")
D.comment("Low storage (the handlers, the results header) is copied to the")
D.comment("new prefix area first; real 0-4095 then means absolute P-P+4095,")
D.comment("and real P-P+4095 means absolute 0-4095.")
P = 0x20000
D.case("PREFIX set")
D.i("L     2,=A(X'%X')" % P, "L     3,=F'4096'", "SR    4,4", "LR    5,3", "MVCL  2,4",
    "MVC   @W+X'100'(8),=C'ABSOLUTE'",
    "L     6,=A(X'%X')" % P, "MVC   X'D00'(8,6),=C'PREFIXED'",
    "SPX   =A(X'%X')" % P, "STPX  @W")
D.chks("@W", "%08X" % P)
D.case("PREFIX low maps to P")
D.chks("@W+X'100'", "D7D9C5C6C9E7C5C4", "REAL")
D.case("PREFIX P maps to zero")
D.i("L     6,=A(X'%X')" % P, "MVC   @GOT(8),X'D00'(6)", "CHKX  X'C1C2E2D6D3E4E3C5',S")
D.checks += 1
D.case("PREFIX interruption area")
D.pi("SVC   77", 77, 1, cls="S")
D.i("L     6,=A(X'%X')" % P, "CLI   X'23'(6),77")
D.chkcc(0) if False else None
D.case("PREFIX back to zero")
D.i("SPX   =F'0'", "L     2,=F'0'", "L     3,=F'4096'", "L     4,=A(X'%X')" % P, "LR    5,3", "MVCL  2,4",
    "STPX  @W")
D.chks("@W", "00000000")
D.case("PREFIX old PSW went to P")
D.i("L     6,=A(X'%X')" % P)
D.i("MVC   @GOT(2),X'22'(6)", "CHKX  X'004D',S")
D.checks += 1
D.case("SPX unaligned")
D.pi("SPX   @W+2", 6, 2)
D.case("STPX unaligned")
D.pi("STPX  @W+2", 6, 2)
D.case("SPX addressing")
D.pi("SPX   =A(X'FFF000')", 5, 2)
D.write("../prefix.asm")

# ---------------------------------------------------------------- timers
D = Deck("timers", "TOD clock, clock comparator, CPU timer, interval timer")
D.case("TIMERS CKC interruption")
D.i("STCTL 0,0,@W+X'80'", "LCTL  0,0,=X'00000800'", "SCKC  =X'0000000000000000'")
D.pi("SSM   =X'01'", 0x1004, 0, cls="E")
D.case("TIMERS CKC masked")
D.i("LCTL  0,0,=X'00000000'", "SSM   =X'01'", "SSM   =X'00'", "MVC   @GOT(1),@ZERO", "MVC   @GOT(1),@ZERO", "CHKX  X'00',NONE")
D.checks += 1
D.case("TIMERS CKC future")
D.i("LCTL  0,0,=X'00000800'", "SCKC  =X'FFFFFFFFFFFFFFFF'", "SSM   =X'01'", "SSM   =X'00'",
    "MVC   @GOT(1),@ZERO", "CHKX  X'00',NONE")
D.checks += 1
D.case("TIMERS CPU timer")
D.i("LCTL  0,0,=X'00000400'", "SPT   =X'FFFFFFFFFFFFFFFF'")
D.pi("SSM   =X'01'", 0x1005, 0, cls="E")
D.case("TIMERS CPU timer positive")
D.i("SPT   =X'7FFFFFFFFFFFFFFF'", "SSM   =X'01'", "SSM   =X'00'", "MVC   @GOT(1),@ZERO", "CHKX  X'00',NONE")
D.checks += 1
D.case("TIMERS CPU timer runs")
D.i("SPT   =X'0000100000000000'", "LA    2,100")
D.label("ZZTM1", "BCT", "2,ZZTM1")
D.i("STPT  @W", "CLC   @W(8),=X'0000100000000000'")
D.chkcc(1)
D.case("TIMERS interval timer runs")
# 1.5 million BCTs: at least 1.5 seconds of machine time in the
# deterministic mode, hundreds of steps of bit 23 (300 a second).
D.i("MVC   80(4),=X'00100000'", "L     2,=F'1500000'")
D.label("ZZTM3", "BCT", "2,ZZTM3")
D.i("CLC   80(4),=X'00100000'")
D.chkcc(1)
D.case("TIMERS TOD runs")
D.i("STCK  @W", "LA    2,100")
D.label("ZZTM2", "BCT", "2,ZZTM2")
D.i("STCK  @W+8", "CLC   @W(8),@W+8")
D.chkcc(1)
D.case("TIMERS TOD bit 51")
D.i("STCK  @W", "STCK  @W+8", "LM    2,3,@W", "LM    4,5,@W+8", "SLR   5,3")
D.chkcc(3)
D.case("TIMERS interval interruption")
# PoO: the interruption condition arises when the value at 80 goes from
# positive to negative; one unit of bit 23 is 1/300 second.
# A condition left pending by an earlier crossing (location 80 starts at
# zero) is taken first, without a check.
D.i("MVC   80(4),=X'7FFFFFFF'", "LCTL  0,0,=X'00000080'", "PIARM", "SSM   =X'01'", "SSM   =X'00'", "PIDISARM")
D.i("MVC   80(4),=X'00000100'", "L     2,=F'50000000'", "PIARM", "SSM   =X'01'")
D.label("ZZTM4", "BCT", "2,ZZTM4")
D.i("PICHK 0080,CLASS=E,ADDR=ZZTM4")
D.checks += 1
D.case("TIMERS interval decremented")
D.i("TM    80,X'80'")
D.chkcc(3)
D.i("LCTL  0,0,@W+X'80'")
D.write("../timers.asm")

# ---------------------------------------------------------------- DAT
D = Deck("dat", "dynamic address translation (4K pages, 64K segments)")
D.comment("Segment table at X'20000' (16 entries: 1M), page tables from")
D.comment("X'21000' (16 entries of 2 bytes a segment); identity mapping, but")
D.comment("segment 15 invalid, page X'E0000' invalid, X'E1000' -> X'30000'.")
D.case("DAT tables")
D.i("L     2,=A(X'20000')", "L     3,=A(X'21000')", "SR    4,4", "LA    5,16")
D.label("ZZDS", "LR", "7,3")
D.i("O     7,=X'F0000000'", "ST    7,0(2)", "LA    6,16")
D.label("ZZDP", "STH", "4,0(3)")
D.i("LA    4,16(4)", "LA    3,2(3)", "BCT   6,ZZDP", "LA    2,4(2)", "BCT   5,ZZDS",
    "L     9,=A(X'2003F')", "OI    0(9),X'01'", "L     9,=A(X'211C0')", "OI    1(9),X'08'",
    "MVC   2(2,9),=X'0300'", "L     9,=A(X'30000')", "MVC   0(8,9),=C'FRAME30K'",
    "LCTL  0,1,=X'0080000000020000'", "ECMODE")
D.chks("@ZERO", "00", "SETUP") if False else None
D.i("LPSW  ZZDATON", "DS    0D")
D.label("ZZDATON", "DC", "X'04080000',A(ZZDATGO)")
D.label("ZZDATGO", "DS", "0H")
D.i("MVC   @W(4),=C'VEQR'")
D.chks("@W", "E5C5D8D9")
D.case("DAT remapped page")
D.i("L     9,=A(X'E1000')", "MVC   @GOT(8),0(9)", "CHKX  X'C6D9C1D4C5F3F0D2',S")
D.checks += 1
for va, cc, r in ((0x12345, 0, 0x12345), (0xE1010, 0, 0x30010), (0xE0000, 2, 0x211C0), (0xF0000, 1, 0x2003C),
                  (0xFFFFF, 1, 0x2003C), (0x100000, 3, None), (0xE0FFF, 2, 0x211C0)):
    D.case("LRA %X" % va)
    D.i("L     9,=A(X'%X')" % va, "L     2,=X'FFFFFFFF'", "LRA   2,0(9)")
    D.chkcc(cc)
    if r is not None:
        D.chkr(2, r)
D.case("DAT page translation")
D.i("L     9,=A(X'E0010')")
D.pi("L     2,0(9)", 0x11, 2, addr="INST")
D.case("DAT segment translation")
D.i("L     9,=A(X'F0010')")
D.pi("MVI   0(9),0", 0x10, 2, addr="INST")
D.case("DAT segment length")
D.i("L     9,=A(X'100000')")
D.pi("IC    2,0(9)", 0x10, 2, addr="INST")
D.case("DAT instruction fetch")
D.i("L     9,=A(X'E0000')")
D.i("PIARM", "BR    9", "PICHK 0011,ILC=ANY,ADDR=X'E0000'")
D.checks += 1
D.case("DAT page translation store")
D.i("L     9,=A(X'E0800')")
D.pi("ST    2,0(9)", 0x11, 2, addr="INST")
D.case("DAT page translation MVC")
D.i("L     9,=A(X'E0FFE')")
D.pi("MVC   0(4,9),@W", 0x11, 3, addr="INST")
D.case("DAT page translation 2nd op")
D.i("L     9,=A(X'E0100')")
D.pi("MVC   @W(4),0(9)", 0x11, 3, addr="INST")
D.case("DAT segment translation ST")
D.i("L     9,=A(X'F8000')")
D.pi("ST    2,0(9)", 0x10, 2, addr="INST")
D.case("DAT segment length MVI")
D.i("L     9,=A(X'7F0000')")
D.pi("MVI   0(9),1", 0x10, 2, addr="INST")
D.case("DAT PTE format")
D.i("L     9,=A(X'211C8')", "MVC   @W+X'90'(2),0(9)", "OI    1(9),X'04'", "PTLB  0", "L     8,=A(X'E4000')")
D.pi("IC    2,0(8)", 0x12, 2)
D.i("MVC   0(2,9),@W+X'90'", "PTLB  0")
D.case("DAT after PTE restored")
D.i("L     8,=A(X'E4000')", "MVI   0(8),X'5A'", "MVC   @GOT(1),0(8)", "CHKX  X'5A',S")
D.checks += 1
D.case("IPTE")
D.i("L     2,=A(X'211C0')", "L     3,=A(X'E1000')", "IPTE  2,3", "LRA   4,0(3)")
D.chkcc(2)
D.i("L     9,=A(X'211C2')", "MVC   @GOT(2),0(9)", "CHKX  X'0308',PTE")
D.checks += 1
D.case("PTLB new mapping")
D.i("L     9,=A(X'211C4')", "L     8,=A(X'E2000')", "MVC   0(4,8),=C'OLD '", "MVC   0(2,9),=X'0310'",
    "PTLB  0", "L     7,=A(X'31000')", "MVC   0(4,7),=C'NEW '", "MVC   @GOT(4),0(8)", "CHKX  X'D5C5E640',S")
D.checks += 1
D.case("DAT off again")
D.i("BCMODE", "L     9,=A(X'E1000')", "MVC   @GOT(4),0(9)", "CHKX  X'00000000',S")
D.checks += 1
D.case("DAT translation spec")
D.i("ECMODE", "STCTL 0,0,@W+X'80'", "LCTL  0,0,=X'00C00000'", "L     9,=A(X'12000')")
D.pi("LRA   2,0(9)", 0x12, 2)   # PoO: translation specification suppresses
D.i("LCTL  0,0,@W+X'80'", "BCMODE")
D.write("../dat.asm")

# ---------------------------------------------------------------- PER, monitor
D = Deck("per", "program-event recording and the monitor")
D.case("PER storage alteration")
D.i("ECMODE", "LA    2,@W", "LA    3,@W+3", "ST    2,@W+X'80'", "ST    3,@W+X'84'",
    "LCTL  9,11,ZZPERCR", "LPSW  ZZPERON", "DS    0D")
D.label("ZZPERON", "DC", "X'40080000',A(ZZPERGO)")
D.label("ZZPERGO", "DS", "0H")
D.i("PIARM")
D.label("ZZPERI1", "MVI", "@W+1,5")
D.i("PICHK 0080,ILC=2")
D.checks += 1
D.chks("150", "20", "CODE")
D.chks("153", "", "") if False else None
D.i("MVC   @GOT(3),153", "CHKX  AL3(ZZPERI1),ADDR" if False else "")
D.case("PER outside range")
D.i("LPSW  ZZPERON2", "DS    0D")
D.label("ZZPERON2", "DC", "X'40080000',A(ZZPERG2)")
D.label("ZZPERG2", "MVI", "@W+4,5")
D.i("MVI   @W,5", "MVC   @GOT(1),@ZERO") if False else D.i("MVI   @W+8,5")
D.chkcc(0) if False else None
D.i("MVC   @GOT(1),@W+8", "CHKX  X'05',S")
D.checks += 1
D.case("PER GR alteration")
D.i("LCTL  9,9,=X'10000400'", "LPSW  ZZPERON3", "DS    0D")
D.label("ZZPERON3", "DC", "X'40080000',A(ZZPERG3)")
D.label("ZZPERG3", "DS", "0H")
D.i("LA    4,1", "PIARM", "LA    5,1", "PICHK 0080,ILC=2")
D.checks += 1
D.chks("150", "10", "CODE")
D.case("PER branch")
D.i("LCTL  9,9,=X'80000000'", "LA    2,ZZPERT", "ST    2,@W+X'80'", "ST    2,@W+X'84'",
    "LCTL  10,11,@W+X'80'", "LPSW  ZZPERON4", "DS    0D")
D.label("ZZPERON4", "DC", "X'40080000',A(ZZPERG4)")
D.label("ZZPERG4", "DS", "0H")
D.i("PIARM", "B     ZZPERT")
D.label("ZZPERT", "DS", "0H")
D.i("PICHK 0080,ILC=2,ADDR=ZZPERT")
D.checks += 1
D.chks("150", "80", "CODE")
D.case("PER off in PSW")
D.i("LCTL  9,9,=X'20000000'", "LA    2,@W", "ST    2,@W+X'80'", "ST    2,@W+X'84'", "LCTL  10,11,@W+X'80'",
    "MVI   @W,9", "MVC   @GOT(1),@W", "CHKX  X'09',S", "BCMODE")
D.checks += 1
D.i("B     ZZPEREND", "DS    0F")
D.label("ZZPERCR", "DC", "X'20000000',A(@W),A(@W+3)")
D.label("ZZPEREND", "DS", "0H")
D.case("MONITOR class 0")
D.i("LCTL  8,8,=X'00008000'")
D.pi("MC    X'ABC',0", 0x40, 2)
D.chks("149", "00", "CLASS")
D.chks("156", "00000ABC", "CODE")
D.case("MONITOR other class off")
D.i("MC    0,1", "LCTL  8,8,=F'0'", "MVC   @GOT(1),@ZERO", "CHKX  X'00',NONE")
D.checks += 1
D.write("../per.asm")

# ---------------------------------------------------------------- I/O
D = Deck("io", "I/O instructions")
D.comment("Devices and channels that are not there: condition code 3 (PoO:")
D.comment("not operational). The I/O address is bits 16-31 of the operand")
D.comment("address: channel X'1F' is beyond the sixteen this machine has.")
for ins in ("SIO   X'0FF'", "SIOF  X'0FF'", "TIO   X'0FF'", "CLRIO X'0FF'", "HIO   X'0FF'", "HDV   X'0FF'",
            "SIO   X'0EF'", "TIO   X'0EF'"):
    D.case("%s %s" % (ins.split()[0], ins.split()[1][2:5]))
    D.i("MVC   72(4),=A(0)", ins)
    D.chkcc(3)
for op in ("SIO", "SIOF", "TIO", "CLRIO", "HIO", "HDV", "TCH", "CLRCH", "STIDC"):
    D.case("%s channel 1F" % op)
    D.i("L     5,=X'00001F00'", "MVC   72(4),=A(0)", "%-5s 0(5)" % op)
    D.chkcc(3)
D.case("TCH address bits 16-23")
D.i("L     5,=X'00FF1F00'", "TCH   0(5)")
D.chkcc(3)
D.write("../io.asm")
