// Logical instructions (PoO, "General Instructions"): unsigned arithmetic,
// bit operations, characters under mask, storage-to-storage moves and compares,
// translation, and the long operands.

import Testing
import S370CPU
import TestSupport

@Suite struct LogicalTests {
    @Test func addAndSubtractLogicalConditionCodes() {
        let cases: [(UInt8, UInt32, UInt32, UInt32, UInt8)] = [
            (0x1E, 0, 0, 0, 0), (0x1E, 1, 2, 3, 1), (0x1E, 0xFFFF_FFFF, 1, 0, 2), (0x1E, 0xFFFF_FFFF, 2, 1, 3),
            (0x1F, 5, 3, 2, 3), (0x1F, 5, 5, 0, 2), (0x1F, 3, 5, 0xFFFF_FFFE, 1),
        ]
        for (op, a, b, r, cc) in cases {
            let m = TestMachine()
            m[1] = a; m[2] = b
            m.execute([RR(op, 1, 2)])
            #expect(m[1] == r, "\(op) \(a) \(b)")
            #expect(m.cc == cc, "\(op) \(a) \(b)")
        }
    }

    @Test func booleanRegisterAndStorageForms() {
        let m = TestMachine()
        m.load(bytes32(0x0F0F_0F0F), at: 0x2000)
        m[1] = 0xFF00_FF00; m[9] = 0x2000
        m.execute([RX(0x54, 1, 0, 0, 9)])       // N
        #expect(m[1] == 0x0F00_0F00); #expect(m.cc == 1)
        m.execute([RX(0x57, 1, 0, 0, 9)])       // X
        #expect(m[1] == 0x000F_000F)
        m.execute([RX(0x56, 1, 0, 0, 9)])       // O
        #expect(m[1] == 0x0F0F_0F0F)
        m[2] = 0xF0F0_F0F0
        m.execute([RR(0x14, 1, 2)])             // NR
        #expect(m[1] == 0); #expect(m.cc == 0)
        m.execute([RR(0x16, 1, 2), RR(0x17, 1, 2)])
        #expect(m[1] == 0); #expect(m.cc == 0)
        m.execute([RX(0x55, 2, 0, 0, 9)])       // CL: F0F0F0F0 > 0F0F0F0F
        #expect(m.cc == 2)
    }

    @Test func immediateInstructionsAndTestUnderMask() {
        let m = TestMachine()
        m[5] = 0x2000
        m.execute([SI(0x92, 0xA5, 0, 5)])        // MVI
        #expect(m.storage.byte(at: 0x2000) == 0xA5)
        m.execute([SI(0x91, 0x82, 0, 5)]); #expect(m.cc == 1)   // TM mixed
        m.execute([SI(0x91, 0x21, 0, 5)]); #expect(m.cc == 3)   // all ones
        m.execute([SI(0x91, 0x42, 0, 5)]); #expect(m.cc == 0)   // all zeros
        m.execute([SI(0x91, 0x00, 0, 5)]); #expect(m.cc == 0)   // zero mask
        m.execute([SI(0x94, 0x0F, 0, 5)]); #expect(m.storage.byte(at: 0x2000) == 0x05); #expect(m.cc == 1)
        m.execute([SI(0x96, 0xF0, 0, 5)]); #expect(m.storage.byte(at: 0x2000) == 0xF5)
        m.execute([SI(0x97, 0xF5, 0, 5)]); #expect(m.storage.byte(at: 0x2000) == 0x00); #expect(m.cc == 0)
        m.execute([SI(0x95, 0x01, 0, 5)]); #expect(m.cc == 1)   // CLI 00 < 01
        m.storage.setByte(0x7F, at: 0x2001)
        m.execute([SI(0x93, 0, 1, 5)])           // TS
        #expect(m.cc == 0); #expect(m.storage.byte(at: 0x2001) == 0xFF)
        m.execute([SI(0x93, 0, 1, 5)]); #expect(m.cc == 1)
    }

