// The 3420 on AWS images: the image format (both directions, and bad
// images named with what is wrong), and the drive's commands and sense.

import Testing
import Foundation
import Channels
import DATBox

/// An AWS image with the given blocks (nil: a tape mark).
func awsImage(_ blocks: [[UInt8]?]) -> [UInt8] {
    var out: [UInt8] = []
    var prev = 0
    for b in blocks {
        let n = b?.count ?? 0
        out += [UInt8(n & 0xFF), UInt8(n >> 8), UInt8(prev & 0xFF), UInt8(prev >> 8), b == nil ? 0x40 : 0xA0, 0]
        out += b ?? []
        prev = n
    }
    return out
}

func writeFile(_ path: String, _ bytes: [UInt8]) {
    FileManager.default.createFile(atPath: path, contents: Data(bytes))
}

@Suite struct AWSTapeTests {
    @Test func readsBlocksAndTapeMarksBothWays() throws {
        let path = temporaryPath("t.aws")
        defer { unlink(path) }
        writeFile(path, awsImage([[1, 2, 3], [4, 5], nil, [6]]))
        let t = try AWSTape(path: path, readOnly: true)
        #expect(try t.readForward() == .block([1, 2, 3]))
        #expect(try t.readForward() == .block([4, 5]))
        #expect(try t.readForward() == .tapeMark)
        #expect(try t.readForward() == .block([6]))
        #expect(try t.readForward() == .endOfData)
        #expect(try t.readBackward() == .block([6]))
        #expect(try t.readBackward() == .tapeMark)
        #expect(try t.readBackward() == .block([4, 5]))
        #expect(try t.readBackward() == .block([1, 2, 3]))
        #expect(try t.readBackward() == .loadPoint)
        #expect(t.atLoadPoint)
    }

    @Test func writingErasesWhatFollowsAndLongBlocksSpanChunks() throws {
        let path = temporaryPath("w.aws")
        defer { unlink(path) }
        writeFile(path, awsImage([[1], [2], [3]]))
        let t = try AWSTape(path: path, readOnly: false)
        _ = try t.readForward()
        let long = (0..<70000).map { UInt8($0 & 0xFF) }
        try t.write(long)
        try t.writeTapeMark()
        let again = try AWSTape(path: path, readOnly: true)
        #expect(try again.readForward() == .block([1]))
        #expect(try again.readForward() == .block(long))
        #expect(try again.readForward() == .tapeMark)
        #expect(try again.readForward() == .endOfData)
        #expect(try again.readBackward() == .tapeMark)
        #expect(try again.readBackward() == .block(long))
        // The format is the Hercules one: 6-byte headers, 65,535-byte chunks.
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        #expect(bytes.count == 6 + 1 + 6 + 65535 + 6 + 4465 + 6)
        #expect(Array(bytes[7..<13]) == [0xFF, 0xFF, 1, 0, 0x80, 0])
    }

    @Test func badImagesAreNamedWithWhatIsWrong() {
        let path = temporaryPath("bad.aws")
        defer { unlink(path) }
        let cases: [([UInt8], String)] = [
            (Array(awsImage([[1, 2, 3, 4]]).dropLast(2)), "truncated AWS tape image: the block at byte 0 should have 4 bytes of data, only 2 remain"),
            ([0x50, 0, 0], "not an AWS tape image: 3 bytes, shorter than one block header (6)"),
            (awsImage([[1]]) + [2, 0], "truncated AWS tape image: 2 bytes at byte 7 are too few for a block header (6)"),
            (Array("HELLO WORLD, NOT A TAPE".utf8), "not an AWS tape image"),
            (awsImage([[1]]) + [1, 0, 9, 0, 0xA0, 0, 7], "says the block before has 9 bytes, but it has 1"),
        ]
        for (bytes, message) in cases {
            writeFile(path, bytes)
            do {
                _ = try AWSTape(path: path, readOnly: true)
                Issue.record("\(message): accepted")
            } catch let e as DeviceFileError {
                #expect(e.path == path)
                #expect(e.message.contains(message), "\(e.message)")
            } catch {
                Issue.record("\(error)")
            }
        }
        #expect(throws: DeviceFileError.self) { try AWSTape(path: path + ".none", readOnly: true) }
    }
}

@Suite struct TapeDriveTests {
    func drive(_ blocks: [[UInt8]?], readOnly: Bool = false) throws -> (Rig<Tape3420>, String) {
        let path = temporaryPath("d.aws")
        writeFile(path, awsImage(blocks))
        return (Rig(try Tape3420(path: path, readOnly: readOnly), at: 0x580), path)
    }

