// LOOP8 (PERFORMANCE.md): the benchmark program's exact end state.

import Testing
import BareMachine
import DATBox
import S370CPU
import TestSupport

@Suite struct Loop8Tests {
    @Test func loop8EndsInDisabledWaitWithTheDocumentedState() throws {
        let m = try BareMachine(storageSize: 1 << 20, clock: .deterministic(microsecondsPerInstruction: 1))
        let image = hexBytes("""
            05C05820C03E5830C0425A30C0465030C04218438940000 21A5419534620C004
            8200C04E00000000000000000000000000000000000000000000000000000000
            05F5E100000000000000000100000000 0002000000000000
            """)
        m.storage.load(image, at: 0x1000)
        m.cpu.loadPSW(PSW(0x0000_0000_0000_1000))
        let r = m.run()
        #expect(r.status == .disabledWait)
        #expect(r.instructions == 800_000_003)
        #expect(m.cpu.gpr[2] == 0)
        #expect(m.cpu.gpr[3] == 0x05F5_E100)
        #expect(m.storage.word(at: 0x1044) == 0x05F5_E100)
        #expect(m.cpu.gpr[4] == 0x17D7_8400)
        #expect(m.cpu.gpr[5] == 0xEB6D_C200)
        #expect(m.cpu.gpr[12] == 0x4000_1002)
    }
}
