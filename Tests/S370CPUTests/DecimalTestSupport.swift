// Shared setup for the decimal-instruction tests: fields placed in storage,
// base register 12 pointing at the first, one instruction run.

import S370CPU
import TestSupport

/// Where the decimal tests put their first operand (base register 12 holds it).
let decimalField1: UInt32 = 0x2000
/// Where they put the second operand: displacement 0x100 from base register 12.
let decimalField2: UInt32 = 0x2100

/// A test machine with `first` at X'2000' and `second` at X'2100' (hex digits),
/// R12 = X'2000', that has run `instruction` once from a BC-mode PSW with the
/// given condition code and program mask.
func runDecimal(_ instruction: [UInt8], first: String, second: String = "", cc: UInt8 = 0,
                programMask: UInt8 = 0, setUp: (TestMachine) -> Void = { _ in }) -> TestMachine {
    let m = TestMachine()
    m.load(hexBytes(first), at: decimalField1)
    if !second.isEmpty { m.load(hexBytes(second), at: decimalField2) }
    m[12] = decimalField1
    setUp(m)
    m.execute([instruction], psw: bcPSW(address: testOrigin, cc: cc, programMask: programMask))
    return m
}

/// An SS instruction with two lengths whose operands are X'2000'+d1 and X'2000'+d2 (base 12).
func decimalSS(_ op: UInt8, l1: Int, l2: Int, d1: Int = 0, d2: Int = 0x100) -> [UInt8] {
    SS2(op, l1: l1, l2: l2, d1, 12, d2, 12)
}

extension TestMachine {
    /// `count` bytes at `a` as upper-case hexadecimal digits.
    func hex(at a: UInt32, count: Int) -> String {
        storage.bytes(at: a, count: count).map { b in
            let digits = Array("0123456789ABCDEF")
            return String([digits[Int(b >> 4)], digits[Int(b & 15)]])
        }.joined()
    }
}
