"""The fixed-point deck: loads, adds, subtracts, compares, multiplies,
divides and arithmetic shifts (PoO, "Fixed-Point Arithmetic Instructions")."""
import deck
from deck import Deck, s32, s64, hx, M32

deck.GENERATOR[0] = "gen_fixed.py"
D = Deck("fixed", "fixed-point arithmetic instructions", modes="BC EC")

VALUES = [0, 1, 0xFFFFFFFF, 2, 0x7FFFFFFF, 0x80000000, 0x7FFFFFFE, 0x80000001,
          0x12345678, 0xFFFF0000, 0x0000FFFF, 0xEDCBA988]
PAIRS = [(0, 0), (1, 1), (1, 0xFFFFFFFF), (0xFFFFFFFF, 0xFFFFFFFF), (0x7FFFFFFF, 1),
         (0x80000000, 0xFFFFFFFF), (0x80000000, 0x80000000), (0x7FFFFFFF, 0x7FFFFFFF),
         (0x12345678, 0x11111111), (0xFFFF0000, 0x0000FFFF), (0x7FFFFFFE, 1),
         (0x80000001, 0xFFFFFFFF), (5, 0xFFFFFFF9), (0, 0x80000000)]


def arith_cc(v):
    """CC of a signed result (PoO: 0 zero, 1 less than zero, 2 greater than zero)."""
    v = s32(v)
    return 0 if v == 0 else (1 if v < 0 else 2)


def add(a, b):
    r = s32(a) + s32(b)
    ovf = not (-2**31 <= r < 2**31)
    return r & M32, 3 if ovf else arith_cc(r), ovf


def sub(a, b):
    r = s32(a) - s32(b)
    ovf = not (-2**31 <= r < 2**31)
    return r & M32, 3 if ovf else arith_cc(r), ovf


def comp(a, b):
    a, b = s32(a), s32(b)
    return 0 if a == b else (1 if a < b else 2)


def load2(a, b):
    D.i("L     2,=X'%s'" % hx(a), "L     3,=X'%s'" % hx(b))


# --- Loads: LR, LTR, LCR, LPR, LNR (PoO: LOAD COMPLEMENT of the maximum
# negative number is an overflow, CC 3; LOAD POSITIVE likewise).
for v in VALUES:
    D.case("LR %s" % hx(v))
    D.i("L     3,=X'%s'" % hx(v), "SR    2,2", "LR    2,3")
    D.chkr(2, v)
    D.case("LTR %s" % hx(v))
    D.i("L     3,=X'%s'" % hx(v), "LTR   2,3")
    D.chkr(2, v)
    D.chkcc(arith_cc(v))
    D.case("LCR %s" % hx(v))
    D.i("L     3,=X'%s'" % hx(v), "LCR   2,3")
    r = -s32(v)
    ovf = v == 0x80000000
    D.chkr(2, r)
    D.chkcc(3 if ovf else arith_cc(r))
    D.case("LPR %s" % hx(v))
    D.i("L     3,=X'%s'" % hx(v), "LPR   2,3")
    r = abs(s32(v))
    D.chkr(2, r)
    D.chkcc(3 if ovf else arith_cc(r))
    D.case("LNR %s" % hx(v))
    D.i("L     3,=X'%s'" % hx(v), "LNR   2,3")
    r = -abs(s32(v))
    D.chkr(2, r)
    D.chkcc(arith_cc(r))

# Overflow with the fixed-point-overflow mask on: the result is stored and the
# interruption (code 8) follows, old PSW at the next instruction.
for op, ilc in (("LCR", 1), ("LPR", 1)):
    D.case("%s maxneg masked" % op)
    D.spm(8)
    D.i("L     3,=X'80000000'")
    D.pi("%s   2,3" % op, 8, ilc)
    D.chkr(2, 0x80000000)
    D.spm(0)

