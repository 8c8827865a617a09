// The operator at the 3215: a console script's lines go to the program when
// it reads; when it waits without a read, attention asks it to read first,
// as the REQUEST key of a real 3215 does; the run ends when the script is
// used up and nothing more can happen, or the program has waited idle.

import Testing
import BareMachine
import Channels
import DATBox
import Records
import S370CPU
import TestSupport

/// An echo program at X'400': wait enabled for channel 0; on attention from
/// 009 read a line (20 bytes, blank-padded) and write it back; wait again.
func echoProgram() -> Image {
    var p = Image(origin: 0x400, length: 0x200)
    p.code([
        SS(0xD2, length: 8, 0x078, 0, 0x580, 0),   // MVC  120(8),IONEW
        S(0x8200, 0x588),                          // LPSW WAITPSW
    ], at: 0x400)
    // HANDLER at X'420': only attention starts a read.
    p.code([
        SI(0x91, 0x80, 0x044),                     // TM   68,X'80'        attention?
        RX(0x47, 8, 0x406),                        // BZ   the LPSW above   no: wait again
        SS(0xD2, length: 20, 0x5C0, 0, 0x5E0, 0),  // MVC  BUF(20),BLANKS
        RX(0x41, 1, 0x590),                        // LA   1,READ
        RX(0x50, 1, 0x048),                        // ST   1,72
        S(0x9C00, 0x009),                          // SIO  X'009'
        S(0x9D00, 0x009),                          // TIO  X'009'
        RX(0x47, 2, 0x43A),                        // BC   2,*-4
        RX(0x41, 1, 0x598),                        // LA   1,WRITE
        RX(0x50, 1, 0x048),                        // ST   1,72
        S(0x9C00, 0x009),                          // SIO  X'009'
        S(0x9D00, 0x009),                          // TIO  X'009'
        RX(0x47, 2, 0x44E),                        // BC   2,*-4
        S(0x8200, 0x588),                          // LPSW WAITPSW
    ], at: 0x420)
    p.put(bytes64(0x0000_0000_0000_0420), at: 0x580)                                         // IONEW
    p.put(bytes64(0x8002_0000_0000_0000), at: 0x588)                                         // WAITPSW
    p.put(CCW(command: 0x0A, dataAddress: 0x5C0, flags: .suppressLength, count: 20).bytes, at: 0x590)
    p.put(CCW(command: 0x09, dataAddress: 0x5C0, count: 20).bytes, at: 0x598)
    p.put([UInt8](repeating: 0x40, count: 20), at: 0x5E0)
    return p
}

@Suite struct ConsoleScriptTests {
    func machine(_ op: OperatorConsole) throws -> BareMachine {
        let m = try BareMachine(storageSize: 64 << 10, clock: .deterministic(microsecondsPerInstruction: 1))
        m.console = op
        try m.attach(Console3215(host: op), at: 0x009)
        return m
    }

    @Test func attentionAsksTheWaitingProgramToRead() throws {
        let op = scriptedOperator(["HELLO", "WORLD"])
        let m = try machine(op)
        let p = echoProgram()
        m.storage.load(p.bytes, at: p.origin)
        m.cpu.loadPSW(PSW(0x0000_0000_0000_0400))
        let r = m.run(maxInstructions: 1_000_000)
        #expect(r.status == .enabledWait)
        let pad = String(repeating: " ", count: 15)
        #expect(op.transcript == "HELLO\nHELLO\(pad)\nWORLD\nWORLD\(pad)\n")
        #expect(op.linesRead == 2)
    }

    @Test func withTheScriptUsedUpAReadThatWaitsEndsTheRunAsIdle() throws {
        // SIO a read to the console, then loop on TEST I/O for ever.
        let op = scriptedOperator(["ONLY LINE"])
        let m = try machine(op)
        m.idleLimit = 50_000
        var p = Image(origin: 0x400, length: 0x100)
        p.code([
            RX(0x41, 1, 0x480),      // LA   1,READ
            RX(0x50, 1, 0x048),      // ST   1,72
            S(0x9C00, 0x009),        // SIO  X'009'
            S(0x9D00, 0x009),        // TIO  X'009'
            RX(0x47, 15, 0x400),     // B    back to the start: read again
        ], at: 0x400)
        p.put(CCW(command: 0x0A, dataAddress: 0x4C0, flags: .suppressLength, count: 20).bytes, at: 0x480)
        m.storage.load(p.bytes, at: p.origin)
        m.cpu.loadPSW(PSW(0x0000_0000_0000_0400))
        let r = m.run(maxInstructions: 10_000_000)
        #expect(r.status == .idle)
        #expect(r.instructions < 200_000)
        #expect(EBCDIC.decode(m.storage.bytes(at: 0x4C0, count: 9)) == "ONLY LINE")
    }
}
