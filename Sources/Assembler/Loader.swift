// The loader: object decks in, a program in storage out (as OS/VS Loader
// does it: each deck is relocated as a unit, external references are
// resolved by name across all decks, and address constants are relocated).
//
//   1. Each deck's control sections (SD, PC) keep their relative places; the
//      deck is put at the next doubleword boundary, from the load address on.
//      Common sections (CM) follow all decks, each as long as its longest use.
//   2. Section names and entry names (LD) of all decks form one table.
//   3. TXT bytes are placed; each RLD item adds (or subtracts) the relocation
//      of its target to the address constant: for a section of the same deck,
//      the distance the deck moved; for an ER or WX item, the address of the
//      symbol it names. An unresolved ER is reported; an unresolved WX is 0.
//   4. The entry point is the first END card's entry, else the first section.

import DATBox

/// Where the loader put everything.
public struct LoadMap: Sendable {
    /// One loaded section.
    public struct Section: Sendable, Equatable {
        public var name: String
        /// The deck it came from (0-based).
        public var deck: Int
        public var address: UInt32
        public var length: UInt32
    }
    public var sections: [Section] = []
    /// Section, entry and common names, with their load addresses.
    public var symbols: [String: UInt32] = [:]
    /// The entry point.
    public var entryPoint: UInt32 = 0
    /// External references (ER) no deck defines.
    public var unresolved: [String] = []
    /// Weak external references (WX) no deck defines (resolved as 0).
    public var weakUnresolved: [String] = []
    /// Things worth knowing (duplicate definitions).
    public var warnings: [String] = []
    /// The lowest and the first free address after the loaded program.
    public var origin: UInt32 = 0
    public var end: UInt32 = 0
}

/// Why decks could not be loaded.
public struct LoaderError: Error, CustomStringConvertible, Equatable {
    public var message: String
    public init(_ m: String) { message = m }
    public var description: String { message }
}

/// Loads object decks.
public enum Loader {
    /// Loads `decks` into `storage` from `origin` on; TXT bytes only are stored.
    public static func load(_ decks: [ObjectDeck], into storage: MainStorage, at origin: UInt32) throws -> LoadMap {
        let (image, written, map) = try link(decks, at: origin)
        guard Int(origin) + image.count <= storage.size else {
            throw LoaderError("the program needs \(image.count) bytes at X'\(hex(origin))' but storage ends at X'\(hex(UInt32(storage.size)))'")
        }
        // Store only the bytes the decks define (DS areas keep what storage held).
        var i = 0
        while i < image.count {
            guard written[i] else { i += 1; continue }
            var j = i
            while j < image.count && written[j] { j += 1 }
            storage.load(Array(image[i..<j]), at: origin + UInt32(i))
            i = j
        }
        return map
    }

