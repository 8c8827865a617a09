// The default system of the first `s370 run`.

import Foundation
import Testing
import CP
import TestSupport

@Suite(.serialized) struct DefaultSystemTests {
    @Test func firstRunCreatesAWorkingSystemAndLaterRunsReuseIt() throws {
        let home = try temporaryDirectory("s370-home")
        #expect(try ControlProgram.prepareHome(home) == true)
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
    }
}
