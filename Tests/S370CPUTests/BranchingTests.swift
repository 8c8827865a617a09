// Branching and linkage (PoO, "General Instructions").

import Testing
import S370CPU
import TestSupport

@Suite struct BranchingTests {
    @Test func branchOnConditionMasks() {
        for cc: UInt8 in 0...3 {
            for mask in 0...15 {
                let m = TestMachine()
                m.execute([RX(0x47, mask, 0x800)], psw: bcPSW(address: testOrigin, cc: cc))
                let taken = mask & (8 >> Int(cc)) != 0
                #expect(m.cpu.psw.instructionAddress == (taken ? 0x800 : testOrigin + 4))
            }
        }
    }

    @Test func branchOnConditionRegisterZeroDoesNotBranch() {
        let m = TestMachine()
        m.execute([RR(0x07, 15, 0)])
        #expect(m.cpu.psw.instructionAddress == testOrigin + 2)
    }

    @Test func branchOnCountAndIndex() {
        let m = TestMachine()
        m[1] = 2
        m.execute([RX(0x46, 1, 0x800)])
        #expect(m[1] == 1); #expect(m.cpu.psw.instructionAddress == 0x800)
        m.execute([RX(0x46, 1, 0x800)])
        #expect(m[1] == 0); #expect(m.cpu.psw.instructionAddress == testOrigin + 4)
        m[2] = 1; m[3] = 0x900
        m.execute([RR(0x06, 2, 3)])
        #expect(m[2] == 0); #expect(m.cpu.psw.instructionAddress == testOrigin + 2)
        // BXLE with an odd R3: the increment and the comparand are the same register.
        m[4] = 0; m[5] = 4
        m.execute([RS(0x87, 4, 5, 0x800)])
        #expect(m[4] == 4); #expect(m.cpu.psw.instructionAddress == 0x800)
        m.execute([RS(0x87, 4, 5, 0x800)])
        #expect(m[4] == 8); #expect(m.cpu.psw.instructionAddress == testOrigin + 4)
        // BXH with an even R3: increment in R3, comparand in R3+1.
        m[6] = 10; m[8] = 0xFFFF_FFFF; m[9] = 5
        m.execute([RS(0x86, 6, 8, 0x800)])
        #expect(m[6] == 9); #expect(m.cpu.psw.instructionAddress == 0x800)
    }

    @Test func branchAndLinkStoresInstructionLengthCode() {
        let m = TestMachine()
        m.execute([RX(0x45, 14, 0x800)], psw: bcPSW(address: testOrigin, cc: 1, programMask: 3))
        #expect(m[14] == 0x9300_0000 | (testOrigin + 4))
        #expect(m.cpu.psw.instructionAddress == 0x800)
    }

    @Test func setProgramMask() {
        let m = TestMachine()
        m[1] = 0x2F00_0000
        m.execute([RR(0x04, 1, 0)])
        #expect(m.cc == 2); #expect(m.cpu.psw.programMask == 0xF)
    }

    @Test func executeBranchAndLinkUsesExecuteLengthCode() {
        let m = TestMachine()
        m.load(RR(0x05, 14, 15), at: 0x800)
        m[15] = 0x900; m[9] = 0x800
        m.execute([RX(0x44, 0, 0, 0, 9)])
        // BALR as the target of EX: ILC 2, return address after the EX.
        #expect(m[14] == 0x8000_0000 | (testOrigin + 4))
        #expect(m.cpu.psw.instructionAddress == 0x900)
    }
}
