// MULTIPLY and DIVIDE with short and long operands (PoO, GA22-7000,
// "Floating-Point Instructions"): prenormalization of the operands, the number
// of digits each result keeps, truncation, zero operands, the
// floating-point-divide exception, and exponent overflow and underflow. The
// condition code is never changed (every case starts with CC 3).

import Testing
import S370CPU
import TestSupport

/// A short RR case, R1 = 0 and R2 = 2; `result` is the whole register after.
private func shortRR(_ op: UInt8, _ a: UInt32, _ b: UInt32, mask: UInt8 = 0, _ description: String,
                     result: UInt64?, interruption: UInt16 = 0) -> FloatingPointCase {
    FloatingPointCase(description: description, instruction: RR(op, 0, 2),
                      before: [0: short(a), 2: short(b, low: 0x1234_5678)], programMask: mask,
                      after: result.map { [0: $0] } ?? [:], cc: 3, interruption: interruption)
}

/// A long RR case, R1 = 4 and R2 = 6.
private func longRR(_ op: UInt8, _ a: UInt64, _ b: UInt64, mask: UInt8 = 0, _ description: String,
                    result: UInt64?, interruption: UInt16 = 0) -> FloatingPointCase {
    FloatingPointCase(description: description, instruction: RR(op, 4, 6), before: [4: a, 6: b],
                      programMask: mask, after: result.map { [4: $0] } ?? [:], cc: 3, interruption: interruption)
}

@Suite struct FloatingPointMultiplyDivideTests {
    /// MER and ME multiply short operands into a long result (the whole
    /// register R1): "the product fraction has the full 14 digits of the long
    /// format, with the two rightmost fraction digits always zeros". MDR and MD
    /// truncate the product to 14 digits after normalizing it.
    static let multiplications: [FloatingPointCase] = [
        shortRR(0x3C, 0x4120_0000, 0x4130_0000, "MER 0.2 times 0.3: 0.06 normalized, a long result",
                result: 0x4160_0000_0000_0000),
        shortRR(0x3C, 0x46FF_FFFF, 0x46FF_FFFF, "MER is exact: twelve digits", result: 0x4CFF_FFFE_0000_0100),
        shortRR(0x3C, 0x4400_0010, 0x4120_0000, "MER prenormalizes an unnormalized operand",
                result: 0x4020_0000_0000_0000),
        shortRR(0x3C, 0x7F10_0000, 0x7F10_0000, "MER exponent overflow: characteristic 128 less",
                result: 0x3D10_0000_0000_0000, interruption: Code.exponentOverflow),
        shortRR(0x3C, 0x7F10_0000, 0xFF10_0000, mask: 3, "MER exponent overflow, negative product",
                result: 0xBD10_0000_0000_0000, interruption: Code.exponentOverflow),
        shortRR(0x3C, 0x6010_0000, 0x6010_0000,
                "MER: an intermediate characteristic of 128 brought back by normalization is no overflow",
                result: 0x7F10_0000_0000_0000),
        shortRR(0x3C, 0x2010_0000, 0x2010_0000, "MER exponent underflow, mask off: true zero", result: 0),
        shortRR(0x3C, 0x2010_0000, 0x2010_0000, mask: 2, "MER exponent underflow, mask on: 128 more",
                result: 0x7F10_0000_0000_0000, interruption: Code.exponentUnderflow),
        shortRR(0x3C, 0x0000_1000, 0x4310_0000, mask: 2,
                "MER: a characteristic below zero during prenormalization is not an underflow",
                result: 0x0010_0000_0000_0000),
        shortRR(0x3C, 0x4110_0000, 0x8000_0000, mask: 3, "MER by minus zero: true zero, no exception", result: 0),
        shortRR(0x3C, 0x7F00_0000, 0x7F10_0000, mask: 3, "MER of a zero fraction: true zero, no overflow",
                result: 0),
        FloatingPointCase(description: "ME from an odd address", instruction: RX(0x7C, 2, 0, 0, 5),
                          before: [2: short(0x4120_0000)], operand: hexBytes("C1300000"), operandAddress: 0x2001,
                          after: [2: 0xC160_0000_0000_0000]),
        longRR(0x2C, 0x41FF_FFFF_FFFF_FFFF, 0x41FF_FFFF_FFFF_FFFF, "MDR truncates the 28-digit product",
               result: 0x42FF_FFFF_FFFF_FFFE),
        longRR(0x2C, 0x4110_0000_0000_0001, 0x4110_0000_0000_0001,
               "MDR: normalizing the product brings in its fifteenth digit", result: 0x4110_0000_0000_0002),
        longRR(0x2C, 0x4200_0000_0000_0001, 0x41FF_FFFF_FFFF_FFFF,
               "MDR prenormalizes: no digit of the multiplier is lost", result: 0x35FF_FFFF_FFFF_FFFF),
        longRR(0x2C, 0xC120_0000_0000_0000, 0x4130_0000_0000_0000, "MDR sign by the rules of algebra",
               result: 0xC160_0000_0000_0000),
        longRR(0x2C, 0x4120_0000_0000_0000, 0x0000_0000_0000_0000, mask: 3, "MDR by zero", result: 0),
        FloatingPointCase(description: "MD exponent overflow", instruction: RX(0x6C, 0, 0, 0, 5),
                          before: [0: 0x7F10_0000_0000_0000], operand: hexBytes("7F100000 00000000"),
                          after: [0: 0x3D10_0000_0000_0000], interruption: Code.exponentOverflow),
        FloatingPointCase(description: "MD exponent underflow, mask on", instruction: RX(0x6C, 0, 0, 0, 5),
                          before: [0: 0x0110_0000_0000_0000], operand: hexBytes("01100000 00000000"),
                          programMask: 2, after: [0: 0x4110_0000_0000_0000],
                          interruption: Code.exponentUnderflow),
    ]

