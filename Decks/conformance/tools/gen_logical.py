"""The logical deck: logical arithmetic and comparison, the connectives,
insert and store characters, test under mask, moves, translation and the
logical shifts (PoO, "Logical Instructions")."""
import deck
from deck import Deck, s32, hx, M32

deck.GENERATOR[0] = "gen_logical.py"
D = Deck("logical", "logical instructions", modes="BC EC")

PAIRS = [(0, 0), (1, 1), (0xFFFFFFFF, 1), (0xFFFFFFFF, 0xFFFFFFFF), (0x80000000, 0x80000000),
         (0x7FFFFFFF, 1), (0x12345678, 0xEDCBA988), (0x0F0F0F0F, 0xF0F0F0F0), (1, 0xFFFFFFFF),
         (0x80000000, 0x7FFFFFFF), (5, 7), (0, 0xFFFFFFFF)]


def alog(a, b):
    """ADD LOGICAL: CC 0 zero/no carry, 1 nonzero/no carry, 2 zero/carry, 3 nonzero/carry."""
    s = a + b
    r, carry = s & M32, s >> 32
    return r, (2 if carry else 0) + (1 if r else 0)


def slog(a, b):
    """SUBTRACT LOGICAL: a + not b + 1, CC as for ADD LOGICAL (CC 0 cannot occur)."""
    return alog(a, (~b & M32) + 1) if b else (a, 2 + (1 if a else 0))


def ucomp(a, b):
    return 0 if a == b else (1 if a < b else 2)


for a, b in PAIRS:
    for op, rx, fn in (("ALR", "AL", alog), ("SLR", "SL", slog)):
        r, cc = fn(a, b)
        D.case("%s %s %s" % (op, hx(a), hx(b)))
        D.i("L     2,=X'%s'" % hx(a), "L     3,=X'%s'" % hx(b), "%-5s 2,3" % op)
        D.chkr(2, r)
        D.chkcc(cc)
        D.case("%s %s %s" % (rx, hx(a), hx(b)))
        D.i("L     2,=X'%s'" % hx(a), "%-5s 2,=X'%s'" % (rx, hx(b)))
        D.chkr(2, r)
        D.chkcc(cc)
    D.case("CLR %s %s" % (hx(a), hx(b)))
    D.i("L     2,=X'%s'" % hx(a), "L     3,=X'%s'" % hx(b), "CLR   2,3")
    D.chkcc(ucomp(a, b))
    D.case("CL %s %s" % (hx(a), hx(b)))
    D.i("L     2,=X'%s'" % hx(a), "CL    2,=X'%s'" % hx(b))
    D.chkcc(ucomp(a, b))
    for op, f in (("N", lambda x, y: x & y), ("O", lambda x, y: x | y), ("X", lambda x, y: x ^ y)):
        r = f(a, b)
        D.case("%sR %s %s" % (op, hx(a), hx(b)))
        D.i("L     2,=X'%s'" % hx(a), "L     3,=X'%s'" % hx(b), "%sR    2,3" % op)
        D.chkr(2, r)
        D.chkcc(1 if r else 0)
        D.case("%s %s %s" % (op, hx(a), hx(b)))
        D.i("L     2,=X'%s'" % hx(a), "%-5s 2,=X'%s'" % (op, hx(b)))
        D.chkr(2, r)
        D.chkcc(1 if r else 0)
        # The SS forms on the same four bytes.
        D.case("%sC %s %s" % (op, hx(a), hx(b)))
        D.i("MVC   @W(4),=X'%s'" % hx(a), "%sC    @W(4),=X'%s'" % (op, hx(b)))
        D.chks("@W", hx(r))
        D.chkcc(1 if r else 0)
    D.case("CLC %s %s" % (hx(a), hx(b)))
    D.i("MVC   @W(4),=X'%s'" % hx(a), "CLC   @W(4),=X'%s'" % hx(b))
    D.chkcc(ucomp(a, b))

