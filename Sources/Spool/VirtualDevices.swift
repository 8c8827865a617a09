// The virtual unit-record devices of a user (vm370-reference.md, 3.3-3.4):
// a 2540 reader, a 2540 punch and a 1403 printer that are the Channels
// library's own models, reading from and writing to spool files through
// their `CardSource`, `CardSink` and `PrintSink` seams, so their commands,
// status and sense are those of the real devices.
//
// - A reader reads its owner's reader files of its class (or any class, for
//   class *), not held, in queue order. The read after a file's last card
//   ends with unit exception (EOF) or intervention required (NOEOF); with
//   CONT the files follow one another with no end-of-file between them until
//   none is left. A file read to its end is purged, unless the reader is
//   spooled HOLD (then it stays, in user hold). With nothing to read, a read
//   gets intervention required; when a file arrives the reader becomes ready
//   and `becameReady` is called (CP presents device end, as VM/370 does).
// - A punch or printer gathers what the program writes into an open file;
//   CP's CLOSE makes it a spool file (CONT: CLOSE is ignored until NOCONT),
//   sent where the device is spooled: OFF to the system queue, TO a user's
//   reader, FOR another user's output.
//
// CP attaches these objects to the virtual machine's channel subsystem: each
// is a `Device`. The SPOOL command sets `settings`; TAG DEV sets `settings.tag`.

import Channels
import Records

/// Where a punch or printer sends its closed files (SPOOL ... OFF | TO userid | FOR userid).
public enum SpoolDestination: Equatable, Sendable {
    /// OFF: the system printer or punch queue, as the device's user's output.
    case system
    /// TO userid: that user's reader (TO * is the device's own user).
    case toUser(String)
    /// FOR userid: the system queue, as that user's output (owned, charged and distributed as theirs).
    case forUser(String)
}

/// The SPOOL settings of one virtual device (CPREF, SPOOL; defaults as VM/370's).
public struct SpoolSettings: Equatable, Sendable {
    /// CLASS: A-Z or 0-9, or * for a reader.
    public var spoolClass: Character
    /// CONT: a reader reads its files without end-of-file between them; a punch or printer ignores CLOSE.
    public var continuous = false
    /// HOLD: files closed are held (a punch or printer), files read are kept in user hold (a reader).
    public var hold = false
    /// COPY nn, 1-99 (punch and printer).
    public var copies = 1
    /// Where closed files go (punch and printer).
    public var destination: SpoolDestination = .system
    /// EOF (a reader): unit exception after each file; NOEOF: intervention required.
    public var endOfFile = true
    /// TAG DEV text: copied into each file closed on the device.
    public var tag = ""

    /// Settings of a new device: readers `NOHOLD NOCONT CLASS * EOF`, punches and printers
    /// `NOHOLD NOCONT CLASS A OFF COPY 01` (CPREF, SPOOL), with the directory's class.
    public init(spoolClass: Character) {
        self.spoolClass = spoolClass
    }
}

/// What CLOSE says besides the device (CPREF, CLOSE).
public struct CloseOptions: Equatable, Sendable {
    /// HOLD (true) or NOHOLD (false), overriding the device's setting; nil: the device's setting.
    public var hold: Bool? = nil
    /// PURGE: the file is discarded.
    public var purge = false
    /// DIST distcode, for this file's separators (ignored for a file sent to a reader).
    public var distribution: String? = nil
    /// NAME fn [ft], or a data set name of up to 24 characters (then `type` is nil).
    public var name: String? = nil
    public var type: String? = nil
    /// Close even when the device is spooled CONT (LOGOFF, detaching the device).
    public var force = false

    public init(hold: Bool? = nil, purge: Bool = false, distribution: String? = nil,
                name: String? = nil, type: String? = nil, force: Bool = false) {
        self.hold = hold
        self.purge = purge
        self.distribution = distribution
        self.name = name
        self.type = type
        self.force = force
    }
}

/// What a CLOSE did.
public enum CloseOutcome: Equatable, Sendable {
    /// Nothing was open, or the device is spooled CONT and ignored the close.
    case nothing
    /// The file was discarded (CLOSE PURGE; or a reader file read to its end).
    case purged
    /// A reader file that stays in the reader (HOLD).
    case kept(SpoolFile)
    /// A new spool file. CP shows its spoolid when `spoolidShown` (CPREF, SPOOL:
    /// it goes to another user, it is held, or it has several copies).
    case closed(SpoolFile, spoolidShown: Bool)
}

