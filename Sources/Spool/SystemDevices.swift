// The system's real unit-record devices (vm370-reference.md, 1.3 and 3.5):
//
// - Printers and punches that the spooling operator STARTs for up to four
//   classes print or punch the files of the system queues, in class order
//   and then queue order, into host files in `home/output/` (one a spool
//   file: text for printers, EBCDIC card images or text for punches), with
//   the separator page or cards unless started NOSEP, all copies one after
//   another with no separator between them; the file is then purged. A host
//   file is written whole at once, so DRAIN takes effect after the file in
//   hand and FLUSH has never anything in hand.
// - The system card reader takes a deck whose first card is an ID card,
//   `ID|USERID userid [CLASS c] [NAME fn ft|dsname]` from column 1, and puts
//   the rest of the deck in that user's reader, logged on or not. CP does
//   not look for ID cards inside a deck.

import Foundation
import Records

/// A real printer or punch of the system.
public final class SystemOutputDevice {
    /// Its real address.
    public let address: UInt16
    /// The queue it serves: `.printer` or `.punch`.
    public let queue: SpoolQueue
    /// Started (START) and not drained.
    public internal(set) var started = false
    /// The classes it takes, in priority order (START ... CLASS abcd).
    public internal(set) var classes: [Character] = ["A"]
    /// Whether it writes the separator (START ... SEP|NOSEP).
    public internal(set) var separator = true
    /// How a punch writes its cards.
    public var punchFormat: DeckFormat = .ebcdic
    /// Files it has written.
    public internal(set) var filesDone = 0

    init(address: UInt16, queue: SpoolQueue) {
        self.address = address
        self.queue = queue
    }

    /// PRT or PUN, as messages name the device.
    public var kindName: String { queue == .printer ? "PRT" : "PUN" }
}

extension SpoolSystem {
    /// Configures a real printer (`.printer`) or punch (`.punch`) at `address`, drained until STARTed.
    @discardableResult
    public func addSystemDevice(at address: UInt16, queue: SpoolQueue) throws -> SystemOutputDevice {
        guard queue != .reader else { throw SpoolError.invalid("a system output device is a printer or a punch") }
        let d = SystemOutputDevice(address: address, queue: queue)
        outputDevices[address] = d
        return d
    }

    /// The real printer or punch at `address`.
    public func systemDevice(at address: UInt16) -> SystemOutputDevice? { outputDevices[address] }

    /// The real printers and punches, by address.
    public var systemDevices: [SystemOutputDevice] { outputDevices.values.sorted { $0.address < $1.address } }

    /// START raddr [CLASS abcd] [SEP|NOSEP]: the device starts taking files (at once).
    public func start(_ address: UInt16, classes: [Character]? = nil, separator: Bool? = nil) throws {
        guard let d = outputDevices[address] else { throw SpoolError.noSuchDevice(address) }
        if let classes {
            guard (1...4).contains(classes.count), classes.allSatisfy({ SpoolClass.isValid($0) || $0 == "*" }) else {
                throw SpoolError.invalid("CLASS takes one to four classes (A-Z, 0-9, or *)")
            }
            d.classes = classes
        }
        if let separator { d.separator = separator }
        d.started = true
        processSystemQueues()
    }

    /// DRAIN raddr: the device stops after the file in hand (none is ever left in hand here).
    public func drain(_ address: UInt16) throws {
        guard let d = outputDevices[address] else { throw SpoolError.noSuchDevice(address) }
        d.started = false
    }

    /// FLUSH raddr [HOLD] [ALL]: stops the file in hand. A file is written to its
    /// host file whole, the moment the device takes it, so there is never one in
    /// hand: this returns nil (CP says no file is active); HOLD and ALL have nothing to act on.
    public func flush(_ address: UInt16, hold: Bool = false, all: Bool = false) throws -> SpoolFile? {
        guard outputDevices[address] != nil else { throw SpoolError.noSuchDevice(address) }
        return nil
    }

    /// Prints and punches every file a started device takes.
    func processSystemQueues() {
        for d in systemDevices where d.started {
            while d.started, let s = nextFile(for: d) {
                output(s, on: d)
            }
        }
    }