# --- AR, A, SR, S, CR, C over the pairs.
for a, b in PAIRS:
    for op, fn in (("AR", add), ("SR", sub)):
        r, cc, _ = fn(a, b)
        D.case("%s %s %s" % (op, hx(a), hx(b)))
        load2(a, b)
        D.i("%-5s 2,3" % op)
        D.chkr(2, r)
        D.chkcc(cc)
    for op, fn in (("A", add), ("S", sub)):
        r, cc, _ = fn(a, b)
        D.case("%s %s %s" % (op, hx(a), hx(b)))
        D.i("L     2,=X'%s'" % hx(a), "%-5s 2,=X'%s'" % (op, hx(b)))
        D.chkr(2, r)
        D.chkcc(cc)
    D.case("CR %s %s" % (hx(a), hx(b)))
    load2(a, b)
    D.i("CR    2,3")
    D.chkcc(comp(a, b))
    D.chkr(2, a)
    D.case("C %s %s" % (hx(a), hx(b)))
    D.i("L     2,=X'%s'" % hx(a), "C     2,=X'%s'" % hx(b))
    D.chkcc(comp(a, b))

# Overflow masked: AR, A, SR, S complete, then interruption code 8.
for op, form, ilc, fn in (("AR", "2,3", 1, add), ("A", "2,=X'00000001'", 2, add),
                          ("SR", "2,3", 1, sub), ("S", "2,=X'00000001'", 2, sub)):
    a = 0x7FFFFFFF if op in ("AR", "A") else 0x80000000
    D.case("%s overflow masked" % op)
    D.spm(8)
    load2(a, 1)
    D.pi("%-5s %s" % (op, form), 8, ilc)
    D.chkr(2, fn(a, 1)[0])
    D.spm(0)
# Overflow with the mask off: CC 3 and no interruption.
D.case("AR overflow unmasked")
load2(0x7FFFFFFF, 0x7FFFFFFF)
D.i("AR    2,3")
D.chkr(2, 0xFFFFFFFE)
D.chkcc(3)

# --- Halfword operands: AH, SH, CH, LH, MH, STH (the halfword is extended
# with its sign to 32 bits).
HALVES = [0x0000, 0x0001, 0x7FFF, 0x8000, 0xFFFF, 0x1234]
for a in (0, 1, 0x7FFFFFFF, 0x80000000, 0xFFFF8000, 0x00012345):
    for h in HALVES:
        hv = h - 0x10000 if h & 0x8000 else h
        for op, fn in (("AH", add), ("SH", sub)):
            r, cc, _ = fn(a, hv)
            D.case("%s %s %04X" % (op, hx(a), h))
            D.i("L     2,=X'%s'" % hx(a), "%-5s 2,=X'%04X'" % (op, h))
            D.chkr(2, r)
            D.chkcc(cc)
        D.case("CH %s %04X" % (hx(a), h))
        D.i("L     2,=X'%s'" % hx(a), "CH    2,=X'%04X'" % h)
        D.chkcc(comp(a, hv))
        D.case("MH %s %04X" % (hx(a), h))
        D.i("L     2,=X'%s'" % hx(a), "MH    2,=X'%04X'" % h)
        D.chkr(2, s32(a) * hv)
for h in HALVES:
    hv = h - 0x10000 if h & 0x8000 else h
    D.case("LH %04X" % h)
    D.i("L     2,=X'A5A5A5A5'", "LH    2,=X'%04X'" % h)
    D.chkr(2, hv)
    D.case("STH %04X" % h)
    D.i("MVC   @W(4),=X'A5A5A5A5'", "L     2,=X'5A5A%04X'" % h, "STH   2,@W+1")
    D.chks("@W", "A5%04XA5" % h)
D.case("AH overflow masked")
D.spm(8)
D.i("L     2,=X'7FFFFFFF'")
D.pi("AH    2,=H'1'", 8, 2)
D.chkr(2, 0x80000000)
D.spm(0)

# --- L, ST, LM, STM (LM and STM wrap from register 15 to 0).
for v in (0, 0x80000000, 0x12345678):
    D.case("L %s" % hx(v))
    D.i("SR    2,2", "L     2,=X'%s'" % hx(v))
    D.chkr(2, v)
    D.case("ST %s" % hx(v))
    D.i("MVC   @W(6),=X'A5A5A5A5A5A5'", "L     2,=X'%s'" % hx(v), "ST    2,@W+1")
    D.chks("@W", "A5%sA5" % hx(v))
