// Time: the TOD clock, the clock comparator, the CPU timer and the interval
// timer at real location 80 (PoO, "Timing").
//
// The TOD clock is a 64-bit binary counter whose bit 51 steps once a
// microsecond; its epoch is 1900-01-01 00:00 GMT. In real-time mode it follows
// the host clock; in deterministic mode it advances `microsecondsPerInstruction`
// with each instruction, and by the skipped time of idle waits, so a run is
// repeatable to the instruction (DESIGN.md, "Time").
//
// The clock comparator condition is pending while the TOD clock is higher than
// the comparator; the CPU-timer condition while the timer is negative. The
// interval timer is decremented in bit 23 at 300 steps a second (kept here in
// bit-31 units, 76,800 a second); its condition arises when the value goes from
// positive or zero to negative. All three are checked at slice boundaries, and
// in deterministic mode a slice ends exactly at the next timer event.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One microsecond in TOD-clock units (bit 51).
public let todMicrosecond: UInt64 = 4096
/// Seconds from the TOD epoch (1900) to the Unix epoch (1970).
let secondsFrom1900To1970: UInt64 = 2_208_988_800

extension CPU {
    /// The host's time of day in TOD-clock units.
    static func hostTOD() -> UInt64 {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        let micros = (UInt64(ts.tv_sec) + secondsFrom1900To1970) &* 1_000_000 &+ UInt64(ts.tv_nsec / 1000)
        return micros &* todMicrosecond &+ UInt64(ts.tv_nsec % 1000) * 4
    }

    /// Restarts the time base after a change of clock mode.
    func resetTimeBase() {
        switch clockMode {
        case .realTime, .virtualMachine:
            todBase = 0
        case .deterministic:
            // A fixed epoch: 2000-01-01 00:00:00 GMT.
            todBase = (3_155_673_600 as UInt64) &* 1_000_000 &* todMicrosecond &- currentDeterministicOffset()
        }
        let now = cpuClock()
        intervalTimerLastTOD = now
        intervalTimerRemainder = 0
        cpuTimerDeadline = now
        lastTOD = 0
    }

    private func currentDeterministicOffset() -> UInt64 {
        if case .deterministic(let m) = clockMode {
            return (instructionCount &* m) &* todMicrosecond &+ idleTOD
        }
        return 0
    }

    /// The TOD clock now (without the uniqueness adjustment of STCK).
    public func todClock() -> UInt64 {
        switch clockMode {
        case .realTime, .virtualMachine:
            return CPU.hostTOD() &+ todBase
        case .deterministic(let m):
            return todBase &+ ((instructionCount &+ liveInstructions) &* m) &* todMicrosecond &+ idleTOD
        }
    }

    /// The clock the CPU timer and the interval timer count: the TOD clock, or in
    /// the virtual-machine mode the CPU's virtual CPU time (DESIGN.md, "Time").
    public func cpuClock() -> UInt64 {
        if case .virtualMachine = clockMode {
            return virtualCPUTime &+ (running ? CPU.hostTOD() &- runStartTOD : 0)
        }
        return todClock()
    }

    /// Called by `run` on entry and exit: accumulates virtual CPU time.
    func startRunning() {
        if case .virtualMachine = clockMode {
            runStartTOD = CPU.hostTOD()
            running = true
        }
    }
    func stopRunning() {
        if case .virtualMachine = clockMode, running {
            virtualCPUTime &+= CPU.hostTOD() &- runStartTOD
            running = false
        }
    }

    /// The value STORE CLOCK stores: the TOD clock, made unique and increasing
    /// by the low-order bits (PoO: two STCKs never store the same value).
    func storeClockValue() -> UInt64 {
        var v = todClock()
        if v <= lastTOD { v = lastTOD &+ 1 }
        lastTOD = v
        return v
    }

    /// Sets the TOD clock (SET CLOCK).
    func setClock(_ v: UInt64) {
        if case .virtualMachine = clockMode { return }   // under CP, SCK has no effect on the TOD clock
        let now = todClock()
        todBase = todBase &+ (v &- now)
        // The timers count the TOD clock here: keep their values across the change.
        intervalTimerLastTOD = intervalTimerLastTOD &+ (v &- now)
        cpuTimerDeadline = cpuTimerDeadline &+ (v &- now)
        lastTOD = 0
    }

