// The second-level dispatch: every operation code the run loop does not
// handle inline. The run loop has already brought the PSW up to date (the
// instruction address is the updated one, the condition code current), so
// these handlers work on the PSW itself; they may replace it.
//
// A handler takes the instruction and the condition code and returns the new
// condition code, or `leave | cc` when the run loop must stop: a program
// interruption was raised, an exit is wanted, or the PSW, a key or a control
// register changed.

extension CPU {
    /// Executes a cold instruction; true when the run loop may go on with the PSW's
    /// instruction address and condition code.
    @inline(never)
    func executeCold(_ i: UInt64) -> Bool {
        let cc = UInt32(psw.cc)
        let t = accessContext
        let r: UInt32
        switch Field.op(i) {
        case 0x04: r = setProgramMask(i, cc)
        case 0x08: r = setStorageKey(i, cc)
        case 0x09: r = insertStorageKey(i, cc)
        case 0x0A: r = supervisorCall(i, cc)
        case 0x0E: r = moveLong(i, cc)
        case 0x0F: r = compareLogicalLong(i, cc)
        case 0x1C: r = multiply(Field.r1(i), gpr[Field.r2(i)], cc)
        case 0x1D: r = divide(Field.r1(i), gpr[Field.r2(i)], cc)
        case 0x20, 0x21, 0x22, 0x23, 0x24, 0x25, 0x26, 0x27, 0x28, 0x29, 0x2A, 0x2B, 0x2C, 0x2D, 0x2E, 0x2F,
             0x30, 0x31, 0x32, 0x33, 0x34, 0x35, 0x36, 0x37, 0x38, 0x39, 0x3A, 0x3B, 0x3C, 0x3D, 0x3E, 0x3F,
             0x60, 0x67, 0x68, 0x69, 0x6A, 0x6B, 0x6C, 0x6D, 0x6E, 0x6F, 0x70,
             0x78, 0x79, 0x7A, 0x7B, 0x7C, 0x7D, 0x7E, 0x7F:
            r = executeFloatingPoint(i, cc)
        case 0x4C: // MH: the low-order 32 bits of the product; no overflow is recognized.
            if let v = fetch16(addressRX(i), t) {
                let r1 = Field.r1(i)
                gpr[r1] = UInt32(bitPattern: Int32(bitPattern: gpr[r1]) &* Int32(Int16(bitPattern: v)))
                r = cc
            } else { r = leave | cc }
        case 0x4E: r = convertToDecimal(i, cc)
        case 0x4F: r = convertToBinary(i, cc)
        case 0x5C: // M
            if let v = fetch32(addressRX(i), t) { r = multiply(Field.r1(i), v, cc) } else { r = leave | cc }
        case 0x5D: // D
            if let v = fetch32(addressRX(i), t) { r = divide(Field.r1(i), v, cc) } else { r = leave | cc }
        case 0x80: r = setSystemMask(i, cc)
        case 0x82: r = loadPSWInstruction(i, cc)
        case 0x83: r = diagnose(i, cc)
        case 0x84, 0x85: r = directControl(i, cc)
        case 0x8B: r = shiftLeftSingle(i)
        case 0x8C, 0x8D: r = shiftDoubleLogical(i, cc)
        case 0x8E: r = shiftRightDouble(i, cc)
        case 0x8F: r = shiftLeftDouble(i, cc)
        case 0x93: r = testAndSet(i, cc, t)
        case 0x9C, 0x9D, 0x9E, 0x9F: r = ioInstruction(i, cc)
        case 0xAC, 0xAD: r = storeThenSystemMask(i, cc)
        case 0xAE: r = signalProcessor(i, cc)
        case 0xAF: r = monitorCall(i, cc)
        case 0xB1: r = loadRealAddress(i, cc)
        case 0xB2: r = executeB2(i, cc)
        case 0xB6: r = storeControl(i, cc)
        case 0xB7: r = loadControl(i, cc)
        case 0xBA: r = compareAndSwap(i, cc)
        case 0xBB: r = compareDoubleAndSwap(i, cc)
        case 0xBD: r = compareLogicalCharactersUnderMask(i, cc)
        case 0xBE: r = storeCharactersUnderMask(i, cc)
        case 0xBF: r = insertCharactersUnderMask(i, cc)
        case 0xD1, 0xD3, 0xD4, 0xD6, 0xD7: r = characterLogical(i, cc, t)
        case 0xDC: r = translate(i, cc)
        case 0xDD: r = translateAndTest(i, cc)
        case 0xDE, 0xDF, 0xF0, 0xF1, 0xF2, 0xF3, 0xF8, 0xF9, 0xFA, 0xFB, 0xFC, 0xFD:
            r = executeDecimal(i, cc)
        default:
            raise(.operation)
            r = leave | cc
        }
        // A handler that replaced the PSW (or asked for a reload) has set it itself.
        if !mustReload { psw.cc = UInt8(truncatingIfNeeded: r & 3) }
        return r <= 3 && !mustReload
    }
}
