// A host file as the device models use it: positioned reads and writes,
// appends, truncation, and errors that name the file. POSIX calls, so that a
// DASD track or a tape block is one system call and nothing is buffered
// behind the program's back.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An open host file.
public final class HostFile {
    /// The path it was opened with (for messages).
    public let path: String
    /// Whether it was opened for writing.
    public let writable: Bool
    private var fd: Int32

    /// How to open a file.
    public enum Mode {
        /// Read only; the file must exist.
        case read
        /// Read and write; the file must exist.
        case update
        /// Read and write; created, or emptied when it exists.
        case create
        /// Writes at the end; created when missing, emptied when it exists.
        case output
    }

    /// Opens `path`.
    public init(path: String, mode: Mode) throws {
        self.path = path
        let flags: Int32
        switch mode {
        case .read: flags = O_RDONLY
        case .update: flags = O_RDWR
        case .create: flags = O_RDWR | O_CREAT | O_TRUNC
        case .output: flags = O_WRONLY | O_CREAT | O_TRUNC
        }
        writable = mode != .read
        fd = open(path, flags | O_CLOEXEC, 0o644)
        if fd < 0 { throw DeviceFileError(path: path, HostFile.reason(errno, opening: true)) }
        var st = stat()
        if fstat(fd, &st) == 0 && (st.st_mode & S_IFMT) == S_IFDIR {
            systemClose(fd)
            fd = -1
            throw DeviceFileError(path: path, "is a directory, not a file")
        }
    }

    deinit {
        if fd >= 0 { systemClose(fd) }
    }

    /// Closes the file (later calls fail).
    public func close() {
        if fd >= 0 {
            systemClose(fd)
            fd = -1
        }
    }

    /// The file's size in bytes.
    public func size() throws -> Int {
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw DeviceFileError(path: path, HostFile.reason(errno)) }
        return Int(st.st_size)
    }

    /// Reads up to `count` bytes at `offset` (fewer at the end of the file).
    public func read(at offset: Int, count: Int) throws -> [UInt8] {
        if count <= 0 { return [] }
        var out = [UInt8](repeating: 0, count: count)
        var done = 0
        while done < count {
            let n = out.withUnsafeMutableBytes { buf in
                pread(fd, buf.baseAddress! + done, count - done, off_t(offset + done))
            }
            if n < 0 {
                if errno == EINTR { continue }
                throw DeviceFileError(path: path, HostFile.reason(errno))
            }
            if n == 0 { break }
            done += n
        }
        if done < count { out.removeLast(count - done) }
        return out
    }

    /// Reads the whole file.
    public func readAll() throws -> [UInt8] {
        try read(at: 0, count: try size())
    }

    /// Writes `bytes` at `offset`.
    public func write(_ bytes: [UInt8], at offset: Int) throws {
        var done = 0
        while done < bytes.count {
            let n = bytes.withUnsafeBytes { buf in
                pwrite(fd, buf.baseAddress! + done, bytes.count - done, off_t(offset + done))
            }
            if n < 0 {
                if errno == EINTR { continue }
                throw DeviceFileError(path: path, HostFile.reason(errno))
            }
            done += n
        }
    }

    /// Writes `bytes` at the end of the file.
    public func append(_ bytes: [UInt8]) throws {
        try write(bytes, at: try size())
    }

    /// Cuts the file to `length` bytes.
    public func truncate(to length: Int) throws {
        if ftruncate(fd, off_t(length)) != 0 { throw DeviceFileError(path: path, HostFile.reason(errno)) }
    }

    /// Forces what was written to the disk.
    public func sync() throws {
        if fsync(fd) != 0 { throw DeviceFileError(path: path, HostFile.reason(errno)) }
    }

    /// A reason for an errno value, with what to do where that helps.
    static func reason(_ e: Int32, opening: Bool = false) -> String {
        switch e {
        case ENOENT: return "no such file (check the path)"
        case EACCES, EPERM: return opening ? "permission denied (check the file's permissions, or attach it read-only)" : "permission denied"
        case EROFS: return "the file system is read-only (attach the file read-only)"
        case ENOSPC: return "no space left on the device"
        case EISDIR: return "is a directory, not a file"
        default: return String(cString: strerror(e))
        }
    }
}

/// close(2), apart from `HostFile.close`.
private func systemClose(_ fd: Int32) {
    #if canImport(Glibc)
    _ = Glibc.close(fd)
    #else
    _ = Darwin.close(fd)
    #endif
}