    @Test(arguments: multiplications) func multiply(_ c: FloatingPointCase) { check(c) }

    /// DIVIDE: the operands are normalized; "all dividend and divisor fraction
    /// digits participate", a quotient of one or more is shifted right one
    /// digit, and the fraction is truncated. A zero divisor fraction is a
    /// floating-point-divide exception that suppresses the operation; a zero
    /// dividend gives a true zero.
    static let divisions: [FloatingPointCase] = [
        shortRR(0x3D, 0x4160_0000, 0x4120_0000, "DER 0.6 / 0.2 = 3: shifted right one digit",
                result: short(0x4130_0000)),
        shortRR(0x3D, 0x4120_0000, 0x4130_0000, "DER 2/3 truncated: 40AAAAAA, not rounded",
                result: short(0x40AA_AAAA)),
        shortRR(0x3D, 0x4110_0000, 0x4110_0000, "DER x / x = 1", result: short(0x4110_0000)),
        shortRR(0x3D, 0x4300_0100, 0x4100_0200, "DER prenormalizes both operands", result: short(0x4280_0000)),
        shortRR(0x3D, 0xC160_0000, 0x4120_0000, "DER negative quotient", result: short(0xC130_0000)),
        shortRR(0x3D, 0x4110_0000, 0x0000_0000, mask: 3, "DER by zero: suppressed, CC unchanged",
                result: nil, interruption: Code.floatingPointDivide),
        shortRR(0x3D, 0x8000_0000, 0x0000_0000, "DER zero by zero is a divide exception too",
                result: nil, interruption: Code.floatingPointDivide),
        shortRR(0x3D, 0x4110_0000, 0x4500_0000, "DER by a zero fraction with a characteristic",
                result: nil, interruption: Code.floatingPointDivide),
        shortRR(0x3D, 0x8000_0000, 0xC110_0000, mask: 3, "DER of zero: a true zero, plus",
                result: short(0x0000_0000)),
        shortRR(0x3D, 0x7F10_0000, 0x0110_0000, "DER exponent overflow", result: short(0x3F10_0000),
                interruption: Code.exponentOverflow),
        shortRR(0x3D, 0x0110_0000, 0x7F10_0000, mask: 2, "DER exponent underflow, mask on",
                result: short(0x4310_0000), interruption: Code.exponentUnderflow),
        shortRR(0x3D, 0x0110_0000, 0x7F10_0000, mask: 1, "DER exponent underflow, mask off: true zero",
                result: short(0x0000_0000)),
        FloatingPointCase(description: "DE 1/3 from storage", instruction: RX(0x7D, 6, 0, 0, 5),
                          before: [6: short(0x4110_0000)], operand: hexBytes("41300000"),
                          after: [6: short(0x4055_5555)]),
        longRR(0x2D, 0x4120_0000_0000_0000, 0x4130_0000_0000_0000, "DDR 2/3 truncated",
               result: 0x40AA_AAAA_AAAA_AAAA),
        longRR(0x2D, 0x4130_0000_0000_0000, 0x4120_0000_0000_0000, "DDR 1.8 hex", result: 0x4118_0000_0000_0000),
        longRR(0x2D, 0x41FF_FFFF_FFFF_FFFF, 0x41FF_FFFF_FFFF_FFFE,
               "DDR: a quotient just above 1 loses its fifteenth digit after the right shift",
               result: 0x4110_0000_0000_0000),
        FloatingPointCase(description: "DD 1/3 from an odd address", instruction: RX(0x6D, 2, 0, 0, 5),
                          before: [2: 0x4110_0000_0000_0000], operand: hexBytes("41300000 00000000"),
                          operandAddress: 0x2005, after: [2: 0x4055_5555_5555_5555]),
        FloatingPointCase(description: "DD by zero", instruction: RX(0x6D, 2, 0, 0, 5),
                          before: [2: 0x4110_0000_0000_0000], operand: hexBytes("C0000000 00000000"),
                          interruption: Code.floatingPointDivide),
    ]

    @Test(arguments: divisions) func divide(_ c: FloatingPointCase) { check(c) }

    /// Multiplying the quotient back: for normalized operands the truncated
    /// quotient q of a / b satisfies q * b <= a < (q + one unit) * b, checked
    /// exactly on the fractions for a spread of long operands.
    @Test func longQuotientIsTheTruncatedExactQuotient() {
        var x: UInt64 = 0x1234_5678_9ABC_DEF1
        for _ in 0..<200 {
            x = x &* 6364136223846793005 &+ 1442695040888963407
            let a = 0x4110_0000_0000_0000 | (x >> 8 & 0x000F_FFFF_FFFF_FFFF)
            let b = 0x4110_0000_0000_0000 | (x >> 4 & 0x000F_FFFF_FFFF_FFFF)
            let m = TestMachine()
            m.cpu.fpr[0] = a; m.cpu.fpr[1] = b
            m.execute([RR(0x2D, 0, 2)])
            let q = m.cpu.fpr[0]
            let fa = UInt128(a & 0x00FF_FFFF_FFFF_FFFF), fb = UInt128(b & 0x00FF_FFFF_FFFF_FFFF)
            let fq = UInt128(q & 0x00FF_FFFF_FFFF_FFFF)
            // Value of q relative to the characteristic 0x41 - 0x41 + 0x40: scale by 16 when shifted.
            let shifted = (q >> 56) == 0x41
            let lhs = fq * fb, unit = fb
            let target = fa << (shifted ? 52 : 56)
            #expect(lhs <= target && target < lhs + unit, "\(hex64(a)) / \(hex64(b)) = \(hex64(q))")
        }
    }
}
