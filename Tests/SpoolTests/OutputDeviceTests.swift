// Virtual punches and printers and CLOSE (CPREF CLOSE, SPOOL; vm370-reference
// 3.4): where a closed file goes (OFF, TO, FOR), HOLD, COPY, CONT, PURGE, DIST,
// NAME, the tag, when the spoolid is shown, and the devices' own statuses.

import Channels
import Foundation
import Records
import Spool
import Testing

@Suite struct OutputDeviceTests {
    @Test func aPunchFileClosedOffGoesToTheSystemPunchQueue() throws {
        let spool = try openSpool()
        let punch = spool.makePunch(userid: "USERA", address: 0x00D)
        let rig = DeviceRig([(0x00D, punch)])
        #expect(rig.punch("CARD 1").unitStatus == ended)
        #expect(rig.punch("CARD 2").unitStatus == ended)
        #expect(punch.openRecords.count == 2)
        // Nothing is a spool file before CLOSE.
        #expect(spool.allFiles.isEmpty)
        guard case .closed(let f, let shown) = try punch.close(CloseOptions(name: "MY", type: "DECK")) else {
            Issue.record("no file closed"); return
        }
        #expect(!shown)
        #expect(f.queue == .punch && f.owner == "USERA" && f.origin == "USERA" && f.originDevice == .punch)
        #expect(f.records == 2 && f.copies == 1 && f.spoolClass == "A" && f.distribution == "BIN14")
        #expect(f.name == "MY" && f.type == "DECK")
        #expect(try spool.records(of: f.spoolid).cards.map(\.text) == ["CARD 1", "CARD 2"])
        // Closing again with nothing written makes nothing.
        #expect(try punch.close() == .nothing)
    }

    @Test func spoolToAUserPutsTheFileInTheirReaderAndShowsTheSpoolid() throws {
        let spool = try openSpool()
        var announced: [SpoolFile] = []
        spool.onReaderFile = { announced.append($0) }
        let punch = spool.makePunch(userid: "USERA", address: 0x00D)
        punch.settings.destination = .toUser("USERB")
        let rig = DeviceRig([(0x00D, punch)])
        rig.punch("FOR B")
        guard case .closed(let f, let shown) = try punch.close(CloseOptions(distribution: "IGNORED")) else {
            Issue.record("no file closed"); return
        }
        #expect(shown)
        #expect(f.queue == .reader && f.owner == "USERB" && f.origin == "USERA")
        // DIST has no effect on a file spooled to another user.
        #expect(f.distribution == "BIN14")
        #expect(announced == [f])
        // The receiver's reader reads it.
        let reader = spool.makeReader(userid: "USERB", address: 0x00C)
        let rrig = DeviceRig([(0x00C, reader)])
        #expect(rrig.readAll().cards == ["FOR B"])
        // TO *: one's own reader; an unknown user is refused and the open file kept.
        punch.settings.destination = .toUser("*")
        rig.punch("MINE")
        guard case .closed(let mine, let shownMine) = try punch.close() else { Issue.record("no file"); return }
        #expect(mine.owner == "USERA" && mine.queue == .reader && !shownMine)
        punch.settings.destination = .toUser("NOBODY")
        rig.punch("LOST?")
        #expect(throws: SpoolError.unknownUser("NOBODY")) { try punch.close() }
        #expect(punch.openRecords.count == 1)
    }

    @Test func holdToAUserArrivesInUserHold() throws {
        let spool = try openSpool()
        let punch = spool.makePunch(userid: "USERA", address: 0x00D)
        punch.settings.destination = .toUser("USERB")
        punch.settings.hold = true
        let rig = DeviceRig([(0x00D, punch)])
        rig.punch("HELD")
        guard case .closed(let f, let shown) = try punch.close() else { Issue.record("no file"); return }
        #expect(f.holdStatus == .user && shown)
        let reader = spool.makeReader(userid: "USERB", address: 0x00C)
        #expect(DeviceRig([(0x00C, reader)]).readCard().csw.unitStatus == .unitCheck)
        // CLOSE NOHOLD overrides the device's HOLD for that file.
        rig.punch("NOT HELD")
        guard case .closed(let g, _) = try punch.close(CloseOptions(hold: false)) else { Issue.record("no file"); return }
        #expect(g.holdStatus == HoldStatus.none)
    }

