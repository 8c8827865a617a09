// ADD NORMALIZED, SUBTRACT NORMALIZED, ADD UNNORMALIZED, SUBTRACT
// UNNORMALIZED and COMPARE with short and long operands (PoO, GA22-7000,
// "Floating-Point Instructions"): alignment with one guard digit, truncation
// (never rounding), the carry, normalization, the condition code, and the
// exponent-overflow, exponent-underflow and significance exceptions with
// their masks off and on.

import Testing
import S370CPU
import TestSupport

/// A case of the RR form R1 = 0, R2 = 2 with short operands.
private func shortRR(_ op: UInt8, _ a: UInt32, _ b: UInt32, mask: UInt8 = 0, _ description: String,
                     result: UInt32?, cc: UInt8, interruption: UInt16 = 0) -> FloatingPointCase {
    FloatingPointCase(description: description, instruction: RR(op, 0, 2),
                      before: [0: short(a), 2: short(b, low: 0x1234_5678)], programMask: mask,
                      after: result.map { [0: short($0)] } ?? [:], cc: cc, interruption: interruption)
}

/// A case of the RR form R1 = 4, R2 = 6 with long operands.
private func longRR(_ op: UInt8, _ a: UInt64, _ b: UInt64, mask: UInt8 = 0, _ description: String,
                    result: UInt64?, cc: UInt8, interruption: UInt16 = 0) -> FloatingPointCase {
    FloatingPointCase(description: description, instruction: RR(op, 4, 6), before: [4: a, 6: b],
                      programMask: mask, after: result.map { [4: $0] } ?? [:], cc: cc, interruption: interruption)
}

@Suite struct FloatingPointAddSubtractTests {
    static let normalized: [FloatingPointCase] = [
        // The PoO's example of ADD NORMALIZED (Appendix, "Floating-Point
        // Instructions"): FPR6 holds 43 082100 (82.1 hex), storage holds
        // 41 123456 (1.23456 hex). Aligned, 0.082100 + 0.001234|5 (the 5 in
        // the guard digit) = 0.083334|5, normalized one digit left: 42 833345.
        FloatingPointCase(description: "PoO example: AE 6 of 41123456 to 43082100",
                          instruction: RX(0x7A, 6, 0, 0, 5), before: [6: 0x4308_2100_0000_0000],
                          operand: hexBytes("41123456 00000000"), after: [6: 0x4283_3345_0000_0000], cc: 2),
        FloatingPointCase(description: "PoO example: AD 6 keeps 14 digits",
                          instruction: RX(0x6A, 6, 0, 0, 5), before: [6: 0x4308_2100_0000_0000],
                          operand: hexBytes("41123456 00000000"), after: [6: 0x4283_3345_6000_0000], cc: 2),
        shortRR(0x3A, 0x4110_0000, 0xC0FF_FFFF,
                "guard digit: 0.1000000 - 0.0FFFFFF = 0.0000001 normalizes to 3B100000 (3C without it)",
                result: 0x3B10_0000, cc: 2),
        shortRR(0x3A, 0x4110_0000, 0x40FF_FFFF, "truncation, not rounding: 0.1FFFFFF|F gives 411FFFFF",
                result: 0x411F_FFFF, cc: 2),
        shortRR(0x3A, 0x4180_0000, 0x4180_0000, "carry: shifted right, characteristic up",
                result: 0x4210_0000, cc: 2),
        shortRR(0x3A, 0x41FF_FFFF, 0x41FF_FFFF, "carry drops the rightmost digit: 1.FFFFFE gives 421FFFFF",
                result: 0x421F_FFFF, cc: 2),
        shortRR(0x3A, 0x4000_0010, 0x4000_0020, "two unnormalized operands give a normalized sum",
                result: 0x3C30_0000, cc: 2),
        shortRR(0x3A, 0x4120_0000, 0xC130_0000, "a negative sum: CC 1", result: 0xC110_0000, cc: 1),
        shortRR(0x3A, 0x4100_0123, 0x0000_0000, "adding a true zero normalizes", result: 0x3E12_3000, cc: 2),
        shortRR(0x3A, 0x4110_0000, 0xC110_0000, "zero fraction, significance mask off: true zero, CC 0",
                result: 0x0000_0000, cc: 0),
        shortRR(0x3A, 0x4110_0000, 0xC110_0000, mask: 1,
                "zero fraction, significance mask on: characteristic kept, sign plus, interruption",
                result: 0x4100_0000, cc: 0, interruption: Code.significance),
        shortRR(0x3A, 0x8000_0000, 0x8000_0000, mask: 1, "minus zero plus minus zero is a significance exception",
                result: 0x0000_0000, cc: 0, interruption: Code.significance),
        shortRR(0x3A, 0x7F80_0000, 0x7F80_0000, "exponent overflow: characteristic 128 less; no mask",
                result: 0x0010_0000, cc: 2, interruption: Code.exponentOverflow),
        shortRR(0x3A, 0xFF80_0000, 0xFF80_0000, mask: 3, "exponent overflow of a negative sum: CC 1",
                result: 0x8010_0000, cc: 1, interruption: Code.exponentOverflow),
        shortRR(0x3B, 0x0010_0000, 0x0008_0000, "exponent underflow, mask off: true zero, CC 0",
                result: 0x0000_0000, cc: 0),
        shortRR(0x3B, 0x0010_0000, 0x0008_0000, mask: 3, "exponent underflow, mask on: characteristic 128 more",
                result: 0x7F80_0000, cc: 2, interruption: Code.exponentUnderflow),
        shortRR(0x3B, 0x8010_0000, 0x8008_0000, mask: 2, "exponent underflow of a negative result: CC 1",
                result: 0xFF80_0000, cc: 1, interruption: Code.exponentUnderflow),
        shortRR(0x3A, 0x0000_0123, 0x0000_0000, mask: 2, "normalizing a tiny unnormalized number underflows",
                result: 0x7D12_3000, cc: 2, interruption: Code.exponentUnderflow),
        shortRR(0x3A, 0x7FFF_FFFF, 0x0000_0000, mask: 3, "the largest number plus zero", result: 0x7FFF_FFFF, cc: 2),
        shortRR(0x3A, 0x0010_0000, 0x8000_0000, mask: 3, "the smallest normalized number plus minus zero",
                result: 0x0010_0000, cc: 2),
        shortRR(0x3B, 0x4130_0000, 0x4110_0000, "SER", result: 0x4120_0000, cc: 2),
        FloatingPointCase(description: "SE from storage: 0.1 - (-0.1)", instruction: RX(0x7B, 2, 0, 0, 5),
                          before: [2: short(0x4110_0000)], operand: hexBytes("C1100000"),
                          after: [2: short(0x4120_0000)], cc: 2),
        longRR(0x2A, 0x4110_0000_0000_0000, 0xC0FF_FFFF_FFFF_FFFF, "ADR guard digit: fifteen digits",
               result: 0x3310_0000_0000_0000, cc: 2),
        longRR(0x2A, 0x4110_0000_0000_0000, 0x3F12_3456_78AB_CDEF, "ADR truncates the digits shifted out",
               result: 0x4110_1234_5678_ABCD, cc: 2),
        longRR(0x2B, 0x4110_0000_0000_0000, 0x4110_0000_0000_0000, mask: 1, "SDR significance",
               result: 0x4100_0000_0000_0000, cc: 0, interruption: Code.significance),
        FloatingPointCase(description: "SD exponent overflow by the carry",
                          instruction: RX(0x6B, 0, 0, 0, 5), before: [0: 0x7FFF_FFFF_FFFF_FFFF],
                          operand: hexBytes("FF000000 00000001"), after: [0: 0x0010_0000_0000_0000],
                          cc: 2, interruption: Code.exponentOverflow),
        FloatingPointCase(description: "AD exponent underflow, mask off", instruction: RX(0x6A, 0, 0, 0, 5),
                          before: [0: 0x0010_0000_0000_0000], operand: hexBytes("80080000 00000000"),
                          programMask: 1, after: [0: 0], cc: 0),
    ]

