// A small unsigned big integer, enough to convert decimal constants exactly:
// extended floating-point constants carry 112 bits of fraction and decimal
// exponents reach ±75, far beyond 64-bit arithmetic.

/// An unsigned integer of any size (32-bit limbs, least significant first).
struct BigUInt: Comparable {
    var limbs: [UInt32]

    init(_ v: UInt64 = 0) {
        limbs = v == 0 ? [] : (v >> 32 == 0 ? [UInt32(v)] : [UInt32(truncatingIfNeeded: v), UInt32(v >> 32)])
    }

    var isZero: Bool { limbs.isEmpty }

    /// The number of significant bits.
    var bitWidth: Int {
        guard let top = limbs.last else { return 0 }
        return (limbs.count - 1) * 32 + (32 - top.leadingZeroBitCount)
    }

    /// The low 64 bits.
    var low64: UInt64 {
        var v: UInt64 = 0
        if limbs.count > 0 { v = UInt64(limbs[0]) }
        if limbs.count > 1 { v |= UInt64(limbs[1]) << 32 }
        return v
    }

    mutating func normalize() { while let l = limbs.last, l == 0 { limbs.removeLast() } }

    /// self = self * m + a.
    mutating func multiplyAdd(_ m: UInt32, _ a: UInt32) {
        var carry = UInt64(a)
        for i in 0..<limbs.count {
            let p = UInt64(limbs[i]) * UInt64(m) + carry
            limbs[i] = UInt32(truncatingIfNeeded: p)
            carry = p >> 32
        }
        if carry != 0 { limbs.append(UInt32(carry)) }
        normalize()
    }

    /// self * 10^n.
    func timesPowerOf10(_ n: Int) -> BigUInt {
        var r = self
        var k = n
        while k >= 9 { r.multiplyAdd(1_000_000_000, 0); k -= 9 }
        var m: UInt32 = 1
        while k > 0 { m *= 10; k -= 1 }
        if m > 1 { r.multiplyAdd(m, 0) }
        return r
    }

    /// self << n.
    func shiftedLeft(_ n: Int) -> BigUInt {
        guard !isZero, n > 0 else { return self }
        let words = n / 32, bits = n % 32
        var out = [UInt32](repeating: 0, count: words)
        var carry: UInt32 = 0
        for l in limbs {
            if bits == 0 { out.append(l) } else {
                out.append(l << UInt32(bits) | carry)
                carry = l >> UInt32(32 - bits)
            }
        }
        if carry != 0 { out.append(carry) }
        var r = BigUInt()
        r.limbs = out
        r.normalize()
        return r
    }

    /// self >> n.
    func shiftedRight(_ n: Int) -> BigUInt {
        guard n > 0 else { return self }
        let words = n / 32, bits = n % 32
        guard words < limbs.count else { return BigUInt() }
        var out: [UInt32] = []
        out.reserveCapacity(limbs.count - words)
        for i in words..<limbs.count {
            var v = limbs[i] >> UInt32(bits)
            if bits > 0 && i + 1 < limbs.count { v |= limbs[i + 1] << UInt32(32 - bits) }
            out.append(v)
        }
        var r = BigUInt()
        r.limbs = out
        r.normalize()
        return r
    }

    /// Whether bit `n` is one.
    func bit(_ n: Int) -> Bool {
        let w = n / 32
        guard w < limbs.count else { return false }
        return limbs[w] >> UInt32(n % 32) & 1 != 0
    }

    static func < (a: BigUInt, b: BigUInt) -> Bool {
        if a.limbs.count != b.limbs.count { return a.limbs.count < b.limbs.count }
        var i = a.limbs.count - 1
        while i >= 0 {
            if a.limbs[i] != b.limbs[i] { return a.limbs[i] < b.limbs[i] }
            i -= 1
        }
        return false
    }

    /// a - b, for a >= b.
    static func - (a: BigUInt, b: BigUInt) -> BigUInt {
        var r = a
        var borrow: Int64 = 0
        for i in 0..<r.limbs.count {
            var d = Int64(r.limbs[i]) - borrow - (i < b.limbs.count ? Int64(b.limbs[i]) : 0)
            if d < 0 { d += 1 << 32; borrow = 1 } else { borrow = 0 }
            r.limbs[i] = UInt32(d)
        }
        r.normalize()
        return r
    }

    /// The quotient of a / b (b non-zero), by shift and subtract.
    static func / (a: BigUInt, b: BigUInt) -> BigUInt {
        guard !(a < b) else { return BigUInt() }
        let shift = a.bitWidth - b.bitWidth
        var rem = a
        var q = BigUInt()
        var d = b.shiftedLeft(shift)
        var s = shift
        while s >= 0 {
            q = q.shiftedLeft(1)
            if !(rem < d) {
                rem = rem - d
                q.multiplyAdd(1, 1)
            }
            d = d.shiftedRight(1)
            s -= 1
        }
        return q
    }
}
