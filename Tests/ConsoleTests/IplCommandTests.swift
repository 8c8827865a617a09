// The s370 ipl command as a user runs it: reports, tracing, determinism, errors.

import Foundation
import Testing
import TestSupport

@Suite struct IplCommandTests {
    /// A small program: L 1,X'100'; A 1,X'104'; ST 1,X'108'; LPSW X'110' (disabled wait).
    func program(in dir: String) throws -> String {
        let bytes = hexBytes("58100100 5A100104 50100108 82000110") +
            [UInt8](repeating: 0, count: 0x100 - 16) +
            hexBytes("00000005 00000007 00000000 00000000 00020000 0000ABCD")
        let path = dir + "/p.bin"
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test func jsonReportHasTheDocumentedKeys() throws {
        let dir = try temporaryDirectory()
        let p = try program(in: dir)
        let r = try runS370(["ipl", "--core", p + "@0", "--psw", "0000000000000000", "--report", "json",
                             "--dump", "100.C", "--deterministic"])
        #expect(r.status == 0, "\(r.stderr)")
        let json = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
        let o = try #require(json)
        #expect(o["status"] as? String == "disabledWait")
        #expect(o["psw"] as? String == "000200000000ABCD")
        #expect((o["gpr"] as? [String])?[1] == "0000000C")
        #expect((o["fpr"] as? [String])?.count == 4)
        #expect(o["instructions"] as? Int == 4)
        #expect(o["mips"] != nil && o["seconds"] != nil)
        #expect((o["storage"] as? [String: String])?["100.C"] == "00000005000000070000000C")
    }

    @Test func traceShowsEachInstruction() throws {
        let dir = try temporaryDirectory()
        let p = try program(in: dir)
        let r = try runS370(["ipl", "--core", p + "@0", "--psw", "0000000000000000", "--trace"])
        #expect(r.stdout.contains("000000  58100100      L     1,256(0,0)"))
        #expect(r.stdout.contains("LPSW  272(0)"))
    }

    @Test func deterministicRunsAreIdentical() throws {
        let dir = try temporaryDirectory()
        // STCK into X'100' twice; with --deterministic the values are the same each run.
        let bytes = hexBytes("B2050100 B2050108 82000110") + [UInt8](repeating: 0, count: 0x110 - 12) +
            hexBytes("00020000 00000000")
        let path = dir + "/c.bin"
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let args = ["ipl", "--core", path + "@0", "--psw", "0000000000000000", "--deterministic",
                    "--report", "json", "--dump", "100.10"]
        let a = try runS370(args), b = try runS370(args)
        let sa = try #require(try JSONSerialization.jsonObject(with: Data(a.stdout.utf8)) as? [String: Any])
        let sb = try #require(try JSONSerialization.jsonObject(with: Data(b.stdout.utf8)) as? [String: Any])
        #expect((sa["storage"] as? [String: String]) == (sb["storage"] as? [String: String]))
    }

    @Test func limitAndBadArgumentsAreReported() throws {
        let dir = try temporaryDirectory()
        // A branch to itself: the limit ends it.
        let path = dir + "/loop.bin"
        try Data(hexBytes("47F00000")).write(to: URL(fileURLWithPath: path))
        let r = try runS370(["ipl", "--core", path + "@0", "--psw", "0000000000000000", "--max-instructions", "1000"])
        #expect(r.stdout.contains("status: limit"))
        #expect(r.stdout.contains("instructions: 1000 "))
        let bad = try runS370(["ipl", "--core", dir + "/missing.bin@0", "--psw", "0000000000000000"])
        #expect(bad.status != 0)
        #expect(bad.stderr.contains("missing.bin"))
        let badPSW = try runS370(["ipl", "--psw", "12"])
        #expect(badPSW.status != 0)
        #expect(badPSW.stderr.contains("16 hexadecimal digits"))
    }
}

@Suite struct LoadCommandTests {
    @Test func objectDeckLoadsAndRunsFromItsEntryPoint() throws {
        let dir = try temporaryDirectory()
        let deck = dir + "/pagefault.obj"
        let asm = try runS370(["asm", "Decks/samples/pagefault.asm", "-o", deck])
        #expect(asm.status == 0, "\(asm.stderr)")
        let r = try runS370(["ipl", "--load", deck + "@1000", "--storage", "256K", "--dump", "1200.8",
                             "--report", "json", "--deterministic"])
        #expect(r.status == 0, "\(r.stderr)")
        let o = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect(o["psw"] as? String == "000A00000000AAAA")
        #expect((o["storage"] as? [String: String])?["1200.8"] == "0000002400000008")
        let bad = try runS370(["ipl", "--load", dir + "/nothing.obj@1000"])
        #expect(bad.status != 0 && bad.stderr.contains("nothing.obj"))
    }
}

@Suite struct SampleSourceTests {
    @Test func embeddedSamplesMatchTheDecks() throws {
        let out = try runS370(["asm", "--help"])
        #expect(out.status == 0)
        for name in ["hello", "pagefault"] {
            #expect(repositoryFile("Decks/samples/\(name).asm") != nil)
        }
        let generated = try #require(repositoryFile("Sources/console/SampleSources.swift"))
        for f in try FileManager.default.contentsOfDirectory(atPath: packageRoot + "/Decks/samples") where f.hasSuffix(".asm") {
            let text = try #require(repositoryFile("Decks/samples/" + f))
            #expect(generated.contains(text), "Sources/console/SampleSources.swift is out of date: run scripts/embed-samples.sh")
        }
    }
}
