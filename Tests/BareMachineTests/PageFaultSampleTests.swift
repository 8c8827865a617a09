// The DAT sample (issue 4): a program that builds its own tables, turns DAT
// on, and resolves its own page-translation exceptions, on the bare machine.

import Testing
import BareMachine
import DATBox
import S370CPU
import TestSupport

@Suite struct PageFaultSampleTests {
    @Test func pageFaultSampleResolvesEightFaultsAndPasses() throws {
        let source = try #require(repositoryFile("Decks/samples/pagefault.asm"))
        let program = try assemble(source)
        let m = TestMachine(storageSize: 256 << 10)
        m.run(program, steps: 100_000)
        #expect(m.cpu.psw.wait)
        #expect(m.cpu.psw.instructionAddress == 0xAAAA)
        #expect(m.storage.word(at: 0x1200) == 36)       // 1 + 2 + ... + 8
        #expect(m.storage.word(at: 0x1204) == 8)        // page faults taken
        // The eight pages went to frames X'20000' up, and the data is there.
        for k in 0..<8 as Range<UInt32> {
            #expect(m.storage.word(at: 0x20000 + k * 0x1000) == k + 1)
        }
    }
}
