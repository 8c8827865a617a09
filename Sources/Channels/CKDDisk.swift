// IBM 3330 and 3350 Direct Access Storage (with the 3830 storage control):
// count-key-data disks on Hercules CKD or CCKD images.
//
// The access mechanism is at a cylinder and head; the device is oriented on
// the track: at the index point, after the home address, or after the count,
// key or data area of a record. Searches compare one area each time and
// present status modifier when satisfied, so that "search; TIC *-8; read"
// loops until the record comes round; passing the index point twice in a
// chain without finding it is "no record found". Multitrack (MT) commands go
// on to the next head at the index point, up to the end of the cylinder.
// The file mask (one Set File Mask per chain) inhibits writes and seeks.
//
// Commands (3830/3330 reference): 07 seek, 0B seek cylinder, 1B seek head,
// 13 recalibrate, 17 restore, 23 set sector, 22 read sector, 1F set file
// mask; 39 search home address; 31/51/71 search ID equal/high/equal-or-high;
// 29/49/69 search key equal/high/equal-or-high; 1A read home address,
// 16 read R0, 12 read count, 06 read data, 0E read key and data, 1E read
// count key and data, 5E read multiple count key and data, 02 read IPL (the
// multitrack forms with X'80' added); 19 write home address, 15 write R0,
// 1D write count key and data, 01 write special count key and data, 05 write
// data, 0D write key and data, 11 erase; 03 no operation; 04 sense (24
// bytes); B4 reserve, 94 release, 14 unconditional reserve.
// Sense byte 0: command reject, intervention required, bus-out check,
// equipment check, data check, overrun, track condition check, seek check;
// byte 1: permanent error, invalid track format, end of cylinder, no record
// found, file protected, write inhibited, operation incomplete.

/// Sense byte 1 of the 3330 and 3350.
public struct CKDSenseByte1: OptionSet, Sendable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }
    public static let permanentError = CKDSenseByte1(rawValue: 0x80)
    public static let invalidTrackFormat = CKDSenseByte1(rawValue: 0x40)
    public static let endOfCylinder = CKDSenseByte1(rawValue: 0x20)
    public static let noRecordFound = CKDSenseByte1(rawValue: 0x08)
    public static let fileProtected = CKDSenseByte1(rawValue: 0x04)
    public static let writeInhibited = CKDSenseByte1(rawValue: 0x02)
    public static let operationIncomplete = CKDSenseByte1(rawValue: 0x01)
}

/// A 3330 or 3350 disk drive.
public final class CKDDisk: Device {
    /// Where on the track the device is.
    enum Orientation: Equatable {
        case index
        case homeAddress
        case count(Int)
        case key(Int)
        case data(Int)
    }

    public let deviceType: DeviceType
    /// The image the volume is stored in.
    public let image: CKDImage
    /// The disk type and size.
    public var geometry: CKDGeometry { image.geometry }
    /// Attached read-only: writes are rejected (write inhibited).
    public let readOnly: Bool

    /// The access mechanism's cylinder and the selected head.
    public private(set) var cylinder = 0
    public private(set) var head = 0
    /// The current track, as read from the image.
    var track: CKDTrack
    var orientation: Orientation = .index

    // State of the current chain (reset by its first command).
    /// The file mask of the chain.
    var fileMask: UInt8 = 0
    var fileMaskSet = false
    /// Index points passed by searches and reads since the last record was found.
    var indexPasses = 0
    /// The previous command of the chain, and whether it was a satisfied search.
    var previousCommand: UInt8? = nil
    var searchSatisfied = false

    /// Sense bytes 0 and 1 of the last unusual condition.
    var sense0: SenseByte0 = []
    var sense1: CKDSenseByte1 = []

    /// A drive with the volume in `image`.
    public init(image: CKDImage, readOnly: Bool) throws {
        self.image = image
        self.readOnly = readOnly || image.readOnly
        let g = image.geometry
        deviceType = DeviceType(number: g.deviceType, model: g.model, name: g.name)
        track = try image.readTrack(0)
    }

