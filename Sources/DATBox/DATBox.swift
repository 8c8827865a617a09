// The DAT box of one CPU: everything between its logical addresses and main
// storage. It holds the prefix, the translation controls (CR0, CR1), the TLB
// tables and the slow path that fills them (DESIGN.md, "Storage access").
//
// The CPU's fast path reads a TLB entry directly; on a miss it calls `fill`,
// which is the only place that knows whether DAT is on, how prefixing maps
// page 0, and how the storage key of the block compares with the PSW key.

/// Program-interruption codes the DAT box can report (PoO, "Program-Interruption Conditions").
public enum AccessException: UInt16, Error {
    /// 0004: key-controlled protection.
    case protection = 0x0004
    /// 0005: the address designates a location that is not installed.
    case addressing = 0x0005
    /// 0010: segment-translation exception.
    case segmentTranslation = 0x0010
    /// 0011: page-translation exception.
    case pageTranslation = 0x0011
    /// 0012: translation-specification exception.
    case translationSpecification = 0x0012
    /// Not a program interruption: in shadow mode, the translation is not in
    /// CP's shadow tables; the CPU exits to its owner with the instruction nullified.
    case shadowMiss = 0xFFFF
}

/// Counters of the TLB's slow path.
public struct TLBStatistics: Equatable {
    /// Accesses the TLB answered without the slow path. Counted only while the
    /// CPU runs its checking loop (tracing, PER, or `CPU.countTLBHits`): the
    /// fast loop does not pay for the count.
    public var hits: UInt64 = 0
    /// Entries filled by the slow path (the TLB misses that succeeded).
    public var fills: UInt64 = 0
    /// Slow-path calls that ended in an access exception.
    public var exceptions: UInt64 = 0
    /// Purges of whole tables (PTLB, key changes, SSK, RRB, SPX, CR0/CR1 changes).
    public var purges: UInt64 = 0
    /// Translations done by walking segment and page tables.
    public var tableWalks: UInt64 = 0
    public init() {}
}

/// Everything between one CPU and main storage.
public final class DATBox {
    /// The absolute storage this CPU reaches.
    public let storage: MainStorage
    /// The prefix: the absolute address of the CPU's 4K prefix area (PoO, "Prefixing").
    @exclusivity(unchecked) public private(set) var prefix: UInt32 = 0
    /// Control register 0 as last loaded (translation format in bits 8-12).
    @exclusivity(unchecked) public private(set) var cr0: UInt32 = 0
    /// Control register 1 (segment-table designation).
    @exclusivity(unchecked) public private(set) var cr1: UInt32 = 0
    /// How translation is done when DAT is on (CP's seam; the bare machine walks).
    @exclusivity(unchecked) public var translationMode: TranslationMode = .walk
    /// CP's shadow tables, used in `.shadow` mode.
    @exclusivity(unchecked) public var shadowTables: ShadowTables? = nil
    /// Slow-path counters.
    @exclusivity(unchecked) public var statistics = TLBStatistics()
    /// After an exception from `fill` or `translate`: the logical address for the
    /// translation-exception address field (PoO: stored at real location 144).
    @exclusivity(unchecked) public private(set) var exceptionAddress: UInt32 = 0

    /// One TLB table per translation context: index `(dat ? 16 : 0) + key`, made on first use.
    @exclusivity(unchecked) private var tables: [TLBTable?] = Array(repeating: nil, count: 32)

    /// Creates the DAT box of a CPU over `storage`.
    public init(storage: MainStorage) {
        self.storage = storage
    }

    /// The TLB table for a translation context: DAT on or off, and the PSW key.
    public func table(dat: Bool, key: UInt8) -> TLBTable {
        let i = (dat ? 16 : 0) + Int(key & 15)
        if let t = tables[i] { return t }
        let t = TLBTable(base: storage.base)
        tables[i] = t
        return t
    }

    // MARK: Purges

    /// Purges every table: the effect of SSK, RRB and SPX on cached permissions
    /// and reference/change state, and of a reset.
    public func purgeAll() {
        for t in tables { t?.purge() }
        statistics.purges &+= 1
    }

