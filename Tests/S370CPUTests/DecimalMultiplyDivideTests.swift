// MULTIPLY DECIMAL, DIVIDE DECIMAL and SHIFT AND ROUND DECIMAL, from the
// Principles of Operation (GA22-7000, Chapter 8 and the Appendix A examples):
// products, quotients and remainders with their signs (zeros included), the
// specification, data and decimal-divide exceptions, rounding, overflow.

import Testing
import S370CPU
import TestSupport

@Suite struct DecimalMultiplyTests {
    @Test func multiplyDecimalExample() {
        // PoO Appendix A, MULTIPLY DECIMAL: -38,460 (in a five-byte field) times -321.
        let m = runDecimal(decimalSS(0xFC, l1: 5, l2: 2), first: "000038460D", second: "321D", cc: 1)
        #expect(m.hex(at: decimalField1, count: 5) == "012345660C")
        #expect(m.cc == 1)   // unchanged
        #expect(!m.tookProgramInterruption)
    }

    @Test func productSignFollowsAlgebraEvenForZero() {
        let m = runDecimal(decimalSS(0xFC, l1: 3, l2: 1), first: "00000C", second: "5D")
        #expect(m.hex(at: decimalField1, count: 3) == "00000D")
        let n = runDecimal(decimalSS(0xFC, l1: 2, l2: 1), first: "009F", second: "9B")
        #expect(n.hex(at: decimalField1, count: 2) == "081D")
    }

    @Test func largestOperands() {
        // An eight-byte multiplier (15 digits) and a 16-byte multiplicand with eight bytes of zeros.
        let m = runDecimal(decimalSS(0xFC, l1: 16, l2: 8),
                           first: "0000000000000000999999999999999C", second: "999999999999999C")
        #expect(m.hex(at: decimalField1, count: 16) == "0999999999999998000000000000001C")
    }

    @Test func multiplierOverlappingWithCoincidentRightmostBytes() {
        // The multiplier is the rightmost two bytes of the multiplicand: 12 x 12.
        let m = runDecimal(decimalSS(0xFC, l1: 4, l2: 2, d1: 0, d2: 2), first: "0000012C")
        #expect(m.hex(at: decimalField1, count: 4) == "0000144C")
        let n = runDecimal(decimalSS(0xFC, l1: 4, l2: 2, d1: 0, d2: 1), first: "0000012C", cc: 2)
        #expect(n.programInterruptionCode == 0x0007)
        #expect(n.hex(at: decimalField1, count: 4) == "0000012C")
    }

    @Test func multiplicandNeedsLeftmostZeroBytes() {
        // As many bytes of leftmost zeros as the multiplier has bytes (PoO, "Data Exception", item 3).
        let m = runDecimal(decimalSS(0xFC, l1: 3, l2: 2), first: "00100C", second: "001C")
        #expect(m.programInterruptionCode == 0x0007)
        #expect(m.hex(at: decimalField1, count: 3) == "00100C")
        let n = runDecimal(decimalSS(0xFC, l1: 4, l2: 2), first: "0000999C", second: "999C")
        #expect(n.hex(at: decimalField1, count: 4) == "0998001C")
    }

    @Test func multiplySpecificationException() {
        for (l1, l2) in [(3, 3), (2, 3), (16, 9)] {
            let m = runDecimal(decimalSS(0xFC, l1: l1, l2: l2), first: "0000000000000000000000000000001C",
                               second: "00000000000000001C", cc: 2)
            #expect(m.programInterruptionCode == 0x0006, "L1=\(l1) L2=\(l2)")
            #expect(m.programOldPSW.cc == 2)
            #expect(m.hex(at: decimalField1, count: 2) == "0000")
        }
    }
}

@Suite struct DecimalDivideTests {
    @Test func divideDecimalExample() {
        // PoO Appendix A, DIVIDE DECIMAL: 12,345,678 by -321 gives -38,460 remainder +18.
        let m = runDecimal(decimalSS(0xFD, l1: 5, l2: 2), first: "012345678C", second: "321D", cc: 2)
        #expect(m.hex(at: decimalField1, count: 5) == "38460D018C")
        #expect(m.cc == 2)
    }

