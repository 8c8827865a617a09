// One telnet connection: the SwiftNIO channel handler that feeds the bytes
// to `TelnetProtocol` and reports lines and attentions to CP, and the
// `TerminalConnection` CP writes to. Everything the session holds is touched
// only on its channel's event loop: CP's calls (from CP's thread) hand their
// work to the loop with `eventLoop.execute` and return at once.

import CP
import NIOCore

/// A telnet terminal: one TCP connection in line mode.
final class TelnetSession: ChannelInboundHandler, TerminalConnection, @unchecked Sendable {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    /// Output the client has not taken yet beyond which it is taken for gone
    /// (a client that stops reading must not make the server hold its output forever).
    static let maximumPendingOutput = 1 << 20
    /// How long a disconnect waits for the last output to reach the client.
    static let closeGrace = TimeAmount.seconds(5)

    let terminalName: String
    private let channel: Channel
    private weak var events: TerminalEvents?
    /// Called once, on the event loop, when the connection has closed (frees the line number).
    private let onClose: () -> Void

    // Event-loop state.
    private var telnet: TelnetProtocol
    private var pacing = InputPacing()
    private var readingPaused = false
    private var pendingOutput = 0
    private var lastWrite: EventLoopFuture<Void>?
    private var closing = false
    private var closedReported = false
    /// A prompt is showing: output that comes before the answer starts on a new line.
    private var afterPrompt = false

    init(name: String, channel: Channel, events: TerminalEvents, attentionCharacter: UInt8?,
         onClose: @escaping () -> Void) {
        self.terminalName = name
        self.channel = channel
        self.events = events
        self.onClose = onClose
        self.telnet = TelnetProtocol(attentionCharacter: attentionCharacter)
    }

    // MARK: TerminalConnection (CP's thread)

    func write(lines: [String]) {
        let bytes = TelnetOutput.encode(lines: lines)
        channel.eventLoop.execute {
            if self.afterPrompt {
                self.afterPrompt = false
                self.output([0x0D, 0x0A] + bytes)
            } else {
                self.output(bytes)
            }
        }
    }

    func prompt(_ text: String) {
        let bytes = TelnetOutput.encode(prompt: text)
        channel.eventLoop.execute {
            self.output(bytes)
            self.afterPrompt = !bytes.isEmpty
        }
    }

    func setEcho(_ on: Bool) {
        channel.eventLoop.execute {
            self.perform(self.telnet.setEcho(on))
        }
    }

    func disconnect() {
        channel.eventLoop.execute { self.close() }
    }

    // MARK: ChannelInboundHandler (the event loop)

    func channelActive(context: ChannelHandlerContext) {
        events?.terminalConnected(self)
        context.fireChannelActive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let buffer = unwrapInboundIn(data)
        guard !closing else { return }
        let actions = telnet.receive(buffer.readableBytesView)
        perform(actions)
        // Lines and attentions go to CP's queue: a client that sends them
        // faster than a person could is slowed down by not reading from it.
        let events = actions.reduce(0) { n, a in
            if case .send = a { return n }
            return n + 1
        }
        if pacing.consume(events, at: .now()) != nil, !readingPaused {
            readingPaused = true
            context.channel.setOption(ChannelOptions.autoRead, value: false).whenComplete { _ in
                self.resumeReadingWhenPaced()
            }
        }
    }

    /// Resumes reading once the client's lines are within the pace again.
    private func resumeReadingWhenPaced() {
        guard !closing else { return }
        if let wait = pacing.consume(0, at: .now()) {
            channel.eventLoop.scheduleTask(in: wait) { self.resumeReadingWhenPaced() }
        } else {
            readingPaused = false
            channel.setOption(ChannelOptions.autoRead, value: true).whenFailure { _ in }
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        reportClosed()
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: Error) {
        // A reset or any other socket error ends this connection only.
        context.close(promise: nil)
    }

    // MARK: On the event loop

    private func perform(_ actions: [TelnetAction]) {
        for a in actions {
            switch a {
            case .send(let bytes):
                output(bytes)
            case .line(let text):
                afterPrompt = false
                events?.terminalLine(self, text)
            case .attention:
                afterPrompt = false
                events?.terminalAttention(self)
            case .lineTooLong(let n):
                afterPrompt = false
                output(TelnetOutput.encode(lines: [LineAssembler.tooLongMessage(n)]))
            }
        }
    }

    private func output(_ bytes: [UInt8]) {
        guard !closing, !bytes.isEmpty, channel.isActive else { return }
        if pendingOutput + bytes.count > TelnetSession.maximumPendingOutput {
            // The client has stopped reading (a half-open connection): drop
            // it now; what it has not taken would never arrive.
            closing = true
            channel.close(promise: nil)
            return
        }
        pendingOutput += bytes.count
        let n = bytes.count
        let future = channel.writeAndFlush(channel.allocator.buffer(bytes: bytes))
        future.whenComplete { _ in self.pendingOutput -= n }
        lastWrite = future
    }

    /// Closes after the last output has gone out, or after a grace period if
    /// the client does not take it.
    private func close() {
        guard !closing else { return }
        closing = true
        let channel = self.channel
        let timeout = channel.eventLoop.scheduleTask(in: TelnetSession.closeGrace) {
            channel.close(promise: nil)
        }
        if let last = lastWrite {
            last.whenComplete { _ in
                timeout.cancel()
                channel.close(promise: nil)
            }
        } else {
            timeout.cancel()
            channel.close(promise: nil)
        }
    }

    /// The one report of the connection's end, whichever side ended it.
    private func reportClosed() {
        guard !closedReported else { return }
        closedReported = true
        closing = true
        onClose()
        events?.terminalClosed(self)
    }
}

/// How fast a terminal may hand CP lines and attentions: a token bucket far
/// above what a person types or pastes, so that one flooding client cannot
/// fill CP's queue at the others' cost.
struct InputPacing {
    /// The burst allowed (lines at once, a pasted deck for example).
    static let burst = 2000.0
    /// Lines per second after the burst.
    static let rate = 500.0
    private var tokens = InputPacing.burst
    private var last: NIODeadline?

    /// Takes `n` events at `now`; returns how long to stop reading, when over the limit.
    mutating func consume(_ n: Int, at now: NIODeadline) -> TimeAmount? {
        if let l = last {
            let seconds = Double((now - l).nanoseconds) / 1e9
            tokens = min(InputPacing.burst, tokens + seconds * InputPacing.rate)
        }
        last = now
        tokens -= Double(n)
        guard tokens < 0 else { return nil }
        return .nanoseconds(Int64(-tokens / InputPacing.rate * 1e9))
    }
}
