// IBM 1403 Printer (model N1, with the 2821 control unit and the universal
// character set feature): the line printer, usually at 00E.
//
// A write prints one line of up to 132 characters and then moves the form:
// no space, space 1-3 lines, or skip to a channel of the carriage-control
// tape. Immediate commands move the form without printing: channel end at
// once, device end when the carriage stops. Spacing onto the overflow line
// (channel 12) ends with unit exception. A skip to a channel the tape does not
// have would run the forms away: the printer stops with intervention required.
//
// The printed form goes to a host text file (ISO 8859-1): a line per printed
// line, `\r` after a line written without spacing (the next overprints it),
// and `\f` where a new form begins (instead of the rest of the old one).
//
// Commands (2821 component description, GX20-1703 card): write xxxxx001
// (01 no space, 09/11/19 space 1-3, 89-E1 skip to channel 1-12); immediate
// xxxxx011 (0B/13/1B space, 8B-E3 skip; 03 no operation); 04 sense; UCS
// gate load EB, UCS buffer load F3 and FB, block data check 73, allow data
// check 7B. Any other code (the diagnostic reads 02 and 06, X'37' a 3211
// would take, ...) is a command reject. Sense byte 0: command reject,
// intervention required, bus-out check, equipment check, data check.
//
// Instead of a host file the printer can give each write and immediate
// command, with its line, to a `PrintSink`: the spool's virtual printers are
// this same model writing spool files (the carriage still moves, so overflow
// is reported as on the real printer). `perform` is what a write or immediate
// command does once its data is in hand: the spool's real printers print a
// spool file's records through it.

import Records

/// Where a printer's lines go instead of a host file (a spool file, for the
/// virtual printers of the Spool library).
public protocol PrintSink: AnyObject {
    /// Takes one write (`line` holds its EBCDIC data) or immediate command
    /// (`line` empty); an error is an equipment check for the program.
    func print(command: UInt8, line: [UInt8]) throws
}

/// A 1403 printer.
public final class Printer1403: Device {
    public let deviceType = DeviceType(number: 0x1403, name: "1403")
    /// The carriage-control tape.
    public let tape: CarriageTape
    /// Print positions.
    public let width: Int
    /// The line of the form the next print goes on (1-based).
    public private(set) var line = 1
    /// Everything printed, as the host file would get it (kept when there is no file).
    public private(set) var output = ""
    private let file: HostFile?
    /// Where lines go instead of the host file, if anywhere.
    public let sink: PrintSink?
    /// Sense byte 0.
    private var senseByte: SenseByte0 = []
    /// Data checks are blocked (command 73) or allowed (7B).
    private var dataChecksBlocked = false
    /// Writing the host file failed during this command.
    private var fileFailed = false
    /// Text is printed on the current line and no line end written yet.
    private var lineOpen = false
    /// Line advances not yet written to the host file.
    private var newlinesOwed = 0

    /// A printer writing to `path` (created or emptied), or keeping its output in memory when nil.
    public init(path: String? = nil, tape: CarriageTape = .standard, width: Int = 132) throws {
        file = try path.map { try HostFile(path: $0, mode: .output) }
        self.tape = tape
        self.width = width
        sink = nil
    }

    /// A printer giving its lines to `sink`.
    public init(sink: PrintSink, tape: CarriageTape = .standard, width: Int = 132) {
        file = nil
        self.tape = tape
        self.width = width
        self.sink = sink
    }

    public var sense: [UInt8] { [senseByte.rawValue] }

    public func execute(_ command: UInt8, data: DataTransfer, chained: Bool) -> CommandResult {
        switch command {
        case 0x04: // sense
            data.store(sense)
            senseByte = []
            return .status(.ended)
        case 0x03: // no operation
            return .status(.ended)
        case 0x73, 0x7B: // block data check, allow data check
            dataChecksBlocked = command == 0x73
            return .status(.ended)
        case 0xEB: // UCS gate load
            return .status(.ended)
        case 0xF3, 0xFB: // load the UCS buffer (240 characters)
            _ = data.fetch(upTo: 240)
            return .status(.ended)
        default: break
        }
        guard Motion(command) != nil else {
            senseByte = .commandReject
            return .status(.unitCheck)
        }
        var line: [UInt8] = []
        if command & 0x07 == 0x01 {
            line = data.fetch(upTo: width)
            if data.failed { return .status(.ended) }
        }
        return perform(command, line: line)
    }

