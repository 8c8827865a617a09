// The opcode table: the single source of truth for the System/370 instruction
// set of this machine (../shared/reference/s370-instructions.md).
//
// The CPU's dispatch, the disassembler, the tracer, the assembler's mnemonic
// table and the conformance coverage report all read it. A test executes every
// opcode (listed and unlisted) and checks that the dispatch agrees with it:
// a listed opcode never gives an operation exception, an unlisted one always does.

/// Instruction formats (PoO, "Instruction Formats").
public enum InstructionFormat: String, Sendable {
    /// RR: op R1 R2, 2 bytes.
    case rr = "RR"
    /// RX: op R1 X2 B2 D2, 4 bytes.
    case rx = "RX"
    /// RS: op R1 R3 B2 D2, 4 bytes.
    case rs = "RS"
    /// SI: op I2 B1 D1, 4 bytes.
    case si = "SI"
    /// S: op(16) B2 D2, 4 bytes.
    case s = "S"
    /// SS: op L1 L2 (or L) B1 D1 B2 D2, 6 bytes.
    case ss = "SS"
    /// RRE: op(16) unused(8) R1 R2, 4 bytes (IPTE).
    case rre = "RRE"

    /// Instruction length in bytes.
    public var length: Int {
        switch self {
        case .rr: return 2
        case .rx, .rs, .si, .s, .rre: return 4
        case .ss: return 6
        }
    }
}

/// How the operands are written in assembler language and shown by the disassembler.
public enum OperandLayout: Sendable {
    /// `R1,R2`
    case r1r2
    /// `R1` (SPM)
    case r1
    /// `M1,R2` (BCR)
    case m1r2
    /// `I` (SVC)
    case immediate
    /// `R1,D2(X2,B2)`
    case r1d2x2b2
    /// `M1,D2(X2,B2)` (BC)
    case m1d2x2b2
    /// `R1,R3,D2(B2)`
    case r1r3d2b2
    /// `R1,D2(B2)` (shifts)
    case r1d2b2
    /// `R1,M3,D2(B2)` (ICM, STCM, CLM)
    case r1m3d2b2
    /// `D1(B1),I2`
    case d1b1i2
    /// `D1(B1)` or `D2(B2)`: one storage operand (SSM, LPSW, TS, S format)
    case d1b1
    /// `D1(L,B1),D2(B2)`
    case d1lb1d2b2
    /// `D1(L1,B1),D2(L2,B2)`
    case d1l1b1d2l2b2
    /// `D1(L1,B1),D2(B2),I3` (SRP)
    case d1l1b1d2b2i3
}

/// The instruction families, one source file each in the CPU.
public enum InstructionFamily: String, CaseIterable, Sendable {
    case fixedPoint = "fixed-point"
    case logical
    case branching
    case decimal
    case floatingPoint = "floating-point"
    case control
    case io = "I/O"
}

/// One line of the opcode table.
public struct OpcodeInfo: Sendable {
    /// The operation code: one byte, or two for B2xx and the I/O instructions (9Cxx-9Fxx).
    public let code: UInt16
    /// The assembler mnemonic.
    public let mnemonic: String
    /// The instruction's name in the Principles of Operation.
    public let name: String
    /// The format.
    public let format: InstructionFormat
    /// How its operands are written.
    public let operands: OperandLayout
    /// Privileged: a privileged-operation exception in the problem state.
    public let privileged: Bool
    /// Its family.
    public let family: InstructionFamily
    /// Whether register operands name floating-point registers.
    public let floatingRegisters: Bool
    /// Whether register operands name control registers (LCTL, STCTL).
    public let controlRegisters: Bool

    /// Whether the operation code is two bytes (B2xx, 9Cxx-9Fxx).
    public var isTwoByte: Bool { code > 0xFF }
    /// The instruction length in bytes.
    public var length: Int { format.length }
}

private func op(_ code: UInt16, _ mnemonic: String, _ format: InstructionFormat, _ operands: OperandLayout,
                _ family: InstructionFamily, _ name: String, privileged: Bool = false,
                fp: Bool = false, control: Bool = false) -> OpcodeInfo {
    OpcodeInfo(code: code, mnemonic: mnemonic, name: name, format: format, operands: operands,
               privileged: privileged, family: family, floatingRegisters: fp, controlRegisters: control)
}

