// What the terminal tests share: a recorder of what terminals tell CP, a
// telnet client on a plain socket, and `s370 run` as a running subprocess.
// Every wait is a poll with a timeout, never a fixed sleep.

import CP
import Foundation
import TestSupport

#if canImport(Glibc)
import Glibc
#endif

/// Polls `condition` until it holds or `timeout` seconds pass; returns whether it held.
func eventually(timeout: Double = 5, _ condition: () -> Bool) -> Bool {
    let end = Date(timeIntervalSinceNow: timeout)
    while Date() < end {
        if condition() { return true }
        usleep(5_000)
    }
    return condition()
}

/// A stand-in for CP that records what terminals report.
final class EventRecorder: TerminalEvents, @unchecked Sendable {
    enum Event: Equatable {
        case connected(String)
        case line(String, String)
        case attention(String)
        case closed(String)
    }
    private let lock = NSLock()
    private var recorded: [Event] = []
    private var terminalsByName: [String: TerminalConnection] = [:]

    var events: [Event] {
        lock.lock()
        defer { lock.unlock() }
        return recorded
    }

    /// The terminal that connected under `name`.
    func terminal(_ name: String) -> TerminalConnection? {
        lock.lock()
        defer { lock.unlock() }
        return terminalsByName[name]
    }

    /// The names of the terminals that connected, in order.
    var connectedNames: [String] {
        events.compactMap { if case .connected(let n) = $0 { return n } else { return nil } }
    }

    private func add(_ e: Event) {
        lock.lock()
        recorded.append(e)
        lock.unlock()
    }

    func terminalConnected(_ terminal: TerminalConnection) {
        lock.lock()
        terminalsByName[terminal.terminalName] = terminal
        lock.unlock()
        add(.connected(terminal.terminalName))
    }
    func terminalLine(_ terminal: TerminalConnection, _ line: String) { add(.line(terminal.terminalName, line)) }
    func terminalAttention(_ terminal: TerminalConnection) { add(.attention(terminal.terminalName)) }
    func terminalClosed(_ terminal: TerminalConnection) { add(.closed(terminal.terminalName)) }

    /// How many times `e` was recorded.
    func count(_ e: Event) -> Int { events.filter { $0 == e }.count }
}

/// A telnet client on a plain TCP socket, as a test drives one.
final class TelnetTestClient {
    private var fd: Int32
    /// Everything received so far.
    private(set) var received: [UInt8] = []
    /// The server closed the connection.
    private(set) var sawEndOfStream = false

    /// Connects to 127.0.0.1:`port`; `receiveBuffer` shrinks the socket's receive buffer.
    init(port: Int, receiveBuffer: Int32? = nil) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw CommandRunnerError("socket: errno \(errno)") }
        if var size = receiveBuffer {
            setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &size, socklen_t(MemoryLayout<Int32>.size))
        }
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = in_port_t(UInt16(port).bigEndian)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        let r = withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard r == 0 else {
            Glibc.close(fd)
            throw CommandRunnerError("connect to port \(port): errno \(errno)")
        }
    }

    deinit { close() }

    func send(_ bytes: [UInt8]) {
        var offset = 0
        while offset < bytes.count, fd >= 0 {
            let n = bytes[offset...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if n <= 0 { return }
            offset += n
        }
    }

    func send(_ text: String) { send(Array(text.utf8)) }

    /// Reads until `condition` holds on what was received (or the stream ends, or the time is up).
    @discardableResult
    func read(timeout: Double = 5, until condition: ([UInt8]) -> Bool) -> Bool {
        let end = Date(timeIntervalSinceNow: timeout)
        var buffer = [UInt8](repeating: 0, count: 65536)
        while !condition(received) {
            let left = end.timeIntervalSinceNow
            guard left > 0, fd >= 0, !sawEndOfStream else { return condition(received) }
            var p = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            guard poll(&p, 1, Int32(min(left, 1) * 1000) + 1) > 0 else { continue }
            let n = recv(fd, &buffer, buffer.count, 0)
            if n <= 0 { sawEndOfStream = true } else { received += buffer[0..<n] }
        }
        return true
    }

    /// Reads until the text received contains `text`.
    @discardableResult
    func read(until text: String, timeout: Double = 5) -> Bool {
        read(timeout: timeout) { String(decoding: $0, as: UTF8.self).contains(text) }
    }

    /// Reads until the server closes the connection.
    func readToEnd(timeout: Double = 5) -> Bool {
        read(timeout: timeout) { _ in false }
        return sawEndOfStream
    }

    /// Whether the bytes received contain `bytes`.
    func hasReceived(_ bytes: [UInt8]) -> Bool {
        guard bytes.count <= received.count else { return false }
        for i in 0...(received.count - bytes.count) where Array(received[i..<i + bytes.count]) == bytes {
            return true
        }
        return false
    }

    var text: String { String(decoding: received, as: UTF8.self) }

    func close() {
        if fd >= 0 { Glibc.close(fd) }
        fd = -1
    }
}

