// QUERY RDR|PRT|PUN and QUERY FILES in the layout of VM/370 (OPG p150;
// vm370-reference.md, 3.2):
//
//   OWNERID  FILE CLASS RECDS  CPY HOLD  DATE  TIME     NAME     TYPE     DIST
//   USERA    0004 A PUN 000012 01  NONE  03/14 10:22:07 PROFILE  EXEC     BIN14
//
// The short form (no ALL, no spoolid) stops after HOLD. ORIGINID replaces
// OWNERID when the lines show where files came from (a user's own reader).

import Foundation

/// The formats of spool queries.
public enum SpoolQueries {
    /// The heading of QUERY RDR|PRT|PUN; `all`: with date, time, name, type and distribution.
    public static func heading(all: Bool, origin: Bool = false) -> String {
        let who = origin ? "ORIGINID" : "OWNERID "
        return all ? "\(who) FILE CLASS RECDS  CPY HOLD  DATE  TIME     NAME     TYPE     DIST"
                   : "\(who) FILE CLASS RECDS  CPY HOLD"
    }

    /// One file's line under the heading.
    public static func line(_ f: SpoolFile, all: Bool, origin: Bool = false) -> String {
        let who = SpoolOutput.pad(origin ? f.origin : f.owner, 8)
        let hold = SpoolOutput.pad(f.holdStatus.rawValue, 4)
        var s = "\(who) \(f.spoolidText) \(f.spoolClass) \(f.originDevice.rawValue) \(sixDigits(f.records)) \(twoDigits(f.copies))  \(hold)"
        if all {
            let (date, time) = dateTime(f.created)
            let name = f.type.isEmpty && f.name.count > 8 ? String(f.name.prefix(20)) + " " : SpoolOutput.pad(f.name, 8) + " " + SpoolOutput.pad(f.type, 8)
            s += "  \(String(date.prefix(5))) \(time) \(name) \(f.distribution)"
        }
        while s.hasSuffix(" ") { s.removeLast() }
        return s
    }

    /// `FILES: nnnn RDR, nnnn PRT, nnnn PUN` (NO for none), as LOGON and QUERY FILES show.
    public static func filesSummary(reader: Int, printer: Int, punch: Int) -> String {
        func n(_ c: Int) -> String { c == 0 ? "NO" : SpoolFile.fourDigits(c) }
        return "FILES: \(n(reader)) RDR, \(n(printer)) PRT, \(n(punch)) PUN"
    }

    /// What CP tells a user when a file arrives in its reader:
    /// `RDR FILE 0012 SENT FROM USERA PUN WAS 0012 RECS 000005 CPY 01 A NOHOLD`
    /// (the layout of VM/SP's message, which scripts wait for as "RDR FILE";
    /// the spoolid does not change on the way, so WAS repeats it).
    public static func readerArrival(_ f: SpoolFile) -> String {
        "RDR FILE \(f.spoolidText) SENT FROM \(f.origin) \(f.originDevice.rawValue) WAS \(f.spoolidText) RECS \(sixDigits(f.records)) CPY \(twoDigits(f.copies)) \(f.spoolClass) \(f.userHold ? "HOLD" : "NOHOLD")"
    }

    /// `mm/dd/yy` and `hh:mm:ss` in local time.
    static func dateTime(_ d: Date) -> (String, String) {
        var t = time_t(d.timeIntervalSince1970)
        var tm = tm()
        localtime_r(&t, &tm)
        return (String(format: "%02d/%02d/%02d", tm.tm_mon + 1, tm.tm_mday, tm.tm_year % 100),
                String(format: "%02d:%02d:%02d", tm.tm_hour, tm.tm_min, tm.tm_sec))
    }

    /// `yyyymmdd-hhmmss`, for output file names.
    static func stamp(_ d: Date) -> String {
        var t = time_t(d.timeIntervalSince1970)
        var tm = tm()
        localtime_r(&t, &tm)
        return String(format: "%04d%02d%02d-%02d%02d%02d", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec)
    }

    static func sixDigits(_ n: Int) -> String { zeroPadded(min(n, 999_999), 6) }
    static func twoDigits(_ n: Int) -> String { zeroPadded(min(n, 99), 2) }
    static func zeroPadded(_ n: Int, _ w: Int) -> String {
        let s = String(n)
        return String(repeating: "0", count: max(0, w - s.count)) + s
    }
}

extension SpoolSystem {
    /// QUERY RDR|PRT|PUN [ALL|spoolid] for `owner` (nil: every user's, for the operator):
    /// the heading and one line a file, or `NO xxx FILES`. `origin`: show where files came from.
    public func query(_ queue: SpoolQueue, owner: String?, spoolid: Int? = nil, all: Bool = false,
                      origin: Bool = false) throws -> [String] {
        var list = files(on: queue, owner: owner)
        if let id = spoolid {
            list = list.filter { $0.spoolid == id }
            if list.isEmpty { throw SpoolError.noSuchFile(id) }
        }
        if list.isEmpty { return ["NO \(queue.rawValue) FILES"] }
        let full = all || spoolid != nil
        return [SpoolQueries.heading(all: full, origin: origin)] + list.map { SpoolQueries.line($0, all: full, origin: origin) }
    }

    /// QUERY FILES (and the LOGON summary) for `userid`: its reader files and its printer and punch output.
    public func filesSummary(for userid: String) -> String {
        SpoolQueries.filesSummary(reader: files(on: .reader, owner: userid).count,
                                  printer: files(on: .printer, owner: userid).count,
                                  punch: files(on: .punch, owner: userid).count)
    }
}
