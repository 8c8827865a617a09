// s370 asm: assemble a source file into an object deck, a listing, a
// self-loading IPL deck or a raw core image.

import ArgumentParser
import Assembler
import Foundation
import Records

struct AsmCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "asm",
        abstract: "Assemble S/370 assembler language source.",
        discussion: """
            Reads fixed-format source (name in column 1, continuation in column 72, sequence \
            numbers in 73-80). Macros come from the source or from --maclib folders as NAME.mac; \
            COPY members from the same folders as NAME.cpy (or NAME.mac). Diagnostics go to \
            standard error as FILE:LINE:COLUMN: ASMAnnnS text. The exit status is the return code \
            (8, 12 or 16) when errors occurred, 0 otherwise (warnings included).
            """)

    @Argument(help: "The source file (omit with --benchmark to use a generated 5,000-statement program).")
    var source: String?

    @Option(name: [.customShort("o"), .customLong("object")], help: "Write the object deck (80-byte EBCDIC cards) to FILE.")
    var object: String?

    @Option(help: "Write the listing to FILE ('-' for standard output).")
    var listing: String?

    @Option(help: "Write a self-loading IPL card deck (EBCDIC) to FILE.")
    var ipl: String?

    @Option(help: "Write the raw core image (bytes at their assembled addresses) to FILE.")
    var core: String?

    @Option(name: .customLong("maclib"), help: "A macro library folder (repeatable); searched in order.")
    var maclibs: [String] = []

    @Option(help: "The value of &SYSPARM.")
    var sysparm: String = ""

    @Flag(help: "Assemble repeatedly and print statements per second.")
    var benchmark = false

    @Option(help: "With --benchmark: how many times to assemble (default 20).")
    var repeats: Int = 20

    @Option(help: "With --benchmark and no source: statements in the generated program.")
    var statements: Int = 5000

    func run() throws {
        var options = AssemblerOptions()
        options.macroLibraries = maclibs
        options.sysparm = sysparm
        if benchmark {
            let text: String
            if let path = source {
                guard let data = FileManager.default.contents(atPath: path) else {
                    throw ValidationError("cannot read '\(path)'")
                }
                text = String(decoding: data, as: UTF8.self)
                options.sourceName = path
            } else {
                text = AssemblerBenchmark.source(statements: statements)
                options.sourceName = "benchmark"
            }
            let r = AssemblerBenchmark.run(text, repeats: repeats, options: options)
            for d in r.result.diagnostics.prefix(20) {
                FileHandle.standardError.write(Data((d.description + "\n").utf8))
            }
            print(String(format: "%d statements in %.4f s: %.0f statements per second (return code %d)",
                         r.result.statementCount, r.seconds, r.statementsPerSecond, r.result.returnCode))
            return
        }
        guard let path = source else { throw ValidationError("a source file is required") }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ValidationError("cannot read '\(path)'")
        }
        options.sourceName = path
        let result = Assembler.assemble(source: [UInt8](data), options: options)
        for d in result.diagnostics {
            FileHandle.standardError.write(Data((d.description + "\n").utf8))
        }
        var objectPath = object
        if object == nil && listing == nil && ipl == nil && core == nil {
            let url = URL(fileURLWithPath: path)
            objectPath = url.deletingPathExtension().lastPathComponent + ".obj"
        }
        if let o = objectPath {
            try write(CardDeck.ebcdic(result.objectDeck.cards()), to: o)
        }
        if let l = listing {
            if l == "-" { print(result.listing(), terminator: "") } else { try write(Array(result.listing().utf8), to: l) }
        }
        if let c = core {
            do {
                let image = try result.coreImage()
                try write(image.bytes, to: c)
                note("core image: \(image.bytes.count) bytes at X'\(hexString(image.origin))', entry X'\(hexString(image.entryPoint))' (s370 ipl --core \(c)@\(hexString(image.origin)))")
            } catch let e as LoaderError {
                note("--core: \(e.message)")
                throw ExitCode(12)
            }
        }
        if let p = ipl {
            do {
                try write(CardDeck.ebcdic(try result.iplDeck()), to: p)
            } catch let e as LoaderError {
                note("--ipl: \(e.message)")
                throw ExitCode(12)
            }
        }
        note("\(path): \(result.statementCount) statements, return code \(result.returnCode)")
        if result.returnCode >= 8 { throw ExitCode(Int32(min(result.returnCode, 255))) }
    }

    private func write(_ bytes: [UInt8], to path: String) throws {
        guard FileManager.default.createFile(atPath: path, contents: Data(bytes)) else {
            throw ValidationError("cannot write '\(path)'")
        }
    }

    private func note(_ s: String) {
        FileHandle.standardError.write(Data(("s370 asm: " + s + "\n").utf8))
    }

    private func hexString(_ v: UInt32) -> String { String(v, radix: 16, uppercase: true) }
}
