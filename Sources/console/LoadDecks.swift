// s370 ipl --load DECK@ADDR: object decks linked and loaded by the assembler's loader.

import ArgumentParser
import Assembler
import DATBox
import Foundation

/// Loads the object decks of `--load` options (all linked together at the first
/// address given); returns the entry point, or nil when there are none.
func loadObjectDecks(_ specs: [String], into storage: MainStorage) throws -> UInt32? {
    guard !specs.isEmpty else { return nil }
    var decks: [ObjectDeck] = []
    var origin: UInt32? = nil
    for spec in specs {
        guard let at = spec.lastIndex(of: "@") else {
            throw ValidationError("--load '\(spec)' needs a load address: DECK@HEXADDR")
        }
        let path = String(spec[..<at])
        let addressText = String(spec[spec.index(after: at)...])
        guard let address = UInt32(addressText, radix: 16) else {
            throw ValidationError("--load '\(spec)': '\(addressText)' is not a hexadecimal address")
        }
        if origin == nil { origin = address }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ValidationError("--load: cannot read '\(path)'")
        }
        do {
            decks += try ObjectDeck.read(bytes: [UInt8](data), source: path)
        } catch {
            throw ValidationError("--load \(path): \(error)")
        }
    }
    do {
        let map = try Loader.load(decks, into: storage, at: origin!)
        if !map.unresolved.isEmpty {
            FileHandle.standardError.write(Data("s370 ipl: unresolved external names: \(map.unresolved.joined(separator: ", "))\n".utf8))
        }
        return map.entryPoint
    } catch {
        throw ValidationError("--load: \(error)")
    }
}
