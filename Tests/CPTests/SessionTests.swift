// Logging on, off and back, messages and queries, over CP's terminal interface.

import Foundation
import Testing
import CP
import TestSupport

let testDirectory = """
    USER OPERATOR OPERATOR 1M 4M ABCDEG
     CONSOLE 009 3215
    USER USER1 USER1 1M 4M G
     CONSOLE 009 3215
    USER USER2 USER2 1M 4M G
     CONSOLE 009 3215
    USER NOBODY NOLOG 1M
    """

/// A running CP in a temporary home.
func startCP(_ directory: String = testDirectory) throws -> ControlProgram {
    var o = CPOptions()
    o.deterministic = true
    let cp = try ControlProgram(home: try makeTestHome(directory: directory), options: o)
    cp.start()
    return cp
}

/// Logs `user` on at a new terminal.
func logOn(_ cp: ControlProgram, _ user: String, password: String? = nil) -> RecordingTerminal {
    let t = RecordingTerminal("LINE \(user)")
    cp.terminalConnected(t)
    cp.terminalLine(t, "LOGON \(user)")
    t.waitFor("ENTER PASSWORD:")
    cp.terminalLine(t, password ?? user)
    t.waitFor("LOGON AT")
    return t
}

@Suite(.serialized) struct SessionTests {
    @Test func logonShowsTheLogoAsksForThePasswordWithoutEcho() throws {
        let cp = try startCP()
        defer { cp.shutdown(); cp.waitUntilShutdown() }
        let t = RecordingTerminal("LINE 1")
        cp.terminalConnected(t)
        #expect(t.waitFor("VM/370 ONLINE") != nil)
        cp.terminalLine(t, "logon user1")
        #expect(t.waitFor("ENTER PASSWORD:") != nil)
        #expect(t.echo == false)
        cp.terminalLine(t, "wrong")
        #expect(t.waitFor("PASSWORD INCORRECT") != nil)
        #expect(t.echo == true)
        cp.terminalLine(t, "LOGON USER1")
        t.waitFor("ENTER PASSWORD:", after: 3)
        cp.terminalLine(t, "user1")
        #expect(t.waitFor("LOGON AT") != nil)
        cp.terminalLine(t, "LOGON NOBODY")
        cp.terminalLine(t, "QUERY TIME")
        #expect(t.waitFor("TIME IS") != nil)
    }

    @Test func unknownUsersAndCommands() throws {
        let cp = try startCP()
        defer { cp.shutdown(); cp.waitUntilShutdown() }
        let t = RecordingTerminal("LINE 1")
        cp.terminalConnected(t)
        cp.terminalLine(t, "LOGON GHOST")
        #expect(t.waitFor("DMKLOG053E GHOST NOT IN CP DIRECTORY") != nil)
        cp.terminalLine(t, "LOGON NOBODY")
        #expect(t.waitFor("DMKLOG053E NOBODY NOT IN CP DIRECTORY") != nil)
        let u = logOn(cp, "USER1")
        cp.terminalLine(u, "FROBNICATE")
        #expect(u.waitFor("?CP: FROBNICATE") != nil)
        // A class A command from a class G user gets the same answer.
        cp.terminalLine(u, "SHUTDOWN")
        #expect(u.waitFor("?CP: SHUTDOWN") != nil)
    }

    @Test func messagesQueriesDisconnectAndReconnect() throws {
        let cp = try startCP()
        defer { cp.shutdown(); cp.waitUntilShutdown() }
        let a = logOn(cp, "USER1")
        let b = logOn(cp, "USER2")
        cp.terminalLine(a, "MSG USER2 hello there")
        #expect(b.waitFor("MSG FROM USER1: hello there") != nil)
        cp.terminalLine(a, "Q NAMES")
        let i = try #require(a.waitFor("USER1"))
        #expect(a.lines[i...].joined().contains("USER2"))
        cp.terminalLine(b, "DISCONN")
        #expect(b.waitFor("DISCONNECT AT") != nil)
        #expect(b.waitFor("VM/370 ONLINE", after: 1) != nil)
        cp.terminalLine(a, "Q NAMES")
        #expect(a.waitFor("USER2    - DSC") != nil)
        // Log on again from another terminal: reconnected.
        let c = RecordingTerminal("LINE C")
        cp.terminalConnected(c)
        cp.terminalLine(c, "LOGON USER2")
        c.waitFor("ENTER PASSWORD:")
        cp.terminalLine(c, "USER2")
        #expect(c.waitFor("RECONNECTED AT") != nil)
        cp.terminalLine(c, "LOGOFF")
        #expect(c.waitFor("CONNECT=") != nil)
        #expect(c.waitFor("LOGOFF AT") != nil)
        cp.terminalLine(a, "MSG USER2 are you there")
        #expect(a.waitFor("DMKCFC045E USER2 NOT LOGGED ON") != nil)
    }

    @Test func operatorWarningForceAndShutdown() throws {
        let cp = try startCP()
        let op = logOn(cp, "OPERATOR")
        let u = logOn(cp, "USER1")
        cp.terminalLine(op, "WARNING USER1 going down")
        #expect(u.waitFor("WNG FROM OPERATOR: going down") != nil)
        cp.terminalLine(op, "FORCE USER1")
        #expect(u.waitFor("LOGOFF AT") != nil)
        #expect(op.waitFor("LOGOFF AS USER1") != nil)
        cp.terminalLine(op, "SHUTDOWN")
        cp.waitUntilShutdown()
        #expect(cp.isShutDown)
    }
}