D.case("LM 2-5")
D.i("LM    2,5,=F'1,2,3,4'")
for r in range(2, 6):
    D.chkr(r, r - 1)
D.case("LM one register")
D.i("SR    3,3", "LM    3,3,=F'7'")
D.chkr(3, 7)
D.case("STM 2-4")
D.i("LM    2,4,=F'10,20,30'", "STM   2,4,@W")
D.chks("@W", "0000000A000000140000001E")
D.case("STM wraps 15 to 0")
D.i("LR    5,15", "LR    6,0", "L     15,=F'15'", "L     0,=F'16'", "STM   15,0,@W",
    "LR    15,5", "LR    0,6")
D.chks("@W", "0000000F00000010")
D.case("LM wraps 15 to 0")
D.i("LR    5,15", "LM    15,0,=F'-1,-2'", "LR    3,15", "LR    4,0", "LR    15,5")
D.chkr(3, 0xFFFFFFFF)
D.chkr(4, 0xFFFFFFFE)

# --- MR, M: the product of R1+1 and the second operand in the pair R1, R1+1.
MULS = [(0, 0), (1, 1), (0xFFFFFFFF, 1), (0xFFFFFFFF, 0xFFFFFFFF), (0x7FFFFFFF, 0x7FFFFFFF),
        (0x80000000, 0x80000000), (0x80000000, 0x7FFFFFFF), (0x00010000, 0x00010000),
        (0x12345678, 0x9ABCDEF0), (0xFFFFFFFE, 3), (0x0000FFFF, 0xFFFF0000)]
for a, b in MULS:
    p = s32(a) * s32(b)
    D.case("MR %s %s" % (hx(a), hx(b)))
    D.i("L     2,=X'DEADBEEF'", "L     3,=X'%s'" % hx(a), "L     4,=X'%s'" % hx(b), "MR    2,4")
    D.chkrr(2, p)
    D.case("M %s %s" % (hx(a), hx(b)))
    D.i("L     3,=X'%s'" % hx(a), "M     2,=X'%s'" % hx(b))
    D.chkrr(2, p)
D.case("MR odd R1")
D.pi("MR    3,4", 6, 1)
D.case("M odd R1")
D.pi("M     5,=F'1'", 6, 2)

# --- DR, D: the 64-bit dividend in R1, R1+1; quotient in R1+1, remainder
# (the sign of the dividend) in R1. A quotient that does not fit, or a zero
# divisor: fixed-point divide (code 9), suppressed.
DIVS = [(100, 7), (-100, 7), (100, -7), (-100, -7), (0, 5), (6, 3),
        (0x7FFFFFFF, 1), (-0x80000000, 1), (-0x80000000, -1), (0x123456789, 0x10000),
        (-1, 2), (0x3FFFFFFF80000000, 0x7FFFFFFF), (7, 0x7FFFFFFF), (-7, 0x80000000 - 2**32)]
for n, d in DIVS:
    q = abs(n) // abs(d) * (1 if (n >= 0) == (d >= 0) else -1)
    rem = abs(n) % abs(d) * (1 if n >= 0 else -1)
    fits = -2**31 <= q < 2**31
    D.case("DR %d %d" % (n, d) if abs(n) < 2**33 else "DR %X %X" % (n, d & M32))
    D.i("LM    2,3,=X'%s'" % hx(n, 16), "L     4,=X'%s'" % hx(d))
    if fits:
        D.i("DR    2,4")
        D.chkrr(2, (rem & M32) << 32 | (q & M32))
    else:
        D.pi("DR    2,4", 9, 1)
        D.chkrr(2, n)
    D.case("D %d %d" % (n, d) if abs(n) < 2**33 else "D %X %X" % (n, d & M32))
    D.i("LM    2,3,=X'%s'" % hx(n, 16))
    if fits:
        D.i("D     2,=X'%s'" % hx(d))
        D.chkrr(2, (rem & M32) << 32 | (q & M32))
    else:
        D.pi("D     2,=X'%s'" % hx(d), 9, 2)
        D.chkrr(2, n)
