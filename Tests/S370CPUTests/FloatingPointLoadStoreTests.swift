// LOAD, STORE, LOAD AND TEST, LOAD COMPLEMENT, LOAD NEGATIVE, LOAD POSITIVE
// (PoO, GA22-7000, "Floating-Point Instructions"): the operand moves
// unchanged but for the sign; short forms use and change only the leftmost
// 32 bits of a register; the condition code of the sign-control forms looks
// at the sign and the fraction only.

import Testing
import S370CPU
import TestSupport

@Suite struct FloatingPointLoadStoreTests {
    static let loads: [FloatingPointCase] = [
        FloatingPointCase(description: "LER: only the leftmost half of R1 changes, CC unchanged",
                          instruction: RR(0x38, 0, 2),
                          before: [0: 0x1111_1111_2222_2222, 2: 0x4312_3456_7777_7777],
                          after: [0: 0x4312_3456_2222_2222]),
        FloatingPointCase(description: "LDR: the whole register, unnormalized and negative zero as they are",
                          instruction: RR(0x28, 6, 2),
                          before: [2: 0x8000_0000_0000_0001], after: [6: 0x8000_0000_0000_0001]),
        FloatingPointCase(description: "LE from an odd address",
                          instruction: RX(0x78, 4, 0, 0, 5), before: [4: 0x4100_0000_ABCD_EF01],
                          operand: hexBytes("C1234567"), operandAddress: 0x2001,
                          after: [4: 0xC123_4567_ABCD_EF01]),
        FloatingPointCase(description: "LD from an address that is not a doubleword boundary",
                          instruction: RX(0x68, 2, 0, 0, 5), before: [:],
                          operand: hexBytes("00000000 00000001"), operandAddress: 0x2003,
                          after: [2: 0x0000_0000_0000_0001]),
        FloatingPointCase(description: "LE beyond the end of storage: addressing, suppressed",
                          instruction: RX(0x78, 0, 0, 0, 5), before: [:], operandAddress: 0x0001_0000,
                          interruption: Code.addressing),
        FloatingPointCase(description: "STE stores the leftmost half at an odd address, CC unchanged",
                          instruction: RX(0x70, 2, 0, 0, 5), before: [2: 0x4212_3456_789A_BCDE],
                          operandAddress: 0x2005, stored: hexBytes("42123456")),
        FloatingPointCase(description: "STD stores all 8 bytes at a halfword boundary",
                          instruction: RX(0x60, 6, 0, 0, 5), before: [6: 0xC2FE_DCBA_9876_5432],
                          operandAddress: 0x2002, stored: hexBytes("C2FEDCBA98765432")),
        FloatingPointCase(description: "STD beyond the end of storage: addressing",
                          instruction: RX(0x60, 0, 0, 0, 5), before: [:], operandAddress: 0xFFFC,
                          interruption: Code.addressing),
    ]

    @Test(arguments: loads) func loadAndStore(_ c: FloatingPointCase) { check(c) }