    @Test func forAUserMakesTheirOutputWithTheirDistribution() throws {
        let spool = try openSpool()
        let printer = spool.makePrinter(userid: "USERA", address: 0x00E)
        printer.settings.destination = .forUser("USERB")
        printer.settings.copies = 3
        printer.settings.tag = "RSCS NODE1"
        let rig = DeviceRig([(0x00E, printer)])
        rig.print("HELLO")
        guard case .closed(let f, let shown) = try printer.close() else { Issue.record("no file"); return }
        #expect(f.queue == .printer && f.owner == "USERB" && f.origin == "USERA" && f.originDevice == .printer)
        #expect(f.distribution == "BIN22" && f.copies == 3 && f.tag == "RSCS NODE1")
        // Several copies, and another user's: the spoolid is shown.
        #expect(shown)
    }

    @Test func contIgnoresCloseUntilNocontAndPurgeDiscards() throws {
        let spool = try openSpool()
        let punch = spool.makePunch(userid: "USERA", address: 0x00D)
        punch.settings.continuous = true
        let rig = DeviceRig([(0x00D, punch)])
        rig.punch("1")
        #expect(try punch.close() == .nothing)
        rig.punch("2")
        punch.settings.continuous = false
        guard case .closed(let f, _) = try punch.close() else { Issue.record("no file"); return }
        #expect(f.records == 2)
        // A forced close (LOGOFF) closes even when CONT.
        punch.settings.continuous = true
        rig.punch("3")
        guard case .closed(let g, _) = try punch.close(CloseOptions(force: true)) else { Issue.record("no file"); return }
        #expect(g.records == 1)
        punch.settings.continuous = false
        rig.punch("4")
        // A class or copy count SPOOL could never set is refused, and the file stays open.
        punch.settings.copies = 100
        #expect(throws: SpoolError.self) { try punch.close() }
        punch.settings.copies = 1
        punch.settings.spoolClass = "*"
        #expect(throws: SpoolError.self) { try punch.close() }
        #expect(try punch.close(CloseOptions(purge: true)) == .purged)
        #expect(spool.allFiles.count == 2)
    }

    @Test func printFilesKeepTheirCarriageControl() throws {
        let spool = try openSpool()
        let printer = spool.makePrinter(userid: "USERA", address: 0x00E)
        let rig = DeviceRig([(0x00E, printer)])
        #expect(rig.print("TITLE", command: 0x89).unitStatus == ended)   // write, skip to channel 1
        rig.print("LINE ONE")                                             // write, space 1
        rig.print("OVER", command: 0x01)                                  // write, no space
        rig.print("LINE TWO", command: 0x11)                              // write, space 2
        _ = rig.run([CCW(command: 0x8B, dataAddress: 0, count: 1)], on: 0x00E) // skip to channel 1, immediate
        guard case .closed(let f, _) = try printer.close() else { Issue.record("no file"); return }
        let records = Array(try spool.records(of: f.spoolid))
        #expect(records.map(\.command) == [0x89, 0x09, 0x01, 0x11, 0x8B])
        #expect(EBCDIC.decode(records[1].data) == "LINE ONE")
        // The logical record count is the lines printed, not the carriage commands.
        #expect(f.records == 4)
        let text = try spool.render(f.spoolid, format: .text)
        #expect(String(decoding: text, as: UTF8.self) == "TITLE\n\u{0C}LINE ONE\nOVER\rLINE TWO\n\u{0C}")
    }

    @Test func theVirtualPrinterIsA1403() throws {
        let spool = try openSpool()
        let printer = spool.makePrinter(userid: "USERA", address: 0x00E)
        let rig = DeviceRig([(0x00E, printer)])
        #expect(printer.deviceType.name == "1403")
        // X'37' is a 3211 command: command reject, and nothing spooled.
        #expect(rig.run([CCW(command: 0x37, dataAddress: 0x3000, count: 1)], on: 0x00E).unitStatus == .unitCheck)
        #expect(rig.sense(0x00E) == 0x80)
        #expect(printer.openRecords.count == 0)
        // Spacing onto the overflow line (channel 12, line 60) is unit exception, as on the real printer.
        var last = CSW()
        for _ in 0..<59 { last = rig.print("X") }
        #expect(last.unitStatus == endOfFileStatus)
    }

    @Test func queryVirtualLines() throws {
        let spool = try openSpool()
        let reader = spool.makeReader(userid: "USERA", address: 0x00C)
        let punch = spool.makePunch(userid: "USERA", address: 0x00D)
        punch.settings.destination = .toUser("USERB")
        punch.settings.hold = true
        punch.settings.copies = 3
        reader.settings.endOfFile = false
        #expect(reader.queryLine == "RDR  00C CL * NOCONT NOHOLD NOEOF")
        #expect(punch.queryLine == "PUN  00D CL A NOCONT HOLD   COPY 03 TO USERB")
    }
}
