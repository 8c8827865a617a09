// HALVE and LOAD ROUNDED (PoO, GA22-7000, "Floating-Point Instructions").
// HALVE shifts the fraction right one bit into the guard digit and
// normalizes; LOAD ROUNDED adds one in the leftmost bit position dropped and
// keeps the shorter format, unnormalized. Neither changes the condition code.

import Testing
import S370CPU
import TestSupport

/// HER 0,2 or HDR 4,6 (`long`).
private func halve(_ v: UInt64, long: Bool, mask: UInt8 = 0, _ description: String,
                   result: UInt64, interruption: UInt16 = 0) -> FloatingPointCase {
    long
        ? FloatingPointCase(description: description, instruction: RR(0x24, 4, 6), before: [6: v],
                            programMask: mask, after: [4: result], interruption: interruption)
        : FloatingPointCase(description: description, instruction: RR(0x34, 0, 2), before: [0: short(0x7777_7777), 2: v],
                            programMask: mask, after: [0: result], interruption: interruption)
}

/// LRER 0,2.
private func roundShort(_ v: UInt64, mask: UInt8 = 0, _ description: String,
                        result: UInt32, interruption: UInt16 = 0) -> FloatingPointCase {
    FloatingPointCase(description: description, instruction: RR(0x35, 0, 2), before: [0: short(0x7777_7777), 2: v],
                      programMask: mask, after: [0: short(result)], interruption: interruption)
}

/// LRDR 4,0 from the pair 0-2.
private func roundLong(_ high: UInt64, _ low: UInt64, mask: UInt8 = 0, _ description: String,
                       result: UInt64, interruption: UInt16 = 0) -> FloatingPointCase {
    FloatingPointCase(description: description, instruction: RR(0x25, 4, 0), before: [0: high, 2: low],
                      programMask: mask, after: [4: result], interruption: interruption)
}

@Suite struct FloatingPointHalveRoundTests {
    static let halvings: [FloatingPointCase] = [
        halve(short(0x4130_0000), long: false, "HER 0.3 / 2: the rightmost half of R1 stays",
              result: short(0x4118_0000)),
        halve(short(0x4110_0000), long: false, "HER normalizes", result: short(0x4080_0000)),
        halve(short(0x4110_0001), long: false, "HER: the bit shifted out is kept in the guard digit",
              result: short(0x4080_0008)),
        // PoO programming note: "When the fraction of the second operand is
        // zero, except for the low-order bit position, the low-order one is
        // shifted into the guard digit position and participates in the
        // postnormalization."
        halve(short(0x4100_0001), long: false, "HER of a lone low-order one", result: short(0x3B80_0000)),
        halve(short(0x4500_0000), long: false, mask: 3, "HER of a zero fraction: true zero",
              result: short(0x0000_0000)),
        halve(short(0x8000_0000), long: false, "HER of minus zero: true zero", result: short(0x0000_0000)),
        halve(short(0xC130_0000), long: false, "HER negative", result: short(0xC118_0000)),
        halve(short(0x0010_0000), long: false, mask: 1, "HER exponent underflow, mask off: true zero",
              result: short(0x0000_0000)),
        halve(short(0x0010_0000), long: false, mask: 2, "HER exponent underflow, mask on",
              result: short(0x7F80_0000), interruption: Code.exponentUnderflow),
        halve(short(0x7FFF_FFFF), long: false, mask: 3, "HER of the largest number", result: short(0x7F7F_FFFF)),
        halve(0x4110_0000_0000_0001, long: true, "HDR keeps the bit shifted out", result: 0x4080_0000_0000_0008),
        halve(0x4100_0000_0000_0003, long: true, "HDR normalizes an unnormalized operand",
              result: 0x3418_0000_0000_0000),
        halve(0x0000_0000_0000_0002, long: true, mask: 2, "HDR exponent underflow, mask on",
              result: 0x7310_0000_0000_0000, interruption: Code.exponentUnderflow),
    ]

    @Test(arguments: halvings) func halving(_ c: FloatingPointCase) { check(c) }

