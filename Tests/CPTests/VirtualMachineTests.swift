// A virtual machine running a guest program that talks on its console,
// through CP's terminal interface.

import Foundation
import Testing
import CP
import TestSupport

/// Puts `bytes` into the user's virtual storage at `origin` with STORE commands.
func storeProgram(_ cp: ControlProgram, _ t: RecordingTerminal, _ bytes: [UInt8], at origin: UInt32) {
    var padded = bytes
    while padded.count % 4 != 0 { padded.append(0) }
    for k in stride(from: 0, to: padded.count, by: 16) {
        let words = stride(from: k, to: min(k + 16, padded.count), by: 4).map { i in
            padded[i..<i + 4].map { String(format: "%02X", $0) }.joined()
        }
        cp.terminalLine(t, "STORE L\(String(origin + UInt32(k), radix: 16)) " + words.joined(separator: " "))
    }
}

/// A guest program: writes HELLO on its console, reads a line, writes its
/// first four characters back, and ends in a disabled wait.
let consoleProgram = """
    ECHO     START X'1000'
             BALR  12,0
             USING *,12
             MVC   72(4,0),CAW1
             SIO   9
    LOOP1    TIO   9
             BC    2,LOOP1
             MVC   72(4,0),CAW2
             SIO   9
    LOOP2    TIO   9
             BC    2,LOOP2
             MVC   72(4,0),CAW3
             SIO   9
    LOOP3    TIO   9
             BC    2,LOOP3
             LPSW  DONE
    CAW1     DC    A(CCW1)
    CAW2     DC    A(CCW2)
    CAW3     DC    A(CCW3)
             DS    0D
    CCW1     CCW   X'09',MSG,X'20',5
    CCW2     CCW   X'0A',BUF,X'20',80
    CCW3     CCW   X'09',BUF,X'20',4
    DONE     DC    X'0002000000000000'
    MSG      DC    C'HELLO'
    BUF      DC    CL80' '
             END   ECHO
    """

@Suite(.serialized) struct VirtualMachineTests {
    @Test func guestTalksOnItsConsole() throws {
        let cp = try startCP()
        defer { cp.shutdown(); cp.waitUntilShutdown() }
        let t = logOn(cp, "USER1")
        let program = try assemble(consoleProgram)
        storeProgram(cp, t, program.bytes, at: program.origin)
        cp.terminalLine(t, "STORE PSW 00000000 00001000")
        let mark = t.lines.count
        cp.terminalLine(t, "BEGIN")
        #expect(t.waitFor("HELLO", after: mark) != nil)
        cp.terminalLine(t, "ECHO back")
        #expect(t.waitFor("ECHO", after: mark + 1) != nil)
        #expect(t.waitFor("DISABLED WAIT PSW '00020000 00000000'") != nil)
        cp.terminalLine(t, "DISPLAY G12")
        #expect(t.waitFor("GPR 12 = 40001002") != nil)
        cp.terminalLine(t, "INDICATE")
        #expect(t.waitFor("EXITS=") != nil)
    }

    @Test func cpReadAttentionAndBegin() throws {
        let cp = try startCP()
        defer { cp.shutdown(); cp.waitUntilShutdown() }
        let t = logOn(cp, "USER1")
        // A branch to itself: the machine runs until the attention key.
        storeProgram(cp, t, [0x47, 0xF0, 0x10, 0x00], at: 0x1000)
        cp.terminalLine(t, "STORE PSW 00000000 00001000")
        cp.terminalLine(t, "BEGIN")
        cp.terminalLine(t, "#CP QUERY TIME")
        #expect(t.waitFor("TIME IS") != nil)
        cp.terminalAttention(t)
        #expect(t.waitFor("CP READ") != nil)
        cp.terminalLine(t, "DISPLAY PSW")
        #expect(t.waitFor("PSW = 00000000 ") != nil)
        cp.terminalLine(t, "DEFINE STORAGE 2M")
        #expect(t.waitFor("STORAGE = 2M") != nil)
        cp.terminalLine(t, "DEFINE STORAGE 8M")
        #expect(t.waitFor("STORAGE EXCEEDS ALLOWED MAXIMUM") != nil)
        cp.terminalLine(t, "QUERY VIRTUAL")
        #expect(t.waitFor("CONS 009") != nil)
    }
}
