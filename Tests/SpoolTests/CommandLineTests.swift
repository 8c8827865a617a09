// The spool from the host, as a user drives it (the built s370 command): a
// deck submitted to a user's reader, a stand-alone program on the bare
// machine that reads it from a spool-backed reader and punches and prints it
// into spool files, and `s370 spool get` giving those back card for card and
// line for line. And a home held by a running system is named, not touched.

import Foundation
import Records
import Spool
import Testing
import TestSupport

/// Reads cards from 00C until unit exception; punches each on 00D and prints it on
/// 00E (after a title); then prints how many it read. Disabled wait at 0 when all
/// went well, at X'BAD' when an I/O ended otherwise.
let spoolProgram = """
SPOOLPGM START X'2000'
         BALR  12,0
         USING *,12
         SR    3,3
         LA    1,TTLCCW
         LA    2,X'00E'
         BAL   14,DOIO
NEXT     LA    1,RDCCW
         LA    2,X'00C'
         ST    1,72
         SIO   0(2)
         BC    7,FAIL
RWAIT    TIO   0(2)
         BC    2,RWAIT
         BC    11,FAIL
         CLI   68,X'0D'           CE, DE and unit exception: the end of the file
         BE    DONE
         CLI   68,X'0C'
         BNE   FAIL
         LA    1,PCHCCW
         LA    2,X'00D'
         BAL   14,DOIO
         LA    1,PRTCCW
         LA    2,X'00E'
         BAL   14,DOIO
         LA    3,1(3)
         B     NEXT
DONE     CVD   3,DW
         UNPK  SUMNUM(5),DW+5(3)
         OI    SUMNUM+4,X'F0'
         LA    1,SUMCCW
         LA    2,X'00E'
         BAL   14,DOIO
         LPSW  WAITOK
FAIL     LPSW  WAITBAD
DOIO     ST    1,72
         SIO   0(2)
         BC    7,FAIL
DWAIT    TIO   0(2)
         BC    2,DWAIT
         BC    11,FAIL
         CLI   68,X'0C'
         BNE   FAIL
         BR    14
         DS    0D
RDCCW    CCW   X'02',CARD,X'20',80
PCHCCW   CCW   X'01',CARD,0,80
PRTCCW   CCW   X'09',CARD,X'20',80
TTLCCW   CCW   X'09',TITLE,X'20',L'TITLE
SUMCCW   CCW   X'11',SUMMARY,X'20',L'SUMMARY
WAITOK   DC    X'0002000000000000'
WAITBAD  DC    X'0002000000000BAD'
DW       DS    D
CARD     DS    CL80
TITLE    DC    C'LISTING OF THE DECK'
SUMMARY  DC    C'CARDS READ 00000'
SUMNUM   EQU   SUMMARY+11
         END   SPOOLPGM
"""

@Suite(.serialized) struct CommandLineTests {
    func home() throws -> String {
        let h = try temporaryDirectory("s370-spool-cli")
        try "USER USERA PASS 1M 1M G\n ACCOUNT 1 ROOM12\nUSER USERB PASS 1M 1M G\n"
            .write(toFile: h + "/USER DIRECT", atomically: true, encoding: .utf8)
        return h
    }

    @Test func aBareMachineProgramReadsPunchesAndPrintsThroughTheSpool() throws {
        let h = try home()
        let cards = ["FIRST CARD", "  SECOND, INDENTED", "THIRD 3333333333", "", "FIFTH AND LAST"]
        try (cards.joined(separator: "\n") + "\n").write(toFile: h + "/data.txt", atomically: true, encoding: .utf8)
        var r = try runS370(["submit", h + "/data.txt", "--to", "usera", "--home", h])
        #expect(r.status == 0 && r.stdout == "RDR FILE 0001 SENT TO USERA CLASS A RECDS 000005\n", "\(r.stderr)")

        let program = try assemble(spoolProgram)
        try Data(program.bytes).write(to: URL(fileURLWithPath: h + "/prog.bin"))
        r = try runS370(["ipl", "--core", h + "/prog.bin@2000", "--psw", "0000000000002000", "--deterministic",
                         "--reader", "spool:USERA", "--punch", "spool:USERA", "--printer", "spool:USERA",
                         "--max-instructions", "2000000", "--home", h])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("PSW: 00020000 00000000"), "the program ended at FAIL: \(r.stdout)")
        #expect(r.stdout.contains("PUN FILE 0002 CLOSED FOR USERA FROM 00D: 5 CARDS"), "\(r.stdout)")
        #expect(r.stdout.contains("PRT FILE 0003 CLOSED FOR USERA FROM 00E: 7 LINES"), "\(r.stdout)")

