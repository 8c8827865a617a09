// The spool of one running system (DESIGN.md, "Spool"; vm370-reference.md,
// section 3): the store in `home/spool/`, the queues (each user's reader, the
// system's printer and punch queues), the spoolids, the virtual devices that
// read and write spool files, and the system's real printers, punches and
// card reader.
//
// CP creates one `SpoolSystem` when it starts and calls it only from its
// dispatcher thread; nothing here takes a lock or starts a thread. While it
// exists it holds the lock on the home (`HomeLock`), so the host commands
// (`s370 submit`, `s370 spool`) either open their own `SpoolSystem` (no system
// running) or go through the running system's (`SpoolHostCommand.perform`).
// The operations on queues are in SpoolOperations.swift, the queries in
// SpoolQueries.swift, the virtual devices in VirtualDevices.swift, the real
// devices in SystemDevices.swift.

import Foundation

/// A user as the spool needs to know one: that it exists, and its distribution code.
public struct SpoolUser: Equatable, Sendable {
    /// The userid.
    public var userid: String
    /// The distribution code of the directory's ACCOUNT statement (printed on separators).
    public var distribution: String

    public init(userid: String, distribution: String = "") {
        self.userid = userid
        self.distribution = distribution
    }
}

/// The spool of one home folder.
public final class SpoolSystem {
    /// The highest spoolid; spoolids are given in sequence from 1 and wrap (CPREF, SPOOL).
    public static let maximumSpoolid = 9900
    /// The most records one spool file may hold (a bound on the host memory an open file takes).
    public static let maximumRecords = 2_000_000
    /// The userid of files that enter the spool from the system card reader or the host.
    public static let systemUserid = "SYSTEM"

    /// The home folder.
    public let home: String
    /// The lock on the home, held while this object lives (until `shutdown`).
    public let lock: HomeLock
    /// What recovery at start could not read, and what it did (empty when all was well).
    public let recoveryProblems: [String]
    /// Whether recovery read every file (no clean index from the last run).
    public let recoveryRebuilt: Bool
    /// The users the spool may send files to: the directory.
    public var directory: (String) -> SpoolUser?
    /// The clock for creation dates (tests set a fixed one).
    public var clock: () -> Date = { Date() }
    /// Called when a file arrives in a user's reader (CP writes `RDR FILE nnnn ...` to that user).
    public var onReaderFile: ((SpoolFile) -> Void)?
    /// Called with each message for the operator's console (real device starts, ID card errors).
    public var onOperatorMessage: ((String) -> Void)?

    let store: SpoolStore
    /// The closed files, by spoolid.
    var files: [Int: StoredFile] = [:]
    /// Where the search for the next spoolid starts (1-9900; kept across a clean restart).
    public var nextSpoolid = 1 {
        didSet { if !(1...SpoolSystem.maximumSpoolid).contains(nextSpoolid) { nextSpoolid = 1 } }
    }
    /// The next queue position (a file put on a queue goes to its end).
    var nextOrder: Int64 = 1
    /// Files being read by a virtual reader (by serial): they cannot be transferred.
    var filesInUse: Set<UInt64> = []
    /// The virtual readers that exist, to tell them a file became readable.
    var readers: [WeakReader] = []
    /// The system's real printers and punches, by address.
    var outputDevices: [UInt16: SystemOutputDevice] = [:]
    /// Output files written (for tests and messages): the last real-device host files.
    public internal(set) var writtenOutput: [String] = []

    /// Opens the spool of `home` (the folder is created if missing): takes the
    /// home's lock and recovers the store. `directory` tells which userids exist.
    public init(home: String, directory: @escaping (String) -> SpoolUser?) throws {
        self.home = home
        do { try DurableFile.makeFolder(home) } catch let e as SpoolStoreError { throw SpoolError.store(e) }
        do { lock = try HomeLock(home: home) } catch let f as HomeLock.Failure { throw SpoolError.homeInUse(f) }
        self.directory = directory
        let r: SpoolStore.Recovered
        do {
            store = try SpoolStore(folder: home + "/spool")
            r = try store.recover()
        } catch let e as SpoolStoreError {
            lock.release()
            throw SpoolError.store(e)
        }
        var problems = r.problems
        var duplicates: [StoredFile] = []
        var byId: [Int: StoredFile] = [:]
        for s in r.files.sorted(by: { $0.serial < $1.serial }) {
            if byId[s.file.spoolid] != nil {
                // Two files with one spoolid (only an outside change can do this): the later gets a new one.
                duplicates.append(s)
                problems.append("spool/\(StoreFormat.dataName(s.serial)): spoolid \(s.file.spoolidText) is also another file's; it gets a new spoolid")
            } else {
                byId[s.file.spoolid] = s
            }
        }
        recoveryProblems = problems
        recoveryRebuilt = r.rebuilt
        files = byId
        nextOrder = (r.files.map(\.order).max() ?? 0) + 1
        if let n = r.nextSpoolid, (1...SpoolSystem.maximumSpoolid).contains(n) {
            nextSpoolid = n
        } else if let last = r.files.max(by: { $0.serial < $1.serial }) {
            nextSpoolid = last.file.spoolid % SpoolSystem.maximumSpoolid + 1
        }
        for var s in duplicates {
            s.file.spoolid = try allocateSpoolid()
            try save(s)
        }
    }

