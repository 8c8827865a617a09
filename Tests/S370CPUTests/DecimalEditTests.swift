// EDIT and EDIT AND MARK, from the Principles of Operation (GA22-7000,
// Chapter 8, EDIT, the "Summary of Editing Functions", and the Appendix A
// examples): pattern bytes, fill byte, significance indicator, signs,
// multiple fields, condition codes, GR1 for EDMK, data and access exceptions.

import Testing
import S370CPU
import TestSupport

/// The PoO example pattern: fill blank, d d , d (d d . d d blank C R.
let pooPattern = "4020206B2021204B202040C3D9"

@Suite struct DecimalEditTests {
    /// ED or EDMK of the pattern at X'2000' (length `n`) with the source at X'2100'.
    func edit(_ n: Int, op: UInt8 = 0xDE) -> [UInt8] { SS(op, length: n, 0, 12, 0x100, 12) }

    @Test func editExamplePositive() {
        // PoO Appendix A, EDIT: +2,574.26; the plus sign turns significance off,
        // so the blank and CR that follow become fill bytes.
        let m = runDecimal(edit(13), first: pooPattern, second: "0257426C")
        #expect(m.hex(at: decimalField1, count: 13) == "4040F26BF5F7F44BF2F6404040")
        #expect(m.cc == 2)
        #expect(m.hex(at: decimalField2, count: 4) == "0257426C")
    }

    @Test func editExampleNegative() {
        // The same pattern with -0.26: the significance starter keeps the point,
        // and the minus sign leaves significance on, so CR is kept.
        let m = runDecimal(edit(13), first: pooPattern, second: "0000026D")
        #expect(m.hex(at: decimalField1, count: 13) == "404040404040F04BF2F640C3D9")
        #expect(m.cc == 1)
    }

    @Test func zeroFieldIsBlankedAndSetsConditionCodeZero() {
        let m = runDecimal(edit(8), first: "4020202020202020", second: "0000000C", cc: 3)
        #expect(m.hex(at: decimalField1, count: 8) == "4040404040404040")
        #expect(m.cc == 0)
        // A negative zero too: CC 0 whatever the significance indicator.
        let n = runDecimal(edit(4), first: "5C212020", second: "000D")
        #expect(n.hex(at: decimalField1, count: 4) == "5C5CF0F0")
        #expect(n.cc == 0)
    }

    @Test func fillByteMayBeAControlByte() {
        // A significance starter as the fill byte is also edited as one (Hercules agrees).
        let m = runDecimal(edit(6), first: "212020222020", second: "012F034C")
        #expect(m.hex(at: decimalField1, count: 6) == "21F1F22121F3")
        #expect(m.cc == 1)   // the last field's digits are nonzero, its sign not yet reached
        // A one-byte pattern that is a digit selector edits one digit.
        let n = runDecimal(edit(1), first: "20", second: "5C")
        #expect(n.hex(at: decimalField1, count: 1) == "F5")
        #expect(n.cc == 2)
    }

    @Test func multipleFields() {
        // Field separators give the fill byte and turn significance off; the
        // condition code describes the last field only.
        let pattern = "5C20202060" + "2220202060" + "2220202060"
        let m = runDecimal(edit(15), first: pattern, second: "123D012C000C")
        #expect(m.hex(at: decimalField1, count: 15) == "5CF1F2F360" + "5C5CF1F25C" + "5C5C5C5C5C")
        #expect(m.cc == 0)
        let n = runDecimal(edit(15), first: pattern, second: "123D012C005D")
        #expect(n.hex(at: decimalField1, count: 15) == "5CF1F2F360" + "5C5CF1F25C" + "5C5C5CF560")
        #expect(n.cc == 1)
        let o = runDecimal(edit(15), first: pattern, second: "000D000D005F")
        #expect(o.hex(at: decimalField1, count: 15) == "5C5C5C5C5C" + "5C5C5C5C5C" + "5C5C5CF55C")
        #expect(o.cc == 2)
        // A field separator as the last pattern byte leaves an empty, zero, last field.
        let p = runDecimal(edit(5), first: "4020202022", second: "123D")
        #expect(p.hex(at: decimalField1, count: 5) == "40F1F2F340")
        #expect(p.cc == 0)
    }

