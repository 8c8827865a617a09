// Machine instructions: operands in the form the opcode table's layout gives,
// encoded in the instruction formats of the Principles of Operation
// ("Instruction Formats"): RR, RRE, RX, RS, SI, S and SS.
//
// Storage operands are written as an implicit address (an expression that a
// USING resolves into base and displacement) or explicitly as D(X,B) or D(B),
// D(L,B) for SS lengths. An SS length left out is the length attribute of
// the operand's leftmost term (the "implied length"); it is encoded one less.

import S370CPU

/// A storage operand after resolution.
struct StorageOperand {
    var displacement = 0
    var base: UInt8 = 0
    var index: UInt8 = 0
    /// The length in bytes (SS); nil when the operand has none.
    var length: Int? = nil
    /// The address shown in the listing.
    var listedAddress: Int? = nil
}

/// What a storage operand may hold in parentheses.
enum StorageForm {
    /// D(B) or S.
    case baseOnly
    /// D(X,B), D(X), S(X) or S.
    case indexed
    /// D(L,B), S(L) or S: SS lengths up to `max` bytes.
    case length(max: Int)
}

extension Assembly {
    /// Pass 1 for a machine instruction: halfword alignment, the name, the literals, the length.
    func pass1Machine(_ e: OpcodeEntry) {
        let pad = align(2)
        statements[cur].pad = pad
        statements[cur].section = current
        statements[cur].location = sections[Int(current)].location
        statements[cur].length = e.info.length
        defineName(locationValue(), length: e.info.length, type: UInt8(ascii: "I"))
        let st = statements[cur]
        for r in Fields.operands(st.text, st.fields.operands) where !r.isEmpty && st.text[r.lowerBound] == Lexer.equal {
            registerLiteral(st.text, r)
        }
        advance(e.info.length)
    }

