// The CP user directory in the VM/370 `USER DIRECT` card format
// (vm370-reference.md, section 2; SYSGEN "Creating the VM/370 directory").
//
// Only columns 1-71 of each line are read; operands are positional and
// separated by blanks; blank lines and lines whose first operand is `*` are
// comments. A `DIRECTORY` statement, if present, must come first; each `USER`
// statement starts an entry, and the statements after it (ACCOUNT, IPL,
// OPTION, CONSOLE, SPOOL, LINK, MDISK, DEDICATE, SPECIAL) belong to it.
// Every line is checked; one error anywhere means no directory at all (the
// old one stays in use), and the error names the line and what is wrong.

/// A virtual device address (`cuu`), 000-FFF.
public typealias DeviceAddress = UInt16

/// A minidisk: a cylinder extent of a real volume.
public struct MinidiskEntry: Equatable, Sendable {
    public var address: DeviceAddress
    /// The device type, for example "3330" or "3350".
    public var deviceType: String
    public var startCylinder: Int
    public var cylinders: Int
    /// The volume serial of the real volume.
    public var volser: String
    /// The access mode: R, RR, W, WR, M, MR or MW.
    public var mode: String
    /// The passwords LINK asks for: read, write, multiple-write.
    public var readPassword: String?
    public var writePassword: String?
    public var multiPassword: String?

    public init(address: DeviceAddress, deviceType: String, startCylinder: Int, cylinders: Int, volser: String,
                mode: String, readPassword: String? = nil, writePassword: String? = nil, multiPassword: String? = nil) {
        self.address = address
        self.deviceType = deviceType
        self.startCylinder = startCylinder
        self.cylinders = cylinders
        self.volser = volser
        self.mode = mode
        self.readPassword = readPassword
        self.writePassword = writePassword
        self.multiPassword = multiPassword
    }
}

/// A link made at logon to another user's minidisk.
public struct LinkEntry: Equatable, Sendable {
    public var owner: String
    public var ownerAddress: DeviceAddress
    public var address: DeviceAddress
    public var mode: String
}

/// A spooled unit-record device of the virtual machine.
public struct SpoolDeviceEntry: Equatable, Sendable {
    public enum Kind: String, Sendable { case reader, punch, printer }
    public var address: DeviceAddress
    public var deviceType: String
    public var kind: Kind
    /// The spool class, A-Z or 0-9, or `*` (a reader that reads every class).
    public var spoolClass: Character
}

/// One user's entry.
public struct UserEntry: Equatable, Sendable {
    public var userid: String
    /// The logon password; `NOLOG` means the user cannot log on.
    public var password: String
    /// Storage at logon, and the most DEFINE STORAGE may give, in bytes.
    public var storage: Int
    public var maximumStorage: Int
    /// Privilege classes, for example "G" or "ABCDEG".
    public var classes: Set<Character>
    public var priority: Int?
    public var account: String?
    public var distribution: String?
    /// What LOGON IPLs automatically: a device address or a system name, and its PARM.
    public var ipl: String?
    public var iplParm: String?
    public var options: [String] = []
    public var console: (address: DeviceAddress, deviceType: String)?
    public var spoolDevices: [SpoolDeviceEntry] = []
    public var links: [LinkEntry] = []
    public var minidisks: [MinidiskEntry] = []
    /// DEDICATE vaddr raddr|volser.
    public var dedicated: [(address: DeviceAddress, real: String)] = []
    /// SPECIAL vaddr type.
    public var specials: [(address: DeviceAddress, deviceType: String)] = []
    /// The line of the USER statement.
    public var line: Int

    /// Whether the user may log on (the password is not NOLOG).
    public var canLogOn: Bool { password != "NOLOG" }

    public static func == (a: UserEntry, b: UserEntry) -> Bool {
        a.userid == b.userid && a.password == b.password && a.storage == b.storage
            && a.maximumStorage == b.maximumStorage && a.classes == b.classes && a.account == b.account
            && a.ipl == b.ipl && a.iplParm == b.iplParm && a.options == b.options
            && a.console?.address == b.console?.address && a.spoolDevices == b.spoolDevices
            && a.links == b.links && a.minidisks == b.minidisks
    }
}

/// An error in a directory file: the line and what is wrong.
public struct DirectoryError: Error, CustomStringConvertible, Equatable {
    public var file: String
    public var line: Int
    public var message: String
    public var description: String { "\(file):\(line): \(message)" }
}

/// The user directory.
public struct Directory: Sendable {
    /// The DIRECTORY statement's operands, when there is one.
    public var directoryVolume: (address: DeviceAddress, deviceType: String, volser: String)?
    /// The entries, in the order of the file.
    public private(set) var users: [UserEntry] = []
    private var index: [String: Int] = [:]

    /// The entry of a user (user identifiers are upper case).
    public func user(_ userid: String) -> UserEntry? {
        index[userid.uppercased()].map { users[$0] }
    }

