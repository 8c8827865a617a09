// What can go wrong in the spool, with what CP says for it (the DMK message
// numbers are those of VM/370 R6 where one exists; CP maps these to its own
// message values) and what a host command prints.

/// A spool error.
public enum SpoolError: Error, CustomStringConvertible, Equatable {
    /// No file with this spoolid on the queue named (DMKCSU042E SPOOLID nnnn DOES NOT EXIST).
    case noSuchFile(Int)
    /// The userid is not in the user directory (DMKCSP053E userid NOT IN CP DIRECTORY).
    case unknownUser(String)
    /// All 9,900 spoolids are in use.
    case spoolFull
    /// An open file reached the most records one spool file may hold.
    case fileTooLarge(Int)
    /// An operand or value is not valid (the text says which and why).
    case invalid(String)
    /// A deck cannot be spooled (the text says where and why).
    case badDeck(String)
    /// The store could not be written or read.
    case store(SpoolStoreError)
    /// The home is locked by a running system.
    case homeInUse(HomeLock.Failure)
    /// No system printer, punch or reader at this real address.
    case noSuchDevice(UInt16)

    public var description: String {
        switch self {
        case .noSuchFile(let id): return "SPOOLID \(SpoolFile.fourDigits(id)) DOES NOT EXIST"
        case .unknownUser(let u): return "\(u) NOT IN CP DIRECTORY"
        case .spoolFull: return "SPOOL SPACE FULL: all \(SpoolSystem.maximumSpoolid) spoolids are in use (purge some files)"
        case .fileTooLarge(let n): return "SPOOL FILE TOO LARGE: a spool file holds at most \(n) records"
        case .invalid(let s): return s
        case .badDeck(let s): return s
        case .store(let e): return "spool store: \(e)"
        case .homeInUse(let f): return f.description
        case .noSuchDevice(let a): return "DEV \(hex3(a)) DOES NOT EXIST"
        }
    }
}

/// A device address as CP writes it: three hexadecimal digits.
func hex3(_ a: UInt16) -> String {
    let s = String(a, radix: 16, uppercase: true)
    return String(repeating: "0", count: max(0, 3 - s.count)) + s
}
