// The count-key-data disks of this machine and their geometry, and the
// record format of a track (3330 and 3350 reference manuals, GA26-1592 and
// GA26-1638; the Hercules CKD image layout for the image track size).
//
//   type      cylinders (with alternates)  heads  track capacity  record overhead
//   3330        411 (404 + 7)                19      13,165        135, keyed 191
//   3330-11     815 (808 + 7)                19      13,165        135, keyed 191
//   3350        560 (555 + 5)                30      19,254        185, keyed 267
//
// Track capacity is what records after R0 may use: a record takes its
// overhead plus its key and data lengths, so one record of 13,030 bytes fills
// a 3330 track and two of 6,447 do. A Hercules image gives each track a fixed
// slot (13,312 bytes for the 3330, 19,456 for the 3350).

/// A CKD disk type.
public struct CKDGeometry: Equatable, Sendable {
    /// The type as written in configurations ("3330", "3330-11", "3350").
    public let name: String
    /// The device type number.
    public let deviceType: UInt16
    /// The model number.
    public let model: UInt8
    /// The device-type byte of a Hercules image header.
    public let imageType: UInt8
    /// Cylinders, alternates included.
    public let cylinders: Int
    /// Tracks per cylinder.
    public let heads: Int
    /// The track slot of a Hercules image.
    public let imageTrackSize: Int
    /// Bytes records after R0 may use on a track.
    public let trackCapacity: Int
    /// Overhead of a record without a key, and the extra for a key.
    public let overhead: Int
    public let keyOverhead: Int
    /// Sectors on a track.
    public let sectors: Int

    public static let ibm3330 = CKDGeometry(name: "3330", deviceType: 0x3330, model: 1, imageType: 0x30,
                                            cylinders: 411, heads: 19, imageTrackSize: 13312,
                                            trackCapacity: 13165, overhead: 135, keyOverhead: 56, sectors: 128)
    public static let ibm3330_11 = CKDGeometry(name: "3330-11", deviceType: 0x3330, model: 11, imageType: 0x30,
                                               cylinders: 815, heads: 19, imageTrackSize: 13312,
                                               trackCapacity: 13165, overhead: 135, keyOverhead: 56, sectors: 128)
    public static let ibm3350 = CKDGeometry(name: "3350", deviceType: 0x3350, model: 1, imageType: 0x50,
                                            cylinders: 560, heads: 30, imageTrackSize: 19456,
                                            trackCapacity: 19254, overhead: 185, keyOverhead: 82, sectors: 128)

    /// Every type.
    public static let all = [ibm3330, ibm3330_11, ibm3350]

    /// The type named `name` (3330, 3330-1, 3330-11, 3350).
    public static func named(_ name: String) -> CKDGeometry? {
        let u = name.uppercased()
        return all.first { $0.name == (u == "3330-1" ? "3330" : u) }
    }

    /// The type of an image with header type byte `imageType`, `heads` and
    /// `cylinders`; nil when this machine has no such disk.
    public static func forImage(imageType: UInt8, heads: Int, cylinders: Int) -> CKDGeometry? {
        switch imageType {
        case 0x30 where heads == 19: return cylinders > ibm3330.cylinders ? ibm3330_11 : ibm3330
        case 0x50 where heads == 30: return ibm3350
        default: return nil
        }
    }

    /// The same type with another number of cylinders (images may have fewer or more).
    public func with(cylinders: Int) -> CKDGeometry {
        CKDGeometry(name: name, deviceType: deviceType, model: model, imageType: imageType, cylinders: cylinders,
                    heads: heads, imageTrackSize: imageTrackSize, trackCapacity: trackCapacity,
                    overhead: overhead, keyOverhead: keyOverhead, sectors: sectors)
    }

    /// Tracks on the volume.
    public var tracks: Int { cylinders * heads }

    /// Capacity a record with key length `kl` and data length `dl` takes.
    public func space(keyLength kl: Int, dataLength dl: Int) -> Int {
        overhead + (kl > 0 ? keyOverhead + kl : 0) + dl
    }
}
