// Object decks and the loader: card formats, reading decks back, linking
// several decks with EXTRN/ENTRY/V-constants, and running the result on the
// bare machine.

import Testing
import Assembler
import BareMachine
import DATBox
import Records
import S370CPU
import TestSupport

/// A main program and two subroutines in three separate assemblies.
let mainSource = """
MAIN     CSECT
         ENTRY TOTAL
         EXTRN ADDUP
         BALR  12,0
         USING *,12
         LM    2,3,PAIR             the operands
         L     15,=A(ADDUP)         an EXTRN
         BALR  14,15
         ST    2,TOTAL
         L     15,=V(TWICE)         a V-constant
         BALR  14,15
         LPSW  DONE
         DS    0D
DONE     DC    X'0002000000000000'  disabled wait
PAIR     DC    F'40,2'
TOTAL    DS    F
         END   MAIN
"""

let addupSource = """
ADDUP    CSECT
*        R2 = R2 + R3, and count the calls in COUNT (in TWICE's deck).
         USING ADDUP,15
         AR    2,3
         L     1,=A(COUNT)
         L     0,0(1)
         A     0,=F'1'
         ST    0,0(1)
         BR    14
         EXTRN COUNT
         END
"""

let twiceSource = """
TWICE    CSECT
         ENTRY COUNT
*        TOTAL = TOTAL * 2, through a weak reference that is resolved.
         WXTRN TOTAL,NOWHERE
         USING TWICE,15
         L     1,ATOTAL
         L     0,0(1)
         AR    0,0
         ST    0,0(1)
         L     1,ANOWHERE           an unresolved WXTRN is zero
         ST    1,WEAK
         BR    14
ATOTAL   DC    A(TOTAL)
ANOWHERE DC    A(NOWHERE)
WEAK     DC    F'-1'
COUNT    DC    F'0'
         END
"""

@Suite struct LoaderTests {
    func deck(_ source: String) throws -> ObjectDeck {
        let r = assembleResult(source)
        #expect(r.returnCode == 0, "\(r.diagnostics)")
        // Through the card images and back, as a file would carry them.
        let bytes = CardDeck.ebcdic(r.objectDeck.cards())
        let decks = try ObjectDeck.read(bytes: bytes, source: "deck")
        #expect(decks.count == 1)
        #expect(decks[0] == r.objectDeck)
        return decks[0]
    }

    @Test func threeDecksLinkedAndRun() throws {
        let decks = [try deck(mainSource), try deck(addupSource), try deck(twiceSource)]
        let m = TestMachine(storageSize: 64 << 10)
        let (run, map) = try m.run(decks: decks, at: 0x2000)
        #expect(run.status == .disabledWait)
        #expect(map.unresolved.isEmpty)
        #expect(map.weakUnresolved == ["NOWHERE"])
        // MAIN at X'2000'; ADDUP and TWICE follow, each on a doubleword boundary.
        let main = try #require(map.symbols["MAIN"])
        let addup = try #require(map.symbols["ADDUP"])
        let twice = try #require(map.symbols["TWICE"])
        #expect(main == 0x2000)
        #expect(addup > main && addup % 8 == 0)
        #expect(twice > addup && twice % 8 == 0)
        #expect(map.entryPoint == 0x2000)
        let total = try #require(map.symbols["TOTAL"])
        let count = try #require(map.symbols["COUNT"])
        #expect(m.storage.word(at: total) == 84)     // (40 + 2) * 2
        #expect(m.storage.word(at: count) == 1)
        #expect(m[2] == 42)
        #expect(m.storage.word(at: twice + 32) == 0)  // WEAK: the unresolved WXTRN gave 0
    }

    @Test func unresolvedReferencesAreReported() throws {
        let decks = [try deck(mainSource), try deck(addupSource)]
        let storage = try MainStorage(size: 64 << 10)
        let map = try Loader.load(decks, into: storage, at: 0x1000)
        #expect(map.unresolved == ["COUNT", "TWICE"])
    }

