// The spool store: the spool files of one home, in `home/spool/` (the format
// is in StoreFormat.swift). Every closed file is written durably before its
// close returns; attribute changes replace a small file atomically; a purge
// removes the records first, so a crash never brings a purged file back with
// old attributes and never leaves a file half there.
//
// Recovery at start: files being written when the last run ended (`*.tmp`)
// were never closed and are removed; every other file is read and checked
// against its checksum (or, after a clean shutdown, taken from the index);
// a file that cannot be read is moved to `spool/damaged/` and named in the
// report, never silently dropped; attributes that cannot be read fall back to
// those the file was closed with, and the report says so.

import Foundation

final class SpoolStore {
    /// `home/spool`.
    let folder: String
    /// Where damaged files are put aside.
    var damagedFolder: String { folder + "/damaged" }
    var indexPath: String { folder + "/index" }
    /// The next serial to give a new file.
    private(set) var nextSerial: UInt64 = 1

    init(folder: String) throws {
        self.folder = folder
        try DurableFile.makeFolder(folder)
    }

    /// What recovery found.
    struct Recovered {
        var files: [StoredFile]
        /// The next spoolid, when the index kept it.
        var nextSpoolid: Int?
        /// What could not be read, and what was done about it.
        var problems: [String]
        /// Whether the files were read one by one (no clean index).
        var rebuilt: Bool
    }

    /// Reads the store after a start.
    func recover() throws -> Recovered {
        var problems: [String] = []
        let names = try DurableFile.names(in: folder)
        for n in names where n.hasSuffix(DurableFile.temporarySuffix) {
            // A write that never completed: its file was never closed.
            try DurableFile.remove(folder + "/" + n)
        }
        var dataSizes: [UInt64: Int] = [:]
        var attributeFiles: Set<UInt64> = []
        for n in names {
            guard let (serial, data) = StoreFormat.parseName(n) else { continue }
            if data { dataSizes[serial] = DurableFile.size(folder + "/" + n) ?? 0 } else { attributeFiles.insert(serial) }
        }
        // Attributes whose file is gone: a purge that ended before removing them.
        for s in attributeFiles where dataSizes[s] == nil {
            try DurableFile.remove(folder + "/" + StoreFormat.attributesName(s))
        }
        nextSerial = (dataSizes.keys.max() ?? 0) + 1

        if let index = try? DurableFile.read(indexPath), let decoded = StoreFormat.decodeIndex(index),
           decoded.files.count == dataSizes.count,
           decoded.files.allSatisfy({ dataSizes[$0.serial] == $0.dataSize }) {
            nextSerial = max(nextSerial, decoded.nextSerial)
            try dropIndex()
            return Recovered(files: decoded.files, nextSpoolid: decoded.nextSpoolid, problems: [], rebuilt: false)
        }

        var files: [StoredFile] = []
        for serial in dataSizes.keys.sorted() {
            let name = StoreFormat.dataName(serial)
            let path = folder + "/" + name
            let decoded: (file: SpoolFile, order: Int64, serial: UInt64, records: SpoolRecords)
            do {
                decoded = try StoreFormat.decodeData(try DurableFile.read(path))
                guard decoded.serial == serial else { throw StoreFormat.DataProblem.attributes }
            } catch {
                try putAside(serial)
                problems.append("spool/\(name): \(error); moved to spool/damaged/ (it is in no queue)")
                continue
            }
            var stored = StoredFile(file: decoded.file, order: decoded.order, serial: serial, dataSize: dataSizes[serial] ?? 0)
            if attributeFiles.contains(serial) {
                let attributesPath = folder + "/" + StoreFormat.attributesName(serial)
                if let bytes = try? DurableFile.read(attributesPath), let a = StoreFormat.decodeAttributes(bytes),
                   a.serial == serial, a.file.records == decoded.file.records {
                    stored.file = a.file
                    stored.order = a.order
                } else {
                    problems.append("spool/\(StoreFormat.attributesName(serial)): cannot be read; spool file \(decoded.file.spoolidText) of \(decoded.file.owner) keeps the attributes it was closed with")
                }
            }
            files.append(stored)
        }
        try dropIndex()
        return Recovered(files: files, nextSpoolid: nil, problems: problems, rebuilt: true)
    }

    /// Moves a file that cannot be read to `spool/damaged/`.
    private func putAside(_ serial: UInt64) throws {
        try DurableFile.makeFolder(damagedFolder)
        for name in [StoreFormat.dataName(serial), StoreFormat.attributesName(serial)] {
            let from = folder + "/" + name
            if DurableFile.size(from) != nil { try DurableFile.move(from, to: damagedFolder + "/" + name) }
        }
    }

    /// Writes a newly closed file; returns it as stored. Durable when it returns.
    func add(_ file: SpoolFile, order: Int64, records: SpoolRecords) throws -> StoredFile {
        let serial = nextSerial
        nextSerial += 1
        let bytes = StoreFormat.encodeData(file, order: order, serial: serial, records: records)
        try DurableFile.write(bytes, to: folder + "/" + StoreFormat.dataName(serial))
        return StoredFile(file: file, order: order, serial: serial, dataSize: bytes.count)
    }

    /// Replaces a file's attributes. Durable when it returns.
    func update(_ s: StoredFile) throws {
        try DurableFile.write(StoreFormat.encodeAttributes(s.file, order: s.order, serial: s.serial),
                              to: folder + "/" + StoreFormat.attributesName(s.serial))
    }

    /// Removes a file: its records first (then it can never come back), then its attributes.
    func remove(_ serial: UInt64) throws {
        try DurableFile.remove(folder + "/" + StoreFormat.dataName(serial))
        let attributes = folder + "/" + StoreFormat.attributesName(serial)
        if DurableFile.size(attributes) != nil { try DurableFile.remove(attributes) }
    }

    /// A file's records, checked against its checksum.
    func records(_ serial: UInt64) throws -> SpoolRecords {
        let path = folder + "/" + StoreFormat.dataName(serial)
        do {
            return try StoreFormat.decodeData(try DurableFile.read(path)).records
        } catch let e as StoreFormat.DataProblem {
            throw SpoolStoreError(path: path, e.description)
        }
    }

    /// Writes the index (at a clean shutdown).
    func writeIndex(_ files: [StoredFile], nextSpoolid: Int) throws {
        try DurableFile.write(StoreFormat.encodeIndex(files, nextSpoolid: nextSpoolid, nextSerial: nextSerial), to: indexPath)
    }

    /// Removes the index (at start: from now on the files are the truth).
    func dropIndex() throws {
        if DurableFile.size(indexPath) != nil { try DurableFile.remove(indexPath) }
    }
}
