// Virtual readers against the VM/370 rules (CPREF SPOOL, CLOSE; vm370-reference
// 3.1): class matching, hold, end of file, CONT, NOEOF, what happens to a file
// once read, and the reader becoming ready when a file arrives.

import Channels
import Foundation
import Records
import Spool
import Testing

@Suite struct ReaderTests {
    @Test func aReaderReadsItsFilesInOrderWithUnitExceptionAfterEachFile() throws {
        let spool = try openSpool()
        let first = try spool.submit(deck(["ONE", "TWO"]), to: "USERA")
        let second = try spool.submit(deck(["THREE"]), to: "USERA")
        _ = try spool.submit(deck(["NOT MINE"]), to: "USERB")
        let reader = spool.makeReader(userid: "USERA", address: 0x00C)
        let rig = DeviceRig([(0x00C, reader)])
        var r = rig.readAll()
        #expect(r.cards == ["ONE", "TWO"])
        // The read after the last card: unit exception (EOF, the default), no data.
        #expect(r.end.unitStatus == endOfFileStatus)
        // The file read to its end is purged; the next read starts the next file.
        #expect(spool.file(first.spoolid) == nil)
        r = rig.readAll()
        #expect(r.cards == ["THREE"])
        #expect(r.end.unitStatus == endOfFileStatus)
        #expect(spool.file(second.spoolid) == nil)
        // Nothing left: intervention required.
        let (csw, _) = rig.readCard()
        #expect(csw.unitStatus == .unitCheck)
        #expect(rig.sense(0x00C) == 0x40)
        #expect(spool.files(on: .reader, owner: "USERB").count == 1)
    }

    @Test func aReaderReadsOnlyFilesOfItsClassUnlessItsClassIsStar() throws {
        let spool = try openSpool()
        _ = try spool.submit(deck(["CLASS A"]), to: "USERA", spoolClass: "A")
        _ = try spool.submit(deck(["CLASS B"]), to: "USERA", spoolClass: "B")
        let reader = spool.makeReader(userid: "USERA", address: 0x00C, spoolClass: "B")
        let rig = DeviceRig([(0x00C, reader)])
        #expect(rig.readAll().cards == ["CLASS B"])
        // Only a class A file is left: a class B reader sees an empty reader (CPREF, SPOOL).
        #expect(rig.readCard().csw.unitStatus == .unitCheck)
        #expect(spool.files(on: .reader, owner: "USERA").map(\.spoolClass) == ["A"])
        reader.settings.spoolClass = "*"
        #expect(rig.readAll().cards == ["CLASS A"])
    }

    @Test func heldFilesAreNotReadUntilFreed() throws {
        let spool = try openSpool()
        let f = try spool.submit(deck(["HELD"]), to: "USERA")
        try spool.change(.spoolids([f.spoolid]), on: .reader, owner: "USERA", SpoolChanges(hold: true))
        #expect(spool.file(f.spoolid)?.holdStatus == .user)
        let reader = spool.makeReader(userid: "USERA", address: 0x00C)
        var ready = 0
        reader.becameReady = { ready += 1 }
        let rig = DeviceRig([(0x00C, reader)])
        #expect(rig.readCard().csw.unitStatus == .unitCheck)
        // CHANGE NOHOLD: the reader becomes ready (CP presents device end) and reads it.
        try spool.change(.spoolids([f.spoolid]), on: .reader, owner: "USERA", SpoolChanges(hold: false))
        #expect(ready == 1)
        #expect(rig.readAll().cards == ["HELD"])
        // The operator's HOLD puts files in system hold; FREE frees them.
        let g = try spool.submit(deck(["SYS"]), to: "USERA")
        try spool.systemHold(true, userid: "USERA", queues: [.reader])
        #expect(spool.file(g.spoolid)?.holdStatus == .system)
        #expect(rig.readCard().csw.unitStatus == .unitCheck)
        try spool.systemHold(false, userid: "USERA", queues: [.reader])
        #expect(ready == 2)
        #expect(rig.readAll().cards == ["SYS"])
    }

