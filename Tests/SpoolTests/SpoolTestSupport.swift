// Helpers for the spool tests: a spool in a fresh home with a small
// directory, and a channel subsystem to run channel programs on devices.

import Channels
import DATBox
import Foundation
import Records
import Spool
import TestSupport

/// The users of the test directory, with their distribution codes.
let testUsers: [String: SpoolUser] = [
    "OPERATOR": SpoolUser(userid: "OPERATOR", distribution: "OPS"),
    "USERA": SpoolUser(userid: "USERA", distribution: "BIN14"),
    "USERB": SpoolUser(userid: "USERB", distribution: "BIN22"),
    "CMSBATCH": SpoolUser(userid: "CMSBATCH", distribution: "BATCH"),
]

/// A fresh home folder.
func freshHome() throws -> String { try temporaryDirectory("s370-spool") }

/// A spool over `home` (a fresh one by default), with the test users and a fixed clock.
func openSpool(_ home: String? = nil) throws -> SpoolSystem {
    let s = try SpoolSystem(home: try home ?? freshHome(), directory: { testUsers[$0] })
    s.clock = { Date(timeIntervalSince1970: 1_700_000_000) }
    return s
}

/// Cards from lines of text.
func deck(_ lines: [String]) -> [CardImage] { lines.map { CardImage(text: $0) } }

/// A deck of `n` numbered cards.
func numberedDeck(_ n: Int, prefix: String = "CARD") -> [CardImage] {
    (1...max(1, n)).map { CardImage(text: "\(prefix) \($0)") }
}

/// A channel subsystem over 64K with some devices, to run channel programs on them.
final class DeviceRig {
    let storage: MainStorage
    let channels: ChannelSubsystem

    init(_ devices: [(UInt16, Device)], storageSize: Int = 64 << 10) {
        storage = try! MainStorage(size: storageSize)
        channels = ChannelSubsystem(storage: storage)
        for (a, d) in devices { try! channels.attach(d, at: a) }
    }

    /// Runs `ccws` (placed at `at`) on the device at `address` to their end: the ending CSW.
    func run(_ ccws: [CCW], on address: UInt16, at: UInt32 = 0x1000) -> CSW {
        for (i, c) in ccws.enumerated() { storage.setDoubleword(c.doubleword, at: at + UInt32(8 * i)) }
        switch channels.runSynchronously(device: address, channelProgram: at, key: 0) {
        case .success(let csw): return csw
        case .failure(let e): fatalError("channel program did not run: \(e)")
        }
    }

    /// Reads one card from the reader at `address` into 0x2000: the CSW and the card's text.
    func readCard(_ address: UInt16 = 0x00C, count: UInt16 = 80) -> (csw: CSW, text: String) {
        _ = storage.load([UInt8](repeating: 0x40, count: Int(count)), at: 0x2000)
        let csw = run([CCW(command: 0x02, dataAddress: 0x2000, flags: .suppressLength, count: count)], on: address)
        var text = EBCDIC.decode(storage.bytes(at: 0x2000, count: Int(count)))
        while text.hasSuffix(" ") { text.removeLast() }
        return (csw, text)
    }

    /// Reads cards until a read does not end normally: the texts and the last CSW.
    func readAll(_ address: UInt16 = 0x00C, limit: Int = 100_000) -> (cards: [String], end: CSW) {
        var cards: [String] = []
        while cards.count < limit {
            let (csw, text) = readCard(address)
            if csw.unitStatus != [.channelEnd, .deviceEnd] { return (cards, csw) }
            cards.append(text)
        }
        return (cards, CSW())
    }

    /// Punches a card of `text` on the punch at `address`.
    @discardableResult
    func punch(_ text: String, on address: UInt16 = 0x00D) -> CSW {
        _ = storage.load(CardImage(text: text).columns, at: 0x3000)
        return run([CCW(command: 0x01, dataAddress: 0x3000, count: 80)], on: address)
    }

    /// Prints a line of `text` with `command` (0x09: write, space 1) on the printer at `address`.
    @discardableResult
    func print(_ text: String, command: UInt8 = 0x09, on address: UInt16 = 0x00E) -> CSW {
        let bytes = EBCDIC.encode(text)
        _ = storage.load(bytes, at: 0x3000)
        return run([CCW(command: command, dataAddress: 0x3000, flags: .suppressLength, count: UInt16(max(1, bytes.count)))], on: address)
    }

    /// The sense byte of the device at `address`.
    func sense(_ address: UInt16) -> UInt8 {
        _ = run([CCW(command: 0x04, dataAddress: 0x3800, count: 1)], on: address)
        return storage.byte(at: 0x3800)
    }
}

/// The unit status of a normal ending, of unit exception, of unit check.
let ended: UnitStatus = [.channelEnd, .deviceEnd]
let endOfFileStatus: UnitStatus = [.channelEnd, .deviceEnd, .unitException]
