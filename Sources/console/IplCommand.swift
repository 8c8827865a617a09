// s370 ipl: load raw images into storage and start the bare machine at a PSW,
// as Hercules' loadcore and psw commands do.

import ArgumentParser
import BareMachine
import DATBox
import Foundation
import S370CPU

struct IplCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ipl",
        abstract: "Run a program on the bare machine.",
        discussion: """
            Loads raw images with --core FILE@HEXADDR, starts at the PSW given with --psw \
            (16 hexadecimal digits), and runs until a disabled wait or the instruction limit. \
            Prints the final PSW, registers, instruction count, time and MIPS.
            """)

    @Option(name: .customLong("core"), help: "A raw image and its hexadecimal load address: FILE@HEXADDR.")
    var cores: [String] = []

    @Option(help: "The PSW to start at, as 16 hexadecimal digits.")
    var psw: String?

    @Option(name: .customLong("max-instructions"), help: "Stop after this many instructions.")
    var maxInstructions: UInt64?

    @Option(name: .customLong("dump"), help: "Storage to show at the end: HEXADDR.HEXLEN (repeatable).")
    var dumps: [String] = []

    @Flag(help: "Print each instruction before it executes.")
    var trace = false

    @Option(help: "Report format: text (default) or json.")
    var report: ReportFormat = .text

    @Flag(help: "Run the clocks from the instruction count, so that runs are repeatable.")
    var deterministic = false

    @Option(help: "Main storage size, in K (with K suffix) or M (with M suffix); default 16M.")
    var storage: String = "16M"

    func run() throws {
        let size = try parseStorageSize(storage)
        let machine = try BareMachine(storageSize: size,
                                      clock: deterministic ? .deterministic(microsecondsPerInstruction: 1) : .realTime)
        for spec in cores {
            try loadCore(spec, into: machine.storage)
        }
        guard let pswText = psw else {
            throw ValidationError("--psw is required: the PSW to start at, as 16 hexadecimal digits")
        }
        guard pswText.count == 16, let value = UInt64(pswText, radix: 16) else {
            throw ValidationError("--psw '\(pswText)' is not 16 hexadecimal digits")
        }
        var ranges: [(UInt32, Int)] = []
        for d in dumps { ranges.append(try parseRange(d)) }
        machine.cpu.loadPSW(PSW(value))
        if trace {
            machine.cpu.tracer = { cpu, ia, inst in
                print(Disassembler.traceLine(cpu: cpu, address: ia, instruction: inst))
            }
        }
        let result = machine.run(maxInstructions: maxInstructions ?? .max)
        let text = Report(machine: machine, result: result, ranges: ranges)
        print(report == .json ? text.json() : text.text())
    }
}

/// The report formats of `s370 ipl`.
enum ReportFormat: String, ExpressibleByArgument {
    case text, json
}

/// Parses a storage size such as 16M, 512K or a byte count.
func parseStorageSize(_ s: String) throws -> Int {
    let u = s.uppercased()
    let n: Int?
    if u.hasSuffix("M") { n = Int(u.dropLast()).map { $0 << 20 } }
    else if u.hasSuffix("K") { n = Int(u.dropLast()).map { $0 << 10 } }
    else { n = Int(u) }
    guard let size = n, size >= 4096, size <= 16 << 20, size % 4096 == 0 else {
        throw ValidationError("storage size '\(s)' must be a multiple of 4K from 4K to 16M (for example 16M or 512K)")
    }
    return size
}

/// Loads FILE@HEXADDR into storage.
func loadCore(_ spec: String, into storage: MainStorage) throws {
    guard let at = spec.lastIndex(of: "@") else {
        throw ValidationError("--core '\(spec)' needs a load address: FILE@HEXADDR")
    }
    let path = String(spec[..<at])
    let addrText = String(spec[spec.index(after: at)...])
    guard let address = UInt32(addrText, radix: 16) else {
        throw ValidationError("--core '\(spec)': '\(addrText)' is not a hexadecimal address")
    }
    guard let data = FileManager.default.contents(atPath: path) else {
        throw ValidationError("--core: cannot read '\(path)'")
    }
    guard Int(address) + data.count <= storage.size else {
        throw ValidationError("--core '\(spec)': \(data.count) bytes at \(addrText) do not fit in \(storage.size / 1024)K of storage")
    }
    storage.load([UInt8](data), at: address)
}

/// Parses HEXADDR.HEXLEN.
func parseRange(_ s: String) throws -> (UInt32, Int) {
    let parts = s.split(separator: ".")
    guard parts.count == 2, let a = UInt32(parts[0], radix: 16), let n = Int(parts[1], radix: 16) else {
        throw ValidationError("--dump '\(s)' is not HEXADDR.HEXLEN (for example 1000.40)")
    }
    return (a, n)
}
