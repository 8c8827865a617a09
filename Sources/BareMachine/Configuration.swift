// The device configuration of the bare machine: a file a Hercules user reads
// at a glance, one device a line, and the short forms of `s370 ipl`.
//
//   # address  type    file                  options
//   009        3215
//   00C        2540R   decks/hello.deck      text eof
//   00D        2540P   punched.deck          ebcdic
//   00E        1403    printed.txt           fcb=1:1,12:60 lines=66
//   580        3420    ../shared/images/dmkddr.aws   ro
//   131        3330    work.cckd
//
// `#` starts a comment; a file name with blanks is written in double quotes;
// a relative file name is relative to the configuration file. Types:
// 3215 (console), 2540R or 3505 (reader), 2540P or 3525 (punch), 1403
// (printer), 3420 (tape), 3330, 3330-11 and 3350 (disks). Options: reader
// `text`/`ebcdic` (deck format; detected when absent), `eof`/`intrq` (what an
// empty hopper does); punch `text`/`ebcdic`; printer `fcb=`, `lines=`,
// `width=`; tape and disk `ro` (read only).

import Channels
import Records

/// One device line.
public struct DeviceSpec: Equatable, Sendable {
    /// The I/O address.
    public var address: UInt16
    /// The type as written (3215, 2540R, ...).
    public var type: String
    /// The host file, if any (resolved against the configuration file's directory).
    public var path: String?
    /// Options (lower case).
    public var options: [String]
    /// Where it was written, for messages ("machine.conf:4", "--tape").
    public var origin: String

    /// A device line.
    public init(address: UInt16, type: String, path: String?, options: [String] = [], origin: String) {
        self.address = address
        self.type = type
        self.path = path
        self.options = options
        self.origin = origin
    }
}

/// Errors in configuration files and device options, naming where.
public struct MachineConfigurationError: Error, CustomStringConvertible, Equatable {
    /// Where: "file:line" or the option.
    public var origin: String
    /// What is wrong.
    public var message: String
    public init(_ origin: String, _ message: String) {
        self.origin = origin
        self.message = message
    }
    public var description: String { "\(origin): \(message)" }
}

/// Reading configurations.
public enum MachineConfiguration {
    /// The device types this machine has, with their usual name first.
    public static let types: [(names: [String], what: String)] = [
        (["3215", "3215-C", "1052"], "console"),
        (["2540R", "3505"], "card reader"),
        (["2540P", "3525"], "card punch"),
        (["1403"], "printer"),
        (["3420", "3410", "3480"], "tape drive"),
        (["3330", "3330-1", "3330-11", "3350"], "disk"),
    ]

    /// Parses a configuration file's text. `name` is the file name for
    /// messages; `directory` resolves relative file names.
    public static func parse(_ text: String, name: String, directory: String?) throws -> [DeviceSpec] {
        var specs: [DeviceSpec] = []
        for (i, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let origin = "\(name):\(i + 1)"
            var words = try split(String(raw), origin: origin)
            if words.isEmpty { continue }
            guard words.count >= 2 else {
                throw MachineConfigurationError(origin, "a device line is: address type [file] [options], for example '00E 1403 print.txt'")
            }
            let address = try parseAddress(words.removeFirst(), origin: origin)
            let type = try canonicalType(words.removeFirst(), origin: origin)
            var path: String? = nil
            if let w = words.first, !isOption(w) {
                path = resolve(words.removeFirst(), against: directory)
            }
            if let dup = specs.first(where: { $0.address == address }) {
                throw MachineConfigurationError(origin, "address \(hexAddress(address)) is already used by the \(dup.type) of \(dup.origin)")
            }
            specs.append(DeviceSpec(address: address, type: type, path: path,
                                    options: words.map { $0.lowercased() }, origin: origin))
        }
        return specs
    }

    /// A short form `FILE[@cuu]` of `s370 ipl` (`--reader deck.txt@01C`).
    public static func shortForm(_ value: String, type: String, defaultAddress: UInt16?, option: String) throws -> DeviceSpec {
        var path = value
        var address = defaultAddress
        if let at = value.lastIndex(of: "@"), value.distance(from: at, to: value.endIndex) <= 4 {
            path = String(value[..<at])
            address = try parseAddress(String(value[value.index(after: at)...]), origin: option)
        }
        guard let address else {
            throw MachineConfigurationError(option, "'\(value)' needs the device address: FILE@cuu, for example disk.cckd@131")
        }
        guard !path.isEmpty else { throw MachineConfigurationError(option, "'\(value)' names no file") }
        return DeviceSpec(address: address, type: type, path: path, origin: option)
    }

    /// An I/O address: one to three hexadecimal digits.
    public static func parseAddress(_ s: String, origin: String) throws -> UInt16 {
        guard (1...3).contains(s.count), let v = UInt16(s, radix: 16) else {
            throw MachineConfigurationError(origin, "'\(s)' is not a device address: three hexadecimal digits cuu, channel 0-F and unit 00-FF (for example 00E)")
        }
        return v
    }

    /// The usual name of a device type, or an error listing the known ones.
    static func canonicalType(_ s: String, origin: String) throws -> String {
        let u = s.uppercased()
        for t in types where t.names.contains(u) {
            // 3330-1 is the 3330; the 3480 name is accepted for 3420-format AWS tapes.
            if u == "3330-1" { return "3330" }
            return u == "3215-C" || u == "1052" ? "3215" : u == "3505" ? "2540R" : u == "3525" ? "2540P" : u
        }
        let known = types.map { "\($0.names[0]) (\($0.what))" }.joined(separator: ", ")
        throw MachineConfigurationError(origin, "unknown device type '\(s)'; this machine has \(known)")
    }

    /// Whether a word is an option rather than a file name.
    static func isOption(_ w: String) -> Bool {
        let known = ["ro", "readonly", "text", "ascii", "ebcdic", "eof", "intrq", "create"]
        return known.contains(w.lowercased()) || w.contains("=")
    }

    /// Splits a line into words: blanks separate, `"..."` quotes, `#` comments.
    static func split(_ line: String, origin: String) throws -> [String] {
        var words: [String] = []
        var word = ""
        var inQuotes = false
        var quoted = false
        for c in line {
            if inQuotes {
                if c == "\"" { inQuotes = false } else { word.append(c) }
            } else if c == "\"" {
                inQuotes = true
                quoted = true
            } else if c == "#" {
                break
            } else if c == " " || c == "\t" || c == "\r" {
                if !word.isEmpty || quoted { words.append(word) }
                word = ""
                quoted = false
            } else {
                word.append(c)
            }
        }
        if inQuotes { throw MachineConfigurationError(origin, "a quoted file name is not closed") }
        if !word.isEmpty || quoted { words.append(word) }
        return words
    }

    /// A path relative to `directory` unless absolute.
    static func resolve(_ path: String, against directory: String?) -> String {
        // spool:USERID names a spool device of `s370 ipl --home`, not a file.
        guard let directory, !path.hasPrefix("/"), !path.lowercased().hasPrefix("spool:"), !directory.isEmpty else { return path }
        return directory.hasSuffix("/") ? directory + path : directory + "/" + path
    }
}
