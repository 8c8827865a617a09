// The one place where other threads reach CP: a queue of events with a
// condition variable, so the dispatcher thread sleeps when it has nothing to
// run and wakes as soon as a terminal or a host command has something for it.

import Foundation

/// Something that happened outside CP's thread.
enum CPEvent {
    case connected(TerminalConnection)
    case line(TerminalConnection, String)
    case attention(TerminalConnection)
    case closed(TerminalConnection)
    /// A host command (`s370 submit`, `s370 spool`) through the running system.
    case host(HostRequest)
    /// Shut the system down (SIGTERM, or the operator's SHUTDOWN).
    case shutdown
}

/// A request from a host command to the running system, answered on its own queue.
public final class HostRequest {
    /// The request, as the host command sends it.
    public let arguments: [String]
    /// Standard input the host command passes (a deck, for example).
    public let input: [UInt8]
    private let done = NSCondition()
    private var answer: (status: Int32, output: String)?

    public init(arguments: [String], input: [UInt8] = []) {
        self.arguments = arguments
        self.input = input
    }

    /// Called on CP's thread with the answer.
    func reply(status: Int32, output: String) {
        done.lock()
        answer = (status, output)
        done.broadcast()
        done.unlock()
    }

    /// Waits for the answer (on the host command's thread).
    public func wait() -> (status: Int32, output: String) {
        done.lock()
        while answer == nil { done.wait() }
        let a = answer!
        done.unlock()
        return a
    }
}

/// A thread-safe queue of events for CP's dispatcher thread.
final class EventQueue {
    private let condition = NSCondition()
    private var events: [CPEvent] = []

    /// Adds an event and wakes the dispatcher.
    func post(_ e: CPEvent) {
        condition.lock()
        events.append(e)
        condition.signal()
        condition.unlock()
    }

    /// Takes every queued event; waits up to `timeout` seconds (nil: no wait,
    /// infinity: until an event) when there is none.
    func take(waiting timeout: Double?) -> [CPEvent] {
        condition.lock()
        defer { condition.unlock() }
        if events.isEmpty, let t = timeout, t > 0 {
            if t.isInfinite {
                while events.isEmpty { condition.wait() }
            } else {
                _ = condition.wait(until: Date(timeIntervalSinceNow: t))
            }
        }
        let out = events
        events.removeAll(keepingCapacity: true)
        return out
    }
}
