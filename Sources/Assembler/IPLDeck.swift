// The self-loading (IPL) card deck: a program image that a card reader loads
// by itself when it is the IPL device.
//
// PoO, "Initial Program Loading": IPL reads 24 bytes into location 0 with an
// implied Read CCW (command chaining and SLI on), then chains to the CCW at
// location 8; when the channel program ends, the PSW at location 0 is loaded.
// The CCW at 8 may read more CCWs and the one at 16 transfer to them, and the
// PSW may be read into location 0 by a later CCW.
//
// The deck:
//   card 1      IPL PSW (BC mode, disabled, key 0, the entry point), CCW
//               "read 80 bytes at A, chain", CCW "TIC to A".
//   CCW cards   ten CCWs each, read to A, A+80, A+160, ... (A after the
//               program, doubleword aligned): nine read the data cards that
//               follow, each to its place; the tenth reads the next CCW card
//               to the 80 bytes right after this one, where the channel chains.
//   data cards  80 bytes of the program each, from its origin on.
//   PSW card    read by the last CCW into location 0 (8 bytes, no chaining):
//               the IPL PSW again, in case the program's image covers location 0.
// No CPU instruction runs before the program: the channel does all the work.

import Records

/// Builds self-loading card decks.
public enum IPLDeck {
    /// The CCW flags: command chaining (X'40') and suppress length indication (X'20').
    static let chainAndSLI: UInt8 = 0x60
    static let sli: UInt8 = 0x20

    /// The IPL deck for `image` at `origin`, starting at `entry`.
    public static func cards(image: [UInt8], origin: UInt32, entry: UInt32) throws -> [CardImage] {
        guard !image.isEmpty else { throw LoaderError("nothing to load: the program is empty") }
        let dataCount = (image.count + 79) / 80
        let dataEnd = Int(origin) + dataCount * 80
        let area = UInt32((dataEnd + 7) & ~7)
        // The logical CCWs: one per data card, then the PSW read.
        var reads: [(UInt32, UInt8, UInt16)] = []
        for k in 0..<dataCount { reads.append((origin + UInt32(k * 80), chainAndSLI, 80)) }
        reads.append((0, sli, 8))
        // Lay them into CCW cards: slots 0-8 take reads; slot 9 reads the next CCW card,
        // unless exactly one read is left, which then takes slot 9.
        var ccwCards: [[[UInt8]]] = []
        var dataOfCard: [[Int]] = []
        var i = 0
        while i < reads.count {
            var slots: [[UInt8]] = []
            var data: [Int] = []
            let cardAddress = area + UInt32(80 * ccwCards.count)
            while slots.count < 9 && i < reads.count {
                let r = reads[i]
                slots.append(ccw(0x02, r.0, r.1, r.2))
                if i < dataCount { data.append(i) }
                i += 1
            }
            if i == reads.count - 1 {
                let r = reads[i]
                slots.append(ccw(0x02, r.0, r.1, r.2))
                if i < dataCount { data.append(i) }
                i += 1
            } else if i < reads.count {
                slots.append(ccw(0x02, cardAddress + 80, chainAndSLI, 80))
            }
            ccwCards.append(slots)
            dataOfCard.append(data)
        }
        let end = Int(area) + 80 * ccwCards.count
        guard end <= 1 << 24 else { throw LoaderError("the IPL deck's channel program would end beyond 16M") }
        let psw = iplPSW(entry)
        var cards: [CardImage] = []
        cards.append(CardImage(ebcdic: psw + ccw(0x02, area, chainAndSLI, 80) + ccw(0x08, area, 0, 1)
                               + [UInt8](repeating: 0, count: 56)))
        for (c, slots) in ccwCards.enumerated() {
            var bytes = slots.flatMap { $0 }
            bytes += [UInt8](repeating: 0, count: 80 - bytes.count)
            cards.append(CardImage(ebcdic: bytes))
            for k in dataOfCard[c] {
                let from = k * 80
                var chunk = Array(image[from..<min(from + 80, image.count)])
                chunk += [UInt8](repeating: 0, count: 80 - chunk.count)
                cards.append(CardImage(ebcdic: chunk))
            }
        }
        cards.append(CardImage(ebcdic: psw + [UInt8](repeating: 0, count: 72)))
        return cards
    }

    /// A format-0 CCW: command, 24-bit data address, flags, count.
    static func ccw(_ cmd: UInt8, _ address: UInt32, _ flags: UInt8, _ count: UInt16) -> [UInt8] {
        [cmd, UInt8((address >> 16) & 0xFF), UInt8((address >> 8) & 0xFF), UInt8(address & 0xFF),
         flags, 0, UInt8(count >> 8), UInt8(count & 0xFF)]
    }

    /// The IPL PSW: BC mode, key 0, supervisor state, all interruptions disabled, at `entry`.
    static func iplPSW(_ entry: UInt32) -> [UInt8] {
        [0, 0, 0, 0, 0, UInt8((entry >> 16) & 0xFF), UInt8((entry >> 8) & 0xFF), UInt8(entry & 0xFF)]
    }
}
