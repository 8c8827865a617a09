// How the store writes a spool file on the host (`home/spool/`):
//
//   Fnnnnnnnnnnnn.spf   the file: its attributes at close and its records,
//                       written once and never changed:
//                         "S370SPF1"  magic
//                         u32         length of the attribute text
//                         text        the attributes (key=value lines)
//                         u64         length of the records
//                         bytes       the records (SpoolRecords' encoding)
//                         u32         CRC-32 of everything before it
//   Fnnnnnnnnnnnn.att   its attributes now, when they changed after close
//                       (CHANGE, TRANSFER, ORDER, HOLD ...): key=value lines
//                       and a last line `crc=xxxxxxxx` over the lines above.
//   index               written at a clean shutdown: every file's attributes
//                       and size, so the next start need not read every file;
//                       removed at start, so after a crash the next start
//                       rebuilds everything from the files.
//
// Numbers are big-endian; the serial nnnnnnnnnnnn grows with every file and
// is never reused, unlike spoolids.

import Foundation

/// A spool file as the store holds it.
struct StoredFile: Equatable {
    /// The attributes.
    var file: SpoolFile
    /// Its place in its queue: lower first (ORDER gives lower keys).
    var order: Int64
    /// The store's name for it.
    let serial: UInt64
    /// The size of its .spf file.
    var dataSize: Int
}

enum StoreFormat {
    static let magic: [UInt8] = Array("S370SPF1".utf8)

    /// The names of a file's parts.
    static func dataName(_ serial: UInt64) -> String { "F" + digits(serial, 12) + ".spf" }
    static func attributesName(_ serial: UInt64) -> String { "F" + digits(serial, 12) + ".att" }

    /// The serial in a part's name, and whether it is the data part.
    static func parseName(_ name: String) -> (serial: UInt64, data: Bool)? {
        guard name.hasPrefix("F"), name.count == 17 else { return nil }
        let ext = name.suffix(4)
        guard ext == ".spf" || ext == ".att", let n = UInt64(name.dropFirst().prefix(12)) else { return nil }
        return (n, ext == ".spf")
    }

    static func digits(_ n: UInt64, _ width: Int) -> String {
        let s = String(n)
        return String(repeating: "0", count: max(0, width - s.count)) + s
    }

    // MARK: Attributes as text

    /// The attribute lines of a file.
    static func attributeText(_ f: SpoolFile, order: Int64, serial: UInt64) -> String {
        var lines: [(String, String)] = [
            ("serial", String(serial)), ("spoolid", String(f.spoolid)), ("queue", f.queue.rawValue),
            ("owner", f.owner), ("origin", f.origin), ("device", f.originDevice.rawValue),
            ("class", String(f.spoolClass)), ("form", f.form), ("dist", f.distribution),
            ("copies", String(f.copies)), ("userhold", f.userHold ? "1" : "0"), ("syshold", f.systemHold ? "1" : "0"),
            ("name", f.name), ("type", f.type), ("records", String(f.records)),
        ]
        lines.append(("created", String(format: "%.3f", f.created.timeIntervalSince1970)))
        lines.append(("tag", f.tag))
        lines.append(("order", String(order)))
        return lines.map { "\($0.0)=\(escape($0.1))\n" }.joined()
    }

    /// A file's attributes from their lines; nil when a line is missing or wrong.
    static func parseAttributes(_ lines: [Substring]) -> (file: SpoolFile, order: Int64, serial: UInt64)? {
        var v: [String: String] = [:]
        for line in lines {
            guard let eq = line.firstIndex(of: "=") else { return nil }
            v[String(line[..<eq])] = unescape(line[line.index(after: eq)...])
        }
        guard let serial = v["serial"].flatMap({ UInt64($0) }),
              let spoolid = v["spoolid"].flatMap({ Int($0) }), (1...SpoolSystem.maximumSpoolid).contains(spoolid),
              let queue = v["queue"].flatMap({ SpoolQueue(rawValue: $0) }),
              let owner = v["owner"], let origin = v["origin"],
              let device = v["device"].flatMap({ OriginDevice(rawValue: $0) }),
              let cls = v["class"], cls.count == 1, let spoolClass = cls.first, SpoolClass.isValid(spoolClass),
              let form = v["form"], let dist = v["dist"],
              let copies = v["copies"].flatMap({ Int($0) }),
              let userHold = v["userhold"], let systemHold = v["syshold"],
              let name = v["name"], let type = v["type"],
              let records = v["records"].flatMap({ Int($0) }),
              let created = v["created"].flatMap({ Double($0) }),
              let tag = v["tag"], let order = v["order"].flatMap({ Int64($0) })
        else { return nil }
        let f = SpoolFile(spoolid: spoolid, queue: queue, owner: owner, origin: origin, originDevice: device,
                          spoolClass: spoolClass, form: form, distribution: dist, copies: copies,
                          userHold: userHold == "1", systemHold: systemHold == "1", name: name, type: type,
                          records: records, created: Date(timeIntervalSince1970: created), tag: tag)
        return (f, order, serial)
    }

