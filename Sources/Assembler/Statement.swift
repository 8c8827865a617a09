// One statement of the assembly as the passes see it: open code or generated
// by a macro, its fields, what it does, and what pass 1 and pass 2 found.

/// Where a statement came from.
struct StatementOrigin {
    /// The file index.
    var file: Int32
    /// The first record's line.
    var line: Int32
    /// How many records it took (open code); 1 for generated statements.
    var lineCount: Int32
    /// Column mapping of the text (open code); empty for generated statements.
    var pieces: [SourcePiece]
    /// Produced by a macro expansion (the text is the generated text).
    var generated: Bool
    /// The outermost macro call, for generated statements: file and line.
    var callFile: Int32 = -1
    var callLine: Int32 = 0
    /// The macro whose expansion produced it.
    var macroName: String? = nil
}

/// Assembler instructions (HLASM Language Reference, "Assembler instruction statements").
enum Directive: String, CaseIterable {
    case START, CSECT, DSECT, COM, END, USING, DROP, EQU, ORG, LTORG, DC, DS, CNOP, CCW
    case ENTRY, EXTRN, WXTRN, COPY, PUNCH, REPRO, TITLE, EJECT, SPACE, PRINT, PUSH, POP
    case ICTL, OPSYN, AMODE, RMODE, ISEQ
}

/// The macro and conditional-assembly operations (processed before the passes, listed in open code).
enum MacroOperation: String, CaseIterable {
    case MACRO, MEND, MEXIT, SETA, SETB, SETC, LCLA, LCLB, LCLC, GBLA, GBLB, GBLC
    case AIF, AGO, ANOP, ACTR, MNOTE, AREAD
}

/// What a statement does.
enum StatementKind {
    /// A comment, a blank statement, or one the assembler ignores.
    case comment
    /// A machine instruction (or extended mnemonic: the mask it supplies).
    case machine(OpcodeEntry)
    /// An assembler instruction.
    case directive(Directive)
    /// A macro instruction (listed; its expansion follows).
    case macroCall
    /// A conditional-assembly or macro-definition statement in open code (listed only).
    case conditional
    /// An MNOTE (listed).
    case mnote
    /// A statement in error that generates nothing.
    case invalid
}

/// A statement of the assembly.
struct Statement {
    /// The text (generated text for macro expansions).
    var text: [UInt8]
    /// The fields of `text`.
    var fields: Fields
    /// Where it came from.
    var origin: StatementOrigin
    /// The statement number in the listing.
    var number: Int32
    /// Macro nesting level: 0 in open code.
    var level: Int16
    /// What it does.
    var kind: StatementKind = .comment
    /// The upper-case operation code.
    var opcode: String = ""
    /// Whether it is printed in the listing (PRINT OFF/NOGEN).
    var listed = true
    /// PRINT DATA was in effect (all bytes of constants listed).
    var listData = false

    // Pass 1.
    /// The section it is in (-1: none).
    var section: Int32 = -1
    /// Its location: offset in the section, after alignment.
    var location: Int = 0
    /// Bytes it occupies from `location`.
    var length: Int = 0
    /// Alignment bytes before `location` (zeros for instructions and DC).
    var pad: Int = 0
    /// The literal pool in effect.
    var pool: Int32 = 0
    /// The layout of a DC or DS (each operand's alignment, length and count), fixed in pass 1.
    var constants: [ConstantOperand]? = nil
    /// The location counter was changed (ORG, START, CSECT ...): the listing shows the new value.
    var showsLocation = true

    // Pass 2.
    /// Object code (for the listing).
    var object: [UInt8] = []
    /// The ADDR1 and ADDR2 listing fields.
    var addr1: Int? = nil
    var addr2: Int? = nil
    /// Diagnostics issued for it (indices into the assembly's diagnostics).
    var messages: [Int32] = []
}

/// A machine-instruction entry: the opcode-table line, and the mask an extended mnemonic supplies.
struct OpcodeEntry {
    var info: OpcodeInfo
    /// For extended branch mnemonics: the M1 field the mnemonic implies.
    var mask: UInt8?
}

import S370CPU
