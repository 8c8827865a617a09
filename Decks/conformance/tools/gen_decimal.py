"""The decimal deck: packed-decimal arithmetic, comparison, shifting and
rounding, the conversions and the moves, and EDIT and EDIT AND MARK
(PoO, "Decimal Instructions")."""
import deck
from deck import Deck, hx

deck.GENERATOR[0] = "gen_decimal.py"
D = Deck("decimal", "decimal instructions", modes="BC EC")


def pk(v, n, sign=None):
    """v packed in n bytes (preferred sign C or D unless sign is given)."""
    digits = "%0*d" % (2 * n - 1, abs(v))
    assert len(digits) == 2 * n - 1, (v, n)
    s = sign if sign is not None else ("D" if v < 0 else "C")
    return digits + s


def fits(v, n):
    return abs(v) < 10 ** (2 * n - 1)


def trunc(v, n):
    m = 10 ** (2 * n - 1)
    return (abs(v) % m) * (1 if v >= 0 else -1)


def arith_cc(v):
    return 0 if v == 0 else (1 if v < 0 else 2)


def result_hex(v, n, negative):
    """The result field: the rightmost digits; a zero without overflow is
    positive; with overflow the sign is that of the true result."""
    return pk(abs(v), n, "D" if negative else "C")


# AP, SP, ZAP over operand sizes and values (PoO: CC 0 zero, 1 less than
# zero, 2 greater than zero, 3 overflow; the sum of the rightmost digits on
# overflow; a zero result is positive unless overflow occurred).
VALS = [0, 1, -1, 9, -9, 99, 999, -999, 12345, -12345, 99999, -99999, 50000]
SIZES = [(3, 3), (3, 2), (2, 3), (1, 1), (4, 2)]
count = 0
for n1, n2 in SIZES:
    for a in VALS:
        if not fits(a, n1):
            continue
        for b in VALS:
            if not fits(b, n2):
                continue
            count += 1
            if count % 3:
                continue   # a third of the grid keeps the deck to a useful size
            for op, r in (("AP", a + b), ("SP", a - b)):
                ovf = not fits(r, n1)
                t = trunc(r, n1)
                D.case("%s %d %d L%d%d" % (op, a, b, n1, n2))
                D.i("MVC   @W(%d),=X'%s'" % (n1, pk(a, n1)), "%-5s @W(%d),=X'%s'" % (op, n1, pk(b, n2)))
                D.chks("@W", result_hex(t, n1, r < 0 and (t != 0 or ovf)))
                D.chkcc(3 if ovf else arith_cc(r))
for b in VALS:
    for n1 in (1, 2, 3):
        ovf = not fits(b, n1)
        t = trunc(b, n1)
        D.case("ZAP %d L%d" % (b, n1))
        D.i("MVC   @W(%d),=%dX'FF'" % (n1, n1), "ZAP   @W(%d),=X'%s'" % (n1, pk(b, 3)))
        D.chks("@W", result_hex(t, n1, b < 0 and (t != 0 or ovf)))
        D.chkcc(3 if ovf else arith_cc(b))

# Sign codes: A, C, E, F are plus, B and D minus; results take C and D.
for s, neg in (("A", False), ("B", True), ("C", False), ("D", True), ("E", False), ("F", False)):
    v = -5 if neg else 5
    D.case("AP sign %s" % s)
    D.i("MVC   @W(2),=X'001C'", "AP    @W(2),=X'05%s'" % s)
    D.chks("@W", pk(1 + v, 2))
    D.chkcc(arith_cc(1 + v))
    D.case("ZAP sign %s" % s)
    D.i("ZAP   @W(2),=X'12%s'" % s)
    D.chks("@W", pk(-12 if neg else 12, 2))
    D.case("CP sign %s" % s)
    D.i("CP    =X'005C',=X'005%s'" % s)
    D.chkcc(0 if not neg else 2)
