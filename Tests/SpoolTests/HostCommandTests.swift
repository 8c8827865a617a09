// The host commands' work (what `s370 submit` and `s370 spool` do, in their
// own process or through a running system): decks in, files listed, copied
// out and purged; bad decks get a clear message and leave the spool as it was.

import Foundation
import Records
import Spool
import Testing

@Suite struct HostCommandTests {
    func run(_ spool: SpoolSystem, _ args: [String], input: String = "") -> (Int32, String) {
        let r = SpoolHostCommand.perform(args, input: Array(input.utf8), spool: spool)
        return (r.status, r.output)
    }

    @Test func submitToAUserThroughTheIDCardListGetAndPurge() throws {
        let spool = try openSpool()
        var (status, out) = run(spool, ["submit", "--to", "usera", "--class", "b", "--name", "my", "deck"],
                                input: "CARD ONE\nCARD TWO\n")
        #expect(status == 0 && out == "RDR FILE 0001 SENT TO USERA CLASS B RECDS 000002\n")
        (status, out) = run(spool, ["submit", "--source", "job.txt"], input: "ID USERB\n// JOB\n")
        #expect(status == 0 && out.contains("SENT TO USERB"))
        (status, out) = run(spool, ["spool", "list"])
        #expect(status == 0)
        #expect(out.hasPrefix("RDR QUEUE\nOWNERID  FILE CLASS RECDS  CPY HOLD  DATE"))
        #expect(out.contains("USERA    0001 B RDR 000002 01  NONE") && out.contains("MY       DECK"))
        (status, out) = run(spool, ["spool", "list", "--user", "USERB", "--short"])
        #expect(out == "RDR QUEUE\nOWNERID  FILE CLASS RECDS  CPY HOLD\nUSERB    0002 A RDR 000001 01  NONE\n")
        (status, out) = run(spool, ["spool", "get", "1", "--output", "-"])
        #expect(status == 0 && out == "CARD ONE\nCARD TWO\n")
        let path = spool.home + "/got.deck"
        (status, out) = run(spool, ["spool", "get", "1", "--output", path, "--format", "ebcdic"])
        #expect(status == 0 && out.contains("2 CARDS"))
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        #expect(bytes == CardDeck.ebcdic(deck(["CARD ONE", "CARD TWO"])))
        (status, out) = run(spool, ["spool", "get", "1", "--output", "relative.txt"])
        #expect(status == 1 && out.contains("must be absolute"))
        (status, out) = run(spool, ["spool", "purge", "1", "77"])
        #expect(status == 1 && out.contains("PURGED RDR FILE 0001 OF USERA") && out.contains("SPOOLID 0077 DOES NOT EXIST"))
        (status, out) = run(spool, ["spool", "purge", "--all"])
        #expect(status == 0 && out.contains("0001 FILES PURGED"))
        (status, out) = run(spool, ["spool", "list"])
        #expect(out == "NO SPOOL FILES\n")
    }

    @Test(arguments: [
        ("", ["--to", "USERA"], "the deck is empty"),
        ("GOOD CARD\n" + String(repeating: "X", count: 81) + "\n", ["--to", "USERA"], "card 2: the line has 81 characters; a card holds 80"),
        ("\u{01}\u{02}\u{03}garbage\u{00}\u{7F}", ["--to", "USERA"], "not a text deck"),
        ("CARD\n", ["--to", "NOBODY"], "NOBODY NOT IN CP DIRECTORY"),
        ("ID NOBODY\nCARD\n", [], "NOBODY is not in the user directory"),
        ("JUST A CARD\n", [], "is not ID or USERID"),
        ("CARD\n", ["--to", "USERA", "--class", "*"], "a spool class is one of A-Z or 0-9"),
        ("CARD\n", ["--class", "B"], "--class and --name go with --to"),
    ])
    func badDecksGetAClearMessageAndNothingElseIsTouched(input: String, options: [String], message: String) throws {
        let spool = try openSpool()
        let kept = try spool.submit(deck(["KEEP"]), to: "USERB")
        let before = try FileManager.default.contentsOfDirectory(atPath: spool.home + "/spool").sorted()
        let (status, out) = run(spool, ["submit", "--source", "bad.deck"] + options, input: input)
        #expect(status == 1)
        #expect(out.contains(message), "\(out)")
        #expect(spool.allFiles == [kept])
        #expect(try FileManager.default.contentsOfDirectory(atPath: spool.home + "/spool").sorted() == before)
    }

    @Test func binaryDecksAreTakenWhenSaidToBeEBCDIC() throws {
        let spool = try openSpool()
        // An object deck's cards hold any byte: as text they are refused with a hint.
        var object = CardImage(text: " ESD").columns
        object[0] = 0x02
        object[20] = 0x00
        let bytes = CardDeck.ebcdic([CardImage(ebcdic: object), CardImage(text: " END")])
        let asText = SpoolHostCommand.perform(["submit", "--to", "USERA"], input: bytes, spool: spool)
        #expect(asText.status == 1 && asText.output.contains("--format ebcdic"))
        let asEBCDIC = SpoolHostCommand.perform(["submit", "--to", "USERA", "--format", "ebcdic"], input: bytes, spool: spool)
        #expect(asEBCDIC.status == 0)
        #expect(try spool.records(of: 1).cards == [CardImage(ebcdic: object), CardImage(text: " END")])
        // Garbage whose length is not a multiple of 80 is not a deck either way.
        let garbage = (0..<333).map { UInt8(truncatingIfNeeded: $0 &* 37) }
        for format in ["text", "ebcdic"] {
            let r = SpoolHostCommand.perform(["submit", "--to", "USERA", "--format", format], input: garbage, spool: spool)
            #expect(r.status == 1 && (r.output.contains("multiple of 80") || r.output.contains("not a text deck")), "\(r.output)")
        }
        #expect(spool.allFiles.count == 1)
    }

    @Test func unknownCommandsAndOptionsAreSaid() throws {
        let spool = try openSpool()
        #expect(run(spool, ["spool", "frobnicate"]).1.contains("list, get and purge"))
        #expect(run(spool, ["submit", "--bogus"], input: "X\n").1.contains("unknown option --bogus"))
        #expect(run(spool, ["spool", "get", "12"]).1.contains("SPOOLID 0012 DOES NOT EXIST"))
        #expect(run(spool, ["spool", "purge"]).1.contains("give spoolids, or --all"))
    }
}
