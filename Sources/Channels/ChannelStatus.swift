// The words the channel and the program exchange: the channel address word
// (CAW, real location 72), the channel status word (CSW, real location 64)
// and the two status bytes of the CSW (PoO, "Input/Output Operations",
// "Channel-Status Word").
//
//   CAW:  0-3 key, 4-7 zero, 8-31 address of the first CCW
//   CSW:  0-3 key, 4-7 zero, 8-31 CCW address (last CCW used + 8),
//         32-39 unit status, 40-47 channel status, 48-63 residual count

/// The unit-status byte: conditions detected by the device or control unit
/// (PoO, "Unit Status Conditions").
public struct UnitStatus: OptionSet, Sendable, Hashable, CustomStringConvertible {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }
    /// Bit 32: an asynchronous condition significant to the program (an operator's request).
    public static let attention = UnitStatus(rawValue: 0x80)
    /// Bit 33: the normal sequence of commands is modified (a search satisfied), or the control unit is busy.
    public static let statusModifier = UnitStatus(rawValue: 0x40)
    /// Bit 34: the control unit has become available.
    public static let controlUnitEnd = UnitStatus(rawValue: 0x20)
    /// Bit 35: the device is executing an operation or holds a pending condition.
    public static let busy = UnitStatus(rawValue: 0x10)
    /// Bit 36: the data-transfer portion of the operation is complete.
    public static let channelEnd = UnitStatus(rawValue: 0x08)
    /// Bit 37: the device has completed the operation.
    public static let deviceEnd = UnitStatus(rawValue: 0x04)
    /// Bit 38: an unusual condition; the sense bytes say which.
    public static let unitCheck = UnitStatus(rawValue: 0x02)
    /// Bit 39: an exceptional condition such as end of file or a tape mark.
    public static let unitException = UnitStatus(rawValue: 0x01)

    /// Channel end and device end: the normal ending of a command.
    public static let ended: UnitStatus = [.channelEnd, .deviceEnd]

    public var description: String {
        let names: [(UnitStatus, String)] = [
            (.attention, "ATTN"), (.statusModifier, "SM"), (.controlUnitEnd, "CUE"), (.busy, "BUSY"),
            (.channelEnd, "CE"), (.deviceEnd, "DE"), (.unitCheck, "UC"), (.unitException, "UE"),
        ]
        let s = names.filter { contains($0.0) }.map(\.1)
        return s.isEmpty ? "0" : s.joined(separator: "+")
    }
}

/// The channel-status byte: conditions detected by the channel (PoO, "Channel Status Conditions").
public struct ChannelStatus: OptionSet, Sendable, Hashable, CustomStringConvertible {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }
    /// Bit 40: a CCW with the PCI flag has taken control.
    public static let programControlledInterruption = ChannelStatus(rawValue: 0x80)
    /// Bit 41: the count in the CCW did not match what the device transferred.
    public static let incorrectLength = ChannelStatus(rawValue: 0x40)
    /// Bit 42: a programming error in the CAW, a CCW or an IDAW.
    public static let programCheck = ChannelStatus(rawValue: 0x20)
    /// Bit 43: a storage access prohibited by key-controlled protection.
    public static let protectionCheck = ChannelStatus(rawValue: 0x10)
    /// Bit 44: a machine error in data the channel moved.
    public static let channelDataCheck = ChannelStatus(rawValue: 0x08)
    /// Bit 45: a machine error affecting channel control.
    public static let channelControlCheck = ChannelStatus(rawValue: 0x04)
    /// Bit 46: an invalid signal on the I/O interface.
    public static let interfaceControlCheck = ChannelStatus(rawValue: 0x02)
    /// Bit 47: a data overrun during data chaining.
    public static let chainingCheck = ChannelStatus(rawValue: 0x01)

    /// The conditions that end a chain of commands.
    public static let errors: ChannelStatus = [
        .incorrectLength, .programCheck, .protectionCheck, .channelDataCheck,
        .channelControlCheck, .interfaceControlCheck, .chainingCheck,
    ]

    public var description: String {
        let names: [(ChannelStatus, String)] = [
            (.programControlledInterruption, "PCI"), (.incorrectLength, "IL"), (.programCheck, "PROG"),
            (.protectionCheck, "PROT"), (.channelDataCheck, "CDC"), (.channelControlCheck, "CCC"),
            (.interfaceControlCheck, "ICC"), (.chainingCheck, "CHAIN"),
        ]
        let s = names.filter { contains($0.0) }.map(\.1)
        return s.isEmpty ? "0" : s.joined(separator: "+")
    }
}

