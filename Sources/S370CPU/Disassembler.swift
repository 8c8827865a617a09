// The disassembler and the trace line, from the opcode table.

/// Turns instructions back into assembler language.
public enum Disassembler {
    /// The assembler-language form of an instruction word (first byte in bits 56-63).
    public static func text(_ inst: UInt64) -> String {
        let b0 = UInt8(truncatingIfNeeded: inst >> 56), b1 = UInt8(truncatingIfNeeded: inst >> 48)
        guard let info = Opcodes.info(firstByte: b0, secondByte: b1) else {
            return "DC    X'\(hex(UInt64(b0), digits: 2))\(hex(UInt64(b1), digits: 2))'"
        }
        let r1 = Int(inst >> 52) & 15, r2 = Int(inst >> 48) & 15
        let b1f = Int(inst >> 44) & 15, d1 = Int(inst >> 32) & 0xFFF
        let b2f = Int(inst >> 28) & 15, d2 = Int(inst >> 16) & 0xFFF
        let ops: String
        switch info.operands {
        case .r1r2:
            if info.format == .rre {
                ops = "\(Int(inst >> 36) & 15),\(Int(inst >> 32) & 15)"
            } else {
                ops = "\(r1),\(r2)"
            }
        case .r1: ops = "\(r1)"
        case .m1r2: ops = "\(r1),\(r2)"
        case .immediate: ops = "\(b1)"
        case .r1d2x2b2, .m1d2x2b2: ops = "\(r1),\(d1)(\(r2),\(b1f))"
        case .r1r3d2b2, .r1m3d2b2: ops = "\(r1),\(r2),\(d1)(\(b1f))"
        case .r1d2b2: ops = "\(r1),\(d1)(\(b1f))"
        case .d1b1i2: ops = "\(d1)(\(b1f)),\(b1)"
        case .d1b1: ops = "\(d1)(\(b1f))"
        case .d1lb1d2b2: ops = "\(d1)(\(Int(b1) + 1),\(b1f)),\(d2)(\(b2f))"
        case .d1l1b1d2l2b2: ops = "\(d1)(\(r1 + 1),\(b1f)),\(d2)(\(r2 + 1),\(b2f))"
        case .d1l1b1d2b2i3: ops = "\(d1)(\(r1 + 1),\(b1f)),\(d2)(\(b2f)),\(r2)"
        }
        let m = padRight(info.mnemonic, 6)
        return m + ops
    }

    /// The instruction bytes in hexadecimal (2, 4 or 6 bytes).
    public static func bytes(_ inst: UInt64) -> String {
        let n = Int((0x6442 >> (UInt32(inst >> 62) << 2)) & 0xF)
        return hex(inst >> UInt64(64 - 8 * n), digits: 2 * n)
    }

    /// One trace line: address, instruction bytes, assembler text, condition code.
    public static func traceLine(cpu: CPU, address: UInt32, instruction: UInt64) -> String {
        let b = padRight(bytes(instruction), 12)
        return "\(hex(UInt64(address), digits: 6))  \(b)  \(text(instruction))"
    }
}

/// `s` padded with blanks on the right to `n` characters.
public func padRight(_ s: String, _ n: Int) -> String {
    s.count >= n ? s : s + String(repeating: " ", count: n - s.count)
}
