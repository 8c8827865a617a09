// The benchmark workloads: stand-alone programs in Decks/bench, assembled by
// `s370 bench` when it runs (nothing is committed as an image), loaded at
// their assembled addresses and started in the BC mode at their entry point.
// Each ends in a disabled wait whose address is 0 when its own final check
// passed (X'BAD' otherwise).

import ArgumentParser
import Assembler
import BareMachine
import Conformance
import DATBox
import Foundation
import S370CPU

/// A benchmark workload.
struct Workload {
    /// Its name on the command line.
    let name: String
    /// The source file in Decks/bench.
    let file: String
    /// The &SYSPARM it is assembled with.
    var sysparm = ""
    /// What it measures.
    let summary: String

    /// Assembles the source in `folder`.
    func image(in folder: String) throws -> CoreImage {
        var options = AssemblerOptions()
        options.sourceName = "\(folder)/\(file)"
        options.sysparm = sysparm
        let result = try Assembler.assemble(file: options.sourceName, options: options)
        if result.hasErrors {
            let text = result.diagnostics.prefix(5).map(\.description).joined(separator: "\n")
            throw ValidationError("\(name): \(file) does not assemble:\n\(text)")
        }
        return try result.coreImage()
    }

    /// Runs it on a fresh bare machine (real-time clocks, 1M of storage).
    func run(in folder: String) throws -> (RunResult, passed: Bool) {
        let image = try image(in: folder)
        let m = try BareMachine(storageSize: 1 << 20)
        guard m.storage.load(image.bytes, at: image.origin) else {
            throw ValidationError("\(name): the program does not fit in storage")
        }
        var psw = PSW()
        psw.instructionAddress = image.entryPoint
        m.cpu.loadPSW(psw)
        let r = m.run()
        return (r, r.status == .disabledWait && m.cpu.psw.instructionAddress == 0)
    }
}

/// The known workloads.
enum Workloads {
    static let all: [Workload] = [
        Workload(name: "LOOP8", file: "loop8.asm",
                 summary: "PERFORMANCE.md: load, add, store, shift, compare, branch on count (800,000,003 instructions)"),
        Workload(name: "DECIMAL", file: "decimal.asm",
                 summary: "packed decimal: AP SP ZAP MP DP CP, CVD UNPK PACK CVB, ED"),
        Workload(name: "MOVES", file: "moves.asm", summary: "MVC CLC TR MVI MVCL and a propagating MVC"),
        Workload(name: "HFP", file: "hfp.asm", summary: "hexadecimal floating point, short and long"),
        Workload(name: "BRANCH", file: "branch.asm", summary: "BAL/BR calls, CLI/BC, BXLE and BCT loops"),
        Workload(name: "MIX", file: "mix.asm", summary: "a little of each, DAT off"),
        Workload(name: "MIXDAT", file: "mix.asm", sysparm: "DAT",
                 summary: "the same loop with DAT on (4K pages, 64K segments, EC mode)"),
    ]

    /// The folder of the sources.
    static func folder() throws -> String {
        guard let f = locateFolder("Decks/bench", containing: "loop8.asm") else {
            throw ValidationError("cannot find Decks/bench: run from the s370 folder")
        }
        return f
    }
}
