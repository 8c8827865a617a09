// Hexadecimal floating point: the case runner shared by the FloatingPoint*Tests
// files, and the rules every floating-point instruction follows (register
// designations, the priority of the specification exception, unaligned
// storage operands) (PoO, GA22-7000, "Floating-Point Instructions").
//
// A case is one instruction with its registers before and after. Every case
// starts with condition code 3, which no floating-point instruction sets, so
// an instruction that leaves the code unchanged is expected to show 3; when
// an interruption is expected, the code checked is the one in the program old
// PSW (the operation completed, or was suppressed with the code unchanged).

import Testing
import S370CPU
import TestSupport

/// One floating-point instruction and what it must do.
struct FloatingPointCase: CustomStringConvertible, Sendable {
    /// What the case shows (the test's argument label).
    var description: String
    /// The instruction; an RX instruction addresses its operand through GR5.
    var instruction: [UInt8]
    /// Floating-point registers (0, 2, 4, 6) before; the others hold `filler`.
    var before: [Int: UInt64]
    /// The storage operand, placed at `operandAddress` (GR5 holds that address).
    var operand: [UInt8] = []
    /// Where the storage operand is: not on a word boundary unless a case says so.
    var operandAddress: UInt32 = 0x2000
    /// The program mask: 2 exponent underflow, 1 significance.
    var programMask: UInt8 = 0
    /// Registers after; those not named are expected unchanged.
    var after: [Int: UInt64] = [:]
    /// The condition code after (3: unchanged).
    var cc: UInt8 = 3
    /// The expected program-interruption code, or 0 for none.
    var interruption: UInt16 = 0
    /// For stores: the bytes expected at `operandAddress`.
    var stored: [UInt8]? = nil

    /// The contents of a register no case names: a valid long number with a
    /// recognizable pattern, so that any stray change shows.
    static func filler(_ r: Int) -> UInt64 { 0x5A5A_5A5A_A5A5_A5A5 &+ UInt64(r) }
}

/// A short number in the leftmost half of a register, with `low` in the rightmost half.
func short(_ word: UInt32, low: UInt32 = 0x0BAD_F00D) -> UInt64 { UInt64(word) << 32 | UInt64(low) }

/// Runs a case on a fresh test machine and checks registers, condition code,
/// interruption and stored bytes.
func check(_ c: FloatingPointCase, sourceLocation: SourceLocation = #_sourceLocation) {
    let m = TestMachine()
    for r in [0, 2, 4, 6] { m.cpu.fpr[r >> 1] = c.before[r] ?? FloatingPointCase.filler(r) }
    m[5] = c.operandAddress
    m.load(c.operand, at: c.operandAddress)
    m.execute([c.instruction], psw: bcPSW(address: testOrigin, cc: 3, programMask: c.programMask))
    for r in [0, 2, 4, 6] {
        let expected = c.after[r] ?? c.before[r] ?? FloatingPointCase.filler(r)
        #expect(m.cpu.fpr[r >> 1] == expected,
                "FPR\(r) is \(hex64(m.cpu.fpr[r >> 1])), expected \(hex64(expected))", sourceLocation: sourceLocation)
    }
    if c.interruption == 0 {
        #expect(!m.tookProgramInterruption, "unexpected program interruption \(m.programInterruptionCode)",
                sourceLocation: sourceLocation)
        #expect(m.cc == c.cc, "CC \(m.cc), expected \(c.cc)", sourceLocation: sourceLocation)
    } else {
        #expect(m.tookProgramInterruption, "no program interruption", sourceLocation: sourceLocation)
        #expect(m.programInterruptionCode == c.interruption,
                "interruption code \(m.programInterruptionCode), expected \(c.interruption)", sourceLocation: sourceLocation)
        #expect(m.programOldPSW.cc == c.cc, "CC in the old PSW \(m.programOldPSW.cc), expected \(c.cc)",
                sourceLocation: sourceLocation)
        // Completed or suppressed, the old PSW points past the instruction.
        #expect(m.programOldPSW.instructionAddress == testOrigin + UInt32(c.instruction.count),
                sourceLocation: sourceLocation)
    }
    if let stored = c.stored {
        let bytes = (0..<stored.count).map { m.storage.byte(at: c.operandAddress + UInt32($0)) }
        #expect(bytes == stored, sourceLocation: sourceLocation)
    }
}

/// Sixteen hexadecimal digits.
func hex64(_ v: UInt64) -> String {
    let s = String(v, radix: 16, uppercase: true)
    return String(repeating: "0", count: 16 - s.count) + s
}

/// Program-interruption codes the cases expect.
enum Code {
    static let specification: UInt16 = 0x06
    static let addressing: UInt16 = 0x05
    static let exponentOverflow: UInt16 = 0x0C
    static let exponentUnderflow: UInt16 = 0x0D
    static let significance: UInt16 = 0x0E
    static let floatingPointDivide: UInt16 = 0x0F
}

