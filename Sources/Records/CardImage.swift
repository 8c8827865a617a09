// The one card-image format: an 80-column card as 80 EBCDIC bytes.
//
// Decks arrive from the host either as text (one card a line, at most 80
// characters, padded with blanks) or as binary EBCDIC card images (a multiple
// of 80 bytes with no line structure). `CardDeck.read` tells them apart, or
// takes the format it is given, and says exactly where a deck is bad.

/// One punched card: 80 EBCDIC bytes.
public struct CardImage: Equatable, Sendable {
    /// The 80 columns, as EBCDIC bytes.
    public var columns: [UInt8]

    /// A card from 80 EBCDIC bytes (padded with blanks or cut to 80).
    public init(ebcdic: [UInt8]) {
        var c = Array(ebcdic.prefix(80))
        if c.count < 80 { c += [UInt8](repeating: EBCDIC.blank, count: 80 - c.count) }
        columns = c
    }

    /// A card from a line of text of at most 80 characters, padded with blanks.
    public init(text: String) {
        self.init(ebcdic: EBCDIC.encode(text))
    }

    /// The card as text, trailing blanks removed.
    public var text: String {
        var s = EBCDIC.decode(columns)
        while s.hasSuffix(" ") { s.removeLast() }
        return s
    }
}

/// How a deck file is stored on the host.
public enum DeckFormat: String, Sendable, CaseIterable {
    /// One card a line, ASCII/Latin-1 text.
    case text
    /// 80-byte EBCDIC card images, back to back.
    case ebcdic
}

/// What is wrong with a deck, and where.
public struct DeckError: Error, CustomStringConvertible, Equatable {
    /// The file (or a name for the source).
    public var source: String
    /// The 1-based line or card number, when the error is at one.
    public var card: Int?
    /// What is wrong.
    public var message: String

    /// An error in `source`, at `card` when it is known.
    public init(source: String, card: Int?, message: String) {
        self.source = source
        self.card = card
        self.message = message
    }

    public var description: String {
        if let card { return "\(source): card \(card): \(message)" }
        return "\(source): \(message)"
    }
}

/// Reading and writing decks of cards.
public enum CardDeck {
    /// Guesses the format of a deck's bytes: text when every byte is printable
    /// Latin-1 or a line end and some line end exists (or it is short); else EBCDIC.
    public static func detectFormat(_ bytes: [UInt8]) -> DeckFormat {
        if bytes.isEmpty { return .text }
        let textual = bytes.allSatisfy { $0 == 0x0A || $0 == 0x0D || $0 == 0x09 || ($0 >= 0x20 && $0 < 0x7F) || $0 >= 0xA0 }
        if textual && (bytes.contains(0x0A) || bytes.count < 80 || bytes.count % 80 != 0) { return .text }
        if bytes.count % 80 == 0 { return .ebcdic }
        return .text
    }

    /// Reads a deck from its bytes. `format` nil means detect it.
    public static func read(_ bytes: [UInt8], format: DeckFormat? = nil, source: String) throws -> [CardImage] {
        switch format ?? detectFormat(bytes) {
        case .ebcdic:
            guard bytes.count % 80 == 0 else {
                throw DeckError(source: source, card: bytes.count / 80 + 1,
                                message: "an EBCDIC deck must be a multiple of 80 bytes; it has \(bytes.count), \(bytes.count % 80) left over")
            }
            return stride(from: 0, to: bytes.count, by: 80).map { CardImage(ebcdic: Array(bytes[$0..<$0 + 80])) }
        case .text:
            var cards: [CardImage] = []
            var line: [UInt8] = []
            var number = 1
            func finish() throws {
                if line.last == 0x0D { line.removeLast() }
                for (i, b) in line.enumerated() where b < 0x20 && b != 0x09 {
                    throw DeckError(source: source, card: number,
                                    message: "column \(i + 1) holds the control byte X'\(String(b, radix: 16, uppercase: true))': not a text deck (use the EBCDIC format for binary decks)")
                }
                let text = String(decoding: line.map { $0 == 0x09 ? 0x20 : $0 }, as: UTF8.self)
                let chars = line.allSatisfy({ $0 < 0x80 }) ? text : String(line.map { Character(Unicode.Scalar($0 == 0x09 ? 0x20 : $0)) })
                guard chars.count <= 80 else {
                    throw DeckError(source: source, card: number, message: "the line has \(chars.count) characters; a card holds 80")
                }
                cards.append(CardImage(text: chars))
                line = []
                number += 1
            }
            for b in bytes {
                if b == 0x0A { try finish() } else { line.append(b) }
            }
            if !line.isEmpty { try finish() }
            return cards
        }
    }

    /// The deck as text lines, trailing blanks removed, one card a line.
    public static func text(_ cards: [CardImage]) -> String {
        cards.map { $0.text + "\n" }.joined()
    }

    /// The deck as 80-byte EBCDIC card images.
    public static func ebcdic(_ cards: [CardImage]) -> [UInt8] {
        cards.flatMap { $0.columns }
    }
}
