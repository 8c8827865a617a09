// The AWS tape image format (P/390 "AWSTAPE", as Hercules reads and writes
// it): the tape as a chain of chunks, each a 6-byte header and its data.
//
//   header: bytes 0-1 this chunk's data length, 2-3 the previous chunk's
//   data length (both little-endian), byte 4 flags, byte 5 zero.
//   flags: 0x80 first chunk of a block, 0x20 last chunk of a block,
//          0x40 tape mark (no data).
//
// A block longer than 65,535 bytes spans chunks. The image is checked when
// it is opened, so that a truncated or foreign file is reported by name and
// byte offset before any program runs; reading never goes past what was
// checked. Writing at a position erases everything after it, as on tape.

/// What a tape movement found.
public enum TapeRecord: Equatable, Sendable {
    /// A data block.
    case block([UInt8])
    /// A tape mark.
    case tapeMark
    /// The end of the recorded data (nothing was read).
    case endOfData
    /// The beginning of the tape (backward movement at load point).
    case loadPoint
}

/// An AWS tape image, positioned.
public final class AWSTape {
    /// The host file.
    public let file: HostFile
    /// The offset of the next chunk header.
    public private(set) var position = 0
    /// The data length of the chunk before `position` (0 at load point).
    private var previousLength = 0
    /// The size of the recorded data.
    private var end = 0
    /// Blocks and tape marks between load point and the position.
    public private(set) var blockNumber = 0

    static let beginBlock: UInt8 = 0x80
    static let tapeMarkFlag: UInt8 = 0x40
    static let endBlock: UInt8 = 0x20

    /// Opens and checks the image at `path`. `create`: a missing file becomes an empty tape.
    public init(path: String, readOnly: Bool, create: Bool = false) throws {
        do {
            file = try HostFile(path: path, mode: readOnly ? .read : .update)
        } catch let e as DeviceFileError where create && !readOnly && e.message.hasPrefix("no such file") {
            file = try HostFile(path: path, mode: .create)
        } catch let e as DeviceFileError where e.message.hasPrefix("no such file") {
            throw DeviceFileError(path: path, "no such file (an empty file is an empty tape: create one to write on)")
        }
        end = try file.size()
        try check()
    }

    /// Whether the tape is at its load point.
    public var atLoadPoint: Bool { position == 0 }

    /// Walks every chunk header and reports the first inconsistency.
    private func check() throws {
        var p = 0
        var previous = 0
        var inBlock = false
        while p < end {
            guard end - p >= 6 else {
                if p == 0 {
                    throw DeviceFileError(path: file.path, "not an AWS tape image: \(end) bytes, shorter than one block header (6)")
                }
                throw DeviceFileError(path: file.path, "truncated AWS tape image: \(end - p) bytes at byte \(p) are too few for a block header (6)")
            }
            let h = try file.read(at: p, count: 6)
            let length = Int(h[0]) | Int(h[1]) << 8
            let prev = Int(h[2]) | Int(h[3]) << 8
            let flags = h[4]
            guard flags & 0x1F == 0, h[5] == 0 else {
                throw DeviceFileError(path: file.path, "not an AWS tape image: the header at byte \(p) has flags \(h2(flags)) \(h2(h[5])) (compressed HET images are not supported)")
            }
            guard prev == previous else {
                throw DeviceFileError(path: file.path, "not an AWS tape image, or damaged: the header at byte \(p) says the block before has \(prev) bytes, but it has \(previous)")
            }
            if flags & AWSTape.tapeMarkFlag != 0 {
                guard length == 0, !inBlock else {
                    throw DeviceFileError(path: file.path, "damaged AWS tape image: the tape mark at byte \(p) carries data or interrupts a block")
                }
            } else {
                guard flags & AWSTape.beginBlock != 0 || inBlock else {
                    throw DeviceFileError(path: file.path, "damaged AWS tape image: the chunk at byte \(p) continues a block that never began")
                }
                guard length > 0 || flags & AWSTape.endBlock != 0 else {
                    throw DeviceFileError(path: file.path, "damaged AWS tape image: empty chunk at byte \(p)")
                }
                inBlock = flags & AWSTape.endBlock == 0
            }
            guard p + 6 + length <= end else {
                throw DeviceFileError(path: file.path, "truncated AWS tape image: the block at byte \(p) should have \(length) bytes of data, only \(end - p - 6) remain")
            }
            previous = length
            p += 6 + length
        }
        if inBlock {
            throw DeviceFileError(path: file.path, "truncated AWS tape image: the last block has no end")
        }
    }