    @Test func cardFormats() throws {
        let r = assembleResult("""
            PROG     CSECT
                     ENTRY HERE
                     EXTRN OUT
                     DC    C'ABC'
            HERE     DC    A(OUT,HERE)
                     END   HERE
            """)
        let cards = r.objectDeck.cards().map(\.columns)
        #expect(cards.count == 4)
        // ESD: X'02' ESD, 48 bytes of items, ESDID 1 first; SD PROG at 0 length 12, ER OUT, LD HERE.
        let esd = cards[0]
        #expect(esd[0] == 0x02 && Array(esd[1..<4]) == EBCDIC.encode("ESD"))
        #expect(Array(esd[10..<12]) == [0, 48] && Array(esd[14..<16]) == [0, 1])
        #expect(Array(esd[16..<32]) == EBCDIC.encode("PROG    ") + [0x00, 0, 0, 0, 0x00, 0, 0, 12])
        #expect(Array(esd[32..<48]) == EBCDIC.encode("OUT     ") + [0x02] + [UInt8](repeating: 0x40, count: 7))
        #expect(Array(esd[48..<64]) == EBCDIC.encode("HERE    ") + [0x01, 0, 0, 4, 0x40, 0x40, 0, 1])
        // TXT: address 0, 12 bytes, ESDID 1.
        let txt = cards[1]
        #expect(Array(txt[1..<4]) == EBCDIC.encode("TXT"))
        #expect(Array(txt[5..<8]) == [0, 0, 0] && Array(txt[10..<12]) == [0, 12] && Array(txt[14..<16]) == [0, 1])
        #expect(Array(txt[16..<28]) == hexBytes("C1C2C3 00 00000000 00000004"))
        // RLD: (R=1,P=1) A 4 bytes at 8, then (R=2,P=1) A 4 bytes at 4.
        let rld = cards[2]
        #expect(Array(rld[1..<4]) == EBCDIC.encode("RLD") && Array(rld[10..<12]) == [0, 16])
        #expect(Array(rld[16..<32]) == hexBytes("0001 0001 0C 000008 0002 0001 0C 000004"))
        // END: entry address 4 in ESDID 1; columns 73-80 the sequence number.
        let end = cards[3]
        #expect(Array(end[1..<4]) == EBCDIC.encode("END"))
        #expect(Array(end[5..<8]) == [0, 0, 4] && Array(end[14..<16]) == [0, 1])
        #expect(Array(end[72..<80]) == EBCDIC.encode("00000004"))
    }

    @Test func rldContinuationAndDeckID() throws {
        let r = assembleResult("""
            PROG     TITLE 'A DECK WITH AN ID'
            PROG     CSECT
                     DC    15A(PROG)
                     END
            """)
        let cards = r.objectDeck.cards().map(\.columns)
        let rlds = cards.filter { Array($0[1..<4]) == EBCDIC.encode("RLD") }
        // 15 items with the same ESDIDs: 8 bytes for the first, 4 for each next; 56 bytes a card:
        // 13 items on the first card (8 + 12 * 4), 2 on the second (8 + 4).
        #expect(rlds.count == 2)
        #expect(Array(rlds[0][10..<12]) == [0, 56] && Array(rlds[1][10..<12]) == [0, 12])
        #expect(rlds[0][20] == 0x0D && rlds[0][68] == 0x0C)   // continued; the last on a card is not
        #expect(Array(cards[0][72..<80]) == EBCDIC.encode("PROG0001"))
        let back = try ObjectDeck.read(r.objectDeck.cards())
        #expect(back[0].rld.count == 15)
        #expect(back[0].deckID == "PROG")
    }