    @Test func aReaderBecomesReadyWhenAFileArrives() throws {
        let spool = try openSpool()
        let reader = spool.makeReader(userid: "USERA", address: 0x00C, spoolClass: "A")
        var ready = 0
        reader.becameReady = { ready += 1 }
        var announced: [SpoolFile] = []
        spool.onReaderFile = { announced.append($0) }
        let rig = DeviceRig([(0x00C, reader)])
        #expect(rig.readCard().csw.unitStatus == .unitCheck)
        // A file of another class does not make it ready; one of its class does.
        _ = try spool.submit(deck(["B"]), to: "USERA", spoolClass: "B")
        #expect(ready == 0)
        _ = try spool.submit(deck(["A"]), to: "USERA", spoolClass: "A")
        #expect(ready == 1)
        #expect(announced.map(\.spoolClass) == ["B", "A"])
        #expect(announced.allSatisfy { $0.owner == "USERA" && $0.origin == "SYSTEM" && $0.originDevice == .reader })
    }

    @Test func aReaderThatIsReadingIsNotMadeReadyAgain() throws {
        let spool = try openSpool()
        let reader = spool.makeReader(userid: "USERA", address: 0x00C, spoolClass: "A")
        var ready = 0
        reader.becameReady = { ready += 1 }
        let rig = DeviceRig([(0x00C, reader)])
        #expect(rig.readCard().csw.unitStatus == .unitCheck)
        _ = try spool.submit(deck(["B1", "B2"]), to: "USERA", spoolClass: "B")
        // SPOOL RDR CLASS B: the next read takes the file; a file arriving while it reads presents nothing.
        reader.settings.spoolClass = "B"
        #expect(rig.readCard().text == "B1")
        _ = try spool.submit(deck(["B3"]), to: "USERA", spoolClass: "B")
        #expect(ready == 0)
    }

    @Test func readerHoldKeepsFilesReadInUserHold() throws {
        let spool = try openSpool()
        let f = try spool.submit(deck(["KEEP ME"]), to: "USERA")
        let reader = spool.makeReader(userid: "USERA", address: 0x00C)
        reader.settings.hold = true
        let rig = DeviceRig([(0x00C, reader)])
        #expect(rig.readAll().cards == ["KEEP ME"])
        // SPOOL RDR HOLD: the file read stays, in user hold, so it is not read again.
        #expect(spool.file(f.spoolid)?.holdStatus == .user)
        #expect(rig.readCard().csw.unitStatus == .unitCheck)
    }

    @Test func closeReaderHoldKeepsAPartlyReadFileAndNoholdPurgesIt() throws {
        let spool = try openSpool()
        let f = try spool.submit(deck(["1", "2", "3"]), to: "USERA")
        let reader = spool.makeReader(userid: "USERA", address: 0x00C)
        let rig = DeviceRig([(0x00C, reader)])
        #expect(rig.readCard().text == "1")
        #expect(reader.currentFile?.spoolid == f.spoolid)
        // A file being read cannot be transferred.
        let t = try spool.transfer(.spoolids([f.spoolid]), of: "USERA", to: "USERB")
        #expect(t.inUse.map(\.spoolid) == [f.spoolid] && t.files.isEmpty)
        // CLOSE RDR HOLD: kept, not in user hold, and read again from its start.
        #expect(try reader.close(CloseOptions(hold: true)) == .kept(spool.file(f.spoolid)!))
        #expect(spool.file(f.spoolid)?.holdStatus == HoldStatus.none)
        #expect(rig.readCard().text == "1")
        // CLOSE RDR (NOHOLD): purged.
        #expect(try reader.close() == .purged)
        #expect(spool.file(f.spoolid) == nil)
        #expect(try reader.close() == .nothing)
    }

