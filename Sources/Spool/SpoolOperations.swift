// The operations on closed files that CP's commands perform
// (vm370-reference.md, 1.2-1.3 and 3): PURGE, TRANSFER TO and FROM, ORDER,
// CHANGE, TAG FILE, and the spooling operator's HOLD and FREE. CP decides who
// may name which user (class G its own files, class D anyone's); these act on
// the queue and owner they are given. Every change is durable when it returns.

import Foundation

/// Which files of a queue a command names.
public enum SpoolSelection: Equatable, Sendable {
    /// spoolid ...: these files.
    case spoolids([Int])
    /// CLASS c: the files of this class.
    case spoolClass(Character)
    /// ALL: every file.
    case all
}

/// What an operation did.
public struct SpoolResult: Equatable, Sendable {
    /// The files acted on, as they are now (a purged file as it was).
    public var files: [SpoolFile] = []
    /// Spoolids named that are not on the queue (CP: DMKCSU042E SPOOLID nnnn DOES NOT EXIST).
    public var notFound: [Int] = []
    /// Files named that could not be acted on because a virtual reader is reading them.
    public var inUse: [SpoolFile] = []

    public init() {}
}

/// What CHANGE changes (CPREF, CHANGE; OPG p232): nil leaves the attribute as it is.
public struct SpoolChanges: Equatable, Sendable {
    public var spoolClass: Character? = nil
    public var copies: Int? = nil
    /// HOLD (true) or NOHOLD (false): the user hold.
    public var hold: Bool? = nil
    public var distribution: String? = nil
    /// NAME fn [ft] (or a data set name, with `type` "").
    public var name: String? = nil
    public var type: String? = nil

    public init(spoolClass: Character? = nil, copies: Int? = nil, hold: Bool? = nil,
                distribution: String? = nil, name: String? = nil, type: String? = nil) {
        self.spoolClass = spoolClass
        self.copies = copies
        self.hold = hold
        self.distribution = distribution
        self.name = name
        self.type = type
    }
}

extension SpoolSystem {
    /// The files of `owner` on `queue` a selection names, in queue order, and the spoolids not found.
    func select(_ selection: SpoolSelection, on queue: SpoolQueue, owner: String?,
                where extra: (StoredFile) -> Bool = { _ in true }) -> (files: [StoredFile], notFound: [Int]) {
        let candidates = stored(on: queue, owner: owner).filter(extra)
        switch selection {
        case .all:
            return (candidates, [])
        case .spoolClass(let c):
            return (candidates.filter { $0.file.spoolClass == c }, [])
        case .spoolids(let ids):
            var out: [StoredFile] = []
            var missing: [Int] = []
            for id in ids {
                if let s = candidates.first(where: { $0.file.spoolid == id }) {
                    if !out.contains(s) { out.append(s) }
                } else {
                    missing.append(id)
                }
            }
            return (out, missing)
        }
    }

    /// PURGE RDR|PRT|PUN spoolid...|CLASS c|ALL: removes the files (of `owner`, or of
    /// everyone for the operator's PURGE ... ALL). A file being read is removed
    /// too; its reader finishes the copy it holds.
    @discardableResult
    public func purge(_ selection: SpoolSelection, on queue: SpoolQueue, owner: String?) throws -> SpoolResult {
        let (chosen, missing) = select(selection, on: queue, owner: owner)
        var r = SpoolResult()
        r.notFound = missing
        for s in chosen {
            try remove(s)
            r.files.append(s.file)
        }
        return r
    }

    /// TRANSFER spoolid|CLASS c|ALL TO userid: moves files of `owner`'s reader to
    /// `target`'s reader (at the end of its queue). The receiver is told; the file
    /// keeps its spoolid and now comes from `owner`. A file being read stays.
    @discardableResult
    public func transfer(_ selection: SpoolSelection, of owner: String, to target: String) throws -> SpoolResult {
        guard let user = knownUser(target) else { throw SpoolError.unknownUser(target) }
        return try move(selection, from: owner, where: { _ in true }, to: user.userid, newOrigin: owner)
    }

    /// TRANSFER spoolid|CLASS c|ALL FROM userid: takes back files `claimant` sent that
    /// are still unread in `source`'s reader, into `claimant`'s reader.
    @discardableResult
    public func reclaim(_ selection: SpoolSelection, from source: String, by claimant: String) throws -> SpoolResult {
        try move(selection, from: source, where: { $0.file.origin == claimant }, to: claimant, newOrigin: claimant)
    }

