// Control instructions (PoO, "Control Instructions"): keys, the PSW, control
// registers, prefix, identification, and the owner's exits on the bare machine.

import Testing
import DATBox
import S370CPU
import TestSupport

@Suite struct ControlTests {
    @Test func setAndInsertStorageKey() {
        let m = TestMachine()
        m[1] = 0x0000_00F8; m[2] = 0x0000_2800
        m.execute([RR(0x08, 1, 2)])                       // SSK
        #expect(m.storage.key(at: 0x2800) == 0xF8)
        m[3] = 0xFFFF_FFFF
        m.execute([RR(0x09, 3, 2)], psw: ecPSW(address: testOrigin))   // ISK in EC mode: 7 bits
        #expect(m[3] == 0xFFFF_FFF8)
        m.storage.setKey(0xF6, at: 0x2800)               // with reference and change bits
        m.execute([RR(0x09, 3, 2)], psw: ecPSW(address: testOrigin))
        #expect(m[3] == 0xFFFF_FFF6)
        m.execute([RR(0x09, 3, 2)])                       // BC mode: bits 29-31 zero
        #expect(m[3] == 0xFFFF_FFF0)
        m[2] = 0x2801
        m.execute([RR(0x09, 3, 2)])
        #expect(m.programInterruptionCode == 0x0006)
    }

    @Test func keyControlledProtection() {
        let m = TestMachine()
        m.storage.setKey(0x50, at: 0x2000)
        m.storage.setKey(0x68, at: 0x2800)
        m[5] = 0x2000; m[6] = 0x2800
        // Key 5 stores into key-5 storage; key 6 may not.
        m.execute([RX(0x50, 1, 0, 0, 5)], psw: bcPSW(address: testOrigin, key: 5))
        #expect(!m.tookProgramInterruption)
        m.execute([RX(0x50, 1, 0, 0, 5)], psw: bcPSW(address: testOrigin, key: 6))
        #expect(m.programInterruptionCode == 0x0004)
        // Fetch protection: key 5 may not fetch from the fetch-protected key-6 block.
        m.execute([RX(0x58, 1, 0, 0, 6)], psw: bcPSW(address: testOrigin, key: 5))
        #expect(m.programInterruptionCode == 0x0004)
        m.execute([RX(0x58, 1, 0, 0, 6)], psw: bcPSW(address: testOrigin, key: 6))
        #expect(!m.tookProgramInterruption)
        // Reference and change bits were set by the accesses.
        #expect(m.storage.key(at: 0x2000) & StorageKeyBits.change != 0)
        #expect(m.storage.key(at: 0x2800) & StorageKeyBits.reference != 0)
    }

    @Test func resetReferenceBitConditionCodes() {
        let m = TestMachine()
        m.storage.setKey(0x06, at: 0x3000)
        m[1] = 0x3000
        m.execute([S(0xB213, 0, 1)])
        #expect(m.cc == 3)
        #expect(m.storage.key(at: 0x3000) == 0x02)
        m.execute([S(0xB213, 0, 1)])
        #expect(m.cc == 1)
    }

    @Test func setSystemMaskAndSuppression() {
        let m = TestMachine()
        m.load([0x03], at: 0x2000)
        m[5] = 0x2000
        m.execute([SI(0x80, 0, 0, 5)], psw: ecPSW(address: testOrigin))
        #expect(m.cpu.psw.systemMask == 0x03)
        m.cpu.cr[0] |= 0x4000_0000   // SSM suppression
        m.execute([SI(0x80, 0, 0, 5)], psw: ecPSW(address: testOrigin))
        #expect(m.programInterruptionCode == 0x0013)
        m.cpu.cr[0] &= ~0x4000_0000
        // A one in bit 0 of an EC-mode PSW: specification exception with ILC 2.
        m.load([0x80], at: 0x2001)
        m.run(SI(0x80, 0, 1, 5), psw: ecPSW(address: testOrigin), steps: 2)
        #expect(m.programInterruptionCode == 0x0006)
        #expect(m.programILC == 2)
        #expect(m.programOldPSW.instructionAddress == testOrigin + 4)
    }

    @Test func storeThenAndOrSystemMask() {
        let m = TestMachine()
        m[5] = 0x2000
        m.execute([SI(0xAD, 0x01, 0, 5)], psw: ecPSW(address: testOrigin, systemMask: 0x02))
        #expect(m.storage.byte(at: 0x2000) == 0x02)
        #expect(m.cpu.psw.systemMask == 0x03)
        m.execute([SI(0xAC, 0xFE, 1, 5)], psw: ecPSW(address: testOrigin, systemMask: 0x03))
        #expect(m.storage.byte(at: 0x2001) == 0x03)
        #expect(m.cpu.psw.systemMask == 0x02)
    }

    @Test func loadPSWNeedsDoublewordAlignment() {
        let m = TestMachine()
        m[5] = 0x2004
        m.execute([SI(0x82, 0, 0, 5)])
        #expect(m.programInterruptionCode == 0x0006)
        m.load(bytes64(0x0000_0000_0000_3000), at: 0x2008)
        m[5] = 0x2008
        m.execute([SI(0x82, 0, 0, 5)])
        #expect(m.cpu.psw.instructionAddress == 0x3000)
    }

