// How `s370 submit` and `s370 spool` reach the spool of a home: with no
// system running they open it themselves, under the home's lock, with the
// home's user directory; when a system runs it holds the lock, and the host
// command must go through it (CP's host requests, over a local socket: until
// that path exists, the command says so and changes nothing). The work itself
// is `SpoolHostCommand.perform`, the same code the running system will run.

import ArgumentParser
import CP
import Foundation
import Spool

enum SpoolHost {
    /// `--home`, else `S370_HOME`, else `./s370-data`.
    static func home(_ option: String?) -> String {
        if let h = option, !h.isEmpty { return h }
        if let h = ProcessInfo.processInfo.environment["S370_HOME"], !h.isEmpty { return h }
        return "./s370-data"
    }

    /// Runs a host command's canonical `arguments` (with `input`) on the spool of `home`,
    /// prints its output, and ends the process with its status when that is not 0.
    static func run(_ arguments: [String], input: [UInt8] = [], home option: String?, needsDirectory: Bool) throws {
        let home = home(option)
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: home, isDirectory: &isFolder), isFolder.boolValue else {
            throw fail("there is no system home at \(home): give --home (or S370_HOME), or create one with s370 run")
        }
        let directory = try loadDirectory(home, needed: needsDirectory)
        let spool: SpoolSystem
        do {
            spool = try SpoolSystem(home: home, directory: directory)
        } catch SpoolError.homeInUse(let failure) {
            throw fail("""
                \(failure).
                The running system holds the spool: a host command reaches it only through the system, \
                which does not take host requests yet. Nothing was changed; shut the system down \
                (SHUTDOWN at the operator's console) and try again.
                """)
        }
        for p in spool.recoveryProblems {
            FileHandle.standardError.write(Data("s370: spool recovery: \(p)\n".utf8))
        }
        let (status, output) = SpoolHostCommand.perform(arguments, input: input, spool: spool)
        try spool.shutdown()
        // Text is ISO 8859-1, the other side of the EBCDIC table, as in the files `spool get` writes.
        let bytes = Data(output.unicodeScalars.map { UInt8(truncatingIfNeeded: $0.value) })
        if status == 0 {
            FileHandle.standardOutput.write(bytes)
        } else {
            FileHandle.standardError.write(bytes)
            throw ExitCode(status)
        }
    }

    /// The users of the home's directory (`USER DIRECT`) for the spool.
    static func loadDirectory(_ home: String, needed: Bool) throws -> (String) -> SpoolUser? {
        let path = home + "/USER DIRECT"
        guard let data = FileManager.default.contents(atPath: path) else {
            if needed { throw fail("\(path): there is no user directory, so no user can receive a deck") }
            return { _ in nil }
        }
        let directory: Directory
        do { directory = try Directory.parse(String(decoding: data, as: UTF8.self), file: path) } catch {
            throw fail("\(error)")
        }
        return { userid in
            directory.user(userid).map { SpoolUser(userid: $0.userid, distribution: $0.distribution ?? $0.userid) }
        }
    }

    /// Prints `message` as the command's error and gives the exit code to throw (1).
    static func fail(_ message: String) -> ExitCode {
        FileHandle.standardError.write(Data("s370: \(message)\n".utf8))
        return ExitCode(1)
    }

    /// A path made absolute against the working folder (the running system has its own).
    static func absolute(_ path: String) -> String {
        if path.hasPrefix("/") || path == "-" { return path }
        return FileManager.default.currentDirectoryPath + "/" + path
    }
}
