// Initial program loading (PoO, "Initial Program Loading"): the implied
// read into location 0, the chain from 8, the I/O address stored where the
// loaded PSW's mode says, and the CPU left stopped with a message when the
// load does not end with channel end and device end alone.

import Testing
import Foundation
import BareMachine
import Channels
import DATBox
import Records
import S370CPU
import TestSupport

@Suite struct IPLTests {
    func machine() throws -> BareMachine {
        try BareMachine(storageSize: 64 << 10, clock: .deterministic(microsecondsPerInstruction: 1))
    }

    @Test func anECModePSWGetsTheAddressAt186() throws {
        let m = try machine()
        // An EC-mode wait PSW and a NOP: the address goes to 186-187, not into the PSW.
        let card = bytes64(0x000A_0000_0000_1234) + CCW(command: 0x03, dataAddress: 0, count: 1).bytes
        try m.attach(CardReader2540(cards: [CardImage(ebcdic: card)]), at: 0x10C)
        try m.ipl(from: 0x10C)
        #expect(m.storage.halfword(at: 186) == 0x010C)
        #expect(m.cpu.psw.ecMode && m.cpu.psw.wait)
        #expect(m.cpu.psw.instructionAddress == 0x1234)
        #expect(m.run().status == .disabledWait)
    }

    @Test func aFailedLoadSaysWhyAndLeavesTheCPUStopped() throws {
        let m = try machine()
        try m.attach(CardReader2540(cards: [], endOfDeck: .interventionRequired), at: 0x00C)
        #expect(throws: IPLError.self) { try m.ipl(from: 0x00D) }
        do {
            try m.ipl(from: 0x00C)
            Issue.record("an empty reader loaded")
        } catch let e as IPLError {
            #expect(e.description.contains("IPL from 00C failed"))
            #expect(e.description.contains("unit status UC"))
            #expect(e.description.contains("sense 40"))
        }
        // Unit exception (end of file) is not a good ending either.
        let m2 = try machine()
        try m2.attach(CardReader2540(cards: []), at: 0x00C)
        #expect(throws: IPLError.self) { try m2.ipl(from: 0x00C) }
        // Nor is a program check in the CCW at 8.
        let m3 = try machine()
        let bad = bytes64(0) + CCW(command: 0x02, dataAddress: 0x800, count: 0).bytes
        try m3.attach(CardReader2540(cards: [CardImage(ebcdic: bad)]), at: 0x00C)
        do {
            try m3.ipl(from: 0x00C)
            Issue.record("loaded")
        } catch let e as IPLError {
            #expect(e.csw?.channelStatus == .programCheck)
        }
    }

    @Test func statusModifierInTheChainSkipsACCW() throws {
        // IPL from a disk: the Read IPL reads R1 (a PSW, a read of IPL2 into X'18' and a
        // TIC to it); IPL2 searches R3 (satisfied: status modifier), so the TIC after the
        // search is skipped and the read after it takes R3's data (PoO: "The status-modifier
        // bit has its normal effect during the IPL operation").
        let path = temporaryPath("ipl.cckd")
        defer { unlink(path) }
        try CKDVolume.initialize(path: path, geometry: CKDGeometry.ibm3330.with(cylinders: 1), serial: "SMTEST",
                                 format: .compressed(.zlib))
        let image = try CKDImages.open(path: path, readOnly: false)
        var t0 = try image.readTrack(0)
        t0.records[1].data = bytes64(0x0002_0000_0000_0BAD)
            + CCW(command: 0x06, dataAddress: 0x18, flags: [.chainCommand, .suppressLength], count: 32).bytes
            + CCW(command: 0x08, dataAddress: 0x18, count: 1).bytes
        t0.records[2].data = CCW(command: 0x31, dataAddress: 0x30, flags: .chainCommand, count: 5).bytes
            + CCW(command: 0x08, dataAddress: 0x18, count: 1).bytes
            + CCW(command: 0x06, dataAddress: 0x100, count: 80).bytes
            + [0, 0, 0, 0, 3, 0, 0, 0]
        try image.writeTrack(0, t0)
        try image.flush()
        let m = try machine()
        try m.attach(try CKDDisk(path: path, readOnly: true), at: 0x231)
        try m.ipl(from: 0x231)
        #expect(EBCDIC.decode(m.storage.bytes(at: 0x100, count: 10)) == "VOL1SMTEST")
        #expect(m.cpu.psw.instructionAddress == 0xBAD)
    }

