// The unit-record devices: 2540 reader and punch, 1403 printer, 3215
// console; each command, its status and its sense byte.

import Testing
import Foundation
import Channels
import DATBox
import Records

/// An operator for console tests.
final class TestOperator: ConsoleHost {
    var lines: [String] = []
    var printed: [(String, Bool)] = []
    var alarms = 0
    func consoleWrite(_ text: String, carrierReturn: Bool) { printed.append((text, carrierReturn)) }
    func consoleReadLine() -> String? { lines.isEmpty ? nil : lines.removeFirst() }
    func consoleAlarm() { alarms += 1 }
}

/// A temporary file path, removed by the caller.
func temporaryPath(_ name: String) -> String {
    NSTemporaryDirectory() + "s370-\(getpid())-\(UInt32.random(in: 0...UInt32.max))-" + name
}

@Suite struct CardReaderTests {
    func reader(_ texts: [String], end: EndOfDeck = .unitException) -> Rig<CardReader2540> {
        Rig(CardReader2540(cards: texts.map { CardImage(text: $0) }, endOfDeck: end), at: 0x00C)
    }

    @Test func readsCardsThenUnitExceptionAtTheEnd() {
        let r = reader(["HELLO", "WORLD"])
        var (cc, csw) = r.run([CCW(command: 0x02, dataAddress: 0x2000, count: 80)])
        #expect(cc == 0 && csw.unitStatus == .ended && csw.channelStatus == [])
        #expect(EBCDIC.decode(r.storage.bytes(at: 0x2000, count: 5)) == "HELLO")
        #expect(r.storage.byte(at: 0x2005) == 0x40)
        // Stacker R2 (42) reads the next card.
        (_, csw) = r.run([CCW(command: 0x42, dataAddress: 0x2000, flags: .suppressLength, count: 80)])
        #expect(EBCDIC.decode(r.storage.bytes(at: 0x2000, count: 5)) == "WORLD")
        (_, csw) = r.run([CCW(command: 0x02, dataAddress: 0x2000, flags: .suppressLength, count: 80)])
        #expect(csw.unitStatus == [.channelEnd, .deviceEnd, .unitException])
    }

    @Test func anEmptyHopperCanBeInterventionRequired() {
        let r = reader([], end: .interventionRequired)
        r.program([CCW(command: 0x02, dataAddress: 0x2000, count: 80)])
        #expect(r.io(.startIO) == 1)
        #expect(r.csw.unitStatus == .unitCheck)
        #expect(r.device.sense == [0x40])
    }

    @Test func feedSkipsACardAndShortAreasAreIncorrectLength() {
        let r = reader(["ONE", "TWO"])
        var (_, csw) = r.run([CCW(command: 0x23, dataAddress: 0, count: 1)])
        #expect(r.device.cardsLeft == 1)
        (_, csw) = r.run([CCW(command: 0x02, dataAddress: 0x2000, count: 40)])
        #expect(csw.channelStatus == .incorrectLength)
        #expect(EBCDIC.decode(r.storage.bytes(at: 0x2000, count: 3)) == "TWO")
    }

    @Test func columnBinaryAndUnknownCommandsAreRejected() {
        for code: UInt8 in [0x22, 0xC2, 0x01, 0x0C] {
            let r = reader(["X"])
            r.program([CCW(command: code, dataAddress: 0x2000, count: 80)])
            #expect(r.io(.startIO) == 1, "command \(code)")
            #expect(r.csw.unitStatus == .unitCheck)
            #expect(r.device.sense == [0x80])
            #expect(r.device.cardsLeft == 1)
        }
    }

    @Test func deckFilesAreDetectedAndBadOnesNamed() throws {
        let path = temporaryPath("deck.txt")
        defer { unlink(path) }
        try "CARD ONE\nCARD TWO\n".write(toFile: path, atomically: true, encoding: .utf8)
        let text = try CardReader2540(path: path)
        #expect(text.cardsLeft == 2)
        try Data(CardDeck.ebcdic([CardImage(text: "BIN")])).write(to: URL(fileURLWithPath: path))
        let binary = try CardReader2540(path: path)
        #expect(binary.cards[0].text == "BIN")
        try Data([0xC1, 0xC2, 0xC3]).write(to: URL(fileURLWithPath: path))
        #expect(throws: DeckError.self) { try CardReader2540(path: path, format: .ebcdic) }
        #expect(throws: DeviceFileError.self) { try CardReader2540(path: path + ".missing") }
    }
}

