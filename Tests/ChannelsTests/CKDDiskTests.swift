// The 3330/3350 CKD commands through channel programs: seek, searches with
// status modifier and TIC loops, reads, writes, multitrack, the file mask,
// no record found, end of cylinder and the sense bytes.

import Testing
import Foundation
import Channels
import DATBox
import Records

/// A 3330 of `cylinders` cylinders, labelled, on a temporary CCKD image.
func diskRig(cylinders: Int = 3, readOnly: Bool = false, format: CKDImageFormat = .compressed(.zlib))
    throws -> (Rig<CKDDisk>, String) {
    let path = temporaryPath("disk.cckd")
    try CKDVolume.initialize(path: path, geometry: CKDGeometry.ibm3330.with(cylinders: cylinders), serial: "TEST01",
                             format: format)
    return (Rig(try CKDDisk(path: path, readOnly: readOnly), at: 0x131), path)
}

/// Seek argument BBCCHH and search argument CCHHR placed at 0x1800.
func seekAndSearch(_ r: Rig<CKDDisk>, cylinder: UInt16, head: UInt16, record: UInt8) {
    r.storage.load([0, 0, UInt8(cylinder >> 8), UInt8(cylinder & 0xFF), UInt8(head >> 8), UInt8(head & 0xFF)], at: 0x1800)
    r.storage.load([UInt8(cylinder >> 8), UInt8(cylinder & 0xFF), UInt8(head >> 8), UInt8(head & 0xFF), record], at: 0x1808)
}

/// Seek; Search ID Equal; TIC *-8; then `then`.
func findRecord(_ then: CCW) -> [CCW] {
    [CCW(command: 0x07, dataAddress: 0x1800, flags: .chainCommand, count: 6),
     CCW(command: 0x31, dataAddress: 0x1808, flags: .chainCommand, count: 5),
     CCW(command: 0x08, dataAddress: 0x1008, count: 1),
     then]
}

@Suite struct CKDDiskTests {
    @Test func searchIDLoopsUntilTheRecordThenReads() throws {
        let (r, path) = try diskRig()
        defer { unlink(path) }
        seekAndSearch(r, cylinder: 0, head: 0, record: 3)
        let (cc, csw) = r.run(findRecord(CCW(command: 0x06, dataAddress: 0x2000, count: 80)))
        #expect(cc == 0)
        #expect(csw.unitStatus == .ended && csw.channelStatus == [])
        #expect(csw.ccwAddress == 0x1020)
        #expect(EBCDIC.decode(r.storage.bytes(at: 0x2000, count: 10)) == "VOL1TEST01")
        // Search ID Equal was tried on R0, R1, R2 and R3; the TIC looped back three times.
        #expect(r.device.image.geometry.name == "3330")
    }

    @Test func noRecordFoundAfterTwoIndexPoints() throws {
        let (r, path) = try diskRig()
        defer { unlink(path) }
        seekAndSearch(r, cylinder: 0, head: 0, record: 9)
        let (_, csw) = r.run(findRecord(CCW(command: 0x06, dataAddress: 0x2000, count: 80)))
        #expect(csw.unitStatus == [.channelEnd, .deviceEnd, .unitCheck])
        #expect(csw.ccwAddress == 0x1010)
        #expect(r.device.sense[1] == 0x08)
        #expect(r.device.sense.count == 24)
    }

