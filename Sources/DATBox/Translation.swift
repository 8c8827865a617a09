// Dynamic address translation as GA22-7000 defines it for System/370: a
// two-level lookup through a segment table and a page table in real storage.
//
// CR0 bits 8-9 give the page size (01: 2K, 10: 4K) and bits 11-12 the segment
// size (00: 64K, 10: 1M); any other combination is a translation-specification
// exception. CR1 bits 0-7 give the segment-table length in units of 64 bytes
// (16 entries) less one, and bits 8-25 the segment-table origin (64-byte
// aligned). A segment-table entry holds the page-table length (bits 0-3, in
// sixteenths of the largest table less one), the page-table origin (bits 8-28,
// 8-byte aligned) and the segment-invalid bit (31). A page-table entry is a
// halfword: for 4K pages bits 0-11 are the page-frame real address, bit 12 the
// page-invalid bit and bits 13-14 must be zero; for 2K pages bits 0-12 are the
// address, bit 13 the invalid bit and bit 14 must be zero.

/// The S/370 translation process (PoO, "Dynamic Address Translation").
public enum Translation {
    /// The bits of CR0 that select the translation format (bits 8-12).
    public static let formatBits: UInt32 = 0x00F8_0000

    /// A decoded translation format.
    public struct Format: Equatable {
        /// log2 of the page size: 11 (2K) or 12 (4K).
        public var pageShift: UInt32
        /// log2 of the segment size: 16 (64K) or 20 (1M).
        public var segmentShift: UInt32
    }

    /// Decodes the translation format in CR0, or nil for an invalid combination.
    public static func format(cr0: UInt32) -> Format? {
        let page = (cr0 >> 22) & 3       // bits 8-9
        let segment = (cr0 >> 19) & 3    // bits 11-12
        let pageShift: UInt32
        switch page {
        case 1: pageShift = 11
        case 2: pageShift = 12
        default: return nil
        }
        let segmentShift: UInt32
        switch segment {
        case 0: segmentShift = 16
        case 2: segmentShift = 20
        default: return nil
        }
        return Format(pageShift: pageShift, segmentShift: segmentShift)
    }

    /// The outcome of a table walk, with the entry addresses LOAD REAL ADDRESS reports.
    public enum Walk: Equatable {
        /// The real address.
        case translated(UInt32)
        /// The segment-table entry (at this real address) has its invalid bit on.
        case segmentInvalid(UInt32)
        /// The page-table entry (at this real address) has its invalid bit on.
        case pageInvalid(UInt32)
        /// The index is beyond the segment-table or page-table length.
        case lengthViolation(segment: Bool)
        /// An addressing or translation-specification exception.
        case exception(AccessException)
    }

    /// Walks the tables for a 24-bit virtual address as CR0 and CR1 designate them.
    /// Table entries are fetched from real storage (prefixing applies) without key checks.
    public static func walk(_ virtual: UInt32, cr0: UInt32, cr1: UInt32,
                            storage: MainStorage, prefix box: DATBox) -> Walk {
        guard let f = format(cr0: cr0) else { return .exception(.translationSpecification) }
        let address = virtual & 0x00FF_FFFF
        let segmentIndex = address >> f.segmentShift
        let segmentTableLength = cr1 >> 24
        // The segment index's bits above one length unit (16 entries) against the length.
        if segmentIndex >> 4 > segmentTableLength { return .lengthViolation(segment: true) }
        let steReal = ((cr1 & 0x00FF_FFC0) &+ segmentIndex &* 4) & 0x00FF_FFFF
        let steAddress = box.absolute(real: steReal)
        guard storage.isAvailable(steAddress) else { return .exception(.addressing) }
        let ste = storage.word(at: steAddress)
        if ste & 1 != 0 { return .segmentInvalid(steReal) }
        if ste & 0x0F00_0006 != 0 { return .exception(.translationSpecification) }
        let indexBits = f.segmentShift - f.pageShift
        let pageIndex = (address >> f.pageShift) & ((1 << indexBits) - 1)
        let pageTableLength = ste >> 28
        if pageIndex >> (indexBits - 4) > pageTableLength { return .lengthViolation(segment: false) }
        let pteReal = ((ste & 0x00FF_FFF8) &+ pageIndex &* 2) & 0x00FF_FFFF
        let pteAddress = box.absolute(real: pteReal)
        guard storage.isAvailable(pteAddress) else { return .exception(.addressing) }
        let pte = UInt32(storage.halfword(at: pteAddress))
        let frame: UInt32
        if f.pageShift == 12 {
            if pte & 0x0008 != 0 { return .pageInvalid(pteReal) }
            if pte & 0x0006 != 0 { return .exception(.translationSpecification) }
            frame = (pte & 0xFFF0) << 8
        } else {
            if pte & 0x0004 != 0 { return .pageInvalid(pteReal) }
            if pte & 0x0002 != 0 { return .exception(.translationSpecification) }
            frame = (pte & 0xFFF8) << 8
        }
        return .translated(frame | (address & ((1 << f.pageShift) - 1)))
    }

    /// Translates a 24-bit virtual address to a real address, or the exception
    /// the translation raises (PoO, "Translation Exceptions").
    public static func translate(_ virtual: UInt32, cr0: UInt32, cr1: UInt32,
                                 storage: MainStorage, prefix box: DATBox) -> Result<UInt32, AccessException> {
        switch walk(virtual, cr0: cr0, cr1: cr1, storage: storage, prefix: box) {
        case .translated(let r): return .success(r)
        case .segmentInvalid: return .failure(.segmentTranslation)
        case .pageInvalid: return .failure(.pageTranslation)
        case .lengthViolation(let segment): return .failure(segment ? .segmentTranslation : .pageTranslation)
        case .exception(let x): return .failure(x)
        }
    }

    /// The result of LOAD REAL ADDRESS (PoO): CC 0 with the real address, CC 1
    /// with the segment-table entry address, CC 2 with the page-table entry
    /// address, CC 3 for a length violation.
    public enum LRAResult: Equatable {
        case translated(UInt32)
        case segmentInvalid(UInt32)
        case pageInvalid(UInt32)
        case lengthViolation
        case exception(AccessException)
    }

    /// LOAD REAL ADDRESS's translation.
    public static func loadRealAddress(_ virtual: UInt32, cr0: UInt32, cr1: UInt32,
                                       storage: MainStorage, prefix box: DATBox) -> LRAResult {
        switch walk(virtual, cr0: cr0, cr1: cr1, storage: storage, prefix: box) {
        case .translated(let r): return .translated(r)
        case .segmentInvalid(let e): return .segmentInvalid(e)
        case .pageInvalid(let e): return .pageInvalid(e)
        case .lengthViolation: return .lengthViolation
        case .exception(let x): return .exception(x)
        }
    }
}