    /// Escapes control characters, `%` and non-ASCII as %xx (of their UTF-8 bytes).
    static func escape(_ s: String) -> String {
        var out = ""
        for b in s.utf8 {
            if b < 0x20 || b >= 0x7F || b == 0x25 {
                out += "%" + String(format: "%02X", b)
            } else {
                out.unicodeScalars.append(Unicode.Scalar(b))
            }
        }
        return out
    }

    static func unescape(_ s: Substring) -> String {
        var bytes: [UInt8] = []
        var i = s.utf8.startIndex
        let u = s.utf8
        while i < u.endIndex {
            let b = u[i]
            if b == 0x25, let j = u.index(i, offsetBy: 3, limitedBy: u.endIndex),
               let v = UInt8(String(decoding: u[u.index(after: i)..<j], as: UTF8.self), radix: 16) {
                bytes.append(v)
                i = j
            } else {
                bytes.append(b)
                i = u.index(after: i)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    // MARK: The data file

    /// The bytes of a file's .spf.
    static func encodeData(_ f: SpoolFile, order: Int64, serial: UInt64, records: SpoolRecords) -> [UInt8] {
        let header = Array(attributeText(f, order: order, serial: serial).utf8)
        var out: [UInt8] = []
        out.reserveCapacity(magic.count + 4 + header.count + 8 + records.bytes.count + 4)
        out += magic
        appendBigEndian(&out, UInt64(header.count), bytes: 4)
        out += header
        appendBigEndian(&out, UInt64(records.bytes.count), bytes: 8)
        out += records.bytes
        appendBigEndian(&out, UInt64(Checksum.crc32(out)), bytes: 4)
        return out
    }

    /// Why a data file could not be read.
    enum DataProblem: Error, CustomStringConvertible {
        case tooShort, notASpoolFile, lengths, checksum, attributes, records

        var description: String {
            switch self {
            case .tooShort: return "it is cut short (shorter than its own lengths say)"
            case .notASpoolFile: return "it is not a spool file (its first bytes are not S370SPF1)"
            case .lengths: return "its lengths do not add up to its size"
            case .checksum: return "its checksum does not match: the file is damaged"
            case .attributes: return "its attributes cannot be read"
            case .records: return "its records are not whole, or not as many as its attributes say"
            }
        }
    }

    /// A data file's attributes at close and its records (checked against the checksum).
    static func decodeData(_ bytes: [UInt8]) throws -> (file: SpoolFile, order: Int64, serial: UInt64, records: SpoolRecords) {
        guard bytes.count >= magic.count + 4 + 8 + 4 else { throw DataProblem.tooShort }
        guard Array(bytes[0..<magic.count]) == magic else { throw DataProblem.notASpoolFile }
        let crcAt = bytes.count - 4
        let stored = UInt32(readBigEndian(bytes, at: crcAt, bytes: 4))
        let computed = bytes.withUnsafeBytes { Checksum.crc32(UnsafeRawBufferPointer(rebasing: $0[0..<crcAt])) }
        let headerLength = Int(readBigEndian(bytes, at: 8, bytes: 4))
        guard 12 + headerLength + 8 <= crcAt else { throw computed == stored ? DataProblem.lengths : DataProblem.tooShort }
        let recordsLength = Int(readBigEndian(bytes, at: 12 + headerLength, bytes: 8))
        let recordsAt = 12 + headerLength + 8
        guard recordsLength >= 0, recordsAt + recordsLength == crcAt else {
            throw computed == stored ? DataProblem.lengths : DataProblem.tooShort
        }
        guard computed == stored else { throw DataProblem.checksum }
        let text = String(decoding: bytes[12..<12 + headerLength], as: UTF8.self)
        guard let a = parseAttributes(text.split(separator: "\n")) else { throw DataProblem.attributes }
        guard let records = SpoolRecords(encoded: Array(bytes[recordsAt..<crcAt])),
              records.logicalCount == a.file.records else { throw DataProblem.records }
        return (a.file, a.order, a.serial, records)
    }

    // MARK: The attribute file

    static func encodeAttributes(_ f: SpoolFile, order: Int64, serial: UInt64) -> [UInt8] {
        let text = Array(attributeText(f, order: order, serial: serial).utf8)
        return text + Array("crc=\(hex8(Checksum.crc32(text)))\n".utf8)
    }

    static func decodeAttributes(_ bytes: [UInt8]) -> (file: SpoolFile, order: Int64, serial: UInt64)? {
        guard let crcLine = lastLineStart(bytes) else { return nil }
        let body = Array(bytes[0..<crcLine])
        let last = String(decoding: bytes[crcLine...], as: UTF8.self)
        guard last == "crc=\(hex8(Checksum.crc32(body)))\n" else { return nil }
        return parseAttributes(String(decoding: body, as: UTF8.self).split(separator: "\n"))
    }

    // MARK: The index

    static let indexHeader = "S370 SPOOL INDEX 1\n"

    /// The index: the next spoolid, the next serial, then each file's attributes and data size.
    static func encodeIndex(_ files: [StoredFile], nextSpoolid: Int, nextSerial: UInt64) -> [UInt8] {
        var text = indexHeader + "next=\(nextSpoolid)\nnextserial=\(nextSerial)\n"
        for s in files {
            text += "--- size=\(s.dataSize)\n"
            text += attributeText(s.file, order: s.order, serial: s.serial)
        }
        let body = Array(text.utf8)
        return body + Array("crc=\(hex8(Checksum.crc32(body)))\n".utf8)
    }

    static func decodeIndex(_ bytes: [UInt8]) -> (files: [StoredFile], nextSpoolid: Int, nextSerial: UInt64)? {
        guard let crcLine = lastLineStart(bytes) else { return nil }
        let body = Array(bytes[0..<crcLine])
        guard String(decoding: bytes[crcLine...], as: UTF8.self) == "crc=\(hex8(Checksum.crc32(body)))\n" else { return nil }
        let lines = String(decoding: body, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.count >= 3, lines[0] + "\n" == indexHeader,
              lines[1].hasPrefix("next="), let next = Int(lines[1].dropFirst(5)),
              lines[2].hasPrefix("nextserial="), let nextSerial = UInt64(lines[2].dropFirst(11)) else { return nil }
        var files: [StoredFile] = []
        var i = 3
        while i < lines.count {
            if lines[i].isEmpty { i += 1; continue }
            guard lines[i].hasPrefix("--- size="), let size = Int(lines[i].dropFirst(9)) else { return nil }
            var j = i + 1
            while j < lines.count && !lines[j].hasPrefix("---") && !lines[j].isEmpty { j += 1 }
            guard let a = parseAttributes(Array(lines[(i + 1)..<j])) else { return nil }
            files.append(StoredFile(file: a.file, order: a.order, serial: a.serial, dataSize: size))
            i = j
        }
        return (files, next, nextSerial)
    }

    // MARK: Helpers

    static func hex8(_ v: UInt32) -> String {
        let s = String(v, radix: 16, uppercase: true)
        return String(repeating: "0", count: 8 - s.count) + s
    }

    /// Where the last line of `bytes` (which must end with a line end) starts.
    static func lastLineStart(_ bytes: [UInt8]) -> Int? {
        guard bytes.last == 0x0A else { return nil }
        var i = bytes.count - 2
        while i >= 0 && bytes[i] != 0x0A { i -= 1 }
        return i + 1
    }

    static func appendBigEndian(_ out: inout [UInt8], _ v: UInt64, bytes n: Int) {
        for k in stride(from: n - 1, through: 0, by: -1) { out.append(UInt8(truncatingIfNeeded: v >> (8 * UInt64(k)))) }
    }

    static func readBigEndian(_ b: [UInt8], at i: Int, bytes n: Int) -> UInt64 {
        var v: UInt64 = 0
        for k in 0..<n { v = v << 8 | UInt64(b[i + k]) }
        return v
    }
}
