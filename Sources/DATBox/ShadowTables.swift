// The seams CP uses for a guest that turns DAT on (DESIGN.md, "Address
// translation"). A virtual machine's storage is a `MainStorage` of its own,
// so the guest's segment and page tables live in it, and the DAT box can
// translate a guest virtual address in one of two ways:
//
// - nested walk (`TranslationMode.walk`, the default): the DAT box walks the
//   guest's tables itself on a TLB miss, with no exit: the 2008 nested-paging
//   idea, and exactly what the bare machine does;
// - shadow tables (`TranslationMode.shadow`): CP keeps composed mappings,
//   guest virtual page to guest real frame, keyed by the guest's segment-table
//   origin, in a `ShadowTables` object it owns. A TLB miss looks there; a miss
//   in the shadow tables is reported to the CPU as `AccessException.shadowMiss`,
//   which the CPU turns into an exit (the instruction nullified) so CP can walk
//   the guest's tables, fill the shadow entry, or reflect the translation
//   exception, and resume. CP invalidates shadows when the guest issues PTLB,
//   IPTE or changes CR0/CR1.

/// How a DAT box translates when DAT is on.
public enum TranslationMode: Equatable, Sendable {
    /// Walk the segment and page tables in storage on every TLB miss.
    case walk
    /// Look up CP's shadow tables; a shadow miss exits to the owner.
    case shadow
}

/// CP-owned composed translations for one virtual machine: for each guest
/// segment-table origin, guest virtual pages (in units of the guest's page
/// size) to guest real page frames.
public final class ShadowTables {
    /// Translations by address space (the guest's CR1 segment-table origin) and virtual page.
    private var spaces: [UInt32: [UInt32: UInt32]] = [:]
    /// Lookups that found a translation, and lookups that did not.
    public private(set) var hits: UInt64 = 0
    public private(set) var misses: UInt64 = 0
    /// Entries made by CP.
    public private(set) var fills: UInt64 = 0

    public init() {}

    /// The guest real address for `virtual` in the address space `space`, or nil.
    public func lookup(space: UInt32, virtual: UInt32, pageShift: UInt32) -> UInt32? {
        let page = virtual >> pageShift
        if let frame = spaces[space]?[page] {
            hits &+= 1
            return frame << pageShift | (virtual & ((1 << pageShift) - 1))
        }
        misses &+= 1
        return nil
    }

    /// Records that `virtual`'s page in `space` is at guest real address `real`'s page.
    public func insert(space: UInt32, virtual: UInt32, real: UInt32, pageShift: UInt32) {
        spaces[space, default: [:]][virtual >> pageShift] = real >> pageShift
        fills &+= 1
    }

    /// Forgets one page of one address space (IPTE).
    public func invalidate(space: UInt32, virtual: UInt32, pageShift: UInt32) {
        spaces[space]?[virtual >> pageShift] = nil
    }

    /// Forgets every translation (PTLB, a change of the translation format).
    public func invalidateAll() {
        spaces.removeAll(keepingCapacity: true)
    }

    /// The number of shadow entries held.
    public var count: Int { spaces.values.reduce(0) { $0 + $1.count } }
}