    /// Pass 2 for a machine instruction: the object code.
    func encodeMachine(_ e: OpcodeEntry) -> [UInt8] {
        let st = statements[cur]
        let info = e.info
        var ops = Fields.operands(st.text, st.fields.operands)
        var bytes = [UInt8](repeating: 0, count: info.length)
        if info.isTwoByte {
            bytes[0] = UInt8(info.code >> 8)
            bytes[1] = UInt8(info.code & 0xFF)
        } else {
            bytes[0] = UInt8(info.code)
        }
        // Count the operands the layout needs (the extended mnemonics supply M1).
        let needed: Int
        switch info.operands {
        case .r1, .immediate, .d1b1: needed = 1
        case .r1r2, .m1r2, .r1d2x2b2, .m1d2x2b2, .r1d2b2, .d1b1i2, .d1lb1d2b2, .d1l1b1d2l2b2: needed = 2
        case .r1r3d2b2, .r1m3d2b2, .d1l1b1d2b2i3: needed = 3
        }
        let want = e.mask == nil ? needed : needed - 1
        if ops.count < want || ops.contains(where: { $0.isEmpty }) {
            let at = ops.first(where: { $0.isEmpty })?.lowerBound ?? st.fields.operands.upperBound
            error(40, at: at)
            return bytes
        }
        if ops.count > want {
            error(62, at: ops[want].lowerBound)
            return bytes
        }
        if e.mask != nil { ops.insert(0..<0, at: 0) }
        let fp = info.floatingRegisters
        func reg(_ k: Int, fpr: Bool = false) -> UInt8 {
            if k == 0, let m = e.mask { return m }
            return register(ops[k], floating: fpr && fp)
        }
        switch info.operands {
        case .r1r2:
            let r1 = reg(0, fpr: true), r2 = reg(1, fpr: true)
            if info.format == .rre { bytes[3] = r1 << 4 | r2 } else { bytes[1] = r1 << 4 | r2 }
        case .r1:
            bytes[1] = reg(0) << 4
        case .m1r2:
            bytes[1] = (e.mask ?? mask(ops[0])) << 4 | reg(1)
        case .immediate:
            bytes[1] = immediate(ops[0], range: 0...255)
        case .r1d2x2b2, .m1d2x2b2:
            let r1 = info.operands == .m1d2x2b2 ? (e.mask ?? mask(ops[0])) : reg(0, fpr: true)
            let s = storage(ops[1], .indexed)
            bytes[1] = r1 << 4 | s.index
            put(s, &bytes, at: 2)
            statements[cur].addr2 = s.listedAddress
        case .r1r3d2b2:
            let r1 = register(ops[0], control: info.controlRegisters), r3 = register(ops[1], control: info.controlRegisters)
            let s = storage(ops[2], .baseOnly)
            bytes[1] = r1 << 4 | r3
            put(s, &bytes, at: 2)
            statements[cur].addr2 = s.listedAddress
        case .r1d2b2:
            let s = storage(ops[1], .baseOnly)
            bytes[1] = reg(0) << 4
            put(s, &bytes, at: 2)
            statements[cur].addr2 = s.listedAddress
        case .r1m3d2b2:
            let r1 = reg(0), m3 = mask(ops[1])
            let s = storage(ops[2], .baseOnly)
            bytes[1] = r1 << 4 | m3
            put(s, &bytes, at: 2)
            statements[cur].addr2 = s.listedAddress
        case .d1b1i2:
            let s = storage(ops[0], .baseOnly)
            bytes[1] = immediate(ops[1], range: -128...255)
            put(s, &bytes, at: 2)
            statements[cur].addr1 = s.listedAddress
        case .d1b1:
            let s = storage(ops[0], .baseOnly)
            put(s, &bytes, at: 2)
            statements[cur].addr2 = s.listedAddress
        case .d1lb1d2b2:
            let s1 = storage(ops[0], .length(max: 256))
            let s2 = storage(ops[1], .baseOnly)
            bytes[1] = UInt8(max(0, (s1.length ?? 1) - 1))
            put(s1, &bytes, at: 2)
            put(s2, &bytes, at: 4)
            statements[cur].addr1 = s1.listedAddress
            statements[cur].addr2 = s2.listedAddress
        case .d1l1b1d2l2b2:
            let s1 = storage(ops[0], .length(max: 16))
            let s2 = storage(ops[1], .length(max: 16))
            bytes[1] = UInt8(max(0, (s1.length ?? 1) - 1)) << 4 | UInt8(max(0, (s2.length ?? 1) - 1))
            put(s1, &bytes, at: 2)
            put(s2, &bytes, at: 4)
            statements[cur].addr1 = s1.listedAddress
            statements[cur].addr2 = s2.listedAddress
        case .d1l1b1d2b2i3:
            let s1 = storage(ops[0], .length(max: 16))
            let s2 = storage(ops[1], .baseOnly)
            let i3 = immediate(ops[2], range: 0...15)
            bytes[1] = UInt8(max(0, (s1.length ?? 1) - 1)) << 4 | (i3 & 0x0F)
            put(s1, &bytes, at: 2)
            put(s2, &bytes, at: 4)
            statements[cur].addr1 = s1.listedAddress
            statements[cur].addr2 = s2.listedAddress
        }
        return bytes
    }

    private func put(_ s: StorageOperand, _ bytes: inout [UInt8], at i: Int) {
        bytes[i] = s.base << 4 | UInt8((s.displacement >> 8) & 0x0F)
        bytes[i + 1] = UInt8(s.displacement & 0xFF)
    }

    /// A register operand: an absolute expression 0-15.
    func register(_ r: Range<Int>, floating: Bool = false, control: Bool = false) -> UInt8 {
        guard let v = absolute(t, r) else { return 0 }
        guard v >= 0 && v <= 15 else { error(29, at: r.lowerBound); return 0 }
        if floating && (v & 1 != 0 || v > 6) { error(706, at: r.lowerBound) }
        return UInt8(v)
    }

    /// A mask operand: an absolute expression 0-15.
    func mask(_ r: Range<Int>) -> UInt8 {
        guard let v = absolute(t, r) else { return 0 }
        guard v >= 0 && v <= 15 else { error(31, at: r.lowerBound); return 0 }
        return UInt8(v)
    }

