// The default system of the first `s370 run`.

import Foundation
import Testing
import Assembler
import CP
import TestSupport

@Suite(.serialized) struct DefaultSystemTests {
    @Test func firstRunCreatesAWorkingSystemAndLaterRunsReuseIt() throws {
        let home = try temporaryDirectory("s370-home")
        let hello = try assemble(try #require(repositoryFile("Decks/samples/hello.asm")))
        let core = try hello.result.coreImage()
        let sample = SampleProgram(name: "hello",
                                   iplDeck: try IPLDeck.cards(image: core.bytes, origin: core.origin, entry: core.entryPoint),
                                   objectDeck: hello.result.objectDeck.cards())
        #expect(try ControlProgram.prepareHome(home, samples: [sample]) == true)
        #expect(try ControlProgram.prepareHome(home) == false)
        let volume = home + "/dasd/S370W1.cckd"
        let size = try FileManager.default.attributesOfItem(atPath: volume)[.size] as? Int ?? 0
        #expect(size > 0 && size < 4 << 20, "a compressed, mostly empty 3330: \(size) bytes")
        var o = CPOptions(); o.deterministic = true
        let cp = try ControlProgram(home: home, options: o)
        #expect(cp.directory.users.map(\.userid) == ["OPERATOR", "MAINT", "CMSBATCH", "USER1", "USER2", "USER3"])
        cp.start()
        defer { cp.shutdown(); cp.waitUntilShutdown() }
        let t = logOn(cp, "USER1")
        cp.terminalLine(t, "QUERY VIRTUAL")
        #expect(t.waitFor("DASD 191 3330 USER1 191 R/W") != nil)
        #expect(t.waitFor("DASD 190 3330 MAINT 190 R/O") != nil)
        // Another user links USER1's 191 read-only with its read password.
        let u = logOn(cp, "USER2")
        cp.terminalLine(u, "LINK USER1 191 291 RR PASS= READ")
        cp.terminalLine(u, "QUERY VIRTUAL 291")
        #expect(u.waitFor("DASD 291 3330 USER1 191 R/O") != nil)
        cp.terminalLine(u, "LINK USER1 191 292 W PASS= WRONG")
        #expect(u.waitFor("PASSWORD INCORRECT") != nil)
        cp.terminalLine(u, "LINK USER1 191 292 W PASS= WRITE")
        #expect(u.waitFor("NOT LINKED; R/O BY") != nil || u.waitFor("NOT LINKED") != nil)
        // The sample on MAINT 190, which every user links: IPL 190 greets.
        let mark = t.lines.count
        cp.terminalLine(t, "IPL 190")
        #expect(t.waitFor("HELLO FROM A SYSTEM/370.", after: mark) != nil)
        #expect(t.waitFor("WHAT IS YOUR NAME?", after: mark) != nil)
        cp.terminalLine(t, "ADA")
        #expect(t.waitFor("HELLO, ADA", after: mark) != nil)
        cp.terminalLine(t, "")
        #expect(t.waitFor("GOODBYE.", after: mark) != nil)
        #expect(t.waitFor("DISABLED WAIT PSW '00020000 00002000'", after: mark) != nil)
    }
}
