// The program status word, in its two System/370 formats.
//
// PoO, "Program Status Word". Basic-control (BC) mode, bit 12 zero:
//   0-5 channel masks 0-5, 6 I/O mask (channels 6 and up), 7 external mask,
//   8-11 key, 12 0, 13 M, 14 W, 15 P, 16-31 interruption code, 32-33 ILC,
//   34-35 CC, 36-39 program mask, 40-63 instruction address.
// Extended-control (EC) mode, bit 12 one:
//   1 PER mask, 5 DAT mode, 6 I/O mask, 7 external mask, 8-11 key, 12 1,
//   13 M, 14 W, 15 P, 18-19 CC, 20-23 program mask, 40-63 instruction address;
//   bits 0, 2-4, 16, 17 and 24-39 must be zero (a PSW-format error otherwise).

/// A System/370 PSW, decoded.
public struct PSW: Equatable, CustomStringConvertible {
    /// Bits 0-7: in BC mode the channel masks, I/O and external masks; in EC mode R, T, I/O and external masks.
    public var systemMask: UInt8 = 0
    /// Bits 8-11: the PSW key.
    public var key: UInt8 = 0
    /// Bit 12: extended-control mode.
    public var ecMode = false
    /// Bit 13: machine-check mask.
    public var machineCheckMask = false
    /// Bit 14: wait state.
    public var wait = false
    /// Bit 15: problem state.
    public var problemState = false
    /// The condition code (0-3).
    public var cc: UInt8 = 0
    /// The program mask: fixed-point overflow (8), decimal overflow (4), exponent underflow (2), significance (1).
    public var programMask: UInt8 = 0
    /// The instruction address (24 bits).
    public var instructionAddress: UInt32 = 0
    /// BC mode bits 16-31, as last stored or loaded.
    public var interruptionCode: UInt16 = 0
    /// BC mode bits 32-33, as last stored or loaded.
    public var ilc: UInt8 = 0
    /// EC mode: the bits that must be zero (0, 2-4, 16, 17, 24-39), kept so that
    /// a PSW-format error stores the PSW unchanged as the old PSW.
    public var invalidBits: UInt64 = 0

    /// Creates a zero PSW (BC mode, key 0, supervisor state, disabled, address 0).
    public init() {}

    /// Decodes a PSW from its 64-bit form.
    public init(_ v: UInt64) {
        systemMask = UInt8(truncatingIfNeeded: v >> 56)
        key = UInt8(truncatingIfNeeded: v >> 52) & 15
        ecMode = v & (1 << 51) != 0
        machineCheckMask = v & (1 << 50) != 0
        wait = v & (1 << 49) != 0
        problemState = v & (1 << 48) != 0
        instructionAddress = UInt32(truncatingIfNeeded: v) & 0x00FF_FFFF
        if ecMode {
            cc = UInt8(truncatingIfNeeded: v >> 44) & 3
            programMask = UInt8(truncatingIfNeeded: v >> 40) & 15
            invalidBits = v & PSW.ecInvalidMask
        } else {
            interruptionCode = UInt16(truncatingIfNeeded: v >> 32)
            ilc = UInt8(truncatingIfNeeded: v >> 30) & 3
            cc = UInt8(truncatingIfNeeded: v >> 28) & 3
            programMask = UInt8(truncatingIfNeeded: v >> 24) & 15
        }
    }

    /// EC-mode bits that must be zero: 0, 2-4, 16, 17 and 24-39 (DAS is not installed).
    public static let ecInvalidMask: UInt64 =
        (1 << 63) | (7 << 59) | (3 << 46) | (0xFFFF << 24)

    /// Whether this PSW has a format error (PoO, "Early Exception Recognition").
    public var hasFormatError: Bool { ecMode && invalidBits != 0 }

    /// The 64-bit form of the PSW.
    public var value: UInt64 {
        var v = UInt64(systemMask) << 56 | UInt64(key & 15) << 52
        if ecMode { v |= 1 << 51 }
        if machineCheckMask { v |= 1 << 50 }
        if wait { v |= 1 << 49 }
        if problemState { v |= 1 << 48 }
        v |= UInt64(instructionAddress & 0x00FF_FFFF)
        if ecMode {
            v |= UInt64(cc & 3) << 44 | UInt64(programMask & 15) << 40
            v |= invalidBits
        } else {
            v |= UInt64(interruptionCode) << 32 | UInt64(ilc & 3) << 30
            v |= UInt64(cc & 3) << 28 | UInt64(programMask & 15) << 24
        }
        return v
    }

    /// EC mode bit 1: the PER mask.
    public var perMask: Bool { ecMode && systemMask & 0x40 != 0 }
    /// EC mode bit 5: dynamic address translation on.
    public var translation: Bool { ecMode && systemMask & 0x04 != 0 }
    /// The external-interruption mask (bit 7 in both modes).
    public var externalMask: Bool { systemMask & 0x01 != 0 }

    /// Whether I/O interruptions from `channel` are enabled by the PSW alone
    /// (EC mode: bit 6 and then CR2; BC mode: bits 0-5 for channels 0-5, bit 6 for the rest).
    public func ioMaskAllows(channel: Int) -> Bool {
        if ecMode || channel >= 6 { return systemMask & 0x02 != 0 }
        return systemMask & (0x80 >> UInt8(channel)) != 0
    }

    /// The PSW as hexadecimal words: `00000000 00001000`.
    public var description: String {
        let v = value
        return hex32(UInt32(truncatingIfNeeded: v >> 32)) + " " + hex32(UInt32(truncatingIfNeeded: v))
    }
}

/// Eight hexadecimal digits, upper case.
@inlinable public func hex32(_ v: UInt32) -> String { hex(UInt64(v), digits: 8) }

/// Hexadecimal digits, upper case, zero-padded to `digits`.
public func hex(_ v: UInt64, digits: Int) -> String {
    let s = String(v, radix: 16, uppercase: true)
    return s.count >= digits ? s : String(repeating: "0", count: digits - s.count) + s
}
