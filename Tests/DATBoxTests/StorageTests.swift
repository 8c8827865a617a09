// Main storage, storage keys and prefixing (PoO, "Storage").

import Testing
import DATBox

@Suite struct StorageTests {
    @Test func sizesMustBeMultiplesOf4K() {
        #expect(throws: MainStorage.ConfigurationError.self) { try MainStorage(size: 1000) }
        #expect(throws: MainStorage.ConfigurationError.self) { try MainStorage(size: 32 << 20) }
    }

    @Test func keyControlledProtection() throws {
        let s = try MainStorage(size: 8192)
        s.setKey(0x50, at: 0)            // key 5, no fetch protection
        s.setKey(0x68, at: 0x800)        // key 6, fetch protected
        #expect(s.permits(accessKey: 0, store: true, at: 0))
        #expect(s.permits(accessKey: 5, store: true, at: 0))
        #expect(!s.permits(accessKey: 6, store: true, at: 0))
        #expect(s.permits(accessKey: 6, store: false, at: 0))
        #expect(!s.permits(accessKey: 5, store: false, at: 0x800))
        #expect(s.permits(accessKey: 6, store: false, at: 0x800))
    }

    @Test func prefixingSwapsPageZero() throws {
        let s = try MainStorage(size: 64 << 10)
        let box = DATBox(storage: s)
        box.setPrefix(0x8000)
        #expect(box.absolute(real: 0x10) == 0x8010)
        #expect(box.absolute(real: 0x8010) == 0x10)
        #expect(box.absolute(real: 0x4010) == 0x4010)
    }
}
