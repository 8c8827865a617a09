// Program event recording (PoO, "Program-Event Recording"): the four events,
// the PER code at 150 and the address at 152, masked by the PSW's PER bit.

import Testing
import DATBox
import S370CPU
import TestSupport

@Suite struct PERTests {
    /// A machine with PER enabled in the PSW for the events in `events` (CR9 bits 0-3).
    func perMachine(events: UInt32, registers: UInt32 = 0, start: UInt32 = 0, end: UInt32 = 0xFF_FFFF) -> TestMachine {
        let m = TestMachine()
        m.cpu.cr[9] = events << 28 | registers
        m.cpu.cr[10] = start
        m.cpu.cr[11] = end
        m.cpu.controlRegistersChanged()
        return m
    }

    @Test func successfulBranchEvent() {
        let m = perMachine(events: 0x8)
        m.execute([RX(0x47, 15, 0x800)], psw: ecPSW(address: testOrigin, systemMask: 0x40))
        #expect(m.programInterruptionCode == 0x0080)
        #expect(m.storage.byte(at: LowCore.perCode) == 0x80)
        #expect(m.storage.word(at: LowCore.perAddress) == testOrigin)
        #expect(m.programOldPSW.instructionAddress == 0x800)
        // Not taken: no event.
        let n = perMachine(events: 0x8)
        n.execute([RX(0x47, 0, 0x800)], psw: ecPSW(address: testOrigin, systemMask: 0x40))
        #expect(!n.tookProgramInterruption)
    }

    @Test func storageAlterationInRangeOnly() {
        let m = perMachine(events: 0x2, start: 0x2000, end: 0x20FF)
        m[5] = 0x2100
        m.execute([RX(0x50, 1, 0, 0, 5)], psw: ecPSW(address: testOrigin, systemMask: 0x40))
        #expect(!m.tookProgramInterruption)
        m[5] = 0x20FE     // a word that starts inside the range
        m.execute([RX(0x50, 1, 0, 0, 5)], psw: ecPSW(address: testOrigin, systemMask: 0x40))
        #expect(m.programInterruptionCode == 0x0080)
        #expect(m.storage.byte(at: LowCore.perCode) == 0x20)
    }

    @Test func generalRegisterAlterationAndPERMaskOff() {
        let m = perMachine(events: 0x1, registers: 0x2000)   // register 2
        m[3] = 7
        m.execute([RR(0x18, 2, 3)], psw: ecPSW(address: testOrigin, systemMask: 0x40))
        #expect(m.programInterruptionCode == 0x0080)
        #expect(m.storage.byte(at: LowCore.perCode) == 0x10)
        let n = perMachine(events: 0x1, registers: 0x2000)
        n[3] = 7
        n.execute([RR(0x18, 2, 3)], psw: ecPSW(address: testOrigin))   // PER mask off
        #expect(!n.tookProgramInterruption)
        #expect(n[2] == 7)
    }

    @Test func instructionFetchEventWithAProgramException() {
        let m = perMachine(events: 0x4, start: testOrigin, end: testOrigin + 1)
        m[1] = 0x7FFF_FFFF; m[2] = 1
        m.execute([RR(0x1A, 1, 2)], psw: ecPSW(address: testOrigin, programMask: 8, systemMask: 0x40))
        // Fixed-point overflow and the PER event in one interruption.
        #expect(m.programInterruptionCode == 0x0088)
        #expect(m.storage.byte(at: LowCore.perCode) == 0x40)
    }
}