    /// A drive with the image at `path`.
    public convenience init(path: String, readOnly: Bool) throws {
        try self.init(image: try CKDImages.open(path: path, readOnly: readOnly), readOnly: readOnly)
    }

    public var sense: [UInt8] {
        var s = [UInt8](repeating: 0, count: 24)
        s[0] = sense0.rawValue
        s[1] = sense1.rawValue
        return s
    }

    public var commandTime: Int { 300 }

    public func execute(_ command: UInt8, data: DataTransfer, chained: Bool) -> CommandResult {
        if !chained {
            fileMask = 0
            fileMaskSet = false
            indexPasses = 0
            previousCommand = nil
            searchSatisfied = false
            orientation = .index
        }
        let result = perform(command, data)
        previousCommand = command
        return result
    }

    /// Dispatches one command.
    func perform(_ command: UInt8, _ data: DataTransfer) -> CommandResult {
        if command != 0x04 && command != 0x94 && command != 0xB4 && command != 0x14 {
            sense0 = []
            sense1 = []
        }
        let wasSatisfied = searchSatisfied
        searchSatisfied = false
        let mt = command & 0x80 != 0
        switch command {
        case 0x04:
            data.store(sense)
            sense0 = []
            sense1 = []
            return .status(.ended)
        case 0xB4, 0x94, 0x14: // reserve, release, unconditional reserve: the sense bytes
            data.store(sense)
            return .status(.ended)
        case 0x03, 0x17: // no operation, restore
            return .status(.ended)
        case 0x07, 0x0B, 0x1B: return seek(command, data)
        case 0x13: return recalibrate()
        case 0x1F: return setFileMask(data)
        case 0x23: return setSector(data)
        case 0x22:
            data.store([0])
            return .status(.ended)
        case 0x39, 0xB9: return searchHomeAddress(data, multitrack: mt)
        case 0x31, 0x51, 0x71, 0xB1, 0xD1, 0xF1: return searchID(command, data, multitrack: mt)
        case 0x29, 0x49, 0x69, 0xA9, 0xC9, 0xE9: return searchKey(command, data, multitrack: mt)
        case 0x1A, 0x9A: return readHomeAddress(data)
        case 0x16, 0x96: return readR0(data)
        case 0x12, 0x92: return readCount(data, multitrack: mt)
        case 0x06, 0x86: return readData(data, key: false, multitrack: mt)
        case 0x0E, 0x8E: return readData(data, key: true, multitrack: mt)
        case 0x1E, 0x9E: return readCountKeyData(data, multitrack: mt)
        case 0x5E: return readMultiple(data)
        case 0x02: return readIPL(data)
        case 0x19: return writeHomeAddress(data)
        case 0x15: return writeR0(data)
        case 0x1D, 0x01: return writeCountKeyData(data, satisfied: wasSatisfied)
        case 0x05: return writeData(data, key: false, satisfied: wasSatisfied)
        case 0x0D: return writeData(data, key: true, satisfied: wasSatisfied)
        case 0x11: return erase(data, satisfied: wasSatisfied)
        default:
            return reject(.commandReject)
        }
    }

    // MARK: Status

    /// Refused at initial selection with unit check.
    func reject(_ b0: SenseByte0, _ b1: CKDSenseByte1 = []) -> CommandResult {
        sense0 = b0
        sense1 = b1
        return .status(.unitCheck)
    }

    /// Ended with unit check after the command started.
    func check(_ b0: SenseByte0, _ b1: CKDSenseByte1 = []) -> CommandResult {
        sense0 = b0
        sense1 = b1
        return .status([.channelEnd, .deviceEnd, .unitCheck])
    }

    /// The host image failed: an equipment check for the program.
    func imageFailed() -> CommandResult {
        check(.equipmentCheck, .permanentError)
    }

    // MARK: Positioning

    /// Makes (cylinder, head) the current track.
    func select(cylinder c: Int, head h: Int) -> Bool {
        cylinder = c
        head = h
        orientation = .index
        do {
            track = try image.readTrack(c * geometry.heads + h)
            return true
        } catch {
            track = CKDTrack(cylinder: UInt16(c), head: UInt16(h), records: [])
            return false
        }
    }

