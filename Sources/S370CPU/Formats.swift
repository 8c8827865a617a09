// Instruction-format decoders. The run loop holds an instruction as a 64-bit
// word with its first byte in bits 56-63 (the instruction is at most six
// bytes; the last two bytes of the word are not part of it).
//
//   RR   | op(8) | R1(4) R2(4) |
//   RX   | op(8) | R1(4) X2(4) | B2(4) D2(12) |
//   RS   | op(8) | R1(4) R3(4) | B2(4) D2(12) |
//   SI   | op(8) | I2(8)       | B1(4) D1(12) |
//   S    | op(16)              | B2(4) D2(12) |
//   RRE  | op(16)              | ////(8) R1(4) R2(4) |
//   SS   | op(8) | L1(4) L2(4) | B1(4) D1(12) | B2(4) D2(12) |   (or one 8-bit L)

/// Field extraction from an instruction word.
@usableFromInline enum Field {
    /// The operation code (first byte).
    @inline(__always) static func op(_ i: UInt64) -> UInt8 { UInt8(truncatingIfNeeded: i >> 56) }
    /// Byte 1: the second byte (I2, L, or the second half of a two-byte op code).
    @inline(__always) static func byte1(_ i: UInt64) -> UInt8 { UInt8(truncatingIfNeeded: i >> 48) }
    /// R1 (or M1, L1): bits 8-11.
    @inline(__always) static func r1(_ i: UInt64) -> Int { Int(truncatingIfNeeded: i >> 52) & 15 }
    /// R2, X2, R3 (or L2, M3): bits 12-15.
    @inline(__always) static func r2(_ i: UInt64) -> Int { Int(truncatingIfNeeded: i >> 48) & 15 }
    /// B1 or B2 of the first storage operand: bits 16-19.
    @inline(__always) static func b1(_ i: UInt64) -> Int { Int(truncatingIfNeeded: i >> 44) & 15 }
    /// D1 or D2 of the first storage operand: bits 20-31.
    @inline(__always) static func d1(_ i: UInt64) -> UInt32 { UInt32(truncatingIfNeeded: i >> 32) & 0xFFF }
    /// B2 of an SS instruction: bits 32-35.
    @inline(__always) static func b2(_ i: UInt64) -> Int { Int(truncatingIfNeeded: i >> 28) & 15 }
    /// D2 of an SS instruction: bits 36-47.
    @inline(__always) static func d2(_ i: UInt64) -> UInt32 { UInt32(truncatingIfNeeded: i >> 16) & 0xFFF }
    /// RRE R1: bits 24-27.
    @inline(__always) static func rreR1(_ i: UInt64) -> Int { Int(truncatingIfNeeded: i >> 36) & 15 }
    /// RRE R2: bits 28-31.
    @inline(__always) static func rreR2(_ i: UInt64) -> Int { Int(truncatingIfNeeded: i >> 32) & 15 }

    /// The length in bytes of an instruction from its first byte (bits 0-1:
    /// 00 two bytes, 01 and 10 four, 11 six).
    @inline(__always) static func length(_ op: UInt8) -> UInt32 {
        (0x6442 >> (UInt32(op >> 6) << 2)) & 0xF
    }
}

extension CPU {
    /// The effective address D2(X2,B2) of an RX instruction (24-bit).
    @inline(__always) func addressRX(_ i: UInt64) -> UInt32 {
        let x = Field.r2(i), b = Field.b1(i)
        var a = Field.d1(i)
        if x != 0 { a &+= gpr[x] }
        if b != 0 { a &+= gpr[b] }
        return a & 0x00FF_FFFF
    }

    /// The effective address D(B) of the first storage operand of an RS, SI or S
    /// instruction, or of the first operand of an SS instruction (24-bit).
    @inline(__always) func address1(_ i: UInt64) -> UInt32 {
        let b = Field.b1(i)
        var a = Field.d1(i)
        if b != 0 { a &+= gpr[b] }
        return a & 0x00FF_FFFF
    }

    /// The effective address D2(B2) of the second operand of an SS instruction (24-bit).
    @inline(__always) func address2(_ i: UInt64) -> UInt32 {
        let b = Field.b2(i)
        var a = Field.d2(i)
        if b != 0 { a &+= gpr[b] }
        return a & 0x00FF_FFFF
    }
}
