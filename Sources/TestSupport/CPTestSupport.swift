// A terminal for tests of CP: it records what CP writes, and waits for lines.

import CP
import Foundation

/// A terminal that records CP's output.
public final class RecordingTerminal: TerminalConnection {
    public let terminalName: String
    private let lock = NSCondition()
    private var received: [String] = []
    public private(set) var echo = true
    public private(set) var disconnected = false

    public init(_ name: String) { terminalName = name }

    public func write(lines: [String]) {
        lock.lock(); received += lines; lock.broadcast(); lock.unlock()
    }
    public func prompt(_ text: String) { write(lines: [text]) }
    public func setEcho(_ on: Bool) { lock.lock(); echo = on; lock.unlock() }
    public func disconnect() { lock.lock(); disconnected = true; lock.broadcast(); lock.unlock() }

    /// Everything written so far.
    public var lines: [String] { lock.lock(); defer { lock.unlock() }; return received }

    /// Waits until a line containing `text` has been written (after line `after`);
    /// returns its index, or nil after `timeout` seconds.
    @discardableResult
    public func waitFor(_ text: String, after: Int = 0, timeout: Double = 10) -> Int? {
        let deadline = Date(timeIntervalSinceNow: timeout)
        lock.lock()
        defer { lock.unlock() }
        while true {
            if let i = received.indices.first(where: { $0 >= after && received[$0].contains(text) }) { return i }
            if !lock.wait(until: deadline) { return nil }
        }
    }

    /// Forgets what was written.
    public func clear() { lock.lock(); received.removeAll(); lock.unlock() }
}

/// A home folder with a directory, for CP tests.
public func makeTestHome(directory: String) throws -> String {
    let home = try temporaryDirectory("s370-cp")
    try directory.write(toFile: home + "/USER DIRECT", atomically: true, encoding: .utf8)
    try FileManager.default.createDirectory(atPath: home + "/dasd", withIntermediateDirectories: true)
    return home
}