    /// 07 Seek, 0B Seek Cylinder, 1B Seek Head: the argument is BBCCHH.
    func seek(_ command: UInt8, _ data: DataTransfer) -> CommandResult {
        let arg = data.fetch(exactly: 6)
        if data.failed { return .status(.ended) }
        guard arg.count == 6 else { return check(.commandReject) }
        // File mask bits 3-4: 00 all seeks, 01 seek cylinder and seek head, 10 seek head only, 11 none.
        let permission = (fileMask >> 3) & 3
        let allowed: Bool
        switch command {
        case 0x07: allowed = permission == 0
        case 0x0B: allowed = permission <= 1
        default: allowed = permission <= 2
        }
        guard allowed else { return check(.commandReject, .fileProtected) }
        let bb = Int(arg[0]) << 8 | Int(arg[1])
        let c = Int(arg[2]) << 8 | Int(arg[3])
        let h = Int(arg[4]) << 8 | Int(arg[5])
        guard bb == 0, c < geometry.cylinders, h < geometry.heads else { return check(.commandReject) }
        if command == 0x1B && c != cylinder { return check(.commandReject) }
        return select(cylinder: c, head: h) ? .status(.ended) : imageFailed()
    }

    /// 13 Recalibrate: to cylinder 0, head 0.
    func recalibrate() -> CommandResult {
        guard (fileMask >> 3) & 3 == 0 else { return reject(.commandReject, .fileProtected) }
        return select(cylinder: 0, head: 0) ? .status(.ended) : imageFailed()
    }

    /// 1F Set File Mask: once a chain; bits 2 and 5-7 must be zero.
    func setFileMask(_ data: DataTransfer) -> CommandResult {
        let arg = data.fetch(exactly: 1)
        if data.failed { return .status(.ended) }
        guard !fileMaskSet, let m = arg.first, m & 0x27 == 0 else { return check(.commandReject) }
        fileMask = m
        fileMaskSet = true
        return .status(.ended)
    }

    /// 23 Set Sector: rotational position is not modelled; the track is
    /// searched from its index point (searches find the record all the same).
    func setSector(_ data: DataTransfer) -> CommandResult {
        let arg = data.fetch(exactly: 1)
        if data.failed { return .status(.ended) }
        guard let s = arg.first, Int(s) < geometry.sectors || s == 0xFF else { return check(.commandReject) }
        orientation = .index
        return .status(.ended)
    }

    /// Goes on to the next count area (skipping R0 unless `includeR0`).
    /// Passing the index point goes to the next head for a multitrack
    /// command; otherwise the second pass in a chain is "no record found".
    /// Returns the record index, or the ending status.
    func nextCount(includeR0: Bool, multitrack: Bool) -> Result<Int, CommandEndedEarly> {
        while true {
            var next: Int
            switch orientation {
            case .index, .homeAddress: next = 0
            case .count(let i), .key(let i), .data(let i): next = i + 1
            }
            if next == 0 && !includeR0 { next = 1 }
            if next < track.records.count {
                orientation = .count(next)
                return .success(next)
            }
            // The index point.
            if multitrack {
                guard (fileMask >> 3) & 3 != 3 else { return .failure(CommandEndedEarly(check(.commandReject, .fileProtected))) }
                guard head + 1 < geometry.heads else {
                    return .failure(CommandEndedEarly(check([], .endOfCylinder)))
                }
                guard select(cylinder: cylinder, head: head + 1) else { return .failure(CommandEndedEarly(imageFailed())) }
            } else {
                indexPasses += 1
                if indexPasses >= 2 { return .failure(CommandEndedEarly(check([], .noRecordFound))) }
                orientation = .index
            }
            orientation = .homeAddress
        }
    }

    public func reset() {
        sense0 = []
        sense1 = []
        orientation = .index
        fileMask = 0
        fileMaskSet = false
    }

    public func flush() throws { try image.flush() }
}

/// A command that ended before its data transfer (no record, end of cylinder).
struct CommandEndedEarly: Error {
    let result: CommandResult
    init(_ r: CommandResult) { result = r }
}
