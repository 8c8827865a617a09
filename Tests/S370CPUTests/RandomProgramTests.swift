// No byte sequence can crash the host (issue 2): random storage run as
// instructions, with every new PSW pointing into the random area.

import Testing
import DATBox
import S370CPU
import BareMachine
import TestSupport

@Suite struct RandomProgramTests {
    @Test(arguments: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] as [UInt64])
    func randomStorageRunsWithoutHarm(seed: UInt64) throws {
        var rng = SplitMix(state: seed)
        let m = try BareMachine(storageSize: 64 << 10, clock: .deterministic(microsecondsPerInstruction: 1))
        // Random bytes everywhere, then new PSWs (restart, external, SVC, program,
        // machine check, I/O) that point into the random area with random masks.
        var bytes = [UInt8](repeating: 0, count: 64 << 10)
        for i in stride(from: 0, to: bytes.count, by: 8) {
            let v = rng.next()
            for k in 0..<8 { bytes[i + k] = UInt8(truncatingIfNeeded: v >> (8 * UInt64(k))) }
        }
        m.storage.load(bytes, at: 0)
        for new in [LowCore.restartNewPSW, LowCore.externalNewPSW, LowCore.svcNewPSW, LowCore.programNewPSW,
                    LowCore.machineCheckNewPSW, LowCore.ioNewPSW] {
            let ia = UInt64(0x200 + (rng.next() % 0xF000)) & ~1
            // Random system mask, key, EC/BC, problem state; never the wait bit.
            let top = rng.next() & 0xFFFD_0000_0000_0000
            m.storage.setDoubleword(top | ia, at: new)
        }
        m.cpu.loadPSW(PSW(m.storage.doubleword(at: LowCore.programNewPSW)))
        let r = m.run(maxInstructions: 1_000_000)
        // Whatever the program did, the host is alive and the CPU still answers.
        #expect(r.instructions <= 1_000_000)
        #expect(m.cpu.instructionCount == r.instructions)
    }
}
