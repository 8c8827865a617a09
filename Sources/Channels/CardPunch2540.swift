// IBM 2540 Card Read Punch, punch feed (with the 2821 control unit): the
// card punch, usually at 00D.
//
// Each write punches one card of 80 columns; columns the channel does not
// supply are left unpunched (blank) and the channel indicates incorrect
// length. Punched cards go to a host file as they are punched: 80-byte
// EBCDIC card images (the default) or text, one card a line (ISO 8859-1,
// the project's EBCDIC table's other side).
//
// Commands (2821 component description, GX20-1703 card): write, feed and
// select stacker SSD0 0001 (01, 41, 81 for stackers P1, P2, RP3); feed and
// select stacker SS10 0011 (23, 63, A3: a blank card); 03 no operation;
// 04 sense. Data mode 2 (column binary) is not installed: command reject.
// Sense byte 0 as for the reader; equipment check when the host file cannot
// be written.
//
// Instead of a host file the punch can give its cards to a `CardSink`: the
// spool's virtual punches are this same model writing spool files.

import Records

/// Where a punch's cards go instead of a host file (a spool file, for the
/// virtual punches of the Spool library).
public protocol CardSink: AnyObject {
    /// Takes one punched card; an error is an equipment check for the program.
    func punch(_ card: CardImage) throws
}

/// A 2540 card punch.
public final class CardPunch2540: Device {
    public let deviceType = DeviceType(number: 0x2540, name: "2540P")
    /// Cards punched since the device was attached (not kept when a sink takes them).
    public private(set) var punched: [CardImage] = []
    /// The host file cards go to, if any.
    private let file: HostFile?
    /// Where cards go instead of the host file, if anywhere.
    public let sink: CardSink?
    /// How cards are written to the file.
    public let format: DeckFormat
    /// Sense byte 0.
    private var senseByte: SenseByte0 = []

    /// A punch writing to the host file at `path` (created or emptied), or keeping the cards in memory when nil.
    public init(path: String? = nil, format: DeckFormat = .ebcdic) throws {
        file = try path.map { try HostFile(path: $0, mode: .output) }
        self.format = format
        sink = nil
    }

    /// A punch giving its cards to `sink`.
    public init(sink: CardSink) {
        file = nil
        format = .ebcdic
        self.sink = sink
    }

    public var sense: [UInt8] { [senseByte.rawValue] }

    public func execute(_ command: UInt8, data: DataTransfer, chained: Bool) -> CommandResult {
        let stackerValid = command >> 6 != 3
        switch command & 0x3F {
        case 0x01 where stackerValid: // write, feed, select stacker
            let columns = data.fetch(exactly: 80)
            if data.failed { return .status(.ended) }
            return punch(CardImage(ebcdic: columns))
        case 0x23 where stackerValid: // feed, select stacker: an unpunched card
            return punch(CardImage(ebcdic: []))
        case 0x03 where command == 0x03:
            return .status(.ended)
        case 0x04 where command == 0x04:
            data.store(sense)
            senseByte = []
            return .status(.ended)
        default:
            senseByte = .commandReject
            return .status(.unitCheck)
        }
    }

    /// Punches one card: to the sink, or to memory and the host file.
    private func punch(_ card: CardImage) -> CommandResult {
        senseByte = []
        if let sink {
            do { try sink.punch(card) } catch {
                senseByte = .equipmentCheck
                return .status([.channelEnd, .deviceEnd, .unitCheck])
            }
            return .status(.ended)
        }
        punched.append(card)
        guard let file else { return .status(.ended) }
        do {
            switch format {
            case .ebcdic: try file.append(card.columns)
            case .text: try file.append(card.text.unicodeScalars.map { UInt8(truncatingIfNeeded: $0.value) } + [0x0A])
            }
        } catch {
            senseByte = .equipmentCheck
            return .status([.channelEnd, .deviceEnd, .unitCheck])
        }
        return .status(.ended)
    }

    public func reset() { senseByte = [] }
    public func flush() throws { try file?.sync() }
}