# SI forms: NI, OI, XI, CLI, MVI, TM over bytes and masks.
BYTES = [0x00, 0xFF, 0x0F, 0xF0, 0x81, 0x5A]
for v in BYTES:
    for m in (0x00, 0xFF, 0x0F, 0x81, 0x3C):
        for op, f in (("NI", lambda x, y: x & y), ("OI", lambda x, y: x | y), ("XI", lambda x, y: x ^ y)):
            r = f(v, m)
            D.case("%s %02X %02X" % (op, v, m))
            D.i("MVI   @W,X'%02X'" % v, "%-5s @W,X'%02X'" % (op, m))
            D.chks("@W", "%02X" % r)
            D.chkcc(1 if r else 0)
        D.case("CLI %02X %02X" % (v, m))
        D.i("MVI   @W,X'%02X'" % v, "CLI   @W,X'%02X'" % m)
        D.chkcc(ucomp(v, m))
        # TEST UNDER MASK: 0 selected bits all zeros or mask zero, 1 mixed, 3 all ones.
        sel = v & m
        cc = 0 if sel == 0 else (3 if sel == m else 1)
        D.case("TM %02X %02X" % (v, m))
        D.i("MVI   @W,X'%02X'" % v, "TM    @W,X'%02X'" % m)
        D.chkcc(cc)
    D.case("MVI %02X" % v)
    D.i("MVC   @W(3),=X'A5A5A5'", "MVI   @W+1,X'%02X'" % v)
    D.chks("@W", "A5%02XA5" % v)

# IC, STC.
for v in (0x00, 0x80, 0xFF):
    D.case("IC %02X" % v)
    D.i("L     2,=X'12345678'", "IC    2,=X'%02X'" % v)
    D.chkr(2, 0x12345600 | v)
    D.case("STC %02X" % v)
    D.i("MVC   @W(3),=X'A5A5A5'", "L     2,=X'123456%02X'" % v, "STC   2,@W+1")
    D.chks("@W", "A5%02XA5" % v)

# ICM, STCM, CLM: the mask selects register bytes left to right.
def icm(reg, mask, mem):
    out, k, inserted = list(reg.to_bytes(4, "big")), 0, []
    for i in range(4):
        if mask & (8 >> i):
            out[i] = mem[k]
            inserted.append(mem[k])
            k += 1
    r = int.from_bytes(bytes(out), "big")
    if not inserted or all(b == 0 for b in inserted):
        cc = 0
    else:
        cc = 1 if inserted[0] & 0x80 else 2
    return r, cc


MEMS = [b"\x00\x00\x00\x00", b"\x80\x00\x00\x01", b"\x01\x02\x03\x04", b"\xFF\xFF\xFF\xFF", b"\x00\x00\x00\x80"]
for mem in MEMS:
    for mask in (0, 1, 2, 4, 8, 5, 0xA, 0xF, 6, 9):
        r, cc = icm(0xA5A5A5A5, mask, mem)
        D.case("ICM %s %X" % (mem.hex().upper(), mask))
        D.i("L     2,=X'A5A5A5A5'", "ICM   2,%d,=X'%s'" % (mask, mem.hex().upper()))
        D.chkr(2, r)
        D.chkcc(cc)
for mask in (0, 1, 6, 9, 0xF, 0xA):
    reg = 0x11223344
    sel = [reg.to_bytes(4, "big")[i] for i in range(4) if mask & (8 >> i)]
    D.case("STCM %X" % mask)
    D.i("MVC   @W(5),=X'A5A5A5A5A5'", "L     2,=X'11223344'", "STCM  2,%d,@W" % mask)
    D.chks("@W", (bytes(sel) + b"\xA5" * (5 - len(sel))).hex().upper())
    for mem in (b"\x11\x22\x33\x44", b"\x00\x00\x00\x00", b"\xFF\xFF\xFF\xFF", b"\x22\x33\x11\x44"):
        cmp = bytes(sel)
        m = mem[:len(cmp)]
        cc = 0 if cmp == m else (1 if cmp < m else 2)
        D.case("CLM %X %s" % (mask, mem.hex().upper()))
        D.i("L     2,=X'11223344'", "CLM   2,%d,=X'%s'" % (mask, mem.hex().upper()))
        D.chkcc(cc)

