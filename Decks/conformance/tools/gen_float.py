"""The floating-point deck: hexadecimal floating point, short, long and
extended (PoO, "Floating-Point Instructions"); the expected values from the
model in hfp.py."""
import deck
from deck import Deck
import hfp

deck.GENERATOR[0] = "gen_float.py"
D = Deck("float", "hexadecimal floating-point instructions", modes="BC EC")

SHORT = [0x41100000, 0xC1100000, 0x40800000, 0x41200000, 0x41300000, 0x40199999, 0x42010000,
         0x00000000, 0x80000000, 0x7FFFFFFF, 0x00100000, 0xC2123456, 0x41FFFFFF, 0x3F100000]
LONG = [0x4110000000000000, 0xC110000000000000, 0x4110000000000001, 0x40FFFFFFFFFFFFFF,
        0x4210000000000000, 0x0000000000000000, 0x7FFFFFFFFFFFFFFF, 0x0010000000000000,
        0xC31234567890ABCD, 0x4100000000000001, 0x3F10000000000000]
PAIRS_S = [(0, 0), (0, 1), (0, 2), (3, 0), (4, 1), (5, 5), (6, 0), (7, 7), (0, 7), (8, 1),
           (9, 9), (10, 10), (11, 0), (12, 12), (12, 0), (0, 13), (10, 1), (2, 2)]
PAIRS_L = [(0, 0), (0, 1), (2, 3), (3, 2), (4, 0), (5, 5), (6, 6), (7, 7), (8, 0), (9, 1), (2, 1),
           (0, 10), (7, 1)]