@Suite struct FloatingPointRegisterTests {
    /// Every RR operation code and whether it takes extended operands in R1 / R2.
    static let rrOperations: [(UInt8, r1Extended: Bool, r2Extended: Bool)] =
        (0x20...0x3F).map { op -> (UInt8, Bool, Bool) in
            switch op {
            case 0x26, 0x36, 0x37: return (UInt8(op), true, true)      // MXR, AXR, SXR
            case 0x27: return (UInt8(op), true, false)                 // MXDR
            case 0x25: return (UInt8(op), false, true)                 // LRDR
            default: return (UInt8(op), false, false)
            }
        }

    /// PoO: "The R1 and R2 fields must designate register 0, 2, 4, or 6;
    /// otherwise, a specification exception is recognized", and for extended
    /// operands "register 0 or 4". The operation is suppressed: no register
    /// changes and the condition code stays.
    @Test func invalidRegisterDesignationsAreSpecificationExceptions() {
        for (op, r1x, r2x) in Self.rrOperations {
            for r in 0..<16 {
                let validForShortLong = r & 1 == 0 && r < 8
                let validForExtended = r == 0 || r == 4
                // Vary R1 with a valid R2, then R2 with a valid R1.
                for (r1, r2, valid) in [(r, 0, r1x ? validForExtended : validForShortLong),
                                        (0, r, r2x ? validForExtended : validForShortLong)] {
                    let m = TestMachine()
                    for k in 0..<4 { m.cpu.fpr[k] = 0x4110_0000_0000_0000 }
                    m.execute([RR(op, r1, r2)], psw: bcPSW(address: testOrigin, cc: 3))
                    if valid {
                        #expect(!m.tookProgramInterruption, "\(hex64(UInt64(op))) \(r1),\(r2)")
                    } else {
                        #expect(m.programInterruptionCode == Code.specification, "\(hex64(UInt64(op))) \(r1),\(r2)")
                        #expect(m.programOldPSW.cc == 3)
                        for k in 0..<4 { #expect(m.cpu.fpr[k] == 0x4110_0000_0000_0000) }
                    }
                }
            }
        }
    }

    /// RX forms: R1 must be 0, 2, 4 or 6 (0 or 4 for MXD). The specification
    /// exception takes priority over an access exception for the operand
    /// (PoO, "Multiple Program-Interruption Conditions").
    @Test(arguments: [UInt8(0x60), 0x67, 0x68, 0x69, 0x6A, 0x6B, 0x6C, 0x6D, 0x6E, 0x6F,
                      0x70, 0x78, 0x79, 0x7A, 0x7B, 0x7C, 0x7D, 0x7E, 0x7F])
    func rxRegisterDesignationPrecedesAccess(_ op: UInt8) {
        for r1 in [1, 2, 3, 8, 15] {
            let valid = op == 0x67 ? (r1 == 0 || r1 == 4) : (r1 & 1 == 0 && r1 < 8)
            let m = TestMachine()
            m[5] = 0x00FF_FFF0          // beyond the 64K of the test machine
            m.execute([RX(op, r1, 0, 0, 5)], psw: bcPSW(address: testOrigin, cc: 3))
            #expect(m.programInterruptionCode == (valid ? Code.addressing : Code.specification), "op \(op) R1 \(r1)")
        }
    }

    /// Storage operands need no alignment: "The byte-oriented-operand facility
    /// is standard on System/370. This facility permits storage operands of
    /// most unprivileged instructions to appear on any byte boundary" (PoO,
    /// GA22-7000-10, "Byte-Oriented-Operand Facility"). Operands that cross a
    /// 2K block and a page boundary are fetched and stored whole.
    @Test func operandsOnAnyByteBoundary() {
        for address in [UInt32(0x2001), 0x2002, 0x2003, 0x2005, 0x27FD, 0x2FFE] {
            let m = TestMachine()
            m[5] = address
            m.load(hexBytes("4112345678ABCDEF C1FEDCBA"), at: address)
            m.execute([RX(0x68, 2, 0, 0, 5), RX(0x78, 4, 8, 0, 5), RX(0x7A, 2, 8, 0, 5)])
            // 0.123456 - 0.FEDCBA = -0.ECA864; the rightmost half of FPR2 stays.
            #expect(m.cpu.fpr[1] == 0xC1EC_A864_78AB_CDEF, "AE at \(address)")
            #expect(m.cc == 1)
            #expect(m.cpu.fpr[2] >> 32 == 0xC1FE_DCBA)
            let n = TestMachine()
            n[5] = address
            n.cpu.fpr[3] = 0x4234_5678_9ABC_DEF0
            n.execute([RX(0x60, 6, 0, 0, 5), RX(0x70, 6, 9, 0, 5)])
            #expect((0..<8).map { n.storage.byte(at: address + UInt32($0)) } == hexBytes("423456789ABCDEF0"))
            #expect((0..<4).map { n.storage.byte(at: address + 9 + UInt32($0)) } == hexBytes("42345678"))
        }
    }
}
