// Hercules CKD disk images: the common device header, the uncompressed
// format (CKD_P370), and how an image is opened or created. The compressed
// format (CKD_C370) is in CCKDImage.swift.
//
// Device header (512 bytes, integers little-endian):
//   0-7 "CKD_P370" or "CKD_C370" (ASCII), 8-11 heads, 12-15 track size,
//   16 device type (X'30' 3330, X'50' 3350), 17 file sequence (0 for a
//   one-file volume), 18-19 highest cylinder of a multi-file set (0 when one file).
// Uncompressed: each track in a slot of the track size after the header, in
// track order (cylinder * heads + head).

/// The storage format of a CKD image.
public enum CKDImageFormat: Equatable, Sendable, CustomStringConvertible {
    /// Hercules CKD, uncompressed.
    case plain
    /// Hercules compressed CKD, new tracks compressed with this algorithm.
    case compressed(TrackCompression)

    public var description: String {
        switch self {
        case .plain: return "CKD (uncompressed)"
        case .compressed(let c): return "CCKD (\(c == .bzip2 ? "bzip2" : c == .zlib ? "zlib" : "uncompressed tracks"))"
        }
    }
}

/// A CKD disk image, read and written a track at a time.
public protocol CKDImage: AnyObject {
    /// The host file.
    var path: String { get }
    /// The disk type and size.
    var geometry: CKDGeometry { get }
    /// How the image is stored.
    var format: CKDImageFormat { get }
    /// Opened read-only.
    var readOnly: Bool { get }
    /// Reads track `t` (cylinder * heads + head).
    func readTrack(_ t: Int) throws -> CKDTrack
    /// Writes track `t`.
    func writeTrack(_ t: Int, _ track: CKDTrack) throws
    /// Makes what was written durable in the host file.
    func flush() throws
}

/// Opening and creating CKD images.
public enum CKDImages {
    /// Opens the image at `path`, uncompressed or compressed, checking its headers.
    public static func open(path: String, readOnly: Bool) throws -> CKDImage {
        let file = try HostFile(path: path, mode: readOnly ? .read : .update)
        let size = try file.size()
        guard size >= 512 else {
            throw DeviceFileError(path: path, "not a CKD disk image: \(size) bytes is smaller than the 512-byte device header (truncated?)")
        }
        let header = try file.read(at: 0, count: 512)
        let id = String(decoding: header[0..<8], as: UTF8.self)
        switch id {
        case "CKD_P370": return try PlainCKDImage(file: file, header: header, size: size)
        case "CKD_C370": return try CCKDImage(file: file, header: header, size: size)
        case "CKD_S370":
            throw DeviceFileError(path: path, "a CCKD shadow file: attach its base image (shadow files are not supported)")
        case "FBA_C370", "FBA_P370":
            throw DeviceFileError(path: path, "an FBA disk image: this machine has CKD disks only (3330, 3350)")
        default:
            let shown = header[0..<8].map { $0 >= 0x20 && $0 < 0x7F ? String(UnicodeScalar($0)) : "." }.joined()
            throw DeviceFileError(path: path, "not a Hercules CKD disk image: it begins with '\(shown)', not CKD_P370 or CKD_C370")
        }
    }

    /// Creates an image at `path` (replacing any file there) with every track
    /// as `track` gives it (nil: an empty track with a standard R0).
    public static func create(path: String, geometry: CKDGeometry, format: CKDImageFormat,
                              track: (Int) -> CKDTrack?) throws {
        switch format {
        case .plain: try PlainCKDImage.create(path: path, geometry: geometry, track: track)
        case .compressed(let c): try CCKDImage.create(path: path, geometry: geometry, compression: c, track: track)
        }
    }

    /// The device header of an image.
    static func deviceHeader(_ id: String, _ g: CKDGeometry) -> [UInt8] {
        var h = [UInt8](repeating: 0, count: 512)
        for (i, c) in id.utf8.enumerated() { h[i] = c }
        putLE32(&h, 8, UInt32(g.heads))
        putLE32(&h, 12, UInt32(g.imageTrackSize))
        h[16] = g.imageType
        return h
    }

