// Fixed-point instructions, with cases from the Principles of Operation
// (GA22-7000, "General Instructions"): results, condition codes, and the
// exceptions each can raise.

import Testing
import S370CPU
import TestSupport

@Suite struct FixedPointTests {
    @Test func addRegisterSetsConditionCodes() {
        let cases: [(UInt32, UInt32, UInt32, UInt8)] = [
            (1, 2, 3, 2),
            (0xFFFF_FFFF, 1, 0, 0),
            (0xFFFF_FFFE, 1, 0xFFFF_FFFF, 1),
            (0x7FFF_FFFF, 1, 0x8000_0000, 3),   // overflow, masked: CC 3
        ]
        for (a, b, sum, cc) in cases {
            let m = TestMachine()
            m[1] = a; m[2] = b
            m.execute([RR(0x1A, 1, 2)])
            #expect(m[1] == sum)
            #expect(m.cc == cc)
            #expect(!m.tookProgramInterruption)
        }
    }

    @Test func addOverflowInterruptsWhenMasked() {
        let m = TestMachine()
        m[1] = 0x7FFF_FFFF; m[2] = 1
        m.execute([RR(0x1A, 1, 2)], psw: bcPSW(address: testOrigin, programMask: 8))
        #expect(m.tookProgramInterruption)
        #expect(m.programInterruptionCode == 0x0008)
        #expect(m.programILC == 1)
        // The operation completes: the result is in R1 and CC 3 is in the old PSW.
        #expect(m[1] == 0x8000_0000)
        #expect(m.programOldPSW.cc == 3)
        #expect(m.programOldPSW.instructionAddress == testOrigin + 2)
    }

    @Test func subtractAndCompare() {
        let m = TestMachine()
        m[3] = 5; m[4] = 7
        m.execute([RR(0x1B, 3, 4)])
        #expect(m[3] == 0xFFFF_FFFE)
        #expect(m.cc == 1)
        m[5] = 0x8000_0000; m[6] = 1
        m.execute([RR(0x1B, 5, 6)])
        #expect(m[5] == 0x7FFF_FFFF)
        #expect(m.cc == 3)
        m[7] = 0xFFFF_FFFF; m[8] = 1
        m.execute([RR(0x19, 7, 8)])
        #expect(m.cc == 1)   // -1 < 1 arithmetically
        m.execute([RR(0x15, 7, 8)])
        #expect(m.cc == 2)   // but high logically
    }

    @Test func loadFromStorageAndHalfwords() {
        let m = TestMachine()
        m.load(bytes32(0x1234_5678) + bytes16(0x8001), at: 0x2000)
        m[2] = 0x2000
        m.execute([RX(0x58, 1, 0, 0, 2), RX(0x48, 3, 4, 0, 2), RX(0x4A, 1, 4, 0, 2)])
        #expect(m[3] == 0xFFFF_8001)
        #expect(m[1] == 0x1234_5678 &+ 0xFFFF_8001)
        #expect(m.cc == 2)
    }

    @Test func multiplyAndDivide() {
        let m = TestMachine()
        // PoO example (MR): the multiplicand is in the odd register.
        m[5] = 0xFFFF_FFFD   // -3
        m[8] = 6
        m.execute([RR(0x1C, 4, 8)])
        #expect(m[4] == 0xFFFF_FFFF)
        #expect(m[5] == 0xFFFF_FFEE) // -18
        // DR: 64-bit dividend -18 by 4: quotient -4, remainder -2 (sign of the dividend).
        m[9] = 4
        m.execute([RR(0x1D, 4, 9)])
        #expect(m[5] == 0xFFFF_FFFC)
        #expect(m[4] == 0xFFFF_FFFE)
    }

    @Test func divideExceptions() {
        let m = TestMachine()
        m[2] = 0; m[3] = 100; m[6] = 0
        m.execute([RR(0x1D, 2, 6)])
        #expect(m.tookProgramInterruption)
        #expect(m.programInterruptionCode == 0x0009)
        #expect(m[3] == 100)   // suppressed
        let n = TestMachine()
        n[2] = 0x0000_0001; n[3] = 0; n[6] = 1   // quotient 2**32 does not fit
        n.execute([RR(0x1D, 2, 6)])
        #expect(n.programInterruptionCode == 0x0009)
        let o = TestMachine()
        o.execute([RR(0x1D, 3, 6)])   // odd R1
        #expect(o.programInterruptionCode == 0x0006)
    }

