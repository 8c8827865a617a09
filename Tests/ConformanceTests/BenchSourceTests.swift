// The benchmark sources in Decks/bench: LOOP8's source assembles to exactly
// the 88 bytes PERFORMANCE.md documents (and ../shared/bench/loop8.bin, where
// that file is present), and every workload assembles and checks itself.

import Assembler
import BareMachine
import DATBox
import Foundation
import S370CPU
import Testing
import TestSupport

private let bench = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Decks/bench")

private func image(_ file: String, sysparm: String = "") throws -> CoreImage {
    var o = AssemblerOptions()
    o.sysparm = sysparm
    o.sourceName = bench.appendingPathComponent(file).path
    let r = try Assembler.assemble(file: o.sourceName, options: o)
    #expect(r.returnCode == 0, "\(r.diagnostics.map(\.description))")
    return try r.coreImage()
}

@Suite struct BenchSourceTests {
    @Test func loop8SourceIsTheDocumentedImage() throws {
        let i = try image("loop8.asm")
        #expect(i.origin == 0x1000 && i.entryPoint == 0x1000)
        let documented = hexBytes("""
            05C05820C03E5830C0425A30C0465030C04218438940000 21A5419534620C004
            8200C04E00000000000000000000000000000000000000000000000000000000
            05F5E100000000000000000100000000 0002000000000000
            """)
        #expect(i.bytes == documented)
        let shared = bench.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("shared/bench/loop8.bin")
        if let data = FileManager.default.contents(atPath: shared.path) {
            #expect(i.bytes == [UInt8](data))
        }
    }

    /// Each workload runs two million instructions cleanly: still in its own
    /// code and no program interruption taken (the full runs, which end in the
    /// wait that reports their own final check, are `s370 bench`'s).
    @Test(arguments: [("decimal.asm", ""), ("moves.asm", ""), ("hfp.asm", ""), ("branch.asm", ""),
                      ("mix.asm", ""), ("mix.asm", "DAT")])
    func workloadRunsCleanly(_ file: String, _ sysparm: String) throws {
        let i = try image(file, sysparm: sysparm)
        let m = try BareMachine(storageSize: 1 << 20, clock: .deterministic(microsecondsPerInstruction: 1))
        #expect(m.storage.load(i.bytes, at: i.origin))
        var psw = PSW()
        psw.instructionAddress = i.entryPoint
        m.cpu.loadPSW(psw)
        let r = m.run(maxInstructions: 2_000_000)
        #expect(r.status == .limit)
        // Still inside the program: no program interruption took it to location 0.
        #expect(m.cpu.psw.instructionAddress >= i.origin && m.cpu.psw.instructionAddress < i.origin + UInt32(i.bytes.count))
        #expect(m.storage.word(at: 0x28) == 0 && m.storage.word(at: 0x2C) == 0, "a program old PSW was stored")
    }
}
