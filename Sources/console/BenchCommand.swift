// s370 bench: the speed benchmarks (Decks/bench).

import ArgumentParser
import BareMachine
import Foundation
import S370CPU

struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Run the benchmark workloads and print instructions, seconds and MIPS.",
        discussion: """
            Each workload is a stand-alone program in Decks/bench, assembled when the command \
            runs and executed on a fresh bare machine until its disabled wait. The README's \
            Performance section compares them with Hercules 3.13.
            """)

    @Argument(help: "Workloads to run (default: all). Known: \(Workloads.all.map(\.name).joined(separator: ", ")).")
    var workloads: [String] = []

    @Flag(help: "Print the results as JSON.")
    var json = false

    @Option(help: "Run each workload this many times and report the fastest run.")
    var repeats: Int = 1

    func run() throws {
        let chosen: [Workload]
        if workloads.isEmpty {
            chosen = Workloads.all
        } else {
            chosen = try workloads.map { name in
                guard let w = Workloads.all.first(where: { $0.name.lowercased() == name.lowercased() }) else {
                    throw ValidationError("unknown workload '\(name)'; known: \(Workloads.all.map(\.name).joined(separator: ", "))")
                }
                return w
            }
        }
        let folder = try Workloads.folder()
        var results: [[String: Any]] = []
        var allPassed = true
        for w in chosen {
            var best: RunResult? = nil
            var passed = true
            for _ in 0..<max(1, repeats) {
                let (r, ok) = try w.run(in: folder)
                passed = passed && ok
                if best == nil || r.seconds < best!.seconds { best = r }
            }
            guard let r = best else { continue }
            allPassed = allPassed && passed
            if json {
                results.append(["workload": w.name, "instructions": r.instructions, "seconds": r.seconds, "mips": r.mips,
                                "status": r.status.rawValue, "passed": passed])
            } else {
                print(w.name.padding(toLength: 8, withPad: " ", startingAt: 0)
                      + String(format: " %14llu instructions %8.3f s %9.1f MIPS", r.instructions, r.seconds, r.mips)
                      + (passed ? "" : "  (its self-check FAILED: \(r.status.rawValue))"))
            }
        }
        if json {
            let data = try JSONSerialization.data(withJSONObject: results, options: [.sortedKeys])
            print(String(decoding: data, as: UTF8.self))
        }
        if !allPassed { throw ExitCode(1) }
    }
}