    @Test func zeroQuotientAndRemainderKeepTheirSigns() {
        // The quotient's sign by the rules of algebra, the remainder's the dividend's, even when zero.
        let m = runDecimal(decimalSS(0xFD, l1: 3, l2: 1), first: "00005D", second: "7C")
        #expect(m.hex(at: decimalField1, count: 3) == "000D5D")
        let n = runDecimal(decimalSS(0xFD, l1: 3, l2: 1), first: "00010D", second: "5C")
        #expect(n.hex(at: decimalField1, count: 3) == "002D0D")
    }

    @Test func sixteenByteDividend() {
        let m = runDecimal(decimalSS(0xFD, l1: 16, l2: 8),
                           first: "0123456789012345678901234567890C", second: "999999999999999D")
        #expect(m.hex(at: decimalField1, count: 16) == "123456789012345D802358023580235C")
    }

    @Test func quotientMustFitItsField() {
        // Three bytes of quotient hold five digits.
        let fits = runDecimal(decimalSS(0xFD, l1: 5, l2: 2), first: "009999999C", second: "100C")
        #expect(fits.hex(at: decimalField1, count: 5) == "99999C099C")
        let tooLarge = runDecimal(decimalSS(0xFD, l1: 5, l2: 2), first: "010000000C", second: "100C", cc: 1)
        #expect(tooLarge.programInterruptionCode == 0x000B)
        #expect(tooLarge.programILC == 3)
        #expect(tooLarge.hex(at: decimalField1, count: 5) == "010000000C")   // suppressed
        #expect(tooLarge.programOldPSW.cc == 1)
    }

    @Test func zeroDivisorIsADecimalDivideException() {
        let m = runDecimal(decimalSS(0xFD, l1: 4, l2: 2), first: "0000000C", second: "000D")
        #expect(m.programInterruptionCode == 0x000B)
        #expect(m.hex(at: decimalField1, count: 4) == "0000000C")
    }

    @Test func divideExceptionOnlyWithValidCodes() {
        // A zero divisor with an invalid sign, or with an invalid dividend digit, is a data exception.
        let m = runDecimal(decimalSS(0xFD, l1: 4, l2: 2), first: "0012345C", second: "0009")
        #expect(m.programInterruptionCode == 0x0007)
        let n = runDecimal(decimalSS(0xFD, l1: 4, l2: 2), first: "00A2345C", second: "000C")
        #expect(n.programInterruptionCode == 0x0007)
        #expect(n.hex(at: decimalField1, count: 4) == "00A2345C")
    }

    @Test func divideSpecificationException() {
        for (l1, l2) in [(2, 2), (9, 9), (16, 9)] {
            let m = runDecimal(decimalSS(0xFD, l1: l1, l2: l2), first: "0000000000000000000000000000100C",
                               second: "00000000000000001C")
            #expect(m.programInterruptionCode == 0x0006, "L1=\(l1) L2=\(l2)")
        }
    }
}

@Suite struct DecimalShiftAndRoundTests {
    /// SRP with the first operand at X'2000', shift `d2` (6-bit two's complement), rounding digit `i3`.
    func srp(_ l1: Int, _ d2: Int, _ i3: Int, b2: Int = 0) -> [UInt8] {
        [0xF0, UInt8((l1 - 1) << 4 | i3), 0xC0, 0x00, UInt8(b2 << 4 | d2 >> 8), UInt8(d2 & 0xFF)]
    }

    @Test func pooExamples() {
        // PoO Appendix A, SHIFT AND ROUND DECIMAL: left three places.
        let left = runDecimal(srp(6, 3, 0), first: "00012345678C")
        #expect(left.hex(at: decimalField1, count: 6) == "12345678000C")
        #expect(left.cc == 2)
        // Right one place (64-1): dividing by 10, the remainder discarded.
        let right = runDecimal(srp(5, 64 - 1, 0), first: "012345678C")
        #expect(right.hex(at: decimalField1, count: 5) == "001234567C")
        #expect(right.cc == 2)
        // Right three places with the rounding digit 5: -1,239,600 becomes -1,240.
        let rounded = runDecimal(srp(4, 64 - 3, 5), first: "1239600D")
        #expect(rounded.hex(at: decimalField1, count: 4) == "0001240D")
        #expect(rounded.cc == 1)
    }