    /// Does a write (xxxxx001: prints `line`, then moves the form) or an
    /// immediate command (xxxxx011: moves the form) whose data is in hand.
    public func perform(_ command: UInt8, line: [UInt8]) -> CommandResult {
        guard let motion = Motion(command) else {
            senseByte = .commandReject
            return .status(.unitCheck)
        }
        senseByte = []
        let write = command & 0x07 == 0x01
        let bytes = write ? Array(line.prefix(width)) : []
        if let sink {
            do { try sink.print(command: command, line: bytes) } catch { fileFailed = true }
        }
        if write {
            if sink == nil {
                var text = EBCDIC.decode(bytes, printable: true)
                while text.hasSuffix(" ") { text.removeLast() }
                printLine(text)
            }
            guard let overflow = move(motion) else { return runaway() }
            return ending(overflow ? [.channelEnd, .deviceEnd, .unitException] : .ended)
        }
        // Immediate: channel end now, device end when the carriage stops.
        guard let overflow = move(motion) else { return runaway() }
        if fileFailed { return ending([]) }
        return .channelEndFirst([], deviceEnd: overflow ? .unitException : [], after: 200)
    }

    /// Carriage motion after (or instead of) printing.
    enum Motion {
        case none
        case space(Int)
        case skip(channel: Int)

        /// The motion of a write (xxxxx001) or immediate (xxxxx011) command code; nil when invalid.
        init?(_ command: UInt8) {
            guard command & 0x07 == 0x01 || command & 0x07 == 0x03 else { return nil }
            let m = Int(command >> 3)
            switch m {
            case 0: self = .none
            case 1...3: self = .space(m)
            case 0x11...0x1C: self = .skip(channel: m - 0x10)
            default: return nil
            }
            // 03 is no operation, handled before; an immediate "no space" does not exist.
            if command & 0x07 == 0x03, case .none = self { return nil }
        }
    }

    /// Moves the form; returns whether the overflow line was reached while
    /// spacing, or nil when a skip finds no punch.
    private func move(_ m: Motion) -> Bool? {
        switch m {
        case .none:
            emit("\r")
            return false
        case .space(let n):
            var overflow = false
            for _ in 0..<n {
                advance()
                if tape.isPunched(12, at: line) { overflow = true }
            }
            return overflow
        case .skip(let channel):
            guard tape.hasPunch(channel) else { return nil }
            repeat { advance() } while !tape.isPunched(channel, at: line)
            return false
        }
    }

    /// One line up; a new form after the last line. In the host file a new
    /// form is a form feed, not the blank lines left on the old one; blank
    /// lines are written when something is printed below them.
    private func advance() {
        if line == tape.linesPerPage {
            line = 1
            emit(lineOpen ? "\n\u{0C}" : "\u{0C}")
            lineOpen = false
            newlinesOwed = 0
        } else {
            line += 1
            if lineOpen {
                emit("\n")
                lineOpen = false
            } else {
                newlinesOwed += 1
            }
        }
    }

    /// Prints text on the current line.
    private func printLine(_ text: String) {
        emit(String(repeating: "\n", count: newlinesOwed) + text)
        newlinesOwed = 0
        lineOpen = true
    }

    /// A skip to a channel not on the tape: the forms run away and the printer stops.
    private func runaway() -> CommandResult {
        senseByte = .interventionRequired
        return .status([.channelEnd, .deviceEnd, .unitCheck])
    }

    /// Adds text to the host file (or to `output` when there is none; nowhere with a sink).
    private func emit(_ s: String) {
        if sink != nil { return }
        guard let file else {
            output += s
            return
        }
        do {
            try file.append(s.unicodeScalars.map { UInt8(truncatingIfNeeded: $0.value) })
        } catch {
            fileFailed = true
        }
    }

    /// Ends a command: equipment check when the host file could not be written.
    private func ending(_ status: UnitStatus) -> CommandResult {
        guard fileFailed else { return .status(status) }
        fileFailed = false
        senseByte = .equipmentCheck
        return .status([.channelEnd, .deviceEnd, .unitCheck])
    }

    public func reset() {
        senseByte = []
        dataChecksBlocked = false
    }
    public func flush() throws { try file?.sync() }
}
