// Volumes on CKD images, as the host tools see them (`s370 dasd init`,
// `list`): a new labelled volume, and what is on an existing one.
//
// A new volume is what Hercules' dasdinit and IBM's initialisation utilities
// leave: on cylinder 0 track 0, R0, the IPL records IPL1 (key "IPL1", 24
// bytes: a PSW and a NOP CCW that end IPL in a disabled wait) and IPL2 (key
// "IPL2", 144 bytes), and the volume label VOL1 (key "VOL1", 80 bytes: the
// volume serial and the VTOC address, cylinder 0 head 1 record 1); every
// other track holds R0 alone.

import Records

/// The standard volume label (VOL1) fields.
public struct VolumeLabel: Equatable, Sendable {
    /// The volume serial, six characters.
    public var serial: String
    /// Where the VTOC begins: cylinder, head, record.
    public var vtoc: (cylinder: Int, head: Int, record: Int)
    /// The owner field.
    public var owner: String

    public static func == (a: VolumeLabel, b: VolumeLabel) -> Bool {
        a.serial == b.serial && a.vtoc == b.vtoc && a.owner == b.owner
    }

    /// The label's 80 bytes.
    public var bytes: [UInt8] {
        var b = EBCDIC.encode("VOL1" + padded(serial, 6))
        b.append(0x40)
        let c = UInt16(vtoc.cylinder), h = UInt16(vtoc.head)
        let pointer: [UInt8] = [UInt8(c >> 8), UInt8(c & 0xFF), UInt8(h >> 8), UInt8(h & 0xFF), UInt8(vtoc.record)]
        b += pointer
        b += [UInt8](repeating: 0x40, count: 25)
        b += EBCDIC.encode(padded(owner, 10))
        b += [UInt8](repeating: 0x40, count: 80 - b.count)
        return b
    }

    /// Reads a VOL1 label from a record's data; nil when it is not one.
    public init?(data: [UInt8]) {
        guard data.count >= 51, EBCDIC.decode(data[0..<4]) == "VOL1" else { return nil }
        serial = EBCDIC.decode(data[4..<10], printable: true)
        vtoc = (Int(data[11]) << 8 | Int(data[12]), Int(data[13]) << 8 | Int(data[14]), Int(data[15]))
        owner = EBCDIC.decode(data[41..<51], printable: true).trimmingTrailingBlanks
    }

    /// A label.
    public init(serial: String, vtoc: (Int, Int, Int) = (0, 1, 1), owner: String = "") {
        self.serial = serial
        self.vtoc = (vtoc.0, vtoc.1, vtoc.2)
        self.owner = owner
    }
}

/// `s` cut or padded with blanks to `n` characters.
func padded(_ s: String, _ n: Int) -> String {
    String(s.prefix(n)) + String(repeating: " ", count: max(0, n - s.count))
}

extension String {
    var trimmingTrailingBlanks: String {
        var s = self
        while s.hasSuffix(" ") { s.removeLast() }
        return s
    }
}

/// Host-side operations on CKD volumes.
public enum CKDVolume {
    /// Checks a volume serial: one to six characters, letters, digits, national characters or hyphens.
    public static func checkSerial(_ s: String) throws -> String {
        let u = s.uppercased()
        let allowed = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789@#$-")
        guard (1...6).contains(u.count), u.allSatisfy({ allowed.contains($0) }) else {
            throw ConfigurationError("'\(s)' is not a volume serial: one to six letters, digits, @, # or $ (for example S370W1)")
        }
        return u
    }

    /// Track 0 of a new volume: R0, IPL1, IPL2, VOL1.
    public static func labelTrack(serial: String) -> CKDTrack {
        var t = CKDTrack.empty(cylinder: 0, head: 0)
        // IPL1: a disabled-wait PSW and a NOP: IPL of an empty volume stops at once.
        let ipl1: [UInt8] = [0x00, 0x02, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
                             0x03, 0x00, 0x00, 0x00, 0x20, 0x00, 0x00, 0x01,
                             0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00]
        t.records.append(CKDRecord(cylinder: 0, head: 0, record: 1, key: EBCDIC.encode("IPL1"), data: ipl1))
        t.records.append(CKDRecord(cylinder: 0, head: 0, record: 2, key: EBCDIC.encode("IPL2"),
                                   data: [UInt8](repeating: 0, count: 144)))
        t.records.append(CKDRecord(cylinder: 0, head: 0, record: 3, key: EBCDIC.encode("VOL1"),
                                   data: VolumeLabel(serial: serial).bytes))
        return t
    }

