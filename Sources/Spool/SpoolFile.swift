// A spool file as VM/370 keeps it (vm370-reference.md, 3.1-3.2; OPG, "Spool
// files"): its spoolid, owner and originator, the device type that made it,
// class, form, distribution code, copies, hold status, name and type, record
// count, date and time, tag; and the queue it waits on: a user's reader, or
// the system's printer or punch queue (where the owner is the user whose
// output it is).

import Foundation

/// The queue a spool file waits on.
public enum SpoolQueue: String, Sendable, CaseIterable {
    /// A user's virtual reader: input files (VM/370's reader queue of the user).
    case reader = "RDR"
    /// The system printer queue (the owner's printer files).
    case printer = "PRT"
    /// The system punch queue (the owner's punch files).
    case punch = "PUN"
}

/// The type of device that made a spool file, as QUERY shows it.
public enum OriginDevice: String, Sendable, CaseIterable {
    /// A virtual printer.
    case printer = "PRT"
    /// A virtual punch.
    case punch = "PUN"
    /// A virtual console spooled with SPOOL CONSOLE START (a printer file).
    case console = "CON"
    /// The system card reader, or a deck submitted from the host.
    case reader = "RDR"

    /// Whether the file holds print lines (with their carriage control) rather than cards.
    public var holdsPrintLines: Bool { self == .printer || self == .console }
}

/// The hold status of a spool file (QUERY's HOLD column).
public enum HoldStatus: String, Sendable {
    case none = "NONE"
    /// User hold: SPOOL/CLOSE/CHANGE HOLD.
    case user = "USER"
    /// System hold: the spooling operator's HOLD.
    case system = "SYS"
    /// Both (shown as VM/SP writes it; R6 documents only the three above).
    case both = "USYS"
}

/// One closed spool file's attributes (its records are in the store).
public struct SpoolFile: Equatable, Sendable {
    /// The spool file identification, 1-9900, unique in the system.
    public var spoolid: Int
    /// The queue it is on.
    public var queue: SpoolQueue
    /// The userid whose queue holds it (for printer and punch files: whose output it is).
    public var owner: String
    /// The userid that sent it to the owner (its creator, or the user who transferred it).
    public var origin: String
    /// The type of device that made it.
    public var originDevice: OriginDevice
    /// The spool class, A-Z or 0-9.
    public var spoolClass: Character
    /// The form (printer and punch forms; STANDARD unless set).
    public var form: String
    /// The distribution code printed on the separators.
    public var distribution: String
    /// Copies to print or punch, 1-99 (kept, but meaningless, for reader files).
    public var copies: Int
    /// User hold: the file waits until the user frees it (CHANGE NOHOLD).
    public var userHold: Bool
    /// System hold: the spooling operator holds it (HOLD userid, until FREE).
    public var systemHold: Bool
    /// The file name, or a data set name of up to 24 characters (then `type` is empty).
    public var name: String
    /// The file type.
    public var type: String
    /// Logical records: cards, or printed lines.
    public var records: Int
    /// When it was closed (its creation, as VM/370 counts it).
    public var created: Date
    /// The TAG text (up to 136 characters).
    public var tag: String

    /// A file's attributes; the defaults are those of a file just closed.
    public init(spoolid: Int, queue: SpoolQueue, owner: String, origin: String, originDevice: OriginDevice,
                spoolClass: Character = "A", form: String = "STANDARD", distribution: String = "",
                copies: Int = 1, userHold: Bool = false, systemHold: Bool = false,
                name: String = "", type: String = "", records: Int = 0, created: Date = Date(), tag: String = "") {
        self.spoolid = spoolid
        self.queue = queue
        self.owner = owner
        self.origin = origin
        self.originDevice = originDevice
        self.spoolClass = spoolClass
        self.form = form
        self.distribution = distribution
        self.copies = copies
        self.userHold = userHold
        self.systemHold = systemHold
        self.name = name
        self.type = type
        self.records = records
        self.created = created
        self.tag = tag
    }

    /// The hold status QUERY shows.
    public var holdStatus: HoldStatus {
        switch (userHold, systemHold) {
        case (false, false): return .none
        case (true, false): return .user
        case (false, true): return .system
        case (true, true): return .both
        }
    }

    /// Whether the file is held (by its user or by the operator).
    public var held: Bool { userHold || systemHold }

    /// The spoolid as CP writes it: four digits.
    public var spoolidText: String { SpoolFile.fourDigits(spoolid) }

    /// A number as four digits.
    static func fourDigits(_ n: Int) -> String {
        let s = String(n)
        return String(repeating: "0", count: max(0, 4 - s.count)) + s
    }
}

/// Spool classes: A-Z and 0-9; `*` only for a reader (it reads every class).
public enum SpoolClass {
    /// Whether `c` is a file class.
    public static func isValid(_ c: Character) -> Bool {
        guard let a = c.asciiValue else { return false }
        return (0x41...0x5A).contains(a) || (0x30...0x39).contains(a)
    }

    /// Whether a reader of class `readerClass` reads a file of class `fileClass`.
    public static func reader(_ readerClass: Character, reads fileClass: Character) -> Bool {
        readerClass == "*" || readerClass == fileClass
    }
}

/// Userids: 1-8 characters, upper case letters, digits and the national characters.
public enum Userid {
    /// The userid in canonical form (upper case), or nil when it is not one.
    public static func normalized(_ s: String) -> String? {
        let u = s.uppercased()
        guard (1...8).contains(u.count),
              u.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "$#@_-".contains($0)) })
        else { return nil }
        return u
    }
}
