// CONVERT TO BINARY and CONVERT TO DECIMAL, from the Principles of Operation
// (GA22-7000, Chapter 7 and the Appendix A examples).

import Testing
import S370CPU
import TestSupport

@Suite struct DecimalConvertTests {
    /// CVB or CVD R1,D2(0,12) with the doubleword `field` at X'2000'+`offset`.
    func convert(_ op: UInt8, r1: Int, field: String, at offset: Int = 0, r1Value: UInt32 = 0x1111_1111,
                 cc: UInt8 = 0) -> TestMachine {
        let m = TestMachine()
        m.load(hexBytes(field), at: 0x2000 + UInt32(offset))
        m[12] = 0x2000
        m[r1] = r1Value
        m.execute([RX(op, r1, offset, 0, 12)], psw: bcPSW(address: testOrigin, cc: cc))
        return m
    }

    @Test func convertToBinaryExample() {
        // PoO Appendix A, CONVERT TO BINARY: +25,594 becomes X'000063FA'.
        let m = convert(0x4F, r1: 7, field: "000000000025594C", cc: 1)
        #expect(m[7] == 0x0000_63FA)
        #expect(m.cc == 1)
        #expect(!m.tookProgramInterruption)
    }

    @Test func convertToBinaryRange() {
        let cases: [(String, UInt32)] = [
            ("000002147483647C", 0x7FFF_FFFF),
            ("000002147483648D", 0x8000_0000),
            ("000000000000001D", 0xFFFF_FFFF),
            ("000000000000000D", 0),               // a negative zero is binary zero
            ("000000000000005B", 0xFFFF_FFFB),      // 1011 is minus, 1010-1111 all valid
            ("000000000000005A", 5),
        ]
        for (field, value) in cases {
            let m = convert(0x4F, r1: 3, field: field)
            #expect(m[3] == value, "\(field)")
            #expect(!m.tookProgramInterruption, "\(field)")
        }
    }

    @Test func convertToBinaryOutOfRangeIsAFixedPointDivideException() {
        // Completed: the rightmost 32 bits of the result are in R1.
        let m = convert(0x4F, r1: 3, field: "000002147483648C")
        #expect(m.programInterruptionCode == 0x0009)
        #expect(m[3] == 0x8000_0000)
        #expect(m.programILC == 2)
        let n = convert(0x4F, r1: 3, field: "999999999999999C")
        #expect(n.programInterruptionCode == 0x0009)
        #expect(n[3] == 0xA4C6_7FFF)   // 999,999,999,999,999 mod 2**32
        let o = convert(0x4F, r1: 3, field: "999999999999999D")
        #expect(o[3] == 0x5B39_8001)
    }

    @Test func convertToBinaryDataException() {
        // An invalid sign (suppression) or digit (termination): R1 unchanged.
        for field in ["0000000000001234", "00000000000A123C"] {
            let m = convert(0x4F, r1: 4, field: field, cc: 2)
            #expect(m.programInterruptionCode == 0x0007, "\(field)")
            #expect(m[4] == 0x1111_1111)
            #expect(m.programOldPSW.cc == 2)
        }
    }

    @Test func operandNeedNotBeAligned() {
        // The System/370 PoO lists no specification exception for CVB or CVD.
        let m = convert(0x4F, r1: 1, field: "000000000000123C", at: 3)
        #expect(!m.tookProgramInterruption)
        #expect(m[1] == 123)
        let n = convert(0x4E, r1: 1, field: "", at: 5, r1Value: 0x8000_0000)
        #expect(!n.tookProgramInterruption)
        #expect(n.hex(at: 0x2005, count: 8) == "000002147483648D")
    }

    @Test func convertToDecimalExample() {
        // PoO Appendix A, CONVERT TO DECIMAL: -15,830 (X'FFFFC22A').
        let m = convert(0x4E, r1: 1, field: "FFFFFFFFFFFFFFFF", r1Value: 0xFFFF_C22A, cc: 3)
        #expect(m.hex(at: 0x2000, count: 8) == "000000000015830D")
        #expect(m.cc == 3)
        let cases: [(UInt32, String)] = [
            (0, "000000000000000C"),
            (0x7FFF_FFFF, "000002147483647C"),
            (1, "000000000000001C"),
        ]
        for (value, field) in cases {
            let n = convert(0x4E, r1: 9, field: "", r1Value: value)
            #expect(n.hex(at: 0x2000, count: 8) == field)
        }
    }

    @Test func convertToDecimalAccessException() {
        // The doubleword crosses the end of the test machine's 64K: nothing is stored.
        let m = TestMachine()
        m[12] = 0xFFFC
        m[1] = 1234
        m.execute([RX(0x4E, 1, 0, 0, 12)])
        #expect(m.programInterruptionCode == 0x0005)
        #expect(m.hex(at: 0xFFFC, count: 4) == "00000000")
    }
}
