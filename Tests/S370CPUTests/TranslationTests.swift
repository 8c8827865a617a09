// Dynamic address translation on the CPU (PoO, "Dynamic Address Translation"):
// the formats, the exceptions with their address at 144 and nullification,
// LRA's condition codes, PTLB and IPTE, and keys and prefixing under DAT.

import Testing
import DATBox
import S370CPU
import TestSupport

/// Builds segment and page tables in a test machine's storage.
struct Tables {
    let m: TestMachine
    /// 4K pages and 64K segments unless told otherwise.
    var cr0: UInt32 = 0x0080_0000      // bits 8-9 = 10 (4K), bits 11-12 = 00 (64K)
    let segmentTable: UInt32 = 0x8000  // 64-byte aligned
    let pageTables: UInt32 = 0x9000

    init(_ m: TestMachine) { self.m = m }

    /// Segment-table length field (units of 16 entries, less one) and origin.
    var cr1: UInt32 { 0x0000_0000 | segmentTable }

    /// Makes segment `s` valid with a 16-entry page table, every page invalid.
    func addSegment(_ s: UInt32, length: UInt32 = 15) {
        let pt = pageTables + s * 0x40
        m.storage.setWord(length << 28 | pt, at: segmentTable + s * 4)
        for p in 0..<16 { m.storage.setHalfword(0x0008, at: pt + UInt32(p) * 2) }
    }
    /// Marks segment `s` invalid.
    func invalidateSegment(_ s: UInt32) {
        m.storage.setWord(m.storage.word(at: segmentTable + s * 4) | 1, at: segmentTable + s * 4)
    }
    /// Maps virtual page `v` (4K) to real frame address `real`.
    func map(_ v: UInt32, to real: UInt32) {
        let s = v >> 16, p = (v >> 12) & 15
        m.storage.setHalfword(UInt16(real >> 8) & 0xFFF0, at: pageTables + s * 0x40 + p * 2)
    }
    /// Loads CR0 and CR1 into the CPU.
    func install() {
        m.cpu.cr[0] = cr0
        m.cpu.cr[1] = cr1
        m.cpu.controlRegistersChanged()
    }
}

/// An EC-mode PSW with DAT on.
func datPSW(_ address: UInt32, key: UInt8 = 0) -> PSW {
    ecPSW(address: address, key: key, systemMask: 0x04)
}

@Suite struct TranslationTests {
    func machine() -> (TestMachine, Tables) {
        let m = TestMachine(storageSize: 256 << 10)
        let t = Tables(m)
        for s in 0..<4 as Range<UInt32> { t.addSegment(s) }
        // Identity-map the program's page and low storage.
        t.map(0x0000, to: 0x0000)
        t.map(0x1000, to: 0x1000)
        t.install()
        return (m, t)
    }

    @Test func translatesThroughTheTables() {
        let (m, t) = machine()
        t.map(0x25000, to: 0x30000)
        m.storage.setWord(0xFEED_FACE, at: 0x30010)
        m[5] = 0x25000
        m.execute([RX(0x58, 1, 0x10, 0, 5)], psw: datPSW(testOrigin))
        #expect(!m.tookProgramInterruption)
        #expect(m[1] == 0xFEED_FACE)
    }

    @Test func pageTranslationExceptionNullifiesAndStoresTheAddress() {
        let (m, _) = machine()
        m[5] = 0x26000
        m.execute([RX(0x58, 1, 0x123, 0, 5)], psw: datPSW(testOrigin))
        #expect(m.programInterruptionCode == 0x0011)
        #expect(m.storage.word(at: 144) == 0x26123)
        // Nullified: the old PSW points at the instruction itself.
        #expect(m.programOldPSW.instructionAddress == testOrigin)
    }

    @Test func segmentTranslationExceptions() {
        let (m, t) = machine()
        t.invalidateSegment(2)
        m[5] = 0x20000
        m.execute([RX(0x58, 1, 0, 0, 5)], psw: datPSW(testOrigin))
        #expect(m.programInterruptionCode == 0x0010)
        #expect(m.storage.word(at: 144) == 0x20000)
        // Beyond the segment-table length (16 entries): segment index 0x10.
        m[5] = 0x100000
        m.execute([RX(0x58, 1, 0, 0, 5)], psw: datPSW(testOrigin))
        #expect(m.programInterruptionCode == 0x0010)
    }

    @Test func pageTableLengthViolation() {
        let (m, t) = machine()
        t.addSegment(3, length: 1)           // pages 0-1 of the 16 only (two sixteenths)
        t.map(0x31000, to: 0x31000)
        m[5] = 0x31000
        m.execute([RX(0x58, 1, 0, 0, 5)], psw: datPSW(testOrigin))
        #expect(!m.tookProgramInterruption)
        m[5] = 0x32000
        m.execute([RX(0x58, 1, 0, 0, 5)], psw: datPSW(testOrigin))
        #expect(m.programInterruptionCode == 0x0011)
    }

    @Test func invalidFormatsAreTranslationSpecificationExceptions() {
        for cr0 in [0x0000_0000, 0x00C0_0000, 0x0048_0000, 0x0098_0000] as [UInt32] {
            let (m, t) = machine()
            var u = t
            u.cr0 = cr0
            u.install()
            m.execute([RR(0x18, 1, 2)], psw: datPSW(testOrigin))
            #expect(m.programInterruptionCode == 0x0012, "CR0 \(hex32(cr0))")
        }
        // A page-table entry with bits 13-14 on.
        let (m, t) = machine()
        m.storage.setHalfword(0x3006, at: t.pageTables + 2 * 0x40 + 2)
        m[5] = 0x21000
        m.execute([RX(0x58, 1, 0, 0, 5)], psw: datPSW(testOrigin))
        #expect(m.programInterruptionCode == 0x0012)
    }

