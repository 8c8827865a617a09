// The search, read and write commands of the 3330 and 3350 (CKDDisk.swift
// describes the device): what each transfers, where it leaves the device
// oriented, and which commands may precede a write (3830 reference: a write
// of data follows a satisfied Search ID Equal or Search Key Equal; a write of
// count, key and data follows a record found or written; a write of R0
// follows the home address).

extension CKDDisk {
    // MARK: Searches

    /// Compares `field` with the search argument: -1, 0 or 1 as the field is lower, equal or higher.
    private func compare(_ field: [UInt8], _ argument: [UInt8]) -> Int {
        for (a, b) in zip(field, argument) where a != b { return a < b ? -1 : 1 }
        return 0
    }

    /// Whether a comparison result satisfies the search command (equal, high, equal or high).
    private func satisfies(_ command: UInt8, _ c: Int) -> Bool {
        switch command & 0x70 {
        case 0x30, 0x20: return c == 0            // ...1 and ...9 with X'20'/X'30' high nibble: equal
        case 0x50, 0x40: return c > 0             // high
        default: return c >= 0                    // equal or high
        }
    }

    /// Ends a search: status modifier when satisfied.
    private func searchEnded(_ satisfied: Bool, equalSearch: Bool) -> CommandResult {
        if satisfied {
            indexPasses = 0
            searchSatisfied = equalSearch
            return .status([.channelEnd, .deviceEnd, .statusModifier])
        }
        return .status(.ended)
    }

    /// 39 Search Home Address Equal (B9 multitrack).
    func searchHomeAddress(_ data: DataTransfer, multitrack: Bool) -> CommandResult {
        let arg = data.fetch(exactly: 4)
        if data.failed { return .status(.ended) }
        if orientation != .index {
            // The home address comes round after the index point.
            if multitrack {
                guard head + 1 < geometry.heads else { return check([], .endOfCylinder) }
                guard select(cylinder: cylinder, head: head + 1) else { return imageFailed() }
            } else {
                indexPasses += 1
                if indexPasses >= 2 { return check([], .noRecordFound) }
            }
        }
        orientation = .homeAddress
        let ha = Array(track.homeAddress[1..<5])
        return searchEnded(compare(ha, arg) == 0 && arg.count == 4, equalSearch: true)
    }

    /// 31/51/71 Search ID Equal/High/Equal or High (B1/D1/F1 multitrack): CCHHR of the next count, R0 included.
    func searchID(_ command: UInt8, _ data: DataTransfer, multitrack: Bool) -> CommandResult {
        let arg = data.fetch(exactly: 5)
        if data.failed { return .status(.ended) }
        switch nextCount(includeR0: true, multitrack: multitrack) {
        case .failure(let e): return e.result
        case .success(let i):
            let c = compare(track.records[i].id, arg)
            return searchEnded(satisfies(command, c), equalSearch: command & 0x7F == 0x31)
        }
    }

    /// 29/49/69 Search Key Equal/High/Equal or High (A9/C9/E9 multitrack): the key of the next record after R0.
    func searchKey(_ command: UInt8, _ data: DataTransfer, multitrack: Bool) -> CommandResult {
        while true {
            switch nextCount(includeR0: false, multitrack: multitrack) {
            case .failure(let e): return e.result
            case .success(let i):
                let r = track.records[i]
                // A record without a key is passed over.
                if r.key.isEmpty { continue }
                orientation = .key(i)
                let arg = data.fetch(exactly: r.key.count)
                if data.failed { return .status(.ended) }
                return searchEnded(satisfies(command, compare(r.key, arg)), equalSearch: command & 0x7F == 0x29)
            }
        }
    }

    // MARK: Reads

    /// Transfers a data area; a record without data is an end-of-file record: unit exception.
    private func ended(after r: CKDRecord) -> CommandResult {
        indexPasses = 0
        return .status(r.data.isEmpty ? [.channelEnd, .deviceEnd, .unitException] : .ended)
    }

    /// 1A Read Home Address (9A): flag, CC, HH.
    func readHomeAddress(_ data: DataTransfer) -> CommandResult {
        orientation = .homeAddress
        data.store(track.homeAddress)
        return .status(.ended)
    }