    /// The header at `p`: data length, previous length, flags.
    private func header(at p: Int) throws -> (length: Int, previous: Int, flags: UInt8) {
        let h = try file.read(at: p, count: 6)
        guard h.count == 6 else { throw DeviceFileError(path: file.path, "the tape image changed while in use (short header at byte \(p))") }
        return (Int(h[0]) | Int(h[1]) << 8, Int(h[2]) | Int(h[3]) << 8, h[4])
    }

    /// Reads the next block or tape mark and moves past it.
    public func readForward() throws -> TapeRecord {
        guard position < end else { return .endOfData }
        var h = try header(at: position)
        if h.flags & AWSTape.tapeMarkFlag != 0 {
            position += 6
            previousLength = 0
            blockNumber += 1
            return .tapeMark
        }
        var data: [UInt8] = []
        while true {
            data += try file.read(at: position + 6, count: h.length)
            position += 6 + h.length
            previousLength = h.length
            if h.flags & AWSTape.endBlock != 0 || position >= end { break }
            h = try header(at: position)
        }
        blockNumber += 1
        return .block(data)
    }

    /// Moves back over the previous block or tape mark and returns it.
    public func readBackward() throws -> TapeRecord {
        guard position > 0 else { return .loadPoint }
        var chunks: [[UInt8]] = []
        while true {
            let start = position - 6 - previousLength
            let h = try header(at: start)
            position = start
            previousLength = h.previous
            if h.flags & AWSTape.tapeMarkFlag != 0 {
                blockNumber -= 1
                return .tapeMark
            }
            chunks.insert(try file.read(at: start + 6, count: h.length), at: 0)
            if h.flags & AWSTape.beginBlock != 0 || position == 0 { break }
        }
        blockNumber -= 1
        return .block(chunks.flatMap { $0 })
    }

    /// Writes a block at the position; what followed is erased.
    public func write(_ block: [UInt8]) throws {
        var chunks: [ArraySlice<UInt8>] = []
        var i = 0
        while i < block.count {
            chunks.append(block[i..<min(i + 65535, block.count)])
            i += 65535
        }
        var out: [UInt8] = []
        var prev = previousLength
        for (n, c) in chunks.enumerated() {
            var flags: UInt8 = 0
            if n == 0 { flags |= AWSTape.beginBlock }
            if n == chunks.count - 1 { flags |= AWSTape.endBlock }
            out += headerBytes(length: c.count, previous: prev, flags: flags) + c
            prev = c.count
        }
        try replaceTail(with: out)
        previousLength = prev
        blockNumber += 1
    }

    /// Writes a tape mark at the position; what followed is erased.
    public func writeTapeMark() throws {
        try replaceTail(with: headerBytes(length: 0, previous: previousLength, flags: AWSTape.tapeMarkFlag))
        previousLength = 0
        blockNumber += 1
    }

    /// Erases everything from the position on.
    public func erase() throws {
        try file.truncate(to: position)
        end = position
    }

    /// Back to load point.
    public func rewind() {
        position = 0
        previousLength = 0
        blockNumber = 0
    }

    private func replaceTail(with bytes: [UInt8]) throws {
        try file.truncate(to: position)
        try file.write(bytes, at: position)
        position += bytes.count
        end = position
    }

    private func headerBytes(length: Int, previous: Int, flags: UInt8) -> [UInt8] {
        [UInt8(length & 0xFF), UInt8(length >> 8), UInt8(previous & 0xFF), UInt8(previous >> 8), flags, 0]
    }
}
