// The I/O instructions (PoO, "Input/Output Operations"). The CPU only
// decodes them: each leaves the run loop as an `.io` exit for the owner's
// channel subsystem, which performs it and sets the condition code.
//
// Operation codes 9C, 9D and 9E use bit 15 to tell two instructions apart;
// 9F00 is TEST CHANNEL and 9F01 CLEAR CHANNEL. Any other second byte is an
// operation exception on this machine (s370-instructions.md: 9C02 RIO is not
// installed).

extension CPU {
    /// 9C SIO/SIOF, 9D TIO/CLRIO, 9E HIO/HDV, 9F TCH/CLRCH.
    @inline(never) func ioInstruction(_ i: UInt64, _ cc: UInt32) -> UInt32 {
        let code = UInt16(Field.op(i)) << 8 | UInt16(Field.byte1(i))
        guard let op = IOOperation(rawValue: code) else {
            raise(.operation)
            return leave | cc
        }
        if let r = problemStateCheck(i, cc) { return r }
        pendingExit = .io(op, address: address1(i), ilc: currentILC(i))
        return leave | cc
    }
}
