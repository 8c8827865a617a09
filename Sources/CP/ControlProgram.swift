// The control program: the directory, the terminals and the sessions on
// them, the virtual machines, and the dispatcher thread that runs them all
// (DESIGN.md, "CP"). Everything CP holds is touched only on its dispatcher
// thread; other threads reach it through `EventQueue`.

import Foundation

/// Options of a CP run.
public struct CPOptions: Sendable {
    /// Run every virtual machine's clocks from its instruction count (tests).
    public var deterministic = false
    /// The time slice of a virtual machine, in instructions.
    public var timeSlice = 200_000
    public init() {}
}

/// The control program of one running system.
public final class ControlProgram: TerminalEvents {
    /// The system's home folder (directory, DASD images, spool, logs).
    public let home: String
    /// The options it runs with.
    public let options: CPOptions
    /// The user directory.
    public internal(set) var directory: Directory
    let queue = EventQueue()
    var thread: Thread?
    private let stateLock = NSCondition()
    private var stopped = false
    /// Sessions by terminal.
    var sessions: [ObjectIdentifier: Session] = [:]
    /// Logged-on users by userid.
    var users: [String: LoggedOnUser] = [:]
    /// The last line number given to a logon.
    var lineCounter = 0
    /// Where the dispatcher's round-robin stands.
    var dispatchCursor = 0
    /// The real volumes in `home/dasd`.
    let volumes: VolumeTable
    /// The minidisk links in effect.
    var links: [LinkRecord] = []
    /// The system log (`home/log/cp.log`).
    var logHandle: FileHandle?
    /// Set by SHUTDOWN: the dispatcher ends after this round.
    var shutdownRequested = false
    /// OPERATOR has been logged on at the system console.
    var operatorStarted = false

    /// Loads the system in `home` (the directory file `USER DIRECT` in it).
    public init(home: String, options: CPOptions = CPOptions()) throws {
        self.home = home
        self.options = options
        let path = home + "/USER DIRECT"
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CPError("\(path): cannot read the user directory")
        }
        directory = try Directory.parse(String(decoding: data, as: UTF8.self), file: path)
        volumes = VolumeTable(folder: home + "/dasd")
    }

    /// Starts the dispatcher thread.
    public func start() {
        let t = Thread { [unowned self] in self.dispatcherLoop() }
        t.name = "CP dispatcher"
        t.stackSize = 8 << 20
        thread = t
        t.start()
    }

    /// Asks CP to shut down cleanly (SIGTERM does this); returns at once.
    public func shutdown() { queue.post(.shutdown) }

    /// Waits until CP has shut down.
    public func waitUntilShutdown() {
        stateLock.lock()
        while !stopped { stateLock.wait() }
        stateLock.unlock()
    }

    /// Whether CP has shut down.
    public var isShutDown: Bool {
        stateLock.lock()
        defer { stateLock.unlock() }
        return stopped
    }

    /// Passes a host command's request to the running system and waits for the answer.
    public func perform(_ request: HostRequest) -> (status: Int32, output: String) {
        queue.post(.host(request))
        return request.wait()
    }

    // MARK: TerminalEvents (any thread)

    public func terminalConnected(_ terminal: TerminalConnection) { queue.post(.connected(terminal)) }
    public func terminalLine(_ terminal: TerminalConnection, _ line: String) { queue.post(.line(terminal, line)) }
    public func terminalAttention(_ terminal: TerminalConnection) { queue.post(.attention(terminal)) }
    public func terminalClosed(_ terminal: TerminalConnection) { queue.post(.closed(terminal)) }

    // MARK: The dispatcher thread

    func dispatcherLoop() {
        openLog()
        log("CP STARTED, HOME \(home)")
        for p in volumes.problems { log("DASD: \(p)") }
        while !shutdownRequested {
            let runnable = runnableMachines()
            for e in queue.take(waiting: runnable ? nil : idleWait()) {
                if case .shutdown = e { shutdownRequested = true; continue }
                handle(e)
            }
            if shutdownRequested { break }
            dispatch()
        }
        shutdownSystem()
        stateLock.lock()
        stopped = true
        stateLock.broadcast()
        stateLock.unlock()
    }

    func handle(_ e: CPEvent) {
        switch e {
        case .connected(let t):
            let s = Session(terminal: t)
            sessions[ObjectIdentifier(t)] = s
            t.write(lines: ["VM/370 ONLINE"])
            // The system console: OPERATOR is logged on there at CP initialisation.
            if t.terminalName == "CONSOLE" && !operatorStarted, let op = directory.user("OPERATOR") {
                operatorStarted = true
                completeLogon(s, userid: op.userid, password: op.password, noIPL: true)
            }
        case .line(let t, let line):
            guard let s = sessions[ObjectIdentifier(t)] else { return }
            terminalInput(s, line)
        case .attention(let t):
            guard let s = sessions[ObjectIdentifier(t)] else { return }
            if let u = s.user { attention(u) }
        case .closed(let t):
            guard let s = sessions.removeValue(forKey: ObjectIdentifier(t)) else { return }
            terminalGone(s)
        case .host(let r):
            let (status, output) = hostRequest(r)
            r.reply(status: status, output: output)
        case .shutdown:
            break
        }
    }

    /// Logs everyone off and closes the terminals.
    func shutdownSystem() {
        for u in users.values.sorted(by: { $0.userid < $1.userid }) { logoff(u, forced: true) }
        for s in sessions.values {
            s.terminal.write(lines: ["DMKCKS961W SYSTEM SHUTDOWN COMPLETE"])
            s.terminal.disconnect()
        }
        sessions.removeAll()
        volumes.flushAll()
        log("CP SHUT DOWN")
        try? logHandle?.close()
    }

    // MARK: The log

    func openLog() {
        let dir = home + "/log"
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let path = dir + "/cp.log"
        if !FileManager.default.fileExists(atPath: path) { FileManager.default.createFile(atPath: path, contents: nil) }
        logHandle = FileHandle(forWritingAtPath: path)
        logHandle?.seekToEndOfFile()
    }

    func log(_ text: String) {
        logHandle?.write(Data("\(CPTime.clock()) \(text)\n".utf8))
    }

    /// Attaches the operator's console (a terminal named `CONSOLE`): OPERATOR is
    /// logged on there, as at CP initialisation.
    public func attachOperatorConsole(_ terminal: TerminalConnection) {
        queue.post(.connected(terminal))
    }
}

/// An error CP reports when it cannot start.
public struct CPError: Error, CustomStringConvertible {
    public let description: String
    public init(_ d: String) { description = d }
}
