// The carriage-control tape of a 1403 printer: a loop with one row per print
// line of the form and twelve channels; a punch in channel n at a line stops
// a "skip to channel n" there. Channel 1 marks the top of the form and
// channel 12 the overflow line (unit exception when spacing reaches it).
//
// Written as in a configuration file: `66` lines and punches `1:1,12:60`
// (channel:line), as operators listed them when they punched a tape.

/// A carriage-control tape.
public struct CarriageTape: Equatable, Sendable {
    /// Lines on a form.
    public let linesPerPage: Int
    /// For each line 1...linesPerPage, the channels punched (bit n-1 for channel n).
    private var punches: [UInt16]

    /// The default tape: 66-line forms (11 inches at 6 lines an inch); channel 1
    /// at line 1, channels 2-8 every six lines from 7, 10 and 11 at 49 and 55,
    /// 9 at 57 and 12 (overflow) at 60.
    public static let standard = try! CarriageTape(
        linesPerPage: 66,
        punches: [1: 1, 2: 7, 3: 13, 4: 19, 5: 25, 6: 31, 7: 37, 8: 43, 10: 49, 11: 55, 9: 57, 12: 60])

    /// A tape of `linesPerPage` lines with a punch in channel c at line `punches[c]`.
    public init(linesPerPage: Int, punches: [Int: Int]) throws {
        guard (2...255).contains(linesPerPage) else {
            throw ConfigurationError("a carriage tape has 2 to 255 lines, not \(linesPerPage)")
        }
        self.linesPerPage = linesPerPage
        self.punches = [UInt16](repeating: 0, count: linesPerPage + 1)
        for (channel, line) in punches {
            guard (1...12).contains(channel) else {
                throw ConfigurationError("carriage tape channel \(channel) does not exist: channels are 1 to 12")
            }
            guard (1...linesPerPage).contains(line) else {
                throw ConfigurationError("carriage tape channel \(channel) at line \(line) is off a \(linesPerPage)-line form")
            }
            self.punches[line] |= 1 << UInt16(channel - 1)
        }
    }

    /// A tape from its written form: `lines` and `channel:line,channel:line...`.
    public init(lines: Int, spec: String) throws {
        var p: [Int: Int] = [:]
        for item in spec.split(separator: ",") {
            let parts = item.split(separator: ":")
            guard parts.count == 2, let c = Int(parts[0]), let l = Int(parts[1]) else {
                throw ConfigurationError("carriage tape punch '\(item)' is not channel:line (for example 1:1,12:60)")
            }
            p[c] = l
        }
        try self.init(linesPerPage: lines, punches: p)
    }

    /// Whether `channel` is punched at `line`.
    public func isPunched(_ channel: Int, at line: Int) -> Bool {
        guard line >= 1 && line <= linesPerPage, (1...12).contains(channel) else { return false }
        return punches[line] & (1 << UInt16(channel - 1)) != 0
    }

    /// Whether `channel` is punched anywhere on the tape.
    public func hasPunch(_ channel: Int) -> Bool {
        (1...linesPerPage).contains { isPunched(channel, at: $0) }
    }
}
