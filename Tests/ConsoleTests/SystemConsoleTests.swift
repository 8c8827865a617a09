// The operator console in readline mode, on a pseudo-terminal of the test's
// own, with a recorder in CP's place: lines, history, output while typing,
// echo off for a password, and the attention key.

import CP
import Foundation
import Testing
@testable import console

#if canImport(Glibc)
import Glibc
#endif

/// A pseudo-terminal: the test types on the master side; the console has the slave.
final class PseudoTerminal {
    let master: Int32
    let slave: Int32
    private(set) var screen: [UInt8] = []

    init() throws {
        // posix_openpt and friends are not in Swift's Glibc module: the Linux
        // ioctls they are made of, TIOCSPTLCK (unlock) and TIOCGPTN (the number).
        master = open("/dev/ptmx", O_RDWR | O_NOCTTY)
        var unlock: Int32 = 0
        var number: UInt32 = 0
        guard master >= 0, ioctl(master, UInt(0x4004_5431), &unlock) == 0,
              ioctl(master, UInt(0x8004_5430), &number) == 0 else {
            throw TerminalError("no pseudo-terminal: errno \(errno)")
        }
        let name = "/dev/pts/\(number)"
        slave = open(name, O_RDWR | O_NOCTTY)
        guard slave >= 0 else { throw TerminalError("cannot open \(name): errno \(errno)") }
    }

    deinit {
        close(slave)
        close(master)
    }

    func type(_ text: String) {
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { write(master, $0.baseAddress, $0.count) }
    }

    /// Reads what the console shows until `condition` holds on the screen text.
    @discardableResult
    func read(timeout: Double = 5, until condition: (String) -> Bool) -> Bool {
        let end = Date(timeIntervalSinceNow: timeout)
        var buffer = [UInt8](repeating: 0, count: 4096)
        while !condition(text) {
            guard end.timeIntervalSinceNow > 0 else { return false }
            var p = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
            guard poll(&p, 1, 50) > 0 else { continue }
            let n = Glibc.read(master, &buffer, buffer.count)
            if n > 0 { screen += buffer[0..<n] }
        }
        return true
    }

    var text: String { String(decoding: screen, as: UTF8.self) }

    /// Forgets what was shown so far.
    func clear() { screen = [] }
}

@Suite(.serialized) struct OperatorConsoleTests {
    @Test func readlineConsoleLinesHistoryOutputPasswordAndAttention() throws {
        let pty = try PseudoTerminal()
        let r = EventRecorder()
        let out = try #require(fdopen(dup(pty.slave), "w"))
        let console = SystemConsole(events: r, input: pty.slave, output: out)
        #expect(console.interactive)
        try console.start()
        defer { console.stop() }
        #expect(eventually { r.connectedNames == ["CONSOLE"] })
        let t = try #require(r.terminal("CONSOLE"))

        pty.type("QUERY TIME\r")
        #expect(eventually { r.events.contains(.line("CONSOLE", "QUERY TIME")) })

        // Output while the operator types: the line is shown, and the typing drawn again after it.
        pty.type("par")
        #expect(pty.read { $0.contains("par") })
        pty.clear()
        t.write(lines: ["MESSAGE FROM CP"])
        #expect(pty.read { s in s.range(of: "MESSAGE FROM CP").map { s[$0.upperBound...].contains("par") } ?? false },
                "\(pty.text.debugDescription)")
        pty.type("tial\r")
        #expect(eventually { r.events.contains(.line("CONSOLE", "partial")) })

        // A password: prompted, not shown, not kept in the history.
        t.setEcho(false)
        t.prompt("ENTER PASSWORD:")
        #expect(pty.read { $0.contains("ENTER PASSWORD:") })
        pty.clear()
        pty.type("s")
        _ = pty.read(timeout: 0.2) { _ in false }  // whatever readline would show for a key
        pty.type("ecret\r")
        #expect(eventually { r.events.contains(.line("CONSOLE", "secret")) })
        t.setEcho(true)
        t.write(lines: ["LOGON AT 12:00:00"])
        #expect(pty.read { $0.contains("LOGON AT 12:00:00") })
        #expect(!pty.text.contains("secret") && !pty.text.contains("s"), "\(pty.text.debugDescription)")
        // The prompt's line was ended, not overwritten by the next output.
        #expect(pty.text.components(separatedBy: "LOGON AT").first?.contains("\n") == true, "\(pty.text.debugDescription)")

        // The attention key (Ctrl-C): reported, and the half-typed line dropped.
        pty.type("abc")
        #expect(pty.read { $0.contains("abc") })
        console.attention()
        #expect(eventually { r.count(.attention("CONSOLE")) == 1 })
        pty.type("d\r")
        #expect(eventually { r.events.contains(.line("CONSOLE", "d")) })
        #expect(!r.events.contains(.line("CONSOLE", "abcd")))

        // History: up three times is QUERY TIME (d, partial, QUERY TIME; no password).
        let up = "\u{1B}[A"
        pty.type(up + up + up + "\r")
        #expect(eventually { r.count(.line("CONSOLE", "QUERY TIME")) == 2 }, "\(r.events)")
    }

    @Test func aDisconnectedConsoleComesBackAsANewConnection() throws {
        let pty = try PseudoTerminal()
        let r = EventRecorder()
        let out = try #require(fdopen(dup(pty.slave), "w"))
        let console = SystemConsole(events: r, input: pty.slave, output: out)
        try console.start()
        defer { console.stop() }
        #expect(eventually { r.connectedNames == ["CONSOLE"] })
        let first = try #require(r.terminal("CONSOLE"))
        first.disconnect()
        #expect(eventually { r.connectedNames.count == 2 })
        #expect(r.count(.closed("CONSOLE")) == 1)
        let second = try #require(r.terminal("CONSOLE"))
        #expect(second !== first)
        // The old connection is dead; the new one writes.
        first.write(lines: ["OLD"])
        second.write(lines: ["NEW"])
        #expect(pty.read { $0.contains("NEW") })
        #expect(!pty.text.contains("OLD"))
    }
}
