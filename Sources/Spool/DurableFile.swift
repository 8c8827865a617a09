// Host files written so that a crash never leaves one half there: the bytes
// go to a temporary file, which is forced to disk and then renamed over the
// name (a rename is atomic), and the folder is forced to disk so the rename
// lasts. A checksum (CRC-32, zlib's) lets a reader tell a whole file from a
// damaged one.

import CZlib

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An error of the host file system, naming the file and what to do.
public struct SpoolStoreError: Error, CustomStringConvertible, Equatable {
    /// The host path.
    public var path: String
    /// What went wrong.
    public var message: String

    public init(path: String, _ message: String) {
        self.path = path
        self.message = message
    }

    public var description: String { "\(path): \(message)" }
}

/// The file operations of the store.
enum DurableFile {
    /// The suffix of a file being written (removed at recovery: it was never complete).
    static let temporarySuffix = ".tmp"

    /// Writes `bytes` to `path` durably: temporary file, fsync, rename, fsync of the folder.
    static func write(_ bytes: [UInt8], to path: String) throws {
        let temporary = path + temporarySuffix
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw error(temporary) }
        var done = 0
        while done < bytes.count {
            let n = bytes.withUnsafeBytes { buf in
                posixWrite(fd, buf.baseAddress! + done, bytes.count - done)
            }
            if n < 0 {
                if errno == EINTR { continue }
                let e = error(temporary)
                _ = posixClose(fd)
                unlink(temporary)
                throw e
            }
            done += n
        }
        if fsync(fd) != 0 {
            let e = error(temporary)
            _ = posixClose(fd)
            unlink(temporary)
            throw e
        }
        _ = posixClose(fd)
        if rename(temporary, path) != 0 {
            let e = error(path)
            unlink(temporary)
            throw e
        }
        try syncFolder(of: path)
    }

    /// Removes `path` and forces the removal to disk. A missing file is not an error.
    static func remove(_ path: String) throws {
        if unlink(path) != 0 && errno != ENOENT { throw error(path) }
        try syncFolder(of: path)
    }

    /// Forces a folder's entries (renames, removals) to disk.
    static func syncFolder(of path: String) throws {
        let folder = path.lastIndex(of: "/").map { String(path[..<$0]) } ?? "."
        try syncFolder(folder)
    }

    /// Forces `folder`'s entries to disk.
    static func syncFolder(_ folder: String) throws {
        let fd = open(folder.isEmpty ? "/" : folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw error(folder) }
        defer { _ = posixClose(fd) }
        if fsync(fd) != 0 && errno != EINVAL { throw error(folder) }
    }

    /// The whole of a file.
    static func read(_ path: String) throws -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw error(path) }
        defer { _ = posixClose(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw error(path) }
        let size = Int(st.st_size)
        var out = [UInt8](repeating: 0, count: size)
        var done = 0
        while done < size {
            let n = out.withUnsafeMutableBytes { buf in posixRead(fd, buf.baseAddress! + done, size - done) }
            if n < 0 {
                if errno == EINTR { continue }
                throw error(path)
            }
            if n == 0 { break }
            done += n
        }
        if done < size { out.removeLast(size - done) }
        return out
    }

    /// The size of a file, or nil when it does not exist.
    static func size(_ path: String) -> Int? {
        var st = stat()
        guard stat(path, &st) == 0 else { return nil }
        return Int(st.st_size)
    }

    /// Whether `path` is a folder.
    static func isFolder(_ path: String) -> Bool {
        var st = stat()
        return stat(path, &st) == 0 && (st.st_mode & S_IFMT) == S_IFDIR
    }

    /// Makes a folder (and its parents) if missing.
    static func makeFolder(_ path: String) throws {
        if isFolder(path) { return }
        if let slash = path.lastIndex(of: "/"), slash != path.startIndex {
            try makeFolder(String(path[..<slash]))
        }
        if mkdir(path, 0o755) != 0 && errno != EEXIST { throw error(path) }
    }

    /// The names in a folder (without . and ..).
    static func names(in folder: String) throws -> [String] {
        guard let d = opendir(folder) else { throw error(folder) }
        defer { closedir(d) }
        var out: [String] = []
        while let e = readdir(d) {
            let name = withUnsafePointer(to: e.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
            }
            if name != "." && name != ".." { out.append(name) }
        }
        return out
    }

    /// Renames, forcing the folder to disk.
    static func move(_ from: String, to: String) throws {
        if rename(from, to) != 0 { throw error(from) }
        try syncFolder(of: to)
    }

    /// The error for errno on `path`.
    static func error(_ path: String) -> SpoolStoreError {
        let e = errno
        switch e {
        case ENOENT: return SpoolStoreError(path: path, "no such file or folder")
        case EACCES, EPERM: return SpoolStoreError(path: path, "permission denied (check the home folder's permissions)")
        case ENOSPC: return SpoolStoreError(path: path, "no space left on the device: free some space, nothing was lost")
        case EROFS: return SpoolStoreError(path: path, "the file system is read-only")
        default: return SpoolStoreError(path: path, String(cString: strerror(e)))
        }
    }
}

// write(2), read(2) and close(2) by names the enum's own methods do not hide.
#if canImport(Glibc)
let posixWrite = Glibc.write
let posixRead = Glibc.read
let posixClose = Glibc.close
#else
let posixWrite = Darwin.write
let posixRead = Darwin.read
let posixClose = Darwin.close
#endif

/// CRC-32 (ISO 3309, as zlib computes it).
enum Checksum {
    /// The CRC-32 of `bytes` (continuing from `crc`).
    static func crc32(_ bytes: [UInt8], from crc: UInt32 = 0) -> UInt32 {
        bytes.withUnsafeBufferPointer { crc32(UnsafeRawBufferPointer($0), from: crc) }
    }

    /// The CRC-32 of a buffer (continuing from `crc`).
    static func crc32(_ buffer: UnsafeRawBufferPointer, from crc: UInt32 = 0) -> UInt32 {
        guard let base = buffer.baseAddress, buffer.count > 0 else { return crc }
        var c = UInt(crc)
        var p = base.assumingMemoryBound(to: UInt8.self)
        var left = buffer.count
        while left > 0 {
            let n = min(left, 1 << 30)
            c = CZlib.crc32(c, p, uInt(n))
            p += n
            left -= n
        }
        return UInt32(truncatingIfNeeded: c)
    }
}