    @Test func readTapeMarkAndSpacing() throws {
        let (r, path) = try drive([[1, 2, 3, 4], [5, 6], nil, [7]])
        defer { unlink(path) }
        var (_, csw) = r.run([CCW(command: 0x02, dataAddress: 0x2000, count: 4)])
        #expect(csw.unitStatus == .ended && csw.channelStatus == [])
        #expect(r.storage.bytes(at: 0x2000, count: 4) == [1, 2, 3, 4])
        (_, csw) = r.run([CCW(command: 0x02, dataAddress: 0x2000, count: 4)])
        #expect(csw.channelStatus == .incorrectLength)   // a short block
        #expect(csw.count == 2)
        (_, csw) = r.run([CCW(command: 0x02, dataAddress: 0x2000, flags: .suppressLength, count: 4)])
        #expect(csw.unitStatus == [.channelEnd, .deviceEnd, .unitException])   // the tape mark
        (_, csw) = r.run([CCW(command: 0x27, dataAddress: 0, count: 1)])             // back over it
        #expect(csw.unitStatus == [.channelEnd, .deviceEnd, .unitException])
        (_, csw) = r.run([CCW(command: 0x2F, dataAddress: 0, count: 1)])             // to the load-point side of the mark before... none: load point
        #expect(r.device.tape?.atLoadPoint == true)
        (_, csw) = r.run([CCW(command: 0x3F, dataAddress: 0, count: 1)])             // forward space file
        #expect(csw.unitStatus == .ended)
        (_, csw) = r.run([CCW(command: 0x02, dataAddress: 0x2000, flags: .suppressLength, count: 4)])
        #expect(r.storage.byte(at: 0x2000) == 7)
        (_, csw) = r.run([CCW(command: 0x37, dataAddress: 0, count: 1)])             // nothing more: blank tape
        #expect(csw.unitStatus == [.channelEnd, .deviceEnd, .unitCheck])
        #expect(r.device.sense[0] == 0x08)
    }

    @Test func readBackwardStoresFromTheEnd() throws {
        let (r, path) = try drive([[1, 2, 3]])
        defer { unlink(path) }
        _ = r.run([CCW(command: 0x37, dataAddress: 0, count: 1)])
        let (_, csw) = r.run([CCW(command: 0x0C, dataAddress: 0x2000, count: 3)])
        #expect(csw.unitStatus == .ended && csw.channelStatus == [])
        #expect(r.storage.bytes(at: 0x2000, count: 3) == [1, 2, 3])
        #expect(r.device.tape?.atLoadPoint == true)
    }

    @Test func writeTapeMarkAndRewind() throws {
        let (r, path) = try drive([])
        defer { unlink(path) }
        r.storage.load([9, 8, 7], at: 0x2000)
        _ = r.run([CCW(command: 0x01, dataAddress: 0x2000, count: 3), ])
        _ = r.run([CCW(command: 0x1F, dataAddress: 0, count: 1)])
        // Rewind: channel end at once (immediate: CC 1), device end later.
        r.program([CCW(command: 0x07, dataAddress: 0, count: 1)])
        #expect(r.io(.startIO) == 1)
        #expect(r.csw.unitStatus == .channelEnd)
        r.finish()
        #expect(r.interrupt() == 0x580)
        #expect(r.csw.unitStatus == .deviceEnd)
        #expect(r.device.sense[1] & 0x08 != 0)   // load point
        #expect(try [UInt8](Data(contentsOf: URL(fileURLWithPath: path))) == awsImage([[9, 8, 7], nil]))
    }

    @Test func withoutAWriteRingWritesAreRejected() throws {
        let (r, path) = try drive([[1]], readOnly: true)
        defer { unlink(path) }
        for code: UInt8 in [0x01, 0x1F, 0x97] {
            r.program([CCW(command: code, dataAddress: 0x2000, count: 1)])
            #expect(r.io(.startIO) == 1)
            #expect(r.csw.unitStatus == .unitCheck)
            #expect(r.device.sense[0] == 0x80)
            #expect(r.device.sense[1] & 0x02 != 0)   // file protected
        }
        // Rewind-unload leaves the drive not ready.
        _ = r.run([CCW(command: 0x0F, dataAddress: 0, count: 1)])
        r.program([CCW(command: 0x02, dataAddress: 0x2000, count: 1)])
        #expect(r.io(.startIO) == 1)
        #expect(r.csw.unitStatus == .busy)        // still unloading
        r.finish()
        r.interrupt()
        #expect(r.io(.startIO) == 1)
        #expect(r.csw.unitStatus == .unitCheck)
        #expect(r.device.sense[0] == 0x40)
        #expect(r.device.sense[1] == 0x20)
        r.program([CCW(command: 0xE4, dataAddress: 0x2000, count: 7)])
        #expect(r.io(.startIO) == 1)
    }
}