    @Test func loadAndStoreControlRegisters() {
        let m = TestMachine()
        m.load(bytes32(0x1111_1111) + bytes32(0x2222_2222) + bytes32(0x3333_3333), at: 0x2000)
        m[5] = 0x2000
        m.execute([RS(0xB7, 15, 1, 0, 5)])          // LCTL 15,1: CR15, CR0, CR1
        #expect(m.cpu.cr[15] == 0x1111_1111 && m.cpu.cr[0] == 0x2222_2222 && m.cpu.cr[1] == 0x3333_3333)
        m.execute([RS(0xB6, 0, 1, 0x10, 5)])        // STCTL 0,1
        #expect(m.storage.word(at: 0x2010) == 0x2222_2222 && m.storage.word(at: 0x2014) == 0x3333_3333)
        m.execute([RS(0xB7, 0, 0, 2, 5)])
        #expect(m.programInterruptionCode == 0x0006)
        m.execute([RS(0xB7, 0, 0, 0, 5)], psw: bcPSW(address: testOrigin, problem: true))
        #expect(m.programInterruptionCode == 0x0002)
    }

    @Test func prefixMovesLowStorage() {
        let m = TestMachine()
        m.load(bytes32(0x0000_8000), at: 0x2000)
        m[5] = 0x2000
        m.storage.setWord(0xCAFE_F00D, at: 0x8100)
        m.execute([S(0xB210, 0, 5), S(0xB211, 4, 5), RX(0x58, 1, 0x100)])
        #expect(m.storage.word(at: 0x2004) == 0x8000)
        #expect(m[1] == 0xCAFE_F00D)
        #expect(m.cpu.datBox.prefix == 0x8000)
    }

    @Test func identificationAndKeys() {
        let m = TestMachine()
        m[5] = 0x2000
        m.execute([S(0xB202, 0, 5), S(0xB212, 8, 5)])
        #expect(m.storage.doubleword(at: 0x2000) == m.cpu.cpuID)
        #expect(m.storage.halfword(at: 0x2008) == m.cpu.cpuAddress)
        m.execute([S(0xB20A, 0x50), S(0xB20B, 0)])
        #expect(m.cpu.psw.key == 5)
        #expect(m[2] & 0xFF == 0x50)
    }

    @Test func clocksAndTimers() {
        let m = TestMachine()
        m[5] = 0x2000
        m.execute([S(0xB205, 0, 5), S(0xB205, 8, 5)])
        #expect(m.cc == 0)
        #expect(m.storage.doubleword(at: 0x2008) > m.storage.doubleword(at: 0x2000))
        m.load(bytes64(0x1234_0000_0000_0000), at: 0x2010)
        m.execute([S(0xB206, 0x10, 5), S(0xB207, 0x18, 5), S(0xB208, 0x10, 5), S(0xB209, 0x20, 5)])
        #expect(m.storage.doubleword(at: 0x2018) == 0x1234_0000_0000_0000)
        // One instruction (one microsecond) after SPT, the CPU timer has gone down.
        #expect(m.storage.doubleword(at: 0x2020) < 0x1234_0000_0000_0000)
        #expect(m.storage.doubleword(at: 0x2020) > 0x1233_0000_0000_0000)
        // STORE CLOCK needs no alignment (PoO: its only exception is access); SCK does.
        m.execute([S(0xB205, 1, 5)])
        #expect(!m.tookProgramInterruption)
        m.execute([S(0xB204, 1, 5)])
        #expect(m.programInterruptionCode == 0x0006)
    }

    @Test func monitorCall() {
        let m = TestMachine()
        m.execute([SI(0xAF, 0x03, 0x123)])           // class 3, masked off: no event
        #expect(!m.tookProgramInterruption)
        m.cpu.cr[8] = 0x0000_1000                     // class 3 enabled
        m.execute([SI(0xAF, 0x03, 0x123)])
        #expect(m.programInterruptionCode == 0x0040)
        #expect(m.storage.byte(at: 149) == 3)
        #expect(m.storage.word(at: 156) == 0x123)
        m.execute([SI(0xAF, 0x13, 0)])
        #expect(m.programInterruptionCode == 0x0006)
    }

    @Test func ownerExitsOnTheBareMachine() {
        let m = TestMachine()
        m.execute([S(0x9C00, 0x00C)])                 // SIO: no channels yet, CC 3
        #expect(m.cc == 3)
        m.execute([RS(0x83, 0, 0, 0)])                // DIAGNOSE: no functions on this model
        #expect(m.programInterruptionCode == 0x0006)
        m[1] = 1
        m.execute([RS(0xAE, 0, 1, 0)])                // SIGP to another CPU: not operational
        #expect(m.cc == 3)
        m.execute([SI(0x84, 0, 0x100)])               // WRD: no direct-control feature
        #expect(m.programInterruptionCode == 0x0001)
    }
}
