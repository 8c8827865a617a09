// The suite catches a wrong instruction: a copy of the package with one
// instruction's result broken by a scripted edit is built, and `s370 test`
// run from the copy must fail on that instruction's cases. It builds the
// whole package again (a minute or two), so it runs in `make check-long`
// (S370_LONG=1), not in `make test`.

import Foundation
import Testing

/// The package root (this file is Tests/ConformanceTests/MutationTests.swift).
private let packageRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// Runs a program; returns its exit status and its output (standard output and error).
private func run(_ tool: String, _ arguments: [String], in directory: URL) throws -> (Int32, String) {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    p.arguments = [tool] + arguments
    p.currentDirectoryURL = directory
    let pipe = Pipe()
    p.standardOutput = pipe
    p.standardError = pipe
    try p.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    return (p.terminationStatus, String(decoding: data, as: UTF8.self))
}

@Suite struct MutationTests {
    /// SHIFT LEFT SINGLE keeps one bit too few of its numeric part in the copy.
    @Test(.enabled(if: ProcessInfo.processInfo.environment["S370_LONG"] == "1"))
    func aBrokenInstructionFailsTheSuite() throws {
        let fm = FileManager.default
        let copy = fm.temporaryDirectory.appendingPathComponent("s370-mutant-\(getpid())")
        try? fm.removeItem(at: copy)
        try fm.createDirectory(at: copy, withIntermediateDirectories: true)
        defer { try? fm.removeItem(at: copy) }
        for item in ["Package.swift", "Package.resolved", "Sources", "Tests", "Decks"]
        where fm.fileExists(atPath: packageRoot.appendingPathComponent(item).path) {
            try fm.copyItem(at: packageRoot.appendingPathComponent(item), to: copy.appendingPathComponent(item))
        }
        let file = copy.appendingPathComponent("Sources/S370CPU/FixedPoint.swift")
        let text = try String(contentsOf: file, encoding: .utf8)
        let original = "(UInt32(bitPattern: v) << n) & 0x7FFF_FFFF"
        #expect(text.contains(original), "the scripted edit no longer matches FixedPoint.swift")
        try text.replacingOccurrences(of: original, with: "(UInt32(bitPattern: v) << n) & 0x3FFF_FFFF")
            .write(to: file, atomically: true, encoding: .utf8)

        let (built, log) = try run("swift", ["build", "--product", "s370"], in: copy)
        #expect(built == 0, "the mutant did not build:\n\(log.suffix(2000))")
        guard built == 0 else { return }
        let (status, out) = try run(copy.appendingPathComponent(".build/debug/s370").path,
                                    ["test", "--filter", "fixed"], in: copy)
        #expect(status == 1)
        let last = out.split(separator: "\n").last.map(String.init) ?? ""
        #expect(last.hasSuffix("failed") && !last.hasSuffix(" 0 failed"), "\(last)")
        #expect(out.contains("fixed: SLA 40000000 0 R2"))
        // The unbroken instructions still pass in the mutant.
        #expect(!out.contains("fixed: AR "))
    }
}
