// ADD DECIMAL, SUBTRACT DECIMAL, ZERO AND ADD and COMPARE DECIMAL, from the
// Principles of Operation (GA22-7000, Chapter 8, "Decimal Instructions"):
// results, signs of zero results, condition codes, decimal overflow with the
// mask off and on, the overlap rules, 1-byte and 16-byte fields.

import Testing
import S370CPU
import TestSupport

@Suite struct DecimalAddSubtractTests {
    @Test func addDecimalExample() {
        // PoO Appendix A, ADD DECIMAL: +112,345 plus -38,460 into the four-byte field.
        let m = runDecimal(decimalSS(0xFA, l1: 4, l2: 3), first: "0112345C", second: "38460D")
        #expect(m.hex(at: decimalField1, count: 4) == "0073885C")
        #expect(m.hex(at: decimalField2, count: 3) == "38460D")   // second operand unchanged
        #expect(m.cc == 2)
        #expect(!m.tookProgramInterruption)
    }

    @Test func addDecimalConditionCodes() {
        let cases: [(String, String, String, UInt8)] = [
            ("00123C", "123D", "00000C", 0),      // zero sum: positive zero
            ("00123C", "00456D", "00333D", 1),
            ("00123D", "00456C", "00333C", 2),
            ("1A", "2B", "1D", 1),                  // 1010 and 1011 are plus and minus; result preferred
            ("1F", "1E", "2C", 2),                  // 1111 and 1110 are plus
            ("000D", "0D", "000C", 0),              // -0 + -0 is +0 without overflow
        ]
        for (a, b, sum, cc) in cases {
            let l1 = a.count / 2, l2 = b.count / 2
            let m = runDecimal(decimalSS(0xFA, l1: l1, l2: l2), first: a, second: b)
            #expect(m.hex(at: decimalField1, count: l1) == sum, "\(a) + \(b)")
            #expect(m.cc == cc, "\(a) + \(b)")
        }
    }

    @Test func addOverflowWithMaskOff() {
        // A carry out of the leftmost digit: the rightmost digits remain, CC 3.
        let m = runDecimal(decimalSS(0xFA, l1: 2, l2: 2), first: "999C", second: "001C")
        #expect(m.hex(at: decimalField1, count: 2) == "000C")
        #expect(m.cc == 3)
        #expect(!m.tookProgramInterruption)
        // A second operand longer than the first: its leftmost nonzero digits are lost.
        let n = runDecimal(decimalSS(0xFA, l1: 2, l2: 3), first: "001C", second: "12345C")
        #expect(n.hex(at: decimalField1, count: 2) == "346C")
        #expect(n.cc == 3)
    }

    @Test func overflowZeroKeepsTheSignOfTheCorrectSum() {
        // -5 + -5 = -10 in a one-byte field: a zero with the minus sign (PoO, ADD DECIMAL).
        let m = runDecimal(decimalSS(0xFA, l1: 1, l2: 1), first: "5D", second: "5D")
        #expect(m.hex(at: decimalField1, count: 1) == "0D")
        #expect(m.cc == 3)
    }

    @Test func overflowInterruptsWhenTheMaskBitIsOne() {
        let m = runDecimal(decimalSS(0xFA, l1: 2, l2: 2), first: "999C", second: "001C", programMask: 4)
        #expect(m.tookProgramInterruption)
        #expect(m.programInterruptionCode == 0x000A)
        #expect(m.programILC == 3)
        // The operation is completed: the result is stored and CC 3 is in the old PSW.
        #expect(m.hex(at: decimalField1, count: 2) == "000C")
        #expect(m.programOldPSW.cc == 3)
        #expect(m.programOldPSW.instructionAddress == testOrigin + 6)
        // Other mask bits do not allow it.
        let n = runDecimal(decimalSS(0xFA, l1: 2, l2: 2), first: "999C", second: "001C", programMask: 0xB)
        #expect(!n.tookProgramInterruption)
        #expect(n.cc == 3)
    }

    @Test func sixteenByteFields() {
        let m = runDecimal(decimalSS(0xFA, l1: 16, l2: 16),
                           first: "1234567890123456789012345678901C", second: "8765432109876543210987654321098C")
        #expect(m.hex(at: decimalField1, count: 16) == "9999999999999999999999999999999C")
        #expect(m.cc == 2)
        let n = runDecimal(decimalSS(0xFA, l1: 16, l2: 1), first: "9999999999999999999999999999999D", second: "1D")
        #expect(n.hex(at: decimalField1, count: 16) == "0000000000000000000000000000000D")
        #expect(n.cc == 3)
    }

    @Test func addingAFieldToItself() {
        // PoO programming note: a field may be both operands (coincident rightmost bytes).
        let m = runDecimal(decimalSS(0xFA, l1: 3, l2: 3, d2: 0), first: "00050C")
        #expect(m.hex(at: decimalField1, count: 3) == "00100C")
        #expect(m.cc == 2)
        // Unequal lengths with coincident rightmost bytes: 1,245 + 5.
        let n = runDecimal(decimalSS(0xFA, l1: 3, l2: 1, d2: 2), first: "01245C")
        #expect(n.hex(at: decimalField1, count: 3) == "01250C")
    }