    /// Sign control: LPER/LPDR make the sign plus (CC 0 or 2), LNER/LNDR make
    /// it minus "even if the fraction is zero" (CC 0 or 1), LTER/LTDR test,
    /// LCER/LCDR invert it "even if the fraction is zero". "The characteristic
    /// and fraction are not changed." CC 0 means a zero fraction, whatever the
    /// sign and characteristic.
    static let signControl: [FloatingPointCase] = [
        FloatingPointCase(description: "LPER of a negative number: CC 2",
                          instruction: RR(0x30, 0, 2), before: [0: short(0x1111_1111), 2: short(0xC110_0000, low: 7)],
                          after: [0: short(0x4110_0000)], cc: 2),
        FloatingPointCase(description: "LPER of minus zero: plus zero, CC 0",
                          instruction: RR(0x30, 0, 2), before: [2: short(0x8000_0000)],
                          after: [0: 0x0000_0000_A5A5_A5A5], cc: 0),
        FloatingPointCase(description: "LPER of a zero fraction keeps the characteristic, CC 0",
                          instruction: RR(0x30, 4, 4), before: [4: short(0x8500_0000)],
                          after: [4: short(0x0500_0000)], cc: 0),
        FloatingPointCase(description: "LNER of a positive number: CC 1",
                          instruction: RR(0x31, 2, 0), before: [0: short(0x4110_0000)],
                          after: [2: 0xC110_0000_A5A5_A5A7], cc: 1),
        FloatingPointCase(description: "LNER of true zero: minus zero, CC 0",
                          instruction: RR(0x31, 2, 2), before: [2: short(0)],
                          after: [2: short(0x8000_0000)], cc: 0),
        FloatingPointCase(description: "LTER of a positive number: CC 2, register copied",
                          instruction: RR(0x32, 6, 0), before: [0: short(0x4110_0000)],
                          after: [6: 0x4110_0000_A5A5_A5AB], cc: 2),
        FloatingPointCase(description: "LTER of a negative number: CC 1",
                          instruction: RR(0x32, 0, 0), before: [0: short(0xC100_0001)], cc: 1),
        FloatingPointCase(description: "LTER of the largest characteristic with a zero fraction: CC 0",
                          instruction: RR(0x32, 0, 0), before: [0: short(0xFF00_0000, low: 0xFFFF_FFFF)], cc: 0),
        FloatingPointCase(description: "LTER ignores the rightmost half: CC 0",
                          instruction: RR(0x32, 0, 0), before: [0: short(0x4000_0000, low: 1)], cc: 0),
        FloatingPointCase(description: "LCER of a positive number: CC 1",
                          instruction: RR(0x33, 0, 2), before: [2: short(0x4110_0000)],
                          after: [0: 0xC110_0000_A5A5_A5A5], cc: 1),
        FloatingPointCase(description: "LCER of a negative number: CC 2",
                          instruction: RR(0x33, 0, 0), before: [0: short(0xC110_0000)],
                          after: [0: short(0x4110_0000)], cc: 2),
        FloatingPointCase(description: "LCER of true zero: minus zero, CC 0",
                          instruction: RR(0x33, 0, 0), before: [0: short(0)],
                          after: [0: short(0x8000_0000)], cc: 0),
        FloatingPointCase(description: "LPDR: all 64 bits, CC 2",
                          instruction: RR(0x20, 0, 6), before: [6: 0xFF12_3456_789A_BCDE],
                          after: [0: 0x7F12_3456_789A_BCDE], cc: 2),
        FloatingPointCase(description: "LNDR of a zero fraction with a characteristic: made minus, CC 0",
                          instruction: RR(0x21, 0, 6), before: [6: 0x4500_0000_0000_0000],
                          after: [0: 0xC500_0000_0000_0000], cc: 0),
        FloatingPointCase(description: "LNDR of a positive number: CC 1",
                          instruction: RR(0x21, 4, 4), before: [4: 0x0000_0000_0000_0001],
                          after: [4: 0x8000_0000_0000_0001], cc: 1),
        FloatingPointCase(description: "LTDR tests the low-order digits too: CC 2",
                          instruction: RR(0x22, 2, 2), before: [2: 0x4000_0000_0000_0001], cc: 2),
        FloatingPointCase(description: "LTDR of minus zero: CC 0",
                          instruction: RR(0x22, 2, 0), before: [0: 0x8000_0000_0000_0000],
                          after: [2: 0x8000_0000_0000_0000], cc: 0),
        FloatingPointCase(description: "LTDR of a negative number: CC 1",
                          instruction: RR(0x22, 2, 0), before: [0: 0x8000_0000_0000_0010],
                          after: [2: 0x8000_0000_0000_0010], cc: 1),
        FloatingPointCase(description: "LCDR of a negative number: CC 2",
                          instruction: RR(0x23, 6, 4), before: [4: 0xC1FF_FFFF_FFFF_FFFF],
                          after: [6: 0x41FF_FFFF_FFFF_FFFF], cc: 2),
        FloatingPointCase(description: "LCDR of plus zero: minus zero, CC 0",
                          instruction: RR(0x23, 6, 4), before: [4: 0],
                          after: [6: 0x8000_0000_0000_0000], cc: 0),
    ]

    @Test(arguments: signControl) func loadWithSignControl(_ c: FloatingPointCase) { check(c) }
}