    /// Purges the translations (DAT-on tables): PTLB, and a change of CR0 or CR1.
    public func purgeTranslations() {
        for i in 16..<32 { tables[i]?.purge() }
        statistics.purges &+= 1
    }

    /// Sets the prefix (bits 8-19 of the value, PoO "SET PREFIX"); purges the TLB.
    public func setPrefix(_ value: UInt32) {
        prefix = value & 0x00FF_F000
        purgeAll()
    }

    /// Sets CR0 and CR1; the translations are purged when the translation controls change.
    public func setTranslationControls(cr0 newCR0: UInt32, cr1 newCR1: UInt32) {
        if (newCR0 & Translation.formatBits) != (cr0 & Translation.formatBits) || newCR1 != cr1 {
            purgeTranslations()
        }
        cr0 = newCR0
        cr1 = newCR1
    }

    // MARK: Address conversion

    /// Converts a real address to an absolute address (PoO, "Prefixing").
    @inlinable public func absolute(real r: UInt32) -> UInt32 {
        let page = r & 0x00FF_F000
        if page == 0 { return r | prefix }
        if page == prefix { return r & 0xFFF }
        return r
    }

    /// Converts an absolute address back to the real address that reaches it.
    @inlinable public func real(absolute a: UInt32) -> UInt32 { absolute(real: a) }

    /// Translates a logical address to a real address. With `dat` false the
    /// address is already real. On failure `exceptionAddress` is set.
    public func translate(_ logical: UInt32, dat: Bool) -> Result<UInt32, AccessException> {
        if !dat { return .success(logical & 0x00FF_FFFF) }
        if translationMode == .shadow {
            guard let f = Translation.format(cr0: cr0) else {
                exceptionAddress = logical & 0x00FF_FFFF
                return .failure(.translationSpecification)
            }
            if let real = shadowTables?.lookup(space: cr1 & 0x00FF_FFC0, virtual: logical & 0x00FF_FFFF,
                                               pageShift: f.pageShift) {
                return .success(real)
            }
            exceptionAddress = logical & 0x00FF_FFFF
            return .failure(.shadowMiss)
        }
        statistics.tableWalks &+= 1
        let r = Translation.translate(logical, cr0: cr0, cr1: cr1, storage: storage, prefix: self)
        if case .failure = r { exceptionAddress = logical & 0x00FF_FFFF }
        return r
    }

    // MARK: The slow path

    /// Fills the TLB entry for the page of `logical` in `table`, for a fetch or a
    /// store with PSW key `key`, and returns nil; or returns the access exception
    /// (and leaves the entry invalid). Sets the reference bit, and for a store
    /// the change bit, of the block.
    public func fill(_ table: TLBTable, logical: UInt32, store: Bool, key: UInt8, dat: Bool) -> AccessException? {
        let address = logical & 0x00FF_FFFF
        let realAddress: UInt32
        switch translate(address, dat: dat) {
        case .success(let r): realAddress = r
        case .failure(let e):
            statistics.exceptions &+= 1
            return e
        }
        let abs = absolute(real: realAddress)
        guard storage.isAvailable(abs) else {
            statistics.exceptions &+= 1
            exceptionAddress = address
            return .addressing
        }
        guard storage.permits(accessKey: key, store: store, at: abs) else {
            statistics.exceptions &+= 1
            exceptionAddress = address
            return .protection
        }
        storage.markAccess(store: store, at: abs)
        let page = address & tlbPageMask
        let i = Int((address >> 11) & UInt32(tlbEntryCount - 1))
        let tag = page | table.generationTag
        let host = storage.base + Int(abs & tlbPageMask) - Int(page)
        var e = table.entries[i]
        if e.hostBase != host || (e.fetchTag != tag && e.storeTag != tag) {
            e.fetchTag = 0
            e.storeTag = 0
        }
        e.hostBase = host
        if store {
            // A permitted store implies a permitted fetch; both bits are now set.
            e.storeTag = tag
            e.fetchTag = tag
        } else {
            e.fetchTag = tag
        }
        table.entries[i] = e
        statistics.fills &+= 1
        return nil
    }
}