# MVC, MVN, MVZ, including the destructive overlap that propagates a byte.
D.case("MVC 8 bytes")
D.i("MVC   @W(8),=C'ABCDEFGH'", "MVC   @W+8(8),@W")
D.chks("@W+8", "C1C2C3C4C5C6C7C8")
D.case("MVC 1 byte")
D.i("MVC   @W(2),=X'0102'", "MVC   @W(1),@W+1")
D.chks("@W", "0202")
D.case("MVC overlap propagates")
D.i("MVI   @W,C'*'", "MVC   @W+1(15),@W")
D.chks("@W", "5C" * 16)
D.case("MVC overlap by 2")
D.i("MVC   @W(2),=C'AB'", "MVC   @W+2(8),@W")
D.chks("@W", "C1C2" * 5)
D.case("MVC backward overlap")
D.i("MVC   @W(6),=C'123456'", "MVC   @W(5),@W+1")
D.chks("@W", "F2F3F4F5F6F6")
D.case("MVC 256 bytes")
D.i("MVI   @W,X'77'", "MVC   @W+1(255),@W", "MVC   @W+256(256),@W")
D.chks("@W+510", "7777")
D.case("MVC same address")
D.i("MVC   @W(4),=C'WXYZ'", "MVC   @W(4),@W")
D.chks("@W", "E6E7E8E9")
D.case("MVN")
D.i("MVC   @W(4),=X'12345678'", "MVN   @W(4),=X'ABCDEF01'")
D.chks("@W", "1B3D5F71")
D.case("MVN overlap")
D.i("MVC   @W(4),=X'F1F2F3F4'", "MVN   @W+1(3),@W")
D.chks("@W", "F1F1F1F1")
D.case("MVZ")
D.i("MVC   @W(4),=X'12345678'", "MVZ   @W(4),=X'ABCDEF01'")
D.chks("@W", "A2C4E608")
D.case("MVZ overlap")
D.i("MVC   @W(4),=X'1F2F3F4F'", "MVZ   @W+1(3),@W")
D.chks("@W", "1F1F1F1F")

# CLC: the first unequal byte decides, compared as unsigned.
for a, b in ((b"ABC", b"ABC"), (b"ABC", b"ABD"), (b"\x80", b"\x7F"), (b"\x00\xFF", b"\x01\x00"),
             (b"\xFF" * 8, b"\xFF" * 7 + b"\xFE"), (b"\x00", b"\x00")):
    cc = 0 if a == b else (1 if a < b else 2)
    D.case("CLC %s %s" % (a.hex().upper()[:8], b.hex().upper()[:8]))
    D.i("CLC   =X'%s',=X'%s'" % (a.hex().upper(), b.hex().upper()))
    D.chkcc(cc)

# TR: each byte replaced by the table byte it indexes; an overlap with the
# table: the PoO processes the bytes left to right, one at a time.
D.case("TR to upper")
D.i("MVC   @W(256),=256X'00'")
for i in range(16):
    D.i("MVI   @W+X'%02X',X'%02X'" % (0x81 + i if i < 9 else 0x91 + i - 9, 0xC1 + i if i < 9 else 0xD1 + i - 9))
D.i("MVC   @W+X'100'(4),=X'81828991'", "TR    @W+X'100'(4),@W")
D.chks("@W+X'100'", "C1C2C9D1")
D.case("TR identity")
D.i("LA    2,0", "LA    3,@W")
D.label("ZZTR1", "STC", "2,0(2,3)")
D.i("LA    2,1(2)", "CH    2,=H'256'", "BL    ZZTR1", "MVC   @W+X'100'(4),=X'00FF7F80'",
    "TR    @W+X'100'(4),@W")
D.chks("@W+X'100'", "00FF7F80")
D.case("TR complement")
D.i("LA    2,0", "LA    3,@W")
D.label("ZZTR2", "LR", "4,2")
D.i("X     4,=F'255'", "STC   4,0(2,3)", "LA    2,1(2)", "CH    2,=H'256'", "BL    ZZTR2",
    "MVC   @W+X'100'(4),=X'00FF7F80'", "TR    @W+X'100'(4),@W")
D.chks("@W+X'100'", "FF00807F")
D.case("TR argument is table")
# The table is the complement table at @W; translate its own first 4 bytes:
# byte 0 (FF) becomes table[FF] = 00, byte 1 (FE) becomes table[FE] = 01, ...
D.i("TR    @W(4),@W")
D.chks("@W", "00010203")
D.case("TR overlap later bytes")
# Table at @W, argument @W+2(4) after 'TR argument is table': bytes FD FC FB FA
# -> @W+2 = table[FD] = 02, @W+3 = table[FC] = 03, @W+4 = table[FB] = 04, ...
D.i("TR    @W+2(4),@W")
D.chks("@W", "000102030405")