    @Test func badDecksAreReported() throws {
        var card = [UInt8](repeating: 0x40, count: 80)
        card[0] = 0x02
        for (i, b) in EBCDIC.encode("TXT").enumerated() { card[1 + i] = b }
        card[11] = 57
        #expect(throws: ObjectDeckError.self) { try ObjectDeck.read([CardImage(ebcdic: card)]) }
        card[1] = 0xC1
        #expect(throws: ObjectDeckError.self) { try ObjectDeck.read([CardImage(ebcdic: card)]) }
        // Text for a section the deck does not have.
        card = [UInt8](repeating: 0x40, count: 80)
        card[0] = 0x02
        for (i, b) in EBCDIC.encode("TXT").enumerated() { card[1 + i] = b }
        card[10] = 0; card[11] = 4; card[14] = 0; card[15] = 9
        #expect(throws: ObjectDeckError.self) { try ObjectDeck.read([CardImage(ebcdic: card)]) }
        // A program too big for storage.
        let big = assembleResult("BIG      CSECT\n         DC    XL4000'01'\n         DC    XL4000'02'\n         END\n")
        let storage = try MainStorage(size: 8192)
        #expect(throws: LoaderError.self) { try Loader.load([big.objectDeck], into: storage, at: 4096) }
    }
}

/// Decks punched by hand in the standard format, the way another translator might:
/// blank flag bytes, zeros where blanks are allowed, LD items on a card of their own,
/// an entry point named on the END card, an END card with zeros for "no entry".
@Suite struct StandardDeckTests {
    func card(_ type: String, _ fields: [(Int, [UInt8])]) -> CardImage {
        var c = [UInt8](repeating: 0x40, count: 80)
        c[0] = 0x02
        for (i, b) in EBCDIC.encode(type).enumerated() { c[1 + i] = b }
        for (col, bytes) in fields { for (k, b) in bytes.enumerated() { c[col - 1 + k] = b } }
        return CardImage(ebcdic: c)
    }

    @Test func handPunchedDecksLoad() throws {
        let main: [CardImage] = [
            // SD MAIN id 1 at 0, length 16, flag blank; ER SUB id 2 with zero address and length.
            card("ESD", [(11, [0, 32]), (15, [0, 1]),
                         (17, EBCDIC.encode("MAIN    ") + [0x00, 0, 0, 0, 0x40, 0, 0, 16]),
                         (33, EBCDIC.encode("SUB     ") + [0x02, 0, 0, 0, 0, 0, 0, 0])]),
            // LD ENTRYA at 8 in section 1, LDID as three bytes X'000001'.
            card("ESD", [(11, [0, 16]), (17, EBCDIC.encode("ENTRYA  ") + [0x01, 0, 0, 8, 0x40, 0, 0, 1])]),
            card("TXT", [(6, [0, 0, 0]), (11, [0, 16]), (15, [0, 1]),
                         (17, hexBytes("11111111 22222222 33333333 00000004"))]),
            // V-type, 4 bytes, at 12: relocation ESDID 2 (SUB), position 1.
            card("RLD", [(11, [0, 8]), (17, hexBytes("0002 0001 1C 00000C"))]),
            card("END", [(17, EBCDIC.encode("ENTRYA  "))]),
        ]
        let sub: [CardImage] = [
            card("ESD", [(11, [0, 16]), (15, [0, 1]), (17, EBCDIC.encode("SUB     ") + [0x00, 0, 1, 0, 0x00, 0, 0, 8])]),
            card("TXT", [(6, [0, 1, 0]), (11, [0, 8]), (15, [0, 1]), (17, hexBytes("07FE0000 00000000"))]),
            card("END", [(6, [0, 0, 0]), (15, [0, 0])]),
        ]
        let decks = try ObjectDeck.read(main + sub)
        #expect(decks.count == 2)
        #expect(decks[0].end?.entryName == "ENTRYA")
        #expect(decks[1].end?.entryAddress == nil)
        let storage = try MainStorage(size: 64 << 10)
        let map = try Loader.load(decks, into: storage, at: 0x3000)
        #expect(map.symbols["SUB"] == 0x3010)
        #expect(map.entryPoint == 0x3008)
        #expect(storage.bytes(at: 0x3000, count: 16) == hexBytes("11111111 22222222 33333333 00003014"))
        #expect(storage.bytes(at: 0x3010, count: 2) == hexBytes("07FE"))
    }
}