    /// 16 Read R0 (96): count, key and data of R0.
    func readR0(_ data: DataTransfer) -> CommandResult {
        guard let r0 = track.records.first else { return check([], .noRecordFound) }
        orientation = .data(0)
        data.store(r0.countKeyData)
        indexPasses = 0
        return .status(.ended)
    }

    /// 12 Read Count (92): the next count after R0.
    func readCount(_ data: DataTransfer, multitrack: Bool) -> CommandResult {
        switch nextCount(includeR0: false, multitrack: multitrack) {
        case .failure(let e): return e.result
        case .success(let i):
            data.store(track.records[i].count)
            indexPasses = 0
            return .status(.ended)
        }
    }

    /// 06 Read Data and 0E Read Key and Data (86, 8E): of the record whose
    /// count (or, for data, key) was just passed, else of the next record.
    func readData(_ data: DataTransfer, key: Bool, multitrack: Bool) -> CommandResult {
        var index: Int
        switch orientation {
        case .count(let i): index = i
        case .key(let i) where !key: index = i
        default:
            switch nextCount(includeR0: false, multitrack: multitrack) {
            case .failure(let e): return e.result
            case .success(let i): index = i
            }
        }
        let r = track.records[index]
        orientation = .data(index)
        data.store(key ? r.key + r.data : r.data)
        return ended(after: r)
    }

    /// 1E Read Count Key and Data (9E): the next record after R0.
    func readCountKeyData(_ data: DataTransfer, multitrack: Bool) -> CommandResult {
        switch nextCount(includeR0: false, multitrack: multitrack) {
        case .failure(let e): return e.result
        case .success(let i):
            let r = track.records[i]
            orientation = .data(i)
            data.store(r.countKeyData)
            return ended(after: r)
        }
    }

    /// 5E Read Multiple Count Key and Data: every record from here to the end of the track.
    func readMultiple(_ data: DataTransfer) -> CommandResult {
        var start: Int
        switch orientation {
        case .index, .homeAddress: start = 1
        case .count(let i), .key(let i), .data(let i): start = i + 1
        }
        start = max(start, 1)
        var bytes: [UInt8] = []
        for r in track.records.dropFirst(start) { bytes += r.countKeyData }
        data.store(bytes)
        orientation = .index
        indexPasses = 0
        return .status(.ended)
    }

    /// 02 Read IPL: seek to cylinder 0, head 0 and read the data of R1.
    func readIPL(_ data: DataTransfer) -> CommandResult {
        guard select(cylinder: 0, head: 0) else { return imageFailed() }
        guard track.records.count > 1 else { return check([], .noRecordFound) }
        orientation = .data(1)
        data.store(track.records[1].data)
        return ended(after: track.records[1])
    }

    // MARK: Writes

    /// The file-mask and read-only checks of a write; nil when it may go on.
    /// Mask bits 0-1: 00 inhibits Write HA and Write R0, 01 every write, 10 Write HA, 11 none.
    private func mayWrite(_ need: UInt8) -> CommandResult? {
        if readOnly { return reject(.commandReject, .writeInhibited) }
        let bits = fileMask >> 6
        switch need {
        case 0x19: if bits != 3 { return reject(.commandReject, .fileProtected) }
        case 0x15: if bits < 2 { return reject(.commandReject, .fileProtected) }
        default: if bits == 1 { return reject(.commandReject, .fileProtected) }
        }
        return nil
    }

    /// Stores the current track in the image.
    private func store() -> Bool {
        do {
            try image.writeTrack(cylinder * geometry.heads + head, track)
            return true
        } catch {
            return false
        }
    }

    /// Count, key and data the program sends for a new record; nil after a check.
    private func newRecord(_ data: DataTransfer) -> CKDRecord? {
        let count = data.fetch(exactly: 8)
        if data.failed || count.count < 8 { return nil }
        let kl = Int(count[5]), dl = Int(count[6]) << 8 | Int(count[7])
        var rest = data.fetch(exactly: kl + dl)
        if data.failed { return nil }
        rest += [UInt8](repeating: 0, count: kl + dl - rest.count)
        return CKDRecord(cylinder: UInt16(count[0]) << 8 | UInt16(count[1]), head: UInt16(count[2]) << 8 | UInt16(count[3]),
                         record: count[4], key: Array(rest[0..<kl]), data: Array(rest[kl...]))
    }