    private func move(_ selection: SpoolSelection, from owner: String, where extra: (StoredFile) -> Bool,
                      to target: String, newOrigin: String) throws -> SpoolResult {
        let (chosen, missing) = select(selection, on: .reader, owner: owner, where: extra)
        var r = SpoolResult()
        r.notFound = missing
        for var s in chosen {
            if filesInUse.contains(s.serial) {
                r.inUse.append(s.file)
                continue
            }
            s.file.owner = target
            s.file.origin = newOrigin
            s.order = takeOrder()
            try save(s)
            r.files.append(s.file)
            arrived(s.file)
        }
        return r
    }

    /// ORDER RDR|PRT|PUN spoolid...|CLASS c...: puts the files named first among
    /// `owner`'s files on the queue, in the order named (a class names its files
    /// in their present order); the others follow as they were.
    @discardableResult
    public func order(_ items: [SpoolSelection], on queue: SpoolQueue, owner: String) throws -> SpoolResult {
        var r = SpoolResult()
        var first: [StoredFile] = []
        for item in items {
            let (chosen, missing) = select(item, on: queue, owner: owner)
            r.notFound += missing
            for s in chosen where !first.contains(where: { $0.serial == s.serial }) { first.append(s) }
        }
        guard !first.isEmpty else { return r }
        // The user's files take the queue positions they had, in the new order:
        // other users' files on a system queue keep their places.
        let mine = stored(on: queue, owner: owner)
        let positions = mine.map(\.order)
        let sequence = first + mine.filter { m in !first.contains { $0.serial == m.serial } }
        for (i, var s) in sequence.enumerated() {
            if s.order != positions[i] {
                s.order = positions[i]
                try save(s)
            }
            if i < first.count { r.files.append(s.file) }
        }
        if queue == .reader { wakeReaders(of: owner) }
        return r
    }

    /// CHANGE RDR|PRT|PUN spoolid|CLASS c|ALL with CLASS, COPY, HOLD/NOHOLD, DIST, NAME.
    @discardableResult
    public func change(_ selection: SpoolSelection, on queue: SpoolQueue, owner: String?, _ c: SpoolChanges) throws -> SpoolResult {
        if let cls = c.spoolClass, !SpoolClass.isValid(cls) {
            throw SpoolError.invalid("'\(cls)' is not a spool class: A-Z or 0-9")
        }
        if let n = c.copies, !(1...99).contains(n) {
            throw SpoolError.invalid("COPY \(n): copies are 1 to 99")
        }
        let (chosen, missing) = select(selection, on: queue, owner: owner)
        var r = SpoolResult()
        r.notFound = missing
        for var s in chosen {
            if let v = c.spoolClass { s.file.spoolClass = v }
            if let v = c.copies { s.file.copies = v }
            if let v = c.hold { s.file.userHold = v }
            if let v = c.distribution { s.file.distribution = v }
            if let v = c.name {
                s.file.name = v
                s.file.type = c.type ?? ""
            }
            try save(s)
            r.files.append(s.file)
        }
        afterRelease(queue, owners: Set(chosen.map(\.file.owner)))
        return r
    }

    /// TAG FILE spoolid [text]: sets (or, with no text, clears) a file's tag (up to 136 characters).
    @discardableResult
    public func tag(_ spoolid: Int, on queue: SpoolQueue, owner: String?, text: String) throws -> SpoolFile {
        let (chosen, _) = select(.spoolids([spoolid]), on: queue, owner: owner)
        guard var s = chosen.first else { throw SpoolError.noSuchFile(spoolid) }
        s.file.tag = String(text.prefix(136))
        try save(s)
        return s.file
    }

    /// The operator's HOLD userid|ALL [RDR|PRT|PUN] (`hold` true) and FREE (false):
    /// puts the user's (or everyone's) files on those queues in system hold or frees them.
    @discardableResult
    public func systemHold(_ hold: Bool, userid: String?, queues: [SpoolQueue] = SpoolQueue.allCases) throws -> SpoolResult {
        var r = SpoolResult()
        for q in queues {
            for var s in stored(on: q, owner: userid) where s.file.systemHold != hold {
                s.file.systemHold = hold
                try save(s)
                r.files.append(s.file)
            }
            afterRelease(q, owners: Set(r.files.map(\.owner)))
        }
        return r
    }

    /// A file whose records cannot be read: put in system hold, and the operator told.
    func putInSystemHold(_ s: StoredFile, because reason: String) {
        var held = s
        held.file.systemHold = true
        try? save(held)
        onOperatorMessage?("SPOOL FILE \(s.file.spoolidText) OF \(s.file.owner) CANNOT BE READ AND IS HELD: \(reason)")
    }

    /// After files may have become readable or printable: wake readers, start printing.
    func afterRelease(_ queue: SpoolQueue, owners: Set<String>) {
        switch queue {
        case .reader: for o in owners { wakeReaders(of: o) }
        case .printer, .punch: processSystemQueues()
        }
    }
}