    @Test func contReadsAllFilesAsOneAndNoeofEndsWithInterventionRequired() throws {
        let spool = try openSpool()
        _ = try spool.submit(deck(["A1", "A2"]), to: "USERA")
        _ = try spool.submit(deck(["B1"]), to: "USERA")
        let reader = spool.makeReader(userid: "USERA", address: 0x00C)
        reader.settings.continuous = true
        let rig = DeviceRig([(0x00C, reader)])
        let r = rig.readAll()
        #expect(r.cards == ["A1", "A2", "B1"])
        #expect(r.end.unitStatus == endOfFileStatus)
        #expect(spool.files(on: .reader).isEmpty)
        // NOEOF: the end of a file is intervention required, as a reader that ran out.
        reader.settings.continuous = false
        reader.settings.endOfFile = false
        _ = try spool.submit(deck(["C1"]), to: "USERA")
        let n = rig.readAll()
        #expect(n.cards == ["C1"])
        #expect(n.end.unitStatus == .unitCheck)
        #expect(rig.sense(0x00C) == 0x40)
    }

    @Test func aPurgedFileBeingReadIsReadToItsEndAndItsSpoolidCanBeReused() throws {
        let spool = try openSpool()
        let f = try spool.submit(deck(["X1", "X2"]), to: "USERA")
        let reader = spool.makeReader(userid: "USERA", address: 0x00C)
        let rig = DeviceRig([(0x00C, reader)])
        #expect(rig.readCard().text == "X1")
        try spool.purge(.spoolids([f.spoolid]), on: .reader, owner: "USERA")
        spool.nextSpoolid = f.spoolid
        let g = try spool.submit(deck(["Y1"]), to: "USERA")
        #expect(g.spoolid == f.spoolid)
        // The reader finishes the copy it holds; the new file with the same spoolid is untouched.
        #expect(rig.readCard().text == "X2")
        #expect(rig.readCard().csw.unitStatus == endOfFileStatus)
        #expect(spool.file(g.spoolid)?.records == 1)
        #expect(rig.readAll().cards == ["Y1"])
    }

    @Test func readerCommandsAreThoseOfThe2540() throws {
        let spool = try openSpool()
        _ = try spool.submit(deck(["SKIPPED", "READ"]), to: "USERA")
        let reader = spool.makeReader(userid: "USERA", address: 0x00C)
        let rig = DeviceRig([(0x00C, reader)])
        #expect(reader.deviceType.name == "2540R")
        // Feed (X'23') moves a card without reading it; column binary (X'22') is a command reject.
        #expect(rig.run([CCW(command: 0x23, dataAddress: 0x2000, count: 1)], on: 0x00C).unitStatus == ended)
        #expect(rig.run([CCW(command: 0x22, dataAddress: 0x2000, count: 80)], on: 0x00C).unitStatus == .unitCheck)
        #expect(rig.sense(0x00C) == 0x80)
        #expect(rig.readCard().text == "READ")
    }

    @Test func aPrinterFileInAReaderGivesItsLinesAndDiagnose14SeesItsCarriageControl() throws {
        let spool = try openSpool()
        let printer = spool.makePrinter(userid: "USERA", address: 0x00E)
        printer.settings.destination = .toUser("USERA")
        let prig = DeviceRig([(0x00E, printer)])
        prig.print("PAGE ONE", command: 0x89)
        _ = prig.run([CCW(command: 0x8B, dataAddress: 0, count: 1)], on: 0x00E)
        prig.print("PAGE TWO")
        guard case .closed(let f, _) = try printer.close() else { Issue.record("no file"); return }
        #expect(SpoolQueries.readerArrival(f) == "RDR FILE \(f.spoolidText) SENT FROM USERA PRT WAS \(f.spoolidText) RECS 000002 CPY 01 A NOHOLD")
        // Through the 2540 model: the lines only.
        let reader = spool.makeReader(userid: "USERA", address: 0x00C)
        reader.settings.hold = true
        let rig = DeviceRig([(0x00C, reader)])
        #expect(rig.readAll().cards == ["PAGE ONE", "PAGE TWO"])
        // As DIAGNOSE X'14' reads it: every record with its command code.
        try spool.change(.all, on: .reader, owner: "USERA", SpoolChanges(hold: false))
        var commands: [UInt8] = []
        while case .record(let r) = reader.nextRecord(carriageControl: true) { commands.append(r.command) }
        #expect(commands == [0x89, 0x8B, 0x09])
    }
}
