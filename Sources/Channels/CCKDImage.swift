// The Hercules compressed CKD image (CKD_C370; the cckd(4) manual page):
//
//   0     device header (512 bytes, as for CKD_P370)
//   512   compressed device header (512 bytes; integers in the byte order
//         its options byte gives, bit X'02' set for big-endian):
//           0-2 version, 3 options, 4-7 L1 entries, 8-11 L2 entries per
//           table (256), 12-15 file size, 16-19 bytes used, 20-23 first free
//           space, 24-27 total free, 28-31 largest free, 32-35 free spaces,
//           36-39 imbedded free, 40-43 cylinders, 44 null-track format,
//           45 compression, 46-47 compression parameter
//   1024  L1 table: one 4-byte file offset of an L2 table per 256 tracks
//   then  L2 tables (256 entries of offset 4, length 2, size 2) and track
//         images: the 5-byte header (compression in the low two bits of its
//         first byte, CC, HH) followed by the records and end-of-track
//         marker, compressed or not.
// A track whose L2 entry has offset zero is a null track, R0 and an
// end-of-file R1 (format 0) or R0 alone (format 1), as the entry's length
// says; the tracks of an L1 entry of zero are null tracks of the format in
// the compressed device header.
//
// Tracks are read when needed; written tracks are kept and the file is
// rewritten, compacted, when the image is flushed (a new file, synced, then
// renamed over the old one), so a crash never leaves a half-written image.

/// A compressed Hercules CKD image.
final class CCKDImage: CKDImage {
    private(set) var file: HostFile
    private(set) var geometry: CKDGeometry
    var path: String { file.path }
    var format: CKDImageFormat { .compressed(compression) }
    var readOnly: Bool { !file.writable }
    /// The compression new track images get.
    private(set) var compression: TrackCompression
    private var header: [UInt8]
    private var nullFormat: UInt8
    private var bigEndian: Bool
    /// Per track: (offset, length) of its image in the file; offset 0 for a
    /// null track, whose format is then in `length`.
    private var entries: [(offset: Int, length: Int)]
    /// Tracks written since the last flush.
    private var written: [Int: CKDTrack] = [:]

    init(file: HostFile, header: [UInt8], size: Int) throws {
        self.file = file
        self.header = header
        let path = file.path
        guard size >= 1024 else {
            throw DeviceFileError(path: path, "truncated CCKD image: \(size) bytes, less than its two 512-byte headers")
        }
        let c = try file.read(at: 512, count: 512)
        let big = c[3] & 0x02 != 0
        bigEndian = big
        let u32 = { (i: Int) -> Int in
            let v = le32(c, i)
            return Int(big ? v.byteSwapped : v)
        }
        let l1Count = u32(4)
        let l2Size = u32(8)
        let recordedSize = u32(12)
        let cylinders = u32(40)
        nullFormat = c[44]
        compression = TrackCompression(rawValue: c[45] & 3) ?? .zlib
        if compression == .none { compression = .zlib }
        guard l2Size == 256 else {
            throw DeviceFileError(path: path, "not a CCKD image this machine reads: \(l2Size) entries per L2 table (256 expected)")
        }
        guard recordedSize <= size else {
            throw DeviceFileError(path: path, "truncated CCKD image: its header says \(recordedSize) bytes, the file has \(size)")
        }
        let heads = Int(le32(header, 8))
        let cyls = cylinders > 0 ? cylinders : (l1Count * 256) / max(1, heads)
        geometry = try CKDImages.geometry(header: header, cylinders: cyls, path: path)
        let tracks = geometry.tracks
        guard l1Count >= (tracks + 255) / 256, 1024 + 4 * l1Count <= size else {
            throw DeviceFileError(path: path, "damaged CCKD image: an L1 table of \(l1Count) entries cannot hold \(tracks) tracks, or runs past the end of the file")
        }
        let l1 = try file.read(at: 1024, count: 4 * l1Count)
        entries = Array(repeating: (0, Int(nullFormat)), count: tracks)
        for g in 0..<(tracks + 255) / 256 {
            var o = Int(le32(l1, 4 * g))
            if big { o = Int(UInt32(o).byteSwapped) }
            if o == 0 || o == 0xFFFF_FFFF { continue }
            guard o + 2048 <= size else {
                throw DeviceFileError(path: path, "damaged CCKD image: the L2 table of tracks \(g * 256)-\(g * 256 + 255) at byte \(o) runs past the end of the file")
            }
            let l2 = try file.read(at: o, count: 2048)
            for i in 0..<256 where g * 256 + i < tracks {
                var pos = le32(l2, 8 * i)
                var len = le16(l2, 8 * i + 4)
                if big { pos = pos.byteSwapped; len = len.byteSwapped }
                if pos == 0 || pos == 0xFFFF_FFFF {
                    entries[g * 256 + i] = (0, Int(len) <= 2 ? Int(len) : Int(nullFormat))
                    continue
                }
                guard Int(pos) + Int(len) <= size, len >= 5 else {
                    throw DeviceFileError(path: path, "damaged CCKD image: track \(g * 256 + i) at byte \(pos), \(len) bytes, lies outside the file")
                }
                entries[g * 256 + i] = (Int(pos), Int(len))
            }
        }
    }

