// DC and DS in the passes (HLASM Language Reference, "DC instruction"):
// pass 1 aligns each operand (unless it has an explicit length), defines the
// name with the first operand's attributes and reserves the space; pass 2
// converts the nominal values, fills alignment gaps of DC with zeros and
// records a relocation item for each relocatable term of an address constant.

import Records

extension Assembly {
    /// Pass 1 of DC (`isDS` false) and DS.
    func pass1Constants(isDS: Bool) {
        let st = statements[cur]
        let ops = Fields.operands(st.text, st.fields.operands)
        let s = ensureSection()
        statements[cur].section = s
        statements[cur].location = sections[Int(s)].location
        guard !ops.isEmpty, !ops.contains(where: { $0.isEmpty }) else {
            error(40, at: st.fields.operands.lowerBound)
            defineName(locationValue(), length: 1, type: UInt8(ascii: "U"))
            return
        }
        var layout: [ConstantOperand] = []
        var first = true
        var start = sections[Int(s)].location
        for r in ops {
            guard var op = parseConstant(st.text, r, requireValue: !isDS) else {
                if first { defineName(locationValue(), length: 1, type: UInt8(ascii: "U")) }
                first = false
                continue
            }
            if op.totalLength > 0xFF_FFFF {
                error(68, at: r.lowerBound)
                op.duplication = 0
            }
            if op.type == UInt8(ascii: "V") && !isDS {
                for v in op.values { _ = externalReference(st.text, v, weak: false) }
            }
            let pad = align(op.alignment)
            op.location = sections[Int(s)].location
            if first {
                statements[cur].pad = pad
                statements[cur].location = op.location
                start = op.location
                let (scale, integer) = numericAttributes(st.text, op)
                defineName(locationValue(), length: op.lengthAttribute, type: typeAttribute(op),
                           scale: scale, integer: integer)
                first = false
            }
            advance(op.totalLength)
            layout.append(op)
        }
        if sections[Int(s)].location > 0xFF_FFFF { error(39, at: st.fields.operands.lowerBound) }
        statements[cur].constants = layout
        statements[cur].length = sections[Int(s)].location - start
    }

    /// The type attribute a DC/DS operand gives its name (HLASM Language Reference, "Type attribute").
    func typeAttribute(_ op: ConstantOperand) -> UInt8 {
        guard op.explicitLength != nil else { return op.type }
        switch op.type {
        case UInt8(ascii: "F"), UInt8(ascii: "H"): return UInt8(ascii: "G")
        case UInt8(ascii: "E"), UInt8(ascii: "D"), UInt8(ascii: "L"): return UInt8(ascii: "K")
        case UInt8(ascii: "A"), UInt8(ascii: "Y"), UInt8(ascii: "V"), UInt8(ascii: "S"): return UInt8(ascii: "R")
        default: return op.type
        }
    }

    /// The scale and integer attributes of a numeric constant (HLASM Language Reference,
    /// "Scale attribute", "Integer attribute").
    func numericAttributes(_ t: [UInt8], _ op: ConstantOperand) -> (Int, Int) {
        let l = op.lengthAttribute
        switch op.type {
        case UInt8(ascii: "F"), UInt8(ascii: "H"):
            let s = op.scale ?? 0
            return (s, 8 * l - s - 1)
        case UInt8(ascii: "E"), UInt8(ascii: "D"):
            let s = op.scale ?? 0
            return (s, 2 * (l - 1) - s)
        case UInt8(ascii: "L"):
            let s = op.scale ?? 0
            return (s, 2 * (l - 1) - s - 2)
        case UInt8(ascii: "P"), UInt8(ascii: "Z"):
            var s = 0
            if let v = op.values.first, let n = DecimalNumber.parse(t[v], allowExponent: false) { s = n.fractionDigits }
            return (s, op.type == UInt8(ascii: "P") ? 2 * l - s - 1 : l - s)
        default:
            return (0, 0)
        }
    }

    /// Pass 2 of DC: the constants' bytes, with zeros in alignment gaps.
    func generateConstants() {
        guard let layout = statements[cur].constants else { return }
        let s = statements[cur].section
        var at = statements[cur].location - statements[cur].pad
        for op in layout {
            if op.location > at {
                emit([UInt8](repeating: 0, count: op.location - at), section: s, at: at, listed: at >= statements[cur].location)
            }
            let bytes = encodeConstant(statements[cur].text, op, section: s, location: op.location, star: nil, reportOffset: 0)
            emit(bytes, section: s, at: op.location, listed: true)
            at = op.location + op.totalLength
        }
    }

