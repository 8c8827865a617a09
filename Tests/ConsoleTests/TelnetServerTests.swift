// The telnet server over real TCP on 127.0.0.1, with a recorder in CP's
// place: line names, lines and attentions reported, output as CR LF, the
// close reported exactly once from either side, and one bad client never
// disturbing another.

import CP
import Foundation
import Testing
@testable import console

@Suite(.serialized) struct TelnetServerTests {
    /// A server on a free port with a fresh recorder.
    func server(attention: UInt8? = nil) throws -> (TelnetServer, EventRecorder, Int) {
        let recorder = EventRecorder()
        let server = TelnetServer(events: recorder, attentionCharacter: attention)
        let address = try server.start(host: "127.0.0.1", port: 0)
        return (server, recorder, try #require(address.port))
    }

    /// The name the recorder saw for the `index`-th connection, once it has.
    func name(_ r: EventRecorder, _ index: Int) throws -> String {
        #expect(eventually { r.connectedNames.count > index })
        return try #require(r.connectedNames.dropFirst(index).first)
    }

    @Test func linesAttentionsAndOutputOfTwoClients() throws {
        let (server, r, port) = try server(attention: 0x03)
        defer { server.stop() }
        let a = try TelnetTestClient(port: port)
        let nameA = try name(r, 0)
        let b = try TelnetTestClient(port: port)
        let nameB = try name(r, 1)
        #expect(nameA.hasPrefix("LINE 001 127.0.0.1:"))
        #expect(nameB.hasPrefix("LINE 002 127.0.0.1:"))

        a.send("LOGON OPERATOR\r\n")
        b.send("LOGON USER1\r\n")
        a.send([255, 243])  // IAC BRK
        b.send([255, 244])  // IAC IP
        a.send([0x03])  // the attention character
        #expect(eventually { r.count(.attention(nameA)) == 2 && r.count(.attention(nameB)) == 1 })
        #expect(r.events.contains(.line(nameA, "LOGON OPERATOR")))
        #expect(r.events.contains(.line(nameB, "LOGON USER1")))

        // CP's output reaches its own terminal only, as CR LF lines.
        let ta = try #require(r.terminal(nameA))
        ta.write(lines: ["VM/370 ONLINE", "TO A"])
        #expect(a.read(until: "TO A\r\n"))
        #expect(a.text.contains("VM/370 ONLINE\r\nTO A\r\n"))
        try #require(r.terminal(nameB)).write(lines: ["TO B"])
        #expect(b.read(until: "TO B\r\n"))
        #expect(!b.text.contains("TO A"))
    }

    @Test func closeFromEitherSideIsReportedOnceAndFreesTheLine() throws {
        let (server, r, port) = try server()
        defer { server.stop() }
        let a = try TelnetTestClient(port: port)
        let nameA = try name(r, 0)
        let b = try TelnetTestClient(port: port)
        let nameB = try name(r, 1)

        // The client hangs up.
        a.close()
        #expect(eventually { r.count(.closed(nameA)) == 1 })
        // CP disconnects: the last output still reaches the client, then the end of the stream.
        let tb = try #require(r.terminal(nameB))
        tb.write(lines: ["LOGOFF AT 12:00:00"])
        tb.disconnect()
        tb.disconnect()  // twice: still one close
        #expect(b.readToEnd())
        #expect(b.text.contains("LOGOFF AT 12:00:00\r\n"))
        #expect(eventually { r.count(.closed(nameB)) == 1 })
        // Writing to a closed terminal is harmless.
        tb.write(lines: ["NOBODY HEARS THIS"])
        tb.setEcho(false)
        tb.prompt("X")
        usleep(100_000)
        #expect(r.count(.closed(nameA)) == 1 && r.count(.closed(nameB)) == 1)

        // The lowest free line number is reused.
        let c = try TelnetTestClient(port: port)
        let nameC = try name(r, 2)
        #expect(nameC.hasPrefix("LINE 001 "))
        c.close()
    }

    @Test func passwordPromptTurnsEchoOffAndOn() throws {
        let (server, r, port) = try server()
        defer { server.stop() }
        let a = try TelnetTestClient(port: port)
        let t = try #require(r.terminal(try name(r, 0)))
        t.setEcho(false)
        t.prompt("ENTER PASSWORD:")
        #expect(a.read(until: "ENTER PASSWORD:"))
        #expect(a.hasReceived([255, 251, 1] + Array("ENTER PASSWORD:".utf8)))  // IAC WILL ECHO first
        a.send([255, 253, 1])  // DO ECHO
        a.send("secret\r\n")
        #expect(eventually { r.events.contains(.line(t.terminalName, "secret")) })
        #expect(!a.text.contains("secret"))
        t.setEcho(true)
        t.write(lines: ["LOGON AT 12:00:00"])
        #expect(a.read(until: "LOGON AT 12:00:00\r\n"))
        #expect(a.hasReceived([255, 252, 1]))  // IAC WONT ECHO
    }

    @Test func outputAfterAPromptStartsOnANewLine() throws {
        let (server, r, port) = try server()
        defer { server.stop() }
        let a = try TelnetTestClient(port: port)
        let t = try #require(r.terminal(try name(r, 0)))
        t.prompt("ENTER PASSWORD:")
        t.write(lines: ["FORCED"])
        #expect(a.read(until: "FORCED\r\n"))
        #expect(a.text.contains("ENTER PASSWORD:\r\nFORCED\r\n"))
    }

    @Test func garbageAndOverlongLinesHurtNoOne() throws {
        let (server, r, port) = try server()
        defer { server.stop() }
        let good = try TelnetTestClient(port: port)
        let goodName = try name(r, 0)
        let bad = try TelnetTestClient(port: port)
        let badName = try name(r, 1)
        var rng = SplitMix(seed: 370)
        bad.send((0..<200_000).map { _ in UInt8(truncatingIfNeeded: rng.next()) })
        // Two IAC SE end any subnegotiation the garbage may have begun.
        bad.send([255, 240, 255, 240, 0x0D, 0x0A] + Array(repeating: 0x41, count: 20_000) + [0x0D, 0x0A])
        // The bad client is told its line was too long (it may also have
        // negotiated itself into character mode: read until the message).
        #expect(bad.read(until: "LONGER THAN \(LineAssembler.maximumLength)"))
        good.send("STILL HERE\r\n")
        #expect(eventually { r.events.contains(.line(goodName, "STILL HERE")) })
        #expect(r.count(.closed(goodName)) == 0)
        bad.close()
        #expect(eventually { r.count(.closed(badName)) == 1 })
    }

    @Test func aClientThatStopsReadingIsDroppedAlone() throws {
        let (server, r, port) = try server()
        defer { server.stop() }
        let good = try TelnetTestClient(port: port)
        let goodName = try name(r, 0)
        let stuck = try TelnetTestClient(port: port, receiveBuffer: 4096)
        let stuckName = try name(r, 1)
        let t = try #require(r.terminal(stuckName))
        let line = String(repeating: "X", count: 100)
        // Far more than the kernel's buffers and the session's limit; never read.
        for _ in 0..<200 {
            t.write(lines: Array(repeating: line, count: 1000))
            if r.count(.closed(stuckName)) > 0 { break }
        }
        #expect(eventually(timeout: 10) { r.count(.closed(stuckName)) == 1 })
        try #require(r.terminal(goodName)).write(lines: ["FINE"])
        #expect(good.read(until: "FINE\r\n"))
        #expect(r.count(.closed(goodName)) == 0)
        stuck.close()
    }

    @Test func listeningOnABusyPortIsAClearError() throws {
        let (server, _, port) = try server()
        defer { server.stop() }
        let second = TelnetServer(events: EventRecorder())
        defer { second.stop() }
        #expect {
            try second.start(host: "127.0.0.1", port: port)
        } throws: { e in
            "\(e)".contains("cannot listen for telnet terminals on 127.0.0.1 port \(port)")
        }
    }

    @Test func loopbackAddressesAreRecognised() {
        #expect(TelnetServer.isLoopback("127.0.0.1"))
        #expect(TelnetServer.isLoopback("localhost"))
        #expect(TelnetServer.isLoopback("::1"))
        #expect(!TelnetServer.isLoopback("0.0.0.0"))
        #expect(!TelnetServer.isLoopback("192.168.1.2"))
    }
}