    /// Links `decks` at `origin`: the image from `origin`, which bytes TXT defined, and the map.
    public static func link(_ decks: [ObjectDeck], at origin: UInt32) throws -> (image: [UInt8], written: [Bool], map: LoadMap) {
        var map = LoadMap()
        map.origin = origin
        var next = Int(origin)
        // Relocation factor of each deck: load address minus assembled address.
        var factor = [Int](repeating: 0, count: decks.count)
        for (d, deck) in decks.enumerated() {
            let secs = deck.esd.filter { $0.type == .sectionDefinition || $0.type == .privateCode }
            guard let low = secs.map({ Int($0.address) }).min() else { continue }
            let high = secs.map { Int($0.address) + Int($0.length) }.max() ?? low
            let base = (next + 7) & ~7
            factor[d] = base - low
            for s in secs {
                let a = UInt32(Int(s.address) + factor[d])
                map.sections.append(LoadMap.Section(name: s.name, deck: d, address: a, length: s.length))
                if !s.name.isEmpty { define(&map, s.name, a, deck: d) }
            }
            next = base + (high - low)
        }
        // Common sections after all decks.
        var commons: [String: UInt32] = [:]
        var commonOrder: [String] = []
        for deck in decks {
            for s in deck.esd where s.type == .common {
                if commons[s.name] == nil { commonOrder.append(s.name) }
                commons[s.name] = max(commons[s.name] ?? 0, s.length)
            }
        }
        var commonAddress: [String: UInt32] = [:]
        for name in commonOrder {
            next = (next + 7) & ~7
            commonAddress[name] = UInt32(next)
            map.sections.append(LoadMap.Section(name: name, deck: -1, address: UInt32(next), length: commons[name] ?? 0))
            if !name.isEmpty { define(&map, name, UInt32(next), deck: -1) }
            next += Int(commons[name] ?? 0)
        }
        // Entry names.
        for (d, deck) in decks.enumerated() {
            for l in deck.esd where l.type == .labelDefinition {
                guard let owner = deck.item(id: l.owner), owner.type == .sectionDefinition || owner.type == .privateCode else {
                    throw LoaderError("deck \(d + 1): entry \(l.name) names ESDID \(l.owner), which is not a section of the deck")
                }
                define(&map, l.name, UInt32(Int(l.address) + factor[d]), deck: d)
            }
        }
        guard next <= 1 << 24 else { throw LoaderError("the program does not fit below 16M: it ends at X'\(String(next, radix: 16, uppercase: true))'") }
        map.end = UInt32(next)
        var image = [UInt8](repeating: 0, count: next - Int(origin))
        var written = [Bool](repeating: false, count: image.count)
        // Text.
        for (d, deck) in decks.enumerated() {
            for t in deck.text {
                guard let s = deck.item(id: t.id), s.type == .sectionDefinition || s.type == .privateCode else {
                    throw LoaderError("deck \(d + 1): text for ESDID \(t.id), which is not a section")
                }
                let at = Int(t.address) + factor[d] - Int(origin)
                guard at >= 0, at + t.bytes.count <= image.count else {
                    throw LoaderError("deck \(d + 1): text at X'\(hex(t.address))' lies outside its sections")
                }
                for (k, b) in t.bytes.enumerated() {
                    image[at + k] = b
                    written[at + k] = true
                }
            }
        }
        // Relocation.
        var unresolved = Set<String>(), weak = Set<String>()
        for (d, deck) in decks.enumerated() {
            for r in deck.rld {
                guard let p = deck.item(id: r.positionID), p.type == .sectionDefinition || p.type == .privateCode else {
                    throw LoaderError("deck \(d + 1): RLD position ESDID \(r.positionID) is not a section")
                }
                guard let target = deck.item(id: r.relocationID) else {
                    throw LoaderError("deck \(d + 1): RLD relocation ESDID \(r.relocationID) is not in the ESD")
                }
                var value: Int
                switch target.type {
                case .sectionDefinition, .privateCode:
                    value = factor[d]
                case .common:
                    value = Int(commonAddress[target.name] ?? 0)
                case .externalReference, .weakExternalReference:
                    if let a = map.symbols[target.name] {
                        value = Int(a)
                    } else {
                        if target.type == .externalReference { unresolved.insert(target.name) } else { weak.insert(target.name) }
                        value = 0
                    }
                case .labelDefinition:
                    value = 0
                }
                let n = r.length
                let at = Int(r.address) + factor[d] - Int(origin)
                guard at >= 0, at + n <= image.count else {
                    throw LoaderError("deck \(d + 1): address constant at X'\(hex(r.address))' lies outside the program")
                }
                var field: UInt64 = 0
                for k in 0..<n { field = field << 8 | UInt64(image[at + k]) }
                let delta = UInt64(bitPattern: Int64(value))
                field = r.isNegative ? field &- delta : field &+ delta
                for k in 0..<n {
                    image[at + k] = UInt8(truncatingIfNeeded: field >> UInt64(8 * (n - 1 - k)))
                    written[at + k] = true
                }
            }
        }
        map.unresolved = unresolved.sorted()
        map.weakUnresolved = weak.sorted()
        // Entry point.
        var entry: UInt32? = nil
        for (d, deck) in decks.enumerated() where entry == nil {
            guard let e = deck.end else { continue }
            if let a = e.entryAddress, let id = e.entryID {
                guard deck.item(id: id) != nil else { throw LoaderError("deck \(d + 1): END names ESDID \(id), which is not in the ESD") }
                entry = UInt32(Int(a) + factor[d])
            } else if let name = e.entryName {
                guard let a = map.symbols[name] else { throw LoaderError("entry point \(name) is not defined in any deck") }
                entry = a
            }
        }
        map.entryPoint = entry ?? map.sections.first?.address ?? origin
        return (image, written, map)
    }

    private static func define(_ map: inout LoadMap, _ name: String, _ a: UInt32, deck: Int) {
        if map.symbols[name] != nil {
            map.warnings.append("\(name) is defined more than once; the first definition is used (deck \(deck + 1))")
            return
        }
        map.symbols[name] = a
    }

    static func hex(_ v: UInt32) -> String { String(v, radix: 16, uppercase: true) }
}
