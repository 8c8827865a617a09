// Channel programs: data chaining, command chaining, skip, SLI and incorrect
// length, status modifier, IDAWs, read backward and PCI (PoO, "Chaining",
// "Channel Command Word").

import Testing
import Channels
import DATBox

@Suite struct ChainingTests {
    @Test func aReadEndsWithChannelEndAndDeviceEnd() {
        let r = ChannelRig()
        let (cc, csw) = r.run([CCW(command: 0x02, dataAddress: 0x2000, count: 80)])
        #expect(cc == 0)
        #expect(csw.unitStatus == .ended)
        #expect(csw.channelStatus == [])
        #expect(csw.count == 0)
        #expect(csw.ccwAddress == 0x1008)
        #expect(r.storage.bytes(at: 0x2000, count: 80) == Array(1...80))
    }

    @Test func dataChainingSpreadsOneRecordOverAreas() {
        let r = ChannelRig()
        let (_, csw) = r.run([
            CCW(command: 0x02, dataAddress: 0x2000, flags: .chainData, count: 30),
            CCW(command: 0xFF, dataAddress: 0x3000, flags: .chainData, count: 20),   // command code ignored
            CCW(command: 0x00, dataAddress: 0x4000, count: 30),
        ])
        #expect(r.storage.bytes(at: 0x2000, count: 30) == Array(1...30))
        #expect(r.storage.bytes(at: 0x3000, count: 20) == Array(31...50))
        #expect(r.storage.bytes(at: 0x4000, count: 30) == Array(51...80))
        #expect(csw.ccwAddress == 0x1018)
        #expect(csw.channelStatus == [])
        #expect(r.device.commands == [0x02])
    }

    @Test func dataChainingThroughATIC() {
        let r = ChannelRig()
        r.storage.setDoubleword(CCW(command: 0, dataAddress: 0x3000, count: 40).doubleword, at: 0x1800)
        let (_, csw) = r.run([
            CCW(command: 0x02, dataAddress: 0x2000, flags: .chainData, count: 40),
            CCW(command: 0x08, dataAddress: 0x1800, count: 1),
        ])
        #expect(r.storage.bytes(at: 0x3000, count: 40) == Array(41...80))
        #expect(csw.ccwAddress == 0x1808)
        #expect(csw.channelStatus == [])
    }

    @Test func commandChainingRunsEachCommand() {
        let r = ChannelRig()
        let (_, csw) = r.run([
            CCW(command: 0x07, dataAddress: 0x2000, flags: .chainCommand, count: 6),
            CCW(command: 0x01, dataAddress: 0x2100, flags: .chainCommand, count: 3),
            CCW(command: 0x02, dataAddress: 0x3000, count: 80),
        ])
        #expect(r.device.commands == [0x07, 0x01, 0x02])
        #expect(csw.ccwAddress == 0x1018)
        #expect(csw.unitStatus == .ended)
    }

    @Test func incorrectLengthAndTheSLIFlag() {
        // A short area: the device had more (IL); SLI suppresses it.
        var r = ChannelRig()
        var (_, csw) = r.run([CCW(command: 0x02, dataAddress: 0x2000, count: 50)])
        #expect(csw.channelStatus == .incorrectLength)
        #expect(csw.count == 0)
        r = ChannelRig()
        (_, csw) = r.run([CCW(command: 0x02, dataAddress: 0x2000, flags: .suppressLength, count: 50)])
        #expect(csw.channelStatus == [])
        // A long area: residual count 20, IL.
        r = ChannelRig()
        (_, csw) = r.run([CCW(command: 0x02, dataAddress: 0x2000, count: 100)])
        #expect(csw.channelStatus == .incorrectLength)
        #expect(csw.count == 20)
        // PoO: SLI is ignored when CD is on in the CCW in use at the end.
        r = ChannelRig()
        (_, csw) = r.run([
            CCW(command: 0x02, dataAddress: 0x2000, flags: .chainData, count: 40),
            CCW(command: 0x02, dataAddress: 0x3000, flags: [.chainData, .suppressLength], count: 60),
            CCW(command: 0x02, dataAddress: 0x4000, count: 60),
        ])
        #expect(csw.channelStatus == .incorrectLength)
        #expect(csw.ccwAddress == 0x1010)
        #expect(csw.count == 20)
    }

    @Test func incorrectLengthSuppressesCommandChaining() {
        let r = ChannelRig()
        let (_, csw) = r.run([
            CCW(command: 0x02, dataAddress: 0x2000, flags: .chainCommand, count: 90),
            CCW(command: 0x03, dataAddress: 0, count: 1),
        ])
        #expect(r.device.commands == [0x02])
        #expect(csw.channelStatus == .incorrectLength)
        #expect(csw.ccwAddress == 0x1008)
        // With SLI the chain goes on.
        let r2 = ChannelRig()
        let (_, csw2) = r2.run([
            CCW(command: 0x02, dataAddress: 0x2000, flags: [.chainCommand, .suppressLength], count: 90),
            CCW(command: 0x03, dataAddress: 0, count: 1),
        ])
        #expect(r2.device.commands == [0x02, 0x03])
        #expect(csw2.ccwAddress == 0x1010)
    }

    @Test func aWriteShortOfWhatTheDeviceWantsIsIncorrectLength() {
        let r = ChannelRig()
        r.storage.load(Array(repeating: 0x5A, count: 8), at: 0x2000)
        let (_, csw) = r.run([CCW(command: 0x05, dataAddress: 0x2000, count: 8)])
        #expect(r.device.written == [Array(repeating: 0x5A, count: 8)])
        #expect(csw.channelStatus == .incorrectLength)
        #expect(csw.count == 0)
    }