        r = try runS370(["spool", "list", "--home", h, "--short"])
        #expect(r.stdout == """
            PRT QUEUE
            OWNERID  FILE CLASS RECDS  CPY HOLD
            USERA    0003 A PRT 000007 01  NONE
            PUN QUEUE
            OWNERID  FILE CLASS RECDS  CPY HOLD
            USERA    0002 A PUN 000005 01  NONE

            """, "the reader file was read and purged")
        // Card for card.
        r = try runS370(["spool", "get", "2", "--home", h])
        #expect(r.status == 0 && r.stdout == cards.map { $0 + "\n" }.joined())
        r = try runS370(["spool", "get", "2", "--home", h, "--format", "ebcdic", "-o", h + "/punched.deck"])
        #expect(r.status == 0 && r.stdout.contains("WRITTEN TO \(h)/punched.deck: 5 CARDS"))
        let punched = [UInt8](try Data(contentsOf: URL(fileURLWithPath: h + "/punched.deck")))
        #expect(punched == CardDeck.ebcdic(cards.map { CardImage(text: $0) }))
        // Line for line.
        r = try runS370(["spool", "get", "3", "--home", h])
        #expect(r.stdout == (["LISTING OF THE DECK"] + cards + ["CARDS READ 00005"]).map { $0 + "\n" }.joined())
        // And purged.
        r = try runS370(["spool", "purge", "2", "3", "--home", h])
        #expect(r.status == 0 && r.stdout.contains("0002 FILES PURGED"))
    }

    @Test func aHomeHeldByARunningSystemIsNamedAndNotTouched() throws {
        let h = try home()
        try "CARD\n".write(toFile: h + "/d.txt", atomically: true, encoding: .utf8)
        // This test process plays the running system: it holds the home's lock.
        let running = try SpoolSystem(home: h, directory: { SpoolUser(userid: $0) })
        let r = try runS370(["submit", h + "/d.txt", "--to", "USERA", "--home", h])
        #expect(r.status == 1)
        #expect(r.stderr.contains("in use by a running system (process \(getpid())"), "\(r.stderr)")
        #expect(r.stderr.contains("Nothing was changed"))
        #expect(running.allFiles.isEmpty)
        try running.shutdown()
        #expect(try runS370(["submit", h + "/d.txt", "--to", "USERA", "--home", h]).status == 0)
    }

    @Test func badDecksFromTheHostAreRefusedWithTheirReason() throws {
        let h = try home()
        try (String(repeating: "Y", count: 90) + "\n").write(toFile: h + "/long.txt", atomically: true, encoding: .utf8)
        var r = try runS370(["submit", h + "/long.txt", "--to", "USERA", "--home", h])
        #expect(r.status == 1 && r.stderr.contains("long.txt: card 1: the line has 90 characters; a card holds 80"))
        try "ID NOSUCH\nX\n".write(toFile: h + "/id.txt", atomically: true, encoding: .utf8)
        r = try runS370(["submit", h + "/id.txt", "--home", h])
        #expect(r.status == 1 && r.stderr.contains("card 1 (the ID card): NOSUCH is not in the user directory"))
        r = try runS370(["submit", h + "/missing.txt", "--home", h])
        #expect(r.status == 1 && r.stderr.contains("cannot read the deck"))
        r = try runS370(["spool", "list", "--home", h])
        #expect(r.stdout == "NO SPOOL FILES\n")
    }

    @Test func spoolDevicesInAConfigurationFileAreChecked() throws {
        let h = try home()
        func ipl(_ config: String) throws -> CommandOutput {
            try config.write(toFile: h + "/machine.conf", atomically: true, encoding: .utf8)
            return try runS370(["ipl", "--config", h + "/machine.conf", "--psw", "0002000000000000", "--home", h])
        }
        var r = try ipl("00C 2540R spool:USERA class=b noeof\n00E 1403 spool:usera\n")
        #expect(r.status == 0, "\(r.stderr)")
        r = try ipl("00E 1403 spool:NOBODY\n")
        #expect(r.status != 0 && r.stderr.contains("machine.conf:1: NOBODY is not in the user directory"), "\(r.stderr)")
        r = try ipl("00D 2540P spool:USERA noeof\n")
        #expect(r.status != 0 && r.stderr.contains("the option 'noeof' does not apply to a spool 2540P"), "\(r.stderr)")
        r = try ipl("00D 2540P spool:USERA class=*\n")
        #expect(r.status != 0 && r.stderr.contains("class=*"), "\(r.stderr)")
    }
}
