// Spool-backed unit-record devices on the bare machine, so they can be used
// and tested without CP: a reader, punch or printer whose file is written
// `spool:USERID` (`s370 ipl --reader spool:USERA --punch spool:USERA`, or
// `00C 2540R spool:USERA class=A` in a configuration file) reads that user's
// reader files, or writes that user's punch or printer files, in the spool of
// --home. When the run ends the punches' and printers' files are closed (as
// LOGOFF closes them) onto the system queues, where `s370 spool get` finds
// them; a reader's file read only in part stays in the reader.
//
// Options (configuration lines): `class=c` (a reader's class may be *),
// `noeof` and `cont` (readers), `hold`; the user must be in the home's
// directory when the home has one.

import BareMachine
import Channels
import Foundation
import Spool

/// The spool devices of one `s370 ipl` run.
final class BareMachineSpool {
    let homeOption: String?
    private(set) var spool: SpoolSystem?
    private var outputs: [SpoolOutputDevice] = []
    private var readers: [SpoolReader] = []

    init(home: String?) { homeOption = home }

    /// The spool device a spec names (`spool:USERID`), or nil when it names a host file.
    func device(for spec: DeviceSpec) throws -> Device? {
        guard let path = spec.path, path.lowercased().hasPrefix("spool:") else { return nil }
        let spool = try open()
        guard let userid = Userid.normalized(String(path.dropFirst(6))) else {
            throw RunError("\(spec.origin): '\(path)' names no userid: write spool:USERID")
        }
        let home = SpoolHost.home(homeOption)
        if FileManager.default.fileExists(atPath: home + "/USER DIRECT"), spool.directory(userid) == nil {
            throw RunError("\(spec.origin): \(userid) is not in the user directory of \(home)")
        }
        var spoolClass: Character? = nil
        var flags = Set<String>()
        for o in spec.options {
            if o.hasPrefix("class=") {
                let v = o.dropFirst(6).uppercased()
                guard v.count == 1, let c = v.first, SpoolClass.isValid(c) || (c == "*" && spec.type == "2540R") else {
                    throw RunError("\(spec.origin): \(o): a class is A-Z or 0-9 (or * for a reader)")
                }
                spoolClass = c
            } else {
                flags.insert(o)
            }
        }
        let allowed: Set<String> = spec.type == "2540R" ? ["noeof", "cont", "hold"] : ["hold"]
        if let bad = flags.subtracting(allowed).first {
            throw RunError("\(spec.origin): the option '\(bad)' does not apply to a spool \(spec.type)")
        }
        let device: SpoolDevice
        switch spec.type {
        case "2540R":
            let r = spool.makeReader(userid: userid, address: spec.address, spoolClass: spoolClass ?? "*")
            r.settings.endOfFile = !flags.contains("noeof")
            r.settings.continuous = flags.contains("cont")
            readers.append(r)
            device = r
        case "2540P", "1403":
            let d: SpoolOutputDevice = spec.type == "1403"
                ? spool.makePrinter(userid: userid, address: spec.address, spoolClass: spoolClass ?? "A")
                : spool.makePunch(userid: userid, address: spec.address, spoolClass: spoolClass ?? "A")
            outputs.append(d)
            device = d
        default:
            throw RunError("\(spec.origin): a \(spec.type) cannot be a spool device (readers, punches and printers can)")
        }
        device.settings.hold = flags.contains("hold")
        return device
    }

    /// Opens the spool of --home (once).
    private func open() throws -> SpoolSystem {
        if let spool { return spool }
        let home = SpoolHost.home(homeOption)
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: home, isDirectory: &isFolder), isFolder.boolValue else {
            throw RunError("spool devices need a system home: there is none at \(home) (give --home)")
        }
        let directory = try SpoolHost.loadDirectory(home, needed: false)
        let hasDirectory = FileManager.default.fileExists(atPath: home + "/USER DIRECT")
        do {
            // Without a directory any userid may own spool files (the bare machine has no CP).
            let s = try SpoolSystem(home: home, directory: hasDirectory ? directory : { SpoolUser(userid: $0) })
            for p in s.recoveryProblems { fputs("s370: spool recovery: \(p)\n", stderr) }
            spool = s
            return s
        } catch let e as SpoolError {
            throw RunError("\(e)")
        }
    }

    /// Closes what the punches and printers wrote and lets the spool go; the lines say what was made.
    func finish() throws -> [String] {
        guard let spool else { return [] }
        var lines: [String] = []
        for d in outputs {
            if case .closed(let f, _) = try d.close(CloseOptions(force: true)) {
                let unit = (f.originDevice == .printer ? "LINE" : "CARD") + (f.records == 1 ? "" : "S")
                lines.append("\(f.queue.rawValue) FILE \(f.spoolidText) CLOSED FOR \(f.owner) FROM \(hex3(d.address)): \(f.records) \(unit)")
            }
        }
        for r in readers { r.release() }
        try spool.shutdown()
        self.spool = nil
        return lines
    }
}

/// Three hexadecimal digits.
private func hex3(_ a: UInt16) -> String {
    let s = String(a, radix: 16, uppercase: true)
    return String(repeating: "0", count: max(0, 3 - s.count)) + s
}