    /// An immediate operand: an absolute expression in `range`, as a byte.
    func immediate(_ r: Range<Int>, range: ClosedRange<Int64>) -> UInt8 {
        guard let v = absolute(t, r) else { return 0 }
        guard range.contains(v) else { error(31, at: r.lowerBound); return 0 }
        return UInt8(truncatingIfNeeded: v)
    }

    /// A storage operand in one of its written forms.
    func storage(_ r: Range<Int>, _ form: StorageForm) -> StorageOperand {
        let text = t
        var out = StorageOperand()
        var value: Value
        var lengthAttr: Int?
        var end: Int
        if text[r.lowerBound] == Lexer.equal {
            guard let lit = literalReference(text, r) else { return out }
            value = lit.value
            lengthAttr = lit.length
            end = lit.end
        } else {
            let e = evaluate(text, from: r.lowerBound, limit: r.upperBound)
            if let err = e.error { error(err.number, at: err.offset, err.detail); return out }
            if e.undefined { error(44, at: r.lowerBound, e.undefinedName); return out }
            value = e.value
            lengthAttr = e.lengthAttribute
            end = e.end
        }
        // The parenthesized part.
        var parts: [Range<Int>] = []
        if end < r.upperBound {
            guard text[end] == Lexer.lparen, text[r.upperBound - 1] == Lexer.rparen else {
                error(end < r.upperBound && text[end] == Lexer.lparen ? 179 : 145, at: end)
                return out
            }
            parts = Fields.operands(text, (end + 1)..<(r.upperBound - 1))
            if parts.isEmpty { parts = [(end + 1)..<(end + 1)] }
            guard parts.count <= 2 else { error(62, at: parts[2].lowerBound); return out }
        }
        func absoluteOrZero(_ p: Range<Int>) -> Int64? { p.isEmpty ? 0 : absolute(text, p) }
        var explicitBase: UInt8? = nil
        switch form {
        case .baseOnly:
            if parts.count == 2 { error(62, at: parts[0].lowerBound); return out }
            if parts.count == 1 {
                guard let b = absoluteOrZero(parts[0]) else { return out }
                guard b >= 0 && b <= 15 else { error(29, at: parts[0].lowerBound); return out }
                explicitBase = UInt8(b)
            }
        case .indexed:
            if parts.count >= 1 {
                guard let x = absoluteOrZero(parts[0]) else { return out }
                guard x >= 0 && x <= 15 else { error(29, at: parts[0].lowerBound); return out }
                out.index = UInt8(x)
            }
            if parts.count == 2 {
                guard let b = absoluteOrZero(parts[1]) else { return out }
                guard b >= 0 && b <= 15 else { error(29, at: parts[1].lowerBound); return out }
                explicitBase = UInt8(b)
            }
        case .length(let maxLength):
            if parts.count >= 1 && !parts[0].isEmpty {
                guard let l = absolute(text, parts[0]) else { return out }
                guard l >= 0 && l <= Int64(maxLength) else { error(68, at: parts[0].lowerBound); return out }
                out.length = Int(l)
            } else {
                out.length = lengthAttr ?? 1
                if out.length! > maxLength {
                    error(68, at: r.lowerBound, "implied length \(out.length!)")
                    out.length = maxLength
                }
            }
            if parts.count == 2 {
                guard let b = absoluteOrZero(parts[1]) else { return out }
                guard b >= 0 && b <= 15 else { error(29, at: parts[1].lowerBound); return out }
                explicitBase = UInt8(b)
            }
        }
        if let b = explicitBase {
            guard value.isAbsolute else { error(28, at: r.lowerBound); return out }
            guard value.constant >= 0 && value.constant <= 4095 else { error(28, at: r.lowerBound); return out }
            out.base = b
            out.displacement = Int(value.constant)
            out.listedAddress = Int(value.constant)
            return out
        }
        if let (b, d) = resolve(value, at: r.lowerBound) {
            out.base = b
            out.displacement = d
        }
        out.listedAddress = Int(truncatingIfNeeded: address(of: value) & 0xFF_FFFF)
        return out
    }
}