    @Test func skipConsumesTheCountWithoutStoring() {
        let r = ChannelRig()
        r.storage.load(Array(repeating: 0xEE, count: 40), at: 0x2000)
        let (_, csw) = r.run([
            CCW(command: 0x02, dataAddress: 0x2000, flags: [.chainData, .skip], count: 40),
            CCW(command: 0x02, dataAddress: 0x3000, count: 40),
        ])
        #expect(r.storage.bytes(at: 0x2000, count: 40) == Array(repeating: 0xEE, count: 40))
        #expect(r.storage.bytes(at: 0x3000, count: 40) == Array(41...80))
        #expect(csw.channelStatus == [])
        // Skipping needs no valid address.
        let r2 = ChannelRig()
        let (_, csw2) = r2.run([CCW(command: 0x02, dataAddress: 0xFF_0000, flags: [.skip], count: 80)])
        #expect(csw2.channelStatus == [])
    }

    @Test func statusModifierSkipsOneCCW() {
        let r = ChannelRig()
        let (_, csw) = r.run([
            CCW(command: 0x23, dataAddress: 0x2000, flags: .chainCommand, count: 4),   // satisfied search
            CCW(command: 0x08, dataAddress: 0x1000, count: 1),                        // TIC *-8, skipped
            CCW(command: 0x02, dataAddress: 0x3000, count: 80),
        ])
        #expect(r.device.commands == [0x23, 0x02])
        #expect(csw.ccwAddress == 0x1018)
        // Without chaining the status modifier is in the CSW.
        let r2 = ChannelRig()
        let (_, csw2) = r2.run([CCW(command: 0x23, dataAddress: 0x2000, count: 4)])
        #expect(csw2.unitStatus == [.channelEnd, .deviceEnd, .statusModifier])
    }

    @Test func unitCheckAndUnitExceptionEndTheChain() {
        for s: UnitStatus in [[.channelEnd, .deviceEnd, .unitCheck], [.channelEnd, .deviceEnd, .unitException]] {
            let r = ChannelRig()
            r.device.control13Status = s
            let (_, csw) = r.run([
                CCW(command: 0x07, dataAddress: 0x2000, flags: .chainCommand, count: 6),
                CCW(command: 0x13, dataAddress: 0, flags: .chainCommand, count: 1),
                CCW(command: 0x03, dataAddress: 0, count: 1),
            ])
            #expect(r.device.commands == [0x07, 0x13])
            #expect(csw.unitStatus == s)
            #expect(csw.ccwAddress == 0x1010)
        }
    }

    @Test func indirectDataAddressingCrossesBlocks() {
        let r = ChannelRig()
        r.device.record = (0..<0x900).map { UInt8($0 & 0xFF) }
        // IDAWs at 0x1800: the first at 0x27F0 (16 bytes to the block end), then 0x5000, 0x6800.
        r.storage.setWord(0x27F0, at: 0x1800)
        r.storage.setWord(0x5000, at: 0x1804)
        r.storage.setWord(0x6800, at: 0x1808)
        let (_, csw) = r.run([CCW(command: 0x02, dataAddress: 0x1800, flags: .indirectData, count: 0x900)])
        #expect(csw.channelStatus == [])
        #expect(r.storage.bytes(at: 0x27F0, count: 16) == Array(r.device.record[0..<16]))
        #expect(r.storage.bytes(at: 0x5000, count: 0x800) == Array(r.device.record[16..<0x810]))
        #expect(r.storage.bytes(at: 0x6800, count: 0xF0) == Array(r.device.record[0x810..<0x900]))
    }

    @Test func readBackwardFillsFromTheEnd() {
        let r = ChannelRig()
        r.device.record = [1, 2, 3, 4]
        let (_, csw) = r.run([CCW(command: 0x0C, dataAddress: 0x2000, count: 4)])
        #expect(csw.channelStatus == [])
        #expect(r.storage.bytes(at: 0x2000, count: 4) == [4, 3, 2, 1])
    }

    @Test func pciIsPresentedWhileTheProgramWorks() {
        let r = ChannelRig()
        r.program([
            CCW(command: 0x07, dataAddress: 0x2000, flags: [.chainCommand], count: 6),
            CCW(command: 0x02, dataAddress: 0x3000, flags: [.programControlledInterruption], count: 80),
        ])
        #expect(r.io(.startIO) == 0)
        #expect(r.channels.pendingChannels == 0x8000 >> 0)   // channel 0
        #expect(r.interrupt() == 0x0C1)
        #expect(r.csw.channelStatus == .programControlledInterruption)
        #expect(r.csw.unitStatus == [])
        #expect(r.csw.ccwAddress == 0x1010)
        #expect(r.io(.testIO) == 2)   // still working
        r.finish()
        _ = r.interrupt()
        #expect(r.csw.unitStatus == .ended)
        #expect(r.csw.channelStatus == [])
    }

    @Test func aPCINotPresentedBeforeTheEndIsInTheEndingCSW() {
        let r = ChannelRig()
        let (_, csw) = r.run([CCW(command: 0x02, dataAddress: 0x3000, flags: [.programControlledInterruption], count: 80)])
        #expect(csw.channelStatus == .programControlledInterruption)
        #expect(csw.unitStatus == .ended)
    }

    @Test func referenceAndChangeBitsAreSet() {
        let r = ChannelRig()
        r.storage.setKey(0, at: 0x4000)
        _ = r.run([CCW(command: 0x02, dataAddress: 0x4000, count: 80)])
        #expect(r.storage.key(at: 0x4000) & StorageKeyBits.change != 0)
        #expect(r.storage.key(at: 0x1000) & StorageKeyBits.reference != 0)
    }
}
