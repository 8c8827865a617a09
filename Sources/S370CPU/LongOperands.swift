// MOVE LONG and COMPARE LOGICAL LONG: operands of up to 16M bytes described
// by even-odd register pairs (PoO, "MOVE LONG", "COMPARE LOGICAL LONG").
//
// R1 and R2 hold the operand addresses (bits 8-31), R1+1 and R2+1 the lengths
// (bits 8-31), and bits 0-7 of R2+1 the padding byte. The work goes a page
// piece at a time; after each piece the registers say how far it got, so an
// access exception in the middle leaves them describing the rest, and a
// page-translation exception (which nullifies) lets the program resume the
// instruction where it stopped.

import DATBox

extension CPU {
    /// The bytes from `a` to the end of its 2K page, capped at `n`.
    @inline(__always) private func pieceLength(_ a: UInt32, _ n: UInt32) -> UInt32 {
        min(n, 0x800 - (a & 0x7FF))
    }

    /// 0E MVCL: Move Long.
    @inline(never) func moveLong(_ i: UInt64, _ cc: UInt32) -> UInt32 {
        let r1 = Field.r1(i), r2 = Field.r2(i)
        guard r1 & 1 == 0, r2 & 1 == 0 else { raise(.specification); return leave | cc }
        var a1 = gpr[r1] & 0x00FF_FFFF
        var a2 = gpr[r2] & 0x00FF_FFFF
        var l1 = gpr[r1 + 1] & 0x00FF_FFFF
        var l2 = gpr[r2 + 1] & 0x00FF_FFFF
        let pad = UInt8(truncatingIfNeeded: gpr[r2 + 1] >> 24)
        let result: UInt32 = l1 == l2 ? 0 : (l1 < l2 ? 1 : 2)
        // Destructive overlap: the first operand begins inside the part of the
        // second operand that would be moved, to the right of its first byte.
        let moved = min(l1, l2)
        let distance = (a1 &- a2) & 0x00FF_FFFF
        if moved > 1 && distance != 0 && distance < moved { return 3 }
        let checking = needsCheckingLoop
        func save() {
            gpr[r1] = a1
            gpr[r2] = a2
            gpr[r1 + 1] = (gpr[r1 + 1] & 0xFF00_0000) | l1
            gpr[r2 + 1] = (gpr[r2 + 1] & 0xFF00_0000) | l2
        }
        while l1 > 0 {
            var n = pieceLength(a1, l1)
            if checking { noteStore(a1, Int(n)) }
            guard let d = hostAddress(a1, store: true) else { save(); return leave | cc }
            if l2 > 0 {
                n = min(n, pieceLength(a2, l2))
                guard let s = hostAddress(a2, store: false) else { save(); return leave | cc }
                if d == s {
                    // Moving a field onto itself: nothing changes.
                } else if d > s && d < s + Int(n) {
                    moveOverlapping(d, s, Int(n))
                } else {
                    d.copyMemory(from: s, byteCount: Int(n))
                }
                a2 = (a2 &+ n) & 0x00FF_FFFF
                l2 -= n
            } else {
                d.initializeMemory(as: UInt8.self, repeating: pad, count: Int(n))
            }
            a1 = (a1 &+ n) & 0x00FF_FFFF
            l1 -= n
        }
        save()
        return result
    }

    /// 0F CLCL: Compare Logical Long. The shorter operand is extended with the
    /// padding byte; at the first unequal byte the registers point to it.
    @inline(never) func compareLogicalLong(_ i: UInt64, _ cc: UInt32) -> UInt32 {
        let r1 = Field.r1(i), r2 = Field.r2(i)
        guard r1 & 1 == 0, r2 & 1 == 0 else { raise(.specification); return leave | cc }
        var a1 = gpr[r1] & 0x00FF_FFFF
        var a2 = gpr[r2] & 0x00FF_FFFF
        var l1 = gpr[r1 + 1] & 0x00FF_FFFF
        var l2 = gpr[r2 + 1] & 0x00FF_FFFF
        let pad = UInt8(truncatingIfNeeded: gpr[r2 + 1] >> 24)
        func save() {
            gpr[r1] = a1
            gpr[r2] = a2
            gpr[r1 + 1] = (gpr[r1 + 1] & 0xFF00_0000) | l1
            gpr[r2 + 1] = (gpr[r2 + 1] & 0xFF00_0000) | l2
        }
        while l1 > 0 || l2 > 0 {
            var n = UInt32.max
            var p1: UnsafeMutableRawPointer? = nil
            var p2: UnsafeMutableRawPointer? = nil
            if l1 > 0 {
                n = pieceLength(a1, l1)
                guard let p = hostAddress(a1, store: false) else { save(); return leave | cc }
                p1 = p
            }
            if l2 > 0 {
                n = min(n, pieceLength(a2, l2))
                guard let p = hostAddress(a2, store: false) else { save(); return leave | cc }
                p2 = p
            }
            for k in 0..<Int(n) {
                let x = p1.map { ($0 + k).load(as: UInt8.self) } ?? pad
                let y = p2.map { ($0 + k).load(as: UInt8.self) } ?? pad
                if x != y {
                    save()
                    return x < y ? 1 : 2
                }
                if l1 > 0 { a1 = (a1 &+ 1) & 0x00FF_FFFF; l1 -= 1 }
                if l2 > 0 { a2 = (a2 &+ 1) & 0x00FF_FFFF; l2 -= 1 }
            }
        }
        save()
        return 0
    }
}
