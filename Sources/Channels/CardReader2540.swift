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
//
// Instead of a deck in the hopper the reader can take its cards from a
// `CardSource`: the spool's virtual readers are this same model reading spool
// files, and the source says where a file ends (unit exception) or that there
// is nothing to read (intervention required).

import Records

/// What the reader does when the hopper is empty.
public enum EndOfDeck: String, Sendable {
    /// Unit exception on the next read (END OF FILE pressed).
    case unitException = "eof"
    /// Intervention required on the next read (the hopper ran out).
    case interventionRequired = "intrq"
}

/// What a card source gives the reader for its next card.
public enum CardFeed: Equatable, Sendable {
    /// The next record: 80 columns for a card (a printer spool file's line may be longer or shorter).
    case card([UInt8])
    /// The end of a file: the read ends with unit exception, as after the END OF FILE key.
    case endOfFile
    /// Nothing to read: the read is refused with intervention required.
    case notReady
}

/// Where a reader's cards come from when they are not a deck in its hopper
/// (a spool file, for the virtual readers of the Spool library).
public protocol CardSource: AnyObject {
    /// Takes the next card (a read or a feed moves it past the read station).
    func nextCard() -> CardFeed
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
    /// Where cards come from instead of the hopper, if anywhere.
    public let feed: CardSource?

    /// A reader holding `cards`.
    public init(cards: [CardImage], source: String = "deck", endOfDeck: EndOfDeck = .unitException) {
        self.cards = cards
        self.source = source
        self.endOfDeck = endOfDeck
        self.feed = nil
    }

    /// A reader whose cards come from `feed` (named `source` in messages).
    public init(feed: CardSource, source: String) {
        self.cards = []
        self.source = source
        self.endOfDeck = .unitException
        self.feed = feed
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
            switch takeCard() {
            case .card(let columns):
                senseByte = []
                data.store(columns)
                return .status(.ended)
            case .endOfFile: return endOfFile()
            case .notReady: return notReady()
            }
        case 0x23 where stackerValid: // feed, select stacker
            switch takeCard() {
            case .card:
                senseByte = []
                return .status(.ended)
            case .endOfFile: return endOfFile()
            case .notReady: return notReady()
            }
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

    /// The next card, from the feed or the hopper; an empty hopper ends as the operator chose.
    private func takeCard() -> CardFeed {
        if let feed { return feed.nextCard() }
        guard next < cards.count else { return endOfDeck == .unitException ? .endOfFile : .notReady }
        next += 1
        return .card(cards[next - 1].columns)
    }

    /// The end of the deck or file: unit exception.
    private func endOfFile() -> CommandResult {
        senseByte = []
        return .status([.channelEnd, .deviceEnd, .unitException])
    }

    /// Nothing to read: intervention required (refused at initial selection).
    private func notReady() -> CommandResult {
        senseByte = .interventionRequired
        return .status(.unitCheck)
    }

    public func reset() { senseByte = [] }
}
