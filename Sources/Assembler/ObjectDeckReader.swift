// Reading object decks: ESD, TXT, RLD and END cards (format in ObjectDeck.swift),
// from this assembler or any other that punches the standard format. A file
// may hold several decks, each ended by its END card. Cards without X'02' in
// column 1 (loader control statements, blank cards) are skipped; SYM cards
// (symbol tables for test translators) are ignored.

import Records

/// What is wrong with an object deck, and on which card.
public struct ObjectDeckError: Error, CustomStringConvertible, Equatable {
    public var source: String
    public var card: Int
    public var message: String
    public init(source: String, card: Int, message: String) {
        self.source = source
        self.card = card
        self.message = message
    }
    public var description: String { "\(source): card \(card): \(message)" }
}

extension ObjectDeck {
    /// Reads the decks in `cards` (one per END card; cards after the last END make one more).
    public static func read(_ cards: [CardImage], source: String = "deck") throws -> [ObjectDeck] {
        var decks: [ObjectDeck] = []
        var deck = ObjectDeck()
        deck.end = nil
        var any = false
        for (n, card) in cards.enumerated() {
            let c = card.columns
            let number = n + 1
            func fail(_ m: String) -> ObjectDeckError { ObjectDeckError(source: source, card: number, message: m) }
            func u16(_ i: Int) -> Int { Int(c[i]) << 8 | Int(c[i + 1]) }
            func u24(_ i: Int) -> UInt32 { UInt32(c[i]) << 16 | UInt32(c[i + 1]) << 8 | UInt32(c[i + 2]) }
            func blank(_ r: Range<Int>) -> Bool { c[r].allSatisfy { $0 == EBCDIC.blank } }
            guard c[0] == 0x02 else { continue }
            let type = EBCDIC.decode(c[1..<4])
            switch type {
            case "ESD":
                let count = u16(10)
                guard count % 16 == 0, count <= 48 else { throw fail("ESD card: byte count \(count) is not 16, 32 or 48") }
                var id = blank(14..<16) ? 0 : u16(14)
                for k in 0..<(count / 16) {
                    let at = 16 + 16 * k
                    var name = EBCDIC.decode(c[at..<(at + 8)])
                    while name.hasSuffix(" ") { name.removeLast() }
                    guard let t = ESDType(rawValue: c[at + 8]) else {
                        throw fail("ESD item \(k + 1): type X'\(hex2(c[at + 8]))' is not SD, LD, ER, PC, CM or WX")
                    }
                    var item = ESDItem(name: name, type: t)
                    switch t {
                    case .labelDefinition:
                        item.address = u24(at + 9)
                        item.owner = u16(at + 14)
                    case .sectionDefinition, .privateCode, .common:
                        guard id > 0 else { throw fail("ESD card: no ESDID in columns 15-16 for item \(k + 1)") }
                        item.address = u24(at + 9)
                        item.flag = c[at + 12]
                        item.length = c[at + 13] == EBCDIC.blank && blank((at + 13)..<(at + 16)) ? 0 : u24(at + 13)
                        item.id = id
                        id += 1
                    case .externalReference, .weakExternalReference:
                        guard id > 0 else { throw fail("ESD card: no ESDID in columns 15-16 for item \(k + 1)") }
                        item.id = id
                        id += 1
                    }
                    deck.esd.append(item)
                }
            case "TXT":
                let count = u16(10)
                guard count <= 56 else { throw fail("TXT card: byte count \(count) exceeds 56") }
                let id = u16(14)
                guard deck.item(id: id) != nil else { throw fail("TXT card: ESDID \(id) names no section of this deck") }
                deck.text.append(TextRecord(id: id, address: u24(5), bytes: Array(c[16..<(16 + count)])))
            case "RLD":
                let count = u16(10)
                guard count <= 56 else { throw fail("RLD card: byte count \(count) exceeds 56") }
                var i = 16
                var r = 0, p = 0
                var same = false
                while i < 16 + count {
                    if !same {
                        guard i + 8 <= 16 + count else { throw fail("RLD card: item at column \(i + 1) is cut short") }
                        r = u16(i)
                        p = u16(i + 2)
                        i += 4
                    } else if i + 4 > 16 + count {
                        throw fail("RLD card: item at column \(i + 1) is cut short")
                    }
                    let flag = c[i]
                    deck.rld.append(RLDItem(relocationID: r, positionID: p, flags: flag, address: u24(i + 1)))
                    same = flag & 0x01 != 0
                    i += 4
                }
            case "END":
                var e = EndRecord()
                if !blank(5..<8) && !blank(14..<16) && u16(14) != 0 {
                    e.entryAddress = u24(5)
                    e.entryID = u16(14)
                } else if !blank(16..<24) {
                    var name = EBCDIC.decode(c[16..<24])
                    while name.hasSuffix(" ") { name.removeLast() }
                    e.entryName = name
                }
                deck.end = e
                // Columns 73-80: the deck ID, then digits of the sequence number.
                var id = EBCDIC.decode(c[72..<80])
                while let l = id.last, l.isNumber || l == " " { id.removeLast() }
                if !id.isEmpty { deck.deckID = id }
                decks.append(deck)
                deck = ObjectDeck()
                deck.end = nil
                any = false
                continue
            case "SYM":
                break
            default:
                throw fail("card type '\(type)' is not ESD, TXT, RLD or END")
            }
            any = true
        }
        if any { decks.append(deck) }
        return decks
    }

    /// Reads decks from a file's bytes (80-byte EBCDIC card images, or text lines).
    public static func read(bytes: [UInt8], source: String) throws -> [ObjectDeck] {
        // Object decks are binary; accept them as text only when they really are text lines.
        let format: DeckFormat = bytes.count % 80 == 0 && bytes.first == 0x02 ? .ebcdic : CardDeck.detectFormat(bytes)
        let cards = try CardDeck.read(bytes, format: format, source: source)
        return try read(cards, source: source)
    }
}

private func hex2(_ b: UInt8) -> String {
    let s = String(b, radix: 16, uppercase: true)
    return s.count < 2 ? "0" + s : s
}
