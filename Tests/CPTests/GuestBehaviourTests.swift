// Virtual machines under CP: equivalence with the bare machine (the DAT
// sample with shadow tables and with the nested walk), isolation from a
// guest that runs random bytes, and the debugging commands.

import Foundation
import Testing
import CP
import TestSupport

/// Runs the page-fault sample in USER1's machine with the given CP settings;
/// returns the terminal and its lines after the disabled wait.
func runPageFaultSample(_ cp: ControlProgram, settings: [String]) throws -> RecordingTerminal {
    let t = logOn(cp, "USER1")
    let source = try #require(repositoryFile("Decks/samples/pagefault.asm"))
    let program = try assemble(source)
    for s in settings { cp.terminalLine(t, s) }
    storeProgram(cp, t, program.bytes, at: program.origin)
    cp.terminalLine(t, "STORE PSW 00000000 00001000")
    cp.terminalLine(t, "BEGIN")
    #expect(t.waitFor("DISABLED WAIT PSW '000A0000 0000AAAA'") != nil)
    return t
}

@Suite(.serialized) struct GuestBehaviourTests {
    @Test(arguments: [["SET PAGING SHADOW"], ["SET PAGING NESTED"], ["SET ASSIST OFF"]])
    func pageFaultSampleRunsAsOnTheBareMachine(settings: [String]) throws {
        let cp = try startCP()
        defer { cp.shutdown(); cp.waitUntilShutdown() }
        let t = try runPageFaultSample(cp, settings: settings)
        let mark = t.lines.count
        cp.terminalLine(t, "DISPLAY L1200-1207")
        #expect(t.waitFor("001200  00000024 00000008", after: mark) != nil)
        cp.terminalLine(t, "INDICATE")
        let i = try #require(t.waitFor("EXITS=", after: mark))
        let exits = t.lines[i]
        if settings == ["SET PAGING NESTED"] {
            #expect(exits.contains("SHADOW= 0"))
        } else if settings == ["SET PAGING SHADOW"] {
            #expect(!exits.contains("SHADOW= 0"))
        }
        if settings == ["SET ASSIST OFF"] {
            // The 8 page faults and LPSWs are exits without the assist.
            #expect(exits.contains("PROGRAM= 8"))
        }
    }

    @Test func aGuestRunningRandomBytesHarmsNoOtherMachine() throws {
        let cp = try startCP()
        defer { cp.shutdown(); cp.waitUntilShutdown() }
        let healthy = logOn(cp, "USER1")
        let wild = logOn(cp, "USER2")
        // USER2: random storage with new PSWs into it, started anywhere.
        var rng = SplitMix(state: 42)
        var bytes = [UInt8](repeating: 0, count: 0x4000)
        for i in 0..<bytes.count { bytes[i] = UInt8(truncatingIfNeeded: rng.next()) }
        storeProgram(cp, wild, bytes, at: 0x1000)
        for new in [88, 96, 104, 112, 120] {
            cp.terminalLine(wild, "STORE L\(String(new, radix: 16)) 00000000 0000\(String(0x1000 + Int(rng.next() % 0x3000) & ~1, radix: 16))")
        }
        cp.terminalLine(wild, "STORE PSW 00000000 00001000")
        cp.terminalLine(wild, "BEGIN")
        // USER1: the console program, which must still work.
        let program = try assemble(consoleProgram)
        storeProgram(cp, healthy, program.bytes, at: program.origin)
        cp.terminalLine(healthy, "STORE PSW 00000000 00001000")
        let mark = healthy.lines.count
        cp.terminalLine(healthy, "BEGIN")
        #expect(healthy.waitFor("HELLO", after: mark) != nil)
        cp.terminalLine(healthy, "ECHO")
        #expect(healthy.waitFor("DISABLED WAIT PSW '00020000 00000000'") != nil)
        // Let the wild machine run a while longer; CP still answers both.
        Thread.sleep(forTimeInterval: 0.5)
        cp.terminalLine(wild, "#CP INDICATE")
        #expect(wild.waitFor("INSTRUCTIONS=") != nil)
        cp.terminalLine(healthy, "QUERY NAMES")
        #expect(healthy.waitFor("USER2") != nil)
    }

    @Test func adstopAndTrace() throws {
        let cp = try startCP()
        defer { cp.shutdown(); cp.waitUntilShutdown() }
        let t = logOn(cp, "USER1")
        // 1000: LA 1,1(1); 1004: B 1000
        storeProgram(cp, t, [0x41, 0x10, 0x10, 0x01, 0x47, 0xF0, 0x10, 0x00], at: 0x1000)
        cp.terminalLine(t, "STORE PSW 00000000 00001000")
        cp.terminalLine(t, "ADSTOP 1004")
        cp.terminalLine(t, "BEGIN")
        #expect(t.waitFor("ADSTOP AT 001004") != nil)
        cp.terminalLine(t, "DISPLAY G1")
        #expect(t.waitFor("GPR 1 = 00000001") != nil)
        cp.terminalLine(t, "TRACE INSTRUCT")
        cp.terminalLine(t, "BEGIN")
        #expect(t.waitFor("47F01000      BC    15,0(0,1)") != nil || t.waitFor("BC") != nil)
        cp.terminalAttention(t)
        cp.terminalLine(t, "TRACE END")
        #expect(t.waitFor("TRACE ENDED") != nil)
    }
}