    @Test func insertAndStoreCharacters() {
        let m = TestMachine()
        m.load([0x12, 0x34, 0x56, 0x78], at: 0x2000)
        m[5] = 0x2000; m[1] = 0xAABB_CCDD
        m.execute([RX(0x43, 1, 1, 0, 5)])        // IC
        #expect(m[1] == 0xAABB_CC34)
        m.execute([RX(0x42, 1, 3, 0, 5)])        // STC
        #expect(m.storage.byte(at: 0x2003) == 0x34)
        // ICM with mask 1010: bytes 0 and 2 from two storage bytes.
        m[2] = 0
        m.execute([RS(0xBF, 2, 0b1010, 0, 5)])
        #expect(m[2] == 0x1200_3400); #expect(m.cc == 2)
        m.storage.setByte(0x80, at: 0x2000)
        m.execute([RS(0xBF, 2, 0b1000, 0, 5)]); #expect(m.cc == 1)
        m.execute([RS(0xBF, 2, 0, 0, 5)]); #expect(m.cc == 0)
        m[3] = 0x0102_0304
        m.execute([RS(0xBE, 3, 0b0101, 0x10, 5)])   // STCM
        #expect(m.storage.bytes(at: 0x2010, count: 2) == [0x02, 0x04])
        m.execute([RS(0xBD, 3, 0b0101, 0x10, 5)]); #expect(m.cc == 0)   // CLM equal
        m.execute([RS(0xBD, 3, 0b1100, 0x10, 5)]); #expect(m.cc == 1)   // 01 < 02
    }

    @Test func logicalShifts() {
        let m = TestMachine()
        m[1] = 0x8000_0001
        m.execute([RS(0x88, 1, 0, 1)]); #expect(m[1] == 0x4000_0000)
        m.execute([RS(0x89, 1, 0, 1)]); #expect(m[1] == 0x8000_0000)
        m.execute([RS(0x89, 1, 0, 32)]); #expect(m[1] == 0)
        m[2] = 0x0000_0001; m[3] = 0x8000_0000
        m.execute([RS(0x8D, 2, 0, 1)])             // SLDL
        #expect(m[2] == 3 && m[3] == 0)
        m.execute([RS(0x8C, 2, 0, 33)])            // SRDL
        #expect(m[2] == 0 && m[3] == 1)
        m.execute([RS(0x8C, 3, 0, 1)])
        #expect(m.programInterruptionCode == 0x0006)
    }

    @Test func moveCharactersPropagatesOnOverlap() {
        let m = TestMachine()
        m.load([0x40] + [UInt8](repeating: 0xEE, count: 9), at: 0x2000)
        m[5] = 0x2000
        // MVC 1(9,5),0(5): the classic blank propagation.
        m.execute([SS(0xD2, length: 9, 1, 5, 0, 5)])
        #expect(m.storage.bytes(at: 0x2000, count: 10) == [UInt8](repeating: 0x40, count: 10))
        m.load(Array(1...8), at: 0x3000)
        m[6] = 0x3000
        m.execute([SS(0xD2, length: 8, 0x100, 6, 0, 6)])
        #expect(m.storage.bytes(at: 0x3100, count: 8) == Array(1...8))
    }

    @Test func moveAcrossPageBoundaryAndProtection() {
        let m = TestMachine()
        m.load(Array(0..<32), at: 0x27F0)
        m[5] = 0x27F0; m[6] = 0x4000
        m.execute([SS(0xD2, length: 32, 0, 6, 0, 5)])
        #expect(m.storage.bytes(at: 0x4000, count: 32) == Array(0..<32))
        // Store protection on the second page of the destination: nothing is moved.
        m.storage.setKey(0x30, at: 0x4800)
        m[7] = 0x47F0
        m.execute([SS(0xD2, length: 32, 0, 7, 0, 5)], psw: bcPSW(address: testOrigin, key: 2))
        #expect(m.programInterruptionCode == 0x0004)
        #expect(m.storage.bytes(at: 0x47F0, count: 16) == [UInt8](repeating: 0, count: 16))
    }

    @Test func compareLogicalCharacters() {
        let m = TestMachine()
        m.load([1, 2, 3, 4], at: 0x2000); m.load([1, 2, 4, 0], at: 0x2010)
        m[5] = 0x2000
        m.execute([SS(0xD5, length: 4, 0, 5, 0x10, 5)]); #expect(m.cc == 1)
        m.execute([SS(0xD5, length: 2, 0, 5, 0x10, 5)]); #expect(m.cc == 0)
        m.execute([SS(0xD5, length: 4, 0x10, 5, 0, 5)]); #expect(m.cc == 2)
    }