    @Test func shiftValueIsTheLowSixBitsOfTheAddress() {
        // D2 = X'FC3': only 000011 counts, a left shift of three.
        let m = runDecimal(srp(3, 0xFC3, 0), first: "00012C")
        #expect(m.hex(at: decimalField1, count: 3) == "12000C")
        // A base register holding X'FFFFFFFD' (bits 26-31: 111101) shifts right three.
        let n = runDecimal(srp(3, 0, 0, b2: 5), first: "12345C") { $0[5] = 0xFFFF_FFFD }
        #expect(n.hex(at: decimalField1, count: 3) == "00012C")
    }

    @Test func leftShiftOverflow() {
        let m = runDecimal(srp(3, 2, 0), first: "10000D")
        #expect(m.hex(at: decimalField1, count: 3) == "00000D")   // the original sign, preferred
        #expect(m.cc == 3)
        #expect(!m.tookProgramInterruption)
        let n = runDecimal(srp(3, 2, 0), first: "12345B", programMask: 4)
        #expect(n.programInterruptionCode == 0x000A)
        #expect(n.hex(at: decimalField1, count: 3) == "34500D")
        #expect(n.programOldPSW.cc == 3)
    }

    @Test func zeroResultsArePositive() {
        // No shift: the codes are still checked and a negative zero becomes +0.
        let m = runDecimal(srp(3, 0, 0), first: "00000D", cc: 1)
        #expect(m.hex(at: decimalField1, count: 3) == "00000C")
        #expect(m.cc == 0)
        // Rounding that does not reach a digit: -4 shifted right once is +0.
        let n = runDecimal(srp(3, 64 - 1, 5), first: "00004D")
        #expect(n.hex(at: decimalField1, count: 3) == "00000C")
        #expect(n.cc == 0)
        // The rounding carry can reach the leftmost digit without overflow.
        let o = runDecimal(srp(2, 64 - 1, 5), first: "995F")
        #expect(o.hex(at: decimalField1, count: 2) == "100C")
    }

    @Test func longestShifts() {
        let left = runDecimal(srp(16, 30, 0), first: "0000000000000000000000000000001D")
        #expect(left.hex(at: decimalField1, count: 16) == "1000000000000000000000000000000D")
        #expect(left.cc == 1)
        let over = runDecimal(srp(16, 31, 0), first: "0000000000000000000000000000001C")
        #expect(over.hex(at: decimalField1, count: 16) == "0000000000000000000000000000000C")
        #expect(over.cc == 3)
        let right = runDecimal(srp(16, 32, 9), first: "9999999999999999999999999999999C")  // 100000: 32 places right
        #expect(right.hex(at: decimalField1, count: 16) == "0000000000000000000000000000000C")
        #expect(right.cc == 0)
        // A one-byte field: 7 rounded by 5 and shifted right once is 1.
        let one = runDecimal(srp(1, 64 - 1, 5), first: "7C")
        #expect(one.hex(at: decimalField1, count: 1) == "1C")
        #expect(one.cc == 2)
    }

    @Test func dataExceptions() {
        // An invalid rounding digit, even for a left shift.
        let m = runDecimal(srp(3, 1, 0xA), first: "12345C", cc: 2)
        #expect(m.programInterruptionCode == 0x0007)
        #expect(m.hex(at: decimalField1, count: 3) == "12345C")
        #expect(m.programOldPSW.cc == 2)
        // An invalid sign or digit, even with no shift.
        for field in ["123456", "1F345C"] {
            let n = runDecimal(srp(3, 0, 0), first: field)
            #expect(n.programInterruptionCode == 0x0007, "\(field)")
            #expect(n.hex(at: decimalField1, count: 3) == field)
        }
    }
}