/// A virtual unit-record device backed by spool files: the base of reader, punch and printer.
public class SpoolDevice: Device {
    /// The user whose device it is.
    public let userid: String
    /// Its virtual address.
    public let address: UInt16
    /// What the SPOOL and TAG DEV commands set.
    public var settings: SpoolSettings
    /// The spool it reads or writes (held weakly: the system outlives its devices).
    weak var system: SpoolSystem?
    /// The real-device model that does the I/O.
    let model: Device
    /// The queue its files belong to: a reader's, the reader queue; a punch's or printer's, the system queue of its kind.
    public let queue: SpoolQueue

    init(userid: String, address: UInt16, settings: SpoolSettings, system: SpoolSystem, model: Device, queue: SpoolQueue) {
        self.userid = userid
        self.address = address
        self.settings = settings
        self.system = system
        self.model = model
        self.queue = queue
    }

    public var deviceType: DeviceType { model.deviceType }
    public func execute(_ command: UInt8, data: DataTransfer, chained: Bool) -> CommandResult {
        model.execute(command, data: data, chained: chained)
    }
    public var sense: [UInt8] { model.sense }
    public var commandTime: Int { model.commandTime }
    public func halt() { model.halt() }
    public func reset() { model.reset() }
    /// Nothing to write: spool files are closed by CP's CLOSE, not when the channel flushes.
    public func flush() throws {}

    /// CLOSE: ends the current file (see the subclasses).
    public func close(_ options: CloseOptions = CloseOptions()) throws -> CloseOutcome { .nothing }

    /// The device's line for QUERY VIRTUAL, for example
    /// `RDR  00C CL * NOCONT NOHOLD EOF` or `PUN  00D CL A NOCONT NOHOLD COPY 01 TO USERB`.
    public var queryLine: String {
        let kind = queue == .reader ? "RDR " : queue == .printer ? "PRT " : "PUN "
        var s = "\(kind) \(hex3(address)) CL \(settings.spoolClass) \(settings.continuous ? "CONT  " : "NOCONT") \(settings.hold ? "HOLD  " : "NOHOLD")"
        if queue == .reader {
            s += settings.endOfFile ? " EOF" : " NOEOF"
        } else {
            s += " COPY \(SpoolQueries.twoDigits(settings.copies))"
            switch settings.destination {
            case .system: s += " OFF"
            case .toUser(let u): s += " TO \(u)"
            case .forUser(let u): s += " FOR \(u)"
            }
        }
        return s
    }
}

// MARK: The reader

/// A virtual 2540 reader reading its user's reader files.
public final class SpoolReader: SpoolDevice {
    /// Called when a file the reader can read arrives after a read found none
    /// (CP presents device end for the reader: not ready to ready).
    public var becameReady: (() -> Void)?
    /// The file being read, as it was when the reader took it.
    public private(set) var currentFile: SpoolFile?
    private var currentSerial: UInt64?
    private var iterator: SpoolRecords.Iterator?
    /// Records read from the current file.
    public private(set) var cardsRead = 0
    /// The last read found nothing to read.
    var waitingForFile = false
    /// With CONT: a file was read to its end; the end-of-file comes when no file follows.
    private var endOwed = false

    init(userid: String, address: UInt16, settings: SpoolSettings, system: SpoolSystem) {
        let feed = ReaderFeed()
        super.init(userid: userid, address: address, settings: settings, system: system,
                   model: CardReader2540(feed: feed, source: "\(userid) reader \(hex3(address))"), queue: .reader)
        feed.reader = self
    }

    /// The next card for the 2540 model.
    func nextCard() -> CardFeed {
        switch nextRecord(carriageControl: false) {
        case .record(let r): return .card(r.data)
        case .endOfFile: return .endOfFile
        case .notReady: return .notReady
        }
    }

    /// What `nextRecord` gives.
    public enum RecordFeed: Equatable, Sendable {
        case record(SpoolRecord)
        /// The end of a file (EOF), or of the last file (CONT): the file read is done with.
        case endOfFile
        /// Nothing to read (or NOEOF's end of a file).
        case notReady
    }

