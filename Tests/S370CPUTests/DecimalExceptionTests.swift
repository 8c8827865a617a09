// Exceptions of the decimal instructions, from the Principles of Operation
// (GA22-7000, Chapter 6, "Data Exception", "Decimal-Overflow Exception",
// "Decimal-Divide Exception"; access exceptions): what is recognized, and
// that an operation suppressed or terminated leaves storage unchanged.

import Testing
import DATBox
import S370CPU
import TestSupport

@Suite struct DecimalExceptionTests {
    @Test func invalidSignSuppresses() {
        // A sign code 0000-1001 in either operand: suppression, nothing stored, CC unchanged.
        for (a, b) in [("00123C", "0019"), ("001234", "001C")] {
            let m = runDecimal(decimalSS(0xFA, l1: 3, l2: 2), first: a, second: b, cc: 2)
            #expect(m.programInterruptionCode == 0x0007, "\(a) + \(b)")
            #expect(m.programILC == 3)
            #expect(m.programOldPSW.instructionAddress == testOrigin + 6)
            #expect(m.programOldPSW.cc == 2)
            #expect(m.hex(at: decimalField1, count: 3) == a)
            #expect(m.hex(at: decimalField2, count: 2) == b)
        }
    }

    @Test func invalidSignSuppressesEvenWithAnInvalidDigit() {
        // "Suppressed when a sign code is invalid, regardless of whether any
        // other condition causing the exception exists."
        let m = runDecimal(decimalSS(0xF8, l1: 3, l2: 2), first: "777777", second: "A234", cc: 1)
        #expect(m.programInterruptionCode == 0x0007)
        #expect(m.hex(at: decimalField1, count: 3) == "777777")
    }

    @Test func invalidDigitTerminatesWithoutStoring() {
        // Termination: the PoO allows the sign position unchanged and the rest
        // unpredictable; this CPU stores nothing.
        for (op, a, b) in [(UInt8(0xFA), "1A345C", "00001C"), (0xFB, "12345C", "0B001C"),
                           (0xF8, "000000", "00F01C"), (0xF9, "12345C", "0000AC")] {
            let m = runDecimal(decimalSS(op, l1: 3, l2: 3), first: a, second: b, cc: 3)
            #expect(m.programInterruptionCode == 0x0007, "op \(op)")
            #expect(m.hex(at: decimalField1, count: 3) == a, "op \(op)")
            #expect(m.programOldPSW.cc == 3)
        }
    }

    @Test func improperOverlapIsADataException() {
        // Add, subtract, compare, multiply, divide: overlap only with coincident rightmost bytes.
        for op: UInt8 in [0xFA, 0xFB, 0xF9] {
            let m = runDecimal(decimalSS(op, l1: 3, l2: 2, d1: 0, d2: 0), first: "00012C")
            #expect(m.programInterruptionCode == 0x0007, "op \(op)")
            #expect(m.hex(at: decimalField1, count: 3) == "00012C")
        }
        let dp = runDecimal(decimalSS(0xFD, l1: 4, l2: 2, d1: 0, d2: 0), first: "0000012C")
        #expect(dp.programInterruptionCode == 0x0007)
        // Fields that only touch do not overlap.
        let ok = runDecimal(decimalSS(0xFA, l1: 2, l2: 2, d1: 0, d2: 2), first: "001C002C")
        #expect(!ok.tookProgramInterruption)
        #expect(ok.hex(at: decimalField1, count: 4) == "003C002C")
    }

    @Test func accessExceptionsComeBeforeAnyStore() {
        // The second operand crosses the end of the 64K test machine: addressing.
        let m = TestMachine()
        m.load(hexBytes("00123C"), at: 0x2000)
        m[12] = 0x2000; m[13] = 0xFFFF
        m.execute([SS2(0xFA, l1: 3, l2: 2, 0, 12, 0, 13)])
        #expect(m.programInterruptionCode == 0x0005)
        #expect(m.hex(at: 0x2000, count: 3) == "00123C")
        // The first operand crosses it: nothing is stored in the part that exists.
        let n = TestMachine()
        n.load(hexBytes("0000"), at: 0xFFFE)
        n.load(hexBytes("1F"), at: 0x2000)
        n[12] = 0xFFFE; n[13] = 0x2000
        n.execute([SS2(0xF3, l1: 3, l2: 1, 0, 12, 0, 13)])
        #expect(n.programInterruptionCode == 0x0005)
        #expect(n.hex(at: 0xFFFE, count: 2) == "0000")
    }

    @Test func protectionOfStoredOperandsOnly() {
        // Storage key 1 on the block of X'2000' (not fetch-protected), PSW key 2.
        func run(_ instruction: [UInt8], _ first: String, _ second: String) -> TestMachine {
            let m = TestMachine()
            m.load(hexBytes(first), at: decimalField1)
            m.load(hexBytes(second), at: decimalField2)
            m.storage.setKey(0x10, at: decimalField1)
            m[12] = decimalField1
            m.execute([instruction], psw: bcPSW(address: testOrigin, key: 2))
            return m
        }
        for instruction in [decimalSS(0xFA, l1: 3, l2: 2), decimalSS(0xF8, l1: 3, l2: 2), decimalSS(0xF2, l1: 3, l2: 2),
                            decimalSS(0xF1, l1: 3, l2: 2), SS(0xDE, length: 3, 0, 12, 0x100, 12)] {
            let m = run(instruction, "00001C", "012C")
            #expect(m.programInterruptionCode == 0x0004, "op \(instruction[0])")
            #expect(m.hex(at: decimalField1, count: 3) == "00001C", "op \(instruction[0])")
        }
        // COMPARE DECIMAL only fetches its first operand.
        let cp = run(decimalSS(0xF9, l1: 3, l2: 2), "00012C", "012C")
        #expect(!cp.tookProgramInterruption)
        #expect(cp.cc == 0)
    }

    @Test func decimalOverflowInTheECMode() {
        let m = TestMachine()
        m.load(hexBytes("9C"), at: 0x2000)
        m.load(hexBytes("1C"), at: 0x2100)
        m[12] = 0x2000
        m.execute([decimalSS(0xFA, l1: 1, l2: 1)], psw: ecPSW(address: testOrigin, programMask: 4))
        #expect(m.programInterruptionCode == 0x000A)
        #expect(m.programILC == 3)
        #expect(m.programOldPSW.cc == 3)
        #expect(m.hex(at: 0x2000, count: 1) == "0C")
    }
}
