// The queue operations against the VM/370 rules (vm370-reference 1.2, 3.1-3.2):
// spoolids (1-9900, in sequence, wrapping, reused when free), ORDER, TRANSFER
// TO and FROM, PURGE, CHANGE, TAG, and the QUERY layout.

import Foundation
import Records
import Spool
import Testing

@Suite struct QueueTests {
    @Test func spoolidsAreGivenInSequenceWrapAt9900AndSkipThoseInUse() throws {
        let spool = try openSpool()
        let a = try spool.submit(deck(["1"]), to: "USERA")
        let b = try spool.submit(deck(["2"]), to: "USERA")
        #expect([a.spoolid, b.spoolid] == [Int](arrayLiteral: 1, 2))
        spool.nextSpoolid = 9899
        let c = try spool.submit(deck(["3"]), to: "USERA")
        let d = try spool.submit(deck(["4"]), to: "USERA")
        // After 9900 CP begins again with 1; 1 and 2 are in use, so 3.
        let e = try spool.submit(deck(["5"]), to: "USERA")
        #expect([c.spoolid, d.spoolid, e.spoolid] == [Int](arrayLiteral: 9899, 9900, 3))
        // A purged file's spoolid is free again when the sequence comes round to it.
        try spool.purge(.spoolids([1]), on: .reader, owner: "USERA")
        spool.nextSpoolid = 9900
        #expect(try spool.submit(deck(["6"]), to: "USERA").spoolid == 1)
        #expect(spool.nextSpoolid == 2)
    }

    @Test func orderPutsTheNamedFilesFirstInTheOrderNamed() throws {
        let spool = try openSpool()
        let ids = try (1...5).map { i in
            try spool.submit(deck(["F\(i)"]), to: "USERA", spoolClass: i % 2 == 0 ? "B" : "A").spoolid
        }
        _ = try spool.submit(deck(["OTHER"]), to: "USERB")
        let r = try spool.order([.spoolids([ids[3]]), .spoolClass("A")], on: .reader, owner: "USERA")
        #expect(r.notFound.isEmpty)
        #expect(spool.files(on: .reader, owner: "USERA").map(\.spoolid) == [ids[3], ids[0], ids[2], ids[4], ids[1]])
        let missing = try spool.order([.spoolids([9000])], on: .reader, owner: "USERA")
        #expect(missing.notFound == [9000])
        // The reader reads in the new order.
        let reader = spool.makeReader(userid: "USERA", address: 0x00C)
        let rig = DeviceRig([(0x00C, reader)])
        reader.settings.continuous = true
        #expect(rig.readAll().cards == ["F4", "F1", "F3", "F5", "F2"])
        // The order lasts across a restart.
        let home = spool.home
        _ = try spool.submit(deck(["G1"]), to: "USERB")
        try spool.order([.spoolids([spool.files(on: .reader, owner: "USERB").last!.spoolid])], on: .reader, owner: "USERB")
        let before = spool.files(on: .reader, owner: "USERB").map(\.spoolid)
        try spool.shutdown()
        let again = try openSpool(home)
        #expect(again.files(on: .reader, owner: "USERB").map(\.spoolid) == before)
    }

    @Test func orderOnASystemQueueLeavesOtherUsersFilesInPlace() throws {
        let spool = try openSpool()
        func printFile(_ user: String, _ text: String) throws -> Int {
            let p = spool.makePrinter(userid: user, address: 0x00E)
            DeviceRig([(0x00E, p)]).print(text)
            guard case .closed(let f, _) = try p.close() else { throw SpoolError.invalid("no file") }
            return f.spoolid
        }
        let a1 = try printFile("USERA", "A1")
        let b1 = try printFile("USERB", "B1")
        let a2 = try printFile("USERA", "A2")
        try spool.order([.spoolids([a2])], on: .printer, owner: "USERA")
        #expect(spool.files(on: .printer).map(\.spoolid) == [a2, b1, a1])
    }

    @Test func transferMovesReaderFilesAndTheSenderCanTakeThemBack() throws {
        let spool = try openSpool()
        var announced: [(String, String)] = []
        spool.onReaderFile = { announced.append(($0.owner, $0.origin)) }
        let f = try spool.submit(deck(["PASS IT ON"]), to: "USERA", spoolClass: "C")
        let g = try spool.submit(deck(["STAYS"]), to: "USERA", spoolClass: "D")
        announced = []
        let r = try spool.transfer(.spoolClass("C"), of: "USERA", to: "USERB")
        #expect(r.files.map(\.spoolid) == [f.spoolid])
        // It keeps its spoolid; it now belongs to USERB and comes from USERA; USERB is told.
        #expect(spool.file(f.spoolid)?.owner == "USERB" && spool.file(f.spoolid)?.origin == "USERA")
        #expect(announced.count == 1 && announced[0] == ("USERB", "USERA"))
        #expect(spool.files(on: .reader, owner: "USERA").map(\.spoolid) == [g.spoolid])
        // TRANSFER ... FROM: USERA takes back what it sent while it is unread; USERB's own files stay.
        let h = try spool.submit(deck(["B'S OWN"]), to: "USERB")
        let back = try spool.reclaim(.all, from: "USERB", by: "USERA")
        #expect(back.files.map(\.spoolid) == [f.spoolid])
        #expect(spool.file(f.spoolid)?.owner == "USERA")
        #expect(spool.file(h.spoolid)?.owner == "USERB")
        // Unknown receivers and files not there are said.
        #expect(throws: SpoolError.unknownUser("NOBODY")) { try spool.transfer(.all, of: "USERA", to: "NOBODY") }
        #expect(try spool.transfer(.spoolids([777]), of: "USERA", to: "USERB").notFound == [777])
    }

