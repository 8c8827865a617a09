// The S/370 assembler: the public entry points.
//
//   let result = Assembler.assemble(file: "prog.asm", options: options)
//   result.diagnostics        // FILE:LINE:COLUMN: ASMAnnnS text
//   result.objectDeck.cards() // ESD, TXT, RLD, END cards
//   result.listing()          // the listing, with cross-reference
//   result.coreImage()        // bytes at their assembled addresses
//   try result.iplDeck()      // a self-loading card deck
//
// See Assembly.swift for how an assembly flows through the passes.

import Foundation
import Records

/// Options of an assembly.
public struct AssemblerOptions: Sendable {
    /// Macro library folders (NAME.mac, and NAME.cpy for COPY), searched in order.
    public var macroLibraries: [String] = []
    /// Library members held in memory, by file name ("NAME.mac", "NAME.cpy"), searched first.
    public var libraryMembers: [String: String] = [:]
    /// The value of &SYSPARM.
    public var sysparm = ""
    /// The name of the source in diagnostics.
    public var sourceName = "source"
    /// The date and time of &SYSDATE, &SYSTIME and &SYSDATC (now when nil).
    public var date: Date? = nil
    /// The most statements (open code, generated and conditional) one assembly may
    /// process: a bound on runaway macro loops whatever ACTR allows.
    public var statementLimit = 1_000_000

    public init() {}
}

/// The raw image of an assembled program at its assembled addresses.
public struct CoreImage: Sendable, Equatable {
    /// The address of the first byte.
    public var origin: UInt32
    /// The bytes, from `origin` to the end of the last section.
    public var bytes: [UInt8]
    /// The entry point (END operand, or the first section).
    public var entryPoint: UInt32
}

/// The outcome of an assembly.
public final class AssemblyResult {
    let assembly: Assembly
    /// All diagnostics, in source order of issue.
    public let diagnostics: [Diagnostic]
    /// The highest severity (MNOTE severities included): 0 clean, 4 warnings, 8 and up errors.
    public let returnCode: Int
    /// The number of statements, open code and generated.
    public let statementCount: Int
    /// The object deck.
    public let objectDeck: ObjectDeck

    init(_ a: Assembly, deck: ObjectDeck) {
        assembly = a
        diagnostics = a.diagnostics
        returnCode = a.maxSeverity
        statementCount = a.statements.count
        objectDeck = deck
    }

    /// Whether an error (severity 8 or more) occurred.
    public var hasErrors: Bool { returnCode >= 8 }

    /// The listing: statements with location, object code and addresses, then the symbol
    /// cross-reference and the diagnostics.
    public func listing() -> String { assembly.listing() }

    /// The program at its assembled addresses (its own relocations resolved; external
    /// references must be weak, or they are reported by `LoaderError`).
    public func coreImage() throws -> CoreImage {
        let low = objectDeck.esd.filter { $0.type == .sectionDefinition || $0.type == .privateCode }.map(\.address).min() ?? 0
        let (image, _, map) = try Loader.link([objectDeck], at: low)
        if !map.unresolved.isEmpty {
            throw LoaderError("unresolved external references: \(map.unresolved.joined(separator: ", ")); link the decks with the loader instead")
        }
        return CoreImage(origin: low, bytes: image, entryPoint: map.entryPoint)
    }

    /// A self-loading card deck that IPLs the program from a card reader (see IPLDeck).
    public func iplDeck() throws -> [CardImage] {
        let core = try coreImage()
        return try IPLDeck.cards(image: core.bytes, origin: core.origin, entry: core.entryPoint)
    }
}

/// The assembler.
public enum Assembler {
    /// Assembles source bytes (text: UTF-8 or Latin-1, one statement record a line).
    public static func assemble(source: [UInt8], options: AssemblerOptions = AssemblerOptions()) -> AssemblyResult {
        let a = Assembly(options: options)
        if let d = options.date { a.macro.date = d }
        if let (_, records) = a.addFile(path: options.sourceName, bytes: source) {
            a.runMacroProcessor(records: records)
        }
        a.finishPass1()
        a.pass2()
        let deck = a.buildObjectDeck()
        return AssemblyResult(a, deck: deck)
    }

    /// Assembles source text.
    public static func assemble(_ text: String, options: AssemblerOptions = AssemblerOptions()) -> AssemblyResult {
        assemble(source: Array(text.utf8), options: options)
    }

    /// Assembles a file.
    public static func assemble(file path: String, options: AssemblerOptions = AssemblerOptions()) throws -> AssemblyResult {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw LoaderError("cannot read '\(path)'")
        }
        var o = options
        o.sourceName = path
        return assemble(source: [UInt8](data), options: o)
    }
}