    @Test func subtractDecimal() {
        let cases: [(String, String, String, UInt8)] = [
            ("012D", "012D", "000C", 0),
            ("005C", "010C", "005D", 1),
            ("005D", "010D", "005C", 2),
            ("5C", "5D", "0C", 3),                  // 5 - (-5) = 10: overflow, positive zero
        ]
        for (a, b, diff, cc) in cases {
            let m = runDecimal(decimalSS(0xFB, l1: a.count / 2, l2: b.count / 2), first: a, second: b)
            #expect(m.hex(at: decimalField1, count: a.count / 2) == diff, "\(a) - \(b)")
            #expect(m.cc == cc, "\(a) - \(b)")
        }
        // PoO programming note: SUBTRACT DECIMAL of a field from itself sets it to zero.
        let m = runDecimal(decimalSS(0xFB, l1: 3, l2: 3, d2: 0), first: "12345D")
        #expect(m.hex(at: decimalField1, count: 3) == "00000C")
        #expect(m.cc == 0)
    }
}

@Suite struct DecimalZeroAndAddCompareTests {
    @Test func zeroAndAdd() {
        // The first operand is neither fetched for its value nor checked.
        let m = runDecimal(decimalSS(0xF8, l1: 6, l2: 4), first: "FFFFFFFFFFFF", second: "1234567C")
        #expect(m.hex(at: decimalField1, count: 6) == "00001234567C")
        #expect(m.cc == 2)
        let n = runDecimal(decimalSS(0xF8, l1: 2, l2: 2), first: "AAAA", second: "012B")
        #expect(n.hex(at: decimalField1, count: 2) == "012D")
        #expect(n.cc == 1)
    }

    @Test func zeroAndAddZeroIsPositive() {
        let m = runDecimal(decimalSS(0xF8, l1: 3, l2: 2), first: "FFFFFF", second: "000D")
        #expect(m.hex(at: decimalField1, count: 3) == "00000C")
        #expect(m.cc == 0)
    }

    @Test func zeroAndAddOverflow() {
        let m = runDecimal(decimalSS(0xF8, l1: 2, l2: 3), first: "0000", second: "12345D")
        #expect(m.hex(at: decimalField1, count: 2) == "345D")
        #expect(m.cc == 3)
        // A zero after overflow has the sign of the second operand.
        let n = runDecimal(decimalSS(0xF8, l1: 2, l2: 3), first: "0000", second: "10000D", programMask: 4)
        #expect(n.hex(at: decimalField1, count: 2) == "000D")
        #expect(n.programInterruptionCode == 0x000A)
        #expect(n.programOldPSW.cc == 3)
    }

    @Test func zeroAndAddOverlapToTheRight() {
        // Allowed: the first operand's rightmost byte is to the right of the
        // second's; the result is as if processed right to left (Hercules 3.13 agrees).
        let m = runDecimal(decimalSS(0xF8, l1: 4, l2: 3, d1: 1, d2: 0), first: "12345D")
        #expect(m.hex(at: decimalField1, count: 5) == "120012345D")
        #expect(m.cc == 1)
    }

    @Test func zeroAndAddOverlapToTheLeftIsADataException() {
        // The second operand's rightmost byte is to the right of the first's
        // (PoO, "Data Exception", item 2). Hercules 3.13 does not check this.
        let m = runDecimal(decimalSS(0xF8, l1: 3, l2: 4, d1: 0, d2: 0), first: "0012345D", cc: 2)
        #expect(m.programInterruptionCode == 0x0007)
        #expect(m.hex(at: decimalField1, count: 4) == "0012345D")
        #expect(m.programOldPSW.cc == 2)
    }

    @Test func compareDecimal() {
        let cases: [(String, String, UInt8)] = [
            ("000D", "0C", 0),        // a negative zero equals a positive zero
            ("00123C", "124C", 1),
            ("123D", "00122D", 1),    // -123 < -122
            ("5C", "999D", 2),
            ("1A", "001F", 0),        // any plus code is plus
            ("1B", "001D", 0),
            ("0000000000000000000000000000001C", "0000000000000000000000000000001D", 2),
        ]
        for (a, b, cc) in cases {
            let m = runDecimal(decimalSS(0xF9, l1: a.count / 2, l2: b.count / 2), first: a, second: b, cc: 3)
            #expect(m.cc == cc, "\(a) : \(b)")
            #expect(m.hex(at: decimalField1, count: a.count / 2) == a)   // neither operand changes
            #expect(m.hex(at: decimalField2, count: b.count / 2) == b)
        }
        // A number compared with itself.
        let m = runDecimal(decimalSS(0xF9, l1: 2, l2: 2, d2: 0), first: "999D", cc: 1)
        #expect(m.cc == 0)
    }

    @Test func compareDecimalChecksEveryCode() {
        let m = runDecimal(decimalSS(0xF9, l1: 2, l2: 1), first: "1A2C", second: "1C", cc: 1)
        #expect(m.programInterruptionCode == 0x0007)
        #expect(m.programOldPSW.cc == 1)
        let n = runDecimal(decimalSS(0xF9, l1: 2, l2: 1), first: "012C", second: "19", cc: 2)
        #expect(n.programInterruptionCode == 0x0007)
    }
}
