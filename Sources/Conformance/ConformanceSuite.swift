// The conformance suite: the decks of Decks/conformance, assembled with the
// project's assembler and its macro library, run one at a time on a fresh
// bare machine in deterministic mode, and judged from the results table each
// deck keeps in low storage (the CONFBEG macro lays it out):
//
//   X'200' CL8 'S370CONF'   +8 checks declared   +12 checks recorded
//   +16 checks failed        +20 A(index of records)   +24 CL8 deck name
//   +32 1 when finished      +36 unexpected interruptions
//
// Each record (68 bytes): CL32 name, AL1 length, C status ('P'/'F'),
// C kind, X'00', XL16 expected, XL16 got.

import Assembler
import BareMachine
import Channels
import DATBox
import Foundation
import Records
import S370CPU

/// The conformance suite on disk.
public struct ConformanceSuite {
    /// The folder of the decks (`Decks/conformance`).
    public let directory: String
    /// Instructions a deck may run before it is stopped.
    public var instructionLimit: UInt64 = 50_000_000

    /// The suite in `directory`.
    public init(directory: String) { self.directory = directory }

    /// Finds `Decks/conformance` in the current directory or above, or
    /// above the running executable (`.build/release/s370`).
    public static func locate() -> ConformanceSuite? {
        locateFolder("Decks/conformance", containing: "maclib").map { ConformanceSuite(directory: $0) }
    }

    /// The decks to run, sorted: each file's name without `.asm`, and
    /// `NAME.ec` for a deck whose `* MODES:` line (among its first lines) also
    /// names EC: the same deck assembled with SYSPARM EC runs in the EC mode,
    /// so that its interruptions are reported through the EC-mode fields.
    public var decks: [String] {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        var out: [String] = []
        for f in files where f.hasSuffix(".asm") {
            let name = String(f.dropLast(4))
            out.append(name)
            if modes(of: name).contains("EC") { out.append(name + ".ec") }
        }
        return out.sorted()
    }

    /// The devices a deck needs (`* DEVICES: 009 3215, 00E 1403`), as written.
    public func devices(of deck: String) -> [String] {
        let file = deck.hasSuffix(".ec") ? String(deck.dropLast(3)) : deck
        guard let data = FileManager.default.contents(atPath: "\(directory)/\(file).asm") else { return [] }
        for line in String(decoding: data.prefix(2000), as: UTF8.self).split(separator: "\n").prefix(10)
        where line.hasPrefix("* DEVICES:") {
            return line.dropFirst(10).split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        }
        return []
    }

    /// The modes a deck declares (`* MODES: BC EC`); BC when it declares none.
    func modes(of deck: String) -> [String] {
        guard let data = FileManager.default.contents(atPath: "\(directory)/\(deck).asm") else { return ["BC"] }
        for line in String(decoding: data.prefix(2000), as: UTF8.self).split(separator: "\n").prefix(10)
        where line.hasPrefix("* MODES:") {
            return line.dropFirst(8).split(separator: " ").map(String.init)
        }
        return ["BC"]
    }

    /// The macro library folder.
    public var maclib: String { directory + "/maclib" }

    /// Assembles a deck; the result carries the diagnostics.
    public func assemble(_ deck: String) throws -> AssemblyResult {
        var options = AssemblerOptions()
        options.macroLibraries = [maclib]
        var file = deck
        if deck.hasSuffix(".ec") {
            file = String(deck.dropLast(3))
            options.sysparm = "EC"
        }
        options.sourceName = "\(directory)/\(file).asm"
        options.date = Date(timeIntervalSince1970: 0)
        return try Assembler.assemble(file: options.sourceName, options: options)
    }

