// How terminals and CP talk (DESIGN.md, "Threads"): terminals live on an
// event loop (SwiftNIO for telnet, a thread of its own for the operator's
// console) and CP runs on its dispatcher thread. They meet only through the
// two protocols here: a terminal tells CP what happened (a connection, a
// line, an attention, a close) and CP queues it for its own thread; CP writes
// lines to a terminal, which hands them to its event loop. Neither side ever
// blocks the other.

/// A terminal connected to CP: a line-mode device (a telnet session, the
/// operator's console). Every method may be called from CP's thread and must
/// return at once.
public protocol TerminalConnection: AnyObject {
    /// The terminal's name in CP's messages, for example `LINE 001 127.0.0.1:50412`
    /// or `CONSOLE`.
    var terminalName: String { get }
    /// Writes lines to the terminal, each followed by a new line.
    func write(lines: [String])
    /// Writes a prompt without a new line (for example `ENTER PASSWORD:`)
    /// and shows the keyboard as unlocked.
    func prompt(_ text: String)
    /// Stops (false) or resumes (true) echoing what the user types, for passwords.
    func setEcho(_ on: Bool)
    /// Ends the connection; nothing more is written to it.
    func disconnect()
}

/// What terminals tell CP. Each method may be called from any thread; CP
/// queues the event for its dispatcher thread and returns at once.
public protocol TerminalEvents: AnyObject {
    /// A terminal connected; CP shows it the logo (`VM/370 ONLINE`).
    func terminalConnected(_ terminal: TerminalConnection)
    /// The user entered a line (without its line end).
    func terminalLine(_ terminal: TerminalConnection, _ line: String)
    /// The user pressed the attention key (telnet BREAK or Interrupt Process,
    /// or the configured attention key): CP mode, or an attention interruption
    /// for the virtual machine's console, as CP decides.
    func terminalAttention(_ terminal: TerminalConnection)
    /// The connection closed (the user hung up or the network dropped).
    func terminalClosed(_ terminal: TerminalConnection)
}
