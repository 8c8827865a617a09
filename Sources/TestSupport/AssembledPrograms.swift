// Assembling test programs: source text in, bytes and entry point out, or
// object decks loaded into a test machine with the loader. The conformance
// suite is written in assembler language and built on these.

import Assembler
import BareMachine
import DATBox
import S370CPU

/// A program assembled from source, at its assembled addresses.
public struct AssembledProgram {
    /// The assembly (diagnostics, listing, object deck).
    public let result: AssemblyResult
    /// The bytes from `origin` to the end of the last section.
    public let bytes: [UInt8]
    /// The assembled address of the first byte.
    public let origin: UInt32
    /// The entry point (the END operand, or the first section).
    public let entry: UInt32

    /// The diagnostics, one a line.
    public var diagnosticText: String { result.diagnostics.map(\.description).joined(separator: "\n") }
}

/// Why a test program could not be assembled.
public struct AssemblyFailed: Error, CustomStringConvertible {
    public let diagnostics: [Diagnostic]
    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}

/// Assembler options for tests: fixed date, in-memory macro library.
public func testAssemblerOptions(macros: [String: String] = [:], sysparm: String = "") -> AssemblerOptions {
    var o = AssemblerOptions()
    o.libraryMembers = macros
    o.sysparm = sysparm
    o.sourceName = "test.asm"
    return o
}

/// Assembles `source`; throws `AssemblyFailed` when an error (severity 8 or more) occurred.
/// `macros` holds library members by file name ("NAME.mac", "NAME.cpy").
public func assemble(_ source: String, macros: [String: String] = [:], sysparm: String = "") throws -> AssembledProgram {
    let r = Assembler.assemble(source, options: testAssemblerOptions(macros: macros, sysparm: sysparm))
    if r.returnCode >= 8 { throw AssemblyFailed(diagnostics: r.diagnostics) }
    let core = try r.coreImage()
    return AssembledProgram(result: r, bytes: core.bytes, origin: core.origin, entry: core.entryPoint)
}

/// Assembles `source` whatever happens (for tests of diagnostics).
public func assembleResult(_ source: String, macros: [String: String] = [:], sysparm: String = "") -> AssemblyResult {
    Assembler.assemble(source, options: testAssemblerOptions(macros: macros, sysparm: sysparm))
}

/// The object code of `statements`, assembled in a control section TEST at 0, as one
/// byte array (alignment gaps included). Throws `AssemblyFailed` on an error.
public func objectCode(_ statements: String, macros: [String: String] = [:]) throws -> [UInt8] {
    let p = try assemble("TEST     CSECT\n" + statements + "\n         END\n", macros: macros)
    return p.bytes
}

extension TestMachine {
    /// Loads an assembled program at its assembled addresses, starts it at its entry point
    /// with a BC-mode supervisor PSW (or `psw`), and runs up to `steps` instructions.
    @discardableResult
    public func run(_ program: AssembledProgram, psw: PSW? = nil, steps: UInt64 = 1_000_000) -> RunResult {
        load(program.bytes, at: program.origin)
        var p = psw ?? PSW()
        if psw == nil { p.instructionAddress = program.entry }
        cpu.loadPSW(p)
        return machine.run(maxInstructions: steps)
    }

    /// Loads object decks with the loader at `origin` and runs from the entry point.
    @discardableResult
    public func run(decks: [ObjectDeck], at origin: UInt32, steps: UInt64 = 1_000_000) throws -> (RunResult, LoadMap) {
        let map = try Loader.load(decks, into: storage, at: origin)
        var p = PSW()
        p.instructionAddress = map.entryPoint
        cpu.loadPSW(p)
        return (machine.run(maxInstructions: steps), map)
    }
}
