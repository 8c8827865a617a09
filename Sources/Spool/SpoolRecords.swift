// The records of a spool file, as VM/370 spools them: each record is the
// command code of the CCW that wrote it and its data. A card is a punch write
// (X'01') and its 80 columns; a print line is the printer's write command
// (which says how the form moves after it) and its text, and an immediate
// carriage command (a skip or space with no line) is a record with no data.
//
// Kept as one byte buffer: [command][length, 2 bytes big-endian][data]..., so
// that a 100,000-card file is one allocation, written and read in one piece.

import Records

/// One record: a CCW command code and its data.
public struct SpoolRecord: Equatable, Sendable {
    /// The command code that wrote it.
    public var command: UInt8
    /// Its data (EBCDIC).
    public var data: [UInt8]

    public init(command: UInt8, data: [UInt8]) {
        self.command = command
        self.data = data
    }

    /// Whether it is a write (a card, or a printed line), not an immediate carriage command.
    public var isWrite: Bool { command & 0x07 == 0x01 }
}

/// The records of one spool file.
public struct SpoolRecords: Equatable, Sendable, Sequence {
    /// The records, encoded.
    public private(set) var bytes: [UInt8] = []
    /// How many records there are.
    public private(set) var count = 0
    /// How many are writes: the logical record count (cards or lines) QUERY shows.
    public private(set) var logicalCount = 0

    /// The longest record (a record's length is two bytes).
    public static let maximumLength = 0xFFFF
    /// The command code of a punched card.
    public static let cardCommand: UInt8 = 0x01

    /// No records.
    public init() {}

    /// Records from their encoded bytes; nil when the bytes are not whole records.
    public init?(encoded: [UInt8]) {
        var i = 0
        var n = 0, writes = 0
        while i < encoded.count {
            guard i + 3 <= encoded.count else { return nil }
            let length = Int(encoded[i + 1]) << 8 | Int(encoded[i + 2])
            guard i + 3 + length <= encoded.count else { return nil }
            if encoded[i] & 0x07 == 0x01 { writes += 1 }
            n += 1
            i += 3 + length
        }
        bytes = encoded
        count = n
        logicalCount = writes
    }

    /// Cards, as a deck is spooled.
    public init(cards: [CardImage]) {
        bytes.reserveCapacity(cards.count * 83)
        for c in cards { append(card: c.columns) }
    }

    /// Adds a record (data beyond 65,535 bytes is cut).
    public mutating func append(command: UInt8, data: [UInt8]) {
        let n = Swift.min(data.count, SpoolRecords.maximumLength)
        bytes.append(command)
        bytes.append(UInt8(n >> 8))
        bytes.append(UInt8(n & 0xFF))
        if n == data.count { bytes.append(contentsOf: data) } else { bytes.append(contentsOf: data[0..<n]) }
        count += 1
        if command & 0x07 == 0x01 { logicalCount += 1 }
    }

    /// Adds a card (80 columns).
    public mutating func append(card columns: [UInt8]) {
        append(command: SpoolRecords.cardCommand, data: columns)
    }

    /// Reserves room for `n` more bytes.
    public mutating func reserve(_ n: Int) { bytes.reserveCapacity(bytes.count + n) }

    /// The records in order.
    public func makeIterator() -> Iterator { Iterator(bytes: bytes) }

    /// Walks the records.
    public struct Iterator: IteratorProtocol {
        let bytes: [UInt8]
        var position = 0

        /// The next record.
        public mutating func next() -> SpoolRecord? {
            guard position + 3 <= bytes.count else { return nil }
            let command = bytes[position]
            let length = Int(bytes[position + 1]) << 8 | Int(bytes[position + 2])
            let start = position + 3
            let end = Swift.min(start + length, bytes.count)
            position = end
            return SpoolRecord(command: command, data: Array(bytes[start..<end]))
        }
    }

    /// The writes as cards (80 columns each; print lines cut or padded), for a deck.
    public var cards: [CardImage] {
        compactMap { $0.isWrite ? CardImage(ebcdic: $0.data) : nil }
    }
}
