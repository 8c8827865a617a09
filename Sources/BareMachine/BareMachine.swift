// The bare machine: one CPU in real mode, owned directly (DESIGN.md, "one
// CPU, two owners"). Privileged instructions execute natively in supervisor
// state; each exit is answered here. Until the channel subsystem exists every
// I/O instruction finds its channel not operational (condition code 3).

import DATBox
import S370CPU

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How a run of the bare machine ended.
public enum MachineStatus: String, Sendable {
    /// The PSW has the wait bit on and the CPU is disabled for I/O and external interruptions.
    case disabledWait
    /// The CPU waits enabled, but nothing can end the wait.
    case enabledWait
    /// The instruction limit was reached.
    case limit
    /// The CPU entered the check-stop state.
    case checkStop
}

/// The result of running the bare machine.
public struct RunResult: Sendable {
    /// How the run ended.
    public var status: MachineStatus
    /// Instructions executed.
    public var instructions: UInt64
    /// Host seconds spent running.
    public var seconds: Double
    /// Millions of instructions per second.
    public var mips: Double { seconds > 0 ? Double(instructions) / seconds / 1e6 : 0 }
}

/// A System/370 with one CPU and its storage.
public final class BareMachine {
    /// Main storage.
    public let storage: MainStorage
    /// The CPU.
    public let cpu: CPU

    /// Creates a machine with `storageSize` bytes of storage (default 16M).
    public init(storageSize: Int = 16 << 20, clock: ClockMode = .realTime) throws {
        storage = try MainStorage(size: storageSize)
        cpu = CPU(storage: storage)
        cpu.clockMode = clock
    }

    /// Whether the current PSW lets an I/O or external interruption end a wait.
    public var cpuEnabledForInterruptions: Bool {
        cpu.psw.externalMask || cpu.enabledChannels != 0
    }

    /// Runs until a disabled wait, an enabled wait nothing can end, a check stop,
    /// or `maxInstructions` instructions.
    public func run(maxInstructions: UInt64 = .max) -> RunResult {
        let start = cpu.instructionCount
        let t0 = monotonicSeconds()
        var status = MachineStatus.limit
        var idleWaits = 0
        loop: while true {
            let done = cpu.instructionCount - start
            if done >= maxInstructions { status = .limit; break }
            let budget = Int(min(maxInstructions - done, 1 << 40))
            switch cpu.run(budget: budget) {
            case .budgetExhausted:
                continue
            case .waitState:
                if !cpuEnabledForInterruptions { status = .disabledWait; break loop }
                guard let d = cpu.timeToNextTimerEvent() else { status = .enabledWait; break loop }
                waitFor(d)
                idleWaits += 1
                if idleWaits > 1_000_000 && cpu.instructionCount == start + done {
                    // A wait that time never ends (a condition the masks hold back).
                    status = .enabledWait
                    break loop
                }
            case .io(_, _, _):
                // No channel subsystem yet: every channel is not operational.
                cpu.psw.cc = 3
            case .diagnose(_, _, _, let ilc):
                // DIAGNOSE is model-dependent; this model defines no functions for it.
                cpu.programInterruption(ProgramInterruptionCode.specification.rawValue, ilc: ilc)
            case .signalProcessor(_, let r3, _, _):
                // One CPU: only its own address answers (order accepted); others are not operational.
                cpu.psw.cc = UInt16(cpu.gpr[Int(r3)] & 0xFFFF) == cpu.cpuAddress ? 0 : 3
            case .direct(let write, _, let address, let ilc):
                // The direct-control feature is not installed.
                _ = (write, address)
                cpu.programInterruption(ProgramInterruptionCode.operation.rawValue, ilc: ilc)
            case .ioInterruption:
                // Nothing raises I/O interruptions yet.
                cpu.ioPendingChannels = 0
            case .intercepted, .translationMiss, .addressStop:
                // The bare machine intercepts nothing and walks its own tables.
                continue
            case .programInterruption(let code, let ilc):
                cpu.programInterruption(code, ilc: ilc)
            case .supervisorCall(let number, let ilc):
                cpu.supervisorCallInterruption(number, ilc: ilc)
            case .checkStop:
                status = .checkStop
                break loop
            }
        }
        return RunResult(status: status, instructions: cpu.instructionCount - start,
                         seconds: monotonicSeconds() - t0)
    }

    /// Lets `tod` units of TOD time pass while the CPU waits.
    func waitFor(_ tod: UInt64) {
        switch cpu.clockMode {
        case .deterministic:
            cpu.advanceIdle(by: tod)
        case .realTime, .virtualMachine:
            let micros = min(tod / todMicrosecond, 100_000)
            if micros > 0 { usleep(UInt32(micros)) }
            cpu.advanceIdle(by: 0)
        }
    }
}

/// Seconds on the host's monotonic clock.
public func monotonicSeconds() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}
