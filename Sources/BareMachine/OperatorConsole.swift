// The operator at the 3215 console: the host terminal, or a console script.
//
// What the program prints goes to the host (stdout, or stderr when the
// report takes stdout) and into a transcript. Input:
// - from the terminal: lines typed on stdin, read without blocking when the
//   machine polls; a line typed while the program is not reading raises
//   attention, as the REQUEST key of a real 3215 does;
// - from a script: each line is given to the program the next time it reads
//   from the console, and echoed as a 3215 prints what is typed; when the
//   program waits without a read, the machine raises attention first.
// The machine (BareMachine) decides when to raise attention and when the
// program has been idle long enough after the script is used up.

import Channels

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The operator of the 3215: terminal or script.
public final class OperatorConsole: ConsoleHost {
    /// Where input comes from.
    public enum Input {
        /// The host terminal (stdin).
        case terminal
        /// A console script: lines given one a read.
        case script([String])
        /// No input at all (reads wait forever).
        case none
    }

    /// Everything the console printed, with input lines as they were echoed.
    public private(set) var transcript = ""
    /// Where printed text goes on the host (nil: only the transcript).
    public var output: ((String) -> Void)?
    /// Input lines not yet given to the program.
    public private(set) var pending: [String] = []
    /// Whether input comes from the terminal (stdin).
    public let interactive: Bool
    /// A line typed raises attention at once (stdin is a terminal, where a
    /// person types ahead); piped input waits, as a script does, until the
    /// program waits with nothing under way.
    public var immediateAttention: Bool
    /// The terminal's input has ended (end of file on stdin).
    public private(set) var inputEnded = false
    /// Input lines given to the program.
    public private(set) var linesRead = 0
    /// Bytes typed but not yet ended by a line end.
    private var partial: [UInt8] = []

    /// An operator with the given input, printing to `output`.
    public init(input: Input, output: ((String) -> Void)? = OperatorConsole.standardOutput) {
        self.output = output
        switch input {
        case .terminal:
            interactive = true
            immediateAttention = isatty(0) != 0
        case .script(let lines):
            interactive = false
            immediateAttention = false
            pending = lines
        case .none:
            interactive = false
            immediateAttention = false
        }
    }

    /// Prints to stdout at once.
    public static let standardOutput: (String) -> Void = { s in
        fputs(s, stdout)
        fflush(stdout)
    }

    /// Prints to stderr at once.
    public static let standardError: (String) -> Void = { s in
        fputs(s, stderr)
    }

    /// Lines of a console script file (a trailing empty line is not a line).
    public static func scriptLines(_ text: String) -> [String] {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map {
            $0.hasSuffix("\r") ? String($0.dropLast()) : String($0)
        }
        if lines.last == "" { lines.removeLast() }
        return lines
    }

    /// Whether input is waiting to be given to the program.
    public var hasInput: Bool { !pending.isEmpty }

    /// Whether no more input can come (the script is used up, or stdin ended).
    public var inputExhausted: Bool { pending.isEmpty && (!interactive || inputEnded) }

    // MARK: ConsoleHost

    public func consoleWrite(_ text: String, carrierReturn: Bool) {
        emit(text + (carrierReturn ? "\n" : ""))
    }

    public func consoleReadLine() -> String? {
        guard !pending.isEmpty else { return nil }
        let line = pending.removeFirst()
        linesRead += 1
        // The 3215 prints what the operator types, and returns the carrier at END
        // (a terminal has shown it already; a script or a pipe has not).
        if immediateAttention {
            transcript += line + "\n"
        } else {
            emit(line + "\n")
        }
        return line
    }

    public func consoleAlarm() {
        emit("\u{07}")
    }

    private func emit(_ s: String) {
        transcript += s
        output?(s)
    }

    // MARK: The terminal

    /// Reads what has been typed on stdin, waiting at most `timeout`
    /// milliseconds (0: do not wait); returns whether a whole line arrived.
    @discardableResult
    public func pollTerminal(timeout: Int32) -> Bool {
        guard interactive && !inputEnded else { return false }
        var fds = pollfd(fd: 0, events: Int16(POLLIN), revents: 0)
        guard poll(&fds, 1, timeout) > 0 else { return false }
        var buffer = [UInt8](repeating: 0, count: 4096)
        let n = read(0, &buffer, buffer.count)
        if n <= 0 {
            inputEnded = true
            if !partial.isEmpty {
                pending.append(String(decoding: partial, as: UTF8.self))
                partial = []
                return true
            }
            return false
        }
        var got = false
        for b in buffer[0..<n] {
            if b == 0x0A {
                if partial.last == 0x0D { partial.removeLast() }
                pending.append(String(decoding: partial, as: UTF8.self))
                partial = []
                got = true
            } else {
                partial.append(b)
            }
        }
        return got
    }
}
