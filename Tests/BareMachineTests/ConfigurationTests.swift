// The device configuration: the file format, the short forms of s370 ipl,
// and errors that name the line, the file and what is wrong.

import Testing
import Foundation
import BareMachine
import Channels
import Records

@Suite struct ConfigurationTests {
    @Test func aConfigurationFileReadsAtAGlance() throws {
        let text = """
            # The usual devices
            009   3215
            00C   2540R   decks/"my deck.txt"  text  intrq   # a reader
            00d   3525    punched.deck
            00E   1403    print.txt  fcb=1:1,12:60 lines=66
            580   3420    /tapes/dmkddr.aws  ro

            131   3330    "vm disks/work.cckd"
            """
        let specs = try MachineConfiguration.parse(text, name: "m.conf", directory: "/home/op")
        #expect(specs.map(\.address) == [0x009, 0x00C, 0x00D, 0x00E, 0x580, 0x131])
        #expect(specs.map(\.type) == ["3215", "2540R", "2540P", "1403", "3420", "3330"])
        #expect(specs[0].path == nil)
        #expect(specs[1].path == "/home/op/decks/my deck.txt")
        #expect(specs[1].options == ["text", "intrq"])
        #expect(specs[3].options == ["fcb=1:1,12:60", "lines=66"])
        #expect(specs[4].path == "/tapes/dmkddr.aws")
        #expect(specs[5].path == "/home/op/vm disks/work.cckd")
        #expect(specs[5].origin == "m.conf:8")
    }

    @Test func mistakesAreNamedByLine() {
        let cases: [(String, String)] = [
            ("00E 3211 print.txt", "m.conf:1: unknown device type '3211'; this machine has 3215 (console), 2540R (card reader)"),
            ("0E0X 1403 p.txt", "m.conf:1: '0E0X' is not a device address"),
            ("00E\n", "m.conf:1: a device line is: address type [file] [options]"),
            ("00E 1403 a.txt\n00E 1403 b.txt", "m.conf:2: address 00E is already used by the 1403 of m.conf:1"),
            ("00C 2540R \"open", "m.conf:1: a quoted file name is not closed"),
        ]
        for (text, message) in cases {
            do {
                _ = try MachineConfiguration.parse(text, name: "m.conf", directory: nil)
                Issue.record("accepted: \(text)")
            } catch let e as MachineConfigurationError {
                #expect(e.description.hasPrefix(message), "\(e)")
            } catch {
                Issue.record("\(error)")
            }
        }
    }

    @Test func shortFormsTakeTheUsualAddresses() throws {
        let t = try MachineConfiguration.shortForm("dmkddr.aws", type: "3420", defaultAddress: 0x580, option: "--tape")
        #expect(t.address == 0x580 && t.path == "dmkddr.aws")
        let r = try MachineConfiguration.shortForm("a@b.deck@01C", type: "2540R", defaultAddress: 0x00C, option: "--reader")
        #expect(r.address == 0x01C && r.path == "a@b.deck")
        #expect(throws: MachineConfigurationError.self) {
            try MachineConfiguration.shortForm("disk.cckd", type: "3330", defaultAddress: nil, option: "--dasd")
        }
    }

    @Test func devicesAreMadeAndTheirFilesChecked() throws {
        let deck = temporaryPath("cfg.deck")
        let print = temporaryPath("cfg.txt")
        let disk = temporaryPath("cfg.cckd")
        defer { unlink(deck); unlink(print); unlink(disk) }
        try "CARD\n".write(toFile: deck, atomically: true, encoding: .utf8)
        try CKDVolume.initialize(path: disk, geometry: CKDGeometry.ibm3330.with(cylinders: 1), serial: "CFG001",
                                 format: .compressed(.zlib))
        let specs = try MachineConfiguration.parse("""
            00C 2540R \(deck) eof
            00E 1403 \(print) lines=20 width=80
            131 3330 \(disk) ro
            """, name: "c", directory: nil)
        let reader = try MachineConfiguration.makeDevice(specs[0], console: nil)
        #expect((reader as? CardReader2540)?.cardsLeft == 1)
        let printer = try MachineConfiguration.makeDevice(specs[1], console: nil) as? Printer1403
        #expect(printer?.width == 80 && printer?.tape.linesPerPage == 20)
        let d = try MachineConfiguration.makeDevice(specs[2], console: nil) as? CKDDisk
        #expect(d?.readOnly == true)

        let wrong: [(String, String)] = [
            ("00C 2540R \(deck).missing", "c:1: \(deck).missing: no such file"),
            ("131 3350 \(disk)", "is a 3330 volume, not a 3350: write 3330 as its type"),
            ("00E 1403 \(print) ro", "the option 'ro' does not apply to a 1403"),
            ("00E 1403", "a 1403 at 00E needs a host file"),
            ("009 3215 \(print)", "a 3215 console takes no file"),
            ("00E 1403 \(print) fcb=13:1", "carriage tape channel 13 does not exist"),
            ("580 3420 \(deck)", "not an AWS tape image"),
        ]
        for (line, message) in wrong {
            do {
                _ = try MachineConfiguration.makeDevice(try MachineConfiguration.parse(line, name: "c", directory: nil)[0],
                                                        console: nil)
                Issue.record("accepted: \(line)")
            } catch let e as MachineConfigurationError {
                #expect(e.description.contains(message), "\(e)")
                #expect(e.origin == "c:1")
            }
        }
    }
}
