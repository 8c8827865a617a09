// Machine builders and assertions shared by the test targets: a bare machine
// in deterministic mode, instruction encoders by format, and a runner that
// executes a few instructions and reports how the CPU ended.

import BareMachine
import DATBox
import S370CPU

/// Where test programs are placed by default.
public let testOrigin: UInt32 = 0x1000
/// The instruction address of the program new PSW the test machine installs:
/// a program interruption ends the run in a disabled wait at this address.
public let programCheckStop: UInt32 = 0x00DEAD
/// The instruction address of the SVC new PSW the test machine installs.
public let svcStop: UInt32 = 0x005BC0

/// A bare machine for tests: deterministic clock, small storage, and new PSWs
/// for program and SVC interruptions that stop the run in a disabled wait.
public final class TestMachine {
    /// The machine.
    public let machine: BareMachine
    /// Its CPU.
    public var cpu: CPU { machine.cpu }
    /// Its storage.
    public var storage: MainStorage { machine.storage }

    /// Creates a machine with `storageSize` bytes.
    public init(storageSize: Int = 64 << 10) {
        machine = try! BareMachine(storageSize: storageSize, clock: .deterministic(microsecondsPerInstruction: 1))
        storage.setDoubleword(0x0002_0000_0000_0000 | UInt64(programCheckStop), at: LowCore.programNewPSW)
        storage.setDoubleword(0x0002_0000_0000_0000 | UInt64(svcStop), at: LowCore.svcNewPSW)
    }

    /// Places bytes in storage at an absolute address.
    public func load(_ bytes: [UInt8], at a: UInt32) {
        storage.load(bytes, at: a)
    }

    /// Loads `program` at `origin`, starts it with a BC-mode supervisor-state PSW
    /// (or the PSW given), and runs `steps` instructions or to a wait state.
    @discardableResult
    public func run(_ program: [UInt8], at origin: UInt32 = testOrigin, psw: PSW? = nil,
                    steps: UInt64 = 1) -> RunResult {
        load(program, at: origin)
        var p = psw ?? PSW()
        if psw == nil { p.instructionAddress = origin }
        cpu.loadPSW(p)
        return machine.run(maxInstructions: steps)
    }

    /// Runs `instructions` one after the other, the number of steps being their count.
    @discardableResult
    public func execute(_ instructions: [[UInt8]], at origin: UInt32 = testOrigin, psw: PSW? = nil) -> RunResult {
        run(instructions.flatMap { $0 }, at: origin, psw: psw, steps: UInt64(instructions.count))
    }

    /// Whether the last run ended in the program-interruption stop.
    public var tookProgramInterruption: Bool {
        cpu.psw.wait && cpu.psw.instructionAddress == programCheckStop
    }

    /// The program old PSW stored at 40.
    public var programOldPSW: PSW { PSW(storage.doubleword(at: LowCore.programOldPSW)) }

    /// The interruption code of the last program interruption (BC mode: from the
    /// old PSW; EC mode: from location 142).
    public var programInterruptionCode: UInt16 {
        let old = programOldPSW
        return old.ecMode ? storage.halfword(at: LowCore.programCode) : old.interruptionCode
    }

    /// The ILC of the last program interruption.
    public var programILC: UInt8 {
        let old = programOldPSW
        return old.ecMode ? storage.byte(at: LowCore.programILC) >> 1 : old.ilc
    }

    /// General register `r`.
    public subscript(r: Int) -> UInt32 {
        get { cpu.gpr[r] }
        set { cpu.gpr[r] = newValue }
    }

    /// The condition code.
    public var cc: UInt8 { cpu.psw.cc }
}

// MARK: Instruction encoders (one per format)

/// RR: op R1 R2.
public func RR(_ op: UInt8, _ r1: Int, _ r2: Int) -> [UInt8] {
    [op, UInt8(r1 << 4 | r2)]
}

/// RX: op R1 X2 B2 D2.
public func RX(_ op: UInt8, _ r1: Int, _ d2: Int, _ x2: Int = 0, _ b2: Int = 0) -> [UInt8] {
    precondition(d2 >= 0 && d2 < 4096, "displacement \(d2) does not fit in 12 bits")
    return [op, UInt8(r1 << 4 | x2), UInt8(b2 << 4 | (d2 >> 8)), UInt8(d2 & 0xFF)]
}

