// Hercules CKD and CCKD images: our images as Hercules lays them out,
// Hercules' images read (zlib and bzip2 tracks), tracks written and read
// back through a rewrite, and bad images named with what is wrong.

import Testing
import Foundation
import Channels
import Records

@Suite struct CKDImageTests {
    @Test func herculesCompressedImagesAreRead() throws {
        for (name, data) in [("zlib", HerculesImages.zlib), ("bzip2", HerculesImages.bzip2)] {
            let path = temporaryPath("herc-\(name).cckd")
            defer { unlink(path) }
            try data.write(to: URL(fileURLWithPath: path))
            let image = try CKDImages.open(path: path, readOnly: true)
            #expect(image.format == .compressed(name == "zlib" ? .zlib : .bzip2))
            #expect(image.geometry.name == "3330" && image.geometry.cylinders == 2)
            let t0 = try image.readTrack(0)
            #expect(t0.records.map(\.record) == [0, 1, 2, 3, 4])
            #expect(EBCDIC.decode(t0.records[3].data[0..<10]) == "VOL1TINY01")
            // The text record: the LPSW, the wait PSW, and the repeated text.
            let text = t0.records[4].data
            #expect(text.count == 1096)
            #expect(Array(text[0..<4]) == [0x82, 0x00, 0x20, 0x08])
            #expect(EBCDIC.decode(text[16..<34]) == "COMPRESSIBLE TEXT ")
            // Null tracks come back as R0 alone.
            #expect(try image.readTrack(37).records.count == 1)
        }
    }

    @Test func newVolumesAreLaidOutAsHerculesLaysThemOut() throws {
        let path = temporaryPath("new.cckd")
        defer { unlink(path) }
        try CKDVolume.initialize(path: path, geometry: .ibm3330, serial: "ab12", format: .compressed(.zlib))
        let bytes = try HostFile(path: path, mode: .read).readAll()
        #expect(Array(bytes[0..<8]) == Array("CKD_C370".utf8))
        #expect(Array(bytes[8..<20]) == [19, 0, 0, 0, 0x00, 0x34, 0, 0, 0x30, 0, 0, 0])   // heads, 13312, X'30'
        #expect(Array(bytes[512..<516]) == [0, 3, 1, 0x41])                                  // version, options
        #expect(Array(bytes[516..<520]) == [31, 0, 0, 0])                                    // L1 entries for 7,809 tracks
        #expect(Array(bytes[552..<556]) == [0x9B, 1, 0, 0])                                  // 411 cylinders
        #expect(bytes[556] == 1)                                                             // null tracks: R0 alone
        // Track 1 is a null track of format 1 in the L2 table of tracks 0-255.
        let l2 = Int(bytes[1024]) | Int(bytes[1025]) << 8
        #expect(Array(bytes[l2 + 8..<l2 + 16]) == [0, 0, 0, 0, 1, 0, 1, 0])
        let image = try CKDImages.open(path: path, readOnly: true)
        let label = VolumeLabel(data: try image.readTrack(0).records[3].data)
        #expect(label?.serial == "AB12  ")
        #expect(label.map { $0.vtoc == (0, 1, 1) } == true)
    }

    @Test func writtenTracksSurviveTheRewriteInEveryCompression() throws {
        for how in [TrackCompression.zlib, .bzip2] {
            let path = temporaryPath("rw.cckd")
            defer { unlink(path) }
            try CKDVolume.initialize(path: path, geometry: CKDGeometry.ibm3350.with(cylinders: 2), serial: "RW0001",
                                     format: .compressed(how))
            let image = try CKDImages.open(path: path, readOnly: false)
            var t = CKDTrack.empty(cylinder: 1, head: 29)
            t.records.append(CKDRecord(cylinder: 1, head: 29, record: 1, key: [1], data: Array(repeating: 0x11, count: 4000)))
            try image.writeTrack(59, t)
            #expect(try image.readTrack(59) == t)      // before the flush, from memory
            try image.flush()
            #expect(try image.readTrack(59) == t)      // after, from the new file
            let reopened = try CKDImages.open(path: path, readOnly: true)
            #expect(try reopened.readTrack(59) == t)
            #expect(reopened.geometry.name == "3350")
            #expect(try HostFile(path: path, mode: .read).size() < 4000)   // compressed
        }
    }

    @Test func badImagesAreNamedWithWhatIsWrong() throws {
        let path = temporaryPath("bad.ckd")
        defer { unlink(path) }
        let good = temporaryPath("good.ckd")
        defer { unlink(good) }
        try CKDVolume.initialize(path: good, geometry: CKDGeometry.ibm3330.with(cylinders: 1), serial: "GOOD01", format: .plain)
        let plain = try HostFile(path: good, mode: .read).readAll()
        let compressed = temporaryPath("good.cckd")
        defer { unlink(compressed) }
        try CKDVolume.initialize(path: compressed, geometry: .ibm3330, serial: "GOOD02", format: .compressed(.zlib))
        let cckd = try HostFile(path: compressed, mode: .read).readAll()
        var fba = plain
        fba.replaceSubrange(0..<8, with: Array("FBA_C370".utf8))
        var otherType = plain
        otherType[16] = 0x90
        let cases: [([UInt8], String)] = [
            (Array(plain.dropLast(100)), "wrong size for a CKD image"),
            (Array(plain[0..<300]), "smaller than the 512-byte device header"),
            (Array("just some text, not a disk".utf8) + [UInt8](repeating: 0x20, count: 600), "not a Hercules CKD disk image: it begins with 'just som'"),
            (fba, "an FBA disk image"),
            (otherType, "device type X'90'"),
            (Array(cckd.dropLast(50)), "truncated CCKD image"),
        ]
        for (bytes, message) in cases {
            writeFile(path, bytes)
            do {
                _ = try CKDImages.open(path: path, readOnly: true)
                Issue.record("\(message): accepted")
            } catch let e as DeviceFileError {
                #expect(e.path == path)
                #expect(e.message.contains(message), "\(e.message)")
            }
        }
    }

    @Test func aDamagedTrackIsAUnitCheckForTheProgramNotACrash() throws {
        let path = temporaryPath("damaged.ckd")
        defer { unlink(path) }
        try CKDVolume.initialize(path: path, geometry: CKDGeometry.ibm3330.with(cylinders: 1), serial: "DAMAGE", format: .plain)
        // Track 1 loses its end-of-track marker: every byte X'01'.
        let f = try HostFile(path: path, mode: .update)
        try f.write([UInt8](repeating: 1, count: 13312), at: 512 + 13312)
        let r = Rig(try CKDDisk(path: path, readOnly: false), at: 0x131)
        seekAndSearch(r, cylinder: 0, head: 1, record: 1)
        let (_, csw) = r.run(findRecord(CCW(command: 0x06, dataAddress: 0x2000, count: 8)))
        #expect(csw.unitStatus.contains(.unitCheck))
        #expect(r.device.sense[0] == 0x10)   // equipment check
    }
}