/// A TCP port that was free a moment ago on 127.0.0.1.
func freePort() throws -> Int {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    defer { Glibc.close(fd) }
    var addr = sockaddr_in()
    addr.sin_family = sa_family_t(AF_INET)
    addr.sin_port = 0
    addr.sin_addr.s_addr = inet_addr("127.0.0.1")
    var len = socklen_t(MemoryLayout<sockaddr_in>.size)
    let ok = withUnsafeMutablePointer(to: &addr) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
            bind(fd, $0, len) == 0 && getsockname(fd, $0, &len) == 0
        }
    }
    guard ok else { throw CommandRunnerError("cannot find a free port: errno \(errno)") }
    return Int(UInt16(bigEndian: addr.sin_port))
}

/// `s370` running as a subprocess, its output gathered as it comes.
final class RunningS370: @unchecked Sendable {
    let process = Process()
    private let stdinPipe = Pipe()
    private let lock = NSLock()
    private var out = Data()
    private var err = Data()

    init(_ arguments: [String]) throws {
        guard let exe = s370Executable else {
            throw CommandRunnerError("the s370 command is not built: run `swift build` first")
        }
        process.executableURL = URL(fileURLWithPath: exe)
        process.arguments = arguments
        let o = Pipe(), e = Pipe()
        process.standardOutput = o
        process.standardError = e
        process.standardInput = stdinPipe
        o.fileHandleForReading.readabilityHandler = { [weak self] h in
            let d = h.availableData
            self?.lock.lock()
            self?.out.append(d)
            self?.lock.unlock()
        }
        e.fileHandleForReading.readabilityHandler = { [weak self] h in
            let d = h.availableData
            self?.lock.lock()
            self?.err.append(d)
            self?.lock.unlock()
        }
        try process.run()
    }

    var stdout: String {
        lock.lock()
        defer { lock.unlock() }
        return String(decoding: out, as: UTF8.self)
    }

    var stderr: String {
        lock.lock()
        defer { lock.unlock() }
        return String(decoding: err, as: UTF8.self)
    }

    /// Writes to the process's standard input.
    func input(_ text: String) { stdinPipe.fileHandleForWriting.write(Data(text.utf8)) }

    /// Ends the process's standard input.
    func endInput() { try? stdinPipe.fileHandleForWriting.close() }

    /// The telnet port it printed (`... port N`), once it has.
    func listeningPort(timeout: Double = 30) -> Int? {
        var port: Int?
        _ = eventually(timeout: timeout) {
            if let r = stdout.range(of: #"port (\d+)"#, options: .regularExpression) {
                port = Int(stdout[r].dropFirst(5))
            }
            return port != nil || !process.isRunning
        }
        return port
    }

    /// Sends SIGTERM and waits up to `timeout` seconds; returns the exit status, or nil if it still runs.
    func terminate(timeout: Double = 5) -> Int32? {
        if process.isRunning { kill(process.processIdentifier, SIGTERM) }
        return waitForExit(timeout: timeout)
    }

    /// Waits up to `timeout` seconds for the process to end; its status, or nil.
    func waitForExit(timeout: Double) -> Int32? {
        guard eventually(timeout: timeout, { !process.isRunning }) else { return nil }
        return process.terminationStatus
    }

    /// Kills it if it still runs (the end of a failed test).
    func kill9() {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    }
}
