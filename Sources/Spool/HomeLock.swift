// The lock on a system's home folder. A running system holds it for as long
// as it runs; anything else that would touch the spool (the host commands
// `s370 submit` and `s370 spool`) either takes it or, when it is held, goes
// through the running system. It is an flock(2) on `home/s370.lock`, so the
// kernel lets it go when the holder ends, however it ends (SIGKILL too); the
// file holds the holder's process id, for messages.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An exclusive lock on a home folder, held until `release` or the end of the process.
public final class HomeLock {
    /// The home folder.
    public let home: String
    private var fd: Int32

    /// The lock file of `home`.
    public static func path(_ home: String) -> String { home + "/s370.lock" }

    /// Why the lock could not be taken.
    public enum Failure: Error, CustomStringConvertible, Equatable {
        /// Another process holds it (its process id, when the lock file says).
        case held(home: String, pid: Int32?)
        /// The lock file could not be opened.
        case unusable(SpoolStoreError)

        public var description: String {
            switch self {
            case .held(let home, let pid):
                let who = pid.map { "process \($0)" } ?? "another process"
                return "\(home): the home is in use by a running system (\(who) holds \(HomeLock.path(home)))"
            case .unusable(let e):
                return e.description
            }
        }
    }

    /// Takes the lock on `home` (the folder must exist), or fails at once when it is held.
    public init(home: String) throws {
        self.home = home
        let path = HomeLock.path(home)
        fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw Failure.unusable(DurableFile.error(path)) }
        if flock(fd, LOCK_EX | LOCK_NB) != 0 {
            let pid = HomeLock.readPid(fd)
            _ = close(fd)
            fd = -1
            throw Failure.held(home: home, pid: pid)
        }
        let text = Array("\(getpid())\n".utf8)
        _ = ftruncate(fd, 0)
        _ = text.withUnsafeBytes { pwrite(fd, $0.baseAddress!, text.count, 0) }
    }

    deinit { release() }

    /// Lets the lock go.
    public func release() {
        if fd >= 0 {
            _ = flock(fd, LOCK_UN)
            _ = close(fd)
            fd = -1
        }
    }

    /// Whether this object still holds the lock.
    public var isHeld: Bool { fd >= 0 }

    /// The process holding the lock on `home`, or nil when nobody does
    /// (it takes the lock for an instant to find out, and lets it go).
    public static func holder(of home: String) -> Int32?? {
        let path = HomeLock.path(home)
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { _ = close(fd) }
        if flock(fd, LOCK_SH | LOCK_NB) == 0 {
            _ = flock(fd, LOCK_UN)
            return nil
        }
        return .some(readPid(fd))
    }

    /// The process id written in the lock file.
    private static func readPid(_ fd: Int32) -> Int32? {
        var buf = [UInt8](repeating: 0, count: 32)
        let n = buf.withUnsafeMutableBytes { pread(fd, $0.baseAddress!, 31, 0) }
        guard n > 0 else { return nil }
        let s = String(decoding: buf[0..<n], as: UTF8.self).trimmed(of: " \n")
        return Int32(s)
    }
}

extension String {
    /// The string without leading and trailing characters of `set`.
    fileprivate func trimmed(of set: String) -> String {
        var s = Substring(self)
        while let f = s.first, set.contains(f) { s.removeFirst() }
        while let l = s.last, set.contains(l) { s.removeLast() }
        return String(s)
    }
}
