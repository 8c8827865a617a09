// Operand access for an owner completing an instruction exit (WRITE DIRECT,
// READ DIRECT, DIAGNOSE under CP, ...). The access goes through the CPU's own
// translation, prefixing and key checks, as the instruction's would; on an
// access exception the program interruption is taken here, with the
// instruction nullified when the exception nullifies, and nil/false returned.

import DATBox

extension CPU {
    /// Fetches `count` bytes of the current instruction's operand at logical address `a`.
    public func ownerFetch(_ a: UInt32, count: Int, ilc: UInt8) -> [UInt8]? {
        var out: [UInt8] = []
        out.reserveCapacity(count)
        for k in 0..<count {
            guard let p = hostAddress((a &+ UInt32(k)) & 0x00FF_FFFF, store: false) else {
                ownerAccessFailed(ilc: ilc)
                return nil
            }
            out.append(p.load(as: UInt8.self))
        }
        return out
    }

    /// Stores `bytes` as the current instruction's operand at logical address `a`;
    /// every byte is checked before any is stored.
    public func ownerStore(_ a: UInt32, _ bytes: [UInt8], ilc: UInt8) -> Bool {
        var pointers: [UnsafeMutableRawPointer] = []
        for k in 0..<bytes.count {
            guard let p = hostAddress((a &+ UInt32(k)) & 0x00FF_FFFF, store: true) else {
                ownerAccessFailed(ilc: ilc)
                return false
            }
            pointers.append(p)
        }
        for (p, b) in zip(pointers, bytes) { p.storeBytes(of: b, as: UInt8.self) }
        return true
    }

    /// Takes the program interruption an owner access raised.
    private func ownerAccessFailed(ilc: UInt8) {
        let code = pendingProgramCode
        if pendingNullify {
            psw.instructionAddress = (psw.instructionAddress &- UInt32(ilc) * 2) & 0x00FF_FFFF
        }
        pendingProgramCode = 0
        pendingNullify = false
        pendingExit = nil
        if code != 0 { programInterruption(code, ilc: ilc) }
    }
}
