// The state of the macro processor (HLASM Language Reference, "How to
// specify macro definitions", "How to write conditional assembly
// instructions"): macro definitions, SET symbols, the expansion stack.
//
// Expansion is iterative: each active macro is a frame on an explicit stack
// (open code is the bottom frame), so runaway recursion is stopped by a depth
// limit and never by the host's stack. ACTR limits branches per frame, and a
// global limit on statements processed bounds any assembly.

import Foundation

/// The value of a SET symbol or an element of a SET array.
enum SetValue {
    case a(Int32)
    case b(Bool)
    case c([UInt8])
}

/// A SET symbol (scalar or array), local to a frame or global.
final class SetVariable {
    enum Kind: Equatable { case a, b, c }
    let kind: Kind
    /// Declared with a dimension: subscripted references.
    let dimensioned: Bool
    var scalar: SetValue
    var elements: [Int: SetValue] = [:]
    /// The highest subscript assigned (N' of an array).
    var highest = 0

    init(kind: Kind, dimensioned: Bool) {
        self.kind = kind
        self.dimensioned = dimensioned
        scalar = SetVariable.initial(kind)
    }

    static func initial(_ k: Kind) -> SetValue {
        switch k {
        case .a: return .a(0)
        case .b: return .b(false)
        case .c: return .c([])
        }
    }

    func get(_ index: Int?) -> SetValue {
        guard let s = index else { return scalar }
        return elements[s] ?? SetVariable.initial(kind)
    }

    func set(_ index: Int?, _ v: SetValue) {
        if let s = index {
            elements[s] = v
            if s > highest { highest = s }
        } else {
            scalar = v
        }
    }
}

/// A macro definition: prototype and body.
final class MacroDefinition {
    let name: String
    /// The name-field parameter (without &, upper case).
    var nameParameter: String?
    /// Positional parameters in order.
    var positional: [String] = []
    /// Keyword parameters and their default values, in order.
    var keywords: [(name: String, value: [UInt8])] = []
    /// The body: model statements and conditional-assembly statements.
    var body: [ModelStatement] = []
    /// Sequence symbols of the body: index of the statement they name.
    var sequence: [String: Int] = [:]
    /// Where the definition is.
    var file: Int32 = 0
    var line: Int32 = 0

    init(name: String) { self.name = name }

    var parameterNames: Set<String> {
        var s = Set(positional)
        for k in keywords { s.insert(k.name) }
        if let n = nameParameter { s.insert(n) }
        return s
    }
}

/// A statement of a macro body, as written (substitution happens at each expansion).
struct ModelStatement {
    var source: SourceStatement
    var fields: Fields
    /// The conditional-assembly operation it is, if any.
    var operation: MacroOperation?
    /// The upper-case operation field as written.
    var opcode: String
    /// A sequence symbol in its name field.
    var sequenceSymbol: String?
}

/// One active macro expansion, or open code.
final class MacroFrame {
    let definition: MacroDefinition?
    /// Symbolic parameters: name (upper case, no &) to value.
    var parameters: [String: [UInt8]] = [:]
    /// &SYSLIST: element 0 is the name field; 1... the positional operands.
    var syslist: [[UInt8]] = []
    var locals: [String: SetVariable] = [:]
    var globals: [String: SetVariable] = [:]
    /// The next body statement.
    var pc = 0
    /// The ACTR branch counter.
    var actr = 4096
    var sysndx = 0
    /// The outermost macro call in open code (for diagnostics).
    var callFile: Int32 = -1
    var callLine: Int32 = 0
    /// The section name when the macro was called (&SYSECT).
    var sysect: [UInt8] = []

    init(definition: MacroDefinition?) { self.definition = definition }
}

/// A stream of source records: open code, or a library member being read.
final class RecordStream {
    var records: [SourceRecord]
    var pos = 0
    var format = ColumnFormat()

    init(records: [SourceRecord]) { self.records = records }

    var atEnd: Bool { pos >= records.count }
}

/// Everything the macro processor keeps.
struct MacroState {
    var definitions: [String: MacroDefinition] = [:]
    var libraryMisses: Set<String> = []
    var globals: [String: SetVariable] = [:]
    var frames: [MacroFrame] = []
    var openCode: RecordStream? = nil
    /// Sequence symbols of open code: record index of the statement they name.
    var openSequence: [String: Int] = [:]
    var sysndx = 0
    /// Statements processed (model, conditional and open code), against the limit.
    var processed = 0
    var stopped = false
    /// Open-code ACTR was exceeded: branches are no longer taken.
    var openBranchesOff = false
    /// Messages issued while a statement was being made, for the listing.
    var pending: [Int32] = []
    /// Attributes found by looking ahead in open code, built on first use.
    var lookahead: [String: (type: UInt8, length: Int)]? = nil
    /// Whether the first statement has been read (ICTL is allowed only there).
    var started = false
    /// The highest MNOTE severity so far (&SYSM_HSEV).
    var highestMnote = 0
    /// The date and time of the assembly.
    var date = Date()
}

/// Limits that keep any input bounded.
enum MacroLimits {
    /// Nested macro calls.
    static let nesting = 200
    /// Longest SETC value (HLASM: 4064 characters in a character expression).
    static let setcLength = 4064
    /// COPY nesting.
    static let copyDepth = 50
}