def h(v, n):
    return "%0*X" % (2 + n // 2 * 0 + (8 if n == 6 else 16) - 2, v) if False else ("%08X" % v if n == 6 else "%016X" % v)


def emit(op, rr, a, b, n, r, check_cc=True, mask=0):
    """op on FPR 2 (a) and FPR 4 or storage (b)."""
    ld = "LE" if n == 6 else "LD"
    D.case("%s %s %s" % (op, h(a, n)[:8 if n == 6 else 9], h(b, n)[:8 if n == 6 else 9]))
    if mask:
        D.spm(mask)
    D.i("%-5s 2,=X'%s'" % (ld, h(a, n)))
    operand = "2,4" if rr else "2,=X'%s'" % h(b, n)
    if rr:
        D.i("%-5s 4,=X'%s'" % (ld, h(b, n)))
    if r.exc is not None:
        ilc = 1 if rr else 2
        D.pi("%-5s %s" % (op, operand), r.exc, ilc)
        if r.bits is not None and r.exc != 0x0F:
            D.chkf(2, h(r.bits, n))
    else:
        D.i("%-5s %s" % (op, operand))
        D.chkf(2, h(r.bits, n))
        if check_cc and r.cc is not None:
            D.chkcc(r.cc)
    if mask:
        D.spm(0)


# Loads and stores.
for v in SHORT[:8]:
    D.case("LE %08X" % v)
    D.i("LD    2,=X'AAAAAAAABBBBBBBB'", "LE    2,=X'%08X'" % v)
    D.chkf(2, "%08XBBBBBBBB" % v)
    D.case("LER %08X" % v)
    D.i("LD    2,=X'AAAAAAAABBBBBBBB'", "LE    4,=X'%08X'" % v, "LER   2,4")
    D.chkf(2, "%08XBBBBBBBB" % v)
    D.case("STE %08X" % v)
    D.i("LE    4,=X'%08X'" % v, "MVC   @W(6),=6X'EE'", "STE   4,@W+1")
    D.chks("@W", "EE%08XEE" % v)
for v in LONG[:6]:
    D.case("LD %016X" % v)
    D.i("LD    2,=X'%016X'" % v)
    D.chkf(2, "%016X" % v)
    D.case("LDR %016X" % v)
    D.i("LD    4,=X'%016X'" % v, "LDR   6,4")
    D.chkf(6, "%016X" % v)
    D.case("STD %016X" % v)
    D.i("LD    4,=X'%016X'" % v, "STD   4,@W+3")
    D.chks("@W+3", "%016X" % v)

# LOAD AND TEST, COMPLEMENT, POSITIVE, NEGATIVE: sign changes only; CC 0
# for a zero fraction, 1 minus, 2 plus.
for n, vals in ((6, SHORT), (14, LONG)):
    sfx = "E" if n == 6 else "D"
    ld = "LE" if n == 6 else "LD"
    top = 1 << (31 if n == 6 else 63)
    for v in vals:
        s, c, f = hfp.split(v, n)
        for op, res in (("LT", v), ("LC", v ^ top), ("LP", v & ~top), ("LN", v | top)):
            rs = res >> (31 if n == 6 else 63)
            D.case("%s%sR %s" % (op, sfx, h(v, n)[:9]))
            D.i("%-5s 4,=X'%s'" % (ld, h(v, n)), "%s%sR  2,4" % (op, sfx))
            D.chkf(2, h(res, n))
            D.chkcc(hfp.cc_of(rs, f))

# Normalized and unnormalized addition and subtraction.
for op, sub, norm in (("AE", False, True), ("SE", True, True), ("AU", False, False), ("SU", True, False)):
    for i, j in PAIRS_S:
        a, b = SHORT[i], SHORT[j]
        r = hfp.add(a, b, 6, sub, norm)
        emit(op + "R", True, a, b, 6, r)
        emit(op, False, a, b, 6, r)
for op, sub, norm in (("AD", False, True), ("SD", True, True), ("AW", False, False), ("SW", True, False)):
    for i, j in PAIRS_L:
        a, b = LONG[i], LONG[j]
        r = hfp.add(a, b, 14, sub, norm)
        emit(op + "R", True, a, b, 14, r)
        emit(op, False, a, b, 14, r)
# The guard digit: 1.0 minus the smallest short number below it.
emit("SER", True, 0x41100000, 0x40FFFFFF, 6, hfp.add(0x41100000, 0x40FFFFFF, 6, True))
emit("SDR", True, 0x4110000000000000, 0x40FFFFFFFFFFFFFF, 14,
     hfp.add(0x4110000000000000, 0x40FFFFFFFFFFFFFF, 14, True))
# Underflow and significance with their masks on.
emit("AER", True, 0x00100000, 0x80080000, 6, hfp.add(0x00100000, 0x80080000, 6, False, True, um=True), mask=2)
emit("AER", True, 0x00100000, 0x80080000, 6, hfp.add(0x00100000, 0x80080000, 6, False, True), mask=0)
emit("AER", True, 0x41100000, 0xC1100000, 6, hfp.add(0x41100000, 0xC1100000, 6, False, True, sm=True), mask=1)
emit("ADR", True, 0x4110000000000000, 0xC110000000000000, 14,
     hfp.add(0x4110000000000000, 0xC110000000000000, 14, False, True, sm=True), mask=1)
emit("ADR", True, 0x0010000000000000, 0x8008000000000000, 14,
     hfp.add(0x0010000000000000, 0x8008000000000000, 14, False, True, um=True), mask=2)

# Compare: no exceptions, zero fractions equal whatever their sign.
for i, j in PAIRS_S + [(7, 8), (6, 0), (0, 6)]:
    a, b = SHORT[i], SHORT[j]
    cc = hfp.compare(a, b, 6)
    for op, rr in (("CER", True), ("CE", False)):
        D.case("%s %08X %08X" % (op, a, b))
        D.i("LE    2,=X'%08X'" % a)
        D.i("LE    4,=X'%08X'" % b if rr else "")
        D.i("CER   2,4" if rr else "CE    2,=X'%08X'" % b)
        D.chkcc(cc)
for i, j in PAIRS_L:
    a, b = LONG[i], LONG[j]
    cc = hfp.compare(a, b, 14)
    for op, rr in (("CDR", True), ("CD", False)):
        D.case("%s %s %s" % (op, h(a, 14)[:9], h(b, 14)[:9]))
        D.i("LD    2,=X'%016X'" % a)
        D.i("LD    4,=X'%016X'" % b if rr else "")
        D.i("CDR   2,4" if rr else "CD    2,=X'%016X'" % b)
        D.chkcc(cc)

# Multiply (ME: short operands, long result) and divide.
MUL_S = [(0, 0), (0, 1), (1, 1), (3, 4), (5, 5), (0, 7), (2, 2), (11, 12), (6, 4), (9, 9), (10, 10), (13, 13)]
for i, j in MUL_S:
    a, b = SHORT[i], SHORT[j]
    r = hfp.multiply(a, b, 6, 14)
    D.case("MER %08X %08X" % (a, b))
    D.i("LE    2,=X'%08X'" % a, "LE    4,=X'%08X'" % b)
    if r.exc:
        D.pi("MER   2,4", r.exc, 1)
    else:
        D.i("MER   2,4")
        D.chkf(2, "%016X" % r.bits)
    D.case("ME %08X %08X" % (a, b))
    D.i("LE    2,=X'%08X'" % a)
    if r.exc:
        D.pi("ME    2,=X'%08X'" % b, r.exc, 2)
    else:
        D.i("ME    2,=X'%08X'" % b)
        D.chkf(2, "%016X" % r.bits)
    rd = hfp.divide(a, b, 6)
    for op, rr in (("DER", True), ("DE", False)):
        D.case("%s %08X %08X" % (op, a, b))
        D.i("LE    2,=X'%08X'" % a)
        D.i("LE    4,=X'%08X'" % b if rr else "")
        ins = "DER   2,4" if rr else "DE    2,=X'%08X'" % b
        if rd.exc:
            D.pi(ins, rd.exc, 1 if rr else 2)
            if rd.bits is not None:
                D.chkf(2, "%08X" % rd.bits)
        else:
            D.i(ins)
            D.chkf(2, "%08X" % rd.bits)
MUL_L = [(0, 0), (0, 1), (2, 3), (3, 3), (8, 8), (4, 0), (6, 6), (7, 7), (9, 9), (0, 5), (8, 2)]
for i, j in MUL_L:
    a, b = LONG[i], LONG[j]
    for op, f in (("MD", lambda: hfp.multiply(a, b, 14, 14)), ("DD", lambda: hfp.divide(a, b, 14))):
        r = f()
        for rr in (True, False):
            name = op + ("R" if rr else "")
            D.case("%s %s %s" % (name, h(a, 14)[:9], h(b, 14)[:9]))
            D.i("LD    2,=X'%016X'" % a)
            D.i("LD    4,=X'%016X'" % b if rr else "")
            ins = "%-5s 2,4" % name if rr else "%-5s 2,=X'%016X'" % (name, b)
            if r.exc:
                D.pi(ins, r.exc, 1 if rr else 2)
                if r.bits is not None:
                    D.chkf(2, "%016X" % r.bits)
            else:
                D.i(ins)
                D.chkf(2, "%016X" % r.bits)
D.case("MER underflow masked")
D.spm(2)
D.i("LE    2,=X'10100000'", "LE    4,=X'10100000'")
D.pi("MER   2,4", 0x0D, 1)
D.chkf(2, "%016X" % hfp.multiply(0x10100000, 0x10100000, 6, 14, um=True).bits)
D.spm(0)
D.case("DER underflow masked")
D.spm(2)
D.i("LE    2,=X'00100000'", "LE    4,=X'7F100000'")
D.pi("DER   2,4", 0x0D, 1)
D.chkf(2, "%08X" % hfp.divide(0x00100000, 0x7F100000, 6, um=True).bits)
D.spm(0)

# Halve, load rounded.
for v in (0x41100000, 0xC1300000, 0x40100000, 0x41FFFFFE, 0x00100000, 0x42010000):
    r = hfp.halve(v, 6)
    D.case("HER %08X" % v)
    D.i("LE    4,=X'%08X'" % v, "HER   2,4")
    D.chkf(2, "%08X" % r.bits)
for v in (0x4110000000000000, 0xC130000000000000, 0x40100000000000FF, 0x0010000000000000):
    r = hfp.halve(v, 14)
    D.case("HDR %016X" % v)
    D.i("LD    4,=X'%016X'" % v, "HDR   2,4")
    D.chkf(2, "%016X" % r.bits)
for v in (0x4110000000000000, 0x4110000080000000, 0x411000007FFFFFFF, 0xC1FFFFFF80000000,
          0x7FFFFFFF80000000, 0x4012345680000000):
    r = hfp.load_rounded(v, 14, 6)
    D.case("LRER %016X" % v)
    D.i("LD    4,=X'%016X'" % v, "LD    2,=X'AAAAAAAABBBBBBBB'")
    if r.exc:
        D.pi("LRER  2,4", r.exc, 1)
    else:
        D.i("LRER  2,4")
    D.chkf(2, "%08X" % r.bits)
for hi, lo in ((0x4110000000000000, 0x3300000000000000), (0x4110000000000000, 0x3380000000000000),
               (0x41FFFFFFFFFFFFFF, 0x3380000000000000), (0xC110000000000001, 0xB37FFFFFFFFFFFFF)):
    full = hi << 56 | (lo & ((1 << 56) - 1))
    # The extended operand as a 28-digit number with the high part's sign and characteristic.
    s, c, fh = hfp.split(hi, 14)
    f = fh << 56 | (lo & ((1 << 56) - 1))
    f = (f + (1 << 55)) >> 56
    if f >> 56:
        f >>= 4
        c += 1
    D.case("LRDR %016X" % hi)
    D.i("LD    4,=X'%016X'" % hi, "LD    6,=X'%016X'" % lo, "LRDR  2,4")
    D.chkf(2, "%016X" % hfp.join(s, c, f, 14))

# Extended: AXR, SXR, MXR, MXDR, MXD (the pair R, R+2; R1 and R2 0 or 4).
def ext(hi, lo):
    s, c, fh = hfp.split(hi, 14)
    return s, c, fh << 56 | (lo & ((1 << 56) - 1))


def ext_add(x, y, sub=False):
    (sa, ca, fa), (sb, cb, fb) = x, y
    a = hfp.join(sa, ca, fa, 28)
    b = hfp.join(sb, cb, fb, 28)
    r = hfp.add(a, b, 28, sub, True)
    s, c, f = hfp.split(r.bits, 28)
    return (hfp.ext_join(s, c, f) if f else (0, 0)), r.cc


EXTS = [(0x4110000000000000, 0x3300000000000000), (0x4120000000000000, 0x3300000000000000),
        (0xC110000000000000, 0xB300000000000001), (0x4110000000000000, 0x3300000000000001),
        (0x0000000000000000, 0x0000000000000000)]
for i, j in ((0, 0), (0, 1), (1, 2), (3, 0), (2, 4), (0, 2)):
    for op, sub in (("AXR", False), ("SXR", True)):
        (hi, lo), cc = ext_add(ext(*EXTS[i]), ext(*EXTS[j]), sub)
        D.case("%s %d %d" % (op, i, j))
        D.i("LD    0,=X'%016X'" % EXTS[i][0], "LD    2,=X'%016X'" % EXTS[i][1],
            "LD    4,=X'%016X'" % EXTS[j][0], "LD    6,=X'%016X'" % EXTS[j][1], "%s   0,4" % op)
        D.chkf(0, "%016X%016X" % (hi, lo))
        D.chkcc(cc)
for i, j in ((0, 0), (0, 1), (1, 1), (2, 3)):
    (sa, ca, fa), (sb, cb, fb) = ext(*EXTS[i]), ext(*EXTS[j])
    r = hfp.multiply(hfp.join(sa, ca, fa, 28), hfp.join(sb, cb, fb, 28), 28, 28)
    s, c, f = hfp.split(r.bits, 28)
    hi, lo = hfp.ext_join(s, c, f) if f else (0, 0)
    D.case("MXR %d %d" % (i, j))
    D.i("LD    0,=X'%016X'" % EXTS[i][0], "LD    2,=X'%016X'" % EXTS[i][1],
        "LD    4,=X'%016X'" % EXTS[j][0], "LD    6,=X'%016X'" % EXTS[j][1], "MXR   0,4")
    D.chkf(0, "%016X%016X" % (hi, lo))
for a, b in ((0x4110000000000000, 0x4120000000000000), (0x4110000000000001, 0x4110000000000001),
             (0xC2FFFFFFFFFFFFFF, 0x42FFFFFFFFFFFFFF), (0x4110000000000000, 0x0000000000000000)):
    r = hfp.multiply(a, b, 14, 28)
    s, c, f = hfp.split(r.bits, 28)
    hi, lo = hfp.ext_join(s, c, f) if f else (0, 0)
    for op in ("MXDR", "MXD"):
        D.case("%s %s %s" % (op, h(a, 14)[:9], h(b, 14)[:9]))
        D.i("LD    4,=X'%016X'" % a, "LD    6,=X'%016X'" % b)
        D.i("LDR   0,4", "MXDR  0,6" if op == "MXDR" else "MXD   0,=X'%016X'" % b)
        D.chkf(0, "%016X%016X" % (hi, lo))

# Specification: an FPR number other than 0, 2, 4, 6; an extended operand
# not in 0 or 4.
for ins, ilc in (("LER   1,2", 1), ("ADR   2,3", 1), ("LE    5,@W", 2), ("STD   7,@W", 2),
                 ("AXR   2,4", 1), ("MXR   0,2", 1), ("MXDR  6,0", 1), ("MXD   2,@W", 2), ("LRDR  0,2", 1)):
    D.case("%s spec" % ins.split()[0] + " " + ins.split()[1].replace(",", " "))
    D.pi(ins, 6, ilc)
# Exponent overflow always interrupts; the result's characteristic wraps.
D.case("MER overflow")
D.i("LE    2,=X'7F100000'", "LE    4,=X'42100000'")
D.pi("MER   2,4", 0x0C, 1)
D.chkf(2, "%016X" % hfp.multiply(0x7F100000, 0x42100000, 6, 14).bits)
D.case("AXR overflow")
D.i("LD    0,=X'7FFFFFFFFFFFFFFF'", "LD    2,=X'71FFFFFFFFFFFFFF'", "LDR   4,0", "LDR   6,2")
D.pi("AXR   0,4", 0x0C, 1)

# Every floating-point instruction with an odd register number: specification
# (PoO: R1 and R2 must designate 0, 2, 4 or 6; the extended operands 0 or 4).
RR_FP = ["LPDR", "LNDR", "LTDR", "LCDR", "HDR", "LRDR", "LDR", "CDR", "ADR", "SDR", "MDR", "DDR", "AWR", "SWR",
         "LPER", "LNER", "LTER", "LCER", "HER", "LRER", "LER", "CER", "AER", "SER", "MER", "DER", "AUR", "SUR",
         "MXR", "MXDR", "AXR", "SXR"]
RX_FP = ["STD", "LD", "CD", "AD", "SD", "MD", "DD", "AW", "SW", "STE", "LE", "CE", "AE", "SE", "ME", "DE", "AU",
         "SU", "MXD"]
for op in RR_FP:
    D.case("%s odd R1" % op)
    D.pi("%-5s 1,4" % op, 6, 1)
    D.case("%s odd R2" % op)
    D.pi("%-5s 0,%d" % (op, 5 if op not in ("MXR", "AXR", "SXR") else 2), 6, 1)
for op in RX_FP:
    D.case("%s odd R1" % op)
    D.pi("%-5s 3,@W" % op, 6, 2)
for op in ("MXR", "AXR", "SXR", "MXD", "MXDR"):
    D.case("%s R1 is 2" % op)
    D.pi("%-5s 2,%s" % (op, "@W" if op == "MXD" else "4" if op != "MXDR" else "4"), 6, 1 if op != "MXD" else 2)

print(D.write("../float.asm"), "checks")
