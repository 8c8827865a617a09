// Assembling an input line from the bytes a terminal sends: the editing keys
// a character-mode client passes through (backspace, DEL, kill line), the
// line-length cap that keeps a runaway client from growing a buffer without
// end, and the turning of the finished line into text. Shared by the telnet
// sessions and the operator console's plain-line mode.

/// One input line as it is being typed.
struct LineAssembler {
    /// The longest line kept; longer ones are discarded whole and reported,
    /// so that a half line never reaches CP as a command.
    static let maximumLength = 4096

    /// The bytes of the line so far (UTF-8).
    private(set) var bytes: [UInt8] = []
    /// How many bytes of an overlong line were seen (0 while the line fits).
    private(set) var overflow = 0

    /// What ending the line gave.
    enum Completed: Equatable {
        /// The line, without its line end.
        case line(String)
        /// The line was longer than `maximumLength` bytes (the count) and was dropped.
        case tooLong(Int)
    }

    /// Whether the line is empty (nothing typed, nothing dropped).
    var isEmpty: Bool { bytes.isEmpty && overflow == 0 }

    /// Adds a byte; returns false when the line is past the cap (the byte was dropped).
    mutating func append(_ b: UInt8) -> Bool {
        if overflow > 0 {
            overflow += 1
            return false
        }
        if bytes.count >= LineAssembler.maximumLength {
            overflow = bytes.count + 1
            bytes = []
            return false
        }
        bytes.append(b)
        return true
    }

    /// Erases the last character (a whole UTF-8 sequence); returns whether
    /// there was one, so that an echoing terminal knows to rub it out.
    mutating func eraseCharacter() -> Bool {
        guard overflow == 0, !bytes.isEmpty else { return false }
        // Continuation bytes are 10xxxxxx; drop them and then the lead byte.
        while let last = bytes.last, last & 0xC0 == 0x80, bytes.count > 1 { bytes.removeLast() }
        bytes.removeLast()
        return true
    }

    /// Erases the whole line; returns how many characters were visible.
    mutating func eraseLine() -> Int {
        var n = 0
        while eraseCharacter() { n += 1 }
        overflow = 0
        return n
    }

    /// Ends the line and starts a new one.
    mutating func complete() -> Completed {
        defer { bytes = []; overflow = 0 }
        if overflow > 0 { return .tooLong(overflow) }
        return .line(String(decoding: bytes, as: UTF8.self))
    }

    /// The message a terminal shows when it dropped an overlong line.
    static func tooLongMessage(_ count: Int) -> String {
        "INPUT LINE OF \(count) BYTES IS LONGER THAN \(maximumLength); IGNORED"
    }
}
