// The I/O instructions' condition codes and CSWs for each state of the
// device and subchannel (PoO, "Condition-Code Settings for I/O States and
// Functions").

import Testing
import Channels
import DATBox

@Suite struct IOInstructionTests {
    let read = CCW(command: 0x02, dataAddress: 0x2000, count: 80)

    @Test func notOperationalAddressesGiveConditionCode3() {
        let r = ChannelRig()
        for op: IOInstruction in [.startIO, .testIO, .haltIO, .clearIO, .haltDevice] {
            #expect(r.io(op, 0x0C2) == 3)
        }
        #expect(r.io(.testChannel, 0x1000) == 3)   // channel 16 is not installed
        #expect(r.io(.testChannel, 0x500) == 0)
    }

    @Test func startIOThenTestIOThroughTheLifeOfAnOperation() {
        let r = ChannelRig()
        r.program([read])
        #expect(r.io(.testIO) == 0)            // available
        #expect(r.io(.startIO) == 0)           // started
        #expect(r.io(.startIO) == 2)           // subchannel working
        #expect(r.io(.testIO) == 2)
        #expect(r.io(.testChannel) == 0)
        r.finish()
        #expect(r.io(.testChannel) == 1)       // interruption pending in the channel
        #expect(r.io(.startIO) == 2)           // interruption pending for the device: CC 2
        r.storage.setDoubleword(0, at: 64)
        #expect(r.io(.testIO) == 1)            // cleared into the CSW
        #expect(r.csw.unitStatus == .ended)
        #expect(r.csw.ccwAddress == 0x1008)
        #expect(r.channels.pendingChannels == 0)
        #expect(r.io(.testIO) == 0)
    }

    @Test func immediateCommandGivesConditionCode1WithTheWholeCSW() {
        let r = ChannelRig()
        r.program([CCW(command: 0x03, dataAddress: 0, count: 1)])
        #expect(r.io(.startIO) == 1)
        #expect(r.csw == CSW(ccwAddress: 0x1008, unitStatus: .ended, count: 1))
        #expect(r.channels.pendingChannels == 0)
        // Chained, an immediate command lets the chain go on: CC 0.
        let r2 = ChannelRig()
        r2.program([CCW(command: 0x03, dataAddress: 0, flags: .chainCommand, count: 1), read])
        #expect(r2.io(.startIO) == 0)
    }

    @Test func commandRejectStoresOnlyTheStatus() {
        let r = ChannelRig()
        r.storage.setDoubleword(0x1122_3344_5566_7788, at: 64)
        r.program([CCW(command: 0x45, dataAddress: 0x2000, count: 8)])
        #expect(r.io(.startIO) == 1)
        // PoO: status stored by START I/O leaves the key, CCW address and count unchanged.
        #expect(r.storage.doubleword(at: 64) == 0x1122_3344_0200_7788)
        // The sense command then says why.
        r.program([CCW(command: 0x04, dataAddress: 0x3000, count: 2)])
        #expect(r.io(.startIO) == 0)
        r.finish()
        r.interrupt()
        #expect(r.storage.bytes(at: 0x3000, count: 2) == [0x80, 0])
    }

    @Test func attentionIsPresentedAndBusyOnStartIO() {
        let r = ChannelRig()
        r.channels.signal(.attention, from: r.address)
        #expect(r.io(.testChannel) == 1)
        #expect(r.interrupt() == r.address)
        #expect(r.csw == CSW(unitStatus: .attention))
        // Pending in the device when SIO comes: busy and the status, condition cleared.
        r.channels.signal(.attention, from: r.address)
        r.program([read])
        #expect(r.io(.startIO) == 1)
        #expect(r.csw.unitStatus == [.attention, .busy])
        #expect(r.io(.startIO) == 0)
    }

    @Test func deviceEndAfterChannelEnd() {
        let r = ChannelRig()
        r.program([CCW(command: 0x1B, dataAddress: 0, count: 1)])
        #expect(r.io(.startIO) == 1)                // immediate: channel end at once
        #expect(r.csw.unitStatus == .channelEnd)
        #expect(r.io(.startIO) == 1)                // the device is still busy
        #expect(r.csw.unitStatus == .busy)
        #expect(r.io(.testIO) == 1)
        r.finish()
        #expect(r.interrupt() == r.address)
        #expect(r.csw == CSW(unitStatus: .deviceEnd))
        #expect(r.io(.testIO) == 0)
    }