    @Test func characterBooleansAndZonesNumerics() {
        let m = TestMachine()
        m.load([0xF1, 0xF2, 0xF3], at: 0x2000); m.load([0xC4, 0xC5, 0xC6], at: 0x2010)
        m[5] = 0x2000
        m.execute([SS(0xD1, length: 3, 0, 5, 0x10, 5)])      // MVN
        #expect(m.storage.bytes(at: 0x2000, count: 3) == [0xF4, 0xF5, 0xF6])
        m.execute([SS(0xD3, length: 3, 0, 5, 0x10, 5)])      // MVZ
        #expect(m.storage.bytes(at: 0x2000, count: 3) == [0xC4, 0xC5, 0xC6])
        m.execute([SS(0xD7, length: 3, 0, 5, 0, 5)])         // XC with itself clears
        #expect(m.storage.bytes(at: 0x2000, count: 3) == [0, 0, 0]); #expect(m.cc == 0)
        m.execute([SS(0xD6, length: 3, 0, 5, 0x10, 5)])      // OC
        #expect(m.storage.bytes(at: 0x2000, count: 3) == [0xC4, 0xC5, 0xC6]); #expect(m.cc == 1)
        m.load([0x0F, 0xF0, 0x00], at: 0x2020)
        m.execute([SS(0xD4, length: 3, 0, 5, 0x20, 5)])      // NC
        #expect(m.storage.bytes(at: 0x2000, count: 3) == [0x04, 0xC0, 0x00])
    }

    @Test func translateAndTranslateAndTest() {
        let m = TestMachine()
        var table = [UInt8](repeating: 0, count: 256)
        for i in 0..<256 { table[i] = UInt8((i + 1) & 0xFF) }
        m.load(table, at: 0x3000)
        m.load([0x00, 0x41, 0xFF], at: 0x2000)
        m[5] = 0x2000; m[6] = 0x3000
        m.execute([SS(0xDC, length: 3, 0, 5, 0, 6)])
        #expect(m.storage.bytes(at: 0x2000, count: 3) == [0x01, 0x42, 0x00])
        // TRT: a table that is zero except for X'42'.
        var t2 = [UInt8](repeating: 0, count: 256); t2[0x42] = 0x99
        m.load(t2, at: 0x3100)
        m[1] = 0xAB00_0000; m[2] = 0x1234_5678
        m.execute([SS(0xDD, length: 3, 0, 5, 0x100, 6)])
        #expect(m.cc == 1)
        #expect(m[1] == 0xAB00_2001)
        #expect(m[2] == 0x1234_5699)
        m.execute([SS(0xDD, length: 1, 0, 5, 0x100, 6)]); #expect(m.cc == 0)
        m.execute([SS(0xDD, length: 2, 0, 5, 0x100, 6)]); #expect(m.cc == 2)
    }

    @Test func moveLongWithPaddingAndOverlap() {
        let m = TestMachine()
        m.load(Array(1...10), at: 0x2000)
        m[2] = 0x3000; m[3] = 16            // destination and its length
        m[4] = 0x2000; m[5] = 0x4000_000A   // source, pad X'40', length 10
        m.execute([RR(0x0E, 2, 4)])
        #expect(m.cc == 2)
        #expect(m.storage.bytes(at: 0x3000, count: 16) == Array(1...10) + [UInt8](repeating: 0x40, count: 6))
        #expect(m[2] == 0x3010 && m[3] == 0 && m[4] == 0x200A && m[5] == 0x4000_0000)
        // Destructive overlap: no movement, CC 3.
        m[2] = 0x2001; m[3] = 5; m[4] = 0x2000; m[5] = 5
        m.execute([RR(0x0E, 2, 4)])
        #expect(m.cc == 3)
        #expect(m.storage.bytes(at: 0x2000, count: 3) == [1, 2, 3])
        // A long clear (zero-length source, zero pad) across many pages.
        m.load([UInt8](repeating: 0xFF, count: 0x3000), at: 0x5000)
        m[2] = 0x5000; m[3] = 0x3000; m[4] = 0; m[5] = 0
        m.execute([RR(0x0E, 2, 4)])
        #expect(m.cc == 2)
        #expect(m.storage.bytes(at: 0x5000, count: 0x3000).allSatisfy { $0 == 0 })
    }

    @Test func compareLogicalLongStopsAtFirstDifference() {
        let m = TestMachine()
        m.load([1, 2, 3, 0x40, 0x40], at: 0x2000)
        m.load([1, 2, 3], at: 0x2100)
        m[2] = 0x2000; m[3] = 5; m[4] = 0x2100; m[5] = 0x4000_0003
        m.execute([RR(0x0F, 2, 4)])
        #expect(m.cc == 0)
        m.storage.setByte(0x41, at: 0x2004)
        m[2] = 0x2000; m[3] = 5; m[4] = 0x2100; m[5] = 0x4000_0003
        m.execute([RR(0x0F, 2, 4)])
        #expect(m.cc == 2)
        #expect(m[2] == 0x2004 && m[3] == 1 && m[4] == 0x2103 && m[5] == 0x4000_0000)
    }
}
