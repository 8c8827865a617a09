// The object deck of an assembly: an ESD item for each control section,
// private code, common section, external reference and ENTRY name; the text
// in the order it was generated; the relocation items grouped by position and
// relocation ESDIDs; the END card with the entry point.

import Records

extension Assembly {
    func buildObjectDeck() -> ObjectDeck {
        var deck = ObjectDeck()
        deck.deckID = deckID
        for s in sections.sorted(by: { $0.esdid < $1.esdid }) where s.esdid > 0 {
            switch s.kind {
            case .control:
                deck.esd.append(.init(name: s.name, type: .sectionDefinition, address: UInt32(s.origin), length: UInt32(s.length), id: s.esdid))
            case .privateCode:
                deck.esd.append(.init(name: "", type: .privateCode, address: UInt32(s.origin), length: UInt32(s.length), id: s.esdid))
            case .common:
                deck.esd.append(.init(name: s.name, type: .common, address: 0, length: UInt32(s.length), id: s.esdid))
            case .external:
                deck.esd.append(.init(name: s.name, type: .externalReference, id: s.esdid))
            case .weakExternal:
                deck.esd.append(.init(name: s.name, type: .weakExternalReference, id: s.esdid))
            case .dummy:
                break
            }
        }
        for e in entryNames {
            guard let sym = definedSymbol(e.name), let s = sym.value.simpleSection else { continue }
            deck.esd.append(.init(name: e.name, type: .labelDefinition, address: UInt32(truncatingIfNeeded: address(of: sym.value)),
                                  owner: sections[Int(s)].esdid))
        }
        for c in text where sections[Int(c.section)].esdid > 0 {
            let s = sections[Int(c.section)]
            deck.text.append(.init(id: s.esdid, address: UInt32(s.origin + c.offset), bytes: c.bytes))
        }
        var items: [ObjectDeck.RLDItem] = []
        for r in relocations {
            let p = sections[Int(r.position)], t = sections[Int(r.target)]
            guard p.esdid > 0, t.esdid > 0 else { continue }
            items.append(.init(relocationID: t.esdid, positionID: p.esdid,
                               flags: ObjectDeck.RLDItem.flags(length: r.length, vType: r.vType, negative: r.negative),
                               address: UInt32(p.origin + r.offset)))
        }
        items.sort { ($0.positionID, $0.relocationID, $0.address) < ($1.positionID, $1.relocationID, $1.address) }
        deck.rld = items
        var end = ObjectDeck.EndRecord()
        if let e = endEntry, let v = e.value {
            if let name = e.name {
                end.entryName = name
            } else if let s = v.simpleSection {
                end.entryAddress = UInt32(truncatingIfNeeded: address(of: v))
                end.entryID = sections[Int(s)].esdid
            }
        }
        deck.end = end
        deck.punched = punches.map { (beforeText: textRecordIndex(afterChunk: $0.afterChunk), card: EBCDIC.encode(Lexer.string($0.text))) }
        return deck
    }

    /// The index of the first TXT record generated after `afterChunk` chunks.
    private func textRecordIndex(afterChunk n: Int) -> Int {
        var k = 0
        for c in text.prefix(n) where sections[Int(c.section)].esdid > 0 { k += 1 }
        return k
    }
}