    @Test func homeAddressRecordZeroAndCounts() throws {
        let (r, path) = try diskRig()
        defer { unlink(path) }
        seekAndSearch(r, cylinder: 0, head: 0, record: 0)
        let (_, csw) = r.run([
            CCW(command: 0x07, dataAddress: 0x1800, flags: .chainCommand, count: 6),
            CCW(command: 0x1A, dataAddress: 0x2000, flags: .chainCommand, count: 5),
            CCW(command: 0x16, dataAddress: 0x2010, flags: .chainCommand, count: 16),
            CCW(command: 0x12, dataAddress: 0x2020, flags: .chainCommand, count: 8),
            CCW(command: 0x1E, dataAddress: 0x2030, flags: .chainCommand, count: 8 + 4 + 144),
            CCW(command: 0x0E, dataAddress: 0x2100, count: 84),
        ])
        #expect(csw.unitStatus == .ended && csw.channelStatus == [])
        #expect(r.storage.bytes(at: 0x2000, count: 5) == [0, 0, 0, 0, 0])
        #expect(r.storage.bytes(at: 0x2010, count: 8) == [0, 0, 0, 0, 0, 0, 0, 8])
        #expect(r.storage.bytes(at: 0x2020, count: 8) == [0, 0, 0, 0, 1, 4, 0, 24])   // R1 (R0 skipped)
        #expect(r.storage.bytes(at: 0x2030, count: 8) == [0, 0, 0, 0, 2, 4, 0, 144]) // R2
        #expect(EBCDIC.decode(r.storage.bytes(at: 0x2038, count: 4)) == "IPL2")
        #expect(EBCDIC.decode(r.storage.bytes(at: 0x2100, count: 8)) == "VOL1VOL1")   // key and data of R3
    }

    @Test func writeRecordsThenReadAndEndOfFile() throws {
        let (r, path) = try diskRig()
        defer { unlink(path) }
        // Cylinder 1 head 2: after its R0, R1 with a key and 100 bytes, and an end-of-file R2.
        seekAndSearch(r, cylinder: 1, head: 2, record: 0)
        r.storage.load([0, 1, 0, 2, 1, 3, 0, 100] + EBCDIC.encode("KEY") + [UInt8](repeating: 0xAB, count: 100), at: 0x3000)
        r.storage.load([0, 1, 0, 2, 2, 0, 0, 0], at: 0x3100)
        var (_, csw) = r.run(findRecord(CCW(command: 0x1D, dataAddress: 0x3000, flags: .chainCommand, count: 111))
                             + [CCW(command: 0x1D, dataAddress: 0x3100, count: 8)])
        #expect(csw.unitStatus == .ended && csw.channelStatus == [])
        // Read R1 by key.
        r.storage.load(EBCDIC.encode("KEY"), at: 0x1810)
        (_, csw) = r.run([
            CCW(command: 0x07, dataAddress: 0x1800, flags: .chainCommand, count: 6),
            CCW(command: 0x29, dataAddress: 0x1810, flags: .chainCommand, count: 3),
            CCW(command: 0x08, dataAddress: 0x1008, count: 1),
            CCW(command: 0x06, dataAddress: 0x4000, count: 100),
        ])
        #expect(csw.channelStatus == [])
        #expect(r.storage.bytes(at: 0x4000, count: 100) == [UInt8](repeating: 0xAB, count: 100))
        // Reading on reaches the end-of-file record: unit exception.
        seekAndSearch(r, cylinder: 1, head: 2, record: 2)
        (_, csw) = r.run(findRecord(CCW(command: 0x06, dataAddress: 0x4000, flags: .suppressLength, count: 100)))
        #expect(csw.unitStatus == [.channelEnd, .deviceEnd, .unitException])
        // Write Data replaces R1's data after a satisfied Search ID Equal; its length stays.
        seekAndSearch(r, cylinder: 1, head: 2, record: 1)
        r.storage.load([UInt8](repeating: 0xCD, count: 100), at: 0x3200)
        (_, csw) = r.run(findRecord(CCW(command: 0x05, dataAddress: 0x3200, count: 100)))
        #expect(csw.unitStatus == .ended && csw.channelStatus == [])
        (_, csw) = r.run(findRecord(CCW(command: 0x0E, dataAddress: 0x4000, count: 103)))
        #expect(r.storage.bytes(at: 0x4003, count: 100) == [UInt8](repeating: 0xCD, count: 100))
        // The image keeps it: a new drive on the same file reads it.
        try r.device.flush()
        let again = Rig(try CKDDisk(path: path, readOnly: true), at: 0x131)
        seekAndSearch(again, cylinder: 1, head: 2, record: 1)
        (_, csw) = again.run(findRecord(CCW(command: 0x06, dataAddress: 0x4000, count: 100)))
        #expect(again.storage.bytes(at: 0x4000, count: 100) == [UInt8](repeating: 0xCD, count: 100))
    }

