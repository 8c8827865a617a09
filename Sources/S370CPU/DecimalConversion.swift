// CONVERT TO BINARY and CONVERT TO DECIMAL (PoO, Chapter 7, "General
// Instructions"): an eight-byte packed-decimal field (15 digits and a sign)
// and a 32-bit signed binary integer in a general register.
//
// Alignment: the System/370 PoO lists no specification exception for either
// instruction (CVB: access, data, fixed-point divide; CVD: access); the
// doubleword may be at any byte address, unlike System/360's. fetch64 and
// store64 handle an operand that crosses a page.

extension CPU {
    /// 4F CVB: Convert to Binary [RX]. A data exception for an invalid sign
    /// (suppression) or digit (termination) leaves R1 unchanged. A value outside
    /// -2**31 .. 2**31-1 completes the operation with the rightmost 32 bits of
    /// the binary result in R1 and a fixed-point-divide exception, which no mask bit disallows.
    @inline(never) func convertToBinary(_ i: UInt64, _ cc: UInt32) -> UInt32 {
        let t = accessContext
        guard let v = fetch64(addressRX(i), t) else { return leave | cc }
        let sign = UInt8(truncatingIfNeeded: v & 0x0F)
        guard sign >= 0xA else { return decimalDataException(cc) }
        var magnitude: Int64 = 0
        var shift: UInt64 = 60
        for _ in 0..<15 {
            let digit = Int64((v >> shift) & 0x0F)
            guard digit <= 9 else { return decimalDataException(cc) }
            magnitude = magnitude * 10 + digit
            shift -= 4
        }
        let value = isMinusSign(sign) ? -magnitude : magnitude
        gpr[Field.r1(i)] = UInt32(truncatingIfNeeded: value)
        if value < Int64(Int32.min) || value > Int64(Int32.max) {
            raise(.fixedPointDivide)
            return leave | cc
        }
        return cc
    }

    /// 4E CVD: Convert to Decimal [RX]. R1, a signed 32-bit integer, is stored
    /// as 15 digits with the preferred sign: 1100 plus (and zero), 1101 minus.
    @inline(never) func convertToDecimal(_ i: UInt64, _ cc: UInt32) -> UInt32 {
        let value = Int32(bitPattern: gpr[Field.r1(i)])
        var m = value.magnitude
        var packed: UInt64 = value < 0 ? 0xD : 0xC
        var shift: UInt64 = 4
        while m != 0 {
            packed |= UInt64(m % 10) << shift
            m /= 10
            shift += 4
        }
        let t = accessContext
        guard store64(addressRX(i), packed, t) else { return leave | cc }
        return cc
    }
}
