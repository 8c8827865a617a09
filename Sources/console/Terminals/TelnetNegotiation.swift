// Telnet option negotiation (RFC 855) without loops, by RFC 1143's "Q
// method": each side of each option has a state (NO, YES, WANTNO, WANTYES)
// and a queued wish for the opposite, so that a request is never answered
// twice and an acknowledgement is never taken for a new request.

/// Telnet command bytes (RFC 854, "The TELNET command structure").
enum TelnetCommand {
    static let se: UInt8 = 240  // end of subnegotiation parameters
    static let nop: UInt8 = 241
    static let dataMark: UInt8 = 242
    static let brk: UInt8 = 243  // BREAK
    static let ip: UInt8 = 244  // Interrupt Process
    static let ao: UInt8 = 245  // Abort Output
    static let ayt: UInt8 = 246  // Are You There
    static let ec: UInt8 = 247  // Erase Character
    static let el: UInt8 = 248  // Erase Line
    static let ga: UInt8 = 249  // Go Ahead
    static let sb: UInt8 = 250  // start of subnegotiation
    static let will: UInt8 = 251
    static let wont: UInt8 = 252
    static let `do`: UInt8 = 253
    static let dont: UInt8 = 254
    static let iac: UInt8 = 255  // Interpret As Command
}

/// The options the server knows (the others are refused).
enum TelnetOption {
    /// RFC 857: the side that WILL ECHO echoes what it receives.
    static let echo: UInt8 = 1
    /// RFC 858: no go-ahead is sent.
    static let suppressGoAhead: UInt8 = 3
}

/// One side of one option, as RFC 1143 keeps it.
struct OptionSide: Equatable {
    enum State: Equatable { case no, yes, wantNo, wantYes }
    var state: State = .no
    /// A wish for the opposite of the pending request, sent once it is answered.
    var queuedOpposite = false

    /// Whether the option is in effect.
    var isOn: Bool { state == .yes }

    /// The peer asked to enable (DO for our side, WILL for its side).
    /// Returns whether to send the positive answer (true), the negative one
    /// (false), or nothing (nil).
    mutating func receivedEnable(agree: Bool) -> Bool? {
        switch state {
        case .no:
            if agree { state = .yes; return true }
            return false
        case .yes:
            return nil
        case .wantNo:
            // RFC 1143: an error (DONT answered by WILL); believe the peer.
            state = queuedOpposite ? .yes : .no
            queuedOpposite = false
            return nil
        case .wantYes:
            if queuedOpposite {
                state = .wantNo
                queuedOpposite = false
                return false
            }
            state = .yes
            return nil
        }
    }

    /// The peer asked to disable, or refused (DONT for our side, WONT for its side).
    /// Returns the answer to send: negative (false), a queued request to
    /// enable (true), or nothing (nil).
    mutating func receivedDisable() -> Bool? {
        switch state {
        case .no:
            return nil
        case .yes:
            state = .no
            return false
        case .wantNo:
            if queuedOpposite {
                state = .wantYes
                queuedOpposite = false
                return true
            }
            state = .no
            return nil
        case .wantYes:
            state = .no
            queuedOpposite = false
            return nil
        }
    }

    /// We want the option on. Returns true when a request is to be sent.
    mutating func ask() -> Bool {
        switch state {
        case .no: state = .wantYes; return true
        case .yes: return false
        case .wantNo: queuedOpposite = true; return false
        case .wantYes: queuedOpposite = false; return false
        }
    }

    /// We want the option off. Returns true when a request (the negative) is to be sent.
    mutating func withdraw() -> Bool {
        switch state {
        case .no: return false
        case .yes: state = .wantNo; return true
        case .wantNo: queuedOpposite = false; return false
        case .wantYes: queuedOpposite = true; return false
        }
    }
}