    /// Creates a labelled, empty volume image.
    public static func initialize(path: String, geometry: CKDGeometry, serial: String, format: CKDImageFormat) throws {
        let s = try checkSerial(serial)
        let track0 = labelTrack(serial: s)
        try CKDImages.create(path: path, geometry: geometry, format: format) { $0 == 0 ? track0 : nil }
    }

    /// What is on a volume, as lines of text.
    public static func describe(_ image: CKDImage, records: Bool = false) throws -> [String] {
        let g = image.geometry
        var lines = ["\(image.path): \(g.name), \(g.cylinders) cylinders of \(g.heads) tracks, \(image.format)"]
        let track0 = try image.readTrack(0)
        let byKey = { (k: String) in track0.records.first { EBCDIC.decode($0.key) == k } }
        if let vol = byKey("VOL1"), let label = VolumeLabel(data: vol.data) {
            lines.append("volume label: VOL1 \(label.serial), VTOC at cylinder \(label.vtoc.cylinder) head \(label.vtoc.head) record \(label.vtoc.record)"
                         + (label.owner.isEmpty ? "" : ", owner \(label.owner)"))
            lines += try vtocLines(image, label)
        } else if track0.records.count > 3, EBCDIC.decode(track0.records[3].data.prefix(4)) == "CMS1" {
            lines.append("CMS label: \(EBCDIC.decode(track0.records[3].data[4..<10], printable: true))")
        } else {
            lines.append("no volume label on cylinder 0 track 0")
        }
        if let ipl1 = byKey("IPL1"), let ipl2 = byKey("IPL2") {
            var s = "IPL records: IPL1 (\(ipl1.data.count) bytes), IPL2 (\(ipl2.data.count) bytes)"
            let text = track0.records.dropFirst(4)
            if !text.isEmpty {
                s += "; IPL text in \(text.count) records, \(text.reduce(0) { $0 + $1.data.count }) bytes"
            }
            lines.append(s)
        }
        var used = 0
        var detail: [String] = []
        for t in 0..<g.tracks {
            let track = try image.readTrack(t)
            // R0 alone, or R0 and an end-of-file R1, is an empty track.
            let rest = track.records.dropFirst()
            let empty = rest.isEmpty || (rest.count == 1 && rest.first!.data.isEmpty && rest.first!.key.isEmpty)
            if empty { continue }
            used += 1
            if records {
                let list = track.records.map { r in "R\(r.record) \(r.key.count)/\(r.data.count)" }.joined(separator: " ")
                detail.append("  cylinder \(t / g.heads) head \(t % g.heads): \(list)")
            }
        }
        lines.append("tracks in use: \(used) of \(g.tracks)")
        return lines + detail
    }

    /// The data sets a VTOC lists (format-1 DSCBs), or what stands instead.
    static func vtocLines(_ image: CKDImage, _ label: VolumeLabel) throws -> [String] {
        let g = image.geometry
        let t = label.vtoc.cylinder * g.heads + label.vtoc.head
        guard label.vtoc.head < g.heads, t < g.tracks else { return ["VTOC address is off the volume"] }
        let track = try image.readTrack(t)
        guard let f4 = track.records.first(where: { $0.key.count == 44 && $0.data.first == 0xF4 }) else {
            return ["VTOC: none formatted (no format-4 DSCB at cylinder \(label.vtoc.cylinder) head \(label.vtoc.head))"]
        }
        _ = f4
        var names: [String] = []
        for r in track.records where r.key.count == 44 && r.data.first == 0xF1 {
            names.append(EBCDIC.decode(r.key, printable: true).trimmingTrailingBlanks)
        }
        return ["VTOC: \(names.count) data set\(names.count == 1 ? "" : "s")"] + names.map { "  " + $0 }
    }
}