    /// Assembles and runs one deck.
    public func run(_ deck: String) -> DeckResult {
        var result = DeckResult(deck: deck, checks: [], declared: 0, waitSaysPass: false, status: "not run",
                                finalPSW: 0, instructions: 0, printed: [], error: nil, skipped: nil)
        let needs = devices(of: deck)
        if !needs.isEmpty && !ConformanceMachine.canAttach(needs) {
            result.skipped = "needs devices the runner cannot attach: \(needs.joined(separator: ", "))"
            result.status = "skipped"
            return result
        }
        let assembly: AssemblyResult
        do {
            assembly = try assemble(deck)
        } catch {
            result.error = "cannot read the deck: \(error)"
            return result
        }
        if assembly.hasErrors {
            let first = assembly.diagnostics.prefix(5).map(\.description).joined(separator: "; ")
            result.error = "assembly failed (return code \(assembly.returnCode)): \(first)"
            return result
        }
        let image: CoreImage
        do { image = try assembly.coreImage() } catch {
            result.error = "no core image: \(error)"
            return result
        }
        let built: ConformanceMachine
        do {
            built = try ConformanceMachine.make(devices: needs, directory: directory)
        } catch {
            result.error = "cannot build the machine: \(error)"
            return result
        }
        let machine = built.machine
        defer { built.cleanUp() }
        guard machine.storage.load(image.bytes, at: image.origin) else {
            result.error = "the deck (\(image.bytes.count) bytes) does not fit in storage"
            return result
        }
        var psw = PSW()
        psw.instructionAddress = image.entryPoint
        machine.cpu.loadPSW(psw)
        let run = machine.run(maxInstructions: instructionLimit)
        result.status = run.status.rawValue
        result.instructions = run.instructions
        result.finalPSW = machine.cpu.psw.value
        result.printed = built.printedLines
        result.waitSaysPass = run.status == .disabledWait && machine.cpu.psw.instructionAddress == 0
        readResults(machine.storage, into: &result)
        return result
    }

    /// Reads the header and the records the deck made.
    func readResults(_ storage: MainStorage, into result: inout DeckResult) {
        let header = storage.bytes(at: 0x200, count: 48)
        guard header.count == 48, EBCDIC.decode(header[0..<8]) == "S370CONF" else {
            result.error = "no results table at X'200' (the deck did not start with CONFBEG)"
            return
        }
        func word(_ b: [UInt8], _ at: Int) -> UInt32 {
            UInt32(b[at]) << 24 | UInt32(b[at + 1]) << 16 | UInt32(b[at + 2]) << 8 | UInt32(b[at + 3])
        }
        result.declared = Int(word(header, 8))
        let recorded = min(Int(word(header, 12)), result.declared + 64)
        let index = word(header, 20)
        let entries = storage.bytes(at: index, count: recorded * 4)
        guard entries.count == recorded * 4 else {
            result.error = "the results index at X'\(String(index, radix: 16))' is outside storage"
            return
        }
        for i in 0..<recorded {
            let address = word(entries, i * 4) & 0x00FF_FFFF
            let r = storage.bytes(at: address, count: 68)
            guard r.count == 68 else {
                result.error = "record \(i + 1) at X'\(String(address, radix: 16))' is outside storage"
                return
            }
            let length = max(1, min(16, Int(r[32])))
            let name = EBCDIC.decode(r[0..<32]).trimmingCharacters(in: .whitespaces)
            let expected = Array(r[36..<36 + length]), got = Array(r[52..<52 + length])
            // The deck's verdict and the runner's must agree: a broken compare in
            // the deck cannot turn a failure into a pass.
            let passed = r[33] == 0xD7 /* P */ && expected == got && r[34] != 0xE4 /* U */
            result.checks.append(CheckResult(name: name, expected: expected, got: got, passed: passed,
                                             unexpected: r[34] == 0xE4))
        }
    }
}

/// Finds `relative` (for example `Decks/bench`) holding `marker` in the current
/// directory or one of its parents, or above the running executable.
public func locateFolder(_ relative: String, containing marker: String) -> String? {
    var starts = [FileManager.default.currentDirectoryPath]
    if let exe = CommandLine.arguments.first {
        starts.append(URL(fileURLWithPath: exe).resolvingSymlinksInPath().deletingLastPathComponent().path)
    }
    for start in starts {
        var url = URL(fileURLWithPath: start)
        for _ in 0..<6 {
            let candidate = url.appendingPathComponent(relative)
            if FileManager.default.fileExists(atPath: candidate.appendingPathComponent(marker).path) {
                return candidate.path
            }
            url = url.deletingLastPathComponent()
        }
    }
    return nil
}