    @Test func haltIOEndsAWaitingProgram() {
        let r = ChannelRig()
        r.program([CCW(command: 0x32, dataAddress: 0x2000, count: 10)])
        #expect(r.io(.startIO) == 0)
        #expect(r.channels.isWaitingForDevice(r.address))
        #expect(r.io(.haltIO) == 1)
        #expect(r.csw.unitStatus == [])
        #expect(r.device.halts == 1)
        #expect(r.interrupt() == r.address)
        #expect(r.csw.unitStatus == .ended)
        #expect(r.csw.channelStatus == .incorrectLength)
        #expect(r.csw.count == 10)
        #expect(r.io(.haltIO) == 1)   // available: the device is signalled, status zero
        // HALT DEVICE does the same to a working program; START I/O FAST RELEASE starts as START I/O.
        r.program([CCW(command: 0x32, dataAddress: 0x2000, count: 10)])
        #expect(r.io(.startIOFastRelease) == 0)
        #expect(r.io(.haltDevice) == 1)
        #expect(r.interrupt() == r.address)
        #expect(r.csw.unitStatus == .ended)
    }

    @Test func aWaitingProgramResumes() {
        let r = ChannelRig()
        r.program([CCW(command: 0x32, dataAddress: 0x2000, flags: .suppressLength, count: 10)])
        #expect(r.io(.startIO) == 0)
        r.channels.resumeWaitingPrograms()
        #expect(r.channels.isWaitingForDevice(r.address))
        r.device.ready = true
        r.channels.resumeWaitingPrograms()
        r.finish()
        #expect(r.interrupt() == r.address)
        #expect(r.csw.unitStatus == .ended)
        #expect(r.storage.bytes(at: 0x2000, count: 2) == [0xC1, 0xC2])
    }

    @Test func aProgramThatNeverEndsGoesOnInSlicesUntilHalted() {
        // NOP, TIC back: a loop in the channel, which must not hold the CPU's thread.
        let r = ChannelRig()
        r.program([CCW(command: 0x03, dataAddress: 0, flags: .chainCommand, count: 1),
                   CCW(command: 0x08, dataAddress: 0x1000, count: 1)])
        #expect(r.io(.startIO) == 0)
        for _ in 0..<3 { r.channels.processDueEvents() }
        #expect(r.io(.testIO) == 2)
        #expect(r.device.commands.count > ChannelSubsystem.commandsPerSlice)
        #expect(r.io(.haltIO) == 1)
        #expect(r.interrupt() == r.address)
        #expect(r.csw.unitStatus == .ended)
        #expect(r.io(.testIO) == 0)
    }

    @Test func clearIOEndsTheOperationAndClearsTheInterruption() {
        let r = ChannelRig()
        r.program([read])
        #expect(r.io(.clearIO) == 0)
        #expect(r.io(.startIO) == 0)
        #expect(r.io(.clearIO) == 1)
        #expect(r.csw.unitStatus == .ended)
        #expect(r.channels.pendingChannels == 0)
        r.finish()
        #expect(r.interrupt() == nil)
        #expect(r.io(.testIO) == 0)
    }

    @Test func clearChannelResetsItsDevices() {
        let r = ChannelRig()
        r.program([read])
        #expect(r.io(.startIO) == 0)
        r.finish()
        #expect(r.io(.clearChannel, 0x000) == 0)
        #expect(r.channels.pendingChannels == 0)
        #expect(r.device.resets == 1)
        #expect(r.io(.testIO) == 0)
    }

    @Test func storeChannelIDNamesTheChannelType() {
        let r = ChannelRig()
        #expect(r.io(.storeChannelID, 0x000) == 0)
        #expect(r.storage.word(at: 168) >> 28 == 1)    // byte multiplexer
        #expect(r.io(.storeChannelID, 0x100) == 0)
        #expect(r.storage.word(at: 168) >> 28 == 2)    // block multiplexer
    }

    @Test func interruptionsWaitForTheirChannelMask() {
        let r = ChannelRig()
        let other = ScriptedDevice()
        try! r.channels.attach(other, at: 0x190)
        r.channels.signal(.attention, from: 0x0C1)
        r.channels.signal(.attention, from: 0x190)
        #expect(r.channels.pendingChannels == 0x8000 | 0x4000)
        // Only channel 1 enabled: 190 first even though 0C1 came earlier.
        #expect(r.channels.presentInterruption(enabled: { $0 == 1 }, cswAddress: 64) == 0x190)
        #expect(r.channels.presentInterruption(enabled: { $0 == 1 }, cswAddress: 64) == nil)
        #expect(r.channels.presentInterruption(enabled: { _ in true }, cswAddress: 64) == 0x0C1)
    }

    @Test func csWAndCAWLayouts() {
        let csw = CSW(key: 5, ccwAddress: 0x123458, unitStatus: .ended, channelStatus: .incorrectLength, count: 7)
        #expect(csw.doubleword == 0x5012_3458_0C40_0007)
        #expect(CSW(csw.doubleword) == csw)
        #expect(CAW(0x3000_2000) == CAW(key: 3, ccwAddress: 0x2000))
        let ccw = CCW(0x0200_2000_6000_0050)
        #expect(ccw.command == 2 && ccw.dataAddress == 0x2000 && ccw.count == 80)
        #expect(ccw.flags == [.chainCommand, .suppressLength])
        #expect(CommandKind(0x0C) == .readBackward && CommandKind(0x08) == .transferInChannel && CommandKind(0x80) == .invalid)
    }
}