    /// The image of a null track of `format`: 0, R0 and an end-of-file R1;
    /// otherwise R0 alone (format 2, a Linux 3390 track, does not occur on these disks).
    func nullTrack(_ t: Int, format: Int) -> CKDTrack {
        let c = UInt16(t / geometry.heads), h = UInt16(t % geometry.heads)
        var track = CKDTrack.empty(cylinder: c, head: h)
        if format == 0 { track.records.append(CKDRecord(cylinder: c, head: h, record: 1, data: [])) }
        return track
    }

    func readTrack(_ t: Int) throws -> CKDTrack {
        if let w = written[t] { return w }
        let e = entries[t]
        if e.offset == 0 { return nullTrack(t, format: e.length) }
        let raw = try file.read(at: e.offset, count: e.length)
        guard raw.count == e.length else { throw DeviceFileError(path: path, "track \(t) is cut short (the image changed while in use?)") }
        guard let how = TrackCompression(rawValue: raw[0] & 3),
              let body = how.decompress(Array(raw[5...]), limit: geometry.imageTrackSize + 65536) else {
            throw DeviceFileError(path: path, "track \(t) at byte \(e.offset) cannot be decompressed (compression code \(raw[0] & 3)): the image is damaged")
        }
        return try CKDTrack(image: [0] + raw[1..<5] + body, where: "\(path), track \(t)")
    }

    func writeTrack(_ t: Int, _ track: CKDTrack) throws {
        guard file.writable else { throw DeviceFileError(path: path, "opened read-only") }
        written[t] = track
    }

    func flush() throws {
        guard !written.isEmpty else { return }
        try rewrite()
    }

    /// Writes the whole image anew: headers, L1, L2 tables, then the tracks.
    private func rewrite() throws {
        let temporary = path + ".new"
        let out = try HostFile(path: temporary, mode: .create)
        let images: [StoredTrack] = try (0..<geometry.tracks).map { t in
            if let w = written[t] {
                if w == nullTrack(t, format: 1) { return .null(1) }
                if w == nullTrack(t, format: 0) { return .null(0) }
                return .image(CCKDImage.compressedImage(w, compression))
            }
            let e = entries[t]
            return e.offset == 0 ? .null(UInt8(e.length)) : .image(try file.read(at: e.offset, count: e.length))
        }
        try CCKDImage.write(out, header: header, geometry: geometry, nullFormat: nullFormat,
                            compression: compression, images: images)
        out.close()
        try renameReplacing(temporary, path)
        // Continue on the new file.
        let reopened = try HostFile(path: path, mode: .update)
        let fresh = try CCKDImage(file: reopened, header: header, size: try reopened.size())
        file = reopened
        entries = fresh.entries
        written = [:]
        bigEndian = fresh.bigEndian
    }

