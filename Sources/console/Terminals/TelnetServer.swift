// The telnet server: a SwiftNIO listener whose every connection becomes a
// `TelnetSession`, numbered like a VM/370 line (`LINE 001 127.0.0.1:50412`,
// the lowest number free). One event loop serves every line; a session never
// blocks it, and what goes wrong on one connection closes that one alone.

import CP
import Foundation
import NIOCore
import NIOPosix

/// The listener for telnet terminals.
final class TelnetServer {
    /// The most connections at once; a connection past it is told so and closed.
    static let maximumLines = 1024

    private let events: TerminalEvents
    private let attentionCharacter: UInt8?
    private let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
    private var listener: Channel?
    private let lines = LineNumbers(maximum: TelnetServer.maximumLines)

    /// A server that reports to `events`; `attentionCharacter` is a data byte
    /// that also means the attention key (nil: only BREAK and Interrupt Process).
    init(events: TerminalEvents, attentionCharacter: UInt8? = nil) {
        self.events = events
        self.attentionCharacter = attentionCharacter
    }

    /// Starts listening on `host` (an IP address or a name) and `port` (0: any
    /// free port); returns the address it listens on.
    func start(host: String, port: Int) throws -> SocketAddress {
        guard (0...65535).contains(port) else {
            throw TerminalError("port \(port) is not a TCP port (0-65535)")
        }
        let events = self.events
        let attention = attentionCharacter
        let lines = self.lines
        let bootstrap = ServerBootstrap(group: group)
            .serverChannelOption(ChannelOptions.backlog, value: 256)
            .serverChannelOption(ChannelOptions.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(ChannelOptions.socketOption(.so_keepalive), value: 1)
            .childChannelOption(ChannelOptions.tcpOption(.tcp_nodelay), value: 1)
            .childChannelInitializer { channel in
                guard let number = lines.take() else {
                    return channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.addHandler(AllLinesBusy())
                    }
                }
                let name = String(format: "LINE %03d ", number) + TelnetServer.describe(channel.remoteAddress)
                let session = TelnetSession(name: name, channel: channel, events: events,
                                            attentionCharacter: attention, onClose: { lines.give(number) })
                return channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(session)
                }
            }
        let channel: Channel
        do {
            channel = try bootstrap.bind(host: host, port: port).wait()
        } catch {
            throw TerminalError("cannot listen for telnet terminals on \(host) port \(port): \(error)")
        }
        listener = channel
        guard let address = channel.localAddress else {
            throw TerminalError("the telnet listener on \(host) has no address")
        }
        return address
    }

    /// Stops listening, closes every connection and ends the event loop.
    func stop() {
        try? listener?.close().wait()
        listener = nil
        try? group.syncShutdownGracefully()
    }

    /// `127.0.0.1:50412`, or `[::1]:50412` for IPv6.
    static func describe(_ address: SocketAddress?) -> String {
        guard let a = address, let ip = a.ipAddress else { return "?" }
        let host = ip.contains(":") ? "[\(ip)]" : ip
        return a.port.map { "\(host):\($0)" } ?? host
    }

    /// Whether `host` names only this machine (a loopback address).
    static func isLoopback(_ host: String) -> Bool {
        let h = host.lowercased()
        return h == "localhost" || h == "::1" || h == "[::1]" || h.hasPrefix("127.")
    }
}

/// The line numbers in use, lowest free first (any thread).
final class LineNumbers: @unchecked Sendable {
    private let lock = NSLock()
    private var used = Set<Int>()
    private let maximum: Int

    init(maximum: Int) { self.maximum = maximum }

    /// The lowest free number from 1, or nil when all are in use.
    func take() -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard used.count < maximum else { return nil }
        var n = 1
        while used.contains(n) { n += 1 }
        used.insert(n)
        return n
    }

    /// Frees a number.
    func give(_ n: Int) {
        lock.lock()
        used.remove(n)
        lock.unlock()
    }
}

/// The answer to a connection beyond the last line.
private final class AllLinesBusy: ChannelInboundHandler, Sendable {
    typealias InboundIn = ByteBuffer

    func channelActive(context: ChannelHandlerContext) {
        let text = TelnetOutput.encode(lines: ["ALL \(TelnetServer.maximumLines) LINES ARE IN USE; TRY AGAIN LATER"])
        context.writeAndFlush(NIOAny(context.channel.allocator.buffer(bytes: text))).whenComplete { _ in
            context.close(promise: nil)
        }
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {}
}

/// A terminal layer error, with what to do about it.
struct TerminalError: Error, CustomStringConvertible {
    let description: String
    init(_ d: String) { description = d }
}
