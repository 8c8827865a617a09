// The self-loading IPL deck, IPLed by a model of the PoO's IPL sequence
// (GA22-7000, "Initial Program Loading"): a Read of 24 bytes into location 0
// with command chaining and SLI, then chaining from the CCW at location 8;
// TIC transfers; a read of fewer than 80 bytes from a card takes its first
// bytes; at the end the PSW at location 0 is loaded.

import Testing
import Assembler
import BareMachine
import DATBox
import Records
import S370CPU
import TestSupport

/// Runs the IPL channel program of a card reader holding `cards`; returns the IPL PSW
/// and how many cards were read, or nil on a channel-program error.
func simulateCardIPL(_ cards: [CardImage], into storage: MainStorage) -> (PSW, Int)? {
    guard let first = cards.first else { return nil }
    storage.load(Array(first.columns.prefix(24)), at: 0)
    var next = 1
    var address: UInt32 = 8
    var steps = 0
    while true {
        steps += 1
        if steps > 100_000 { return nil }
        let w = storage.doubleword(at: address)
        let cmd = UInt8(w >> 56), data = UInt32((w >> 32) & 0xFF_FFFF)
        let flags = UInt8((w >> 24) & 0xFF), count = Int(w & 0xFFFF)
        if cmd & 0x0F == 0x08 { address = data; continue }   // TIC
        guard cmd == 0x02, next < cards.count else { return nil }
        let n = min(count, 80)
        if count != 80 && flags & 0x20 == 0 { return nil }    // incorrect length, not suppressed
        storage.load(Array(cards[next].columns.prefix(n)), at: data)
        next += 1
        if flags & 0x40 == 0 { break }                        // no command chaining: the end
        address += 8
    }
    return (PSW(storage.doubleword(at: 0)), next)
}

@Suite struct IPLDeckTests {
    /// A program longer than nine data cards, so that the channel program spans CCW cards.
    func program(origin: String) -> String {
        """
        PROG     START \(origin)
                 DC    D'0'                 (overwritten by the IPL PSW when at 0)
        BEGIN    BALR  12,0
                 USING *,12
                 LA    3,TABLE
                 LA    4,300
                 SR    5,5
        LOOP     A     5,0(3)
                 LA    3,4(3)
                 BCT   4,LOOP
                 ST    5,SUM
                 LPSW  WAIT
                 DS    0D
        WAIT     DC    X'0002000000000000'
        SUM      DC    F'0'
        TABLE    DC    300F'7'
                 END   BEGIN
        """
    }

    @Test(arguments: ["X'3000'", "0"])
    func iplDeckLoadsAndStartsTheProgram(_ origin: String) throws {
        let p = try assemble(program(origin: origin))
        let cards = try p.result.iplDeck()
        // IPL card, ceil(bytes/80) data cards, CCW cards of ten CCWs, the PSW card.
        let data = (p.bytes.count + 79) / 80
        #expect(data > 9)
        let ccwCards = (data + 1 + 8) / 9   // nine reads a card, the tenth chains on
        #expect(cards.count == 1 + data + ccwCards + 1)
        let m = TestMachine(storageSize: 64 << 10)
        let (psw, read) = try #require(simulateCardIPL(cards, into: m.storage))
        #expect(read == cards.count)
        #expect(psw.instructionAddress == p.entry)
        #expect(!psw.ecMode && psw.systemMask == 0 && !psw.wait)
        // Every byte of the program is in place (the first doubleword holds the PSW when at 0).
        let loaded = m.storage.bytes(at: p.origin, count: p.bytes.count)
        #expect(Array(loaded.dropFirst(8)) == Array(p.bytes.dropFirst(8)))
        m.cpu.loadPSW(psw)
        let run = m.machine.run(maxInstructions: 10_000)
        #expect(run.status == .disabledWait)
        #expect(m[5] == 2100)
    }

    @Test func iplCardHoldsPSWAndTwoCCWs() throws {
        let cards = try IPLDeck.cards(image: [UInt8](repeating: 0x47, count: 100), origin: 0x1000, entry: 0x1004)
        let c = cards[0].columns
        // PSW: BC mode, disabled, address X'001004'.
        #expect(Array(c[0..<8]) == hexBytes("00000000 00001004"))
        // CCW 1: read 80 bytes to the CCW area (after the padded image: X'10A0'), CC+SLI; CCW 2: TIC there.
        #expect(Array(c[8..<16]) == hexBytes("020010A0 60000050"))
        #expect(Array(c[16..<24]) == hexBytes("080010A0 00000001"))
        // The CCW card: two data reads, then the PSW read (8 bytes at 0, SLI, no chaining).
        let ccws = cards[1].columns
        #expect(Array(ccws[0..<24]) == hexBytes("02001000 60000050 02001050 60000050 02000000 20000008"))
        #expect(cards.count == 5)
    }
}
