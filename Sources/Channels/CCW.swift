// The format-0 channel command word: the one CCW decoder of the project
// (STYLE.md, "One source of truth"). PoO, "Channel Command Word":
//
//   0-7 command code | 8-31 data address | 32 CD 33 CC 34 SLI 35 SKIP
//   36 PCI 37 IDA 38-39 zero | 40-47 ignored | 48-63 count
//
// The low-order bits of the command code give the kind of command:
//   xxxx 0000 invalid        xxxx 1000 transfer in channel (TIC)
//   xxxx 0100 sense          xxxx 1100 read backward
//   xxxx xx01 write          xxxx xx10 read          xxxx xx11 control

/// The flag byte of a CCW (bits 32-39).
public struct CCWFlags: OptionSet, Sendable, Hashable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }
    /// Bit 32, CD: the storage area of the next CCW continues this command's data.
    public static let chainData = CCWFlags(rawValue: 0x80)
    /// Bit 33, CC: the next CCW holds a new command, started when this one ends normally.
    public static let chainCommand = CCWFlags(rawValue: 0x40)
    /// Bit 34, SLI: an incorrect length is not indicated (ignored when CD is on).
    public static let suppressLength = CCWFlags(rawValue: 0x20)
    /// Bit 35, SKIP: data read is not placed in storage.
    public static let skip = CCWFlags(rawValue: 0x10)
    /// Bit 36, PCI: an interruption when the channel takes this CCW.
    public static let programControlledInterruption = CCWFlags(rawValue: 0x08)
    /// Bit 37, IDA: the data address designates a list of indirect data address words.
    public static let indirectData = CCWFlags(rawValue: 0x04)
    /// Bits 38-39, which must be zero (PoO: otherwise a program check).
    public static let reserved = CCWFlags(rawValue: 0x03)
}

/// What a command does, from the low-order bits of its code.
public enum CommandKind: Sendable, Equatable {
    /// Data moves from storage to the device.
    case write
    /// Data moves from the device to storage.
    case read
    /// Data moves from the device to storage in descending addresses.
    case readBackward
    /// Control information for the device (possibly with data from storage).
    case control
    /// The device's sense bytes move to storage.
    case sense
    /// Transfer in channel: the next CCW is at the data address.
    case transferInChannel
    /// xxxx0000: not a command.
    case invalid

    /// The kind of `command`.
    public init(_ command: UInt8) {
        switch command & 0x0F {
        case 0x00: self = .invalid
        case 0x04: self = .sense
        case 0x08: self = .transferInChannel
        case 0x0C: self = .readBackward
        default:
            switch command & 0x03 {
            case 1: self = .write
            case 2: self = .read
            default: self = .control
            }
        }
    }

    /// Whether data moves into storage.
    public var isInput: Bool { self == .read || self == .readBackward || self == .sense }
}

/// A format-0 channel command word.
public struct CCW: Equatable, Sendable, CustomStringConvertible {
    /// Bits 0-7.
    public var command: UInt8
    /// Bits 8-31.
    public var dataAddress: UInt32
    /// Bits 32-39.
    public var flags: CCWFlags
    /// Bits 48-63.
    public var count: UInt16

    /// Decodes a CCW from its doubleword.
    public init(_ v: UInt64) {
        command = UInt8(truncatingIfNeeded: v >> 56)
        dataAddress = UInt32(truncatingIfNeeded: v >> 32) & 0x00FF_FFFF
        flags = CCWFlags(rawValue: UInt8(truncatingIfNeeded: v >> 24))
        count = UInt16(truncatingIfNeeded: v)
    }

    /// A CCW with the given fields.
    public init(command: UInt8, dataAddress: UInt32, flags: CCWFlags = [], count: UInt16) {
        self.command = command
        self.dataAddress = dataAddress & 0x00FF_FFFF
        self.flags = flags
        self.count = count
    }

    /// The doubleword form (bits 40-47 zero).
    public var doubleword: UInt64 {
        UInt64(command) << 56 | UInt64(dataAddress & 0x00FF_FFFF) << 32 | UInt64(flags.rawValue) << 24 | UInt64(count)
    }

    /// The eight bytes of the CCW, big-endian.
    public var bytes: [UInt8] {
        let v = doubleword
        return (0..<8).map { UInt8(truncatingIfNeeded: v >> (56 - 8 * UInt64($0))) }
    }

    /// The kind of the command.
    public var kind: CommandKind { CommandKind(command) }

    public var description: String {
        let h = { (v: UInt64, n: Int) -> String in
            let s = String(v, radix: 16, uppercase: true)
            return String(repeating: "0", count: max(0, n - s.count)) + s
        }
        return "\(h(UInt64(command), 2)) \(h(UInt64(dataAddress), 6)) \(h(UInt64(flags.rawValue), 2)) \(h(UInt64(count), 4))"
    }
}