    /// The bytes of one DC operand at `location` of `section` (relocation items recorded).
    func encodeConstant(_ text: [UInt8], _ op: ConstantOperand, section: Int32, location: Int, star: Value?,
                        reportOffset: Int) -> [UInt8] {
        guard op.duplication > 0 else { return [] }
        if ConstantOperand.isAddressType(op.type) {
            var out: [UInt8] = []
            out.reserveCapacity(op.totalLength)
            var loc = location
            for _ in 0..<op.duplication {
                for (k, v) in op.values.enumerated() {
                    let len = op.lengths[k]
                    out += addressConstant(text, v, type: op.type, length: len, section: section, location: loc,
                                           star: star ?? Value(Int64(loc), section: section))
                    loc += len
                }
            }
            return out
        }
        var unit: [UInt8] = []
        for (k, v) in op.values.enumerated() {
            let len = op.lengths[k]
            switch valueBytes(text, v, op, length: len) {
            case .success(let b): unit += b
            case .failure(let e):
                error(e.number, at: reportOffset + v.lowerBound)
                unit += [UInt8](repeating: 0, count: len)
            }
        }
        if op.duplication == 1 { return unit }
        var out: [UInt8] = []
        out.reserveCapacity(unit.count * op.duplication)
        for _ in 0..<op.duplication { out += unit }
        return out
    }

    /// One nominal value of a C, X, B, F, H, P, Z, E, D or L constant.
    func valueBytes(_ t: [UInt8], _ v: Range<Int>, _ op: ConstantOperand, length: Int) -> Result<[UInt8], ConstantError> {
        switch op.type {
        case UInt8(ascii: "C"):
            var b = Lexer.unquote(t[v]).map { EBCDIC.fromLatin1[Int($0)] }
            if b.count > length { b.removeLast(b.count - length) }
            if b.count < length { b += [UInt8](repeating: EBCDIC.blank, count: length - b.count) }
            return .success(b)
        case UInt8(ascii: "X"):
            var nibbles: [UInt8] = []
            for c in t[v] {
                guard let d = SelfDefiningTerm.hexDigit(c) else { return .failure(ConstantError(148)) }
                nibbles.append(d)
            }
            if nibbles.count % 2 == 1 { nibbles.insert(0, at: 0) }
            var b: [UInt8] = []
            var i = 0
            while i < nibbles.count { b.append(nibbles[i] << 4 | nibbles[i + 1]); i += 2 }
            return .success(NumericConstant.fit(b, length, fill: 0))
        case UInt8(ascii: "B"):
            var bits: [UInt8] = []
            for c in t[v] {
                guard c == 0x30 || c == 0x31 else { return .failure(ConstantError(148)) }
                bits.append(c - 0x30)
            }
            while bits.count % 8 != 0 { bits.insert(0, at: 0) }
            var b: [UInt8] = []
            var i = 0
            while i < bits.count {
                var byte: UInt8 = 0
                for k in 0..<8 { byte = byte << 1 | bits[i + k] }
                b.append(byte)
                i += 8
            }
            return .success(NumericConstant.fit(b, length, fill: 0))
        case UInt8(ascii: "F"), UInt8(ascii: "H"):
            guard let n = DecimalNumber.parse(t[v], allowUnsigned: true) else { return .failure(ConstantError(41)) }
            return NumericConstant.fixed(n, length: length, scale: op.scale, exponentModifier: op.exponent)
        case UInt8(ascii: "P"):
            guard let n = DecimalNumber.parse(t[v], allowExponent: false) else { return .failure(ConstantError(41)) }
            return NumericConstant.packed(n, length: length)
        case UInt8(ascii: "Z"):
            guard let n = DecimalNumber.parse(t[v], allowExponent: false) else { return .failure(ConstantError(41)) }
            return NumericConstant.zoned(n, length: length)
        case UInt8(ascii: "E"), UInt8(ascii: "D"), UInt8(ascii: "L"):
            guard let n = DecimalNumber.parse(t[v]) else { return .failure(ConstantError(41)) }
            let scale = op.scale ?? 0
            let maxScale = op.type == UInt8(ascii: "L") ? 27 : 2 * length - 3
            guard scale >= 0 && scale <= max(0, maxScale) else { return .failure(ConstantError(70)) }
            return NumericConstant.floating(n, length: length, extended: op.type == UInt8(ascii: "L"),
                                            scale: scale, exponentModifier: op.exponent)
        default:
            return .failure(ConstantError(65))
        }
    }

