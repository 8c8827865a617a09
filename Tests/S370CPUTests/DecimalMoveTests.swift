// PACK, UNPACK and MOVE WITH OFFSET, from the Principles of Operation
// (GA22-7000, Chapter 7 and the Appendix A examples): no code is checked, the
// condition code is unchanged, and overlapping fields give the byte-by-byte,
// right-to-left results the PoO describes. The overlap cases marked so were
// also run on Hercules 3.13, with the same results.

import Testing
import S370CPU
import TestSupport

@Suite struct DecimalPackTests {
    @Test func packExample() {
        // PoO Appendix A, PACK: the zoned F1 F2 F3 F4 C5 becomes 12 34 5C.
        let m = runDecimal(decimalSS(0xF2, l1: 3, l2: 5), first: "000000", second: "F1F2F3F4C5", cc: 3)
        #expect(m.hex(at: decimalField1, count: 3) == "12345C")
        #expect(m.cc == 3)
        #expect(!m.tookProgramInterruption)
    }

    @Test func packInPlace() {
        // PoO Appendix A: the result may replace the zoned field itself (Hercules agrees).
        let m = runDecimal(decimalSS(0xF2, l1: 5, l2: 5, d2: 0), first: "F1F2F3F4C5")
        #expect(m.hex(at: decimalField1, count: 5) == "000012345C")
    }

    @Test func packShortAndLongResults() {
        // Too short: the leftmost digits are ignored; too long: zeros on the left.
        let m = runDecimal(decimalSS(0xF2, l1: 2, l2: 5), first: "0000", second: "F1F2F3F4C5")
        #expect(m.hex(at: decimalField1, count: 2) == "345C")
        let n = runDecimal(decimalSS(0xF2, l1: 16, l2: 2), first: String(repeating: "EE", count: 16), second: "F9D8")
        #expect(n.hex(at: decimalField1, count: 16) == String(repeating: "0", count: 28) + "098D")
        let one = runDecimal(decimalSS(0xF2, l1: 1, l2: 1), first: "00", second: "A7")
        #expect(one.hex(at: decimalField1, count: 1) == "7A")
    }

    @Test func packChecksNoCodes() {
        // Zones are ignored, the sign and digits are moved unchanged.
        let m = runDecimal(decimalSS(0xF2, l1: 3, l2: 4), first: "000000", second: "C1FAE3B2")
        #expect(m.hex(at: decimalField1, count: 3) == "01A32B")
        #expect(!m.tookProgramInterruption)
    }

    @Test func packOverlappingDestructively() {
        // First operand to the left of the second: each result byte is stored
        // right after its two source bytes are fetched (Hercules agrees).
        let m = runDecimal(decimalSS(0xF2, l1: 4, l2: 5, d1: 0, d2: 2), first: "AAAAF1F2F3F4C5")
        #expect(m.hex(at: decimalField1, count: 7) == "004C345CF3F4C5")
        // First operand to the right: the fetches stay ahead of the stores.
        let n = runDecimal(decimalSS(0xF2, l1: 4, l2: 5, d1: 2, d2: 0), first: "F1F2F3F4C5FFFF")
        #expect(n.hex(at: decimalField1, count: 7) == "F1F20012345CFF")
    }
}

@Suite struct DecimalUnpackTests {
    @Test func unpackExample() {
        // PoO Appendix A, UNPACK: 12 34 5D becomes F1 F2 F3 F4 D5.
        let m = runDecimal(decimalSS(0xF3, l1: 5, l2: 3), first: "0000000000", second: "12345D", cc: 1)
        #expect(m.hex(at: decimalField1, count: 5) == "F1F2F3F4D5")
        #expect(m.cc == 1)
    }

    @Test func unpackShortAndLongResults() {
        let m = runDecimal(decimalSS(0xF3, l1: 3, l2: 3), first: "000000", second: "12345D")
        #expect(m.hex(at: decimalField1, count: 3) == "F3F4D5")
        let n = runDecimal(decimalSS(0xF3, l1: 6, l2: 2), first: "000000000000", second: "7A3F")
        #expect(n.hex(at: decimalField1, count: 6) == "F0F0F0F7FAF3")
    }

    @Test func unpackOverlapAsTheProgrammingNoteAllows() {
        // The first operand's rightmost byte L2-2 or more bytes to the right of the second's.
        let m = runDecimal(decimalSS(0xF3, l1: 5, l2: 3, d1: 1, d2: 2), first: "AAAA12345C")
        #expect(m.hex(at: decimalField1, count: 6) == "AAF1F2F3F4C5")
    }

    @Test func unpackOverlappingDestructively() {
        // In place: two result bytes are stored after each source byte is fetched,
        // so the field destroys itself (PoO programming note; Hercules agrees).
        let m = runDecimal(decimalSS(0xF3, l1: 4, l2: 4, d2: 0), first: "0012345C")
        #expect(m.hex(at: decimalField1, count: 4) == "F3F3F4C5")
        let five = runDecimal(decimalSS(0xF3, l1: 5, l2: 5, d2: 0), first: "0012345C00")
        #expect(five.hex(at: decimalField1, count: 5) == "FFF5F5FC00")
        let n = runDecimal(decimalSS(0xF3, l1: 5, l2: 3, d1: 0, d2: 2), first: "AAAA12345C")
        #expect(n.hex(at: decimalField1, count: 5) == "FFF3F3F4C5")
    }
}

@Suite struct DecimalMoveWithOffsetTests {
    @Test func moveWithOffsetExample() {
        // PoO Appendix A, MOVE WITH OFFSET: 12 34 56 placed left of the sign of 77 88 99 0C.
        let m = runDecimal(decimalSS(0xF1, l1: 4, l2: 3), first: "7788990C", second: "123456", cc: 2)
        #expect(m.hex(at: decimalField1, count: 4) == "0123456C")
        #expect(m.hex(at: decimalField2, count: 3) == "123456")
        #expect(m.cc == 2)
    }

    @Test func excessDigitsAreDroppedAndZerosSupplied() {
        let m = runDecimal(decimalSS(0xF1, l1: 2, l2: 3), first: "000F", second: "123456")
        #expect(m.hex(at: decimalField1, count: 2) == "456F")
        let n = runDecimal(decimalSS(0xF1, l1: 1, l2: 1), first: "9A", second: "BC")
        #expect(n.hex(at: decimalField1, count: 1) == "CA")
    }

    @Test func overlappingFields() {
        // Shifting a field right by one digit in place (MVO X(4),X(3) one byte on):
        let m = runDecimal(decimalSS(0xF1, l1: 4, l2: 3, d1: 1, d2: 0), first: "1234567C00")
        #expect(m.hex(at: decimalField1, count: 5) == "1201234560")
        // Coincident fields: the left half of each source byte is kept, not refetched (Hercules agrees).
        let n = runDecimal(decimalSS(0xF1, l1: 3, l2: 3, d2: 0), first: "12345C")
        #expect(n.hex(at: decimalField1, count: 3) == "2345CC")
        let o = runDecimal(decimalSS(0xF1, l1: 4, l2: 3, d1: 0, d2: 1), first: "FF12345C")
        #expect(o.hex(at: decimalField1, count: 4) == "012345CC")
    }
}
