// The symbol table and the sections (HLASM Language Reference, "Symbols",
// "Defining symbols", "Sections, elements and parts").
//
// Ordinary symbols are case-insensitive (kept in upper case). Each has a
// value, a length attribute, a type attribute, scale and integer attributes
// for numeric constants, the statement that defined it and the statements
// that refer to it (for the cross-reference).

/// An ordinary symbol.
struct Symbol {
    var name: String
    var value = Value(0)
    /// Length attribute.
    var length = 1
    /// Type attribute, as a Latin-1 letter (U: unknown).
    var type: UInt8 = UInt8(ascii: "U")
    /// Scale attribute.
    var scale = 0
    /// Integer attribute.
    var integer = 0
    /// Defined (in pass 1).
    var defined = false
    /// The statement number that defined it (0: none).
    var definedAt: Int32 = 0
    /// Statement numbers that refer to it.
    var references: [Int32] = []
    /// The section it names, when it is a section or external name.
    var section: Int32? = nil
}

/// A section or an external symbol: anything a relocatable value can be relative to.
struct Section {
    enum Kind: Equatable {
        /// A control section (CSECT or START): an SD item.
        case control
        /// Unnamed control section: a PC item.
        case privateCode
        /// A dummy section (DSECT): no ESD item, no text.
        case dummy
        /// A common section (COM): a CM item.
        case common
        /// An external reference (EXTRN, V-type constant): an ER item.
        case external
        /// A weak external reference (WXTRN): a WX item.
        case weakExternal
    }
    var name: String
    var kind: Kind
    /// The location counter (offset from the section's start).
    var location = 0
    /// The highest location reached.
    var highWater = 0
    /// The assembled address of the section's start (control sections, from pass 1's end).
    var origin = 0
    /// ESD identifier (0: none).
    var esdid = 0
    /// The statement that began it.
    var definedAt: Int32 = 0
    /// Its length, after pass 1.
    var length: Int { highWater }
    /// Holds text (control sections and private code).
    var isControl: Bool { kind == .control || kind == .privateCode }
    /// An external symbol.
    var isExternal: Bool { kind == .external || kind == .weakExternal }
}

extension Assembly {
    /// The index of the symbol `name`, creating an undefined entry if needed.
    func symbolSlot(_ name: String) -> Int32 {
        if let i = symbolIndex[name] { return i }
        let i = Int32(symbols.count)
        symbols.append(Symbol(name: name))
        symbolIndex[name] = i
        return i
    }

    /// The defined symbol `name`, if any.
    func definedSymbol(_ name: String) -> Symbol? {
        guard let i = symbolIndex[name] else { return nil }
        let s = symbols[Int(i)]
        return s.defined ? s : nil
    }

    /// Defines the name-field symbol of the current statement; reports a duplicate.
    @discardableResult
    func defineName(_ value: Value, length: Int, type: UInt8, scale: Int = 0, integer: Int = 0) -> Int32? {
        guard let r = statements[cur].fields.name else { return nil }
        let text = statements[cur].text
        if text[r.lowerBound] == Lexer.period { return nil }   // a sequence symbol
        let end = Lexer.symbolEnd(text, r.lowerBound)
        guard end == r.upperBound, r.count <= 63 else {
            error(end == r.lowerBound ? 147 : 143, at: r.lowerBound)
            return nil
        }
        let name = upperText(r)
        return define(name, value, length: length, type: type, scale: scale, integer: integer, at: r.lowerBound)
    }

    /// Defines a symbol; reports ASMA043E when it is already defined.
    @discardableResult
    func define(_ name: String, _ value: Value, length: Int, type: UInt8, scale: Int = 0, integer: Int = 0,
                at offset: Int) -> Int32? {
        let i = symbolSlot(name)
        if symbols[Int(i)].defined {
            error(43, at: offset, name)
            return nil
        }
        symbols[Int(i)].value = value
        symbols[Int(i)].length = length
        symbols[Int(i)].type = type
        symbols[Int(i)].scale = scale
        symbols[Int(i)].integer = integer
        symbols[Int(i)].defined = true
        symbols[Int(i)].definedAt = cur >= 0 ? statements[cur].number : 0
        return i
    }

    // MARK: Sections

    /// The location counter as a value.
    func locationValue() -> Value {
        let s = ensureSection()
        return Value(Int64(sections[Int(s)].location), section: s)
    }

    /// The current section, creating the unnamed private-code section when code comes first.
    @discardableResult
    func ensureSection() -> Int32 {
        if current >= 0 { return current }
        current = newSection("", kind: .privateCode)
        return current
    }

    /// Adds a section or external symbol.
    func newSection(_ name: String, kind: Section.Kind) -> Int32 {
        var s = Section(name: name, kind: kind)
        s.definedAt = cur >= 0 ? statements[cur].number : 0
        sections.append(s)
        return Int32(sections.count - 1)
    }

    /// Advances the location counter of the current section.
    func advance(_ n: Int) {
        let s = Int(ensureSection())
        sections[s].location += n
        if sections[s].location > sections[s].highWater { sections[s].highWater = sections[s].location }
    }

    /// Aligns the location counter to `boundary` (a power of 2); returns the bytes skipped.
    func align(_ boundary: Int) -> Int {
        guard boundary > 1 else { return 0 }
        let s = Int(ensureSection())
        let loc = sections[s].location
        let pad = (boundary - loc % boundary) % boundary
        if pad > 0 { advance(pad) }
        return pad
    }

    /// The assembled address of a value: its constant part plus the origins of its control sections.
    func address(of v: Value) -> Int64 {
        var a = v.constant
        for t in v.relocs {
            let s = sections[Int(t.section)]
            if s.isControl { a += Int64(s.origin) * Int64(t.count) }
        }
        return a
    }

    /// Records a reference to a symbol by the current statement (pass 2, for the cross-reference).
    func noteReference(_ i: Int32) {
        guard pass == 2, cur >= 0 else { return }
        let n = statements[cur].number
        if symbols[Int(i)].references.last != n { symbols[Int(i)].references.append(n) }
    }
}