    @Test func signCodesAreNotChecked() {
        // Any of 1010-1111 in the right half is a sign: plus codes A C E F turn
        // significance off, minus codes B D leave it on.
        for (sign, message, cc) in [("A", "40", UInt8(2)), ("E", "40", 2), ("F", "40", 2), ("B", "60", 1), ("D", "60", 1)] {
            let m = runDecimal(edit(5), first: "4020202060", second: "01" + "2" + sign)
            #expect(m.hex(at: decimalField1, count: 5) == "4040F1F2" + message, "sign \(sign)")
            #expect(m.cc == cc, "sign \(sign)")
        }
    }

    @Test func invalidSourceDigitIsADataException() {
        let m = runDecimal(edit(5), first: "4020202020", second: "12A4", cc: 2)
        #expect(m.tookProgramInterruption)
        #expect(m.programInterruptionCode == 0x0007)
        #expect(m.programILC == 3)
        // Terminated; this CPU stores nothing of the pattern.
        #expect(m.hex(at: decimalField1, count: 5) == "4020202020")
        #expect(m.programOldPSW.cc == 2)
    }

    @Test func sourceIsFetchedOnlyForDigits() {
        // A pattern without digit selectors never touches the source, even
        // outside storage (the test machine has 64K).
        let m = TestMachine()
        m.load(hexBytes("40C1C2"), at: 0x2000)
        m[12] = 0x2000; m[13] = 0x0010_0000
        m.execute([SS(0xDE, length: 3, 0, 12, 0, 13)])
        #expect(!m.tookProgramInterruption)
        #expect(m.hex(at: 0x2000, count: 3) == "404040")
        #expect(m.cc == 0)
        // With a digit selector, the source is fetched: addressing exception, pattern unchanged.
        let n = TestMachine()
        n.load(hexBytes("40C120"), at: 0x2000)
        n[12] = 0x2000; n[13] = 0x0010_0000
        n.execute([SS(0xDE, length: 3, 0, 12, 0, 13)])
        #expect(n.programInterruptionCode == 0x0005)
        #expect(n.hex(at: 0x2000, count: 3) == "40C120")
    }

    @Test func longestPattern() {
        // 256 bytes: fill, then 255 digit selectors over 128 source bytes.
        let source = String(repeating: "12", count: 127) + "3C"
        let m = runDecimal(edit(256), first: "40" + String(repeating: "20", count: 255), second: source)
        let expected = "40" + String(repeating: "F1F2", count: 127) + "F3"
        #expect(m.hex(at: decimalField1, count: 256) == expected)
        #expect(m.cc == 2)
    }
}

@Suite struct DecimalEditAndMarkTests {
    func edmk(_ n: Int) -> [UInt8] { SS(0xDF, length: n, 0, 12, 0x100, 12) }

    @Test func markExample() {
        // PoO Appendix A, EDIT AND MARK: GR1 gets the address of the first
        // significant digit (the 2), bits 0-7 unchanged; a currency symbol
        // then goes one byte to its left.
        let m = runDecimal(edmk(13), first: pooPattern, second: "0257426C") { $0[1] = 0xAA00_0000 }
        #expect(m.hex(at: decimalField1, count: 13) == "4040F26BF5F7F44BF2F6404040")
        #expect(m[1] == 0xAA00_2002)
        #expect(m.cc == 2)
    }

    @Test func forcedSignificanceIsNotMarked() {
        // Significance forced by the starter: GR1 is left as it was, so the
        // program sets it beforehand to the byte after the starter.
        let m = runDecimal(edmk(13), first: pooPattern, second: "0000026D") { $0[1] = 0x0000_2006 }
        #expect(m.hex(at: decimalField1, count: 13) == "404040404040F04BF2F640C3D9")
        #expect(m[1] == 0x0000_2006)
        #expect(m.cc == 1)
    }

    @Test func rightmostMarkWins() {
        // Two fields, each with a first significant digit: the later one is in GR1.
        let m = runDecimal(edmk(8), first: "4020202022202020", second: "012C034D") { $0[1] = 0xFFFF_FFFF }
        #expect(m.hex(at: decimalField1, count: 8) == "4040F1F24040F3F4")
        #expect(m[1] == 0xFF00_2006)
        #expect(m.cc == 1)
        // EDIT alone never changes GR1.
        let n = runDecimal(SS(0xDE, length: 8, 0, 12, 0x100, 12), first: "4020202022202020", second: "012C034D") {
            $0[1] = 0x1234_5678
        }
        #expect(n[1] == 0x1234_5678)
    }
}
