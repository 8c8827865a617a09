// The telnet protocol of one connection, as a pure function of the bytes the
// client sends: no sockets, no threads, so that it can be tested on byte
// streams. It undoes IAC escaping (RFC 854), answers option negotiation
// (RFC 855, with the loop-free rules of RFC 1143), skips subnegotiation,
// ends lines at CR LF, CR NUL or a bare LF, edits the current line for
// clients in character mode, turns BREAK, Interrupt Process and the
// configured attention character into the attention key, and echoes when the
// server has agreed to (RFC 857).
//
// Line mode: the server offers nothing at connection time, so a client stays
// in the NVT's default of local echo and local line editing. For a password
// the server says WILL ECHO (the client then stops echoing, and the server
// echoes nothing) and WONT ECHO afterwards. A client that asks for server
// echo itself (DO ECHO, as character-mode clients do) gets it: the server
// then echoes what it receives and rubs out erased characters. The server
// never sends go-ahead: it offers no SUPPRESS-GO-AHEAD (that would move the
// common BSD client to character mode) and agrees to it when asked.

/// What the protocol asks its connection to do, in order.
enum TelnetAction: Equatable {
    /// Send these bytes to the client (negotiation answers, echo).
    case send([UInt8])
    /// The user entered a line.
    case line(String)
    /// The attention key: BREAK, Interrupt Process or the attention character.
    case attention
    /// A line longer than `LineAssembler.maximumLength` was dropped (its length).
    case lineTooLong(Int)
}

/// The receiving side of one telnet connection.
struct TelnetProtocol {
    /// A data byte that means the attention key (for example 0x03 for ^C), or nil.
    var attentionCharacter: UInt8?

    private enum State {
        case data
        case command  // after IAC
        case option(UInt8)  // after IAC WILL/WONT/DO/DONT
        case subnegotiation  // after IAC SB, until IAC SE
        case subnegotiationCommand  // IAC inside a subnegotiation
    }
    private var state = State.data
    private var line = LineAssembler()
    /// The last data byte was CR: a LF or NUL right after it belongs to the same line end.
    private var afterCR = false
    /// Our side (WILL/WONT, answering DO/DONT) and the client's side, by option.
    private(set) var local: [UInt8: OptionSide] = [:]
    private(set) var remote: [UInt8: OptionSide] = [:]
    /// The client asked for server echo (DO ECHO of its own accord): keep echoing
    /// after a password instead of handing echo back.
    private(set) var clientWantsServerEcho = false
    /// CP's wish: false while a password is typed.
    private(set) var echoWanted = true

    /// Actions being gathered by the current call.
    private var actions: [TelnetAction] = []

    init(attentionCharacter: UInt8? = nil) {
        self.attentionCharacter = attentionCharacter
    }

    /// Whether the server, not the client, shows what is typed (our WILL ECHO is in effect).
    var serverEchoes: Bool { local[TelnetOption.echo]?.isOn ?? false }

    // MARK: Input

    /// Takes the bytes the client sent; returns what to do about them.
    mutating func receive<Bytes: Sequence>(_ bytes: Bytes) -> [TelnetAction] where Bytes.Element == UInt8 {
        for b in bytes { step(b) }
        return takeActions()
    }

    private mutating func step(_ b: UInt8) {
        switch state {
        case .data:
            if b == TelnetCommand.iac { state = .command } else { dataByte(b) }
        case .command:
            state = .data
            command(b)
        case .option(let verb):
            state = .data
            negotiate(verb, b)
        case .subnegotiation:
            // The parameters of options we never agreed to: skipped (RFC 855).
            if b == TelnetCommand.iac { state = .subnegotiationCommand }
        case .subnegotiationCommand:
            if b == TelnetCommand.se {
                state = .data
            } else if b == TelnetCommand.iac {
                state = .subnegotiation  // an escaped 255 among the parameters
            } else {
                // A command without IAC SE: take the subnegotiation as ended.
                state = .data
                command(b)
            }
        }
    }

    /// A byte after IAC (RFC 854, "The TELNET command structure").
    private mutating func command(_ b: UInt8) {
        switch b {
        case TelnetCommand.iac:
            dataByte(b)  // IAC IAC is the data byte 255
        case TelnetCommand.will, TelnetCommand.wont, TelnetCommand.do, TelnetCommand.dont:
            state = .option(b)
        case TelnetCommand.sb:
            state = .subnegotiation
        case TelnetCommand.brk, TelnetCommand.ip:
            attention()
        case TelnetCommand.ec:
            eraseCharacter()
        case TelnetCommand.el:
            eraseLine()
        case TelnetCommand.ayt:
            // "Some visible evidence that the system is still up" (RFC 854).
            send(Array("\r\n[YES]\r\n".utf8))
        default:
            break  // NOP, Data Mark, Abort Output, Go Ahead, a stray SE, undefined codes
        }
    }

    private mutating func dataByte(_ b: UInt8) {
        if afterCR {
            afterCR = false
            if b == 0x0A || b == 0x00 { return }  // CR LF, CR NUL: one line end
        }
        if let a = attentionCharacter, b == a {
            attention()
            return
        }
        switch b {
        case 0x0D:
            endLine()
            afterCR = true
        case 0x0A:
            endLine()
        case 0x08, 0x7F:
            eraseCharacter()
        case 0x15:  // ^U: kill the line, as a terminal driver does
            eraseLine()
        case 0x09, 0x20...:
            if line.append(b), echoing { send([b]) }
        default:
            break  // NUL and other control characters carry nothing for a line-mode CP
        }
    }