D.case("ZAP minus zero")
D.i("ZAP   @W(2),=X'000D'")
D.chks("@W", "000C")
D.chkcc(0)
D.case("SP equal values")
D.i("MVC   @W(2),=X'123D'", "SP    @W(2),=X'123D'")
D.chks("@W", "000C")
D.chkcc(0)
D.case("AP overflow to zero")
D.i("MVC   @W(1),=X'9C'", "AP    @W(1),=X'1C'")
D.chks("@W", "0C")
D.chkcc(3)
D.case("AP overflow to minus zero")
D.i("MVC   @W(1),=X'9D'", "AP    @W(1),=X'1D'")
D.chks("@W", "0D")
D.chkcc(3)
D.case("AP overlap same field")
D.i("MVC   @W(2),=X'123C'", "AP    @W(2),@W(2)")
D.chks("@W", "246C")
D.chkcc(2)
D.case("AP 16 bytes")
D.i("MVC   @W(16),=X'%s'" % pk(10**30, 16), "AP    @W(16),=X'%s'" % pk(10**30, 16))
D.chks("@W", pk(2 * 10**30, 16))
D.chkcc(2)

# CP: 0 equal, 1 first low, 2 first high; +0 equals -0.
for a, b, n1, n2 in ((0, 0, 2, 2), (1, 2, 2, 2), (2, 1, 2, 2), (-1, 1, 2, 2), (-5, -6, 2, 2),
                     (12345, 12345, 3, 4), (99999, -99999, 3, 3), (7, 700, 1, 2), (-700, 7, 2, 1)):
    D.case("CP %d %d" % (a, b))
    D.i("CP    =X'%s',=X'%s'" % (pk(a, n1), pk(b, n2)))
    D.chkcc(0 if a == b else (1 if a < b else 2))
D.case("CP plus zero minus zero")
D.i("CP    =X'000C',=X'0D'")
D.chkcc(0)

# Overflow with the decimal-overflow mask: the result is stored, code X'A'.
D.case("AP overflow masked")
D.spm(4)
D.i("MVC   @W(2),=X'999C'")
D.pi("AP    @W(2),=X'1C'", 0x0A, 3)
D.chks("@W", "000C")
D.spm(0)
D.case("ZAP overflow masked")
D.spm(4)
D.pi("ZAP   @W(1),=X'123C'", 0x0A, 3)
D.chks("@W", "3C")
D.spm(0)

