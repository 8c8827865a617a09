// The data path of one command: what a device sees of the channel.
//
// A device reads its data from, or stores its data into, a `DataTransfer`;
// the channel walks the storage areas behind it (PoO, "Data Chaining",
// "Skipping", "Indirect Data Addressing", "Read Backward"):
// - the CCW's area, then, when its count is exhausted and the CD flag is on,
//   the area of the next CCW (fetched and checked only when the device asks
//   for more data; its command code is ignored, a TIC may precede it);
// - with the IDA flag, the data address designates a list of IDAWs: the first
//   may designate any byte, each later one the first byte of a 2K block (the
//   last byte, for read backward); bits 0-7 of an IDAW must be zero;
// - with the SKIP flag on an input command, the count is consumed but
//   nothing is stored (and no address is checked);
// - read backward stores from the end of the area downwards.
// A program or protection check ends the transfer; the device is told by
// `failed`, and the channel reports the check with the device's ending status.

import DATBox

/// The channel's side of one command's data transfer.
public final class DataTransfer {
    let memory: ChannelStorage
    /// The kind of the command (input, output, backward).
    public let kind: CommandKind
    /// The CCW whose storage area is in use (the first, or a data-chained one).
    public private(set) var ccw: CCW
    /// Its address.
    public private(set) var ccwAddress: UInt32
    /// Bytes left in the current CCW's count.
    public private(set) var remaining: Int
    /// Bytes moved so far for this command.
    public private(set) var transferred = 0
    /// The device had more to send, or wanted more, than the CCWs provided.
    public private(set) var deviceWantedMore = false
    /// A program or protection check ended the transfer.
    public private(set) var check: ChannelStatus = []
    /// The CSW's CCW address after a check (the failing CCW + 8), when it differs from `ccwAddress + 8`.
    var checkCSWAddress: UInt32? = nil
    /// A data-chained CCW with the PCI flag was taken.
    var pciTaken = false

    /// The next data byte's absolute address (direct addressing) or within the current IDAW's block.
    private var address: UInt32 = 0
    /// Bytes left before the next IDAW is needed (IDA only).
    private var blockLeft = 0
    /// Where the next IDAW is.
    private var nextIDAW: UInt32 = 0
    /// Whether the current area has been set up (the first access sets it up).
    private var areaReady = false

    init(memory: ChannelStorage, ccw: CCW, at ccwAddress: UInt32) {
        self.memory = memory
        self.kind = ccw.kind
        self.ccw = ccw
        self.ccwAddress = ccwAddress
        self.remaining = Int(ccw.count)
    }

    /// The count of the current CCW.
    public var count: Int { Int(ccw.count) }

    /// Whether a check ended the transfer (the device should end the command without acting on partial data).
    public var failed: Bool { !check.isEmpty }

    // MARK: For devices

    /// Stores bytes the device sends (read, read backward, sense). Stops at the
    /// end of the CCWs' counts (noting that the device had more) or at a check.
    public func store(_ bytes: [UInt8]) {
        for b in bytes {
            guard let a = nextAddress() else {
                if check.isEmpty { deviceWantedMore = true }
                return
            }
            if let a {
                memory.storage.setByte(b, at: a)
            }
        }
    }