    /// The next file for a device: by its classes in order, then queue order.
    func nextFile(for d: SystemOutputDevice) -> StoredFile? {
        let waiting = stored(on: d.queue, owner: nil).filter { !$0.file.held }
        for c in d.classes {
            if let s = waiting.first(where: { c == "*" || $0.file.spoolClass == c }) { return s }
        }
        return nil
    }

    /// Writes a file to its host file in `home/output/` and purges it. A file that
    /// cannot be read or written is put in system hold and the operator told.
    func output(_ s: StoredFile, on d: SystemOutputDevice) {
        let f = s.file
        let date = clock()
        do {
            let records = try storeCall { try store.records(s.serial) }
            let separator = !d.separator ? [] : d.queue == .printer
                ? SpoolOutput.separatorPage(f, device: d.address, date: date)
                : SpoolOutput.separatorCards(f, device: d.address, date: date)
            let format: SpoolOutputFormat = d.queue == .punch && d.punchFormat == .ebcdic && !f.originDevice.holdsPrintLines ? .ebcdic : .text
            let bytes = try SpoolOutput.render(records, of: f.originDevice, format: format, copies: f.copies, separator: separator)
            let folder = home + "/output"
            try storeCall { try DurableFile.makeFolder(folder) }
            let path = uniqueOutputPath(folder: folder, device: d, file: f, date: date, ext: format == .ebcdic ? "deck" : "txt")
            try storeCall { try DurableFile.write(bytes, to: path) }
            for copy in stride(from: max(1, f.copies), through: 1, by: -1) {
                let what = copy == max(1, f.copies) ? "OUTPUT OF" : "REPEATED"
                onOperatorMessage?("\(d.kindName) \(hex3(d.address)) \(what) \(f.owner) FILE = \(f.spoolidText) RECDS = \(SpoolQueries.sixDigits(f.records)) COPY = \(SpoolQueries.twoDigits(copy)) \(f.spoolClass) \(f.originDevice.rawValue)")
            }
            try remove(s)
            d.filesDone += 1
            writtenOutput.append(path)
        } catch {
            putInSystemHold(s, because: "\(error)")
        }
    }

    /// `output/PRT00E-USERID-0012-20250101-120000.txt`, with -2, -3 ... if taken.
    func uniqueOutputPath(folder: String, device d: SystemOutputDevice, file f: SpoolFile, date: Date, ext: String) -> String {
        let stamp = SpoolQueries.stamp(date)
        let base = "\(folder)/\(d.kindName)\(hex3(d.address))-\(f.owner)-\(f.spoolidText)-\(stamp)"
        var path = base + "." + ext
        var n = 2
        while DurableFile.size(path) != nil {
            path = "\(base)-\(n).\(ext)"
            n += 1
        }
        return path
    }

    // MARK: Decks into readers

    /// A deck read by the system card reader at `readerAddress`: the first card is the ID
    /// card; the rest becomes a file in that user's reader. Nothing is stored when
    /// the ID card is wrong (the error says what, for the operator).
    @discardableResult
    public func readSystemDeck(_ cards: [CardImage], source: String, readerAddress: UInt16 = 0x00C) throws -> SpoolFile {
        guard let first = cards.first else { throw SpoolError.badDeck("\(source): the deck is empty: no ID card and no cards") }
        let id: IDCard
        do { id = try IDCard(first) } catch let SpoolError.badDeck(why) {
            throw SpoolError.badDeck("\(source): card 1 (the ID card): \(why)")
        }
        guard let user = knownUser(id.userid) else {
            throw SpoolError.badDeck("\(source): card 1 (the ID card): \(id.userid) is not in the user directory")
        }
        guard cards.count > 1 else { throw SpoolError.badDeck("\(source): the deck holds only its ID card: there are no cards to send") }
        let f = try submit(Array(cards.dropFirst()), to: user.userid, spoolClass: id.spoolClass, name: id.name, type: id.type, source: source)
        onOperatorMessage?("RDR \(hex3(readerAddress)) INPUT FOR \(f.owner) FILE = \(f.spoolidText)")
        return f
    }

