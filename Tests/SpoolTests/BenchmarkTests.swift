// The spool's benchmark (issue 7): a 100,000-card deck punched on a virtual
// punch through channel programs, closed into a user's reader, and read back
// through a virtual reader, card for card, in under 5 seconds.

import Channels
import DATBox
import Foundation
import Records
import Spool
import Testing

@Suite struct BenchmarkTests {
    /// The card `n` of the deck, as EBCDIC: "CARD nnnnnn" and a pattern that differs card by card.
    static func card(_ n: Int) -> [UInt8] {
        var c = CardImage(text: "CARD " + String(100_000_000 + n).dropFirst(3)).columns
        for i in 20..<80 { c[i] = UInt8(truncatingIfNeeded: 0xC1 + (n + i) % 9) }
        return c
    }

    @Test func aHundredThousandCardsThroughAPunchAndAReader() throws {
        let total = 100_000, batch = 1_000
        let spool = try openSpool()
        let punch = spool.makePunch(userid: "USERA", address: 0x00D)
        punch.settings.destination = .toUser("USERB")
        let reader = spool.makeReader(userid: "USERB", address: 0x00C)
        let rig = DeviceRig([(0x00D, punch), (0x00C, reader)], storageSize: 256 << 10)
        let data: UInt32 = 0x10000
        // One channel program of `batch` command-chained CCWs, each on its own card area.
        func program(_ command: UInt8) {
            for i in 0..<batch {
                let flags: CCWFlags = i == batch - 1 ? [] : .chainCommand
                let ccw = CCW(command: command, dataAddress: data + UInt32(80 * i), flags: flags, count: 80)
                rig.storage.setDoubleword(ccw.doubleword, at: 0x1000 + UInt32(8 * i))
            }
        }
        let t0 = Date()
        program(0x01)
        for b in 0..<(total / batch) {
            for i in 0..<batch { rig.storage.load(Self.card(b * batch + i), at: data + UInt32(80 * i)) }
            let csw = try #require(try? rig.channels.runSynchronously(device: 0x00D, channelProgram: 0x1000, key: 0).get())
            #expect(csw.unitStatus == ended && csw.channelStatus == [], "punch batch \(b)")
        }
        guard case .closed(let f, _) = try punch.close() else { Issue.record("nothing closed"); return }
        #expect(f.records == total && f.owner == "USERB" && f.queue == .reader)
        let t1 = Date()
        program(0x02)
        var mismatches = 0
        for b in 0..<(total / batch) {
            let csw = try #require(try? rig.channels.runSynchronously(device: 0x00C, channelProgram: 0x1000, key: 0).get())
            #expect(csw.unitStatus == ended && csw.channelStatus == [], "reader batch \(b)")
            for i in 0..<batch where rig.storage.bytes(at: data + UInt32(80 * i), count: 80) != Self.card(b * batch + i) {
                mismatches += 1
            }
        }
        // The read after the last card: unit exception; the file read is purged.
        let end = try #require(try? rig.channels.runSynchronously(device: 0x00C, channelProgram: 0x1000, key: 0).get())
        let t2 = Date()
        #expect(end.unitStatus == [.channelEnd, .deviceEnd, .unitException])
        #expect(mismatches == 0)
        #expect(spool.allFiles.isEmpty)
        let punchSeconds = t1.timeIntervalSince(t0), readSeconds = t2.timeIntervalSince(t1)
        print(String(format: "spool benchmark: %d cards punched and closed in %.2f s, read back in %.2f s, %.2f s in all",
                     total, punchSeconds, readSeconds, punchSeconds + readSeconds))
        #if !DEBUG
        // Optimised builds (make test): the issue's bound. Measured here well under it.
        #expect(punchSeconds + readSeconds < 5)
        #endif
    }
}