    @Test func twoKilobytePagesAndOneMegabyteSegments() {
        let m = TestMachine(storageSize: 256 << 10)
        // CR0: bits 8-9 = 01 (2K), bits 11-12 = 10 (1M).
        m.cpu.cr[0] = 0x0050_0000
        m.cpu.cr[1] = 0x8000
        // One 1M segment: 512 2K pages; page table at 0x9000, full length.
        m.storage.setWord(0xF000_0000 | 0x9000, at: 0x8000)
        for p in 0..<512 { m.storage.setHalfword(0x0004, at: 0x9000 + UInt32(p) * 2) }
        m.storage.setHalfword(UInt16(0x1000 >> 8), at: 0x9000 + 2 * 2)   // page 2 (0x1000) identity
        m.storage.setHalfword(UInt16(0x1800 >> 8), at: 0x9000 + 3 * 2)
        m.storage.setHalfword(UInt16(0x20000 >> 8), at: 0x9000 + 0x41 * 2)  // 0x20800 -> 0x20000
        m.cpu.controlRegistersChanged()
        m.storage.setWord(0x1234_5678, at: 0x20004)
        m[5] = 0x20800
        m.execute([RX(0x58, 1, 4, 0, 5)], psw: datPSW(testOrigin))
        #expect(m[1] == 0x1234_5678)
    }

    @Test func loadRealAddressConditionCodes() {
        let (m, t) = machine()
        t.map(0x25000, to: 0x30000)
        t.invalidateSegment(3)
        m[5] = 0x25ABC
        m.execute([RX(0xB1, 1, 0, 0, 5)])
        #expect(m.cc == 0); #expect(m[1] == 0x30ABC)
        m[5] = 0x26000
        m.execute([RX(0xB1, 1, 0, 0, 5)])
        #expect(m.cc == 2); #expect(m[1] == t.pageTables + 2 * 0x40 + 6 * 2)
        m[5] = 0x30000
        m.execute([RX(0xB1, 1, 0, 0, 5)])
        #expect(m.cc == 1); #expect(m[1] == t.segmentTable + 3 * 4)
        m[1] = 0x5555
        m[5] = 0x400000
        m.execute([RX(0xB1, 1, 0, 0, 5)])
        #expect(m.cc == 3); #expect(m[1] == 0x5555)
    }

    @Test func purgeSemantics() {
        let (m, t) = machine()
        t.map(0x25000, to: 0x30000)
        m.storage.setWord(1, at: 0x30000)
        m.storage.setWord(2, at: 0x31000)
        m[5] = 0x25000
        m.execute([RX(0x58, 1, 0, 0, 5)], psw: datPSW(testOrigin))
        #expect(m[1] == 1)
        // Remap the page; after PTLB the new frame is used.
        t.map(0x25000, to: 0x31000)
        m.execute([S(0xB20D, 0), RX(0x58, 1, 0, 0, 5)], psw: datPSW(testOrigin))
        #expect(m[1] == 2)
        // IPTE invalidates the entry and the translation.
        m[6] = t.pageTables + 2 * 0x40
        m.execute([RRE(0xB221, 6, 5), RX(0x58, 1, 0, 0, 5)], psw: datPSW(testOrigin))
        #expect(m.storage.halfword(at: t.pageTables + 2 * 0x40 + 5 * 2) & 0x0008 != 0)
        #expect(m.programInterruptionCode == 0x0011)
    }

    @Test func keysApplyToRealFramesUnderDAT() {
        let (m, t) = machine()
        t.map(0x25000, to: 0x30000)
        m.storage.setKey(0x38, at: 0x30000)   // key 3, fetch protected
        m[5] = 0x25000
        m.execute([RX(0x58, 1, 0, 0, 5)], psw: datPSW(testOrigin, key: 4))
        #expect(m.programInterruptionCode == 0x0004)
        m.execute([RX(0x50, 1, 0, 0, 5)], psw: datPSW(testOrigin, key: 3))
        #expect(!m.tookProgramInterruption)
        #expect(m.storage.key(at: 0x30000) & StorageKeyBits.change != 0)
    }

    @Test func shadowModeExitsOnAMissAndResumes() {
        let (m, t) = machine()
        t.map(0x25000, to: 0x30000)
        m.storage.setWord(0x0BAD_CAFE, at: 0x30000)
        let shadows = ShadowTables()
        m.cpu.datBox.shadowTables = shadows
        m.cpu.datBox.translationMode = .shadow
        m[5] = 0x25000
        m.load(RX(0x58, 1, 0, 0, 5), at: testOrigin)
        m.cpu.loadPSW(datPSW(testOrigin))
        // First the instruction fetch misses, then the operand.
        var exits: [UInt32] = []
        for _ in 0..<4 {
            let e = m.cpu.run(budget: 1)
            guard case .translationMiss(let a) = e else { break }
            exits.append(a)
            // The owner walks the guest's tables and fills the shadow entry.
            let real = m.storage.halfword(at: t.pageTables + (a >> 16) * 0x40 + ((a >> 12) & 15) * 2)
            shadows.insert(space: 0x8000, virtual: a, real: UInt32(real & 0xFFF0) << 8, pageShift: 12)
            #expect(m.cpu.psw.instructionAddress == testOrigin)
        }
        #expect(exits == [testOrigin, 0x25000])
        #expect(m[1] == 0x0BAD_CAFE)
        #expect(shadows.count == 2)
    }
}