/// The channel status word, as stored at real location 64.
public struct CSW: Equatable, Sendable, CustomStringConvertible {
    /// Bits 0-3: the key used for the channel program.
    public var key: UInt8 = 0
    /// Bits 8-31: eight more than the address of the last CCW used.
    public var ccwAddress: UInt32 = 0
    /// Bits 32-39.
    public var unitStatus: UnitStatus = []
    /// Bits 40-47.
    public var channelStatus: ChannelStatus = []
    /// Bits 48-63: the residual count of the last CCW used.
    public var count: UInt16 = 0

    /// A CSW with the given fields.
    public init(key: UInt8 = 0, ccwAddress: UInt32 = 0, unitStatus: UnitStatus = [],
                channelStatus: ChannelStatus = [], count: UInt16 = 0) {
        self.key = key
        self.ccwAddress = ccwAddress
        self.unitStatus = unitStatus
        self.channelStatus = channelStatus
        self.count = count
    }

    /// Decodes a CSW from its doubleword.
    public init(_ v: UInt64) {
        key = UInt8(truncatingIfNeeded: v >> 60)
        ccwAddress = UInt32(truncatingIfNeeded: v >> 32) & 0x00FF_FFFF
        unitStatus = UnitStatus(rawValue: UInt8(truncatingIfNeeded: v >> 24))
        channelStatus = ChannelStatus(rawValue: UInt8(truncatingIfNeeded: v >> 16))
        count = UInt16(truncatingIfNeeded: v)
    }

    /// The doubleword stored at 64.
    public var doubleword: UInt64 {
        UInt64(key & 15) << 60 | UInt64(ccwAddress & 0x00FF_FFFF) << 32
            | UInt64(unitStatus.rawValue) << 24 | UInt64(channelStatus.rawValue) << 16 | UInt64(count)
    }

    /// The status portion (bytes 4-5) alone.
    public var status: UInt16 { UInt16(unitStatus.rawValue) << 8 | UInt16(channelStatus.rawValue) }

    public var description: String {
        "key \(key) ccw \(String(ccwAddress, radix: 16, uppercase: true)) unit \(unitStatus) channel \(channelStatus) count \(count)"
    }
}

/// The channel address word, as fetched from real location 72.
public struct CAW: Equatable, Sendable {
    /// Bits 0-3: the access key for the whole channel program.
    public var key: UInt8
    /// Bits 4-7, which must be zero.
    public var reservedBits: UInt8
    /// Bits 8-31: the address of the first CCW.
    public var ccwAddress: UInt32

    /// Decodes a CAW.
    public init(_ word: UInt32) {
        key = UInt8(truncatingIfNeeded: word >> 28)
        reservedBits = UInt8(truncatingIfNeeded: word >> 24) & 0x0F
        ccwAddress = word & 0x00FF_FFFF
    }

    /// A CAW with a key and CCW address.
    public init(key: UInt8, ccwAddress: UInt32) {
        self.key = key & 15
        self.reservedBits = 0
        self.ccwAddress = ccwAddress & 0x00FF_FFFF
    }

    /// The word stored at 72.
    public var word: UInt32 { UInt32(key & 15) << 28 | UInt32(reservedBits & 15) << 24 | ccwAddress }
}