    /// PoO programming note: "With short and long operands, the halve operation
    /// is identical to a divide operation with the number 2 as divisor.
    /// Similarly, the result of HDR is identical to that of MD or MDR with
    /// one-half as a multiplier."
    @Test func halveIsDivisionByTwoAndMultiplicationByOneHalf() {
        var x: UInt64 = 0x0123_4567_89AB_CDEF
        for k in 0..<300 {
            x = x &* 6364136223846793005 &+ 1442695040888963407
            // Characteristics across the range, fractions with 0 to 13 leading zeros.
            let v = (x & 0xFF00_0000_0000_0000) | ((x & longMask) >> (4 * UInt64(k % 14)))
            for mask: UInt8 in [0, 2] {
                let psw = bcPSW(address: testOrigin, programMask: mask)
                let h = TestMachine(), d = TestMachine(), l = TestMachine(), p = TestMachine()
                h.cpu.fpr[1] = v; h.execute([RR(0x24, 0, 2)], psw: psw)
                p.cpu.fpr[0] = v; p.cpu.fpr[1] = 0x4080_0000_0000_0000; p.execute([RR(0x2C, 0, 2)], psw: psw)
                #expect(h.cpu.fpr[0] == p.cpu.fpr[0], "HDR vs MDR by 0.5 of \(hex64(v))")
                #expect(h.programInterruptionCode == p.programInterruptionCode)
                l.cpu.fpr[1] = v; l.execute([RR(0x34, 0, 2)], psw: psw)
                d.cpu.fpr[0] = v; d.cpu.fpr[1] = 0x4120_0000_0000_0000; d.execute([RR(0x3D, 0, 2)], psw: psw)
                #expect(l.cpu.fpr[0] >> 32 == d.cpu.fpr[0] >> 32, "HER vs DER by 2 of \(hex64(v))")
                #expect(l.programInterruptionCode == d.programInterruptionCode)
            }
        }
    }

    static let roundings: [FloatingPointCase] = [
        roundShort(0x4112_3456_8000_0000, "LRER: one added in bit 32 rounds up at half", result: 0x4112_3457),
        roundShort(0x4112_3456_7FFF_FFFF, "LRER: below half is dropped", result: 0x4112_3456),
        roundShort(0xC112_3456_8000_0000, "LRER rounds the magnitude of a negative number", result: 0xC112_3457),
        roundShort(0x41FF_FFFF_8000_0000, "LRER: the carry shifts the fraction right", result: 0x4210_0000),
        roundShort(0x7FFF_FFFF_8000_0000, mask: 3, "LRER exponent overflow by rounding",
                   result: 0x0010_0000, interruption: Code.exponentOverflow),
        roundShort(0xFFFF_FFFF_8000_0000, "LRER exponent overflow, negative",
                   result: 0x8010_0000, interruption: Code.exponentOverflow),
        roundShort(0x4500_0000_0000_0000, mask: 3, "LRER of a zero fraction: kept, no significance",
                   result: 0x4500_0000),
        roundShort(0x8000_0000_0000_0000, "LRER of minus zero", result: 0x8000_0000),
        roundShort(0x4100_0000_8000_0000, "LRER does not normalize", result: 0x4100_0001),
        roundShort(0x0000_0000_0000_0001, mask: 3, "LRER: no exponent underflow", result: 0x0000_0000),
        roundLong(0x4112_3456_78AB_CDEF, 0xB480_0000_0000_0000,
                  "LRDR: one added in bit 72; the low-order sign and characteristic are ignored",
                  result: 0x4112_3456_78AB_CDF0),
        roundLong(0x4112_3456_78AB_CDEF, 0x347F_FFFF_FFFF_FFFF, "LRDR below half", result: 0x4112_3456_78AB_CDEF),
        roundLong(0x41FF_FFFF_FFFF_FFFF, 0x3380_0000_0000_0000, "LRDR carry", result: 0x4210_0000_0000_0000),
        roundLong(0x7FFF_FFFF_FFFF_FFFF, 0x7180_0000_0000_0000, "LRDR exponent overflow",
                  result: 0x0010_0000_0000_0000, interruption: Code.exponentOverflow),
        FloatingPointCase(description: "LRDR 2,0: into the register of the low-order part",
                          instruction: RR(0x25, 2, 0), before: [0: 0x4110_0000_0000_0000, 2: 0x3380_0000_0000_0000],
                          after: [2: 0x4110_0000_0000_0001]),
        FloatingPointCase(description: "LRDR 6,4", instruction: RR(0x25, 6, 4),
                          before: [4: 0xC2AB_CDEF_0123_4567, 6: 0x3300_0000_0000_0000],
                          after: [6: 0xC2AB_CDEF_0123_4567]),
    ]

    @Test(arguments: roundings) func loadRounded(_ c: FloatingPointCase) { check(c) }
}

private let longMask: UInt64 = 0x00FF_FFFF_FFFF_FFFF
