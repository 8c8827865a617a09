// USING and DROP (HLASM Language Reference, "USING instruction", "DROP
// instruction") and the resolution of implicit addresses into base and
// displacement (PoO, "Operand Address Generation": a 12-bit displacement
// added to a base register).
//
// An ordinary USING makes a register the base for 4096 bytes from its base
// address; `USING BASE,R1,R2,...` makes R2 the base 4096 bytes further on,
// and so on. A dependent USING (`USING DSECT,ADDRESS` with a relocatable
// second operand) maps the first operand onto an address that an active
// USING already covers, through that USING's register. An implicit address
// resolves through the USING giving the smallest displacement; between equal
// displacements the higher-numbered register wins. Absolute addresses 0-4095
// need no USING (base register 0).

/// One active USING: addresses from `base` (in `section`, -1 for absolute) resolve to `register`.
struct UsingEntry: Equatable {
    var section: Int32
    var base: Int64
    var register: UInt8
    /// Displacement of `base` from the register's value (dependent USINGs).
    var offset: Int
    var statement: Int32
}

extension Assembly {
    /// USING base,reg[,reg...] or USING base,address (dependent).
    func processUsing() {
        let st = statements[cur]
        let ops = Fields.operands(st.text, st.fields.operands)
        guard ops.count >= 2 else { error(40, at: st.fields.operands.upperBound); return }
        let b = evaluate(st.text, from: ops[0].lowerBound, limit: ops[0].upperBound)
        if let e = b.error { error(e.number, at: e.offset, e.detail); return }
        if b.undefined { error(44, at: ops[0].lowerBound, b.undefinedName); return }
        guard b.end == ops[0].upperBound else { error(145, at: b.end); return }
        let baseValue = b.value
        let section: Int32
        if baseValue.isAbsolute { section = -1 } else if let s = baseValue.simpleSection { section = s } else {
            error(78, at: ops[0].lowerBound)
            return
        }
        statements[cur].addr1 = Int(address(of: baseValue))
        // A relocatable second operand makes it a dependent USING.
        let second = evaluate(st.text, from: ops[1].lowerBound, limit: ops[1].upperBound)
        if second.error == nil && !second.undefined && !second.value.isAbsolute {
            guard ops.count == 2 else { error(62, at: ops[2].lowerBound); return }
            guard let (reg, disp) = resolve(second.value, at: ops[1].lowerBound) else { return }
            drop(section: section, base: baseValue.constant, keepingRegister: nil)
            usings.append(UsingEntry(section: section, base: baseValue.constant, register: reg, offset: disp,
                                     statement: st.number))
            return
        }
        var seen = Set<UInt8>()
        for (k, r) in ops.dropFirst().enumerated() {
            guard let v = absolute(st.text, r) else { continue }
            guard v >= 0 && v <= 15 else { error(29, at: r.lowerBound); continue }
            let reg = UInt8(v)
            if seen.contains(reg) { error(308, at: r.lowerBound, String(reg)); continue }
            seen.insert(reg)
            if reg == 0 && (baseValue.constant != 0 || !baseValue.isAbsolute) { error(302, at: r.lowerBound) }
            // A new USING for a register replaces the old one.
            usings.removeAll { $0.register == reg && $0.offset == 0 }
            usings.append(UsingEntry(section: section, base: baseValue.constant + Int64(4096 * k), register: reg,
                                     offset: 0, statement: st.number))
        }
    }

    private func drop(section: Int32, base: Int64, keepingRegister: UInt8?) {
        usings.removeAll { $0.offset != 0 && $0.section == section && $0.base == base }
    }

    /// DROP reg[,reg...], or DROP alone for all.
    func processDrop() {
        let st = statements[cur]
        let ops = Fields.operands(st.text, st.fields.operands)
        if ops.isEmpty {
            usings.removeAll()
            return
        }
        for r in ops {
            // DROP of a dependent USING names its first operand.
            let e = evaluate(st.text, from: r.lowerBound, limit: r.upperBound)
            if e.error == nil, !e.undefined, e.end == r.upperBound, let s = e.value.simpleSection {
                let before = usings.count
                usings.removeAll { $0.section == s && $0.base == e.value.constant && $0.offset != 0 }
                if usings.count == before { error(309, at: r.lowerBound) }
                continue
            }
            guard let v = absolute(st.text, r) else { continue }
            guard v >= 0 && v <= 15 else { error(29, at: r.lowerBound); continue }
            let before = usings.count
            usings.removeAll { $0.register == UInt8(v) }
            if usings.count == before { error(309, at: r.lowerBound, "register \(v) not in USING") }
        }
    }

    /// Resolves an implicit address into base register and displacement; reports
    /// ASMA307E (no USING for its section) or ASMA034E (beyond the USING range).
    func resolve(_ v: Value, at offset: Int) -> (UInt8, Int)? {
        let section: Int32
        if v.isAbsolute {
            if v.constant >= 0 && v.constant <= 4095 { return (0, Int(v.constant)) }
            section = -1
        } else if let s = v.simpleSection {
            section = s
        } else {
            error(78, at: offset)
            return nil
        }
        var best: (UInt8, Int)? = nil
        var nearest: Int64? = nil
        for u in usings where u.section == section {
            let d = v.constant - u.base + Int64(u.offset)
            if d >= 0 && d <= 4095 && v.constant >= u.base {
                if let b = best {
                    if d < b.1 || (d == b.1 && u.register > b.0) { best = (u.register, Int(d)) }
                } else {
                    best = (u.register, Int(d))
                }
            } else {
                let miss = d < 0 ? -d : d - 4095
                if nearest == nil || miss < nearest! { nearest = miss }
            }
        }
        if let b = best { return b }
        if let n = nearest {
            error(34, at: offset, "by \(n) bytes")
        } else if section >= 0 && sections[Int(section)].isExternal {
            error(32, at: offset)
        } else {
            error(307, at: offset)
        }
        return nil
    }

    /// PUSH USING / POP USING.
    func pushUsing() { usingStack.append(usings) }
    func popUsing() -> Bool {
        guard let u = usingStack.popLast() else { return false }
        usings = u
        return true
    }
}
