// Operation codes: the machine instructions come from the CPU's opcode table
// (the one source of truth); the extended branch mnemonics (HLASM Language
// Reference, "Branching with extended mnemonic codes") are BC and BCR with
// the condition mask supplied by the mnemonic.

import S370CPU

enum Mnemonics {
    /// The extended mnemonics for BC (RX) and BCR (RR): name and mask.
    static let extendedBranches: [(String, String, UInt8)] = [
        // (BC form, BCR form, mask)
        ("B", "BR", 15), ("NOP", "NOPR", 0),
        // After compare instructions.
        ("BH", "BHR", 2), ("BL", "BLR", 4), ("BE", "BER", 8),
        ("BNH", "BNHR", 13), ("BNL", "BNLR", 11), ("BNE", "BNER", 7),
        // After arithmetic instructions.
        ("BO", "BOR", 1), ("BP", "BPR", 2), ("BM", "BMR", 4), ("BZ", "BZR", 8),
        ("BNO", "BNOR", 14), ("BNP", "BNPR", 13), ("BNM", "BNMR", 11), ("BNZ", "BNZR", 7),
    ]

    /// Every machine mnemonic (the opcode table and the extended mnemonics), by name.
    static let table: [String: OpcodeEntry] = {
        var d: [String: OpcodeEntry] = [:]
        for e in opcodeTable { d[e.mnemonic] = OpcodeEntry(info: e, mask: nil) }
        if let bc = Opcodes.byMnemonic["BC"], let bcr = Opcodes.byMnemonic["BCR"] {
            for (rx, rr, m) in extendedBranches {
                d[rx] = OpcodeEntry(info: bc, mask: m)
                d[rr] = OpcodeEntry(info: bcr, mask: m)
            }
        }
        // IBM's assembler spells 83 as DIAG; DIAGNOSE is the Principles of Operation's name for it.
        if let diag = d["DIAG"] { d["DIAGNOSE"] = diag }
        return d
    }()

    /// The assembler instructions, by name.
    static let directives: [String: Directive] = {
        var d: [String: Directive] = [:]
        for x in Directive.allCases { d[x.rawValue] = x }
        // CCW0 is HLASM's name for the format-0 CCW that CCW assembles.
        d["CCW0"] = .CCW
        return d
    }()

    /// The macro and conditional-assembly operations, by name.
    static let macroOperations: [String: MacroOperation] = {
        var d: [String: MacroOperation] = [:]
        for x in MacroOperation.allCases { d[x.rawValue] = x }
        return d
    }()
}

/// What an operation code names.
enum Operation {
    case machine(OpcodeEntry)
    case directive(Directive)
    case macroOperation(MacroOperation)
    case macro(MacroDefinition)
    case unknown
}

extension Assembly {
    /// Resolves an operation code: OPSYN first, then macro definitions (which override
    /// machine and assembler instructions), the opcode table, assembler instructions,
    /// conditional-assembly operations, and last the macro libraries.
    func operation(_ name: String, searchLibrary: Bool = true) -> Operation {
        var n = name
        if let syn = opsyn[name] {
            if syn.isEmpty { return .unknown }
            n = syn
        }
        if let m = macro.definitions[n] { return .macro(m) }
        if let e = Mnemonics.table[n] { return .machine(e) }
        if let d = Mnemonics.directives[n] { return .directive(d) }
        if let m = Mnemonics.macroOperations[n] { return .macroOperation(m) }
        if searchLibrary, let m = libraryMacro(n) { return .macro(m) }
        return .unknown
    }
}