    /// Whether typed characters are to be echoed now.
    private var echoing: Bool { serverEchoes && echoWanted }

    private mutating func endLine() {
        // The client does not show the line end when the server echoes (even
        // with echo suppressed for a password): the server moves to a new line.
        if serverEchoes { send([0x0D, 0x0A]) }
        switch line.complete() {
        case .line(let text): actions.append(.line(text))
        case .tooLong(let n): actions.append(.lineTooLong(n))
        }
    }

    private mutating func eraseCharacter() {
        if line.eraseCharacter(), echoing { send([0x08, 0x20, 0x08]) }
    }

    private mutating func eraseLine() {
        let n = line.eraseLine()
        if n > 0, echoing {
            send(Array(repeating: [UInt8]([0x08, 0x20, 0x08]), count: n).flatMap { $0 })
        }
    }

    /// The attention key also drops what was typed of the current line.
    private mutating func attention() {
        _ = line.eraseLine()
        if echoing { send([0x0D, 0x0A]) }
        actions.append(.attention)
    }

    // MARK: Negotiation (RFC 855, RFC 1143)

    /// The options we agree to perform when asked: ECHO (RFC 857) and
    /// SUPPRESS-GO-AHEAD (RFC 858; we never send go-ahead anyway).
    private static func agreesLocally(_ option: UInt8) -> Bool {
        option == TelnetOption.echo || option == TelnetOption.suppressGoAhead
    }

    /// The options we let the client perform: only SUPPRESS-GO-AHEAD. The
    /// server needs nothing else (no terminal type, no window size, no
    /// client echo of what the server sends).
    private static func agreesRemotely(_ option: UInt8) -> Bool {
        option == TelnetOption.suppressGoAhead
    }

    private mutating func negotiate(_ verb: UInt8, _ option: UInt8) {
        switch verb {
        case TelnetCommand.do:
            var side = local[option] ?? OptionSide()
            let wasOff = side.state == .no
            let answer = side.receivedEnable(agree: TelnetProtocol.agreesLocally(option))
            local[option] = side
            if option == TelnetOption.echo, wasOff, side.isOn { clientWantsServerEcho = true }
            if let a = answer { send([TelnetCommand.iac, a ? TelnetCommand.will : TelnetCommand.wont, option]) }
        case TelnetCommand.dont:
            var side = local[option] ?? OptionSide()
            let answer = side.receivedDisable()
            local[option] = side
            if option == TelnetOption.echo { clientWantsServerEcho = false }
            if let a = answer { send([TelnetCommand.iac, a ? TelnetCommand.will : TelnetCommand.wont, option]) }
        case TelnetCommand.will:
            var side = remote[option] ?? OptionSide()
            let answer = side.receivedEnable(agree: TelnetProtocol.agreesRemotely(option))
            remote[option] = side
            if let a = answer { send([TelnetCommand.iac, a ? TelnetCommand.do : TelnetCommand.dont, option]) }
        default:  // WONT
            var side = remote[option] ?? OptionSide()
            let answer = side.receivedDisable()
            remote[option] = side
            if let a = answer { send([TelnetCommand.iac, a ? TelnetCommand.do : TelnetCommand.dont, option]) }
        }
    }

    // MARK: Echo for passwords

    /// CP's echo on/off (`TerminalConnection.setEcho`). Off: the server takes
    /// over echo (WILL ECHO) and shows nothing. On: echo goes back to the
    /// client (WONT ECHO), unless the client had asked for server echo.
    mutating func setEcho(_ on: Bool) -> [TelnetAction] {
        echoWanted = on
        var side = local[TelnetOption.echo] ?? OptionSide()
        if !on {
            if side.ask() { send([TelnetCommand.iac, TelnetCommand.will, TelnetOption.echo]) }
        } else if !clientWantsServerEcho {
            if side.withdraw() { send([TelnetCommand.iac, TelnetCommand.wont, TelnetOption.echo]) }
        }
        local[TelnetOption.echo] = side
        return takeActions()
    }

    // MARK: Gathering actions

    private mutating func send(_ bytes: [UInt8]) {
        if case .send(let earlier)? = actions.last {
            actions[actions.count - 1] = .send(earlier + bytes)
        } else {
            actions.append(.send(bytes))
        }
    }

    private mutating func takeActions() -> [TelnetAction] {
        defer { actions = [] }
        return actions
    }
}

/// The sending side: text to the bytes of the network virtual terminal.
enum TelnetOutput {
    /// Lines, each ended by CR LF (RFC 854: the NVT's new line).
    static func encode(lines: [String]) -> [UInt8] {
        var out: [UInt8] = []
        for l in lines {
            append(l, to: &out)
            out += [0x0D, 0x0A]
        }
        return out
    }

    /// Text without a line end (a prompt).
    static func encode(prompt: String) -> [UInt8] {
        var out: [UInt8] = []
        append(prompt, to: &out)
        return out
    }

    /// IAC is doubled; a LF inside the text becomes CR LF and a bare CR
    /// becomes CR NUL, as RFC 854 requires of CR.
    private static func append(_ text: String, to out: inout [UInt8]) {
        for b in text.utf8 {
            switch b {
            case TelnetCommand.iac: out += [TelnetCommand.iac, TelnetCommand.iac]
            case 0x0A: out += [0x0D, 0x0A]
            case 0x0D: out += [0x0D, 0x00]
            default: out.append(b)
            }
        }
    }
}