    @Test(arguments: normalized) func addAndSubtractNormalized(_ c: FloatingPointCase) { check(c) }

    static let unnormalized: [FloatingPointCase] = [
        shortRR(0x3E, 0x4110_0000, 0xC0FF_FFFF,
                "AUR: the fraction without the guard digit is zero: true zero with the mask off",
                result: 0x0000_0000, cc: 0),
        shortRR(0x3E, 0x4110_0000, 0xC0FF_FFFF, mask: 1, "AUR: the same with the significance mask on",
                result: 0x4100_0000, cc: 0, interruption: Code.significance),
        shortRR(0x3E, 0x4201_2345, 0x4110_0000, "AUR keeps leading zeros", result: 0x4202_2345, cc: 2),
        shortRR(0x3E, 0x4180_0000, 0x4180_0000, "AUR carry", result: 0x4210_0000, cc: 2),
        shortRR(0x3E, 0x0000_0001, 0x0000_0001, mask: 3, "AUR: no normalization, no exponent underflow",
                result: 0x0000_0002, cc: 2),
        shortRR(0x3E, 0x7F80_0000, 0x7F80_0000, "AUR exponent overflow", result: 0x0010_0000, cc: 2,
                interruption: Code.exponentOverflow),
        shortRR(0x3F, 0x4110_0000, 0x4110_0000, "SUR to zero, mask off", result: 0x0000_0000, cc: 0),
        shortRR(0x3F, 0x4110_0000, 0x4110_0001, "SUR negative and unnormalized: CC 1", result: 0xC100_0001, cc: 1),
        FloatingPointCase(description: "AU from an odd address: the guard digit is dropped",
                          instruction: RX(0x7E, 0, 0, 0, 5), before: [0: short(0x4110_0000)],
                          operand: hexBytes("40000001"), operandAddress: 0x2003,
                          after: [0: short(0x4110_0000)], cc: 2),
        longRR(0x2E, 0x4110_0000_0000_0000, 0x3F12_3456_78AB_CDEF, "AWR", result: 0x4110_1234_5678_ABCD, cc: 2),
        longRR(0x2E, 0x4110_0000_0000_0000, 0xC010_0000_0000_0001,
               "AWR: the guard digit borrows: 410EFFFFFFFFFFFF, not 410F000000000000",
               result: 0x410E_FFFF_FFFF_FFFF, cc: 2),
        FloatingPointCase(description: "SW to zero with the significance mask on",
                          instruction: RX(0x6F, 2, 0, 0, 5), before: [2: 0x4110_0000_0000_0000],
                          operand: hexBytes("41100000 00000000"), programMask: 1,
                          after: [2: 0x4100_0000_0000_0000], cc: 0, interruption: Code.significance),
        longRR(0x2F, 0x4100_0000_0000_0010, 0xC100_0000_0000_0001, "SWR", result: 0x4100_0000_0000_0011, cc: 2),
    ]

