// The workload of the spool's crash test (`make check-long`): a process that
// writes and closes spool files in a loop (punch files sent to a reader or to
// the system queue, printer files, decks from the host), purges and changes
// some, and records each step in a journal, forced to disk, once the step is
// done (and, for purges and changes, before it starts). The test kills it
// with SIGKILL at random moments and checks, after each restart, that every
// file the journal says was closed is there and whole, that every file there
// is whole, and that nothing is half there.
//
// A file's content follows from its number k alone, so any file found can be
// checked, journaled or not: `SpoolCrashExercise.expected(k)`.

import Foundation
import Records

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The crash test's writer and its expectations.
public enum SpoolCrashExercise {
    /// The users the exercise sends files to.
    public static let users = ["CRASHA", "CRASHB"]

    /// The directory of the exercise: its two users.
    public static func directory(_ userid: String) -> SpoolUser? {
        users.contains(userid) ? SpoolUser(userid: userid, distribution: "D" + userid) : nil
    }

    /// What file k is: the device that made it, and its records.
    public static func expected(_ k: Int) -> (device: OriginDevice, records: SpoolRecords) {
        let n = 1 + (k &* 7919) % 400
        var r = SpoolRecords()
        switch k % 3 {
        case 0, 2:
            for i in 0..<n { r.append(card: CardImage(text: "T\(k) CARD \(i) " + pattern(k, i)).columns) }
            return (k % 3 == 0 ? .punch : .reader, r)
        default:
            for i in 0..<n { r.append(command: i % 50 == 0 ? 0x89 : 0x09, data: EBCDIC.encode("T\(k) LINE \(i) " + pattern(k, i))) }
            return (.printer, r)
        }
    }

    static func pattern(_ k: Int, _ i: Int) -> String {
        String(repeating: String(UnicodeScalar(UInt8(0x41 + (k + i) % 26))), count: (k + i) % 40)
    }

    /// Writes, closes, purges and changes files in `home`'s spool for ever,
    /// numbering them from `start`, journaling each step in `journal`.
    public static func run(home: String, journal: String, start: Int) throws -> Never {
        let spool = try SpoolSystem(home: home, directory: directory)
        let fd = open(journal, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw SpoolError.store(DurableFile.error(journal)) }
        func note(_ line: String) {
            let bytes = Array((line + "\n").utf8)
            _ = bytes.withUnsafeBytes { posixWrite(fd, $0.baseAddress!, bytes.count) }
            fsync(fd)
        }
        note("start \(start)")
        let punch = spool.makePunch(userid: "CRASHA", address: 0x00D)
        let printer = spool.makePrinter(userid: "CRASHA", address: 0x00E)
        var closed: [Int: Int] = [:]
        var k = start
        while true {
            let (device, records) = expected(k)
            let f: SpoolFile
            switch device {
            case .reader:
                f = try spool.submit(records.cards, to: "CRASHB", name: "T\(k)", type: "RDR")
            case .punch, .printer, .console:
                let d: SpoolOutputDevice = device == .punch ? punch : printer
                d.settings.destination = k % 2 == 0 ? .toUser("CRASHB") : .system
                for r in records { try d.write(command: r.command, data: r.data) }
                guard case .closed(let c, _) = try d.close(CloseOptions(name: "T\(k)", type: device.rawValue)) else {
                    throw SpoolError.invalid("file \(k) did not close")
                }
                f = c
            }
            closed[k] = f.spoolid
            note("closed \(k) \(f.spoolid)")
            if k % 5 == 4, let id = closed[k - 3], let victim = spool.file(id), victim.name == "T\(k - 3)" {
                note("purging \(k - 3)")
                try spool.purge(.spoolids([id]), on: victim.queue, owner: victim.owner)
                note("purged \(k - 3)")
            }
            if k % 7 == 6, let id = closed[k - 1], let target = spool.file(id), target.name == "T\(k - 1)" {
                note("changing \(k - 1)")
                try spool.change(.spoolids([id]), on: target.queue, owner: target.owner, SpoolChanges(spoolClass: "Z", copies: 7))
                note("changed \(k - 1)")
            }
            k += 1
        }
    }
}
