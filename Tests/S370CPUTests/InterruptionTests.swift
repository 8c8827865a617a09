// Interruptions: old and new PSWs, interruption codes and ILCs (PoO, "Interruptions").

import Testing
import S370CPU
import TestSupport

@Suite struct InterruptionTests {
    @Test func unlistedOperationCodesAreOperationExceptions() {
        for op: UInt8 in [0x00, 0x01, 0x0D, 0x4D, 0x51, 0x61, 0x99, 0xA0, 0xE8, 0xFF] {
            let m = TestMachine()
            m.execute([[op, 0, 0, 0, 0, 0]])
            #expect(m.tookProgramInterruption, "opcode \(op)")
            #expect(m.programInterruptionCode == 0x0001)
        }
        let m = TestMachine()
        m.execute([S(0x9C02, 0)])   // RIO is not installed
        #expect(m.programInterruptionCode == 0x0001)
        #expect(m.programILC == 2)
    }

    @Test func privilegedOperationInProblemState() {
        let m = TestMachine()
        m.execute([SI(0x80, 0, 0x100)], psw: bcPSW(address: testOrigin, problem: true))
        #expect(m.programInterruptionCode == 0x0002)
        #expect(m.programOldPSW.instructionAddress == testOrigin + 4)
        #expect(m.programILC == 2)
    }

    @Test func ecModeStoresCodeAndILCInLowStorage() {
        let m = TestMachine()
        m.execute([[0x00, 0x00]], psw: ecPSW(address: testOrigin))
        #expect(m.programOldPSW.ecMode)
        #expect(m.storage.halfword(at: 142) == 0x0001)
        #expect(m.storage.byte(at: 141) == 0x02)   // ILC 1 in bits 5-6
    }

    @Test func addressingExceptionBeyondStorage() {
        let m = TestMachine(storageSize: 64 << 10)
        m[2] = 0x10000
        m.execute([RX(0x58, 1, 0, 0, 2)])
        #expect(m.programInterruptionCode == 0x0005)
    }

    @Test func supervisorCall() {
        let m = TestMachine()
        m.execute([RR(0x0A, 0x1, 0x2)])    // SVC 18
        let old = PSW(m.storage.doubleword(at: 32))
        #expect(old.interruptionCode == 0x12)
        #expect(old.ilc == 1)
        #expect(old.instructionAddress == testOrigin + 2)
        #expect(m.cpu.psw.instructionAddress == svcStop)
    }

    @Test func executeTargetsAndExceptions() {
        let m = TestMachine()
        // EX 1,TARGET where TARGET is MVI 0x2000,0 and R1 supplies the byte.
        m.load(SI(0x92, 0x00, 0x2000 - 0x2000, 3), at: 0x1800)
        m[1] = 0xC1; m[3] = 0x2000; m[4] = 0x1800
        m.execute([RX(0x44, 1, 0, 0, 4), RR(0x18, 5, 1)])
        #expect(m.storage.byte(at: 0x2000) == 0xC1)
        #expect(m[5] == 0xC1)
        // EX of EX is an execute exception with ILC 2.
        let n = TestMachine()
        n.load(RX(0x44, 0, 0x800), at: 0x800)
        n.execute([RX(0x44, 0, 0x800)])
        #expect(n.programInterruptionCode == 0x0003)
        #expect(n.programILC == 2)
        // An odd target address is a specification exception.
        let o = TestMachine()
        o.execute([RX(0x44, 0, 0x801)])
        #expect(o.programInterruptionCode == 0x0006)
    }

    @Test func branchAndLinkInformation() {
        let m = TestMachine()
        m[15] = 0x3000
        m.execute([RR(0x05, 14, 15)], psw: bcPSW(address: testOrigin, cc: 2, programMask: 0xA))
        // ILC 1, CC 2, program mask A, then the return address.
        #expect(m[14] == 0x6A00_0000 | (testOrigin + 2))
        #expect(m.cpu.psw.instructionAddress == 0x3000)
    }

    @Test func oddBranchAddressIsSpecificationException() {
        let m = TestMachine()
        m[15] = 0x3001
        m.run(RR(0x07, 0xF, 15), steps: 2)
        #expect(m.programInterruptionCode == 0x0006)
        #expect(m.programOldPSW.instructionAddress == 0x3001)
    }

    @Test func loadPSWWithFormatErrorIsEarlySpecificationException() {
        let m = TestMachine()
        m.load(bytes64(0x0008_0000_8000_2000), at: 0x2000)  // EC mode with bit 32 on
        m[1] = 0x2000
        m.run(SI(0x82, 0, 0, 1), steps: 2)
        #expect(m.programInterruptionCode == 0x0006)
        #expect(m.programOldPSW.value == 0x0008_0000_8000_2000)
        #expect(m.programILC == 0)
    }
}