    @Test(arguments: unnormalized) func addAndSubtractUnnormalized(_ c: FloatingPointCase) { check(c) }

    /// COMPARE: "An equality is established by following the rules for
    /// normalized floating-point subtraction. When the intermediate sum,
    /// including the guard digit, is zero, the operands are equal." "Numbers
    /// with zero fractions compare equal even when they differ in sign or
    /// characteristic." No exponent-overflow, exponent-underflow or
    /// significance exception; the operands are not changed.
    static let compares: [FloatingPointCase] = [
        shortRR(0x39, 0x4110_0000, 0x4110_0000, "CER equal", result: nil, cc: 0),
        shortRR(0x39, 0x4110_0000, 0x4120_0000, "CER first low", result: nil, cc: 1),
        shortRR(0x39, 0x4120_0000, 0x4110_0000, "CER first high", result: nil, cc: 2),
        shortRR(0x39, 0x8000_0000, 0x0000_0000, "CER minus zero equals plus zero", result: nil, cc: 0),
        shortRR(0x39, 0x4500_0000, 0x8000_0000, "CER zero fractions of other characteristics", result: nil, cc: 0),
        shortRR(0x39, 0x4110_0000, 0x4201_0000, "CER unnormalized equal values", result: nil, cc: 0),
        shortRR(0x39, 0xC110_0000, 0x4110_0000, "CER signs", result: nil, cc: 1),
        shortRR(0x39, 0x4100_0000, 0x3A10_0000,
                "CER: a difference shifted beyond the guard digit is lost: equal", result: nil, cc: 0),
        shortRR(0x39, 0x4110_0000, 0x40FF_FFFF, "CER: a difference in the guard digit counts", result: nil, cc: 2),
        shortRR(0x39, 0x7F80_0000, 0xFF80_0000, mask: 3, "CER: no exponent overflow", result: nil, cc: 2),
        shortRR(0x39, 0x0010_0000, 0x0008_0000, mask: 3, "CER: no exponent underflow", result: nil, cc: 2),
        shortRR(0x39, 0x4110_0000, 0x4110_0000, mask: 3, "CER: no significance exception", result: nil, cc: 0),
        FloatingPointCase(description: "CER ignores the rightmost halves", instruction: RR(0x39, 0, 2),
                          before: [0: short(0x4110_0000, low: 1), 2: short(0x4110_0000, low: 2)], cc: 0),
        FloatingPointCase(description: "CE from storage", instruction: RX(0x79, 6, 0, 0, 5),
                          before: [6: short(0x4110_0000)], operand: hexBytes("C1100000"), cc: 2),
        longRR(0x29, 0x4110_0000_0000_0000, 0x4110_0000_0000_0001, "CDR sees the fourteenth digit",
               result: nil, cc: 1),
        FloatingPointCase(description: "CD from an odd address", instruction: RX(0x69, 0, 0, 0, 5),
                          before: [0: 0x4110_0000_0000_0001], operand: hexBytes("41100000 00000000"),
                          operandAddress: 0x2007, cc: 2),
    ]

    @Test(arguments: compares) func compare(_ c: FloatingPointCase) { check(c) }

    /// "Interchanging the two operands in a floating-point addition does not
    /// affect the value of the sum" (PoO programming note), exceptions included.
    @Test func additionIsCommutative() {
        let values: [UInt32] = [0x4110_0000, 0xC0FF_FFFF, 0x7F80_0000, 0x0010_0000, 0x8008_0000,
                                0x4100_0123, 0x0000_0000, 0x80FF_FFFF, 0x3A10_0001]
        for a in values {
            for b in values {
                for op: UInt8 in [0x3A, 0x3E] {
                    let m = TestMachine(), n = TestMachine()
                    m.cpu.fpr[0] = UInt64(a) << 32; m.cpu.fpr[1] = UInt64(b) << 32
                    n.cpu.fpr[0] = UInt64(b) << 32; n.cpu.fpr[1] = UInt64(a) << 32
                    let psw = bcPSW(address: testOrigin, programMask: 3)
                    m.execute([RR(op, 0, 2)], psw: psw)
                    n.execute([RR(op, 0, 2)], psw: psw)
                    #expect(m.cpu.fpr[0] == n.cpu.fpr[0])
                    #expect(m.cc == n.cc)
                    #expect(m.tookProgramInterruption == n.tookProgramInterruption)
                }
            }
        }
    }
}
