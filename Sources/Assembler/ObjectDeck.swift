// The object deck (HLASM Programmer's Guide, "Object deck output"; the
// OS/VS object module format): 80-column EBCDIC cards with X'02' in column
// 1 and the card type in columns 2-4.
//
//   ESD  5-10 blank, 11-12 bytes of items, 13-14 blank, 15-16 ESDID of the
//        first SD/PC/CM/ER/WX item (LD items have none), 17-64 up to three
//        16-byte items: name(8) type(1) address(3) flag(1) length or LDID(3).
//        Types: 00 SD, 01 LD, 02 ER, 04 PC, 05 CM, 0A WX.
//   TXT  6-8 address, 11-12 byte count, 15-16 ESDID, 17-72 up to 56 bytes.
//   RLD  11-12 bytes of items, 17-72 items: relocation ESDID(2) position
//        ESDID(2) flag(1) address(3); flag bits 2-3 type (0 A, 1 V), 4-5
//        length-1, 6 subtract, 7 the next item has the same ESDIDs and is
//        written as flag and address only.
//   END  6-8 entry address, 15-16 its ESDID, or 17-24 an external entry name;
//        33-52 translator identification.
//   73-80 deck ID and sequence number.

import Records

/// An object deck: the external symbol dictionary, text, relocation dictionary and end.
public struct ObjectDeck: Sendable, Equatable {
    /// ESD item types.
    public enum ESDType: UInt8, Sendable {
        case sectionDefinition = 0x00
        case labelDefinition = 0x01
        case externalReference = 0x02
        case privateCode = 0x04
        case common = 0x05
        case weakExternalReference = 0x0A
    }

    /// An ESD item.
    public struct ESDItem: Sendable, Equatable {
        /// The symbol (blank for private code).
        public var name: String
        public var type: ESDType
        /// The assembled address (SD, PC, LD).
        public var address: UInt32
        /// The flag byte (AMODE/RMODE for SD; blank for others).
        public var flag: UInt8
        /// The section length (SD, PC, CM).
        public var length: UInt32
        /// Its ESD identifier (0 for LD items).
        public var id: Int
        /// For an LD item: the ESDID of the section holding it.
        public var owner: Int

        public init(name: String, type: ESDType, address: UInt32 = 0, flag: UInt8 = 0, length: UInt32 = 0, id: Int = 0,
                    owner: Int = 0) {
            self.name = name
            self.type = type
            self.address = address
            self.flag = flag
            self.length = length
            self.id = id
            self.owner = owner
        }
    }

    /// A TXT record: bytes to load at an assembled address of a section.
    public struct TextRecord: Sendable, Equatable {
        public var id: Int
        public var address: UInt32
        public var bytes: [UInt8]
        public init(id: Int, address: UInt32, bytes: [UInt8]) {
            self.id = id
            self.address = address
            self.bytes = bytes
        }
    }

    /// An RLD item: the address constant at `address` (in section `positionID`) is relocated by `relocationID`.
    public struct RLDItem: Sendable, Equatable {
        public var relocationID: Int
        public var positionID: Int
        /// The flag byte without the continuation bit.
        public var flags: UInt8
        public var address: UInt32

        public init(relocationID: Int, positionID: Int, flags: UInt8, address: UInt32) {
            self.relocationID = relocationID
            self.positionID = positionID
            self.flags = flags & 0xFE
            self.address = address
        }

        /// The length of the address constant in bytes (1-4, or 5-8 with flag bit 1).
        public var length: Int { Int((flags >> 2) & 3) + 1 + (flags & 0x40 != 0 ? 4 : 0) }
        /// A V-type constant.
        public var isVType: Bool { (flags >> 4) & 3 == 1 }
        /// The relocation is subtracted.
        public var isNegative: Bool { flags & 0x02 != 0 }

        /// The flag byte for a constant of `length` bytes.
        public static func flags(length: Int, vType: Bool, negative: Bool) -> UInt8 {
            (vType ? 0x10 : 0) | UInt8((length - 1) & 3) << 2 | (negative ? 0x02 : 0)
        }
    }

    /// The END record.
    public struct EndRecord: Sendable, Equatable {
        /// The entry point: an assembled address in section `entryID`.
        public var entryAddress: UInt32?
        public var entryID: Int?
        /// Or an external symbol named as the entry point.
        public var entryName: String?
        public init(entryAddress: UInt32? = nil, entryID: Int? = nil, entryName: String? = nil) {
            self.entryAddress = entryAddress
            self.entryID = entryID
            self.entryName = entryName
        }
    }

    public var esd: [ESDItem] = []
    public var text: [TextRecord] = []
    public var rld: [RLDItem] = []
    public var end: EndRecord? = EndRecord()
    /// Cards punched by PUNCH and REPRO: placed before the text record at `beforeText`.
    public var punched: [(beforeText: Int, card: [UInt8])] = []
    /// Columns 73-80: the deck ID (from the first named TITLE), then the sequence number.
    public var deckID: String? = nil

    public init() {}

    public static func == (a: ObjectDeck, b: ObjectDeck) -> Bool {
        a.esd == b.esd && a.text == b.text && a.rld == b.rld && a.end == b.end
    }

    /// The ESD item with identifier `id` (SD, PC, CM, ER, WX).
    public func item(id: Int) -> ESDItem? { esd.first { $0.id == id && $0.type != .labelDefinition } }

    // MARK: Writing