for n in (0, 1, -1, 0x7FFFFFFFFFFFFFFF):
    D.case("DR by zero %d" % n if abs(n) < 9 else "DR by zero max")
    D.i("LM    2,3,=X'%s'" % hx(n, 16), "SR    4,4")
    D.pi("DR    2,4", 9, 1)
    D.chkrr(2, n)
    D.case("D by zero %d" % n if abs(n) < 9 else "D by zero max")
    D.i("LM    2,3,=X'%s'" % hx(n, 16))
    D.pi("D     2,=F'0'", 9, 2)
    D.chkrr(2, n)
D.case("DR odd R1")
D.pi("DR    3,4", 6, 1)
D.case("D odd R1")
D.pi("D     7,=F'1'", 6, 2)

# --- SLA, SRA, SLDA, SRDA: the sign stays; bits unlike the sign shifted out
# of the numeric part of SLA/SLDA are an overflow (CC 3).
def sla(v, n, bits=32):
    sign = v >> (bits - 1) & 1
    mask = (1 << (bits - 1)) - 1
    num = v & mask
    ovf = False
    for _ in range(n):
        out = num >> (bits - 2) & 1
        if out != sign:
            ovf = True
        num = (num << 1) & mask
    r = sign << (bits - 1) | num
    sv = r - (1 << bits) if sign else r
    return r, 3 if ovf else (0 if sv == 0 else (1 if sv < 0 else 2)), ovf


def sra(v, n, bits=32):
    sv = v - (1 << bits) if v >> (bits - 1) else v
    sv >>= min(n, bits)
    r = sv & ((1 << bits) - 1)
    return r, 0 if sv == 0 else (1 if sv < 0 else 2)


for v in (0, 1, 0x7FFFFFFF, 0x80000000, 0xFFFFFFFF, 0x40000000, 0xC0000000, 0x12345678, 0xFFFFFFFE):
    for n in (0, 1, 2, 31, 32, 63):
        r, cc, _ = sla(v, n)
        D.case("SLA %s %d" % (hx(v), n))
        D.i("L     2,=X'%s'" % hx(v), "SLA   2,%d" % n)
        D.chkr(2, r)
        D.chkcc(cc)
        r, cc = sra(v, n)
        D.case("SRA %s %d" % (hx(v), n))
        D.i("L     2,=X'%s'" % hx(v), "SRA   2,%d" % n)
        D.chkr(2, r)
        D.chkcc(cc)
D.case("SLA amount from register")
D.i("L     2,=F'3'", "LA    5,X'FC1'", "SLA   2,0(5)")
D.chkr(2, 3 << 1)
D.chkcc(2)
for v in (0, 1, 0x7FFFFFFFFFFFFFFF, 0x8000000000000000, 0xFFFFFFFFFFFFFFFF,
          0x00000000FFFFFFFF, 0x4000000000000000, 0x123456789ABCDEF0):
    for n in (0, 1, 31, 32, 33, 63):
        r, cc, _ = sla(v, n, 64)
        D.case("SLDA %X %d" % (v, n) if v < 2**40 or v % 2**32 == 0 else "SLDA %X %d" % (v >> 32, n))
        D.i("LM    2,3,=X'%s'" % hx(v, 16), "SLDA  2,%d" % n)
        D.chkrr(2, r)
        D.chkcc(cc)
        r, cc = sra(v, n, 64)
        D.case("SRDA %X %d" % (v, n) if v < 2**40 or v % 2**32 == 0 else "SRDA %X.. %d" % (v >> 32, n))
        D.i("LM    2,3,=X'%s'" % hx(v, 16), "SRDA  2,%d" % n)
        D.chkrr(2, r)
        D.chkcc(cc)
D.case("SLA overflow masked")
D.spm(8)
D.i("L     2,=X'40000000'")
D.pi("SLA   2,1", 8, 2)
D.chkr(2, 0)
D.spm(0)
D.case("SLDA overflow masked")
D.spm(8)
D.i("LM    2,3,=X'0000000100000000'")
D.pi("SLDA  2,40", 8, 2)
D.chkrr(2, 0)
D.spm(0)
D.case("SLDA odd R1")
D.pi("SLDA  3,1", 6, 2)
D.case("SRDA odd R1")
D.pi("SRDA  5,1", 6, 2)

print(D.write("../fixed.asm"), "checks")
