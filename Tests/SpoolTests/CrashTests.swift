// The crash test (make check-long, with S370_LONG set): `s370 spool
// crash-writer` writes, closes, purges and changes spool files; it is killed
// with SIGKILL at random moments, 24 times. After each kill the spool is
// opened again (recovery) and checked against the writer's journal: every
// file it closed is there unless it began to purge it, every file there is
// whole (its content follows from its number), a file it had not begun to
// change has its old class, and recovery found nothing damaged.

import Foundation
import Records
import Spool
import Testing
import TestSupport

@Suite struct CrashTests {
    static let long = ProcessInfo.processInfo.environment["S370_LONG"] != nil

    /// What the journal says.
    struct Journal {
        var closed: [Int: Int] = [:]
        var purging: Set<Int> = []
        var purged: Set<Int> = []
        var changing: Set<Int> = []

        init(_ text: String) {
            // A line cut by the kill has no line end: it never happened as far as the journal knows.
            for line in text.split(separator: "\n", omittingEmptySubsequences: false).dropLast() {
                let w = line.split(separator: " ")
                guard w.count >= 2, let k = Int(w[1]) else { continue }
                switch w[0] {
                case "closed": if w.count == 3, let id = Int(w[2]) { closed[k] = id }
                case "purging": purging.insert(k)
                case "purged": purged.insert(k)
                case "changing": changing.insert(k)
                default: break
                }
            }
        }
    }

    @Test(.enabled(if: CrashTests.long, "set S370_LONG=1 (make check-long)"))
    func closedSpoolFilesSurviveSIGKILL() throws {
        let exe = try #require(s370Executable, "build s370 first (make check-long does)")
        let home = try temporaryDirectory("s370-crash")
        let journalPath = home + "/journal"
        _ = FileManager.default.createFile(atPath: journalPath, contents: nil)
        var totalClosed = 0
        for round in 0..<24 {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: exe)
            p.arguments = ["spool", "crash-writer", "--home", home, "--journal", journalPath, "--start", String(round * 100_000 + 1)]
            p.standardOutput = FileHandle.nullDevice
            let errors = Pipe()
            p.standardError = errors
            try p.run()
            usleep(UInt32.random(in: 150_000...900_000))
            kill(p.processIdentifier, SIGKILL)
            p.waitUntilExit()
            #expect(p.terminationReason == .uncaughtSignal, "round \(round): the writer ended by itself: \(String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self))")

            let journal = Journal(String(decoding: try Data(contentsOf: URL(fileURLWithPath: journalPath)), as: UTF8.self))
            let spool = try SpoolSystem(home: home, directory: SpoolCrashExercise.directory)
            #expect(spool.recoveryProblems.isEmpty, "round \(round): \(spool.recoveryProblems)")
            var present: [Int: SpoolFile] = [:]
            for f in spool.allFiles {
                let k = try #require(Int(f.name.dropFirst()), "round \(round): a file named \(f.name)")
                present[k] = f
                // Every file there is whole, journaled or not.
                let (device, records) = SpoolCrashExercise.expected(k)
                #expect(f.originDevice == device && f.records == records.logicalCount, "round \(round): file T\(k)")
                #expect(try spool.records(of: f.spoolid) == records, "round \(round): file T\(k) is not whole")
                #expect(f.spoolClass == "A" || journal.changing.contains(k), "round \(round): T\(k) changed unasked")
                if let id = journal.closed[k] { #expect(f.spoolid == id, "round \(round): T\(k) changed its spoolid") }
            }
            for (k, _) in journal.closed where !journal.purging.contains(k) {
                #expect(present[k] != nil, "round \(round): closed file T\(k) is lost")
            }
            for k in journal.purged { #expect(present[k] == nil, "round \(round): purged file T\(k) came back") }
            let leftovers = try FileManager.default.contentsOfDirectory(atPath: home + "/spool").filter { $0.hasSuffix(".tmp") }
            #expect(leftovers.isEmpty)
            totalClosed = journal.closed.count
            // Half the rounds end cleanly (an index for the next start), half as after a crash.
            if round % 2 == 0 { try spool.shutdown() } else { spool.lock.release() }
        }
        print("spool crash test: 24 kills, \(totalClosed) files closed, every one accounted for")
        #expect(totalClosed > 24)
    }
}
