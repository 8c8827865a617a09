// EDIT and EDIT AND MARK (PoO, Chapter 8, "Decimal Instructions", EDIT; the
// table "Summary of Editing Functions").
//
// The pattern (first operand, L+1 bytes) is processed left to right. Its first
// byte is the fill byte. Pattern bytes: digit selector X'20', significance
// starter X'21', field separator X'22', and message bytes (anything else).
// A digit selector or significance starter examines the next source digit:
// a nonzero digit, or any digit while the significance indicator is on,
// replaces the pattern byte in zoned form (zone 1111) and turns the indicator
// on; otherwise the fill byte replaces it. A significance starter then turns
// the indicator on in any case. A source byte is fetched once: its left four
// bits are a digit (1010-1111 there is a data exception, the operation is
// terminated); its right four bits are the next digit, or a sign code, in
// which case a plus code (1010, 1100, 1110, 1111) turns the indicator off and
// the next digit comes from a new source byte. Sign codes are never checked.
// A field separator is replaced by the fill byte and turns the indicator off;
// a message byte stays when the indicator is on and is replaced by the fill
// byte when it is off.
//
// Condition code, for the last field (after the last field separator):
// 0 all its source digits zero (or none examined), 1 nonzero and the indicator
// on at the end (minus), 2 nonzero and the indicator off (plus).
//
// EDIT AND MARK also places in bits 8-31 of GR1 the address of the rightmost
// result byte that is a source digit stored while the indicator was off before
// its examination; GR1 is unchanged when there is none (significance forced
// by a starter is not marked).
//
// Source bytes are fetched only as digits are called for, so the source's
// length is known only by editing. The result is built in a buffer: every
// source byte is fetched (access exceptions) and every digit checked (data
// exception) before the pattern is changed. The pattern is read before any
// of it is replaced. Results for overlapping operands are not defined (the
// System/360 PoO calls them unpredictable); here the source is read as it was
// before the instruction, which is also what Hercules 3.13 does.

extension CPU {
    /// DE ED: Edit; DF EDMK: Edit and Mark (`mark`) [SS].
    func edit(_ i: UInt64, _ cc: UInt32, mark: Bool) -> UInt32 {
        let n = Int(Field.byte1(i)) + 1
        let a1 = address1(i)
        let t = AccessContext(entries: tlbEntries, generation: tlbGeneration.pointee, checking: false)
        guard let pattern = operandRange(a1, n, store: true, t) else { return leave | cc }
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 256) { result -> UInt32 in
            let fill = pattern.at(0).load(as: UInt8.self)
            var source = address2(i)
            var significance = false
            var fieldNonzero = false
            var sourceByte: UInt8 = 0
            var rightDigitPending = false
            var markOffset = -1
            for k in 0..<n {
                let p = pattern.at(k).load(as: UInt8.self)
                switch p {
                case 0x20, 0x21:
                    let digit: UInt8
                    var plusFollows = false
                    if rightDigitPending {
                        digit = sourceByte & 0x0F
                        rightDigitPending = false
                    } else {
                        guard let b = fetch8(source, t) else { return leave | cc }
                        source = (source &+ 1) & 0x00FF_FFFF
                        sourceByte = b
                        digit = b >> 4
                        guard digit <= 9 else {
                            raise(.data)
                            return leave | cc
                        }
                        let right = b & 0x0F
                        if right <= 9 {
                            rightDigitPending = true
                        } else {
                            plusFollows = !isMinusSign(right)
                        }
                    }
                    if digit != 0 { fieldNonzero = true }
                    if significance || digit != 0 {
                        if !significance { markOffset = k }
                        result[k] = 0xF0 | digit
                        significance = true
                    } else {
                        result[k] = fill
                    }
                    if p == 0x21 { significance = true }
                    if plusFollows { significance = false }
                case 0x22:
                    result[k] = fill
                    significance = false
                    fieldNonzero = false
                default:
                    result[k] = significance ? p : fill
                }
            }
            noteDecimalStore(a1, n)
            for k in 0..<n { pattern.at(k).storeBytes(of: result[k], as: UInt8.self) }
            if mark && markOffset >= 0 {
                gpr[1] = (gpr[1] & 0xFF00_0000) | ((a1 &+ UInt32(markOffset)) & 0x00FF_FFFF)
            }
            if !fieldNonzero { return 0 }
            return significance ? 1 : 2
        }
    }
}
