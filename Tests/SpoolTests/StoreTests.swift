// The durable store: closed files and their changes outlive the process,
// recovery names what it could not read and loses nothing else, the index is
// only a shortcut, and the home's lock keeps a second user out.

import Foundation
import Records
import Spool
import Testing

@Suite struct StoreTests {
    func spoolFolder(_ s: SpoolSystem) -> String { s.home + "/spool" }

    func dataFiles(_ s: SpoolSystem) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: spoolFolder(s)).filter { $0.hasSuffix(".spf") }.sorted()
    }

    @Test func filesAndTheirChangesOutliveTheProcessAndTheIndexIsAShortcut() throws {
        let spool = try openSpool()
        let home = spool.home
        let a = try spool.submit(numberedDeck(50), to: "USERA", spoolClass: "B", name: "BIG", type: "DECK")
        let b = try spool.submit(deck(["SMALL"]), to: "USERB")
        try spool.change(.spoolids([b.spoolid]), on: .reader, owner: "USERB", SpoolChanges(hold: true, distribution: "X1"))
        try spool.tag(a.spoolid, on: .reader, owner: "USERA", text: "TAG TEXT")
        let expected = spool.allFiles
        // Without a clean shutdown (a crash): everything is read back from the files.
        spool.lock.release()
        let crashed = try openSpool(home)
        #expect(crashed.recoveryRebuilt && crashed.recoveryProblems.isEmpty)
        #expect(crashed.allFiles == expected)
        #expect(try crashed.records(of: a.spoolid).cards == numberedDeck(50))
        // After a clean shutdown the index gives the same without reading every file.
        try crashed.shutdown()
        #expect(FileManager.default.fileExists(atPath: home + "/spool/index"))
        let clean = try openSpool(home)
        #expect(!clean.recoveryRebuilt)
        #expect(clean.allFiles == expected)
        // The index is gone while the system runs: a crash now means a rebuild.
        #expect(!FileManager.default.fileExists(atPath: home + "/spool/index"))
        // The spoolid sequence goes on where it was.
        #expect(try clean.submit(deck(["NEXT"]), to: "USERA").spoolid == 3)
    }

    @Test func aDamagedFileIsNamedAndPutAsideAndTheOthersAreIntact() throws {
        let spool = try openSpool()
        let home = spool.home
        let good = try spool.submit(numberedDeck(10), to: "USERA")
        let bad = try spool.submit(numberedDeck(10, prefix: "BAD"), to: "USERB")
        spool.lock.release()
        let names = try dataFiles(spool)
        #expect(names.count == 2)
        // Flip one byte in the middle of the second file.
        let path = spoolFolder(spool) + "/" + names[1]
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        bytes[bytes.count / 2] ^= 0x20
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let again = try openSpool(home)
        #expect(again.recoveryProblems.count == 1)
        #expect(again.recoveryProblems[0].contains(names[1]) && again.recoveryProblems[0].contains("checksum"))
        #expect(again.file(bad.spoolid) == nil)
        #expect(try again.records(of: good.spoolid).cards == numberedDeck(10))
        #expect(FileManager.default.fileExists(atPath: home + "/spool/damaged/" + names[1]))
    }

    @Test func halfWrittenFilesAreRemovedAndCutFilesNamed() throws {
        let spool = try openSpool()
        let home = spool.home
        let kept = try spool.submit(deck(["KEPT"]), to: "USERA")
        _ = try spool.submit(numberedDeck(20), to: "USERA")
        spool.lock.release()
        let names = try dataFiles(spool)
        // A write that never completed (the process died before its rename).
        try Data([1, 2, 3]).write(to: URL(fileURLWithPath: spoolFolder(spool) + "/F000000000099.spf.tmp"))
        // A file cut short.
        let cut = spoolFolder(spool) + "/" + names[1]
        let bytes = try Data(contentsOf: URL(fileURLWithPath: cut))
        try bytes.prefix(bytes.count - 100).write(to: URL(fileURLWithPath: cut))
        let again = try openSpool(home)
        #expect(again.allFiles.map(\.spoolid) == [kept.spoolid])
        #expect(again.recoveryProblems.count == 1 && again.recoveryProblems[0].contains("cut short"))
        #expect(!FileManager.default.fileExists(atPath: spoolFolder(spool) + "/F000000000099.spf.tmp"))
    }

    @Test func unreadableAttributesFallBackToThoseOfTheClose() throws {
        let spool = try openSpool()
        let home = spool.home
        let f = try spool.submit(deck(["X"]), to: "USERA", spoolClass: "K")
        try spool.change(.all, on: .reader, owner: "USERA", SpoolChanges(spoolClass: "Z"))
        spool.lock.release()
        let attributes = try FileManager.default.contentsOfDirectory(atPath: spoolFolder(spool)).first { $0.hasSuffix(".att") }
        try Data("garbage\n".utf8).write(to: URL(fileURLWithPath: spoolFolder(spool) + "/" + (attributes ?? "none")))
        let again = try openSpool(home)
        #expect(again.file(f.spoolid)?.spoolClass == "K")
        #expect(again.recoveryProblems.count == 1 && again.recoveryProblems[0].contains("attributes it was closed with"))
    }

    @Test func theHomeLockKeepsOutASecondSpool() throws {
        let spool = try openSpool()
        #expect(HomeLock.holder(of: spool.home) == .some(getpid()))
        #expect {
            _ = try openSpool(spool.home)
        } throws: { error in
            guard case SpoolError.homeInUse(let f) = error else { return false }
            return "\(f)".contains("in use by a running system") && "\(f)".contains("process \(getpid())")
        }
        try spool.shutdown()
        #expect(HomeLock.holder(of: spool.home) == nil)
        _ = try openSpool(spool.home)
    }

    @Test func aFileThatCannotBeReadIsHeldAndTheOperatorTold() throws {
        let spool = try openSpool()
        var messages: [String] = []
        spool.onOperatorMessage = { messages.append($0) }
        let f = try spool.submit(deck(["GONE"]), to: "USERA")
        // Damaged while the system runs (the index was read at start, nothing rechecked it).
        let name = try #require(try dataFiles(spool).first)
        try Data("not a spool file".utf8).write(to: URL(fileURLWithPath: spoolFolder(spool) + "/" + name))
        let reader = spool.makeReader(userid: "USERA", address: 0x00C)
        let rig = DeviceRig([(0x00C, reader)])
        #expect(rig.readCard().csw.unitStatus == .unitCheck)
        #expect(spool.file(f.spoolid)?.holdStatus == .system)
        #expect(messages.count == 1 && messages[0].contains("CANNOT BE READ"))
    }
}
