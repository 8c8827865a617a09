// s370 bench: the speed benchmarks.

import ArgumentParser
import BareMachine
import Foundation
import S370CPU

struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Run the benchmark workloads and print instructions, seconds and MIPS.")

    @Argument(help: "Workloads to run (default: all). Known: \(Workloads.all.map(\.name).joined(separator: ", ")).")
    var workloads: [String] = []

    @Flag(help: "Print the results as JSON.")
    var json = false

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
        var results: [[String: Any]] = []
        for w in chosen {
            let r = try w.run()
            if json {
                results.append(["workload": w.name, "instructions": r.instructions, "seconds": r.seconds, "mips": r.mips,
                                "status": r.status.rawValue])
            } else {
                print(String(format: "%-10@ %14llu instructions %8.3f s %9.1f MIPS  (%@)",
                             w.name as NSString, r.instructions, r.seconds, r.mips, r.status.rawValue as NSString))
            }
        }
        if json {
            let data = try JSONSerialization.data(withJSONObject: results, options: [.sortedKeys])
            print(String(decoding: data, as: UTF8.self))
        }
    }
}
