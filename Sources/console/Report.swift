// The end-of-run report of s370 ipl: text for people, JSON for programs.

import BareMachine
import Channels
import Foundation
import S370CPU

/// What `s370 ipl` prints when the machine stops.
struct Report {
    let machine: BareMachine
    let result: RunResult
    let ranges: [(UInt32, Int)]
    /// The device IPL loaded from, if any.
    var ipl: UInt16? = nil

    private var cpu: CPU { machine.cpu }

    /// The storage ranges as hexadecimal strings.
    private func dumpHex(_ a: UInt32, _ n: Int) -> String {
        machine.storage.bytes(at: a, count: n).map { hex(UInt64($0), digits: 2) }.joined()
    }

    /// The report for people.
    func text() -> String {
        var lines: [String] = []
        lines.append("status: \(result.status.rawValue)")
        lines.append("PSW: \(cpu.psw)")
        for row in 0..<4 {
            lines.append((0..<4).map { c in
                let r = row * 4 + c
                return "GR\(r < 10 ? "0" : "")\(r)=\(hex32(cpu.gpr[r]))"
            }.joined(separator: "  "))
        }
        lines.append((0..<4).map { "FPR\($0 * 2)=\(hex(cpu.fpr[$0], digits: 16))" }.joined(separator: "  "))
        lines.append(String(format: "instructions: %llu  seconds: %.3f  MIPS: %.1f",
                            result.instructions, result.seconds, result.mips))
        for (a, n) in ranges {
            let bytes = machine.storage.bytes(at: a, count: n)
            var off = 0
            while off < bytes.count {
                let chunk = bytes[off..<min(off + 16, bytes.count)]
                let hexText = chunk.map { hex(UInt64($0), digits: 2) }.joined()
                lines.append("\(hex(UInt64(a) + UInt64(off), digits: 6))  \(hexText)")
                off += 16
            }
        }
        return lines.joined(separator: "\n")
    }

    /// The report as one JSON object.
    func json() -> String {
        var storage: [String: String] = [:]
        for (a, n) in ranges { storage["\(hex(UInt64(a), digits: 1)).\(hex(UInt64(n), digits: 1))"] = dumpHex(a, n) }
        var object: [String: Any] = [
            "psw": hex(cpu.psw.value, digits: 16),
            "gpr": (0..<16).map { hex32(cpu.gpr[$0]) },
            "fpr": (0..<4).map { hex(cpu.fpr[$0], digits: 16) },
            "instructions": result.instructions,
            "seconds": result.seconds,
            "mips": result.mips,
            "status": result.status.rawValue,
            "storage": storage,
        ]
        if let ipl { object["ipl"] = hexAddress(ipl) }
        if let c = machine.console, !c.transcript.isEmpty { object["console"] = c.transcript }
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }
}
