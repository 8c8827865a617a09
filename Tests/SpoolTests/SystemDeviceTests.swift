// The system's real devices (vm370-reference 1.3, 3.5): started printers and
// punches write files to `home/output` with the separator page or cards
// (none with NOSEP, none between copies), by class, then purge them; the
// system reader takes decks by their ID card.

import Foundation
import Records
import Spool
import Testing

@Suite struct SystemDeviceTests {
    /// Closes a printer file of `lines` for USERA.
    func printFile(_ spool: SpoolSystem, _ lines: [String], spoolClass: Character = "A", copies: Int = 1,
                   hold: Bool = false) throws -> SpoolFile {
        let p = spool.makePrinter(userid: "USERA", address: 0x00E, spoolClass: spoolClass)
        p.settings.copies = copies
        p.settings.hold = hold
        let rig = DeviceRig([(0x00E, p)])
        for l in lines { rig.print(l) }
        guard case .closed(let f, _) = try p.close() else { throw SpoolError.invalid("nothing closed") }
        return f
    }

    func text(_ path: String) throws -> String {
        String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)), as: UTF8.self)
    }

    @Test func aStartedPrinterPrintsTheSeparatorThenEveryCopyAndPurgesTheFile() throws {
        let spool = try openSpool()
        var messages: [String] = []
        spool.onOperatorMessage = { messages.append($0) }
        try spool.addSystemDevice(at: 0x00E, queue: .printer)
        let f = try printFile(spool, ["HELLO", "WORLD"], copies: 2)
        // Drained: the file waits.
        #expect(spool.file(f.spoolid) != nil)
        try spool.start(0x00E)
        #expect(spool.file(f.spoolid) == nil)
        let path = try #require(spool.writtenOutput.first)
        #expect(path.hasPrefix(spool.home + "/output/PRT00E-USERA-\(f.spoolidText)-"))
        let out = try text(path)
        let pages = out.components(separatedBy: "\u{0C}")
        // Two separator pages, each with the owner's description; then the copies with none between them.
        #expect(pages.count == 3)
        #expect(pages[0].contains("USERID USERA") && pages[0].contains("FILE \(f.spoolidText)"))
        #expect(pages[0].contains("USERAUSERA") == false && pages[0].contains("UUUU"))   // block letters
        #expect(pages[1].contains("BBBB"))   // the distribution code, BIN14, in block letters
        #expect(pages[2] == "HELLO\nWORLD\nHELLO\nWORLD\n")
        #expect(messages == [
            "PRT 00E OUTPUT OF USERA FILE = \(f.spoolidText) RECDS = 000002 COPY = 02 A PRT",
            "PRT 00E REPEATED USERA FILE = \(f.spoolidText) RECDS = 000002 COPY = 01 A PRT",
        ])
    }

    @Test func nosepClassesAndDrain() throws {
        let spool = try openSpool()
        try spool.addSystemDevice(at: 0x00F, queue: .printer)
        let a = try printFile(spool, ["CLASS A"], spoolClass: "A")
        let b = try printFile(spool, ["CLASS B"], spoolClass: "B")
        let c = try printFile(spool, ["CLASS C"], spoolClass: "C")
        // Classes in the order given: B first, then A; C is not taken.
        try spool.start(0x00F, classes: ["B", "A"], separator: false)
        #expect(spool.writtenOutput.count == 2)
        #expect(try text(spool.writtenOutput[0]) == "CLASS B\n")
        #expect(try text(spool.writtenOutput[1]) == "CLASS A\n")
        #expect(spool.file(a.spoolid) == nil && spool.file(b.spoolid) == nil && spool.file(c.spoolid) != nil)
        // Held files wait; a file closed while started prints at once; after DRAIN files wait.
        let held = try printFile(spool, ["HELD"], hold: true)
        _ = try printFile(spool, ["NOW"])
        #expect(spool.writtenOutput.count == 3)
        #expect(spool.file(held.spoolid) != nil)
        try spool.drain(0x00F)
        _ = try printFile(spool, ["LATER"])
        #expect(spool.writtenOutput.count == 3)
        // Freed while drained it waits; START again prints it (and LATER).
        try spool.change(.spoolids([held.spoolid]), on: .printer, owner: "USERA", SpoolChanges(hold: false))
        #expect(spool.writtenOutput.count == 3)
        try spool.start(0x00F)
        #expect(spool.writtenOutput.count == 5)
        #expect(try text(spool.writtenOutput[3]) == "HELD\n")
        #expect(throws: SpoolError.noSuchDevice(0x123)) { try spool.start(0x123) }
        // Files are written whole when taken: FLUSH never finds one in hand.
        #expect(try spool.flush(0x00F) == nil)
        #expect(throws: SpoolError.self) { try spool.start(0x00F, classes: ["A", "B", "C", "D", "E"]) }
    }

    @Test func aStartedPunchPunchesFourSeparatorCardsInEBCDIC() throws {
        let spool = try openSpool()
        let punch = try spool.addSystemDevice(at: 0x00D, queue: .punch)
        let p = spool.makePunch(userid: "USERA", address: 0x00D)
        let rig = DeviceRig([(0x00D, p)])
        rig.punch("// JOB")
        rig.punch("/*")
        guard case .closed(let f, _) = try p.close() else { Issue.record("no file"); return }
        try spool.start(0x00D)
        let path = try #require(spool.writtenOutput.first)
        #expect(path.hasSuffix(".deck"))
        let cards = try CardDeck.read([UInt8](try Data(contentsOf: URL(fileURLWithPath: path))), format: .ebcdic, source: path)
        #expect(cards.count == 6)
        #expect(cards[0..<4].allSatisfy { $0.text.contains("USERA") && $0.text.contains("FILE \(f.spoolidText)") })
        #expect(cards[4...].map(\.text) == ["// JOB", "/*"])
        // As text, with NOSEP.
        punch.punchFormat = .text
        try spool.start(0x00D, separator: false)
        rig.punch("TEXT CARD")
        _ = try p.close()
        #expect(try text(spool.writtenOutput[1]) == "TEXT CARD\n")
    }

    @Test func theSystemReaderSendsADeckByItsIDCard() throws {
        let spool = try openSpool()
        var messages: [String] = []
        spool.onOperatorMessage = { messages.append($0) }
        let f = try spool.readSystemDeck(deck(["ID USERB CLASS C NAME MY DATA", "CARD 1", "CARD 2"]), source: "deck.txt")
        #expect(f.owner == "USERB" && f.spoolClass == "C" && f.name == "MY" && f.type == "DATA")
        #expect(f.records == 2 && f.originDevice == .reader && f.origin == "SYSTEM")
        #expect(try spool.records(of: f.spoolid).cards.map(\.text) == ["CARD 1", "CARD 2"])
        #expect(messages == ["RDR 00C INPUT FOR USERB FILE = \(f.spoolidText)"])
        // USERID, a data set name, and the default class A. ID cards inside the deck are just cards.
        let g = try spool.readSystemDeck(deck(["USERID USERA NAME SYS1.PROCLIB", "ID USERB"]), source: "d")
        #expect(g.owner == "USERA" && g.spoolClass == "A" && g.name == "SYS1.PROCLIB" && g.type == "")
    }

    @Test(arguments: [
        (["ID NOBODY", "X"], "NOBODY is not in the user directory"),
        ([" ID USERA", "X"], "column 1"),
        (["// JOB", "X"], "is not ID or USERID"),
        (["ID USERA NAME A B C", "X"], "NAME takes"),
        (["ID USERA CLASS", "X"], "CLASS needs a class"),
        (["ID USERA PRIORITY 3", "X"], "'PRIORITY' is not expected"),
        (["ID USERA"], "only its ID card"),
        (["ID TOOLONGUSER", "X"], "is not a userid"),
    ])
    func badIDCardsAreRefusedAndNothingIsStored(lines: [String], message: String) throws {
        let spool = try openSpool()
        let kept = try spool.submit(deck(["KEEP"]), to: "USERA")
        #expect {
            try spool.readSystemDeck(deck(lines), source: "bad.deck")
        } throws: { error in
            "\(error)".contains(message) && "\(error)".contains("bad.deck")
        }
        #expect(spool.allFiles == [kept])
    }
}
