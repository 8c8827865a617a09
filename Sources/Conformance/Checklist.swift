// The checklist the suite answers to: the project's own copy of the
// instruction checklist (Decks/conformance/CHECKLIST.md). Its tables give one
// line per opcode (`| 05 | BALR |`); its "Beyond the opcodes" list gives one
// line per item, each tagged in back-quotes (`` - `KEYS`: ... ``). A check
// counts for the line named by the first word of its name.

import Foundation

/// One line of the checklist.
public struct ChecklistItem: Sendable, Equatable {
    /// The mnemonic (`BALR`) or tag (`KEYS`).
    public var name: String
    /// The opcode in hexadecimal, or empty for a tag.
    public var opcode: String
    /// The text of the line.
    public var text: String
}

/// The parsed checklist.
public struct Checklist: Sendable {
    /// Its lines, in the file's order.
    public var items: [ChecklistItem]

    /// Parses CHECKLIST.md.
    public init(markdown: String) {
        var items: [ChecklistItem] = []
        for raw in markdown.split(separator: "\n") {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("|") {
                let cells = line.split(separator: "|", omittingEmptySubsequences: false)
                    .map { $0.trimmingCharacters(in: .whitespaces) }
                var i = 1
                while i + 1 < cells.count {
                    let op = cells[i], mnemonic = cells[i + 1]
                    if op.count >= 2, op.count <= 4, op.allSatisfy(\.isHexDigit),
                       let word = mnemonic.split(separator: " ").first, word.allSatisfy({ $0.isLetter && $0.isUppercase }) {
                        items.append(ChecklistItem(name: String(word), opcode: op, text: "\(op) \(mnemonic)"))
                        i += 2
                        // The tables put an empty column between pairs.
                        if i < cells.count && cells[i].isEmpty { i += 1 }
                    } else {
                        i += 1
                    }
                }
            } else if line.hasPrefix("- `"), let end = line.dropFirst(3).firstIndex(of: "`") {
                let tag = String(line[line.index(line.startIndex, offsetBy: 3)..<end])
                items.append(ChecklistItem(name: tag, opcode: "", text: line))
            }
        }
        self.items = items
    }

    /// Reads the checklist of a suite.
    public static func load(_ suite: ConformanceSuite) throws -> Checklist {
        let path = suite.directory + "/CHECKLIST.md"
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ChecklistError(message: "cannot read \(path)")
        }
        return Checklist(markdown: String(decoding: data, as: UTF8.self))
    }

    /// The number of checks per line, from the decks' results (a check counts
    /// for each item its name begins with); every line appears, zero included.
    public func coverage(_ results: [DeckResult]) -> [(item: ChecklistItem, checks: Int)] {
        var counts: [String: Int] = [:]
        let known = Set(items.map(\.name))
        for r in results {
            for c in r.checks where !c.unexpected {
                for item in c.items(in: known) { counts[item, default: 0] += 1 }
            }
        }
        return items.map { ($0, counts[$0.name] ?? 0) }
    }
}

/// A checklist that cannot be read.
public struct ChecklistError: Error, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}

/// The program-interruption codes the checklist asks for (PoO, "Program
/// Interruption"): X'01'-X'13', monitor event X'40' and PER event X'80'.
public let programInterruptionCodes: [UInt16] = Array(0x01...0x13) + [0x40, 0x80]

/// How many checks expect each program-interruption code (a code with PER or
/// monitor bits counts for each part).
public func interruptionCoverage(_ results: [DeckResult]) -> [(code: UInt16, checks: Int)] {
    var counts: [UInt16: Int] = [:]
    for r in results {
        for c in r.checks where !c.unexpected && c.expected.count == 8 && c.expected[0] == 0xD7 && c.name.hasSuffix(" INT") {
            let code = UInt16(c.expected[2]) << 8 | UInt16(c.expected[3])
            if code & 0x80 != 0 { counts[0x80, default: 0] += 1 }
            if code & 0x40 != 0 { counts[0x40, default: 0] += 1 }
            if code & 0x3F != 0 { counts[code & 0x3F, default: 0] += 1 }
        }
    }
    return programInterruptionCodes.map { ($0, counts[$0] ?? 0) }
}
