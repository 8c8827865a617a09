// The opcode table is the single source of truth: the dispatch must agree
// with it for every operation code, listed or not, and privileged ones must
// trap in the problem state.

import Testing
import S370CPU
import TestSupport

@Suite struct OpcodeTableTests {
    /// Runs one instruction whose first two bytes are given (operands zero) and
    /// returns the program-interruption code, or nil when none was taken.
    func interruption(_ b0: UInt8, _ b1: UInt8, problem: Bool) -> UInt16? {
        let m = TestMachine()
        // EXECUTE's target (at 0 with zero operands) must itself be valid: LR 0,0.
        m.load([0x18, 0x00], at: 0)
        m.run([b0, b1, 0, 0, 0, 0], psw: bcPSW(address: testOrigin, problem: problem), steps: 1)
        return m.tookProgramInterruption ? m.programInterruptionCode : nil
    }

    @Test func everyOperationCodeAgreesWithTheTable() {
        for b0 in 0...255 {
            let first = UInt8(b0)
            let seconds: [UInt8] = Opcodes.twoByteFirstBytes.contains(first) ? Array(0...255) : [0x00]
            for b1 in seconds {
                let listed = Opcodes.info(firstByte: first, secondByte: b1) != nil
                let code = interruption(first, b1, problem: false)
                if listed && !(first == 0x84 || first == 0x85) {
                    // (WRD and RDD: the bare machine's answer depends on its direct-control feature.)
                    #expect(code != 0x0001, "listed \(hex(UInt64(first), digits: 2))\(hex(UInt64(b1), digits: 2)) gave an operation exception")
                } else {
                    #expect(code == 0x0001, "unlisted \(hex(UInt64(first), digits: 2))\(hex(UInt64(b1), digits: 2)) did not give an operation exception")
                }
            }
        }
    }

    @Test func privilegedInstructionsTrapInTheProblemState() {
        for info in opcodeTable {
            let b0 = UInt8(info.code > 0xFF ? info.code >> 8 : info.code)
            let b1 = UInt8(info.code > 0xFF ? info.code & 0xFF : 0)
            let code = interruption(b0, b1, problem: true)
            if info.privileged {
                #expect(code == 0x0002, "\(info.mnemonic) in the problem state")
            } else {
                #expect(code != 0x0002, "\(info.mnemonic) is not privileged")
            }
        }
    }

    @Test func mnemonicsAndFormatsAreConsistent() {
        #expect(Opcodes.byMnemonic.count == opcodeTable.count)
        for info in opcodeTable {
            // The length follows from the first two bits of the operation code.
            let first = UInt8(info.code > 0xFF ? info.code >> 8 : info.code)
            let lengthFromCode = [2, 4, 4, 6][Int(first >> 6)]
            #expect(info.length == lengthFromCode, "\(info.mnemonic)")
            #expect(Disassembler.text(UInt64(first) << 56 | UInt64(info.code & 0xFF) << 48).hasPrefix(info.mnemonic)
                    || info.code <= 0xFF)
        }
        // Every line of the checklist is in the table.
        let checklist = ["SPM", "BALR", "BCTR", "BCR", "SSK", "ISK", "SVC", "MVCL", "CLCL", "LPR", "LNR", "LTR",
                         "LCR", "NR", "CLR", "OR", "XR", "LR", "CR", "AR", "SR", "MR", "DR", "ALR", "SLR",
                         "LPDR", "LNDR", "LTDR", "LCDR", "HDR", "LRDR", "MXR", "MXDR", "LDR", "CDR", "ADR", "SDR",
                         "MDR", "DDR", "AWR", "SWR", "LPER", "LNER", "LTER", "LCER", "HER", "LRER", "AXR", "SXR",
                         "LER", "CER", "AER", "SER", "MER", "DER", "AUR", "SUR", "STH", "LA", "STC", "IC", "EX",
                         "BAL", "BCT", "BC", "LH", "CH", "AH", "SH", "MH", "CVD", "CVB", "ST", "N", "CL", "O", "X",
                         "L", "C", "A", "S", "M", "D", "AL", "SL", "STD", "MXD", "LD", "CD", "AD", "SD", "MD", "DD",
                         "AW", "SW", "STE", "LE", "CE", "AE", "SE", "ME", "DE", "AU", "SU", "SSM", "LPSW", "DIAG",
                         "WRD", "RDD", "BXH", "BXLE", "SRL", "SLL", "SRA", "SLA", "SRDL", "SLDL", "SRDA", "SLDA",
                         "STM", "TM", "MVI", "TS", "NI", "CLI", "OI", "XI", "LM", "STNSM", "STOSM", "SIGP", "MC",
                         "LRA", "STCTL", "LCTL", "CS", "CDS", "CLM", "STCM", "ICM", "SIO", "SIOF", "TIO", "CLRIO",
                         "HIO", "HDV", "TCH", "STIDC", "STIDP", "SCK", "STCK", "SCKC", "STCKC", "SPT", "STPT",
                         "SPKA", "IPK", "PTLB", "SPX", "STPX", "STAP", "RRB", "MVN", "MVC", "MVZ", "NC", "CLC",
                         "OC", "XC", "TR", "TRT", "ED", "EDMK", "SRP", "MVO", "PACK", "UNPK", "ZAP", "CP", "AP",
                         "SP", "MP", "DP", "IPTE", "CLRCH"]
        for m in checklist { #expect(Opcodes.byMnemonic[m] != nil, "\(m) missing from the opcode table") }
        #expect(Set(checklist).count == opcodeTable.count)
    }
}