    /// 19 Write Home Address: at the index point; erases the track.
    func writeHomeAddress(_ data: DataTransfer) -> CommandResult {
        if let r = mayWrite(0x19) { return r }
        guard orientation == .index || orientation == .homeAddress else { return reject(.commandReject) }
        let ha = data.fetch(exactly: 5)
        if data.failed || ha.count < 5 { return .status(.ended) }
        track = CKDTrack(flag: ha[0], cylinder: UInt16(ha[1]) << 8 | UInt16(ha[2]),
                         head: UInt16(ha[3]) << 8 | UInt16(ha[4]), records: [])
        orientation = .homeAddress
        return store() ? .status(.ended) : imageFailed()
    }

    /// 15 Write R0: after the home address; erases the rest of the track.
    func writeR0(_ data: DataTransfer) -> CommandResult {
        if let r = mayWrite(0x15) { return r }
        guard orientation == .homeAddress else { return reject(.commandReject) }
        guard let r0 = newRecord(data) else { return .status(.ended) }
        track.records = [r0]
        orientation = .data(0)
        return store() ? .status(.ended) : imageFailed()
    }

    /// The record a write of count, key and data (or an erase) follows, or nil when none may be written here.
    private func recordBeforeWrite(satisfied: Bool) -> Int? {
        switch orientation {
        case .data(let i): return i
        case .count(let i) where satisfied && previousCommand.map({ $0 & 0x7F == 0x31 }) == true: return i
        case .key(let i) where satisfied: return i
        default: return nil
        }
    }

    /// 1D Write Count Key and Data, 01 Write Special CKD: a new record after
    /// the current one; the rest of the track is erased.
    func writeCountKeyData(_ data: DataTransfer, satisfied: Bool) -> CommandResult {
        if let r = mayWrite(0x1D) { return r }
        guard let i = recordBeforeWrite(satisfied: satisfied), i < track.records.count else { return reject(.commandReject) }
        guard let record = newRecord(data) else { return .status(.ended) }
        var updated = track
        updated.records = Array(track.records[0...i]) + [record]
        guard updated.spaceUsed(geometry) <= geometry.trackCapacity else {
            return check(.commandReject, .invalidTrackFormat)
        }
        track = updated
        orientation = .data(i + 1)
        return store() ? .status(.ended) : imageFailed()
    }

    /// 05 Write Data, 0D Write Key and Data: replaces the areas of the record a
    /// satisfied search found; their lengths stay (short data is padded with zeros).
    func writeData(_ data: DataTransfer, key: Bool, satisfied: Bool) -> CommandResult {
        if let r = mayWrite(0x05) { return r }
        let index: Int
        switch orientation {
        case .count(let i) where satisfied: index = i
        case .key(let i) where satisfied && !key: index = i
        default: return reject(.commandReject)
        }
        var r = track.records[index]
        let length = (key ? r.key.count : 0) + r.data.count
        var bytes = data.fetch(exactly: length)
        if data.failed { return .status(.ended) }
        bytes += [UInt8](repeating: 0, count: length - bytes.count)
        if key {
            r.key = Array(bytes[0..<r.key.count])
            r.data = Array(bytes[r.key.count...])
        } else {
            r.data = bytes
        }
        track.records[index] = r
        orientation = .data(index)
        return store() ? .status(.ended) : imageFailed()
    }

    /// 11 Erase: removes every record after the current one.
    func erase(_ data: DataTransfer, satisfied: Bool) -> CommandResult {
        if let r = mayWrite(0x11) { return r }
        guard let i = recordBeforeWrite(satisfied: satisfied), i < track.records.count else { return reject(.commandReject) }
        _ = data.fetchAll(limit: 65535)
        track.records = Array(track.records[0...i])
        orientation = .data(i)
        return store() ? .status(.ended) : imageFailed()
    }
}
