// How the channel reaches main storage: absolute addresses, the CAW key,
// and the checks of PoO, "Channel Program Check" and "Protection Check".
//
// CCWs, IDAWs and data are all at absolute addresses (channel programs are
// not translated and not prefixed). Every access is subject to key-controlled
// protection with the key of the CAW, sets the reference bit and, for a
// store, the change bit of the 2K block.

import DATBox

/// A CCW fetched for a channel program, or the check that prevented it.
enum FetchedCCW {
    /// The CCW and its address (after following a transfer in channel).
    case ccw(CCW, at: UInt32)
    /// A program or protection check; `cswAddress` is what the CSW's CCW-address field gets.
    case check(ChannelStatus, cswAddress: UInt32)
}

/// Main storage as one channel program sees it.
struct ChannelStorage {
    let storage: MainStorage
    /// The access key from the CAW.
    let key: UInt8

    /// Whether `count` bytes from `address` are installed.
    func available(_ address: UInt32, _ count: Int = 1) -> Bool {
        Int(address) + count <= storage.size
    }

    /// Fetches a doubleword for the channel (a CCW), or the check that prevents it.
    func fetchDoubleword(_ address: UInt32) -> Result<UInt64, ChannelStatus> {
        guard available(address, 8) else { return .failure(.programCheck) }
        guard storage.permits(accessKey: key, store: false, at: address) else { return .failure(.protectionCheck) }
        storage.markAccess(store: false, at: address)
        return .success(storage.doubleword(at: address))
    }

    /// Fetches a word for the channel (an IDAW), or the check that prevents it.
    func fetchWord(_ address: UInt32) -> Result<UInt32, ChannelStatus> {
        guard available(address, 4) else { return .failure(.programCheck) }
        guard storage.permits(accessKey: key, store: false, at: address) else { return .failure(.protectionCheck) }
        storage.markAccess(store: false, at: address)
        return .success(storage.word(at: address))
    }

    /// Fetches the CCW at `address` for a new command or a data-chained area,
    /// following one transfer in channel when `ticAllowed`.
    ///
    /// PoO, "Transfer in Channel" and "Program Check": the CCW address must be
    /// on a doubleword boundary and installed; a TIC may not designate another
    /// TIC, and its address must be on a doubleword boundary. For a check in
    /// a TIC the CSW gets the address of the TIC + 8; otherwise that of the
    /// failing CCW + 8.
    func fetchCCW(at address: UInt32, ticAllowed: Bool) -> FetchedCCW {
        guard address & 7 == 0 else { return .check(.programCheck, cswAddress: address &+ 8) }
        let first: CCW
        switch fetchDoubleword(address) {
        case .success(let v): first = CCW(v)
        case .failure(let c): return .check(c, cswAddress: address &+ 8)
        }
        guard first.kind == .transferInChannel else { return .ccw(first, at: address) }
        guard ticAllowed else { return .check(.programCheck, cswAddress: address &+ 8) }
        let target = first.dataAddress
        guard target & 7 == 0 else { return .check(.programCheck, cswAddress: address &+ 8) }
        switch fetchDoubleword(target) {
        case .success(let v):
            let next = CCW(v)
            // Two TICs in succession: the CSW names the second.
            if next.kind == .transferInChannel { return .check(.programCheck, cswAddress: target &+ 8) }
            return .ccw(next, at: target)
        case .failure(let c):
            // An invalid address in the TIC is reported at the TIC; a protected target at itself.
            return .check(c, cswAddress: c == .programCheck ? address &+ 8 : target &+ 8)
        }
    }

    /// The format checks of a CCW that carries a command or a data area
    /// (PoO, "Program Check": invalid CCW format, invalid count, invalid
    /// command code, IDAW address not on a word boundary). `command` is false
    /// for a CCW reached by data chaining, whose command code is ignored.
    static func formatCheck(_ ccw: CCW, command: Bool) -> Bool {
        if !ccw.flags.intersection(.reserved).isEmpty { return false }
        if ccw.count == 0 { return false }
        if command && ccw.kind == .invalid { return false }
        if ccw.flags.contains(.indirectData) && ccw.dataAddress & 3 != 0 { return false }
        return true
    }
}

/// A check found while the channel reaches storage is reported as channel status.
extension ChannelStatus: Error {}