# TRT: the first nonzero function byte stops it; R1 its argument address
# (bits 8-31), R2 bits 24-31 the function byte; CC 0 none, 1 before the
# last byte, 2 on the last byte.
D.case("TRT none")
D.i("XC    @W(256),@W", "MVC   @W+X'100'(4),=C'ABCD'", "L     1,=X'AAAAAAAA'", "L     2,=X'BBBBBBBB'",
    "TRT   @W+X'100'(4),@W")
D.chkcc(0)
D.chkr(1, 0xAAAAAAAA)
D.chkr(2, 0xBBBBBBBB)
D.case("TRT middle")
D.i("MVI   @W+C',',X'11'", "MVC   @W+X'100'(4),=C'A,B,'", "L     1,=X'AAAAAAAA'",
    "L     2,=X'BBBBBBBB'", "TRT   @W+X'100'(4),@W")
D.chkcc(1)
D.chkr(1, 0xAA000D01)
D.chkr(2, 0xBBBBBB11)
D.case("TRT last byte")
D.i("MVC   @W+X'100'(4),=C'ABC,'", "L     1,=X'AAAAAAAA'", "L     2,=X'BBBBBBBB'",
    "TRT   @W+X'100'(4),@W")
D.chkcc(2)
D.chkr(1, 0xAA000D03)
D.chkr(2, 0xBBBBBB11)
D.case("TRT one byte")
D.i("TRT   @W+X'103'(1),@W")
D.chkcc(2)

# LA: the 24-bit address; the leftmost byte of R1 set to zero.
for base, x, d, r in ((0, 0, 0, 0), (0x12345678, 0, 0x10, 0x00345688), (0xFFFFFFFF, 1, 0xFFF, 0x000FFF),
                      (0x00FFFFFF, 0, 1, 0), (0x7F000000, 0x01000000, 5, 5)):
    D.case("LA %s %X %X" % (hx(base), x, d))
    D.i("L     3,=X'%s'" % hx(base), "L     4,=X'%s'" % hx(x), "L     2,=X'FFFFFFFF'",
        "LA    2,X'%X'(4,3)" % d)
    # (PoO, LOAD ADDRESS: the 24-bit sum of base, index and displacement.)
    D.chkr(2, (base + (x if True else 0) + d) & 0xFFFFFF if base or x else d)

# Logical shifts: no CC; the amount is the low six bits of the address.
for v in (0x80000001, 0xFFFFFFFF, 0x12345678):
    for n in (0, 1, 4, 31, 32, 63):
        D.case("SLL %s %d" % (hx(v), n))
        D.i("L     2,=X'%s'" % hx(v), "SLL   2,%d" % n)
        D.chkr(2, (v << n) & M32 if n < 32 else 0)
        D.case("SRL %s %d" % (hx(v), n))
        D.i("L     2,=X'%s'" % hx(v), "SRL   2,%d" % n)
        D.chkr(2, v >> n if n < 32 else 0)
for v in (0x8000000000000001, 0xFFFFFFFFFFFFFFFF, 0x123456789ABCDEF0):
    for n in (0, 1, 4, 32, 36, 63):
        D.case("SLDL %X %d" % (v >> 32, n))
        D.i("LM    2,3,=X'%s'" % hx(v, 16), "SLDL  2,%d" % n)
        D.chkrr(2, (v << n) & (2**64 - 1))
        D.case("SRDL %X %d" % (v >> 32, n))
        D.i("LM    2,3,=X'%s'" % hx(v, 16), "SRDL  2,%d" % n)
        D.chkrr(2, v >> n)
D.case("SLL amount in register")
D.i("L     2,=F'1'", "LA    5,X'F44'", "SLL   2,0(5)")
D.chkr(2, 1 << 4)
D.case("SLDL odd R1")
D.pi("SLDL  3,1", 6, 2)
D.case("SRDL odd R1")
D.pi("SRDL  5,1", 6, 2)

# TEST AND SET: CC from the leftmost bit, the byte set to ones.
for v in (0x00, 0x7F, 0x80, 0xFF):
    D.case("TS %02X" % v)
    D.i("MVI   @W,X'%02X'" % v, "TS    @W")
    D.chks("@W", "FF")
    D.chkcc(1 if v & 0x80 else 0)