/// The System/370 opcode table of this machine, in opcode order.
public let opcodeTable: [OpcodeInfo] = [
    // RR
    op(0x04, "SPM", .rr, .r1, .branching, "Set Program Mask"),
    op(0x05, "BALR", .rr, .r1r2, .branching, "Branch and Link"),
    op(0x06, "BCTR", .rr, .r1r2, .branching, "Branch on Count"),
    op(0x07, "BCR", .rr, .m1r2, .branching, "Branch on Condition"),
    op(0x08, "SSK", .rr, .r1r2, .control, "Set Storage Key", privileged: true),
    op(0x09, "ISK", .rr, .r1r2, .control, "Insert Storage Key", privileged: true),
    op(0x0A, "SVC", .rr, .immediate, .branching, "Supervisor Call"),
    op(0x0E, "MVCL", .rr, .r1r2, .logical, "Move Long"),
    op(0x0F, "CLCL", .rr, .r1r2, .logical, "Compare Logical Long"),
    op(0x10, "LPR", .rr, .r1r2, .fixedPoint, "Load Positive"),
    op(0x11, "LNR", .rr, .r1r2, .fixedPoint, "Load Negative"),
    op(0x12, "LTR", .rr, .r1r2, .fixedPoint, "Load and Test"),
    op(0x13, "LCR", .rr, .r1r2, .fixedPoint, "Load Complement"),
    op(0x14, "NR", .rr, .r1r2, .logical, "And"),
    op(0x15, "CLR", .rr, .r1r2, .logical, "Compare Logical"),
    op(0x16, "OR", .rr, .r1r2, .logical, "Or"),
    op(0x17, "XR", .rr, .r1r2, .logical, "Exclusive Or"),
    op(0x18, "LR", .rr, .r1r2, .fixedPoint, "Load"),
    op(0x19, "CR", .rr, .r1r2, .fixedPoint, "Compare"),
    op(0x1A, "AR", .rr, .r1r2, .fixedPoint, "Add"),
    op(0x1B, "SR", .rr, .r1r2, .fixedPoint, "Subtract"),
    op(0x1C, "MR", .rr, .r1r2, .fixedPoint, "Multiply"),
    op(0x1D, "DR", .rr, .r1r2, .fixedPoint, "Divide"),
    op(0x1E, "ALR", .rr, .r1r2, .logical, "Add Logical"),
    op(0x1F, "SLR", .rr, .r1r2, .logical, "Subtract Logical"),
    // RR floating point
    op(0x20, "LPDR", .rr, .r1r2, .floatingPoint, "Load Positive (long)", fp: true),
    op(0x21, "LNDR", .rr, .r1r2, .floatingPoint, "Load Negative (long)", fp: true),
    op(0x22, "LTDR", .rr, .r1r2, .floatingPoint, "Load and Test (long)", fp: true),
    op(0x23, "LCDR", .rr, .r1r2, .floatingPoint, "Load Complement (long)", fp: true),
    op(0x24, "HDR", .rr, .r1r2, .floatingPoint, "Halve (long)", fp: true),
    op(0x25, "LRDR", .rr, .r1r2, .floatingPoint, "Load Rounded (extended to long)", fp: true),
    op(0x26, "MXR", .rr, .r1r2, .floatingPoint, "Multiply (extended)", fp: true),
    op(0x27, "MXDR", .rr, .r1r2, .floatingPoint, "Multiply (long to extended)", fp: true),
    op(0x28, "LDR", .rr, .r1r2, .floatingPoint, "Load (long)", fp: true),
    op(0x29, "CDR", .rr, .r1r2, .floatingPoint, "Compare (long)", fp: true),
    op(0x2A, "ADR", .rr, .r1r2, .floatingPoint, "Add Normalized (long)", fp: true),
    op(0x2B, "SDR", .rr, .r1r2, .floatingPoint, "Subtract Normalized (long)", fp: true),
    op(0x2C, "MDR", .rr, .r1r2, .floatingPoint, "Multiply (long)", fp: true),
    op(0x2D, "DDR", .rr, .r1r2, .floatingPoint, "Divide (long)", fp: true),
    op(0x2E, "AWR", .rr, .r1r2, .floatingPoint, "Add Unnormalized (long)", fp: true),
    op(0x2F, "SWR", .rr, .r1r2, .floatingPoint, "Subtract Unnormalized (long)", fp: true),
    op(0x30, "LPER", .rr, .r1r2, .floatingPoint, "Load Positive (short)", fp: true),
    op(0x31, "LNER", .rr, .r1r2, .floatingPoint, "Load Negative (short)", fp: true),
    op(0x32, "LTER", .rr, .r1r2, .floatingPoint, "Load and Test (short)", fp: true),
    op(0x33, "LCER", .rr, .r1r2, .floatingPoint, "Load Complement (short)", fp: true),
    op(0x34, "HER", .rr, .r1r2, .floatingPoint, "Halve (short)", fp: true),
    op(0x35, "LRER", .rr, .r1r2, .floatingPoint, "Load Rounded (long to short)", fp: true),
    op(0x36, "AXR", .rr, .r1r2, .floatingPoint, "Add Normalized (extended)", fp: true),
    op(0x37, "SXR", .rr, .r1r2, .floatingPoint, "Subtract Normalized (extended)", fp: true),
    op(0x38, "LER", .rr, .r1r2, .floatingPoint, "Load (short)", fp: true),
    op(0x39, "CER", .rr, .r1r2, .floatingPoint, "Compare (short)", fp: true),
    op(0x3A, "AER", .rr, .r1r2, .floatingPoint, "Add Normalized (short)", fp: true),
    op(0x3B, "SER", .rr, .r1r2, .floatingPoint, "Subtract Normalized (short)", fp: true),
    op(0x3C, "MER", .rr, .r1r2, .floatingPoint, "Multiply (short to long)", fp: true),
    op(0x3D, "DER", .rr, .r1r2, .floatingPoint, "Divide (short)", fp: true),
    op(0x3E, "AUR", .rr, .r1r2, .floatingPoint, "Add Unnormalized (short)", fp: true),
    op(0x3F, "SUR", .rr, .r1r2, .floatingPoint, "Subtract Unnormalized (short)", fp: true),
    // RX
    op(0x40, "STH", .rx, .r1d2x2b2, .fixedPoint, "Store Halfword"),
    op(0x41, "LA", .rx, .r1d2x2b2, .fixedPoint, "Load Address"),
    op(0x42, "STC", .rx, .r1d2x2b2, .logical, "Store Character"),
    op(0x43, "IC", .rx, .r1d2x2b2, .logical, "Insert Character"),
    op(0x44, "EX", .rx, .r1d2x2b2, .branching, "Execute"),
    op(0x45, "BAL", .rx, .r1d2x2b2, .branching, "Branch and Link"),
    op(0x46, "BCT", .rx, .r1d2x2b2, .branching, "Branch on Count"),
    op(0x47, "BC", .rx, .m1d2x2b2, .branching, "Branch on Condition"),
    op(0x48, "LH", .rx, .r1d2x2b2, .fixedPoint, "Load Halfword"),
    op(0x49, "CH", .rx, .r1d2x2b2, .fixedPoint, "Compare Halfword"),
    op(0x4A, "AH", .rx, .r1d2x2b2, .fixedPoint, "Add Halfword"),
    op(0x4B, "SH", .rx, .r1d2x2b2, .fixedPoint, "Subtract Halfword"),
    op(0x4C, "MH", .rx, .r1d2x2b2, .fixedPoint, "Multiply Halfword"),
    op(0x4E, "CVD", .rx, .r1d2x2b2, .decimal, "Convert to Decimal"),
    op(0x4F, "CVB", .rx, .r1d2x2b2, .decimal, "Convert to Binary"),
    op(0x50, "ST", .rx, .r1d2x2b2, .fixedPoint, "Store"),
    op(0x54, "N", .rx, .r1d2x2b2, .logical, "And"),
    op(0x55, "CL", .rx, .r1d2x2b2, .logical, "Compare Logical"),
    op(0x56, "O", .rx, .r1d2x2b2, .logical, "Or"),
    op(0x57, "X", .rx, .r1d2x2b2, .logical, "Exclusive Or"),
    op(0x58, "L", .rx, .r1d2x2b2, .fixedPoint, "Load"),
    op(0x59, "C", .rx, .r1d2x2b2, .fixedPoint, "Compare"),
    op(0x5A, "A", .rx, .r1d2x2b2, .fixedPoint, "Add"),
    op(0x5B, "S", .rx, .r1d2x2b2, .fixedPoint, "Subtract"),
    op(0x5C, "M", .rx, .r1d2x2b2, .fixedPoint, "Multiply"),
    op(0x5D, "D", .rx, .r1d2x2b2, .fixedPoint, "Divide"),
    op(0x5E, "AL", .rx, .r1d2x2b2, .logical, "Add Logical"),
    op(0x5F, "SL", .rx, .r1d2x2b2, .logical, "Subtract Logical"),
    // RX floating point
    op(0x60, "STD", .rx, .r1d2x2b2, .floatingPoint, "Store (long)", fp: true),
    op(0x67, "MXD", .rx, .r1d2x2b2, .floatingPoint, "Multiply (long to extended)", fp: true),
    op(0x68, "LD", .rx, .r1d2x2b2, .floatingPoint, "Load (long)", fp: true),
    op(0x69, "CD", .rx, .r1d2x2b2, .floatingPoint, "Compare (long)", fp: true),
    op(0x6A, "AD", .rx, .r1d2x2b2, .floatingPoint, "Add Normalized (long)", fp: true),
    op(0x6B, "SD", .rx, .r1d2x2b2, .floatingPoint, "Subtract Normalized (long)", fp: true),
    op(0x6C, "MD", .rx, .r1d2x2b2, .floatingPoint, "Multiply (long)", fp: true),
    op(0x6D, "DD", .rx, .r1d2x2b2, .floatingPoint, "Divide (long)", fp: true),
    op(0x6E, "AW", .rx, .r1d2x2b2, .floatingPoint, "Add Unnormalized (long)", fp: true),
    op(0x6F, "SW", .rx, .r1d2x2b2, .floatingPoint, "Subtract Unnormalized (long)", fp: true),
    op(0x70, "STE", .rx, .r1d2x2b2, .floatingPoint, "Store (short)", fp: true),
    op(0x78, "LE", .rx, .r1d2x2b2, .floatingPoint, "Load (short)", fp: true),
    op(0x79, "CE", .rx, .r1d2x2b2, .floatingPoint, "Compare (short)", fp: true),
    op(0x7A, "AE", .rx, .r1d2x2b2, .floatingPoint, "Add Normalized (short)", fp: true),
    op(0x7B, "SE", .rx, .r1d2x2b2, .floatingPoint, "Subtract Normalized (short)", fp: true),
    op(0x7C, "ME", .rx, .r1d2x2b2, .floatingPoint, "Multiply (short to long)", fp: true),
    op(0x7D, "DE", .rx, .r1d2x2b2, .floatingPoint, "Divide (short)", fp: true),
    op(0x7E, "AU", .rx, .r1d2x2b2, .floatingPoint, "Add Unnormalized (short)", fp: true),
    op(0x7F, "SU", .rx, .r1d2x2b2, .floatingPoint, "Subtract Unnormalized (short)", fp: true),
    // RS and SI
    op(0x80, "SSM", .si, .d1b1, .control, "Set System Mask", privileged: true),
    op(0x82, "LPSW", .si, .d1b1, .control, "Load PSW", privileged: true),
    op(0x83, "DIAG", .rs, .r1r3d2b2, .control, "Diagnose", privileged: true),
    op(0x84, "WRD", .si, .d1b1i2, .control, "Write Direct", privileged: true),
    op(0x85, "RDD", .si, .d1b1i2, .control, "Read Direct", privileged: true),
    op(0x86, "BXH", .rs, .r1r3d2b2, .branching, "Branch on Index High"),
    op(0x87, "BXLE", .rs, .r1r3d2b2, .branching, "Branch on Index Low or Equal"),
    op(0x88, "SRL", .rs, .r1d2b2, .logical, "Shift Right Single Logical"),
    op(0x89, "SLL", .rs, .r1d2b2, .logical, "Shift Left Single Logical"),
    op(0x8A, "SRA", .rs, .r1d2b2, .fixedPoint, "Shift Right Single"),
    op(0x8B, "SLA", .rs, .r1d2b2, .fixedPoint, "Shift Left Single"),
    op(0x8C, "SRDL", .rs, .r1d2b2, .logical, "Shift Right Double Logical"),
    op(0x8D, "SLDL", .rs, .r1d2b2, .logical, "Shift Left Double Logical"),
    op(0x8E, "SRDA", .rs, .r1d2b2, .fixedPoint, "Shift Right Double"),
    op(0x8F, "SLDA", .rs, .r1d2b2, .fixedPoint, "Shift Left Double"),
    op(0x90, "STM", .rs, .r1r3d2b2, .fixedPoint, "Store Multiple"),
    op(0x91, "TM", .si, .d1b1i2, .logical, "Test under Mask"),
    op(0x92, "MVI", .si, .d1b1i2, .logical, "Move (immediate)"),
    op(0x93, "TS", .si, .d1b1, .logical, "Test and Set"),
    op(0x94, "NI", .si, .d1b1i2, .logical, "And (immediate)"),
    op(0x95, "CLI", .si, .d1b1i2, .logical, "Compare Logical (immediate)"),
    op(0x96, "OI", .si, .d1b1i2, .logical, "Or (immediate)"),
    op(0x97, "XI", .si, .d1b1i2, .logical, "Exclusive Or (immediate)"),
    op(0x98, "LM", .rs, .r1r3d2b2, .fixedPoint, "Load Multiple"),
    // I/O
    op(0x9C00, "SIO", .s, .d1b1, .io, "Start I/O", privileged: true),
    op(0x9C01, "SIOF", .s, .d1b1, .io, "Start I/O Fast Release", privileged: true),
    op(0x9D00, "TIO", .s, .d1b1, .io, "Test I/O", privileged: true),
    op(0x9D01, "CLRIO", .s, .d1b1, .io, "Clear I/O", privileged: true),
    op(0x9E00, "HIO", .s, .d1b1, .io, "Halt I/O", privileged: true),
    op(0x9E01, "HDV", .s, .d1b1, .io, "Halt Device", privileged: true),
    op(0x9F00, "TCH", .s, .d1b1, .io, "Test Channel", privileged: true),
    op(0x9F01, "CLRCH", .s, .d1b1, .io, "Clear Channel", privileged: true),
    op(0xAC, "STNSM", .si, .d1b1i2, .control, "Store Then And System Mask", privileged: true),
    op(0xAD, "STOSM", .si, .d1b1i2, .control, "Store Then Or System Mask", privileged: true),
    op(0xAE, "SIGP", .rs, .r1r3d2b2, .control, "Signal Processor", privileged: true),
    op(0xAF, "MC", .si, .d1b1i2, .control, "Monitor Call"),
    op(0xB1, "LRA", .rx, .r1d2x2b2, .control, "Load Real Address", privileged: true),
    // S format (B2xx)
    op(0xB202, "STIDP", .s, .d1b1, .control, "Store CPU ID", privileged: true),
    op(0xB203, "STIDC", .s, .d1b1, .io, "Store Channel ID", privileged: true),
    op(0xB204, "SCK", .s, .d1b1, .control, "Set Clock", privileged: true),
    op(0xB205, "STCK", .s, .d1b1, .control, "Store Clock"),
    op(0xB206, "SCKC", .s, .d1b1, .control, "Set Clock Comparator", privileged: true),
    op(0xB207, "STCKC", .s, .d1b1, .control, "Store Clock Comparator", privileged: true),
    op(0xB208, "SPT", .s, .d1b1, .control, "Set CPU Timer", privileged: true),
    op(0xB209, "STPT", .s, .d1b1, .control, "Store CPU Timer", privileged: true),
    op(0xB20A, "SPKA", .s, .d1b1, .control, "Set PSW Key from Address", privileged: true),
    op(0xB20B, "IPK", .s, .d1b1, .control, "Insert PSW Key", privileged: true),
    op(0xB20D, "PTLB", .s, .d1b1, .control, "Purge TLB", privileged: true),
    op(0xB210, "SPX", .s, .d1b1, .control, "Set Prefix", privileged: true),
    op(0xB211, "STPX", .s, .d1b1, .control, "Store Prefix", privileged: true),
    op(0xB212, "STAP", .s, .d1b1, .control, "Store CPU Address", privileged: true),
    op(0xB213, "RRB", .s, .d1b1, .control, "Reset Reference Bit", privileged: true),
    op(0xB221, "IPTE", .rre, .r1r2, .control, "Invalidate Page Table Entry", privileged: true),
    op(0xB6, "STCTL", .rs, .r1r3d2b2, .control, "Store Control", privileged: true, control: true),
    op(0xB7, "LCTL", .rs, .r1r3d2b2, .control, "Load Control", privileged: true, control: true),
    op(0xBA, "CS", .rs, .r1r3d2b2, .fixedPoint, "Compare and Swap"),
    op(0xBB, "CDS", .rs, .r1r3d2b2, .fixedPoint, "Compare Double and Swap"),
    op(0xBD, "CLM", .rs, .r1m3d2b2, .logical, "Compare Logical Characters under Mask"),
    op(0xBE, "STCM", .rs, .r1m3d2b2, .logical, "Store Characters under Mask"),
    op(0xBF, "ICM", .rs, .r1m3d2b2, .logical, "Insert Characters under Mask"),
    // SS
    op(0xD1, "MVN", .ss, .d1lb1d2b2, .logical, "Move Numerics"),
    op(0xD2, "MVC", .ss, .d1lb1d2b2, .logical, "Move (character)"),
    op(0xD3, "MVZ", .ss, .d1lb1d2b2, .logical, "Move Zones"),
    op(0xD4, "NC", .ss, .d1lb1d2b2, .logical, "And (character)"),
    op(0xD5, "CLC", .ss, .d1lb1d2b2, .logical, "Compare Logical (character)"),
    op(0xD6, "OC", .ss, .d1lb1d2b2, .logical, "Or (character)"),
    op(0xD7, "XC", .ss, .d1lb1d2b2, .logical, "Exclusive Or (character)"),
    op(0xDC, "TR", .ss, .d1lb1d2b2, .logical, "Translate"),
    op(0xDD, "TRT", .ss, .d1lb1d2b2, .logical, "Translate and Test"),
    op(0xDE, "ED", .ss, .d1lb1d2b2, .decimal, "Edit"),
    op(0xDF, "EDMK", .ss, .d1lb1d2b2, .decimal, "Edit and Mark"),
    op(0xF0, "SRP", .ss, .d1l1b1d2b2i3, .decimal, "Shift and Round Decimal"),
    op(0xF1, "MVO", .ss, .d1l1b1d2l2b2, .decimal, "Move with Offset"),
    op(0xF2, "PACK", .ss, .d1l1b1d2l2b2, .decimal, "Pack"),
    op(0xF3, "UNPK", .ss, .d1l1b1d2l2b2, .decimal, "Unpack"),
    op(0xF8, "ZAP", .ss, .d1l1b1d2l2b2, .decimal, "Zero and Add"),
    op(0xF9, "CP", .ss, .d1l1b1d2l2b2, .decimal, "Compare Decimal"),
    op(0xFA, "AP", .ss, .d1l1b1d2l2b2, .decimal, "Add Decimal"),
    op(0xFB, "SP", .ss, .d1l1b1d2l2b2, .decimal, "Subtract Decimal"),
    op(0xFC, "MP", .ss, .d1l1b1d2l2b2, .decimal, "Multiply Decimal"),
    op(0xFD, "DP", .ss, .d1l1b1d2l2b2, .decimal, "Divide Decimal"),
]

/// Opcode-table look-ups.
public enum Opcodes {
    /// The table indexed by operation code (one-byte codes, and two-byte codes by their 16 bits).
    public static let byCode: [UInt16: OpcodeInfo] = {
        var d: [UInt16: OpcodeInfo] = [:]
        for e in opcodeTable { d[e.code] = e }
        return d
    }()

    /// The table indexed by mnemonic.
    public static let byMnemonic: [String: OpcodeInfo] = {
        var d: [String: OpcodeInfo] = [:]
        for e in opcodeTable { d[e.mnemonic] = e }
        return d
    }()

    /// The first bytes whose operation code is two bytes long.
    public static let twoByteFirstBytes: Set<UInt8> = [0x9C, 0x9D, 0x9E, 0x9F, 0xB2]

    /// The table entry for the instruction whose first two bytes are given, or nil
    /// when the operation code is not part of this machine (an operation exception).
    public static func info(firstByte: UInt8, secondByte: UInt8) -> OpcodeInfo? {
        if twoByteFirstBytes.contains(firstByte) {
            return byCode[UInt16(firstByte) << 8 | UInt16(secondByte)]
        }
        return byCode[UInt16(firstByte)]
    }
}
