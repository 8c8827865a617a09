// I/O interruptions wait for their channel's mask: in the BC mode the PSW's
// channel-mask bits 0-5 (bit 6 for channels 6 and up), in the EC mode the
// PSW's I/O mask and the channel's bit in CR2 (PoO, "Channel Masks"). The
// device address goes into the old PSW (BC) or to 186-187 (EC).

import Testing
import BareMachine
import Channels
import DATBox
import S370CPU
import TestSupport

@Suite struct InterruptionMaskTests {
    /// A machine with a console at `address` that has attention pending, waiting
    /// enabled with `psw`; the I/O new PSW is a disabled wait at X'777'.
    func waiting(_ psw: UInt64, console address: UInt16) throws -> BareMachine {
        let m = try BareMachine(storageSize: 64 << 10, clock: .deterministic(microsecondsPerInstruction: 1))
        try m.attach(Console3215(), at: address)
        m.storage.setDoubleword(0x0002_0000_0000_0777, at: 120)
        m.cpu.loadPSW(PSW(psw))
        m.channels.signal(.attention, from: address)
        return m
    }

    @Test func bcModeChannelMasks() throws {
        // Channel 1 masked (bit 1 off, bit 0 on): nothing can end the wait.
        var m = try waiting(0x8002_0000_0000_0000, console: 0x109)
        #expect(m.run(maxInstructions: 1000).status == .enabledWait)
        // Bit 1 on: the interruption is taken; the address is in the old PSW.
        m = try waiting(0x4002_0000_0000_0000, console: 0x109)
        #expect(m.run(maxInstructions: 1000).status == .disabledWait)
        #expect(m.cpu.psw.instructionAddress == 0x777)
        #expect(m.storage.halfword(at: 58) == 0x0109)
        #expect(CSW(m.storage.doubleword(at: 64)).unitStatus == .attention)
        // Channels 6 and up follow bit 6 (and CR2).
        m = try waiting(0x0202_0000_0000_0000, console: 0x709)
        #expect(m.run(maxInstructions: 1000).status == .disabledWait)
    }

    @Test func ecModeUsesCR2() throws {
        var m = try waiting(0x020A_0000_0000_0000, console: 0x009)
        m.cpu.cr[2] = 0x7FFF_FFFF              // channel 0 masked
        #expect(m.run(maxInstructions: 1000).status == .enabledWait)
        m = try waiting(0x020A_0000_0000_0000, console: 0x009)
        m.cpu.cr[2] = 0x8000_0000
        #expect(m.run(maxInstructions: 1000).status == .disabledWait)
        #expect(m.storage.halfword(at: 186) == 0x0009)
    }
}
