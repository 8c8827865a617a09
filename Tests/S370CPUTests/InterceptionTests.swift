// Interception (DESIGN.md, "one CPU, two owners"): with privileged
// instructions and interruptions intercepted, an owner that performs and
// reflects them gets exactly what the bare machine gets; the assist saves
// the exits for SSM, LPSW, STNSM, STOSM and the SVC and program interruptions.

import Testing
import DATBox
import S370CPU
import TestSupport

@Suite struct InterceptionTests {
    /// Runs a machine as a minimal CP would: every exit performed or reflected.
    func runIntercepted(_ m: TestMachine, assist: Bool, limit: Int = 100_000) -> (exits: Int, intercepted: Int) {
        m.cpu.interception.privilegedInstructions = true
        m.cpu.interception.interruptions = true
        m.cpu.interception.assist = assist
        var exits = 0, intercepted = 0
        var left = limit
        while left > 0 {
            let before = m.cpu.instructionCount
            let e = m.cpu.run(budget: left)
            left -= Int(m.cpu.instructionCount - before)
            exits += 1
            switch e {
            case .intercepted(let i, let ilc):
                intercepted += 1
                if let inner = m.cpu.performIntercepted(i, ilc: ilc) {
                    if case .programInterruption(let c, let l) = inner { m.cpu.programInterruption(c, ilc: l) }
                }
            case .programInterruption(let code, let ilc):
                m.cpu.programInterruption(code, ilc: ilc)
            case .supervisorCall(let n, let ilc):
                m.cpu.supervisorCallInterruption(n, ilc: ilc)
            case .waitState:
                return (exits, intercepted)
            default:
                return (exits, intercepted)
            }
        }
        return (exits, intercepted)
    }

    @Test func pageFaultSampleRunsTheSameIntercepted() throws {
        let source = try #require(repositoryFile("Decks/samples/pagefault.asm"))
        let program = try assemble(source)
        let bare = TestMachine(storageSize: 256 << 10)
        bare.run(program, steps: 100_000)
        for assist in [false, true] {
            let m = TestMachine(storageSize: 256 << 10)
            m.load(program.bytes, at: program.origin)
            m.cpu.loadPSW(bcPSW(address: program.entry))
            let (exits, intercepted) = runIntercepted(m, assist: assist)
            #expect(m.cpu.psw == bare.cpu.psw)
            for r in 0..<16 { #expect(m[r] == bare[r]) }
            #expect(m.storage.bytes(at: 0x1200, count: 8) == bare.storage.bytes(at: 0x1200, count: 8))
            #expect(m.cpu.instructionCount == bare.cpu.instructionCount)
            // LCTL exits either way; LPSW (10 of them: DATON, 8 retries, PASS) and the
            // 8 page faults only without the assist.
            if assist { #expect(intercepted == 1) } else { #expect(intercepted == 11) }
            #expect(exits > (assist ? 1 : 19))
        }
    }

    @Test func problemStateStillGetsPrivilegedOperation() {
        let m = TestMachine()
        m.cpu.interception.privilegedInstructions = true
        m.load(SI(0x80, 0, 0x100), at: testOrigin)
        m.cpu.loadPSW(bcPSW(address: testOrigin, problem: true))
        _ = m.cpu.run(budget: 1)
        #expect(m.tookProgramInterruption)
        #expect(m.programInterruptionCode == 0x0002)
    }
}
