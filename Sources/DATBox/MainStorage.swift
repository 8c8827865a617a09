// Main storage and its storage keys.
//
// PoO (GA22-7000), "Storage": main storage is byte-addressed, up to 2**24 bytes
// on System/370 (24-bit addresses). A storage key is associated with each 2K
// block: four access-control bits, the fetch-protection bit, the reference bit
// and the change bit. Keys are kept one byte per block, laid out as the
// INSERT STORAGE KEY instruction shows them (bits 0-3 ACC, 4 F, 5 R, 6 C).

/// Bits of a storage key, as ISK inserts them into bits 24-31 of a register.
public enum StorageKeyBits {
    /// Access-control bits (bits 0-3 of the key).
    public static let accessControl: UInt8 = 0xF0
    /// Fetch-protection bit (bit 4).
    public static let fetchProtection: UInt8 = 0x08
    /// Reference bit (bit 5).
    public static let reference: UInt8 = 0x04
    /// Change bit (bit 6).
    public static let change: UInt8 = 0x02
    /// The seven bits SSK sets (bit 7 is unused and always zero).
    public static let all: UInt8 = 0xFE
}

/// The size of a key-controlled block: 2K bytes.
public let storageKeyBlockShift: UInt32 = 11
/// The largest storage a System/370 can address: 16M bytes.
public let maximumStorageSize = 1 << 24

/// Main storage: absolute addresses `0..<size`, with one storage key per 2K block.
///
/// The bytes live behind one raw pointer allocated once (the hot path never
/// touches a Swift array). A few bytes of padding past the end let the
/// instruction fetcher read a whole 6-byte instruction with one load.
public final class MainStorage {
    /// Size in bytes, a multiple of 4K.
    public let size: Int
    /// Absolute storage: `base + absoluteAddress` is the host address of a byte.
    public let base: UnsafeMutableRawPointer
    /// One storage key per 2K block, indexed by `absoluteAddress >> 11`.
    public let keys: UnsafeMutablePointer<UInt8>
    /// Number of 2K key blocks.
    public let blockCount: Int

    /// Errors in configuring storage.
    public enum ConfigurationError: Error, CustomStringConvertible {
        case badSize(Int)
        public var description: String {
            switch self {
            case .badSize(let n):
                return "storage size \(n) is not a multiple of 4K between 4K and 16M"
            }
        }
    }

    /// Creates zeroed storage of `size` bytes (a multiple of 4K, at most 16M) with all keys zero.
    public init(size: Int) throws {
        guard size >= 4096, size <= maximumStorageSize, size % 4096 == 0 else {
            throw ConfigurationError.badSize(size)
        }
        self.size = size
        base = UnsafeMutableRawPointer.allocate(byteCount: size + 16, alignment: 4096)
        base.initializeMemory(as: UInt8.self, repeating: 0, count: size + 16)
        blockCount = size >> 11
        keys = UnsafeMutablePointer<UInt8>.allocate(capacity: blockCount)
        keys.initialize(repeating: 0, count: blockCount)
    }

    deinit {
        base.deallocate()
        keys.deallocate()
    }

    /// Sets every byte and every key to zero (the effect of a clear reset).
    public func clear() {
        base.initializeMemory(as: UInt8.self, repeating: 0, count: size + 16)
        keys.update(repeating: 0, count: blockCount)
    }

    /// Whether an absolute address designates an installed location.
    @inlinable public func isAvailable(_ absolute: UInt32) -> Bool { Int(absolute) < size }

    // MARK: Unchecked access by absolute address (owners, loaders, tests, low-storage fields)

    /// Reads a byte at an absolute address (no key check, no reference bit).
    @inlinable public func byte(at a: UInt32) -> UInt8 { base.load(fromByteOffset: Int(a), as: UInt8.self) }
    /// Writes a byte at an absolute address (no key check, no change bit).
    @inlinable public func setByte(_ v: UInt8, at a: UInt32) { base.storeBytes(of: v, toByteOffset: Int(a), as: UInt8.self) }
    /// Reads a big-endian halfword at an absolute address.
    @inlinable public func halfword(at a: UInt32) -> UInt16 {
        UInt16(bigEndian: base.loadUnaligned(fromByteOffset: Int(a), as: UInt16.self))
    }
    /// Writes a big-endian halfword at an absolute address.
    @inlinable public func setHalfword(_ v: UInt16, at a: UInt32) {
        base.storeBytes(of: v.bigEndian, toByteOffset: Int(a), as: UInt16.self)
    }
    /// Reads a big-endian fullword at an absolute address.
    @inlinable public func word(at a: UInt32) -> UInt32 {
        UInt32(bigEndian: base.loadUnaligned(fromByteOffset: Int(a), as: UInt32.self))
    }
    /// Writes a big-endian fullword at an absolute address.
    @inlinable public func setWord(_ v: UInt32, at a: UInt32) {
        base.storeBytes(of: v.bigEndian, toByteOffset: Int(a), as: UInt32.self)
    }
    /// Reads a big-endian doubleword at an absolute address.
    @inlinable public func doubleword(at a: UInt32) -> UInt64 {
        UInt64(bigEndian: base.loadUnaligned(fromByteOffset: Int(a), as: UInt64.self))
    }
    /// Writes a big-endian doubleword at an absolute address.
    @inlinable public func setDoubleword(_ v: UInt64, at a: UInt32) {
        base.storeBytes(of: v.bigEndian, toByteOffset: Int(a), as: UInt64.self)
    }

    /// Copies host bytes into storage at an absolute address; false when they do not fit.
    @discardableResult
    public func load(_ bytes: [UInt8], at a: UInt32) -> Bool {
        guard Int(a) + bytes.count <= size else { return false }
        bytes.withUnsafeBytes { src in
            if let p = src.baseAddress { (base + Int(a)).copyMemory(from: p, byteCount: bytes.count) }
        }
        return true
    }

    /// Returns a copy of `count` bytes from an absolute address (clipped to the storage size).
    public func bytes(at a: UInt32, count: Int) -> [UInt8] {
        let start = min(Int(a), size)
        let n = max(0, min(count, size - start))
        return Array(UnsafeRawBufferPointer(start: base + start, count: n))
    }

    // MARK: Storage keys

    /// The storage key of the 2K block holding an absolute address.
    @inlinable public func key(at a: UInt32) -> UInt8 { keys[Int(a >> storageKeyBlockShift)] }
    /// Sets the storage key (the seven defined bits) of the block holding an absolute address.
    @inlinable public func setKey(_ k: UInt8, at a: UInt32) {
        keys[Int(a >> storageKeyBlockShift)] = k & StorageKeyBits.all
    }

    // MARK: Key-controlled access (PoO, "Key-Controlled Protection")

    /// Whether an access with `accessKey` to the block holding `a` is permitted.
    ///
    /// PoO: a store is permitted when the access key is zero or matches the
    /// block's access-control bits; a fetch is also permitted when the
    /// fetch-protection bit is zero.
    @inlinable public func permits(accessKey: UInt8, store: Bool, at a: UInt32) -> Bool {
        if accessKey == 0 { return true }
        let k = key(at: a)
        if k >> 4 == accessKey { return true }
        return !store && (k & StorageKeyBits.fetchProtection) == 0
    }

    /// Sets the reference bit, and the change bit for a store, of the block holding `a`.
    @inlinable public func markAccess(store: Bool, at a: UInt32) {
        let i = Int(a >> storageKeyBlockShift)
        keys[i] |= store ? (StorageKeyBits.reference | StorageKeyBits.change) : StorageKeyBits.reference
    }
}
