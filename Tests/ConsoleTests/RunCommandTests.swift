// s370 run as a user runs it: the built executable in a temporary home,
// telnet clients on plain sockets, SIGTERM for a clean shutdown.

import Foundation
import Testing
import TestSupport
@testable import console

#if canImport(Glibc)
import Glibc
#endif

@Suite struct RunCommandTests {
    @Test func twoTerminalsOverTCPThenSIGTERM() throws {
        let home = try temporaryDirectory("s370-run") + "/home"
        let s370 = try RunningS370(["run", "--home", home, "--port", "0"])
        defer { s370.kill9() }
        let port = try #require(s370.listeningPort(), "no port in: \(s370.stdout) \(s370.stderr)")
        // The first run in an empty home made a system there.
        #expect(FileManager.default.fileExists(atPath: home + "/USER DIRECT"))

        let a = try TelnetTestClient(port: port)
        let b = try TelnetTestClient(port: port)
        #expect(a.read(until: "VM/370 ONLINE"), "\(a.text)")
        #expect(b.read(until: "VM/370 ONLINE"), "\(b.text)")
        a.send("LOGON NOBODY\r\n")
        a.send([255, 243])  // BREAK
        a.close()

        // The other terminal is unaffected: CP still answers it, and a new one gets the logo.
        let before = b.received.count
        b.send("LOGON NOBODY\r\n")
        #expect(b.read { $0.count > before }, "no answer after the other terminal closed")
        #expect(!b.sawEndOfStream)
        let c = try TelnetTestClient(port: port)
        #expect(c.read(until: "VM/370 ONLINE"))

        #expect(s370.terminate(timeout: 5) == 0, "stderr: \(s370.stderr)")
        // Shutting down ends the telnet connections.
        #expect(b.readToEnd(timeout: 2))
        #expect(c.readToEnd(timeout: 2))
    }

    @Test func endOfInputDoesNotStopTheSystem() throws {
        let home = try temporaryDirectory("s370-run") + "/home"
        let port = try freePort()
        let s370 = try RunningS370(["run", "--home", home, "--port", "\(port)"])
        defer { s370.kill9() }
        #expect(s370.listeningPort() == port, "\(s370.stdout) \(s370.stderr)")
        s370.input("\n")
        s370.endInput()
        #expect(eventually(timeout: 10) { s370.stderr.contains("end of operator console input") }, "\(s370.stderr)")
        // Still running and serving terminals after the end of input.
        let a = try TelnetTestClient(port: port)
        #expect(a.read(until: "VM/370 ONLINE"))
        #expect(s370.process.isRunning)
        #expect(s370.terminate(timeout: 5) == 0, "stderr: \(s370.stderr)")
    }

    @Test func theOperatorConsoleReadsPlainLines() throws {
        let home = try temporaryDirectory("s370-run") + "/home"
        let s370 = try RunningS370(["run", "--home", home, "--port", "0"])
        defer { s370.kill9() }
        #expect(s370.listeningPort() != nil)
        // The console is a CP terminal: CP greets it on standard output.
        #expect(eventually { s370.stdout.contains("VM/370 ONLINE") }, "\(s370.stdout)")
        let before = s370.stdout.count
        s370.input("LOGON NOBODY\n")
        #expect(eventually { s370.stdout.count > before }, "the console line got no answer")
        #expect(s370.terminate(timeout: 5) == 0)
    }

    @Test func badArgumentsAreReported() throws {
        let home = try temporaryDirectory("s370-run") + "/home"
        let key = try runS370(["run", "--home", home, "--attention-key", "xy"])
        #expect(key.status != 0)
        #expect(key.stderr.contains("--attention-key 'xy'"))
        let port = try runS370(["run", "--home", home, "--port", "70000"])
        #expect(port.status != 0)
        #expect(port.stderr.contains("70000"))
    }

    @Test func attentionKeysAndHomeResolution() throws {
        #expect(try RunCommand.parseAttentionKey("^C") == 0x03)
        #expect(try RunCommand.parseAttentionKey("^c") == 0x03)
        #expect(try RunCommand.parseAttentionKey("^?") == 0x7F)
        #expect(try RunCommand.parseAttentionKey("none") == nil)
        #expect(try RunCommand.parseAttentionKey("!") == 0x21)
        #expect(throws: (any Error).self) { try RunCommand.parseAttentionKey("^M") }
        #expect(throws: (any Error).self) { try RunCommand.parseAttentionKey("^1") }
        #expect(RunCommand.resolveHome("/a", environment: ["S370_HOME": "/b"]) == "/a")
        #expect(RunCommand.resolveHome(nil, environment: ["S370_HOME": "/b"]) == "/b")
        #expect(RunCommand.resolveHome(nil, environment: [:]) == "./s370-data")
    }
}