    /// The deck as 80-column EBCDIC cards.
    public func cards() -> [CardImage] {
        var cards: [[UInt8]] = []
        func newCard(_ type: String) -> [UInt8] {
            var c = [UInt8](repeating: EBCDIC.blank, count: 80)
            c[0] = 0x02
            for (i, b) in EBCDIC.encode(type).enumerated() { c[1 + i] = b }
            return c
        }
        func put16(_ c: inout [UInt8], _ at: Int, _ v: Int) {
            c[at] = UInt8((v >> 8) & 0xFF)
            c[at + 1] = UInt8(v & 0xFF)
        }
        func put24(_ c: inout [UInt8], _ at: Int, _ v: UInt32) {
            c[at] = UInt8((v >> 16) & 0xFF)
            c[at + 1] = UInt8((v >> 8) & 0xFF)
            c[at + 2] = UInt8(v & 0xFF)
        }
        // PUNCH cards before any text come first.
        for p in punched where p.beforeText <= 0 { cards.append(Array(p.card.prefix(80)) + [UInt8](repeating: EBCDIC.blank, count: max(0, 80 - p.card.count))) }
        // ESD: SD, PC, CM, ER, WX in identifier order, then the LD items.
        let ordered = esd.filter { $0.type != .labelDefinition }.sorted { $0.id < $1.id } + esd.filter { $0.type == .labelDefinition }
        var k = 0
        while k < ordered.count {
            var c = newCard("ESD")
            let items = Array(ordered[k..<min(k + 3, ordered.count)])
            put16(&c, 10, items.count * 16)
            if let firstID = items.first(where: { $0.type != .labelDefinition })?.id { put16(&c, 14, firstID) }
            for (j, item) in items.enumerated() {
                let at = 16 + 16 * j
                let name = EBCDIC.encode(String(item.name.prefix(8)))
                for i in 0..<8 { c[at + i] = i < name.count ? name[i] : EBCDIC.blank }
                c[at + 8] = item.type.rawValue
                switch item.type {
                case .sectionDefinition, .privateCode, .common:
                    put24(&c, at + 9, item.address)
                    c[at + 12] = item.flag
                    put24(&c, at + 13, item.length)
                case .labelDefinition:
                    put24(&c, at + 9, item.address)
                    c[at + 12] = EBCDIC.blank
                    c[at + 13] = EBCDIC.blank
                    put16(&c, at + 14, item.owner)
                case .externalReference, .weakExternalReference:
                    for i in 9..<16 { c[at + i] = EBCDIC.blank }
                }
            }
            cards.append(c)
            k += 3
        }
        // TXT, with the later PUNCH cards in their places.
        for (i, t) in text.enumerated() {
            for p in punched where p.beforeText == i && i > 0 {
                cards.append(Array(p.card.prefix(80)) + [UInt8](repeating: EBCDIC.blank, count: max(0, 80 - p.card.count)))
            }
            var off = 0
            while off < t.bytes.count {
                let n = min(56, t.bytes.count - off)
                var c = newCard("TXT")
                put24(&c, 5, t.address + UInt32(off))
                put16(&c, 10, n)
                put16(&c, 14, t.id)
                for j in 0..<n { c[16 + j] = t.bytes[off + j] }
                cards.append(c)
                off += n
            }
        }
        for p in punched where p.beforeText >= text.count && p.beforeText > 0 {
            cards.append(Array(p.card.prefix(80)) + [UInt8](repeating: EBCDIC.blank, count: max(0, 80 - p.card.count)))
        }
        // RLD.
        var i = 0
        while i < rld.count {
            var c = newCard("RLD")
            var n = 0
            var previous: RLDItem? = nil
            var lastFlagAt = -1
            while i < rld.count {
                let item = rld[i]
                let same = previous.map { $0.relocationID == item.relocationID && $0.positionID == item.positionID } ?? false
                let size = same ? 4 : 8
                if n + size > 56 { break }
                var at = 16 + n
                if same {
                    c[lastFlagAt] |= 0x01
                } else {
                    put16(&c, at, item.relocationID)
                    put16(&c, at + 2, item.positionID)
                    at += 4
                }
                c[at] = item.flags
                put24(&c, at + 1, item.address)
                lastFlagAt = at
                n += size
                previous = item
                i += 1
            }
            put16(&c, 10, n)
            cards.append(c)
        }
        // END.
        if let e = end {
            var c = newCard("END")
            if let a = e.entryAddress, let id = e.entryID {
                put24(&c, 5, a)
                put16(&c, 14, id)
            } else if let name = e.entryName {
                let b = EBCDIC.encode(String(name.prefix(8)))
                for j in 0..<8 { c[16 + j] = j < b.count ? b[j] : EBCDIC.blank }
            }
            // One IDR item: translator, version, release, date (yyddd).
            let idr = EBCDIC.encode("1" + "S370ASM   " + "01" + "00" + "00000")
            for (j, b) in idr.enumerated() { c[32 + j] = b }
            cards.append(c)
        }
        // Columns 73-80: deck ID and sequence number.
        let id = EBCDIC.encode(String((deckID ?? "").prefix(8)))
        for (n, _) in cards.enumerated() {
            let digits = 8 - id.count
            var seq = ""
            if digits > 0 {
                let s = String((n + 1) % Int(pow10(digits)))
                seq = String(repeating: "0", count: digits - s.count) + s
            }
            let field = id + EBCDIC.encode(seq)
            for j in 0..<8 { cards[n][72 + j] = field[j] }
        }
        return cards.map { CardImage(ebcdic: $0) }
    }
}

private func pow10(_ n: Int) -> Int {
    var v = 1
    for _ in 0..<n { v *= 10 }
    return v
}