    /// Ends this use of the spool: writes the index (so the next start need not
    /// read every file) and lets the home's lock go. Open files of virtual
    /// devices must be closed first (CP does it at LOGOFF); their records are lost otherwise.
    public func shutdown() throws {
        guard lock.isHeld else { return }
        defer { lock.release() }
        do { try store.writeIndex(Array(files.values), nextSpoolid: nextSpoolid) } catch let e as SpoolStoreError {
            throw SpoolError.store(e)
        }
    }

    // MARK: Spoolids and queue positions

    /// The next free spoolid in sequence (CPREF: given from 1 to 9900, then from 1 again).
    func allocateSpoolid() throws -> Int {
        for k in 0..<SpoolSystem.maximumSpoolid {
            let id = (nextSpoolid - 1 + k) % SpoolSystem.maximumSpoolid + 1
            if files[id] == nil {
                nextSpoolid = id % SpoolSystem.maximumSpoolid + 1
                return id
            }
        }
        throw SpoolError.spoolFull
    }

    /// A position at the end of every queue.
    func takeOrder() -> Int64 {
        defer { nextOrder += 1 }
        return nextOrder
    }

    // MARK: Adding and changing files

    /// Makes a closed file from `records` and puts it on its queue: durable
    /// when this returns. A reader file is announced to its owner.
    @discardableResult
    func addFile(_ template: SpoolFile, records: SpoolRecords) throws -> SpoolFile {
        guard records.count <= SpoolSystem.maximumRecords else { throw SpoolError.fileTooLarge(SpoolSystem.maximumRecords) }
        var f = template
        f.spoolid = try allocateSpoolid()
        f.records = records.logicalCount
        f.created = clock()
        let stored = try storeCall { try store.add(f, order: takeOrder(), records: records) }
        files[f.spoolid] = stored
        arrived(stored.file)
        return stored.file
    }

    /// Tells whoever waits that a file is on a queue: its owner's readers, CP, the real devices.
    func arrived(_ f: SpoolFile) {
        switch f.queue {
        case .reader:
            onReaderFile?(f)
            wakeReaders(of: f.owner)
        case .printer, .punch:
            processSystemQueues()
        }
    }

    /// Saves a changed file's attributes.
    func save(_ s: StoredFile) throws {
        try storeCall { try store.update(s) }
        files[s.file.spoolid] = s
    }

    /// Removes a file from its queue and the store.
    func remove(_ s: StoredFile) throws {
        try storeCall { try store.remove(s.serial) }
        if files[s.file.spoolid]?.serial == s.serial { files[s.file.spoolid] = nil }
    }

    /// Runs a store operation, turning its errors into spool errors.
    func storeCall<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch let e as SpoolStoreError { throw SpoolError.store(e) }
    }

    // MARK: Looking files up

    /// A closed file by spoolid.
    public func file(_ spoolid: Int) -> SpoolFile? { files[spoolid]?.file }

    /// The files on `queue` (of `owner`, or of everyone), in queue order.
    public func files(on queue: SpoolQueue, owner: String? = nil) -> [SpoolFile] {
        stored(on: queue, owner: owner).map(\.file)
    }

    /// Every closed file, by queue and then in queue order.
    public var allFiles: [SpoolFile] {
        SpoolQueue.allCases.flatMap { files(on: $0) }
    }

    func stored(on queue: SpoolQueue, owner: String?) -> [StoredFile] {
        files.values.filter { $0.file.queue == queue && (owner == nil || $0.file.owner == owner) }
            .sorted { ($0.order, $0.serial) < ($1.order, $1.serial) }
    }

    /// A file's records, checked against their checksum.
    public func records(of spoolid: Int) throws -> SpoolRecords {
        guard let s = files[spoolid] else { throw SpoolError.noSuchFile(spoolid) }
        return try storeCall { try store.records(s.serial) }
    }

    /// Whether `userid` may receive files (it is in the directory, or it is the system).
    func knownUser(_ userid: String) -> SpoolUser? {
        directory(userid)
    }

    // MARK: Readers waiting for files

    /// A virtual reader, held weakly.
    struct WeakReader {
        weak var reader: SpoolReader?
    }

    func register(_ r: SpoolReader) {
        readers.removeAll { $0.reader == nil }
        readers.append(WeakReader(reader: r))
    }

    /// Tells the idle readers of `userid` that found nothing last time that a file they can read is there.
    func wakeReaders(of userid: String) {
        for w in readers {
            guard let r = w.reader, r.userid == userid, r.waitingForFile else { continue }
            if nextReadable(for: r) != nil {
                r.waitingForFile = false
                r.becameReady?()
            }
        }
    }

    /// The next file a reader would read: its owner's, of its class, not held, not being read.
    func nextReadable(for r: SpoolReader) -> StoredFile? {
        stored(on: .reader, owner: r.userid).first {
            !$0.file.held && !filesInUse.contains($0.serial) && SpoolClass.reader(r.settings.spoolClass, reads: $0.file.spoolClass)
        }
    }
}
