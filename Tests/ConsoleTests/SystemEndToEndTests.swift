// The whole system over real TCP (issue 8): `s370 run` in a temporary home,
// three terminals log on as three users, each IPLs a stand-alone program and
// sees its console on its own terminal, QUERY NAMES shows all three, one
// disconnects and reconnects to a running machine, the operator shuts down.

import Foundation
import Testing
import TestSupport

@Suite(.serialized) struct SystemEndToEndTests {
    /// Logs `user` on over telnet.
    func logOn(_ c: TelnetTestClient, _ user: String) {
        c.send("LOGON \(user)\r\n")
        _ = c.read(until: "ENTER PASSWORD:")
        c.send("\(user)\r\n")
        _ = c.read(until: "LOGON AT")
    }

    @Test func threeUsersIPLTheirProgramsAndTheOperatorShutsDown() throws {
        let home = try temporaryDirectory("s370-e2e") + "/home"
        let s370 = try RunningS370(["run", "--home", home, "--port", "0"])
        defer { s370.kill9() }
        let port = try #require(s370.listeningPort(), "no port in: \(s370.stdout) \(s370.stderr)")
        let users = ["USER1", "USER2", "USER3"]
        var clients: [TelnetTestClient] = []
        for u in users {
            let c = try TelnetTestClient(port: port)
            #expect(c.read(until: "VM/370 ONLINE"))
            logOn(c, u)
            #expect(c.text.contains("LOGON AT"), "\(u): \(c.text)")
            clients.append(c)
        }
        // Each IPLs the sample on MAINT 190 and talks with it on its own terminal.
        for (c, u) in zip(clients, users) {
            c.send("IPL 190\r\n")
            #expect(c.read(until: "WHAT IS YOUR NAME?"), "\(u): \(c.text)")
            c.send("\(u.lowercased())\r\n")
            #expect(c.read(until: "HELLO, \(u.lowercased())"), "\(u): \(c.text)")
        }
        // Nobody sees another's console.
        #expect(!clients[0].text.contains("HELLO, user2"))
        clients[0].send("#CP QUERY NAMES\r\n")
        #expect(clients[0].read(until: "USER3"))
        for u in users { #expect(clients[0].text.contains(u)) }
        #expect(clients[0].text.contains("OPERATOR"))
        // USER2 disconnects; its machine waits for its console, and USER2 comes back to it.
        clients[1].send("#CP DISCONN\r\n")
        #expect(clients[1].read(until: "DISCONNECT AT"))
        clients[1].close()
        clients[0].send("#CP QUERY NAMES\r\n")
        #expect(clients[0].read(until: "USER2    - DSC"))
        let back = try TelnetTestClient(port: port)
        #expect(back.read(until: "VM/370 ONLINE"))
        back.send("LOGON USER2\r\n")
        _ = back.read(until: "ENTER PASSWORD:")
        back.send("USER2\r\n")
        #expect(back.read(until: "RECONNECTED AT"))
        back.send("#CP BEGIN\r\n")
        back.send("again\r\n")
        #expect(back.read(until: "HELLO, again"), "\(back.text)")
        // The operator shuts the system down from the system console.
        s370.input("SHUTDOWN\n")
        #expect(s370.waitForExit(timeout: 10) == 0, "stderr: \(s370.stderr)")
        #expect(clients[0].readToEnd(timeout: 2))
        #expect(clients[0].text.contains("SYSTEM SHUTDOWN"))
    }
}
