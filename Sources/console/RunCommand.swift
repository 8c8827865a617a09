// s370 run: bring the system up. It finds the home folder, has CP create the
// default system there the first time, starts CP, the telnet server and the
// operator console, and runs until SHUTDOWN or SIGTERM.

import ArgumentParser
import CP
import Foundation
import NIOCore

struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Start the system: CP, the operator console and the telnet terminals.",
        discussion: """
            The home folder holds the user directory (USER DIRECT), the DASD images and the \
            spool; an empty or missing one gets the default system. The operator console is \
            this terminal (Ctrl-C is its attention key); telnet terminals connect to the \
            address and port given. The system runs until the operator's SHUTDOWN or SIGTERM, \
            also after the end of standard input.
            """)

    @Option(help: "The system's home folder (default: $S370_HOME, else ./s370-data).")
    var home: String?

    @Option(help: "The TCP port for telnet terminals (0: any free port).")
    var port: Int = 3270

    @Option(help: "The address to listen on. Anything but loopback lets anyone who can reach the port try to log on.")
    var listen: String = "127.0.0.1"

    @Option(name: .customLong("attention-key"),
            help: "A character that is the attention key on telnet terminals, as ^X (for example ^C), or none. BREAK and Interrupt Process always are.")
    var attentionKey: String = "none"

    @Flag(help: "Run every virtual machine's clocks from its instruction count, so that runs are repeatable.")
    var deterministic = false

    func run() throws {
        let attention = try RunCommand.parseAttentionKey(attentionKey)
        let homePath = RunCommand.resolveHome(home, environment: ProcessInfo.processInfo.environment)
        if try RunCommand.isEmptyHome(homePath) {
            try ControlProgram.prepareHome(homePath, samples: try assembledSamples())
            print("s370: created the default system in \(homePath)")
        }
        var options = CPOptions()
        options.deterministic = deterministic
        let cp = try ControlProgram(home: homePath, options: options)

        let server = TelnetServer(events: cp, attentionCharacter: attention)
        let address = try server.start(host: listen, port: port)
        cp.start()
        // Host commands (s370 submit, s370 spool) reach the running system here.
        let hostRequests = HostRequestServer(home: homePath, cp: cp)
        try hostRequests.start()
        print("s370: the system in \(homePath) is up; telnet terminals: \(listen) port \(address.port ?? port)")
        if !TelnetServer.isLoopback(listen) {
            FileHandle.standardError.write(Data("""
                s370: warning: listening on \(listen), not a loopback address: anyone who can reach \
                port \(address.port ?? port) can try to log on\n
                """.utf8))
        }
        fflush(stdout)

        let console = SystemConsole(events: cp)
        // SIGTERM shuts the system down cleanly; SIGINT (Ctrl-C) is the
        // console's attention key; a reader that went away (SIGPIPE) only
        // loses its output.
        signal(SIGPIPE, SIG_IGN)
        let signals = [
            RunCommand.onSignal(SIGTERM) { cp.shutdown() },
            RunCommand.onSignal(SIGINT) { console.attention() },
        ]
        try console.start()

        cp.waitUntilShutdown()
        hostRequests.stop()
        console.stop()
        server.stop()
        for s in signals { s.cancel() }
        print("s370: the system is shut down")
    }

    /// `--home`, else `S370_HOME`, else `./s370-data`.
    static func resolveHome(_ option: String?, environment: [String: String]) -> String {
        if let h = option, !h.isEmpty { return h }
        if let h = environment["S370_HOME"], !h.isEmpty { return h }
        return "./s370-data"
    }

    /// Whether the home is missing or holds nothing (hidden files aside).
    static func isEmptyHome(_ path: String) throws -> Bool {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return true }
        guard isDirectory.boolValue else {
            throw ValidationError("the home \(path) is a file, not a folder")
        }
        let entries = try FileManager.default.contentsOfDirectory(atPath: path)
        return entries.allSatisfy { $0.hasPrefix(".") }
    }

    /// `none`, `^X` (a control character: ^@ to ^_, and ^? for DEL) or one ASCII character.
    static func parseAttentionKey(_ text: String) throws -> UInt8? {
        if text.lowercased() == "none" || text.isEmpty { return nil }
        let bytes = Array(text.utf8)
        var key: UInt8?
        if bytes.count == 2, bytes[0] == UInt8(ascii: "^") {
            let c = bytes[1]
            if c == UInt8(ascii: "?") {
                key = 0x7F
            } else if (0x40...0x5F).contains(c) || (0x61...0x7A).contains(c) {
                key = (c & 0xDF) & 0x1F  // ^C and ^c are 0x03
            }
        } else if bytes.count == 1, bytes[0] < 0x80 {
            key = bytes[0]
        }
        guard let k = key else {
            throw ValidationError("--attention-key '\(text)' is not ^X (a control character), one character, or none")
        }
        guard k != 0x00, k != 0x0A, k != 0x0D else {
            throw ValidationError("--attention-key '\(text)' would end lines (NUL, LF and CR do); choose another")
        }
        return k
    }

    /// Handles `signal` on a dispatch queue instead of its default action.
    static func onSignal(_ signalNumber: Int32, _ handler: @escaping @Sendable () -> Void) -> DispatchSourceSignal {
        signal(signalNumber, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
        source.setEventHandler(handler: handler)
        source.resume()
        return source
    }
}