    /// A deck put straight into `userid`'s reader (`s370 submit --to`), from the system.
    @discardableResult
    public func submit(_ cards: [CardImage], to userid: String, spoolClass: Character = "A",
                       name: String = "", type: String = "", source: String = "deck") throws -> SpoolFile {
        guard !cards.isEmpty else { throw SpoolError.badDeck("\(source): the deck is empty: there are no cards to send") }
        guard SpoolClass.isValid(spoolClass) else { throw SpoolError.invalid("'\(spoolClass)' is not a spool class: A-Z or 0-9") }
        guard let user = knownUser(userid) else { throw SpoolError.unknownUser(userid) }
        let f = SpoolFile(spoolid: 0, queue: .reader, owner: user.userid, origin: SpoolSystem.systemUserid,
                          originDevice: .reader, spoolClass: spoolClass, distribution: user.distribution,
                          name: name, type: type)
        return try addFile(f, records: SpoolRecords(cards: cards))
    }
}

/// The CP ID card at the front of a deck for the system reader (OPG, "Spooling
/// input"): `ID|USERID userid [CLASS c] [NAME fn ft|dsname]`, from column 1,
/// fields separated by blanks; CLASS must follow the userid; class A if none.
public struct IDCard: Equatable, Sendable {
    public var userid: String
    public var spoolClass: Character = "A"
    public var name = ""
    public var type = ""

    /// Reads an ID card; the error (`SpoolError.badDeck`) says what is wrong with it.
    public init(_ card: CardImage) throws {
        // Control characters show as '.': the card may be anything, and messages name what it holds.
        var text = EBCDIC.decode(card.columns, printable: true)
        while text.hasSuffix(" ") { text.removeLast() }
        guard let firstChar = text.first, firstChar != " " else {
            throw SpoolError.badDeck("it must begin in column 1 with ID or USERID")
        }
        let fields = text.split(separator: " ").map(String.init)
        guard fields[0] == "ID" || fields[0] == "USERID" else {
            throw SpoolError.badDeck("'\(IDCard.shown(fields[0]))' is not ID or USERID: a deck for the system reader starts with an ID card, 'ID userid [CLASS c] [NAME fn ft]'")
        }
        guard fields.count >= 2 else { throw SpoolError.badDeck("no userid after \(fields[0])") }
        guard let u = Userid.normalized(fields[1]), u == fields[1] else {
            throw SpoolError.badDeck("'\(IDCard.shown(fields[1]))' is not a userid (one to eight letters and digits)")
        }
        userid = u
        var i = 2
        if i < fields.count && fields[i] == "CLASS" {
            guard i + 1 < fields.count, fields[i + 1].count == 1, let c = fields[i + 1].first, SpoolClass.isValid(c) else {
                throw SpoolError.badDeck("CLASS needs a class, one of A-Z or 0-9")
            }
            spoolClass = c
            i += 2
        }
        if i < fields.count && fields[i] == "NAME" {
            let rest = Array(fields[(i + 1)...])
            switch rest.count {
            case 1:
                guard rest[0].count <= 24 else { throw SpoolError.badDeck("the data set name '\(rest[0])' is longer than 24 characters") }
                name = rest[0]
            case 2:
                guard rest[0].count <= 8, rest[1].count <= 8 else {
                    throw SpoolError.badDeck("NAME fn ft: each is at most 8 characters")
                }
                name = rest[0]
                type = rest[1]
            default:
                throw SpoolError.badDeck("NAME takes a file name and type, or one data set name")
            }
            i = fields.count
        }
        if i < fields.count {
            throw SpoolError.badDeck("'\(IDCard.shown(fields[i]))' is not expected here: the ID card is 'ID userid [CLASS c] [NAME fn ft]'")
        }
    }

    /// A field as a message shows it: ASCII, at most 16 characters.
    static func shown(_ field: String) -> String {
        let ascii = String(field.map { $0.isASCII ? $0 : "." })
        return ascii.count > 16 ? ascii.prefix(16) + "..." : ascii
    }
}
