// A spool file as a host file: cards as text (one card a line) or as 80-byte
// EBCDIC card images (Records' one card format), print lines as the text a
// 1403 prints (the Channels `Printer1403` model renders them, carriage
// control and all: `\f` at a new page, `\r` for overprinting), and the
// VM/370 separators: a two-page separator before printed output, four
// separator cards before punched output (vm370-reference.md, 3.5).

import Channels
import Foundation
import Records

/// How a spool file is written to a host file.
public enum SpoolOutputFormat: String, Sendable, CaseIterable {
    /// Cards one a line; print lines as printed.
    case text
    /// Cards as 80-byte EBCDIC card images (not for printer files).
    case ebcdic
}

enum SpoolOutput {
    /// The host bytes of `records` (of a file made by `device`), `copies` times.
    static func render(_ records: SpoolRecords, of device: OriginDevice, format: SpoolOutputFormat,
                       copies: Int = 1, separator: [SpoolRecord] = []) throws -> [UInt8] {
        if device.holdsPrintLines {
            guard format == .text else {
                throw SpoolError.invalid("a printer file is written as text: EBCDIC card images are for card files")
            }
            let printer = try Printer1403()
            for r in separator { _ = printer.perform(r.command, line: r.data) }
            for _ in 0..<max(1, copies) {
                for r in records { _ = printer.perform(r.command, line: r.data) }
            }
            var text = printer.output
            // The last line ends (the printer keeps a line open until the form moves).
            if !text.isEmpty && !text.hasSuffix("\n") && !text.hasSuffix("\u{0C}") { text += "\n" }
            return text.unicodeScalars.map { UInt8(truncatingIfNeeded: $0.value) }
        }
        var cards = separator.map { CardImage(ebcdic: $0.data) }
        let file = records.cards
        for _ in 0..<max(1, copies) { cards += file }
        switch format {
        case .ebcdic: return CardDeck.ebcdic(cards)
        case .text: return Array(CardDeck.text(cards).unicodeScalars.map { UInt8(truncatingIfNeeded: $0.value) })
        }
    }

    /// The two-page separator a real printer prints before a file, as print
    /// records: each page has the file's description, then the owner's userid
    /// (page 1) or distribution code (page 2) in block letters; a skip to
    /// channel 1 ends each page.
    static func separatorPage(_ f: SpoolFile, device: UInt16, date: Date) -> [SpoolRecord] {
        var out: [SpoolRecord] = []
        func line(_ s: String, space: UInt8 = 0x09) { out.append(SpoolRecord(command: space, data: EBCDIC.encode(s))) }
        let describe = describeLines(f, device: "PRT \(hex3(device))", date: date)
        for big in [f.owner, f.distribution.isEmpty ? f.owner : f.distribution] {
            for d in describe { line(d) }
            line("", space: 0x19)
            for r in BlockLetters.rows(big) { line(r) }
            line("", space: 0x19)
            for d in describe { line(d) }
            out.append(SpoolRecord(command: 0x8B, data: []))
        }
        return out
    }

    /// The four separator cards a real punch punches before a file.
    static func separatorCards(_ f: SpoolFile, device: UInt16, date: Date) -> [SpoolRecord] {
        let text = "*** VM/370 SEPARATOR *** \(pad(f.owner, 8)) \(pad(f.distribution, 8)) FILE \(f.spoolidText) CLASS \(f.spoolClass) \(pad(f.name, 8)) \(pad(f.type, 8))"
        return (0..<4).map { _ in SpoolRecord(command: SpoolRecords.cardCommand, data: CardImage(text: String(text.prefix(80))).columns) }
    }

    /// The description lines of a separator.
    static func describeLines(_ f: SpoolFile, device: String, date: Date) -> [String] {
        let (d, t) = SpoolQueries.dateTime(f.created)
        let (pd, pt) = SpoolQueries.dateTime(date)
        return [
            "USERID \(pad(f.owner, 8))  ORIGIN \(pad(f.origin, 8))  DIST \(pad(f.distribution, 8))  FILE \(f.spoolidText)  CLASS \(f.spoolClass)  \(f.originDevice.rawValue)  RECDS \(SpoolQueries.sixDigits(f.records))  COPY \(SpoolQueries.twoDigits(f.copies))",
            "NAME \(pad(f.name, 8)) \(pad(f.type, 8))  CLOSED \(d) \(t)  PRINTED \(pd) \(pt) ON \(device)  FORM \(f.form)",
        ] + (f.tag.isEmpty ? [] : ["TAG \(f.tag)"])
    }

    static func pad(_ s: String, _ n: Int) -> String {
        s.count >= n ? s : s + String(repeating: " ", count: n - s.count)
    }
}

extension SpoolSystem {
    /// A closed file as a host file's bytes: cards as text or EBCDIC card images,
    /// print lines as printed text (what `s370 spool get` writes).
    public func render(_ spoolid: Int, format: SpoolOutputFormat) throws -> [UInt8] {
        guard let f = file(spoolid) else { throw SpoolError.noSuchFile(spoolid) }
        return try SpoolOutput.render(try records(of: spoolid), of: f.originDevice, format: format)
    }
}