# COMPARE AND SWAP, COMPARE DOUBLE AND SWAP.
D.case("CS equal")
D.i("MVC   @W(4),=F'5'", "L     2,=F'5'", "L     3,=F'9'", "CS    2,3,@W")
D.chkcc(0)
D.chks("@W", "00000009")
D.chkr(2, 5)
D.case("CS unequal")
D.i("MVC   @W(4),=F'6'", "L     2,=F'5'", "L     3,=F'9'", "CS    2,3,@W")
D.chkcc(1)
D.chks("@W", "00000006")
D.chkr(2, 6)
D.case("CS unaligned")
D.pi("CS    2,3,@W+2", 6, 2)
D.case("CDS equal")
D.i("MVC   @W(8),=X'0000000100000002'", "LM    2,5,=F'1,2,3,4'", "CDS   2,4,@W")
D.chkcc(0)
D.chks("@W", "0000000300000004")
D.case("CDS unequal")
D.i("MVC   @W(8),=X'0000000100000007'", "LM    2,5,=F'1,2,3,4'", "CDS   2,4,@W")
D.chkcc(1)
D.chks("@W", "0000000100000007")
D.chkrr(2, 0x0000000100000007)
D.case("CDS odd R1")
D.pi("CDS   3,4,@W", 6, 2)
D.case("CDS odd R3")
D.pi("CDS   2,5,@W", 6, 2)
D.case("CDS unaligned")
D.pi("CDS   2,4,@W+4", 6, 2)


# MOVE LONG (PoO): R1/R2 addresses, R1+1 length, R2+1 pad byte and length.
# At the end R1+1 is zero, the addresses advanced past the bytes moved,
# R2+1 decremented by the bytes taken from operand 2; CC 0 equal lengths,
# 1 first shorter, 2 first longer, 3 destructive overlap (nothing moved).
W = 0xC00
def mvcl(name, dst, dlen, src, slen, pad, init, source, cc, result, moved_from_src=None):
    D.case(name)
    D.i("MVC   @W(64),=64X'%02X'" % init)
    if source:
        D.i("MVC   @W+%d(%d),=X'%s'" % (src - W, len(source), source.hex().upper()))
    D.i("LA    2,X'%X'" % dst, "L     3,=X'%s'" % hx(dlen), "LA    4,X'%X'" % src,
        "L     5,=X'%02X%06X'" % (pad, slen), "MVCL  2,4")
    D.chkcc(cc)
    if cc == 3:
        D.chkrr(2, dst << 32 | dlen)
        D.chkrr(4, src << 32 | pad << 24 | slen)
    else:
        taken = min(dlen, slen)
        D.chkrr(2, (dst + dlen) << 32)
        D.chkrr(4, (src + taken) << 32 | pad << 24 | (slen - taken))
    D.chks("@W", result.hex().upper()[:32], "S" if len(result) <= 16 else "S")

mvcl("MVCL equal", W + 16, 4, W, 4, 0x40, 0x00, b"ABCD", 0, b"ABCD" + bytes(12) + b"ABCD")
mvcl("MVCL padded", W + 8, 8, W, 3, 0x40, 0x00, b"XYZ", 2, b"XYZ\0\0\0\0\0XYZ" + b"\x40" * 5)
mvcl("MVCL truncated", W + 8, 2, W, 6, 0x40, 0x00, b"PQRSTU", 1, b"PQRSTU\0\0PQ\0\0\0\0\0\0")
mvcl("MVCL lengths zero", W + 8, 0, W, 0, 0x5C, 0x11, b"", 0, b"\x11" * 16)
mvcl("MVCL first zero", W + 8, 0, W, 5, 0x5C, 0x11, b"", 1, b"\x11" * 16)
mvcl("MVCL pad only", W + 2, 6, W, 0, 0x5C, 0x11, b"", 2, b"\x11\x11" + b"\x5C" * 6 + b"\x11" * 8)
mvcl("MVCL destructive overlap", W + 1, 4, W, 4, 0x40, 0x22, b"abcd", 3, b"abcd\x22" + b"\x22" * 11)
mvcl("MVCL overlap to left", W, 4, W + 1, 4, 0x40, 0x22, b"abcd", 0, b"abcdd" + b"\x22" * 11)
mvcl("MVCL same address", W, 4, W, 4, 0x40, 0x33, b"wxyz", 0, b"wxyz" + b"\x33" * 12)
mvcl("MVCL overlap past source", W + 4, 4, W, 4, 0x40, 0x44, b"1234", 0, b"12341234" + b"\x44" * 8)
D.case("MVCL odd R1")
D.pi("MVCL  3,4", 6, 1)
D.case("MVCL odd R2")
D.pi("MVCL  2,5", 6, 1)