    /// The next record of the reader's files, by the reader's settings: what a
    /// read takes, and what CP's DIAGNOSE X'14' gives a program that reads the
    /// spool records themselves (with `carriageControl`, a printer file's
    /// carriage-only records too, each with its CCW command code).
    public func nextRecord(carriageControl: Bool) -> RecordFeed {
        guard let system else { return .notReady }
        while true {
            if iterator == nil {
                guard let s = system.nextReadable(for: self) else {
                    if endOwed {
                        endOwed = false
                        return settings.endOfFile ? .endOfFile : .notReady
                    }
                    waitingForFile = true
                    return .notReady
                }
                guard open(s, in: system) else { continue }
            }
            while let r = iterator?.next() {
                // A printer file read through a reader gives its lines; carriage-only records have no card.
                if r.isWrite || carriageControl {
                    cardsRead += 1
                    return .record(r)
                }
            }
            finish(keep: settings.hold, userHold: settings.hold)
            if settings.continuous {
                endOwed = true
                continue
            }
            return settings.endOfFile ? .endOfFile : .notReady
        }
    }

    /// Takes a file to read; false when its records cannot be read (it is held and the operator told).
    private func open(_ s: StoredFile, in system: SpoolSystem) -> Bool {
        do {
            let records = try system.storeCall { try system.store.records(s.serial) }
            iterator = records.makeIterator()
            currentFile = s.file
            currentSerial = s.serial
            cardsRead = 0
            waitingForFile = false
            system.filesInUse.insert(s.serial)
            return true
        } catch {
            system.putInSystemHold(s, because: "\(error)")
            return false
        }
    }

    /// Ends the current file: kept (in user hold when `userHold`) or purged.
    @discardableResult
    private func finish(keep: Bool, userHold: Bool) -> CloseOutcome {
        guard let serial = currentSerial, let f = currentFile else { return .nothing }
        iterator = nil
        currentFile = nil
        currentSerial = nil
        guard let system else { return .nothing }
        system.filesInUse.remove(serial)
        // The file may have been purged (or its spoolid given to another file) while it was read.
        guard var s = system.files[f.spoolid], s.serial == serial else { return .purged }
        if keep {
            if userHold && !s.file.userHold {
                s.file.userHold = true
                try? system.save(s)
            }
            return .kept(s.file)
        }
        try? system.remove(s)
        return .purged
    }

    /// CLOSE RDR: ends the file being read. HOLD keeps it (not in user hold),
    /// NOHOLD purges it; with neither, as the reader is spooled (CPREF, CLOSE).
    public override func close(_ options: CloseOptions = CloseOptions()) throws -> CloseOutcome {
        endOwed = false
        guard currentSerial != nil else { return .nothing }
        if options.purge { return finish(keep: false, userHold: false) }
        switch options.hold {
        case .some(true): return finish(keep: true, userHold: false)
        case .some(false): return finish(keep: false, userHold: false)
        case .none: return finish(keep: settings.hold, userHold: settings.hold)
        }
    }

    /// Gives back the file being read without purging it (LOGOFF, DETACH): it stays first in the reader.
    public func release() {
        guard let serial = currentSerial else { return }
        iterator = nil
        currentFile = nil
        currentSerial = nil
        system?.filesInUse.remove(serial)
    }
}

/// The reader's card source, holding the reader weakly (the 2540 model keeps its source).
final class ReaderFeed: CardSource {
    weak var reader: SpoolReader?
    func nextCard() -> CardFeed { reader?.nextCard() ?? .notReady }
}

// MARK: Punch and printer

/// A virtual punch or printer: gathers records into its open file until CLOSE.
public class SpoolOutputDevice: SpoolDevice {
    /// The records written since the last close.
    public private(set) var openRecords = SpoolRecords()
    /// The file type of what it writes.
    let originDevice: OriginDevice

    init(userid: String, address: UInt16, settings: SpoolSettings, system: SpoolSystem, model: Device, origin: OriginDevice) {
        originDevice = origin
        super.init(userid: userid, address: address, settings: settings, system: system, model: model,
                   queue: origin.holdsPrintLines ? .printer : .punch)
    }

    /// Adds a record to the open file.
    func write(command: UInt8, data: [UInt8]) throws {
        guard openRecords.count < SpoolSystem.maximumRecords else { throw SpoolError.fileTooLarge(SpoolSystem.maximumRecords) }
        openRecords.append(command: command, data: data)
    }

    /// Whether anything has been written since the last close.
    public var hasOpenFile: Bool { openRecords.count > 0 }

    /// CLOSE: the open file becomes a spool file where the device is spooled
    /// (or is discarded with PURGE). Spooled CONT, only a forced close closes.
    /// Nothing written: nothing is made.
    public override func close(_ options: CloseOptions = CloseOptions()) throws -> CloseOutcome {
        if settings.continuous && !options.force { return .nothing }
        guard hasOpenFile else { return .nothing }
        if options.purge {
            openRecords = SpoolRecords()
            return .purged
        }
        guard let system else { return .nothing }
        let f = try system.closeOutput(from: self, records: openRecords, options: options)
        openRecords = SpoolRecords()
        return f
    }
}

