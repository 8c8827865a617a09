// IPL text: a stand-alone program written on cylinder 0, track 0 of a
// volume so that IPL of the volume loads and starts it, as IBM's
// initialisation utilities wrote it (the IPLTEXT of IBCDASDI and ICKDSF).
//
// The program comes as an object deck (the 80-column format every IBM
// assembler punches): TXT cards (column 1 X'02', "TXT", columns 6-8 the
// address, 11-12 the byte count, 17-72 the bytes) give the storage image at
// its assembled addresses; the END card (columns 6-8) may give the entry
// point, otherwise the lowest address is. ESD and RLD cards are not needed
// for an absolute program and are passed over.
//
// On the volume: the text goes into records R4, R5, ... after VOL1; IPL1
// becomes a PSW for the entry point and two CCWs that read IPL2 into a free
// area and transfer to it; IPL2 is a channel program that, for each text
// record, searches its ID and reads its data to its address. A program that
// loads its own location 0 replaces the IPL PSW, as the PoO allows.

import Records

/// A program's storage image from an object deck.
public struct ObjectText: Equatable, Sendable {
    /// Contiguous pieces: where each loads and its bytes.
    public var segments: [(address: UInt32, bytes: [UInt8])]
    /// The entry point.
    public var entry: UInt32

    public static func == (a: ObjectText, b: ObjectText) -> Bool {
        a.entry == b.entry && a.segments.count == b.segments.count
            && zip(a.segments, b.segments).allSatisfy { $0.address == $1.address && $0.bytes == $1.bytes }
    }

    /// Reads the TXT and END cards of an object deck.
    public init(deck: [CardImage], source: String) throws {
        var pieces: [(UInt32, [UInt8])] = []
        var entry: UInt32? = nil
        for (n, card) in deck.enumerated() {
            let c = card.columns
            let kind = EBCDIC.decode(c[1..<4])
            guard c[0] == 0x02 else {
                throw DeckError(source: source, card: n + 1, message: "not an object-deck card: column 1 is X'\(h2(c[0]))', not X'02'")
            }
            let address = UInt32(c[5]) << 16 | UInt32(c[6]) << 8 | UInt32(c[7])
            switch kind {
            case "TXT":
                let count = Int(c[10]) << 8 | Int(c[11])
                guard (1...56).contains(count) else {
                    throw DeckError(source: source, card: n + 1, message: "a TXT card holds 1 to 56 bytes, this one says \(count)")
                }
                pieces.append((address, Array(c[16..<16 + count])))
            case "END":
                if c[5..<8].contains(where: { $0 != 0x40 }) { entry = address }
            case "ESD", "RLD", "SYM":
                continue
            default:
                throw DeckError(source: source, card: n + 1, message: "'\(kind)' is not an object-deck card type (ESD, TXT, RLD, END)")
            }
        }
        guard !pieces.isEmpty else { throw DeckError(source: source, card: nil, message: "the deck has no TXT cards: nothing to load") }
        // Merge into contiguous segments, later cards replacing earlier bytes.
        var image: [UInt32: UInt8] = [:]
        for (a, bytes) in pieces { for (i, b) in bytes.enumerated() { image[(a + UInt32(i)) & 0xFF_FFFF] = b } }
        var segs: [(address: UInt32, bytes: [UInt8])] = []
        for a in image.keys.sorted() {
            if let last = segs.last, last.address + UInt32(last.bytes.count) == a {
                segs[segs.count - 1].bytes.append(image[a]!)
            } else {
                segs.append((a, [image[a]!]))
            }
        }
        segments = segs
        self.entry = entry ?? segs[0].address
    }
}

