// External interruptions from the clock comparator, the CPU timer and the
// interval timer, in deterministic mode (PoO, "Timing", "External Interruption").

import Testing
import DATBox
import S370CPU
import TestSupport

/// The external new PSW the tests install: a disabled wait at this address.
let externalStop: UInt32 = 0x00E0E0

@Suite struct TimerInterruptionTests {
    /// A machine whose external new PSW stops it, running a branch-to-self loop at 0x1000.
    func loopingMachine() -> TestMachine {
        let m = TestMachine()
        m.storage.setDoubleword(0x0002_0000_0000_0000 | UInt64(externalStop), at: LowCore.externalNewPSW)
        m.load(RX(0x47, 15, 0x000, 0, 0) , at: 0x1000)   // B 0: patched below
        m.load(RX(0x47, 15, 0x1000 & 0xFFF, 0, 9), at: 0x1000)
        m[9] = 0x1000
        return m
    }

    @Test func clockComparatorInterrupts() {
        let m = loopingMachine()
        m.cpu.cr[0] = 0x0000_0800    // clock-comparator subclass mask only
        m.cpu.loadPSW(ecPSW(address: 0x1000, systemMask: 0x01))
        // Set the comparator 1000 microseconds ahead.
        let now = m.cpu.todClock()
        m.storage.setDoubleword(now + 1000 * todMicrosecond, at: 0x2000)
        m[5] = 0x2000
        m.storage.setByte(0x01, at: 0x2008)
        // The comparator is zero after reset, so the condition is pending at once:
        // set it first, then enable external interruptions with SSM.
        m.run(S(0xB206, 0, 5) + SI(0x80, 0, 8, 5) + RX(0x47, 15, 0, 0, 9), at: 0x0FF8,
              psw: ecPSW(address: 0x0FF8), steps: 5000)
        #expect(m.cpu.psw.instructionAddress == externalStop)
        #expect(m.storage.halfword(at: LowCore.externalCode) == 0x1004)
        #expect(m.cpu.instructionCount >= 1000 && m.cpu.instructionCount <= 1002, "\(m.cpu.instructionCount)")
    }

    @Test func cpuTimerInterrupts() {
        let m = loopingMachine()
        m.cpu.cr[0] = 0x0000_0400
        m.storage.setDoubleword(500 * todMicrosecond, at: 0x2000)
        m[5] = 0x2000
        m.storage.setByte(0x01, at: 0x2008)
        m.run(S(0xB208, 0, 5) + SI(0x80, 0, 8, 5) + RX(0x47, 15, 0, 0, 9), at: 0x0FF8,
              psw: ecPSW(address: 0x0FF8), steps: 5000)
        #expect(m.cpu.psw.instructionAddress == externalStop)
        #expect(m.storage.halfword(at: LowCore.externalCode) == 0x1005)
        #expect(m.cpu.instructionCount >= 500 && m.cpu.instructionCount <= 503)
    }

    @Test func intervalTimerInterruptsWhenItGoesNegative() {
        let m = loopingMachine()
        // 3 units of bit 23 (10 ms at 300 a second): 0x300 in bit-31 units.
        m.storage.setWord(0x0000_0300, at: LowCore.intervalTimer)
        m.run(RX(0x47, 15, 0, 0, 9), at: 0x1000, psw: bcPSW(address: 0x1000, systemMask: 0x01), steps: 100_000)
        #expect(m.cpu.psw.instructionAddress == externalStop)
        #expect(PSW(m.storage.doubleword(at: LowCore.externalOldPSW)).interruptionCode == 0x0080)
        // 0x301 units of 1/76800 s: about 10,013 microseconds.
        #expect(m.cpu.instructionCount > 9_900 && m.cpu.instructionCount < 10_100)
        #expect(Int32(bitPattern: m.storage.word(at: LowCore.intervalTimer)) < 0)
    }

    @Test func disabledWaitWithTimerEnabledWaitsForTheTimer() {
        let m = loopingMachine()
        m.cpu.cr[0] = 0x0000_0400
        m.storage.setDoubleword(20_000 * todMicrosecond, at: 0x2000)
        m[5] = 0x2000
        // SPT, then an enabled wait: the wait ends at the CPU-timer interruption.
        m.load(bytes64(0x010A_0000_0000_0000), at: 0x2010)   // EC, external mask, wait
        m.run(S(0xB208, 0, 5) + SI(0x82, 0, 0x10, 5), at: 0x0FF8, psw: ecPSW(address: 0x0FF8), steps: 10)
        #expect(m.cpu.psw.instructionAddress == externalStop)
        #expect(m.cpu.todClock() - m.storage.doubleword(at: 0x2000) >= 0)
    }
}

@Suite struct VirtualMachineClockTests {
    @Test func cpuTimerCountsOnlyRunningTime() throws {
        let m = TestMachine()
        m.cpu.clockMode = .virtualMachine(realTimer: false)
        m.storage.setDoubleword(1_000_000 * todMicrosecond, at: 0x2000)
        m[5] = 0x2000
        m.execute([S(0xB208, 0, 5)])                 // SPT one second
        let before = m.cpu.cpuTimer
        usleep(50_000)                               // 50 ms outside run: not CPU time
        let after = m.cpu.cpuTimer
        #expect(before == after)
        // SCK changes nothing under CP.
        let tod = m.cpu.todClock()
        m.storage.setDoubleword(0, at: 0x2008)
        m.execute([S(0xB204, 8, 5)])
        #expect(m.cpu.todClock() >= tod)
    }

    @Test func realTimerCountsWaits() {
        let m = TestMachine()
        m.cpu.clockMode = .virtualMachine(realTimer: true)
        m.storage.setDoubleword(1_000_000 * todMicrosecond, at: 0x2000)
        m[5] = 0x2000
        m.execute([S(0xB208, 0, 5)])
        let before = m.cpu.cpuTimer
        m.cpu.advanceIdle(by: 1000 * todMicrosecond)
        #expect(before - m.cpu.cpuTimer == 1000 * todMicrosecond)
    }
}

#if canImport(Glibc)
import Glibc
#endif