@Suite struct CardPunchTests {
    @Test func punchesEightyColumnsToTheFile() throws {
        let path = temporaryPath("punch.deck")
        defer { unlink(path) }
        let r = Rig(try CardPunch2540(path: path), at: 0x00D)
        r.storage.load(CardImage(text: "PUNCHED").columns, at: 0x2000)
        var (_, csw) = r.run([CCW(command: 0x01, dataAddress: 0x2000, count: 80)])
        #expect(csw.unitStatus == .ended && csw.channelStatus == [])
        // A short card: the rest unpunched, incorrect length.
        (_, csw) = r.run([CCW(command: 0x41, dataAddress: 0x2000, count: 3)])
        #expect(csw.channelStatus == .incorrectLength)
        #expect(r.device.punched.map(\.text) == ["PUNCHED", "PUN"])
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        #expect(bytes.count == 160)
        #expect(try CardDeck.read(bytes, format: .ebcdic, source: path).map(\.text) == ["PUNCHED", "PUN"])
    }

    @Test func textDecksAndRejects() throws {
        let path = temporaryPath("punch.txt")
        defer { unlink(path) }
        let r = Rig(try CardPunch2540(path: path, format: .text), at: 0x00D)
        r.storage.load(EBCDIC.encode("// JOB"), at: 0x2000)
        _ = r.run([CCW(command: 0x01, dataAddress: 0x2000, flags: .suppressLength, count: 6)])
        #expect(try String(contentsOfFile: path, encoding: .isoLatin1) == "// JOB\n")
        r.program([CCW(command: 0x02, dataAddress: 0x2000, count: 80)])
        #expect(r.io(.startIO) == 1)
        #expect(r.device.sense == [0x80])
    }
}

@Suite struct PrinterTests {
    func printer(_ tape: CarriageTape = .standard) -> Rig<Printer1403> {
        Rig(try! Printer1403(tape: tape), at: 0x00E)
    }

    @Test func writeAndSpaceAndSkip() {
        let r = printer()
        r.storage.load(EBCDIC.encode("LINE ONE  "), at: 0x2000)
        r.storage.load(EBCDIC.encode("LINE TWO"), at: 0x2100)
        var (_, csw) = r.run([
            CCW(command: 0x09, dataAddress: 0x2000, flags: [.chainCommand, .suppressLength], count: 10),
            CCW(command: 0x11, dataAddress: 0x2100, flags: .chainCommand, count: 8),
            CCW(command: 0x01, dataAddress: 0x2100, flags: .chainCommand, count: 8),
            CCW(command: 0x89, dataAddress: 0x2000, count: 4),
        ])
        #expect(csw.unitStatus == .ended && csw.channelStatus == [])
        #expect(r.device.output == "LINE ONE\nLINE TWO\n\nLINE TWO\rLINE\n\u{0C}")
        #expect(r.device.line == 1)
        // Skip to channel 12 (line 60), then space: no overflow past it; space onto it: overflow.
        (_, csw) = r.run([CCW(command: 0xE1, dataAddress: 0x2000, count: 4)])
        #expect(r.device.line == 60)
        (_, csw) = r.run([CCW(command: 0x19, dataAddress: 0x2000, count: 4)])
        #expect(csw.unitStatus == .ended)
        #expect(r.device.line == 63)
    }

    @Test func spacingOntoTheOverflowLineIsUnitException() {
        let r = printer(try! CarriageTape(lines: 10, spec: "1:1,12:5"))
        r.storage.load(EBCDIC.encode("X"), at: 0x2000)
        var (_, csw) = r.run([CCW(command: 0x19, dataAddress: 0x2000, count: 1)])
        #expect(csw.unitStatus == .ended)
        (_, csw) = r.run([CCW(command: 0x09, dataAddress: 0x2000, count: 1)])
        #expect(csw.unitStatus == [.channelEnd, .deviceEnd, .unitException])
    }

    @Test func immediateCommandsEndTwice() {
        let r = printer()
        r.program([CCW(command: 0x8B, dataAddress: 0, count: 1)])
        #expect(r.io(.startIO) == 1)
        #expect(r.csw.unitStatus == .channelEnd)
        r.finish()
        #expect(r.interrupt() == 0x00E)
        #expect(r.csw.unitStatus == .deviceEnd)
        #expect(r.device.output == "\u{0C}")
    }