    /// The CPU timer now.
    public var cpuTimer: UInt64 { cpuTimerDeadline &- cpuClock() }
    /// Sets the CPU timer.
    public func setCPUTimer(_ v: UInt64) { cpuTimerDeadline = cpuClock() &+ v }
    /// Sets the clock comparator.
    func setClockComparator(_ v: UInt64) { clockComparator = v }

    /// Whether the clock-comparator condition is pending.
    func clockComparatorPending() -> Bool { todClock() > clockComparator }
    /// Whether the CPU-timer condition is pending (the timer is negative).
    func cpuTimerPending() -> Bool { Int64(bitPattern: cpuTimer) < 0 }

    /// Brings the interval timer at real location 80 up to date and latches its
    /// interruption condition when it goes from positive or zero to negative.
    func updateIntervalTimer() {
        guard intervalTimerEnabled else { return }
        let now = cpuClock()
        let elapsed = now &- intervalTimerLastTOD
        intervalTimerLastTOD = now
        if Int64(bitPattern: elapsed) <= 0 { return }
        // 76,800 bit-31 units a second, and 4,096 * 10**6 TOD units a second:
        // units = elapsed * 76800 / (4096 * 10**6) = elapsed * 3 / 160000.
        let scaled = elapsed.multipliedFullWidth(by: 3)
        let total = scaled.low &+ intervalTimerRemainder
        let units = scaled.high == 0 && total >= scaled.low ? total / 160_000 : UInt64.max / 160_000
        intervalTimerRemainder = total % 160_000
        if units == 0 { return }
        let a = datBox.absolute(real: LowCore.intervalTimer)
        guard storage.isAvailable(a + 3) else { return }
        let old = Int32(bitPattern: storage.word(at: a))
        let step = units > UInt64(UInt32.max) ? UInt32.max : UInt32(units)
        let new = old &- Int32(bitPattern: step)
        storage.setWord(UInt32(bitPattern: new), at: a)
        storage.markAccess(store: true, at: a)
        if old >= 0 && (new < 0 || Int64(old) - Int64(step) < 0) { intervalTimerPending = true }
    }

    /// Brings every timer up to date (called at slice boundaries).
    func synchronizeTimers() {
        updateIntervalTimer()
    }

    /// TOD-clock time until the next timer event the CPU could be interrupted
    /// for, or nil when there is none. Used to size deterministic slices and to
    /// skip idle waits.
    public func timeToNextTimerEvent() -> UInt64? {
        // Only an event the CPU can be interrupted for ends a wait.
        guard psw.externalMask else { return nil }
        let now = todClock()
        var best: UInt64? = nil
        func consider(_ d: UInt64) { if best == nil || d < best! { best = d } }
        let c0 = cr[0]
        if c0 & 0x800 != 0 { consider(clockComparator >= now ? clockComparator - now + 1 : 0) }
        // In the virtual-machine mode the CPU timer and the interval timer do not
        // run while the CPU waits (unless the timer is real), so they end no wait.
        if case .virtualMachine(let realTimer) = clockMode, !realTimer { return best }
        if c0 & 0x400 != 0 {
            let t = cpuTimer
            consider(Int64(bitPattern: t) < 0 ? 0 : t + 1)
        }
        if c0 & 0x80 != 0 && intervalTimerEnabled {
            if intervalTimerPending { consider(0) }
            let a = datBox.absolute(real: LowCore.intervalTimer)
            if storage.isAvailable(a + 3) {
                let v = Int32(bitPattern: storage.word(at: a))
                if v >= 0 {
                    // Units until negative: v + 1; in TOD units, rounded up, less what is accumulated.
                    let need = (UInt64(v) + 1) * 160_000
                    let have = intervalTimerRemainder
                    let tod = need > have ? (need - have + 2) / 3 : 0
                    consider(tod)
                }
            }
        }
        return best
    }

    /// Advances time while the CPU waits (deterministic mode: skips `tod` units;
    /// virtual-machine mode with a real timer: the wait counts as timer time).
    public func advanceIdle(by tod: UInt64) {
        switch clockMode {
        case .deterministic: idleTOD &+= tod
        case .virtualMachine(let realTimer): if realTimer { virtualCPUTime &+= tod }
        case .realTime: break
        }
        synchronizeTimers()
    }

    /// In deterministic mode, the number of instructions until the next timer event.
    func instructionsToNextTimerEvent() -> Int? {
        guard case .deterministic(let m) = clockMode, let d = timeToNextTimerEvent() else { return nil }
        let per = max(1, m) * todMicrosecond
        let n = (d + per - 1) / per
        return n > UInt64(Int.max) ? Int.max : max(1, Int(n))
    }
}
