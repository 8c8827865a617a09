// The EBCDIC table and the card-image format.

import Testing
import Records

@Suite struct RecordsTests {
    @Test func ebcdicTablesAreInverses() {
        for b in 0..<256 {
            #expect(EBCDIC.fromLatin1[Int(EBCDIC.toLatin1[b])] == UInt8(b))
        }
        #expect(EBCDIC.encode("A1 ") == [0xC1, 0xF1, 0x40])
        #expect(EBCDIC.decode([0xC8, 0xC5, 0xD3, 0xD3, 0xD6]) == "HELLO")
    }

    @Test func textDecksArePaddedCards() throws {
        let cards = try CardDeck.read(Array("ID USER1\nHELLO\n".utf8), source: "t")
        #expect(cards.count == 2)
        #expect(cards[0].columns.count == 80)
        #expect(cards[1].text == "HELLO")
        #expect(CardDeck.detectFormat(CardDeck.ebcdic(cards)) == .ebcdic)
    }

    @Test func badDecksNameTheCard() {
        let long = String(repeating: "X", count: 81)
        #expect(throws: DeckError(source: "d", card: 2, message: "the line has 81 characters; a card holds 80")) {
            try CardDeck.read(Array("OK\n\(long)\n".utf8), format: .text, source: "d")
        }
        #expect(throws: DeckError.self) { try CardDeck.read([1, 2, 3], format: .ebcdic, source: "d") }
    }
}
