// The decimal arithmetic checked against plain integer arithmetic on many
// operand pairs (a fixed pseudo-random sequence, so runs repeat): AP, SP, CP,
// MP, DP and SRP results, signs and condition codes as the PoO defines them.

import Testing
import S370CPU
import TestSupport

/// A packed field of `length` bytes for `value` (sign C or D), as hexadecimal digits.
func packedHex(_ value: Int, length: Int) -> String {
    var digits = String(value.magnitude)
    digits = String(repeating: "0", count: 2 * length - 1 - digits.count) + digits
    return digits + (value < 0 ? "D" : "C")
}

/// A repeatable pseudo-random sequence (a 64-bit linear congruential generator).
struct DecimalTestSequence {
    var state: UInt64 = 0x5EED_0370
    mutating func next(below bound: Int) -> Int {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return Int((state >> 33) % UInt64(bound))
    }
    /// A signed value of up to `digits` digits, with many small ones and zeros.
    mutating func value(digits: Int) -> Int {
        var limit = 1
        for _ in 0..<(1 + next(below: digits)) { limit *= 10 }
        let v = next(below: limit)
        return next(below: 2) == 0 ? v : -v
    }
}

@Suite struct DecimalReferenceTests {
    @Test func addSubtractCompare() {
        var seq = DecimalTestSequence()
        for _ in 0..<150 {
            let x = seq.value(digits: 5), y = seq.value(digits: 5)
            for (op, expected) in [(UInt8(0xFA), x + y), (0xFB, x - y)] {
                let m = runDecimal(decimalSS(op, l1: 3, l2: 3), first: packedHex(x, length: 3), second: packedHex(y, length: 3))
                if abs(expected) < 100_000 {
                    #expect(m.hex(at: decimalField1, count: 3) == packedHex(expected, length: 3), "\(x) op\(op) \(y)")
                    #expect(m.cc == (expected == 0 ? 0 : expected < 0 ? 1 : 2), "\(x) op\(op) \(y)")
                } else {
                    // Overflow: the rightmost five digits with the sign of the true result.
                    let kept = packedHex(abs(expected) % 100_000, length: 3).dropLast() + (expected < 0 ? "D" : "C")
                    #expect(m.hex(at: decimalField1, count: 3) == String(kept), "\(x) op\(op) \(y)")
                    #expect(m.cc == 3)
                }
            }
            let c = runDecimal(decimalSS(0xF9, l1: 3, l2: 3), first: packedHex(x, length: 3), second: packedHex(y, length: 3))
            #expect(c.cc == (x == y ? 0 : x < y ? 1 : 2), "\(x) : \(y)")
        }
    }

    @Test func multiplyDivide() {
        var seq = DecimalTestSequence(state: 0xD1)
        for _ in 0..<150 {
            let x = seq.value(digits: 6), y = seq.value(digits: 3)
            let product = runDecimal(decimalSS(0xFC, l1: 6, l2: 2), first: packedHex(x, length: 6), second: packedHex(y, length: 2))
            // The product's sign is algebraic even when it is zero.
            let mag = abs(x) * abs(y)
            let negative = (x < 0) != (y < 0)
            let expectedProduct = String(packedHex(mag, length: 6).dropLast()) + (negative ? "D" : "C")
            #expect(product.hex(at: decimalField1, count: 6) == expectedProduct, "\(x) * \(y)")
            guard y != 0 else { continue }
            // 6-byte dividend, 2-byte divisor: a 7-digit quotient field.
            let quotient = runDecimal(decimalSS(0xFD, l1: 6, l2: 2), first: packedHex(x, length: 6), second: packedHex(y, length: 2))
            let q = abs(x) / abs(y), r = abs(x) % abs(y)
            let expected = String(packedHex(q, length: 4).dropLast()) + (negative ? "D" : "C")
                + String(packedHex(r, length: 2).dropLast()) + (x < 0 ? "D" : "C")
            #expect(quotient.hex(at: decimalField1, count: 6) == expected, "\(x) / \(y)")
        }
    }

    @Test func shiftAndRound() {
        var seq = DecimalTestSequence(state: 0x5A)
        for _ in 0..<150 {
            let x = seq.value(digits: 7), shift = seq.next(below: 9) - 4, round = seq.next(below: 10)
            let d2 = shift >= 0 ? shift : 64 + shift
            let m = runDecimal([0xF0, UInt8(0x30 | round), 0xC0, 0x00, 0x00, UInt8(d2)], first: packedHex(x, length: 4))
            var mag = abs(x)
            var overflow = false
            if shift >= 0 {
                for _ in 0..<shift { mag *= 10 }
                overflow = mag >= 10_000_000
                mag %= 10_000_000
            } else {
                var p = 1
                for _ in 0..<(-shift) { p *= 10 }
                mag = (mag + round * p / 10) / p
            }
            let negative = x < 0 && (overflow || mag != 0)
            let expected = String(packedHex(mag, length: 4).dropLast()) + (negative ? "D" : "C")
            #expect(m.hex(at: decimalField1, count: 4) == expected, "\(x) shift \(shift) round \(round)")
            #expect(m.cc == (overflow ? 3 : mag == 0 ? 0 : x < 0 ? 1 : 2), "\(x) shift \(shift)")
        }
    }
}