    /// Fetches up to `n` bytes for the device (write, control). Returns fewer
    /// when the CCWs' counts run out or a check occurs; a device that accepts
    /// shorter data (a printer line) uses this.
    public func fetch(upTo n: Int) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(min(n, 65536))
        while out.count < n {
            guard let a = nextAddress() else { break }
            out.append(a.map { memory.storage.byte(at: $0) } ?? 0)
        }
        return out
    }

    /// Fetches exactly `n` bytes when the CCWs provide them; when they provide
    /// fewer the device wanted more (incorrect length) and gets what there was.
    public func fetch(exactly n: Int) -> [UInt8] {
        let out = fetch(upTo: n)
        if out.count < n && check.isEmpty { deviceWantedMore = true }
        return out
    }

    /// Fetches everything the CCWs provide, up to `limit` bytes (a tape block, a console line).
    public func fetchAll(limit: Int = 1 << 20) -> [UInt8] {
        fetch(upTo: limit)
    }

    // MARK: The storage walk

    /// The absolute address for the next byte (nil inside for a skipped byte),
    /// or nil when the data ends (end of counts or a check).
    private func nextAddress() -> UInt32?? {
        if !check.isEmpty { return nil }
        while remaining == 0 {
            guard ccw.flags.contains(.chainData) else { return nil }
            guard chainData() else { return nil }
        }
        let skipping = kind.isInput && ccw.flags.contains(.skip)
        if !areaReady {
            guard setUpArea(skipping: skipping) else { return nil }
        }
        if ccw.flags.contains(.indirectData) && !skipping && blockLeft == 0 {
            guard nextIndirectBlock() else { return nil }
        }
        if skipping {
            remaining -= 1
            transferred += 1
            return .some(nil)
        }
        let a = address
        guard memory.available(a) else {
            fail(.programCheck)
            return nil
        }
        let store = kind.isInput
        guard memory.storage.permits(accessKey: memory.key, store: store, at: a) else {
            fail(.protectionCheck)
            return nil
        }
        memory.storage.markAccess(store: store, at: a)
        address = (kind == .readBackward ? address &- 1 : address &+ 1) & 0x00FF_FFFF
        if ccw.flags.contains(.indirectData) { blockLeft -= 1 }
        remaining -= 1
        transferred += 1
        return .some(a)
    }

    /// Sets up the storage area of the current CCW.
    private func setUpArea(skipping: Bool) -> Bool {
        areaReady = true
        if skipping { return true }
        let backward = kind == .readBackward
        if ccw.flags.contains(.indirectData) {
            nextIDAW = ccw.dataAddress
            blockLeft = 0
            return nextIndirectBlock(first: true)
        }
        address = backward ? (ccw.dataAddress &+ UInt32(ccw.count) &- 1) & 0x00FF_FFFF : ccw.dataAddress
        return true
    }

    /// Fetches the next IDAW and sets the block it designates (PoO, "Indirect Data Addressing").
    private func nextIndirectBlock(first: Bool = false) -> Bool {
        let idaw: UInt32
        switch memory.fetchWord(nextIDAW) {
        case .success(let w): idaw = w
        case .failure(let c):
            fail(c)
            return false
        }
        nextIDAW &+= 4
        let backward = kind == .readBackward
        // Bits 0-7 must be zero; a later IDAW must designate the first (last, backward) byte of a 2K block.
        guard idaw & 0xFF00_0000 == 0 else { fail(.programCheck); return false }
        if !first && idaw & 0x7FF != (backward ? 0x7FF : 0) { fail(.programCheck); return false }
        address = idaw
        blockLeft = backward ? Int(idaw & 0x7FF) + 1 : 0x800 - Int(idaw & 0x7FF)
        return true
    }

    /// Takes the next CCW of a data chain (PoO, "Data Chaining"). Its command
    /// code is ignored; it may be reached through a TIC.
    private func chainData() -> Bool {
        switch memory.fetchCCW(at: (ccwAddress &+ 8) & 0x00FF_FFFF, ticAllowed: true) {
        case .check(let c, let cswAddress):
            fail(c)
            checkCSWAddress = cswAddress
            return false
        case .ccw(let next, let at):
            ccwAddress = at
            guard ChannelStorage.formatCheck(next, command: false) else {
                ccw = next
                remaining = Int(next.count)
                fail(.programCheck)
                return false
            }
            ccw = next
            remaining = Int(next.count)
            areaReady = false
            if next.flags.contains(.programControlledInterruption) { pciTaken = true }
            return true
        }
    }

    private func fail(_ c: ChannelStatus) {
        check.insert(c)
    }
}