    /// One A, Y, V or S address constant.
    func addressConstant(_ t: [UInt8], _ v: Range<Int>, type: UInt8, length: Int, section: Int32, location: Int,
                         star: Value) -> [UInt8] {
        let zero = [UInt8](repeating: 0, count: length)
        let isText = sections[Int(section)].isControl
        switch type {
        case UInt8(ascii: "V"):
            guard let ext = externalReference(t, v, weak: false) else { return zero }
            if isText {
                relocations.append(RelocationItem(target: ext, position: section, offset: location, length: length,
                                                  negative: false, vType: true))
            }
            return zero
        case UInt8(ascii: "S"):
            return sConstant(t, v)
        default:
            let e = evaluate(t, from: v.lowerBound, limit: v.upperBound, EvalOptions(location: star))
            if let err = e.error { error(err.number, at: err.offset, err.detail); return zero }
            if e.undefined { error(44, at: v.lowerBound, e.undefinedName); return zero }
            guard e.end == v.upperBound else { error(145, at: e.end); return zero }
            let value = e.value
            if !value.isAbsolute {
                for term in value.relocs where sections[Int(term.section)].kind == .dummy {
                    _ = term
                    error(32, at: v.lowerBound, "a dummy section cannot be relocated")
                    return zero
                }
                if length < 2 { error(68, at: v.lowerBound); return zero }
                if length == 2 { error(66, at: v.lowerBound) }
                if isText {
                    for term in value.relocs {
                        for _ in 0..<abs(Int(term.count)) {
                            relocations.append(RelocationItem(target: term.section, position: section, offset: location,
                                                              length: length, negative: term.count < 0, vType: false))
                        }
                    }
                }
            } else {
                // An absolute value must fit the field, signed or unsigned.
                let bits = length * 8
                if bits < 64 {
                    let c = value.constant
                    if c >= (Int64(1) << bits) || c < -(Int64(1) << (bits - 1)) { error(72, at: v.lowerBound) }
                }
            }
            let a = address(of: value)
            return NumericConstant.bigEndian(UInt64(bitPattern: a), length)
        }
    }

    /// An S-type constant: base and displacement as a halfword, from S(expr) or S(D(B)).
    func sConstant(_ t: [UInt8], _ v: Range<Int>) -> [UInt8] {
        let e = evaluate(t, from: v.lowerBound, limit: v.upperBound)
        if let err = e.error { error(err.number, at: err.offset, err.detail); return [0, 0] }
        if e.undefined { error(44, at: v.lowerBound, e.undefinedName); return [0, 0] }
        if e.end < v.upperBound {
            // D(B): an explicit base.
            guard t[e.end] == Lexer.lparen, t[v.upperBound - 1] == Lexer.rparen else { error(145, at: e.end); return [0, 0] }
            guard let b = absolute(t, (e.end + 1)..<(v.upperBound - 1)), b >= 0 && b <= 15 else {
                error(29, at: e.end + 1)
                return [0, 0]
            }
            guard e.value.isAbsolute, e.value.constant >= 0 && e.value.constant <= 4095 else {
                error(28, at: v.lowerBound)
                return [0, 0]
            }
            let hw = UInt16(b) << 12 | UInt16(e.value.constant)
            return [UInt8(hw >> 8), UInt8(hw & 0xFF)]
        }
        guard let (b, d) = resolve(e.value, at: v.lowerBound) else { return [0, 0] }
        let hw = UInt16(b) << 12 | UInt16(d)
        return [UInt8(hw >> 8), UInt8(hw & 0xFF)]
    }

    /// The external symbol a V-type constant names, created (as ER) on first use.
    func externalReference(_ t: [UInt8], _ v: Range<Int>, weak: Bool) -> Int32? {
        let end = Lexer.symbolEnd(t, v.lowerBound)
        guard end == v.upperBound, end > v.lowerBound, v.count <= 8 else {
            error(152, at: v.lowerBound)
            return nil
        }
        let name = Lexer.upperString(t[v])
        return externalSection(name, weak: weak)
    }

    /// The ER (or WX) section for `name`, created when new.
    func externalSection(_ name: String, weak: Bool) -> Int32 {
        if let s = externals[name] { return s }
        let s = newSection(name, kind: weak ? .weakExternal : .external)
        externals[name] = s
        return s
    }
}
