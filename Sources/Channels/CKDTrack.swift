// One CKD track as records, and its image as Hercules stores it: the 5-byte
// track header (flag, CC, HH: the home address when the flag is zero), then
// each record's count (CC HH R KL DL, 8 bytes), key and data, then eight
// X'FF' bytes where the track ends.

/// A record on a track.
public struct CKDRecord: Equatable, Sendable {
    /// The count's cylinder and head (normally the track's own).
    public var cylinder: UInt16
    public var head: UInt16
    /// The record number (0 for R0).
    public var record: UInt8
    /// The key (0 to 255 bytes).
    public var key: [UInt8]
    /// The data (0 to 65,535 bytes; 0 is an end-of-file record).
    public var data: [UInt8]

    /// A record.
    public init(cylinder: UInt16, head: UInt16, record: UInt8, key: [UInt8] = [], data: [UInt8]) {
        self.cylinder = cylinder
        self.head = head
        self.record = record
        self.key = key
        self.data = data
    }

    /// The 8-byte count area.
    public var count: [UInt8] {
        [UInt8(cylinder >> 8), UInt8(cylinder & 0xFF), UInt8(head >> 8), UInt8(head & 0xFF), record,
         UInt8(key.count), UInt8(data.count >> 8), UInt8(data.count & 0xFF)]
    }

    /// CCHHR: the record's identifier, as Search ID compares it.
    public var id: [UInt8] { Array(count[0..<5]) }

    /// Count, key and data, as Read CKD transfers them.
    public var countKeyData: [UInt8] { count + key + data }
}

/// A track: its home address and records.
public struct CKDTrack: Equatable, Sendable {
    /// The home address flag byte (0: a good track).
    public var flag: UInt8
    public var cylinder: UInt16
    public var head: UInt16
    /// R0, R1, ... in order.
    public var records: [CKDRecord]

    /// A track with a standard R0 (no key, 8 bytes of zeros) and nothing else.
    public static func empty(cylinder: UInt16, head: UInt16) -> CKDTrack {
        CKDTrack(flag: 0, cylinder: cylinder, head: head,
                 records: [CKDRecord(cylinder: cylinder, head: head, record: 0, data: [UInt8](repeating: 0, count: 8))])
    }

    /// A track.
    public init(flag: UInt8 = 0, cylinder: UInt16, head: UInt16, records: [CKDRecord]) {
        self.flag = flag
        self.cylinder = cylinder
        self.head = head
        self.records = records
    }

    /// Parses a track image; `where` names it in errors.
    public init(image: [UInt8], where place: String) throws {
        guard image.count >= 13 else {
            throw DeviceFileError(path: place, "the track image has \(image.count) bytes, too few for a header and the end-of-track marker")
        }
        flag = image[0]
        cylinder = UInt16(image[1]) << 8 | UInt16(image[2])
        head = UInt16(image[3]) << 8 | UInt16(image[4])
        records = []
        var p = 5
        while true {
            guard p + 8 <= image.count else {
                throw DeviceFileError(path: place, "the track has no end-of-track marker (records run to byte \(p))")
            }
            let c = Array(image[p..<p + 8])
            if c.allSatisfy({ $0 == 0xFF }) { break }
            let kl = Int(c[5])
            let dl = Int(c[6]) << 8 | Int(c[7])
            guard p + 8 + kl + dl <= image.count else {
                throw DeviceFileError(path: place, "record \(c[4]) at byte \(p) says \(kl) key and \(dl) data bytes, past the end of the track")
            }
            records.append(CKDRecord(cylinder: UInt16(c[0]) << 8 | UInt16(c[1]), head: UInt16(c[2]) << 8 | UInt16(c[3]),
                                     record: c[4], key: Array(image[p + 8..<p + 8 + kl]),
                                     data: Array(image[p + 8 + kl..<p + 8 + kl + dl])))
            p += 8 + kl + dl
        }
    }

    /// The image: header, records, end-of-track marker.
    public var image: [UInt8] {
        var out: [UInt8] = [flag, UInt8(cylinder >> 8), UInt8(cylinder & 0xFF), UInt8(head >> 8), UInt8(head & 0xFF)]
        for r in records { out += r.countKeyData }
        out += [UInt8](repeating: 0xFF, count: 8)
        return out
    }

    /// The home address as Read Home Address transfers it: flag, CC, HH.
    public var homeAddress: [UInt8] { Array(image[0..<5]) }

    /// Capacity used by the records after R0.
    public func spaceUsed(_ g: CKDGeometry) -> Int {
        records.dropFirst().reduce(0) { $0 + g.space(keyLength: $1.key.count, dataLength: $1.data.count) }
    }
}