/// A virtual 2540 punch writing punch files.
public final class SpoolPunch: SpoolOutputDevice {
    init(userid: String, address: UInt16, settings: SpoolSettings, system: SpoolSystem) {
        let sink = OutputSink()
        super.init(userid: userid, address: address, settings: settings, system: system,
                   model: CardPunch2540(sink: sink), origin: .punch)
        sink.device = self
    }
}

/// A virtual 1403 printer writing printer files.
public final class SpoolPrinter: SpoolOutputDevice {
    init(userid: String, address: UInt16, settings: SpoolSettings, system: SpoolSystem) {
        let sink = OutputSink()
        super.init(userid: userid, address: address, settings: settings, system: system,
                   model: Printer1403(sink: sink), origin: .printer)
        sink.device = self
    }
}

/// The punch's and printer's sink, holding the device weakly.
final class OutputSink: CardSink, PrintSink {
    weak var device: SpoolOutputDevice?

    func punch(_ card: CardImage) throws {
        guard let device else { throw SpoolError.invalid("the device is detached") }
        try device.write(command: SpoolRecords.cardCommand, data: card.columns)
    }

    func print(command: UInt8, line: [UInt8]) throws {
        guard let device else { throw SpoolError.invalid("the device is detached") }
        try device.write(command: command, data: line)
    }
}

// MARK: Making devices, closing files

extension SpoolSystem {
    /// A virtual reader for `userid` at `address`, of class `spoolClass` (the directory's SPOOL statement; `*` reads every class).
    public func makeReader(userid: String, address: UInt16, spoolClass: Character = "*") -> SpoolReader {
        let r = SpoolReader(userid: userid, address: address, settings: SpoolSettings(spoolClass: spoolClass), system: self)
        register(r)
        return r
    }

    /// A virtual punch for `userid` at `address`, of class `spoolClass`.
    public func makePunch(userid: String, address: UInt16, spoolClass: Character = "A") -> SpoolPunch {
        SpoolPunch(userid: userid, address: address, settings: SpoolSettings(spoolClass: spoolClass), system: self)
    }

    /// A virtual printer for `userid` at `address`, of class `spoolClass`.
    public func makePrinter(userid: String, address: UInt16, spoolClass: Character = "A") -> SpoolPrinter {
        SpoolPrinter(userid: userid, address: address, settings: SpoolSettings(spoolClass: spoolClass), system: self)
    }

    /// Makes the spool file of a punch's or printer's CLOSE (CPREF, CLOSE and SPOOL; vm370-reference 3.4).
    func closeOutput(from d: SpoolOutputDevice, records: SpoolRecords, options: CloseOptions) throws -> CloseOutcome {
        guard SpoolClass.isValid(d.settings.spoolClass) else {
            throw SpoolError.invalid("CLASS \(d.settings.spoolClass): a punch or printer file's class is A-Z or 0-9")
        }
        guard (1...99).contains(d.settings.copies) else {
            throw SpoolError.invalid("COPY \(d.settings.copies): copies are 1 to 99")
        }
        let hold = options.hold ?? d.settings.hold
        var f = SpoolFile(spoolid: 0, queue: d.queue, owner: d.userid, origin: d.userid, originDevice: d.originDevice,
                          spoolClass: d.settings.spoolClass, copies: d.settings.copies, userHold: hold,
                          name: options.name ?? "", type: options.type ?? "", tag: d.settings.tag)
        var toAnotherUser = false
        switch d.settings.destination {
        case .system:
            f.distribution = options.distribution ?? knownUser(d.userid)?.distribution ?? ""
        case .forUser(let u):
            guard let user = knownUser(u) else { throw SpoolError.unknownUser(u) }
            f.owner = user.userid
            f.distribution = options.distribution ?? user.distribution
            toAnotherUser = user.userid != d.userid
        case .toUser(let u):
            let target = u == "*" ? d.userid : u
            guard let user = knownUser(target) else { throw SpoolError.unknownUser(target) }
            f.queue = .reader
            f.owner = user.userid
            // DIST has no effect on a file spooled to another user (CPREF, CLOSE).
            f.distribution = knownUser(d.userid)?.distribution ?? ""
            toAnotherUser = user.userid != d.userid
        }
        let closed = try addFile(f, records: records)
        return .closed(closed, spoolidShown: toAnotherUser || closed.userHold || closed.copies > 1)
    }
}