/// RS: op R1 R3 B2 D2.
public func RS(_ op: UInt8, _ r1: Int, _ r3: Int, _ d2: Int, _ b2: Int = 0) -> [UInt8] {
    precondition(d2 >= 0 && d2 < 4096, "displacement \(d2) does not fit in 12 bits")
    return [op, UInt8(r1 << 4 | r3), UInt8(b2 << 4 | (d2 >> 8)), UInt8(d2 & 0xFF)]
}

/// SI: op I2 B1 D1.
public func SI(_ op: UInt8, _ i2: UInt8, _ d1: Int, _ b1: Int = 0) -> [UInt8] {
    precondition(d1 >= 0 && d1 < 4096, "displacement \(d1) does not fit in 12 bits")
    return [op, i2, UInt8(b1 << 4 | (d1 >> 8)), UInt8(d1 & 0xFF)]
}

/// S: op(16) B2 D2.
public func S(_ op: UInt16, _ d2: Int, _ b2: Int = 0) -> [UInt8] {
    precondition(d2 >= 0 && d2 < 4096, "displacement \(d2) does not fit in 12 bits")
    return [UInt8(op >> 8), UInt8(op & 0xFF), UInt8(b2 << 4 | (d2 >> 8)), UInt8(d2 & 0xFF)]
}

/// RRE: op(16) 00 R1 R2.
public func RRE(_ op: UInt16, _ r1: Int, _ r2: Int) -> [UInt8] {
    [UInt8(op >> 8), UInt8(op & 0xFF), 0, UInt8(r1 << 4 | r2)]
}

/// SS with one length: op L B1 D1 B2 D2 (`length` is the number of bytes, 1-256).
public func SS(_ op: UInt8, length: Int, _ d1: Int, _ b1: Int, _ d2: Int, _ b2: Int) -> [UInt8] {
    [op, UInt8(length - 1), UInt8(b1 << 4 | (d1 >> 8)), UInt8(d1 & 0xFF), UInt8(b2 << 4 | (d2 >> 8)), UInt8(d2 & 0xFF)]
}

/// SS with two lengths: op L1 L2 B1 D1 B2 D2 (lengths in bytes, 1-16).
public func SS2(_ op: UInt8, l1: Int, l2: Int, _ d1: Int, _ b1: Int, _ d2: Int, _ b2: Int) -> [UInt8] {
    [op, UInt8((l1 - 1) << 4 | (l2 - 1)), UInt8(b1 << 4 | (d1 >> 8)), UInt8(d1 & 0xFF),
     UInt8(b2 << 4 | (d2 >> 8)), UInt8(d2 & 0xFF)]
}

/// Big-endian bytes of a fullword.
public func bytes32(_ v: UInt32) -> [UInt8] { [UInt8(v >> 24), UInt8((v >> 16) & 0xFF), UInt8((v >> 8) & 0xFF), UInt8(v & 0xFF)] }
/// Big-endian bytes of a halfword.
public func bytes16(_ v: UInt16) -> [UInt8] { [UInt8(v >> 8), UInt8(v & 0xFF)] }
/// Big-endian bytes of a doubleword.
public func bytes64(_ v: UInt64) -> [UInt8] { bytes32(UInt32(v >> 32)) + bytes32(UInt32(v & 0xFFFF_FFFF)) }

/// Bytes from a string of hexadecimal digits (blanks ignored).
public func hexBytes(_ s: String) -> [UInt8] {
    let digits = s.filter { !$0.isWhitespace }
    var out: [UInt8] = []
    var i = digits.startIndex
    while i < digits.endIndex {
        let j = digits.index(i, offsetBy: 2)
        out.append(UInt8(digits[i..<j], radix: 16)!)
        i = j
    }
    return out
}

/// A BC-mode PSW with the given fields.
public func bcPSW(address: UInt32, key: UInt8 = 0, problem: Bool = false, cc: UInt8 = 0,
                  programMask: UInt8 = 0, systemMask: UInt8 = 0) -> PSW {
    var p = PSW()
    p.instructionAddress = address
    p.key = key
    p.problemState = problem
    p.cc = cc
    p.programMask = programMask
    p.systemMask = systemMask
    return p
}

/// An EC-mode PSW with the given fields.
public func ecPSW(address: UInt32, key: UInt8 = 0, problem: Bool = false, cc: UInt8 = 0,
                  programMask: UInt8 = 0, systemMask: UInt8 = 0) -> PSW {
    var p = bcPSW(address: address, key: key, problem: problem, cc: cc, programMask: programMask, systemMask: systemMask)
    p.ecMode = true
    return p
}