    @Test func writesNeedTheirOrientation() throws {
        let (r, path) = try diskRig()
        defer { unlink(path) }
        seekAndSearch(r, cylinder: 1, head: 0, record: 0)
        // Write Data straight after a seek: command reject.
        r.storage.load([UInt8](repeating: 1, count: 8), at: 0x3000)
        let (_, csw) = r.run([
            CCW(command: 0x07, dataAddress: 0x1800, flags: .chainCommand, count: 6),
            CCW(command: 0x05, dataAddress: 0x3000, count: 8),
        ])
        #expect(csw.unitStatus == .unitCheck)
        #expect(csw.ccwAddress == 0x1010)
        #expect(r.device.sense[0] == 0x80)
    }

    @Test func aRecordTooBigForTheTrackIsRefused() throws {
        let (r, path) = try diskRig()
        defer { unlink(path) }
        seekAndSearch(r, cylinder: 1, head: 0, record: 0)
        // 13,030 bytes fit one 3330 track; 13,031 do not.
        for (dl, fits) in [(13031, false), (13030, true)] {
            r.storage.load([0, 1, 0, 0, 1, 0, UInt8(dl >> 8), UInt8(dl & 0xFF)], at: 0x3000)
            let (_, csw) = r.run(findRecord(CCW(command: 0x1D, dataAddress: 0x3000, count: UInt16(8 + dl))))
            #expect(csw.unitStatus == (fits ? .ended : [.channelEnd, .deviceEnd, .unitCheck]), "\(dl)")
            if !fits { #expect(r.device.sense[1] == 0x40) }
        }
    }

    @Test func multitrackGoesOnToTheNextHeadUpToTheEndOfTheCylinder() throws {
        let (r, path) = try diskRig()
        defer { unlink(path) }
        // Read Count multitrack from cylinder 0 head 0: R1-R3, then nothing until the last head.
        seekAndSearch(r, cylinder: 0, head: 0, record: 0)
        var ccws = [CCW(command: 0x07, dataAddress: 0x1800, flags: .chainCommand, count: 6)]
        for i in 0..<4 { ccws.append(CCW(command: 0x92, dataAddress: 0x2000 + UInt32(8 * i), flags: .chainCommand, count: 8)) }
        ccws[ccws.count - 1].flags = []
        let (_, csw) = r.run(ccws)
        #expect(csw.unitStatus == [.channelEnd, .deviceEnd, .unitCheck])
        #expect(r.device.sense[1] == 0x20)   // end of cylinder
        #expect(r.device.head == 18)
        // With the file mask inhibiting multitrack: file protected at the index point.
        r.storage.setByte(0x18, at: 0x1820)
        let (_, csw2) = r.run([
            CCW(command: 0x07, dataAddress: 0x1800, flags: .chainCommand, count: 6),
            CCW(command: 0x1F, dataAddress: 0x1820, flags: .chainCommand, count: 1),
            CCW(command: 0x92, dataAddress: 0x2000, flags: .chainCommand, count: 8),
            CCW(command: 0x92, dataAddress: 0x2000, flags: .chainCommand, count: 8),
            CCW(command: 0x92, dataAddress: 0x2000, flags: .chainCommand, count: 8),
            CCW(command: 0x92, dataAddress: 0x2000, count: 8),
        ])
        #expect(csw2.unitStatus == [.channelEnd, .deviceEnd, .unitCheck])
        #expect(r.device.sense[0] == 0x80 && r.device.sense[1] == 0x04)
    }

    @Test func theFileMaskAndSeekChecks() throws {
        let (r, path) = try diskRig()
        defer { unlink(path) }
        seekAndSearch(r, cylinder: 0, head: 0, record: 3)
        // Mask X'40' inhibits every write.
        r.storage.setByte(0x40, at: 0x1820)
        r.storage.load([UInt8](repeating: 0, count: 80), at: 0x3000)
        var (_, csw) = r.run([
            CCW(command: 0x1F, dataAddress: 0x1820, flags: .chainCommand, count: 1),
            CCW(command: 0x07, dataAddress: 0x1800, flags: .chainCommand, count: 6),
            CCW(command: 0x31, dataAddress: 0x1808, flags: .chainCommand, count: 5),
            CCW(command: 0x08, dataAddress: 0x1010, count: 1),
            CCW(command: 0x05, dataAddress: 0x3000, count: 80),
        ])
        #expect(csw.unitStatus == .unitCheck)
        #expect(r.device.sense[1] == 0x04)
        // A second Set File Mask in a chain is rejected.
        (_, csw) = r.run([CCW(command: 0x1F, dataAddress: 0x1820, flags: .chainCommand, count: 1),
                          CCW(command: 0x1F, dataAddress: 0x1820, count: 1)])
        #expect(csw.unitStatus == [.channelEnd, .deviceEnd, .unitCheck])
        // Seek off the volume.
        r.storage.load([0, 0, 0, 9, 0, 0], at: 0x1830)
        (_, csw) = r.run([CCW(command: 0x07, dataAddress: 0x1830, count: 6)])
        #expect(csw.unitStatus == [.channelEnd, .deviceEnd, .unitCheck])
        #expect(r.device.sense[0] == 0x80)
        // An unknown command; Sense ID (a 3880 command) is not a 3830's.
        for code: UInt8 in [0xE4, 0x0F, 0x09] {
            r.program([CCW(command: code, dataAddress: 0x2000, count: 8)])
            #expect(r.io(.startIO) == 1, "command \(code)")
        }
    }

    @Test func readIPLAndReadOnlyImages() throws {
        let (r, path) = try diskRig(readOnly: true)
        defer { unlink(path) }
        let (_, csw) = r.run([CCW(command: 0x02, dataAddress: 0x2000, count: 24)])
        #expect(csw.unitStatus == .ended && csw.channelStatus == [])
        #expect(r.storage.bytes(at: 0x2000, count: 8) == [0, 2, 0, 0, 0, 0, 0, 0])
        seekAndSearch(r, cylinder: 0, head: 0, record: 3)
        r.program(findRecord(CCW(command: 0x05, dataAddress: 0x3000, count: 80)))
        #expect(r.io(.startIO) == 0)
        r.finish()
        r.interrupt()
        #expect(r.csw.unitStatus == .unitCheck)
        #expect(r.device.sense[1] == 0x02)   // write inhibited
    }

    @Test func uncompressedImagesWorkTheSame() throws {
        let (r, path) = try diskRig(cylinders: 2, format: .plain)
        defer { unlink(path) }
        #expect(try HostFile(path: path, mode: .read).size() == 512 + 2 * 19 * 13312)
        seekAndSearch(r, cylinder: 1, head: 18, record: 0)
        r.storage.load([0, 1, 0, 18, 1, 0, 0, 4, 1, 2, 3, 4], at: 0x3000)
        _ = r.run(findRecord(CCW(command: 0x1D, dataAddress: 0x3000, count: 12)))
        let image = try CKDImages.open(path: path, readOnly: true)
        let t = try image.readTrack(2 * 19 - 1)
        #expect(t.records.map(\.data) == [[UInt8](repeating: 0, count: 8), [1, 2, 3, 4]])
        #expect(image.format == .plain)
    }
}