    @Test func loadPositiveNegativeComplement() {
        let m = TestMachine()
        m[2] = 0xFFFF_FFF6   // -10
        m.execute([RR(0x10, 1, 2)])
        #expect(m[1] == 10); #expect(m.cc == 2)
        m.execute([RR(0x11, 1, 1)])
        #expect(m[1] == 0xFFFF_FFF6); #expect(m.cc == 1)
        m.execute([RR(0x13, 3, 1)])
        #expect(m[3] == 10); #expect(m.cc == 2)
        m[4] = 0x8000_0000
        m.execute([RR(0x10, 5, 4)])
        #expect(m[5] == 0x8000_0000); #expect(m.cc == 3)
        m.execute([RR(0x12, 6, 4)])
        #expect(m.cc == 1)
    }

    @Test func arithmeticShifts() {
        let m = TestMachine()
        m[1] = 0x0000_0001
        m.execute([RS(0x8B, 1, 0, 30)])     // SLA 1,30
        #expect(m[1] == 0x4000_0000); #expect(m.cc == 2)
        m.execute([RS(0x8B, 1, 0, 1)])      // one more: a bit unlike the sign is lost
        #expect(m[1] == 0x0000_0000); #expect(m.cc == 3)
        m[2] = 0xFFFF_FFF0
        m.execute([RS(0x8A, 2, 0, 2)])      // SRA 2,2
        #expect(m[2] == 0xFFFF_FFFC); #expect(m.cc == 1)
        m[4] = 0x8000_0000; m[5] = 0
        m.execute([RS(0x8E, 4, 0, 63)])     // SRDA 4,63
        #expect(m[4] == 0xFFFF_FFFF && m[5] == 0xFFFF_FFFF); #expect(m.cc == 1)
        m[6] = 0; m[7] = 0x8000_0000
        m.execute([RS(0x8F, 6, 0, 1)])      // SLDA 6,1
        #expect(m[6] == 1 && m[7] == 0); #expect(m.cc == 2)
    }

    /// PoO, SHIFT LEFT SINGLE: the numeric part has 31 bits, so a shift of 32 or
    /// more places shifts out a zero after the operand's own bits; for a negative
    /// operand that zero is unlike the sign: overflow. -1 shifted 31 places loses
    /// only ones, like its sign: no overflow.
    @Test func shiftLeftSingleBeyondTheNumericPart() {
        let m = TestMachine()
        m[1] = 0xFFFF_FFFF
        m.execute([RS(0x8B, 1, 0, 31)])     // SLA 1,31
        #expect(m[1] == 0x8000_0000); #expect(m.cc == 1)
        for n in [32, 63] {
            m[1] = 0xFFFF_FFFF
            m.execute([RS(0x8B, 1, 0, n)])
            #expect(m[1] == 0x8000_0000); #expect(m.cc == 3)
            m[2] = 0
            m.execute([RS(0x8B, 2, 0, n)])
            #expect(m[2] == 0); #expect(m.cc == 0)
        }
    }

    @Test func storeAndLoadMultipleWrapAround() {
        let m = TestMachine()
        for r in 0..<16 { m[r] = UInt32(0x1111_1111 &* UInt32(r)) }
        m[1] = 0x2000
        m.execute([RS(0x90, 14, 2, 0, 1)])   // STM 14,2,0(1): R14,R15,R0,R1,R2
        #expect(m.storage.word(at: 0x2000) == m[14])
        #expect(m.storage.word(at: 0x2008) == m[0])
        #expect(m.storage.word(at: 0x2010) == m[2])
        m.storage.setWord(0xAAAA_AAAA, at: 0x2004)
        m.execute([RS(0x98, 15, 15, 4, 1)])   // LM 15,15,4(1)
        #expect(m[15] == 0xAAAA_AAAA)
    }

    @Test func compareAndSwap() {
        let m = TestMachine()
        m.storage.setWord(5, at: 0x2000)
        m[2] = 5; m[3] = 9; m[10] = 0x2000
        m.execute([RS(0xBA, 2, 3, 0, 10)])
        #expect(m.cc == 0); #expect(m.storage.word(at: 0x2000) == 9)
        m.execute([RS(0xBA, 2, 3, 0, 10)])
        #expect(m.cc == 1); #expect(m[2] == 9)
        m.execute([RS(0xBA, 2, 3, 2, 10)])
        #expect(m.programInterruptionCode == 0x0006)
    }
}
