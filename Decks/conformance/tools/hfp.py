"""Hexadecimal floating point as the PoO defines it ("Floating-Point
Instructions"): sign, 7-bit characteristic (excess 64), fraction of 6
(short), 14 (long) or 28 (extended) hexadecimal digits; intermediate sums
with one guard digit; results truncated; LOAD ROUNDED rounds."""


class Result:
    def __init__(self, bits, cc=None, exc=None):
        self.bits, self.cc, self.exc = bits, cc, exc


def split(v, n):
    """(sign, characteristic, fraction) of an n-digit HFP number."""
    width = 4 * n + 8
    return v >> (width - 1) & 1, v >> (4 * n) & 0x7F, v & ((1 << 4 * n) - 1)


def join(s, c, f, n):
    return s << (4 * n + 7) | (c & 0x7F) << (4 * n) | f


def cc_of(s, f):
    return 0 if f == 0 else (1 if s else 2)


def finish(s, c, f, n, underflow_mask=False, sig_mask=False, normalize=True, zero_is_sig=True):
    """Normalizes (if asked), checks characteristic range; f has n digits."""
    exc = None
    if f == 0:
        if sig_mask and zero_is_sig:
            return Result(join(s, c, 0, n), 0, 0x0E)
        return Result(0, 0, None)
    if normalize:
        while f >> (4 * n - 4) == 0:
            f <<= 4
            c -= 1
    if c > 127:
        return Result(join(s, c - 128, f, n), cc_of(s, f), 0x0C)
    if c < 0:
        if underflow_mask:
            return Result(join(s, c + 128, f, n), cc_of(s, f), 0x0D)
        return Result(0, 0, None)
    return Result(join(s, c, f, n), cc_of(s, f), exc)


def add(a, b, n, sub=False, normalize=True, um=False, sm=False):
    sa, ca, fa = split(a, n)
    sb, cb, fb = split(b, n)
    if sub:
        sb ^= 1
    fa <<= 4
    fb <<= 4                       # one guard digit
    if ca < cb:
        sa, ca, fa, sb, cb, fb = sb, cb, fb, sa, ca, fa
    d = ca - cb
    fb = fb >> (4 * d) if d <= n + 1 else 0
    c = ca
    total = (-fa if sa else fa) + (-fb if sb else fb)
    s = 1 if total < 0 else 0
    m = abs(total)
    if m == 0:
        r = finish(0, c, 0, n, um, sm)
        if r.exc is None:
            r.bits = 0
        return r
    if m >> (4 * n + 4):
        m >>= 4
        c += 1
    if normalize:
        while m >> (4 * n) == 0:
            m <<= 4
            c -= 1
    f = m >> 4
    if f == 0:
        return finish(s, c, 0, n, um, sm)
    return finish(s, c, f, n, um, sm, normalize=False)


def compare(a, b, n):
    sa, ca, fa = split(a, n)
    sb, cb, fb = split(b, n)
    fa <<= 4
    fb <<= 4
    va, vb = (sa, ca, fa), (sb, cb, fb)
    if ca < cb:
        fa = fa >> (4 * (cb - ca)) if cb - ca <= n + 1 else 0
    else:
        fb = fb >> (4 * (ca - cb)) if ca - cb <= n + 1 else 0
    x = (-fa if sa else fa) - (-fb if sb else fb)
    return 0 if x == 0 else (1 if x < 0 else 2)


def prenorm(c, f, n):
    while f and f >> (4 * n - 4) == 0:
        f <<= 4
        c -= 1
    return c, f


def multiply(a, b, n, rn, um=False):
    """n-digit operands, rn-digit result (truncated)."""
    sa, ca, fa = split(a, n)
    sb, cb, fb = split(b, n)
    if fa == 0 or fb == 0:
        return Result(0, None, None)
    ca, fa = prenorm(ca, fa, n)
    cb, fb = prenorm(cb, fb, n)
    p = fa * fb                              # 2n digits
    c = ca + cb - 64
    if p >> (8 * n - 4) == 0:
        p <<= 4
        c -= 1
    # p has 2n digits; keep rn
    f = p >> (8 * n - 4 * rn) if rn <= 2 * n else p << (4 * rn - 8 * n)
    r = finish(sa ^ sb, c, f, rn, um, normalize=False)
    r.cc = None
    return r


def divide(a, b, n, um=False):
    sa, ca, fa = split(a, n)
    sb, cb, fb = split(b, n)
    if fb == 0:
        return Result(None, None, 0x0F)
    if fa == 0:
        return Result(0, None, None)
    ca, fa = prenorm(ca, fa, n)
    cb, fb = prenorm(cb, fb, n)
    if fa < fb:
        q = (fa << 4 * n) // fb
        c = ca - cb + 64
    else:
        q = (fa << 4 * (n - 1)) // fb
        c = ca - cb + 65
    r = finish(sa ^ sb, c, q, n, um, normalize=False)
    r.cc = None
    return r


def halve(a, n, um=False):
    s, c, f = split(a, n)
    m = (f << 4) >> 1
    if m == 0:
        return Result(join(s, c, 0, n) if False else 0, None, None)
    while m >> (4 * n) == 0:
        m <<= 4
        c -= 1
    r = finish(s, c, m >> 4, n, um, normalize=False)
    r.cc = None
    return r


def load_rounded(a, n, rn):
    """n-digit operand to rn digits, rounding by the leftmost dropped bit."""
    s, c, f = split(a, n)
    drop = 4 * (n - rn)
    f = (f + (1 << (drop - 1))) >> drop
    if f >> (4 * rn):
        f >>= 4
        c += 1
    if c > 127:
        return Result(join(s, c - 128, f, rn), None, 0x0C)
    return Result(join(s, c, f, rn), None, None)


def ext_join(s, c, f):
    """An extended result: high part (char c), low part (char c-14, same sign)."""
    hi = f >> 56
    lo = f & ((1 << 56) - 1)
    return join(s, c, hi, 14), join(s, (c - 14) & 0x7F, lo, 14)