    /// Parses a directory file's text. Throws the first error; nothing is half-loaded.
    public static func parse(_ text: String, file: String = "USER DIRECT") throws -> Directory {
        var d = Directory()
        var current: UserEntry? = nil
        var lineNumber = 0
        func fail(_ m: String) -> DirectoryError { DirectoryError(file: file, line: lineNumber, message: m) }
        func finish() throws {
            guard let u = current else { return }
            if d.index[u.userid] != nil {
                throw DirectoryError(file: file, line: u.line, message: "user \(u.userid) is defined twice")
            }
            d.index[u.userid] = d.users.count
            d.users.append(u)
            current = nil
        }
        var sawStatement = false
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            var line = String(raw.prefix(71))
            if line.hasSuffix("\r") { line.removeLast() }
            let ops = line.uppercased().split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
            guard let verb = ops.first, !verb.hasPrefix("*") else { continue }
            let args = Array(ops.dropFirst())
            switch verb {
            case "DIRECTORY":
                guard !sawStatement else { throw fail("DIRECTORY must be the first statement") }
                guard args.count >= 3, let a = deviceAddress(args[0]) else {
                    throw fail("DIRECTORY needs cuu devtype volser")
                }
                d.directoryVolume = (a, args[1], args[2])
            case "USER":
                try finish()
                current = try parseUser(args, line: lineNumber, fail: fail)
            default:
                guard current != nil else { throw fail("\(verb) statement before any USER statement") }
                try parseStatement(verb, args, into: &current!, fail: fail)
            }
            sawStatement = true
        }
        try finish()
        return d
    }

    /// USER userid password [stor [maxstor [classes [priority]]]].
    private static func parseUser(_ a: [String], line: Int, fail: (String) -> DirectoryError) throws -> UserEntry {
        guard a.count >= 2 else { throw fail("USER needs at least a userid and a password") }
        let userid = a[0]
        guard isName(userid) else { throw fail("'\(userid)' is not a userid (1-8 letters, digits, $ # @)") }
        guard a[1].count <= 8, !a[1].isEmpty else { throw fail("the password of \(userid) is longer than 8 characters") }
        var storage = 256 * 1024
        if a.count > 2 {
            guard let s = storageSize(a[2]) else { throw fail("'\(a[2])' is not a storage size (nnnK or nnM, a multiple of 4K up to 16M)") }
            storage = s
        }
        var maximum = storage
        if a.count > 3 {
            guard let s = storageSize(a[3]) else { throw fail("'\(a[3])' is not a maximum storage size") }
            guard s >= storage else { throw fail("the maximum storage \(a[3]) is less than the logon storage \(a[2])") }
            maximum = s
        }
        var classes: Set<Character> = ["G"]
        if a.count > 4 {
            guard a[4].allSatisfy({ ("A"..."H").contains($0) || ("I"..."Z").contains($0) || ("1"..."6").contains($0) }) else {
                throw fail("'\(a[4])' is not a list of privilege classes (A-Z, 1-6)")
            }
            classes = Set(a[4])
        }
        var priority: Int? = nil
        if a.count > 5 {
            guard let p = Int(a[5]), (1...99).contains(p) else { throw fail("'\(a[5])' is not a priority (1-99)") }
            priority = p
        }
        return UserEntry(userid: userid, password: a[1], storage: storage, maximumStorage: maximum,
                         classes: classes, priority: priority, line: line)
    }

    /// A statement belonging to the current USER entry.
    private static func parseStatement(_ verb: String, _ a: [String], into u: inout UserEntry,
                                       fail: (String) -> DirectoryError) throws {
        switch verb {
        case "ACCOUNT":
            guard a.count >= 1 else { throw fail("ACCOUNT needs an account number") }
            u.account = a[0]
            u.distribution = a.count > 1 ? a[1] : nil
        case "IPL":
            guard a.count >= 1 else { throw fail("IPL needs a device address or a system name") }
            u.ipl = a[0]
            if a.count > 1 {
                guard a[1] == "PARM", a.count > 2 else { throw fail("IPL operand '\(a[1])': only PARM string may follow") }
                u.iplParm = a[2...].joined(separator: " ")
            }
        case "OPTION":
            u.options += a
        case "CONSOLE":
            guard a.count >= 2, let addr = deviceAddress(a[0]) else { throw fail("CONSOLE needs vaddr devtype") }
            guard ["3215", "3210", "1052", "3270", "3277", "3278", "3066"].contains(a[1]) else {
                throw fail("CONSOLE device type '\(a[1])' is not a console (3215, 3210, 1052, 3270)")
            }
            u.console = (addr, a[1])
        case "SPOOL":
            u.spoolDevices.append(try spoolDevice(a, fail: fail))
        case "LINK":
            guard a.count >= 3, isName(a[0]), let own = deviceAddress(a[1]), let addr = deviceAddress(a[2]) else {
                throw fail("LINK needs userid vaddr1 vaddr2 [mode]")
            }
            let mode = a.count > 3 ? a[3] : "R"
            guard linkModes.contains(mode) else { throw fail("'\(mode)' is not a link mode (R, RR, W, WR, M, MR, MW)") }
            u.links.append(LinkEntry(owner: a[0], ownerAddress: own, address: addr, mode: mode))
        case "MDISK":
            guard a.count >= 6, let addr = deviceAddress(a[0]) else {
                throw fail("MDISK needs vaddr devtype startcyl ncyl volser mode [passwords]")
            }
            guard let start = Int(a[2]), start >= 0, let n = Int(a[3]), n > 0 else {
                throw fail("MDISK \(a[0]): '\(a[2]) \(a[3])' are not a start cylinder and a cylinder count")
            }
            guard linkModes.contains(a[5]) else { throw fail("MDISK \(a[0]): '\(a[5])' is not an access mode") }
            guard !u.minidisks.contains(where: { $0.address == addr }) else {
                throw fail("MDISK \(a[0]) is defined twice for \(u.userid)")
            }
            u.minidisks.append(MinidiskEntry(address: addr, deviceType: a[1], startCylinder: start, cylinders: n,
                                             volser: a[4], mode: a[5],
                                             readPassword: a.count > 6 ? a[6] : nil,
                                             writePassword: a.count > 7 ? a[7] : nil,
                                             multiPassword: a.count > 8 ? a[8] : nil))
        case "DEDICATE":
            guard a.count >= 2, let addr = deviceAddress(a[0]) else { throw fail("DEDICATE needs vaddr raddr|volser") }
            u.dedicated.append((addr, a[1]))
        case "SPECIAL":
            guard a.count >= 2, let addr = deviceAddress(a[0]) else { throw fail("SPECIAL needs vaddr devtype") }
            u.specials.append((addr, a[1]))
        default:
            throw fail("'\(verb)' is not a directory statement")
        }
    }

    /// SPOOL vaddr devtype [READER|PUNCH] class.
    private static func spoolDevice(_ a: [String], fail: (String) -> DirectoryError) throws -> SpoolDeviceEntry {
        guard a.count >= 2, let addr = deviceAddress(a[0]) else { throw fail("SPOOL needs vaddr devtype [READER|PUNCH] class") }
        let type = a[1]
        var rest = Array(a.dropFirst(2))
        let kind: SpoolDeviceEntry.Kind
        switch type {
        case "1403", "3211", "3203", "1443", "3800":
            kind = .printer
        case "2540", "3505", "3525", "2501", "2520":
            guard let k = rest.first else { throw fail("SPOOL \(a[0]) \(type): READER or PUNCH is needed") }
            switch k {
            case "READER", "READ", "RDR": kind = .reader
            case "PUNCH", "PUN": kind = .punch
            default: throw fail("SPOOL \(a[0]) \(type): '\(k)' is not READER or PUNCH")
            }
            rest.removeFirst()
        default:
            throw fail("SPOOL device type '\(type)' is not a reader, punch or printer")
        }
        var cls: Character = "A"
        if let c = rest.first {
            guard c.count == 1, let ch = c.first, ch.isLetter || ch.isNumber || (ch == "*" && kind == .reader) else {
                throw fail("'\(c)' is not a spool class (A-Z, 0-9, or * for a reader)")
            }
            cls = ch
        }
        return SpoolDeviceEntry(address: addr, deviceType: type, kind: kind, spoolClass: cls)
    }

    static let linkModes: Set<String> = ["R", "RR", "W", "WR", "M", "MR", "MW"]

    /// A device address of 1-3 (or 4) hexadecimal digits, 000-FFF.
    static func deviceAddress(_ s: String) -> DeviceAddress? {
        guard (1...4).contains(s.count), let v = UInt16(s, radix: 16), v <= 0xFFF else { return nil }
        return v
    }

    /// A userid: 1-8 characters, letters, digits, $ # @.
    static func isName(_ s: String) -> Bool {
        (1...8).contains(s.count) && s.allSatisfy { $0.isLetter || $0.isNumber || "$#@".contains($0) } && s.allSatisfy(\.isASCII)
    }

    /// A storage size: nnnK or nnM (or a byte count), a multiple of 4K from 4K to 16M.
    public static func storageSize(_ s: String) -> Int? {
        let u = s.uppercased()
        var n: Int?
        if u.hasSuffix("K") { n = Int(u.dropLast()).map { $0 * 1024 } }
        else if u.hasSuffix("M") { n = Int(u.dropLast()).map { $0 * 1024 * 1024 } }
        else { n = Int(u) }
        guard let v = n, v >= 4096, v <= 16 << 20, v % 4096 == 0 else { return nil }
        return v
    }
}
