// The operator's console: the terminal `s370 run` was started from, as the
// CP terminal named CONSOLE. When standard input is a terminal it reads with
// GNU readline (history, line editing); otherwise it reads plain lines. One
// thread of its own does all of it: it waits (poll) on standard input and on
// a wake-up pipe, reads input, and writes what CP sent, so that readline is
// only ever called from that thread and CP's thread never waits for it.
// Output that arrives while the operator is typing clears the input line,
// is printed, and the input line is drawn again (readline's redisplay).
//
// End of input does not stop the system (a script piped into `s370 run` may
// end long before the system should); SHUTDOWN or SIGTERM does. Ctrl-C is
// the attention key (`RunCommand` routes SIGINT to `attention()`).

import CP
import CReadline
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// The operator's console.
final class SystemConsole: @unchecked Sendable {
    /// Output lines held for the console thread beyond which new ones are dropped (and counted).
    static let maximumPendingLines = 10_000

    private let events: TerminalEvents
    private let input: Int32
    private let output: UnsafeMutablePointer<FILE>
    /// Whether input is a terminal: readline; otherwise plain lines.
    let interactive: Bool

    /// What other threads ask of the console thread.
    fileprivate enum Request {
        case lines(ConsoleTerminal, [String])
        case prompt(ConsoleTerminal, String)
        case echo(ConsoleTerminal, Bool)
        case disconnect(ConsoleTerminal)
        case cancelInput
        case stop
    }
    private let lock = NSLock()
    private var requests: [Request] = []
    private var pendingLines = 0
    private var droppedLines = 0
    private var wakeRead: Int32 = -1
    private var wakeWrite: Int32 = -1
    private let finished = DispatchSemaphore(value: 0)
    private var thread: Thread?

    // The console thread's state.
    private var current: ConsoleTerminal
    private var inputOpen = true
    private var plainLine = LineAssembler()
    private var atLineStart = true
    private var echoOn = true
    private var promptText = ""
    private var lastHistoryLine: String?
    private var stopping = false
    /// Readline has the terminal (from start until input ends or the console stops).
    private var usingReadline = false

    /// A console on standard input and output (or on `input` and `output`,
    /// a terminal of the tests' own) that reports to `events`.
    init(events: TerminalEvents, input: Int32 = STDIN_FILENO, output: UnsafeMutablePointer<FILE> = stdout) {
        self.events = events
        self.input = input
        self.output = output
        self.interactive = isatty(input) == 1
        self.current = ConsoleTerminal()
    }

    /// Starts the console thread; it tells CP the console is connected.
    func start() throws {
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else { throw TerminalError("cannot create the console's wake-up pipe: errno \(errno)") }
        wakeRead = fds[0]
        wakeWrite = fds[1]
        _ = fcntl(wakeWrite, F_SETFL, fcntl(wakeWrite, F_GETFL) | O_NONBLOCK)
        _ = fcntl(wakeRead, F_SETFL, fcntl(wakeRead, F_GETFL) | O_NONBLOCK)
        current.console = self
        let t = Thread { [self] in self.run() }
        t.name = "operator console"
        thread = t
        t.start()
    }

    /// The attention key (Ctrl-C): tells CP, and drops what was typed. Any thread.
    func attention() {
        lock.lock()
        let t = current
        lock.unlock()
        events.terminalAttention(t)
        post(.cancelInput)
    }

    /// Writes what is still queued, gives the terminal back as it was, and
    /// ends the console thread (waits up to two seconds for it).
    func stop() {
        post(.stop)
        _ = finished.wait(timeout: .now() + 2)
    }

    // MARK: Requests from other threads

    fileprivate func post(_ r: Request) {
        lock.lock()
        if case .lines(_, let l) = r {
            if pendingLines + l.count > SystemConsole.maximumPendingLines {
                droppedLines += l.count
                lock.unlock()
                return
            }
            pendingLines += l.count
        }
        requests.append(r)
        lock.unlock()
        var b: UInt8 = 1
        _ = Glibc.write(wakeWrite, &b, 1)  // a full pipe already means "wake up"
    }

    private func takeRequests() -> (requests: [Request], dropped: Int) {
        lock.lock()
        defer { lock.unlock() }
        let r = requests, d = droppedLines
        requests = []
        pendingLines = 0
        droppedLines = 0
        return (r, d)
    }

    // MARK: The console thread

    private func run() {
        if interactive { installReadline() }
        events.terminalConnected(current)
        var buffer = [UInt8](repeating: 0, count: 4096)
        while !stopping {
            var fds = [pollfd(fd: wakeRead, events: Int16(POLLIN), revents: 0)]
            if inputOpen { fds.append(pollfd(fd: input, events: Int16(POLLIN), revents: 0)) }
            let r = poll(&fds, nfds_t(fds.count), -1)
            if r < 0 {
                if errno == EINTR { continue }
                break
            }
            if fds[0].revents != 0 {
                while Glibc.read(wakeRead, &buffer, buffer.count) > 0 {}
            }
            handleRequests()
            if stopping { break }
            if fds.count > 1, fds[1].revents != 0 {
                if interactive {
                    if fds[1].revents & Int16(POLLIN) != 0 {
                        rl_callback_read_char()
                    } else {
                        inputEnded()  // the terminal hung up
                    }
                } else {
                    readPlain(&buffer)
                }
            }
        }
        if usingReadline {
            usingReadline = false
            let typed = rl_end > 0
            rl_callback_handler_remove()  // gives the terminal its settings back
            if typed { fputs("\n", output) }
        }
        fflush(output)
        finished.signal()
    }

