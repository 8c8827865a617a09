// Compression of CCKD track images: zlib (compress2/uncompress) and bzip2
// (BZ2_bzBuffToBuff*), the two algorithms of the Hercules CCKD format, by
// the system libraries. A track that does not shrink is stored as it is.

import CBzip2
import CZlib

/// The compression of one CCKD track image (the low two bits of its header's first byte).
public enum TrackCompression: UInt8, Sendable, CaseIterable {
    case none = 0
    case zlib = 1
    case bzip2 = 2

    /// Compresses `bytes`; nil when the library fails or the result is not smaller.
    public func compress(_ bytes: [UInt8]) -> [UInt8]? {
        switch self {
        case .none:
            return nil
        case .zlib:
            var length = compressBound(uLong(bytes.count))
            var out = [UInt8](repeating: 0, count: Int(length))
            let rc = out.withUnsafeMutableBufferPointer { o in
                bytes.withUnsafeBufferPointer { i in
                    compress2(o.baseAddress, &length, i.baseAddress, uLong(i.count), Z_DEFAULT_COMPRESSION)
                }
            }
            guard rc == Z_OK, Int(length) < bytes.count else { return nil }
            return Array(out[0..<Int(length)])
        case .bzip2:
            var length = UInt32(bytes.count + bytes.count / 100 + 600)
            var out = [UInt8](repeating: 0, count: Int(length))
            var input = bytes
            let rc = out.withUnsafeMutableBufferPointer { o in
                input.withUnsafeMutableBufferPointer { i in
                    o.baseAddress!.withMemoryRebound(to: CChar.self, capacity: o.count) { op in
                        i.baseAddress!.withMemoryRebound(to: CChar.self, capacity: i.count) { ip in
                            BZ2_bzBuffToBuffCompress(op, &length, ip, UInt32(i.count), 5, 0, 0)
                        }
                    }
                }
            }
            guard rc == BZ_OK, Int(length) < bytes.count else { return nil }
            return Array(out[0..<Int(length)])
        }
    }

    /// Decompresses `bytes` into at most `limit` bytes; nil when they are not a valid stream.
    public func decompress(_ bytes: [UInt8], limit: Int) -> [UInt8]? {
        guard !bytes.isEmpty else { return self == .none ? [] : nil }
        switch self {
        case .none:
            return bytes
        case .zlib:
            var length = uLong(limit)
            var out = [UInt8](repeating: 0, count: limit)
            let rc = out.withUnsafeMutableBufferPointer { o in
                bytes.withUnsafeBufferPointer { i in
                    uncompress(o.baseAddress, &length, i.baseAddress, uLong(i.count))
                }
            }
            guard rc == Z_OK else { return nil }
            return Array(out[0..<Int(length)])
        case .bzip2:
            var length = UInt32(limit)
            var out = [UInt8](repeating: 0, count: limit)
            var input = bytes
            let rc = out.withUnsafeMutableBufferPointer { o in
                input.withUnsafeMutableBufferPointer { i in
                    o.baseAddress!.withMemoryRebound(to: CChar.self, capacity: o.count) { op in
                        i.baseAddress!.withMemoryRebound(to: CChar.self, capacity: i.count) { ip in
                            BZ2_bzBuffToBuffDecompress(op, &length, ip, UInt32(i.count), 0, 0)
                        }
                    }
                }
            }
            guard rc == BZ_OK else { return nil }
            return Array(out[0..<Int(length)])
        }
    }
}
