// Channel-program checks and protection checks (PoO, "Program Check",
// "Protection Check", and the table of CSW contents): each with the CSW's
// CCW address, status and condition code.

import Testing
import Channels
import DATBox

@Suite struct ProgramCheckTests {
    /// Starts `ccws` (at 0x1000) with `caw`; returns the condition code and the CSW.
    func start(_ ccws: [CCW], caw: UInt32? = nil) -> (UInt8, CSW, ChannelRig) {
        let r = ChannelRig()
        r.program(ccws)
        if let caw { r.storage.setWord(caw, at: 72) }
        let cc = r.io(.startIO)
        if cc == 0 {
            r.finish()
            r.interrupt()
        }
        return (cc, r.csw, r)
    }

    @Test func checksInTheCAWOrFirstCCWGiveConditionCode1() {
        let read = CCW(command: 0x02, dataAddress: 0x2000, count: 80)
        let cases: [(String, [CCW], UInt32?, UInt32)] = [
            ("CAW bits 4-7 not zero", [read], 0x0100_1000, 0x1008),
            ("CCW address not on a doubleword", [read], 0x0000_1004, 0x100C),
            ("CCW address not installed", [read], 0x00FF_0000, 0xFF_0008),
            ("invalid command code", [CCW(command: 0x10, dataAddress: 0x2000, count: 80)], nil, 0x1008),
            ("count zero", [CCW(command: 0x02, dataAddress: 0x2000, count: 0)], nil, 0x1008),
            ("flag bits 38-39", [CCW(command: 0x02, dataAddress: 0x2000, flags: CCWFlags(rawValue: 0x01), count: 80)], nil, 0x1008),
            ("TIC as the first CCW", [CCW(command: 0x08, dataAddress: 0x1800, count: 1)], nil, 0x1008),
            ("IDAW list not on a word", [CCW(command: 0x02, dataAddress: 0x1802, flags: .indirectData, count: 80)], nil, 0x1008),
        ]
        for (what, ccws, caw, address) in cases {
            let (cc, csw, r) = start(ccws, caw: caw)
            #expect(cc == 1, "\(what)")
            #expect(csw.channelStatus == .programCheck, "\(what)")
            #expect(csw.unitStatus == [], "\(what)")
            #expect(csw.ccwAddress == address, "\(what)")
            #expect(r.device.commands.isEmpty, "\(what): the device is not selected")
            #expect(r.channels.pendingChannels == 0, "\(what): no interruption")
        }
    }

    @Test func checksInAChainedCCWConcludeWithoutChannelEnd() {
        // PoO: a chain concluded at the initiation of a new command reports
        // neither channel end nor device end; the CSW names the rejected CCW.
        let first = CCW(command: 0x07, dataAddress: 0x2000, flags: .chainCommand, count: 6)
        let cases: [(String, [CCW], UInt32)] = [
            ("invalid command code", [first, CCW(command: 0x20, dataAddress: 0x2000, count: 1)], 0x1010),
            ("count zero", [first, CCW(command: 0x02, dataAddress: 0x2000, count: 0)], 0x1010),
            ("TIC to a TIC", [first, CCW(command: 0x08, dataAddress: 0x1800, count: 1)], 0x1808),
            ("TIC address not on a doubleword", [first, CCW(command: 0x08, dataAddress: 0x1804, count: 1)], 0x1010),
        ]
        for (what, ccws, address) in cases {
            let r = ChannelRig()
            r.storage.setDoubleword(CCW(command: 0x08, dataAddress: 0x1000, count: 1).doubleword, at: 0x1800)
            r.program(ccws)
            #expect(r.io(.startIO) == 0, "\(what)")
            r.finish()
            r.interrupt()
            #expect(r.csw.channelStatus == .programCheck, "\(what)")
            #expect(r.csw.unitStatus == [], "\(what)")
            #expect(r.csw.ccwAddress == address, "\(what)")
            #expect(r.device.commands == [0x07], "\(what)")
        }
    }

    @Test func invalidDataAddressEndsTheTransfer() {
        let r = ChannelRig()
        let (cc, csw) = r.run([CCW(command: 0x02, dataAddress: 0xFFF0, count: 80)])
        #expect(cc == 0)
        #expect(csw.channelStatus == .programCheck)
        #expect(csw.unitStatus == .ended)
        #expect(csw.ccwAddress == 0x1008)
        #expect(r.storage.bytes(at: 0xFFF0, count: 16) == Array(1...16))
    }

    @Test func dataChainedCCWChecks() {
        // A data-chained CCW with count zero is a program check; its address + 8 is in the CSW.
        let r = ChannelRig()
        let (_, csw) = r.run([
            CCW(command: 0x02, dataAddress: 0x2000, flags: .chainData, count: 40),
            CCW(command: 0x02, dataAddress: 0x3000, count: 0),
        ])
        #expect(csw.channelStatus == .programCheck)
        #expect(csw.ccwAddress == 0x1010)
    }

    @Test func idawChecks() {
        // Bits 0-7 of an IDAW must be zero.
        var r = ChannelRig()
        r.storage.setWord(0x0100_2000, at: 0x1800)
        var (_, csw) = r.run([CCW(command: 0x02, dataAddress: 0x1800, flags: .indirectData, count: 80)])
        #expect(csw.channelStatus == .programCheck)
        // The second IDAW must designate the start of a 2K block.
        r = ChannelRig()
        r.storage.setWord(0x27F0, at: 0x1800)
        r.storage.setWord(0x5010, at: 0x1804)
        (_, csw) = r.run([CCW(command: 0x02, dataAddress: 0x1800, flags: .indirectData, count: 80)])
        #expect(csw.channelStatus == .programCheck)
        #expect(r.storage.bytes(at: 0x27F0, count: 16) == Array(1...16))
    }

    @Test func protectionCheckOnStoreAndOnCCWFetch() {
        // Data: storing into a block of key 3 with CAW key 5.
        var r = ChannelRig()
        r.storage.setKey(0x30, at: 0x4000)
        r.program([CCW(command: 0x02, dataAddress: 0x4000, count: 80)], key: 5)
        #expect(r.io(.startIO) == 0)
        r.finish()
        r.interrupt()
        #expect(r.csw.channelStatus == .protectionCheck)
        #expect(r.csw.key == 5)
        #expect(r.storage.bytes(at: 0x4000, count: 80) == Array(repeating: 0, count: 80))
        // The matching key stores.
        r = ChannelRig()
        r.storage.setKey(0x30, at: 0x4000)
        let (_, ok) = r.run([CCW(command: 0x02, dataAddress: 0x4000, count: 80)], key: 3)
        #expect(ok.channelStatus == [])
        // CCWs in a fetch-protected block of another key cannot be fetched.
        r = ChannelRig()
        r.storage.setKey(0x38, at: 0x1000)
        r.program([CCW(command: 0x02, dataAddress: 0x4000, count: 80)], key: 5)
        #expect(r.io(.startIO) == 1)
        #expect(r.csw.channelStatus == .protectionCheck)
        #expect(r.csw.ccwAddress == 0x1008)
        // Output data is fetched under fetch protection too.
        r = ChannelRig()
        r.storage.setKey(0x38, at: 0x4000)
        let (_, w) = r.run([CCW(command: 0x01, dataAddress: 0x4000, count: 10)], key: 5)
        #expect(w.channelStatus == .protectionCheck)
    }
}