    /// A track image as stored: header with the compression code, then the (compressed) rest.
    static func compressedImage(_ track: CKDTrack, _ how: TrackCompression) -> [UInt8] {
        let image = track.image
        let rest = Array(image[5...])
        if let packed = how.compress(rest) {
            return [how.rawValue] + image[1..<5] + packed
        }
        return [0] + image[1..<5] + rest
    }

    /// A track as the file holds it.
    enum StoredTrack {
        /// A null track of this format.
        case null(UInt8)
        /// The stored image: header and (compressed) records.
        case image([UInt8])
    }

    /// Writes a complete CCKD file. The tracks of a group of 256 that are all
    /// null tracks of the header's format need no L2 table.
    static func write(_ out: HostFile, header: [UInt8], geometry g: CKDGeometry, nullFormat: UInt8,
                      compression: TrackCompression, images: [StoredTrack]) throws {
        let groups = (g.tracks + 255) / 256
        let usedGroups = (0..<groups).filter { gr in
            (gr * 256..<min(g.tracks, gr * 256 + 256)).contains { t in
                if case .null(let f) = images[t] { return f != nullFormat }
                return true
            }
        }
        var l1 = [UInt8](repeating: 0, count: 4 * groups)
        var offset = 1024 + 4 * groups
        var l2Offsets: [Int: Int] = [:]
        for gr in usedGroups {
            l2Offsets[gr] = offset
            putLE32(&l1, 4 * gr, UInt32(offset))
            offset += 2048
        }
        var body: [UInt8] = []
        var l2Tables: [Int: [UInt8]] = [:]
        for gr in usedGroups {
            var l2 = [UInt8](repeating: 0, count: 2048)
            for i in 0..<256 {
                let t = gr * 256 + i
                guard t < g.tracks else { continue }
                switch images[t] {
                case .null(let f):
                    // Offset zero; the length and size fields give the null format.
                    putLE16(&l2, 8 * i + 4, UInt16(f))
                    putLE16(&l2, 8 * i + 6, UInt16(f))
                case .image(let image):
                    putLE32(&l2, 8 * i, UInt32(offset + body.count))
                    putLE16(&l2, 8 * i + 4, UInt16(image.count))
                    putLE16(&l2, 8 * i + 6, UInt16(image.count))
                    body += image
                }
            }
            l2Tables[gr] = l2
        }
        let size = offset + body.count
        var c = [UInt8](repeating: 0, count: 512)
        c[0] = 0; c[1] = 3; c[2] = 1        // version 0.3.1, as Hercules 3 writes
        c[3] = 0x41                         // options: read-write, no "fudge"; little-endian
        putLE32(&c, 4, UInt32(groups))
        putLE32(&c, 8, 256)
        putLE32(&c, 12, UInt32(size))
        putLE32(&c, 16, UInt32(size))
        putLE32(&c, 40, UInt32(g.cylinders))
        c[44] = nullFormat
        c[45] = compression.rawValue
        putLE16(&c, 46, 0xFFFF)             // compression parameter: the library's default
        var dev = header
        for (i, ch) in "CKD_C370".utf8.enumerated() { dev[i] = ch }
        var all = dev + c + l1
        for gr in usedGroups { all += l2Tables[gr] ?? [] }
        all += body
        try out.write(all, at: 0)
        try out.sync()
    }

    /// Creates a CCKD image whose tracks are `track(t)` (nil: null).
    static func create(path: String, geometry g: CKDGeometry, compression: TrackCompression,
                       track: (Int) -> CKDTrack?) throws {
        let temporary = path + ".new"
        let out = try HostFile(path: temporary, mode: .create)
        let images: [StoredTrack] = (0..<g.tracks).map { t in track(t).map { .image(compressedImage($0, compression)) } ?? .null(1) }
        try write(out, header: CKDImages.deviceHeader("CKD_C370", g), geometry: g, nullFormat: 1,
                  compression: compression, images: images)
        out.close()
        try renameReplacing(temporary, path)
    }
}