    private func handleRequests() {
        let (requests, dropped) = takeRequests()
        if dropped > 0 { show(["*** \(dropped) LINES OF CONSOLE OUTPUT WERE DROPPED (OUTPUT NOT READ)"]) }
        for r in requests {
            switch r {
            case .lines(let t, let lines):
                if t === current { show(lines) }
            case .prompt(let t, let text):
                if t === current { showPrompt(text) }
            case .echo(let t, let on):
                if t === current { setEcho(on) }
            case .disconnect(let t):
                guard t === current else { break }
                // The line drops and comes back at once, as a console does: a
                // new connection, which CP greets again.
                events.terminalClosed(t)
                setEcho(true)
                let fresh = ConsoleTerminal()
                fresh.console = self
                lock.lock()
                current = fresh
                lock.unlock()
                events.terminalConnected(fresh)
            case .cancelInput:
                if usingReadline {
                    rl_replace_line("", 0)
                    rl_point = 0
                    redraw { fputs("\n", output) }
                }
            case .stop:
                stopping = true
            }
        }
    }

    // MARK: Output

    private func show(_ lines: [String]) {
        redraw {
            for l in lines { fputs(l + "\n", output) }
        }
    }

    private func showPrompt(_ text: String) {
        promptText = text
        if usingReadline {
            redraw { rl_set_prompt(text) }
        } else {
            fputs(text, output)
            fflush(output)
            if !text.isEmpty { atLineStart = false }
        }
    }

    /// Runs `body` (which writes whole lines) with the input line out of the
    /// way: readline's line is cleared first and drawn again after; in plain
    /// mode a pending prompt is ended first.
    private func redraw(_ body: () -> Void) {
        if usingReadline {
            rl_clear_visible_line()
            body()
            rl_on_new_line()
            if echoOn { rl_redisplay() } else { fputs(promptText, output) }
        } else {
            if !atLineStart { fputs("\n", output) }
            atLineStart = true
            body()
        }
        fflush(output)
    }

    /// Echo off (a password): readline keeps reading the line but shows only the prompt.
    private func setEcho(_ on: Bool) {
        guard on != echoOn else { return }
        echoOn = on
        guard usingReadline else { return }
        if on {
            rl_redisplay_function = rl_redisplay
        } else {
            rl_redisplay_function = silentRedisplay
        }
    }

    // MARK: Input

    private func installReadline() {
        readlineConsole = self
        // SIGINT and SIGTERM are the command's (attention, shutdown), not readline's.
        rl_catch_signals = 0
        rl_readline_name = UnsafePointer(strdup("s370"))
        rl_instream = input == STDIN_FILENO ? stdin : fdopen(input, "r")
        rl_outstream = output
        rl_callback_handler_install("", readlineLineHandler)
        usingReadline = true
    }

    /// A line from readline (nil: end of input), on the console thread.
    fileprivate func readlineLine(_ text: UnsafeMutablePointer<CChar>?) {
        guard let p = text else {
            // Ctrl-D on an empty line, or the terminal is gone.
            var fd = pollfd(fd: input, events: Int16(POLLIN), revents: 0)
            if poll(&fd, 1, 0) > 0, fd.revents & Int16(POLLHUP | POLLERR | POLLNVAL) != 0 {
                inputEnded()
            } else {
                fputs("s370: end of input ignored; SHUTDOWN (or SIGTERM) stops the system\n", stderr)
            }
            return
        }
        let line = String(cString: p)
        free(p)
        // Readline ends a line on the screen only if it showed something; with
        // echo off it showed nothing, so the prompt's line is ended here.
        if !echoOn { fputs("\n", output) }
        if echoOn, !line.isEmpty, line != lastHistoryLine {
            add_history(line)
            lastHistoryLine = line
        }
        promptText = ""
        rl_set_prompt("")
        events.terminalLine(current, line)
    }

    private func readPlain(_ buffer: inout [UInt8]) {
        let n = Glibc.read(input, &buffer, buffer.count)
        if n < 0 {
            if errno == EINTR || errno == EAGAIN { return }
        }
        if n <= 0 {
            if !plainLine.isEmpty { deliver(plainLine.complete()) }
            inputEnded()
            return
        }
        for b in buffer[0..<n] {
            if b == 0x0A {
                deliver(plainLine.complete())
            } else {
                _ = plainLine.append(b)
            }
        }
    }

    private func deliver(_ c: LineAssembler.Completed) {
        switch c {
        case .line(var text):
            if text.hasSuffix("\r") { text.removeLast() }
            events.terminalLine(current, text)
        case .tooLong(let n):
            show([LineAssembler.tooLongMessage(n)])
        }
    }

    private func inputEnded() {
        guard inputOpen else { return }
        inputOpen = false
        if usingReadline {
            usingReadline = false
            rl_callback_handler_remove()
        }
        fputs("s370: end of operator console input; the system runs on until SHUTDOWN or SIGTERM\n", stderr)
    }
}

/// The console as CP sees it: a `TerminalConnection` named CONSOLE. A new one
/// takes over each time CP disconnects the console.
final class ConsoleTerminal: TerminalConnection {
    let terminalName = "CONSOLE"
    fileprivate weak var console: SystemConsole?

    func write(lines: [String]) { console?.post(.lines(self, lines)) }
    func prompt(_ text: String) { console?.post(.prompt(self, text)) }
    func setEcho(_ on: Bool) { console?.post(.echo(self, on)) }
    func disconnect() { console?.post(.disconnect(self)) }
}

// readline calls back through C function pointers, which cannot capture: the
// one console that uses readline is found here (set and used on its thread).
private var readlineConsole: SystemConsole?

private let readlineLineHandler: @convention(c) (UnsafeMutablePointer<CChar>?) -> Void = { line in
    readlineConsole?.readlineLine(line)
}

/// The redisplay while echo is off: nothing of the typed line is shown.
private func silentRedisplay() {}
