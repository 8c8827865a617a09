// The USER DIRECT format (vm370-reference.md, section 2).

import Testing
import CP

@Suite struct DirectoryTests {
    let stock = """
        DIRECTORY 131 3330 VMREL6
        USER OPERATOR OPERATOR 320K 1M ABCDEG
         ACCOUNT ACT1 OPERATOR
         CONSOLE 009 3215
         SPOOL 00C 2540 READER A
         SPOOL 00D 2540 PUNCH A
         SPOOL 00E 1403 A
         MDISK 191 3330 008 005 CPR6L0 WR READ WRITE
         LINK MAINT 194 194 RR
         LINK MAINT 190 190 RR
        * a comment line
        USER MAINT CPCMS 720K 16M BCEG
         ACCOUNT ACT3 MAINT
         OPTION ECMODE REALTIMER
         CONSOLE 009 3215
         MDISK 190 3330 030 085 CPR6L0 MR READ
        USER CMSBATCH CMSBATCH 8M 8M G
         IPL CMS PARM BATCH
         CONSOLE 009 3215
         SPOOL 00E 1403 A
         SPOOL 00C 2540 READ *
         SPOOL 00D 2540 PUNCH A
         LINK MAINT 190 190 RR
         MDISK 195 3350 251 050 VM50-3 MR ALL WRITE MULT
        USER RSCS RSCS 512K
        """

    @Test func parsesTheStockRelease6Directory() throws {
        let d = try Directory.parse(stock)
        #expect(d.users.count == 4)
        #expect(d.directoryVolume?.volser == "VMREL6")
        let op = try #require(d.user("operator"))
        #expect(op.storage == 320 * 1024 && op.maximumStorage == 1 << 20)
        #expect(op.classes == Set("ABCDEG"))
        #expect(op.console?.address == 0x009)
        #expect(op.spoolDevices.map(\.kind) == [.reader, .punch, .printer])
        #expect(op.minidisks.first == MinidiskEntry(address: 0x191, deviceType: "3330", startCylinder: 8, cylinders: 5,
                                                     volser: "CPR6L0", mode: "WR", readPassword: "READ",
                                                     writePassword: "WRITE", multiPassword: nil))
        #expect(op.links.count == 2)
        let batch = try #require(d.user("CMSBATCH"))
        #expect(batch.ipl == "CMS" && batch.iplParm == "BATCH")
        #expect(batch.spoolDevices.first { $0.kind == .reader }?.spoolClass == "*")
        let rscs = try #require(d.user("RSCS"))
        #expect(rscs.maximumStorage == 512 * 1024 && rscs.classes == ["G"])
        #expect(d.user("MAINT")?.options == ["ECMODE", "REALTIMER"])
    }

    @Test func columnsPast71AreIgnored() throws {
        let line = "USER ALICE PW 1M 2M G" + String(repeating: " ", count: 50) + "SEQ00010"
        let d = try Directory.parse(line)
        #expect(d.user("ALICE")?.classes == ["G"])
    }

    @Test(arguments: [
        ("USER BOB PW 10K", 1, "not a storage size"),
        ("USER BOB PW 1M 512K", 1, "less than the logon storage"),
        (" CONSOLE 009 3215", 1, "before any USER statement"),
        ("USER BOB PW\n MDISK 191 3330 X 5 VOL001 W", 2, "not a start cylinder"),
        ("USER BOB PW\n SPOOL 00C 2540 A", 2, "not READER or PUNCH"),
        ("USER BOB PW\n FROB 1", 2, "not a directory statement"),
        ("USER BOB PW\nUSER BOB PW2", 2, "defined twice"),
        ("USER TOOLONGNAME PW", 1, "not a userid"),
        ("USER BOB PW\n LINK ALICE 191 291 Q", 2, "not a link mode"),
        ("USER BOB PW\nDIRECTORY 131 3330 V", 2, "must be the first statement"),
    ])
    func errorsNameTheLine(text: String, line: Int, message: String) {
        do {
            _ = try Directory.parse(text, file: "d")
            Issue.record("no error for \(text)")
        } catch let e as DirectoryError {
            #expect(e.line == line, "\(e)")
            #expect(e.message.contains(message), "\(e)")
        } catch {
            Issue.record("\(error)")
        }
    }
}