    /// The geometry a device header describes, or why it is not one of ours.
    static func geometry(header h: [UInt8], cylinders: Int, path: String) throws -> CKDGeometry {
        let heads = Int(le32(h, 8))
        guard h[17] == 0 && le16(h, 18) == 0 else {
            throw DeviceFileError(path: path, "one file of a multi-file CKD volume (file sequence \(h[17])): join the files into one with Hercules dasdcopy")
        }
        guard let g = CKDGeometry.forImage(imageType: h[16], heads: heads, cylinders: cylinders) else {
            throw DeviceFileError(path: path, "a disk of device type X'\(h2(h[16]))' with \(heads) heads: this machine has 3330 (X'30', 19 heads) and 3350 (X'50', 30 heads) disks")
        }
        return g.with(cylinders: cylinders)
    }
}

// MARK: Little-endian fields of the image headers

func le16(_ b: [UInt8], _ i: Int) -> UInt16 { UInt16(b[i]) | UInt16(b[i + 1]) << 8 }
func le32(_ b: [UInt8], _ i: Int) -> UInt32 {
    UInt32(b[i]) | UInt32(b[i + 1]) << 8 | UInt32(b[i + 2]) << 16 | UInt32(b[i + 3]) << 24
}
func putLE16(_ b: inout [UInt8], _ i: Int, _ v: UInt16) {
    b[i] = UInt8(v & 0xFF)
    b[i + 1] = UInt8(v >> 8)
}
func putLE32(_ b: inout [UInt8], _ i: Int, _ v: UInt32) {
    for k in 0..<4 { b[i + k] = UInt8(truncatingIfNeeded: v >> (8 * UInt32(k))) }
}

/// An uncompressed Hercules CKD image.
final class PlainCKDImage: CKDImage {
    let file: HostFile
    let geometry: CKDGeometry
    let trackSize: Int
    var path: String { file.path }
    var format: CKDImageFormat { .plain }
    var readOnly: Bool { !file.writable }

    init(file: HostFile, header: [UInt8], size: Int) throws {
        self.file = file
        let heads = Int(le32(header, 8))
        trackSize = Int(le32(header, 12))
        guard heads > 0, trackSize >= 64, trackSize <= 65536 else {
            throw DeviceFileError(path: file.path, "damaged CKD image header: \(heads) heads, tracks of \(trackSize) bytes")
        }
        let cylinderBytes = heads * trackSize
        guard (size - 512) % cylinderBytes == 0, size > 512 else {
            throw DeviceFileError(path: file.path, "wrong size for a CKD image: \(size - 512) bytes after the header is not a whole number of cylinders of \(heads) tracks of \(trackSize) bytes (truncated?)")
        }
        geometry = try CKDImages.geometry(header: header, cylinders: (size - 512) / cylinderBytes, path: file.path)
    }

    func readTrack(_ t: Int) throws -> CKDTrack {
        let bytes = try file.read(at: 512 + t * trackSize, count: trackSize)
        guard bytes.count == trackSize else {
            throw DeviceFileError(path: path, "track \(t) is cut short (the image changed while in use?)")
        }
        return try CKDTrack(image: bytes, where: "\(path), track \(t)")
    }

    func writeTrack(_ t: Int, _ track: CKDTrack) throws {
        var image = track.image
        guard image.count <= trackSize else {
            throw DeviceFileError(path: path, "track \(t) does not fit in its \(trackSize)-byte slot")
        }
        image += [UInt8](repeating: 0, count: trackSize - image.count)
        try file.write(image, at: 512 + t * trackSize)
    }

    func flush() throws {
        if file.writable { try file.sync() }
    }

    static func create(path: String, geometry g: CKDGeometry, track: (Int) -> CKDTrack?) throws {
        let temporary = path + ".new"
        let file = try HostFile(path: temporary, mode: .create)
        try file.write(CKDImages.deviceHeader("CKD_P370", g), at: 0)
        var cylinder: [UInt8] = []
        cylinder.reserveCapacity(g.heads * g.imageTrackSize)
        for c in 0..<g.cylinders {
            cylinder.removeAll(keepingCapacity: true)
            for h in 0..<g.heads {
                let t = c * g.heads + h
                var image = (track(t) ?? CKDTrack.empty(cylinder: UInt16(c), head: UInt16(h))).image
                image += [UInt8](repeating: 0, count: g.imageTrackSize - image.count)
                cylinder += image
            }
            try file.write(cylinder, at: 512 + c * g.heads * g.imageTrackSize)
        }
        try file.sync()
        file.close()
        try renameReplacing(temporary, path)
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Renames `from` over `to` (atomic on one file system).
func renameReplacing(_ from: String, _ to: String) throws {
    if rename(from, to) != 0 {
        let e = errno
        unlink(from)
        throw DeviceFileError(path: to, HostFile.reason(e))
    }
}
