// Key-controlled protection with every combination of PSW key, storage key
// and fetch-protection bit (PoO, "Key-Controlled Protection"), and the
// reference and change bits the CPU's accesses set.

import Testing
import DATBox
import S370CPU
import TestSupport

@Suite struct KeyProtectionTests {
    @Test(arguments: 0..<16)
    func everyKeyCombination(pswKey: Int) {
        for storageKey in 0..<16 {
            for fetchProtected in [false, true] {
                let m = TestMachine()
                let key = UInt8(storageKey << 4) | (fetchProtected ? StorageKeyBits.fetchProtection : 0)
                m.storage.setKey(key, at: 0x3000)
                m[5] = 0x3000
                // A store: permitted when the PSW key is zero or the keys match.
                m.execute([RX(0x50, 1, 0, 0, 5)], psw: bcPSW(address: testOrigin, key: UInt8(pswKey)))
                let storeOK = pswKey == 0 || pswKey == storageKey
                #expect(m.tookProgramInterruption == !storeOK, "store key \(pswKey) into \(storageKey) F=\(fetchProtected)")
                if !storeOK { #expect(m.programInterruptionCode == 0x0004) }
                // A fetch: also permitted when the block is not fetch-protected.
                m.execute([RX(0x58, 1, 0, 0, 5)], psw: bcPSW(address: testOrigin, key: UInt8(pswKey)))
                let fetchOK = storeOK || !fetchProtected
                #expect(m.tookProgramInterruption == !fetchOK, "fetch key \(pswKey) from \(storageKey) F=\(fetchProtected)")
            }
        }
    }

    @Test func referenceAndChangeBitsFollowTheAccesses() {
        let m = TestMachine()
        m[5] = 0x3000; m[6] = 0x3800
        #expect(m.storage.key(at: 0x3000) == 0)
        m.execute([RX(0x58, 1, 0, 0, 5)])
        #expect(m.storage.key(at: 0x3000) == StorageKeyBits.reference)
        m.execute([RX(0x50, 1, 0, 0, 6)])
        #expect(m.storage.key(at: 0x3800) == StorageKeyBits.reference | StorageKeyBits.change)
        // RRB resets the reference bit; the next fetch sets it again (the TLB
        // entry that had it cached is purged).
        m.execute([S(0xB213, 0, 5), RX(0x58, 1, 0, 0, 5)])
        #expect(m.storage.key(at: 0x3000) == StorageKeyBits.reference)
        // SSK clears the change bit; the next store sets it again.
        m[2] = 0
        m.execute([RR(0x08, 2, 6), RX(0x50, 1, 0, 0, 6)])
        #expect(m.storage.key(at: 0x3800) == StorageKeyBits.reference | StorageKeyBits.change)
        // Instruction fetch sets the reference bit of the program's block.
        #expect(m.storage.key(at: testOrigin) & StorageKeyBits.reference != 0)
    }

    @Test func instructionFetchIsFetchProtected() {
        let m = TestMachine()
        m.storage.setKey(0x78, at: 0x3000)   // key 7, fetch protected
        m.load(RR(0x18, 1, 2), at: 0x3000)
        m.run(RR(0x18, 1, 2), at: 0x3000, psw: bcPSW(address: 0x3000, key: 2))
        #expect(m.programInterruptionCode == 0x0004)
        m.run(RR(0x18, 1, 2), at: 0x3000, psw: bcPSW(address: 0x3000, key: 7))
        #expect(!m.tookProgramInterruption)
    }

    @Test func changingThePSWKeyTakesEffectAtOnce() {
        let m = TestMachine()
        m.storage.setKey(0x50, at: 0x3000)
        m[5] = 0x3000
        // SPKA 0x60 (key 6), then a store into key-5 storage: protection.
        m.execute([S(0xB20A, 0x60), RX(0x50, 1, 0, 0, 5)])
        #expect(m.programInterruptionCode == 0x0004)
        m.execute([S(0xB20A, 0x50), RX(0x50, 1, 0, 0, 5)])
        #expect(!m.tookProgramInterruption)
    }
}
