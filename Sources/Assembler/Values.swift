// Assembly-time values (HLASM Language Reference, "Absolute and relocatable
// expressions"): a constant part and the relocatable terms that are added to
// it. An absolute value has no terms; a simply relocatable value has one
// term with count +1; anything else is complexly relocatable, allowed only in
// A-type and Y-type address constants (one RLD item per term).
//
// A relocatable term names a section (a control section, a dummy section or
// an external symbol) by its index in the assembly's section list. During
// pass 1 the constant part of a symbol in a control section is its offset in
// the section; the section's assembled origin is added when the value is
// placed in the object code (`Assembly.address(of:)`).

/// One relocatable term: a section and how many times it is added (negative: subtracted).
struct RelocTerm: Equatable {
    var section: Int32
    var count: Int32
}

/// A value with its relocatability.
struct Value: Equatable {
    var constant: Int64
    var relocs: [RelocTerm] = []

    init(_ constant: Int64) { self.constant = constant }
    init(_ constant: Int64, section: Int32) {
        self.constant = constant
        relocs = [RelocTerm(section: section, count: 1)]
    }

    /// No relocatable terms.
    var isAbsolute: Bool { relocs.isEmpty }
    /// The section of a simply relocatable value.
    var simpleSection: Int32? { relocs.count == 1 && relocs[0].count == 1 ? relocs[0].section : nil }

    static func + (a: Value, b: Value) -> Value {
        var r = a
        r.constant = a.constant &+ b.constant
        for t in b.relocs { r.addTerm(t.section, t.count) }
        return r
    }

    static func - (a: Value, b: Value) -> Value {
        var r = a
        r.constant = a.constant &- b.constant
        for t in b.relocs { r.addTerm(t.section, -t.count) }
        return r
    }

    static prefix func - (a: Value) -> Value {
        var r = Value(0 &- a.constant)
        r.relocs = a.relocs.map { RelocTerm(section: $0.section, count: -$0.count) }
        return r
    }

    mutating func addTerm(_ section: Int32, _ count: Int32) {
        if let i = relocs.firstIndex(where: { $0.section == section }) {
            relocs[i].count += count
            if relocs[i].count == 0 { relocs.remove(at: i) }
        } else if count != 0 {
            relocs.append(RelocTerm(section: section, count: count))
            if relocs.count > 1 { relocs.sort { $0.section < $1.section } }
        }
    }
}

/// The result of evaluating an expression.
struct Expr {
    /// The value (meaningless when `undefined`).
    var value: Value
    /// Where the expression ends in the text.
    var end: Int
    /// A symbol in it is not (yet) defined.
    var undefined = false
    /// The length attribute of the leftmost term (nil for terms without one).
    var lengthAttribute: Int?
    /// The first error: message number, text offset and an optional detail.
    var error: (number: Int, offset: Int, detail: String?)?
    /// The name of the first undefined symbol.
    var undefinedName: String?
}
