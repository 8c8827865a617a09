// PACK, UNPACK and MOVE WITH OFFSET (PoO, Chapter 7, "General Instructions").
// None of them checks digit or sign codes, none changes the condition code,
// and their only exceptions are access exceptions (both operands are mapped
// before anything is stored).
//
// All three process their fields right to left one byte at a time, storing
// each result byte as soon as the operand bytes it needs have been fetched;
// overlapping fields therefore give exactly the PoO's byte-by-byte results,
// including the destructive ones. That is why they work on storage directly,
// not on copies of the operands.

extension CPU {
    /// The two operand ranges of PACK, UNPK or MVO: the second for fetch, the
    /// first for store (fetch and store for MVO). Nil after an access exception.
    func mapMoveOperands(_ i: UInt64) -> (first: OperandRange, l1: Int, second: OperandRange, l2: Int)? {
        let l1 = Field.r1(i) + 1, l2 = Field.r2(i) + 1
        let t = accessContext
        guard let second = operandRange(address2(i), l2, store: false, t),
              let first = operandRange(address1(i), l1, store: true, t) else { return nil }
        return (first, l1, second, l2)
    }

    /// F2 PACK: Pack [SS]. The zoned second operand becomes packed in the first:
    /// the rightmost byte has its two halves exchanged (zone becomes the sign),
    /// then the numeric halves of the following bytes, two per result byte,
    /// with zeros once the second operand is exhausted (PoO, PACK).
    func pack(_ i: UInt64, _ cc: UInt32) -> UInt32 {
        guard let (dst, l1, src, l2) = mapMoveOperands(i) else { return leave | cc }
        var d = l1 - 1, s = l2 - 1
        let last = src.at(s).load(as: UInt8.self)
        s -= 1
        dst.at(d).storeBytes(of: last << 4 | last >> 4, as: UInt8.self)
        d -= 1
        while d >= 0 {
            // Both operand bytes of a result byte are fetched before it is stored.
            var right: UInt8 = 0, left: UInt8 = 0
            if s >= 0 { right = src.at(s).load(as: UInt8.self) & 0x0F; s -= 1 }
            if s >= 0 { left = src.at(s).load(as: UInt8.self) & 0x0F; s -= 1 }
            dst.at(d).storeBytes(of: left << 4 | right, as: UInt8.self)
            d -= 1
        }
        return cc
    }

    /// F3 UNPK: Unpack [SS]. The packed second operand becomes zoned in the
    /// first: the rightmost byte has its halves exchanged, then each further
    /// second-operand byte gives two result bytes with the zone 1111, right
    /// digit first; once the second operand is exhausted the result is F0.
    /// Both result bytes of an operand byte are stored after that one fetch
    /// (PoO, UNPACK: "as if two result bytes were to be stored immediately
    /// after fetching a single operand byte").
    func unpack(_ i: UInt64, _ cc: UInt32) -> UInt32 {
        guard let (dst, l1, src, l2) = mapMoveOperands(i) else { return leave | cc }
        var d = l1 - 1, s = l2 - 1
        let last = src.at(s).load(as: UInt8.self)
        s -= 1
        dst.at(d).storeBytes(of: last << 4 | last >> 4, as: UInt8.self)
        d -= 1
        while d >= 0 {
            var b: UInt8 = 0
            if s >= 0 { b = src.at(s).load(as: UInt8.self); s -= 1 }
            dst.at(d).storeBytes(of: 0xF0 | b & 0x0F, as: UInt8.self)
            d -= 1
            if d >= 0 {
                dst.at(d).storeBytes(of: 0xF0 | b >> 4, as: UInt8.self)
                d -= 1
            }
        }
        return cc
    }

    /// F1 MVO: Move with Offset [SS]. The second operand is placed to the left
    /// of the rightmost four bits of the first operand, which are kept: the
    /// second operand's digits move left by four bits, zeros fill on the left
    /// and excess leftmost digits are dropped (PoO, MOVE WITH OFFSET).
    ///
    /// Each result byte takes its right half from the left half of the
    /// second-operand byte fetched for the previous result byte (it is not
    /// fetched again) and its left half from the next byte to the left, which
    /// is fetched just before the result byte is stored (Hercules 3.13 agrees
    /// on coincident and overlapping fields).
    func moveWithOffset(_ i: UInt64, _ cc: UInt32) -> UInt32 {
        guard let (dst, l1, src, l2) = mapMoveOperands(i) else { return leave | cc }
        var d = l1 - 1, s = l2 - 1
        var b = src.at(s).load(as: UInt8.self)
        s -= 1
        let sign = dst.at(d).load(as: UInt8.self) & 0x0F
        dst.at(d).storeBytes(of: b << 4 | sign, as: UInt8.self)
        d -= 1
        while d >= 0 {
            let right = b >> 4
            b = 0
            if s >= 0 { b = src.at(s).load(as: UInt8.self); s -= 1 }
            dst.at(d).storeBytes(of: b << 4 | right, as: UInt8.self)
            d -= 1
        }
        return cc
    }
}