# COMPARE LOGICAL LONG: the shorter operand extended with the pad byte; on
# inequality the addresses designate the unequal bytes and the lengths are
# reduced by the bytes that compared equal.
def clcl(name, a, b, pad, cc, equal_count):
    D.case(name)
    D.i("MVC   @W(16),=CL16' '", "MVC   @W+16(16),=CL16' '")
    if a:
        D.i("MVC   @W(%d),=C'%s'" % (len(a), a))
    if b:
        D.i("MVC   @W+16(%d),=C'%s'" % (len(b), b))
    D.i("LA    2,@W", "LA    3,%d" % len(a), "LA    4,@W+16", "L     5,=X'%02X%06X'" % (pad, len(b)),
        "CLCL  2,4")
    D.chkcc(cc)
    n = equal_count
    da, db = min(n, len(a)), min(n, len(b))
    D.chkrr(2, (W + da) << 32 | (len(a) - da))
    D.chkrr(4, (W + 16 + db) << 32 | pad << 24 | (len(b) - db))

clcl("CLCL equal", "ABCD", "ABCD", 0x40, 0, 4)
clcl("CLCL equal padded", "AB  ", "AB", 0x40, 0, 4)
clcl("CLCL equal padded 2", "AB", "AB  ", 0x40, 0, 4)
clcl("CLCL low", "ABCD", "ABDD", 0x40, 1, 2)
clcl("CLCL high", "ABED", "ABCD", 0x40, 2, 2)
clcl("CLCL pad decides low", "AB", "AB", 0x00, 0, 2)
clcl("CLCL pad high", "ABC", "AB", 0x00, 2, 2)
clcl("CLCL pad low", "AB", "ABC", 0xFF, 2, 2)
clcl("CLCL both empty", "", "", 0x40, 0, 0)
clcl("CLCL first byte", "Z", "A", 0x40, 2, 0)
D.case("CLCL odd R1")
D.pi("CLCL  3,4", 6, 1)

for a, b in (("00FF10EF", "A1B2C3D4"), ("FFFFFFFF", "00000000"), ("12345678", "12345678")):
    av, bv = bytes.fromhex(a), bytes.fromhex(b)
    D.case("MVN %s %s" % (a, b))
    D.i("MVC   @W(4),=X'%s'" % a, "MVN   @W(4),=X'%s'" % b)
    D.chks("@W", bytes((x & 0xF0) | (y & 0x0F) for x, y in zip(av, bv)).hex().upper())
    D.case("MVZ %s %s" % (a, b))
    D.i("MVC   @W(4),=X'%s'" % a, "MVZ   @W(4),=X'%s'" % b)
    D.chks("@W", bytes((y & 0xF0) | (x & 0x0F) for x, y in zip(av, bv)).hex().upper())
for v in (0x00000000, 0xFFFFFFFF, 0x80000001, 0x7F00FF00):
    D.case("IC STC %08X" % v)
    D.i("L     2,=X'%08X'" % v, "L     3,=X'A5A5A5A5'", "STC   2,@W", "IC    3,@W")
    D.chkr(3, 0xA5A5A500 | (v & 0xFF))
    D.case("ST L %08X" % v)
    D.i("L     2,=X'%08X'" % v, "ST    2,@W+5", "SR    3,3", "L     3,@W+5")
    D.chkr(3, v)
    D.case("STM LM %08X" % v)
    D.i("L     2,=X'%08X'" % v, "LR    3,2", "X     3,=X'FFFFFFFF'", "STM   2,3,@W+1", "LM    4,5,@W+1")
    D.chkr(4, v)
    D.chkr(5, v ^ 0xFFFFFFFF)

print(D.write("../logical.asm"), "checks")