    @Test func aLineLongerThanThePrinterIsIncorrectLength() {
        let r = printer()
        let (_, csw) = r.run([CCW(command: 0x09, dataAddress: 0x2000, count: 140)])
        #expect(csw.channelStatus == .incorrectLength)
        #expect(csw.count == 8)
    }

    @Test func whatA1403RejectsIsCommandReject() {
        // X'37' is what stand-alone DDR tries first (a 3211 command); 02 and 06 are the UCS diagnostics.
        for code: UInt8 in [0x37, 0x02, 0x06, 0x0C, 0xE9, 0xF1] {
            let r = printer()
            r.program([CCW(command: code, dataAddress: 0x2000, count: 1)])
            #expect(r.io(.startIO) == 1, "command \(code)")
            #expect(r.csw.unitStatus == .unitCheck, "command \(code)")
            r.program([CCW(command: 0x04, dataAddress: 0x3000, count: 1)])
            #expect(r.io(.startIO) == 0)
            r.finish()
            r.interrupt()
            #expect(r.storage.byte(at: 0x3000) == 0x80, "command \(code): sense command reject")
        }
        let r = printer()
        for code: UInt8 in [0x03, 0x73, 0x7B, 0xEB] {
            r.program([CCW(command: code, dataAddress: 0x2000, count: 1)])
            #expect(r.io(.startIO) == 1, "command \(code): immediate")
            #expect(r.csw.unitStatus == .ended)
        }
    }

    @Test func carriageTapesAreChecked() {
        #expect(throws: ConfigurationError.self) { try CarriageTape(lines: 66, spec: "13:1") }
        #expect(throws: ConfigurationError.self) { try CarriageTape(lines: 66, spec: "1:67") }
        #expect(throws: ConfigurationError.self) { try CarriageTape(lines: 66, spec: "1-1") }
        // A skip to a channel not on the tape stops the printer.
        let r = printer(try! CarriageTape(lines: 20, spec: "1:1"))
        let (_, csw) = r.run([CCW(command: 0x91, dataAddress: 0x2000, count: 1)])
        #expect(csw.unitStatus == [.channelEnd, .deviceEnd, .unitCheck])
        #expect(r.device.sense == [0x40])
    }
}

@Suite struct ConsoleTests {
    @Test func writesWithAndWithoutCarrierReturn() {
        let op = TestOperator()
        let r = Rig(Console3215(host: op), at: 0x009)
        r.storage.load(EBCDIC.encode("ENTER:"), at: 0x2000)
        _ = r.run([CCW(command: 0x01, dataAddress: 0x2000, count: 6)])
        _ = r.run([CCW(command: 0x09, dataAddress: 0x2000, count: 5)])
        #expect(op.printed.map(\.0) == ["ENTER:", "ENTER"])
        #expect(op.printed.map(\.1) == [false, true])
    }

    @Test func aReadWaitsForTheOperator() {
        let op = TestOperator()
        let r = Rig(Console3215(host: op), at: 0x009)
        r.program([CCW(command: 0x0A, dataAddress: 0x2000, flags: .suppressLength, count: 126)])
        #expect(r.io(.startIO) == 0)
        #expect(r.device.reading)
        #expect(r.channels.isWaitingForDevice(0x009))
        op.lines = ["print 0"]
        r.channels.resumeWaitingPrograms()
        r.finish()
        #expect(r.interrupt() == 0x009)
        #expect(r.csw.unitStatus == .ended)
        #expect(r.csw.count == 126 - 7)
        #expect(EBCDIC.decode(r.storage.bytes(at: 0x2000, count: 7)) == "print 0")
        #expect(!r.device.reading)
    }

    @Test func alarmAndRejects() {
        let op = TestOperator()
        let r = Rig(Console3215(host: op), at: 0x009)
        r.program([CCW(command: 0x0B, dataAddress: 0, count: 1)])
        #expect(r.io(.startIO) == 1)
        #expect(op.alarms == 1)
        r.program([CCW(command: 0x02, dataAddress: 0x2000, count: 1)])
        #expect(r.io(.startIO) == 1)
        #expect(r.csw.unitStatus == .unitCheck)
        #expect(r.device.sense == [0x80])
        // No terminal: intervention required.
        let lone = Rig(Console3215(), at: 0x009)
        lone.program([CCW(command: 0x09, dataAddress: 0x2000, count: 1)])
        #expect(lone.io(.startIO) == 1)
        #expect(lone.device.sense == [0x40])
    }
}
