// CP's messages in the form VM/370 writes them: the time stamps of LOGON,
// LOGOFF and DISCONNECT, the CPU-time summary, and the numbered DMK error
// messages whose number is also DIAGNOSE X'08''s return code
// (vm370-reference.md, 1.1).

import Foundation

/// A CP error: the message number (the DIAGNOSE X'08' return code) and text.
struct CPMessage: Error, Equatable {
    /// The module prefix and number, for example `DMKCFC001E`.
    let id: String
    /// The number, the completion code of DIAGNOSE X'08'.
    let code: Int
    let text: String
    var line: String { "\(id) \(text)" }

    static func unknownCommand(_ c: String) -> CPMessage {
        CPMessage(id: "DMKCFC001E", code: 1, text: "?CP: \(c)")
    }
    static func invalidOption(_ o: String) -> CPMessage {
        CPMessage(id: "DMKCFC003E", code: 3, text: "INVALID OPTION - \(o)")
    }
    static func missingOperand(_ what: String = "OPERAND") -> CPMessage {
        CPMessage(id: "DMKCFC026E", code: 26, text: "\(what) MISSING OR INVALID")
    }
    static func notLoggedOn(_ u: String) -> CPMessage {
        CPMessage(id: "DMKCFC045E", code: 45, text: "\(u) NOT LOGGED ON")
    }
    static func userNotInDirectory(_ u: String) -> CPMessage {
        CPMessage(id: "DMKLOG053E", code: 53, text: "\(u) NOT IN CP DIRECTORY")
    }
    static func invalidDevice(_ d: String) -> CPMessage {
        CPMessage(id: "DMKCFC022E", code: 22, text: "VIRTUAL DEVICE ADDRESS MISSING OR INVALID - \(d)")
    }
    static func deviceNotDefined(_ d: UInt16) -> CPMessage {
        CPMessage(id: "DMKCFC040E", code: 40, text: "DEV \(hexAddress3(d)) DOES NOT EXIST")
    }
    static func invalidSpoolid(_ s: String) -> CPMessage {
        CPMessage(id: "DMKCSU042E", code: 42, text: "SPOOLID \(s) DOES NOT EXIST")
    }
}

/// A device address as CP writes it: three hexadecimal digits.
func hexAddress3(_ a: UInt16) -> String {
    let s = String(a, radix: 16, uppercase: true)
    return String(repeating: "0", count: max(0, 3 - s.count)) + s
}

/// Time stamps as CP writes them.
enum CPTime {
    static let zone: String = TimeZone.current.abbreviation() ?? "GMT"

    /// `hh:mm:ss ZONE WEEKDAY mm/dd/yy`, as in `LOGON AT ...`.
    static func stamp(_ d: Date = Date()) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.dateFormat = "HH:mm:ss"
        let time = f.string(from: d)
        f.dateFormat = "EEEE"
        let day = f.string(from: d).uppercased()
        f.dateFormat = "MM/dd/yy"
        return "\(time) \(zone) \(day) \(f.string(from: d))"
    }

    /// `hh:mm:ss`.
    static func clock(_ d: Date = Date()) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.dateFormat = "HH:mm:ss"
        return f.string(from: d)
    }

    /// An interval as `hh:mm:ss`.
    static func duration(_ seconds: Double) -> String {
        let s = Int(seconds)
        return String(format: "%02d:%02d:%02d", s / 3600, (s / 60) % 60, s % 60)
    }

    /// CPU time as `mmm:ss.hs`.
    static func cpu(_ seconds: Double) -> String {
        let hs = Int((seconds * 100).rounded(.down))
        return String(format: "%03d:%02d.%02d", hs / 6000, (hs / 100) % 60, hs % 100)
    }
}
