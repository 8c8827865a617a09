// The software TLB: one small direct-mapped table from a logical 2K page to a
// host pointer, with the access already checked (DESIGN.md, "Storage access").
//
// A hit is one tag compare and a host load or store. An entry is filled by the
// DAT box's slow path, which translates (DAT on), prefixes, checks the storage
// key for the PSW key the table belongs to, and sets the reference bit (fetch)
// or the reference and change bits (store) before caching the permission:
// so a valid fetch tag means "fetch permitted and reference bit set", and a
// valid store tag means "store permitted and change bit set".
//
// The page is 2K, the key block, so one entry never spans two keys. A tag is
// the page's address (bits 8-20 of the 24-bit address) with the table's
// generation in bits 24-31: purging a whole table is one increment, and an
// entry from an older generation never matches.

/// One TLB entry: the tags of the page it holds and the host pointer for it.
public struct TLBEntry {
    /// Page address | generation, when fetches from the page are permitted; 0 otherwise.
    public var fetchTag: UInt32
    /// Page address | generation, when stores into the page are permitted; 0 otherwise.
    public var storeTag: UInt32
    /// `hostBase + logicalAddress` is the host address of the byte.
    public var hostBase: UnsafeMutableRawPointer

    @inlinable init(base: UnsafeMutableRawPointer) {
        fetchTag = 0
        storeTag = 0
        hostBase = base
    }
}

/// Number of entries in a TLB table (a power of two).
public let tlbEntryCount = 1024
/// Mask that selects a logical 2K page address from a 24-bit address.
public let tlbPageMask: UInt32 = 0x00FF_F800

/// A TLB table for one translation context (DAT on or off, one PSW key).
public final class TLBTable {
    /// The entries, indexed by `(address >> 11) & (tlbEntryCount - 1)`.
    public let entries: UnsafeMutablePointer<TLBEntry>
    /// Where the generation lives: behind a pointer, so that a client in another
    /// module reads it without Swift's dynamic exclusivity check (which a
    /// stored class property would cost on every access from the CPU).
    public let generation: UnsafeMutablePointer<UInt32>
    /// The generation in bits 24-31 of every tag filled now (never zero).
    @inlinable public var generationTag: UInt32 { generation.pointee }

    init(base: UnsafeMutableRawPointer) {
        entries = UnsafeMutablePointer<TLBEntry>.allocate(capacity: tlbEntryCount)
        entries.initialize(repeating: TLBEntry(base: base), count: tlbEntryCount)
        generation = .allocate(capacity: 1)
        generation.initialize(to: 1 << 24)
    }

    deinit {
        entries.deallocate()
        generation.deallocate()
    }

    /// Makes every entry invalid: the next access to each page goes to the slow path.
    public func purge() {
        if generation.pointee == 0xFF00_0000 {
            // The generation wraps: clear the tags so no old entry matches again.
            for i in 0..<tlbEntryCount {
                entries[i].fetchTag = 0
                entries[i].storeTag = 0
            }
            generation.pointee = 1 << 24
        } else {
            generation.pointee &+= 1 << 24
        }
    }

    /// Invalidates the entries of one logical page only.
    public func purge(page logical: UInt32) {
        let i = Int((logical >> 11) & UInt32(tlbEntryCount - 1))
        entries[i].fetchTag = 0
        entries[i].storeTag = 0
    }
}