    @Test func ipltextMakesTheVolumeStartTheProgram() throws {
        // An object deck: at X'2000' a write to the console of the text at X'2100',
        // then a wait; END names X'2000'. A second TXT loads the base address at X'130'.
        var program = Image(origin: 0x2000, length: 0x140)
        program.code([
            RX(0x58, 2, 0x130, 0, 0),        // L    2,X'130'          R2 = X'2000' (a word at 130)
            RX(0x41, 1, 0x120, 0, 2),        // LA   1,X'120'(,2)      the CCW
            RX(0x50, 1, 0x048),              // ST   1,72
            S(0x9C00, 0x009),                // SIO  X'009'
            S(0x9D00, 0x009),                // TIO  X'009'
            RX(0x47, 2, 0x010, 0, 2),        // BC   2,*-4
            S(0x8200, 0x128, 2),             // LPSW X'128'(2)
        ], at: 0x2000)
        program.put(CCW(command: 0x09, dataAddress: 0x2100, count: 13).bytes, at: 0x2120)
        program.put(bytes64(0x0002_0000_0000_0000), at: 0x2128)
        program.put(EBCDIC.encode("FROM THE DISK"), at: 0x2100)
        // The word at X'130' is the base: low storage for the first instruction (base 0).
        var deck = objectDeck(program)
        var low = Image(origin: 0x130, length: 4)
        low.put(bytes32(0x2000), at: 0x130)
        deck.insert(contentsOf: objectDeck(low, end: false), at: 0)
        let text = try ObjectText(deck: deck, source: "test deck")
        #expect(text.entry == 0x2000)
        #expect(text.segments.count == 2)

        let path = temporaryPath("text.cckd")
        defer { unlink(path) }
        try CKDVolume.initialize(path: path, geometry: .ibm3330, serial: "TEXT01", format: .compressed(.zlib))
        try IPLText.write(text, to: try CKDImages.open(path: path, readOnly: false))
        #expect(try CKDVolume.describe(try CKDImages.open(path: path, readOnly: true))
                    .contains { $0.contains("IPL text in 2 records") })

        let m = try machine()
        let op = OperatorConsole(input: .none, output: nil)
        m.console = op
        try m.attach(Console3215(host: op), at: 0x009)
        try m.attach(try CKDDisk(path: path, readOnly: true), at: 0x131)
        try m.ipl(from: 0x131)
        #expect(m.cpu.psw.instructionAddress == 0x2000)
        #expect(m.run(maxInstructions: 10_000).status == .disabledWait)
        #expect(op.transcript == "FROM THE DISK\n")
    }

    @Test func objectDecksAreCheckedCardByCard() {
        var card = CardImage(text: "NOT AN OBJECT CARD").columns
        #expect(throws: DeckError(source: "d", card: 1, message: "not an object-deck card: column 1 is X'D5', not X'02'")) {
            try ObjectText(deck: [CardImage(ebcdic: card)], source: "d")
        }
        card[0] = 0x02
        card.replaceSubrange(1..<4, with: EBCDIC.encode("TXT"))
        card[10] = 0; card[11] = 57
        #expect(throws: DeckError.self) { try ObjectText(deck: [CardImage(ebcdic: card)], source: "d") }
    }
}

/// TXT cards (and an END card naming the image's origin) for an image.
func objectDeck(_ image: Image, end: Bool = true) -> [CardImage] {
    var cards: [CardImage] = []
    var i = 0
    while i < image.bytes.count {
        let n = min(56, image.bytes.count - i)
        let a = image.origin + UInt32(i)
        var c = [UInt8](repeating: 0x40, count: 80)
        c[0] = 0x02
        c.replaceSubrange(1..<4, with: EBCDIC.encode("TXT"))
        c[5] = UInt8(a >> 16); c[6] = UInt8((a >> 8) & 0xFF); c[7] = UInt8(a & 0xFF)
        c[10] = 0; c[11] = UInt8(n)
        c[14] = 0; c[15] = 1
        c.replaceSubrange(16..<16 + n, with: image.bytes[i..<i + n])
        cards.append(CardImage(ebcdic: c))
        i += n
    }
    if end {
        var c = [UInt8](repeating: 0x40, count: 80)
        c[0] = 0x02
        c.replaceSubrange(1..<4, with: EBCDIC.encode("END"))
        c[5] = UInt8(image.origin >> 16); c[6] = UInt8((image.origin >> 8) & 0xFF); c[7] = UInt8(image.origin & 0xFF)
        cards.append(CardImage(ebcdic: c))
    }
    return cards
}
