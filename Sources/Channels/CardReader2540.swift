// IBM 2540 Card Read Punch, read feed (with the 2821 control unit): the
// card reader, usually at 00C.
//
// The deck is a host file: text, one card a line, or 80-byte EBCDIC card
// images back to back; the format is detected or stated (Records'
// `CardDeck`). Each read transfers the 80 columns of the next card. When the
// hopper is empty the next read ends as the operator chose: with unit
// exception, as after the END OF FILE key (the default), or refused with
// intervention required, as a reader that simply ran out.
//
// Commands (2821 component description, GX20-1703 card): read, feed and
// select stacker SSD0 0010 (02, 42, 82 for stackers R1, R2, RP3); feed and
// select stacker SS10 0011 (23, 63, A3); 03 no operation; 04 sense.
// Data mode 2 (column binary, D = 1) is not installed: command reject.
// Sense byte 0: command reject, intervention required, bus-out check,
// equipment check, data check, overrun.

import Records

/// What the reader does when the hopper is empty.
public enum EndOfDeck: String, Sendable {
    /// Unit exception on the next read (END OF FILE pressed).
    case unitException = "eof"
    /// Intervention required on the next read (the hopper ran out).
    case interventionRequired = "intrq"
}

/// A 2540 card reader.
public final class CardReader2540: Device {
    public let deviceType = DeviceType(number: 0x2540, name: "2540R")
    /// The cards in the hopper.
    public private(set) var cards: [CardImage]
    /// The next card to read.
    public private(set) var next = 0
    /// Where the deck came from (for messages).
    public let source: String
    /// What happens when the hopper is empty.
    public var endOfDeck: EndOfDeck
    /// Sense byte 0.
    private var senseByte: SenseByte0 = []

    /// A reader holding `cards`.
    public init(cards: [CardImage], source: String = "deck", endOfDeck: EndOfDeck = .unitException) {
        self.cards = cards
        self.source = source
        self.endOfDeck = endOfDeck
    }

    /// A reader holding the deck in the host file at `path` (`format` nil: detected).
    public convenience init(path: String, format: DeckFormat? = nil, endOfDeck: EndOfDeck = .unitException) throws {
        let file = try HostFile(path: path, mode: .read)
        let bytes = try file.readAll()
        let cards = try CardDeck.read(bytes, format: format, source: path)
        self.init(cards: cards, source: path, endOfDeck: endOfDeck)
    }

    /// Puts more cards in the hopper behind those not yet read.
    public func load(_ more: [CardImage]) {
        cards.append(contentsOf: more)
    }

    /// Cards not yet read.
    public var cardsLeft: Int { cards.count - next }

    public var sense: [UInt8] { [senseByte.rawValue] }

    public func execute(_ command: UInt8, data: DataTransfer, chained: Bool) -> CommandResult {
        // Stacker bits 0-1: 11 selects no stacker of the read feed.
        let stackerValid = command >> 6 != 3
        switch command & 0x3F {
        case 0x02 where stackerValid: // read, feed, select stacker
            guard next < cards.count else { return emptyHopper() }
            senseByte = []
            data.store(cards[next].columns)
            next += 1
            return .status(.ended)
        case 0x23 where stackerValid: // feed, select stacker
            guard next < cards.count else { return emptyHopper() }
            senseByte = []
            next += 1
            return .status(.ended)
        case 0x03 where command == 0x03: // no operation
            return .status(.ended)
        case 0x04 where command == 0x04: // sense
            data.store(sense)
            senseByte = []
            return .status(.ended)
        default:
            senseByte = .commandReject
            return .status(.unitCheck)
        }
    }

    /// The hopper is empty: unit exception, or intervention required.
    private func emptyHopper() -> CommandResult {
        switch endOfDeck {
        case .unitException:
            senseByte = []
            return .status([.channelEnd, .deviceEnd, .unitException])
        case .interventionRequired:
            senseByte = .interventionRequired
            return .status(.unitCheck)
        }
    }

    public func reset() { senseByte = [] }
}