    @Test func purgeByIdClassAndAll() throws {
        let spool = try openSpool()
        let a = try spool.submit(deck(["A"]), to: "USERA", spoolClass: "A")
        _ = try spool.submit(deck(["B"]), to: "USERA", spoolClass: "B")
        _ = try spool.submit(deck(["B2"]), to: "USERA", spoolClass: "B")
        let other = try spool.submit(deck(["O"]), to: "USERB")
        var r = try spool.purge(.spoolids([a.spoolid, 4444]), on: .reader, owner: "USERA")
        #expect(r.files.map(\.spoolid) == [a.spoolid] && r.notFound == [4444])
        r = try spool.purge(.spoolClass("B"), on: .reader, owner: "USERA")
        #expect(r.files.count == 2)
        // A user's PURGE names only its own files.
        r = try spool.purge(.spoolids([other.spoolid]), on: .reader, owner: "USERA")
        #expect(r.notFound == [other.spoolid])
        r = try spool.purge(.all, on: .reader, owner: nil)
        #expect(r.files.map(\.spoolid) == [other.spoolid])
        #expect(spool.allFiles.isEmpty)
    }

    @Test func changeAltersClosedFilesAndChecksItsValues() throws {
        let spool = try openSpool()
        let p = spool.makePunch(userid: "USERA", address: 0x00D)
        DeviceRig([(0x00D, p)]).punch("X")
        guard case .closed(let f, _) = try p.close() else { Issue.record("no file"); return }
        let r = try spool.change(.spoolids([f.spoolid]), on: .punch, owner: "USERA",
                                 SpoolChanges(spoolClass: "Q", copies: 12, hold: true, distribution: "ROOM9",
                                              name: "SYS1.MACLIB.MEMBER"))
        let c = try #require(r.files.first)
        #expect(c.spoolClass == "Q" && c.copies == 12 && c.holdStatus == .user && c.distribution == "ROOM9")
        #expect(c.name == "SYS1.MACLIB.MEMBER" && c.type == "")
        #expect(throws: SpoolError.self) { try spool.change(.all, on: .punch, owner: "USERA", SpoolChanges(copies: 100)) }
        #expect(throws: SpoolError.self) { try spool.change(.all, on: .punch, owner: "USERA", SpoolChanges(spoolClass: "*")) }
        let t = try spool.tag(f.spoolid, on: .punch, owner: "USERA", text: String(repeating: "T", count: 200))
        #expect(t.tag.count == 136)
        #expect(throws: SpoolError.noSuchFile(9)) { try spool.tag(9, on: .punch, owner: "USERA", text: "") }
    }

    @Test func queryShowsTheVM370Layout() throws {
        let spool = try openSpool()
        #expect(try spool.query(.reader, owner: "USERA") == ["NO RDR FILES"])
        let f = try spool.submit(deck(["1", "2", "3"]), to: "USERA", spoolClass: "B", name: "PROFILE", type: "EXEC")
        let p = spool.makePrinter(userid: "USERA", address: 0x00E)
        p.settings.copies = 2
        p.settings.hold = true
        DeviceRig([(0x00E, p)]).print("LINE")
        _ = try p.close()
        let (date, time) = localDateTime(Date(timeIntervalSince1970: 1_700_000_000))
        #expect(try spool.query(.reader, owner: "USERA") == [
            "OWNERID  FILE CLASS RECDS  CPY HOLD",
            "USERA    \(f.spoolidText) B RDR 000003 01  NONE",
        ])
        #expect(try spool.query(.reader, owner: "USERA", all: true) == [
            "OWNERID  FILE CLASS RECDS  CPY HOLD  DATE  TIME     NAME     TYPE     DIST",
            "USERA    \(f.spoolidText) B RDR 000003 01  NONE  \(date) \(time) PROFILE  EXEC     BIN14",
        ])
        #expect(try spool.query(.printer, owner: "USERA", origin: true) == [
            "ORIGINID FILE CLASS RECDS  CPY HOLD",
            "USERA    0002 A PRT 000001 02  USER",
        ])
        #expect(throws: SpoolError.noSuchFile(55)) { try spool.query(.reader, owner: "USERA", spoolid: 55) }
        #expect(spool.filesSummary(for: "USERA") == "FILES: 0001 RDR, 0001 PRT, NO PUN")
        #expect(spool.filesSummary(for: "USERB") == "FILES: NO RDR, NO PRT, NO PUN")
    }
}

/// `mm/dd` and `hh:mm:ss` of a date in local time, as QUERY shows them.
func localDateTime(_ d: Date) -> (String, String) {
    let f = DateFormatter()
    f.locale = Locale(identifier: "en_US_POSIX")
    f.dateFormat = "MM/dd"
    let date = f.string(from: d)
    f.dateFormat = "HH:mm:ss"
    return (date, f.string(from: d))
}