# Data exceptions (code 7): an invalid sign or digit in an operand.
for op, a, b in (("AP", "12A4", "1C"), ("AP", "123C", "AC"), ("AP", "1234", "1C"),
                 ("SP", "123C", "F5"), ("ZAP", "0000", "1F2C"), ("CP", "123C", "12"),
                 ("CP", "A23C", "1C"), ("ZAP", "0000", "12")):
    D.case("%s data %s %s" % (op, a, b))
    D.i("MVC   @W(%d),=X'%s'" % (len(a) // 2, a))
    D.pi("%-5s @W(%d),=X'%s'" % (op, len(a) // 2, b), 7, 3)

# MP: the multiplicand (first operand) must have as many bytes of leftmost
# zeros as the multiplier has bytes; the product's sign follows the rules of
# algebra even for a zero product.
for a, b, n1, n2 in ((12, 3, 3, 1), (-12, 3, 3, 1), (12, -3, 3, 1), (-12, -3, 3, 1),
                     (0, -3, 3, 1), (-0, 5, 3, 1), (999, 999, 4, 2), (12345, 54321, 6, 3),
                     (99999, 99999, 6, 3), (1, 9999999, 8, 4), (9999999, -9999999, 8, 4)):
    p = a * b
    neg = (a < 0) != (b < 0)
    D.case("MP %d %d" % (a, b))
    D.i("MVC   @W(%d),=X'%s'" % (n1, pk(a, n1)), "MP    @W(%d),=X'%s'" % (n1, pk(b, n2)))
    D.chks("@W", pk(abs(p), n1, "D" if neg else "C"))
D.case("MP zero times minus")
D.i("MVC   @W(3),=X'00000C'", "MP    @W(3),=X'3D'")
D.chks("@W", "00000D")
D.case("MP too few zeros")
D.i("MVC   @W(3),=X'01234C'")
D.pi("MP    @W(3),=X'012C'", 7, 3)
D.case("MP L2 over 8")
D.pi("MP    @W(16),@W+X'100'(9)", 6, 3)
D.case("MP L2 not below L1")
D.pi("MP    @W(3),@W+X'100'(3)", 6, 3)

# DP: quotient in the leftmost L1-L2 bytes, remainder (the dividend's sign)
# in the rightmost L2; a quotient too large or a zero divisor: decimal divide
# (code X'B'), suppressed.
for a, b, n1, n2 in ((100, 7, 4, 2), (-100, 7, 4, 2), (100, -7, 4, 2), (-100, -7, 4, 2),
                     (0, 7, 4, 2), (6, 3, 3, 1), (-6, 3, 3, 1), (12345678, 1234, 6, 3),
                     (999999, 1, 5, 1), (7, 10, 3, 2), (-7, 10, 3, 2)):
    q = abs(a) // abs(b)
    r = abs(a) % abs(b)
    qneg = (a < 0) != (b < 0)
    D.case("DP %d %d" % (a, b))
    D.i("MVC   @W(%d),=X'%s'" % (n1, pk(a, n1)), "DP    @W(%d),=X'%s'" % (n1, pk(b, n2)))
    D.chks("@W", pk(q, n1 - n2, "D" if qneg else "C") + pk(r, n2, "D" if a < 0 else "C"))
for a, b, n1, n2 in ((100, 0, 4, 2), (12345, 1, 3, 1), (99999, 9, 3, 1)):
    D.case("DP divide %d %d" % (a, b))
    D.i("MVC   @W(%d),=X'%s'" % (n1, pk(a, n1)))
    D.pi("DP    @W(%d),=X'%s'" % (n1, pk(b, n2)), 0x0B, 3)
    D.chks("@W", pk(a, n1))
D.case("DP L2 not below L1")
D.pi("DP    @W(2),@W+X'100'(2)", 6, 3)
D.case("DP L2 over 8")
D.pi("DP    @W(16),@W+X'100'(9)", 6, 3)
D.case("DP data")
D.i("MVC   @W(3),=X'0010AC'")
D.pi("DP    @W(3),=X'5C'", 7, 3)

# SRP: shift left (positive amount, low six bits) or right with rounding
# (the rounding digit I3 added to the last digit shifted out).
def srp(v, n, shift, rnd):
    if shift < 32:
        r = abs(v) * 10 ** shift
    else:
        k = 64 - shift
        r = (abs(v) // 10 ** (k - 1) + rnd) // 10
    ovf = not fits(r, n)
    t = r % 10 ** (2 * n - 1)
    neg = v < 0 and (t != 0 or ovf)
    return pk(t, n, "D" if neg else "C"), 3 if ovf else (0 if r == 0 else (1 if v < 0 else 2))


for v, n, shift, rnd in ((12345, 4, 2, 0), (12345, 4, 63, 5), (12345, 4, 62, 5), (-12355, 4, 63, 5),
                         (12345, 3, 1, 0), (12345, 3, 3, 0), (5, 2, 63, 5), (4, 2, 63, 5), (4, 2, 63, 6),
                         (999, 2, 63, 5), (0, 2, 5, 0), (-1, 2, 63, 0), (12345, 4, 0, 0),
                         (1234567, 5, 32, 0), (1, 3, 4, 9)):
    r, cc = srp(v, n, shift, rnd)
    D.case("SRP %d %d %d" % (v, shift, rnd))
    D.i("MVC   @W(%d),=X'%s'" % (n, pk(v, n)), "SRP   @W(%d),%d,%d" % (n, shift, rnd))
    D.chks("@W", r)
    D.chkcc(cc)
D.case("SRP shift from register")
D.i("MVC   @W(3),=X'00123C'", "LA    5,X'FC2'", "SRP   @W(3),0(5),0")
D.chks("@W", "12300C")
D.chkcc(2)
D.case("SRP overflow masked")
D.spm(4)
D.i("MVC   @W(2),=X'123C'")
D.pi("SRP   @W(2),2,0", 0x0A, 3)
D.chks("@W", "300C")
D.spm(0)
D.case("SRP data")
D.i("MVC   @W(2),=X'1A3C'")
D.pi("SRP   @W(2),1,0", 7, 3)
D.case("SRP rounding digit invalid")
D.i("MVC   @W(2),=X'123C'")
D.pi("SRP   @W(2),63,10", 7, 3)

# PACK, UNPK, MVO: no validity checking; right to left.
for src, n1, res in (("F1F2F3C4", 3, "01234C"), ("F1F2F3F4", 2, "234F"), ("C1", 1, "1C"),
                     ("F1F2", 4, "0000012F"), ("0102030405", 3, "12345"), ("12", 2, "0021"),
                     ("F9F8F7F6F5F4F3F2F1F0F9F8F7F6F5F4", 8, "8765432109876545" if False else "876543210987654F")):
    D.case("PACK %s L%d" % (src[:10], n1))
    D.i("MVC   @W(%d),=%dX'AA'" % (n1, n1), "PACK  @W(%d),=X'%s'" % (n1, src))
    # The PoO rule: the rightmost byte has its halves exchanged; then digits
    # from right to left, zones ignored, leftmost positions filled with zeros.
    b = bytes.fromhex(src)
    nibbles = [b[-1] >> 4, b[-1] & 15]
    for x in reversed(b[:-1]):
        nibbles.append(x & 15)
    out = []
    for k in range(n1):
        lo = nibbles[2 * k] if 2 * k < len(nibbles) else 0
        hi = nibbles[2 * k + 1] if 2 * k + 1 < len(nibbles) else 0
        out.append(hi << 4 | lo)
    D.chks("@W", bytes(reversed(out)).hex().upper())
for src, n1 in (("01234C", 5), ("123D", 4), ("7F", 1), ("12345C", 3), ("0102030405060708", 16), ("AB", 3)):
    b = bytes.fromhex(src)
    nib = [b[-1] >> 4 | (b[-1] & 15) << 4]   # rightmost byte, halves exchanged
    digits = []
    for x in reversed(b[:-1]):
        digits += [x & 15, x >> 4]
    out = [nib[0]]
    for k in range(n1 - 1):
        out.append(0xF0 | (digits[k] if k < len(digits) else 0))
    D.case("UNPK %s L%d" % (src, n1))
    D.i("MVC   @W(%d),=%dX'AA'" % (n1, n1), "UNPK  @W(%d),=X'%s'" % (n1, src))
    D.chks("@W", bytes(reversed(out)).hex().upper())
for dst, src, res in (("7788990C", "123456", "1234560C"), ("12345C", "5566", "05566C"),
                      ("0F", "12", "2F"), ("00000F", "1", "00001F"), ("AAAAAAAA", "01", "0000001A")):
    n1, n2 = len(dst) // 2, len(src) // 2 if len(src) > 1 else 1
    srcx = src if len(src) % 2 == 0 else "0" + src
    n2 = len(srcx) // 2
    D.case("MVO %s %s" % (dst, srcx))
    D.i("MVC   @W(%d),=X'%s'" % (n1, dst), "MVO   @W(%d),=X'%s'" % (n1, srcx))
    # PoO: the second operand placed to the left of the first operand's
    # rightmost four bits, leftmost digits lost or zeros supplied.
    digits = srcx
    keep = dst[-1]
    full = (("0" * 64) + digits)[-(2 * n1 - 1):] + keep
    D.chks("@W", full)

# CVB: the packed doubleword to binary; data exception for an invalid sign
# or digit, fixed-point divide (code 9) for a value beyond 31 bits.
for v in (0, 1, -1, 2147483647, -2147483648, 1234567, -25):
    D.case("CVB %d" % v)
    D.i("MVC   @W(8),=X'%s'" % pk(v, 8), "CVB   2,@W")
    D.chkr(2, v)
for v in (2147483648, -2147483649, 999999999999999):
    D.case("CVB divide %d" % v)
    D.i("MVC   @W(8),=X'%s'" % pk(v, 8))
    D.pi("CVB   2,@W", 9, 2)
D.case("CVB data")
D.i("MVC   @W(8),=X'00000000000001AC'")
D.pi("CVB   2,@W", 7, 2)
D.case("CVB sign F")
D.i("MVC   @W(8),=X'000000000000012F'", "CVB   2,@W")
D.chkr(2, 12)
D.case("CVB sign B")
D.i("MVC   @W(8),=X'000000000000012B'", "CVB   2,@W")
D.chkr(2, -12)
# CVD: binary to packed, sign C or D.
for v in (0, 1, -1, 2147483647, -2147483648, 1234567, -25):
    D.case("CVD %d" % v)
    D.i("L     2,=F'%d'" % v, "CVD   2,@W")
    D.chks("@W", pk(v, 8))
D.case("CVD unaligned")
D.i("L     2,=F'7'", "CVD   2,@W+3")
D.chks("@W+3", pk(7, 8))


# EDIT and EDIT AND MARK (PoO): the fill byte is the pattern's first byte;
# X'20' digit selector, X'21' significance starter, X'22' field separator,
# others message bytes. A nonzero digit or X'21' turns significance on; a
# plus sign in the right half of a source byte turns it off. CC from the
# last field: 0 zero, 1 nonzero with significance on (minus), 2 nonzero
# with significance off (plus). EDMK puts into R1 (bits 8-31) the address of
# the first digit stored while significance was off.
def ed(pattern, source):
    fill = pattern[0]
    sig = False
    nonzero = False
    out = []
    mark = None
    nib = []
    for b in source:
        nib += [b >> 4, b & 15]
    k = 0
    for i, p in enumerate(pattern):
        if p in (0x20, 0x21):
            d = nib[k]
            k += 1
            if d:
                nonzero = True
            if sig or d:
                if not sig:
                    mark = i
                out.append(0xF0 | d)
                sig = True
            else:
                out.append(fill)
            if p == 0x21:
                sig = True
            if k % 2 == 1 and nib[k] >= 10:
                if nib[k] in (0xA, 0xC, 0xE, 0xF):
                    sig = False
                k += 1
        elif p == 0x22:
            out.append(fill)
            sig = False
            nonzero = False
        else:
            out.append(p if sig else fill)
    cc = 0 if not nonzero else (1 if sig else 2)
    return bytes(out), cc, mark


EDS = [
    ("40202020", "012C"), ("40202020", "012D"), ("40202020", "000C"), ("40202020", "000D"),
    ("4020206B2021204B202060", "0123456D"), ("4020206B2021204B202060", "0123456C"),
    ("4020206B2021204B202060", "0000000C"), ("4020206B2021204B202060", "0000001D"),
    ("5C2020212020", "00001C"), ("5C2020212020", "12345F"), ("5C2021202020", "00000C"),
    ("40212020", "000D"), ("F0202020", "012C"), ("402020222020", "012C345C"), ("4020202220202060", "12034D"),
    ("40202022202060", "1203"), ("2020202020", "01234F"), ("21202020", "0012"), ("40202020C3D9", "123D"),
    ("40202020C3D9", "123C"), ("4020202020202020", "0010203C"), ("40202120224020202120", "012C0034"),
]
for pat, src in EDS:
    pb, sb = bytes.fromhex(pat), bytes.fromhex(src)
    res, cc, mark = ed(pb, sb)
    n = len(pb)
    D.case("ED %s %s" % (pat[:12], src))
    D.i("MVC   @W(%d),=X'%s'" % (n, pat), "ED    @W(%d),=X'%s'" % (n, src))
    D.chks("@W", res.hex().upper()[:32])
    D.chkcc(cc)
    D.case("EDMK %s %s" % (pat[:10], src))
    D.i("L     1,=X'AABBCCDD'", "MVC   @W(%d),=X'%s'" % (n, pat), "EDMK  @W(%d),=X'%s'" % (n, src))
    D.chks("@W", res.hex().upper()[:32])
    D.chkcc(cc)
    D.chkr(1, 0xAABBCCDD if mark is None else 0xAA000000 | (0xC00 + mark))
D.case("ED invalid digit")
D.i("MVC   @W(4),=X'40202020'")
D.pi("ED    @W(4),=X'A12C'", 7, 3)
D.case("ED sign in left half")
D.i("MVC   @W(4),=X'40202020'")
D.pi("ED    @W(4),=X'C12C'", 7, 3)
D.case("EDMK invalid digit")
D.i("MVC   @W(4),=X'40202020'")
D.pi("EDMK  @W(4),=X'B12C'", 7, 3)
print(D.write("../decimal.asm"), "checks")