/// Writing IPL text on a volume.
public enum IPLText {
    /// Writes `text` as the IPL text of the volume in `image` (cylinder 0,
    /// track 0), keeping its VOL1 label.
    public static func write(_ text: ObjectText, to image: CKDImage) throws {
        let g = image.geometry
        let track0 = try image.readTrack(0)
        guard let vol1 = track0.records.first(where: { EBCDIC.decode($0.key) == "VOL1" }) else {
            throw DeviceFileError(path: image.path, "no VOL1 label on cylinder 0 track 0: initialise the volume first (s370 dasd init)")
        }
        // Text records: each segment in pieces that leave room on the track.
        var pieces: [(address: UInt32, bytes: [UInt8])] = []
        for s in text.segments {
            var i = 0
            while i < s.bytes.count {
                let n = min(4096, s.bytes.count - i)
                pieces.append((s.address + UInt32(i), Array(s.bytes[i..<i + n])))
                i += n
            }
        }
        guard pieces.count <= 250 else {
            throw DeviceFileError(path: image.path, "the IPL text is in too many pieces (\(pieces.count)); 250 records fit track 0")
        }
        // IPL2: per record a Search ID Equal, a TIC back to it, and a Read Data; then the search arguments.
        let ipl2Length = 24 * pieces.count + 8 * pieces.count
        guard let area = freeArea(length: ipl2Length, avoiding: text.segments) else {
            throw DeviceFileError(path: image.path, "no free storage below 16M for the IPL channel program")
        }
        var ipl2: [UInt8] = []
        let arguments = area + UInt32(24 * pieces.count)
        for (k, p) in pieces.enumerated() {
            let search = area + UInt32(24 * k)
            let last = k == pieces.count - 1
            ipl2 += CCW(command: 0x31, dataAddress: arguments + UInt32(8 * k), flags: .chainCommand, count: 5).bytes
            ipl2 += CCW(command: 0x08, dataAddress: search, count: 1).bytes
            ipl2 += CCW(command: 0x06, dataAddress: p.address, flags: last ? [] : .chainCommand, count: UInt16(p.bytes.count)).bytes
        }
        for k in 0..<pieces.count {
            ipl2 += [0, 0, 0, 0, UInt8(4 + k), 0, 0, 0]
        }
        // IPL1: the PSW (BC mode, disabled, key 0) and the CCWs that read IPL2 and go to it.
        var ipl1: [UInt8] = [0, 0, 0, 0, 0, UInt8(text.entry >> 16), UInt8((text.entry >> 8) & 0xFF), UInt8(text.entry & 0xFF)]
        ipl1 += CCW(command: 0x06, dataAddress: area, flags: [.chainCommand, .suppressLength], count: UInt16(ipl2.count)).bytes
        ipl1 += CCW(command: 0x08, dataAddress: area, count: 1).bytes
        var track = CKDTrack.empty(cylinder: 0, head: 0)
        track.records.append(CKDRecord(cylinder: 0, head: 0, record: 1, key: EBCDIC.encode("IPL1"), data: ipl1))
        track.records.append(CKDRecord(cylinder: 0, head: 0, record: 2, key: EBCDIC.encode("IPL2"), data: ipl2))
        track.records.append(CKDRecord(cylinder: 0, head: 0, record: 3, key: vol1.key, data: vol1.data))
        for (k, p) in pieces.enumerated() {
            track.records.append(CKDRecord(cylinder: 0, head: 0, record: UInt8(4 + k), data: p.bytes))
        }
        let used = track.spaceUsed(g)
        guard used <= g.trackCapacity else {
            let bytes = pieces.reduce(0) { $0 + $1.bytes.count }
            throw DeviceFileError(path: image.path, "the IPL text (\(bytes) bytes) does not fit on track 0 of a \(g.name): it needs \(used) of \(g.trackCapacity) bytes of track capacity")
        }
        try image.writeTrack(0, track)
        try image.flush()
    }

    /// The lowest 8-byte-aligned area of `length` bytes from X'200' that no segment overlaps.
    static func freeArea(length: Int, avoiding segments: [(address: UInt32, bytes: [UInt8])]) -> UInt32? {
        var candidates: [UInt32] = [0x200]
        for s in segments { candidates.append((s.address + UInt32(s.bytes.count) + 7) & ~7) }
        for c in candidates.sorted() where c >= 0x200 && Int(c) + length <= 0x100_0000 {
            let clash = segments.contains { s in
                Int(s.address) < Int(c) + length && Int(c) < Int(s.address) + s.bytes.count
            }
            if !clash { return c }
        }
        return nil
    }
}
