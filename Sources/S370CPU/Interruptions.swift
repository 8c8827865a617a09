// The interruption action: the six classes, their old and new PSW locations,
// interruption codes and instruction-length codes (PoO, "Interruptions").
//
// Fixed real locations:        old PSW  new PSW  EC-mode code (and ILC)
//   restart                       8        0
//   external                     24       88     134-135
//   supervisor call              32       96     137 (ILC), 138-139
//   program                      40      104     141 (ILC), 142-143
//   machine check                48      112     232-239
//   input/output                 56      120     186-187 (device address)
// In the BC mode the interruption code and the ILC are in the old PSW itself.
// A translation exception stores the virtual address at 144-147; a monitor
// event stores its class at 149 and code at 156-159; a PER event its code at
// 150 and the instruction address at 152-155.

import DATBox

/// Program-interruption codes (PoO, "Program-Interruption Conditions").
public enum ProgramInterruptionCode: UInt16, CaseIterable, Sendable {
    case operation = 0x01
    case privilegedOperation = 0x02
    case execute = 0x03
    case protection = 0x04
    case addressing = 0x05
    case specification = 0x06
    case data = 0x07
    case fixedPointOverflow = 0x08
    case fixedPointDivide = 0x09
    case decimalOverflow = 0x0A
    case decimalDivide = 0x0B
    case exponentOverflow = 0x0C
    case exponentUnderflow = 0x0D
    case significance = 0x0E
    case floatingPointDivide = 0x0F
    case segmentTranslation = 0x10
    case pageTranslation = 0x11
    case translationSpecification = 0x12
    case specialOperation = 0x13
    /// Added to a code when a monitor event is indicated.
    case monitorEvent = 0x40
    /// Added to a code when a PER event is indicated.
    case perEvent = 0x80
}

/// Real storage locations of the interruption mechanism.
public enum LowCore {
    public static let restartNewPSW: UInt32 = 0
    public static let restartOldPSW: UInt32 = 8
    public static let externalOldPSW: UInt32 = 24
    public static let svcOldPSW: UInt32 = 32
    public static let programOldPSW: UInt32 = 40
    public static let machineCheckOldPSW: UInt32 = 48
    public static let ioOldPSW: UInt32 = 56
    public static let csw: UInt32 = 64
    public static let caw: UInt32 = 72
    public static let intervalTimer: UInt32 = 80
    public static let externalNewPSW: UInt32 = 88
    public static let svcNewPSW: UInt32 = 96
    public static let programNewPSW: UInt32 = 104
    public static let machineCheckNewPSW: UInt32 = 112
    public static let ioNewPSW: UInt32 = 120
    public static let externalCode: UInt32 = 134
    public static let svcILC: UInt32 = 137
    public static let svcCode: UInt32 = 138
    public static let programILC: UInt32 = 141
    public static let programCode: UInt32 = 142
    public static let translationExceptionAddress: UInt32 = 144
    public static let monitorClass: UInt32 = 149
    public static let perCode: UInt32 = 150
    public static let perAddress: UInt32 = 152
    public static let monitorCode: UInt32 = 156
    public static let channelID: UInt32 = 168
    public static let ioDeviceAddress: UInt32 = 186
    public static let machineCheckCode: UInt32 = 232
}

extension CPU {
    // MARK: Low-storage access (implicit references: real addresses, no key check)

    /// Stores a fullword at a real address for the interruption mechanism, setting the change bit.
    func storeReal32(_ v: UInt32, at real: UInt32) {
        let a = datBox.absolute(real: real)
        storage.setWord(v, at: a)
        storage.markAccess(store: true, at: a)
    }
    /// Stores a halfword at a real address for the interruption mechanism.
    func storeReal16(_ v: UInt16, at real: UInt32) {
        let a = datBox.absolute(real: real)
        storage.setHalfword(v, at: a)
        storage.markAccess(store: true, at: a)
    }
    /// Stores a byte at a real address for the interruption mechanism.
    func storeReal8(_ v: UInt8, at real: UInt32) {
        let a = datBox.absolute(real: real)
        storage.setByte(v, at: a)
        storage.markAccess(store: true, at: a)
    }
    /// Fetches a doubleword at a real address (new PSWs), setting the reference bit.
    func fetchReal64(at real: UInt32) -> UInt64 {
        let a = datBox.absolute(real: real)
        storage.markAccess(store: false, at: a)
        return storage.doubleword(at: a)
    }

    // MARK: The interruption action

    /// Stores the current PSW at `old` (with `code` and `ilc` in it in the BC
    /// mode) and makes the PSW at `new` current.
    func swapPSW(old: UInt32, new: UInt32, code: UInt16, ilc: UInt8) {
        var o = psw
        if !o.ecMode {
            o.interruptionCode = code
            o.ilc = ilc
        }
        let oa = datBox.absolute(real: old)
        storage.setDoubleword(o.value, at: oa)
        storage.markAccess(store: true, at: oa)
        formatErrorILC = 0
        loadPSW(PSW(fetchReal64(at: new)))
    }

    /// Takes a program interruption with `code` (which may include the PER or
    /// monitor bits). `ilc` is the instruction-length code (0-3); the PSW's
    /// instruction address is already what the old PSW must hold.
    public func programInterruption(_ code: UInt16, ilc: UInt8) {
        programInterruptionCounts[Int(code & 0x7F)] &+= 1
        let base = code & 0x7F
        if base == AccessException.segmentTranslation.rawValue || base == AccessException.pageTranslation.rawValue {
            storeReal32(datBox.exceptionAddress & 0x00FF_FFFF, at: LowCore.translationExceptionAddress)
        }
        if code & ProgramInterruptionCode.perEvent.rawValue != 0 {
            storeReal8(perEvents << 4, at: LowCore.perCode)
            storeReal32(perAddress & 0x00FF_FFFF, at: LowCore.perAddress)
            perEvents = 0
        }
        if psw.ecMode {
            storeReal8(0, at: LowCore.programILC - 1)
            storeReal8(ilc << 1, at: LowCore.programILC)
            storeReal16(code, at: LowCore.programCode)
        }
        swapPSW(old: LowCore.programOldPSW, new: LowCore.programNewPSW, code: code, ilc: ilc)
    }

    /// Takes a supervisor-call interruption for SVC `number` (an owner reflecting an
    /// intercepted SVC calls this).
    public func supervisorCallInterruption(_ number: UInt8, ilc: UInt8) {
        svcInterruption(number, ilc: ilc)
    }

    /// Takes a supervisor-call interruption for SVC `number`.
    func svcInterruption(_ number: UInt8, ilc: UInt8) {
        if psw.ecMode {
            storeReal8(0, at: LowCore.svcILC - 1)
            storeReal8(ilc << 1, at: LowCore.svcILC)
            storeReal16(UInt16(number), at: LowCore.svcCode)
        }
        swapPSW(old: LowCore.svcOldPSW, new: LowCore.svcNewPSW, code: UInt16(number), ilc: ilc)
    }

    /// Takes an external interruption with `code`.
    func externalInterruption(_ code: UInt16) {
        if psw.ecMode { storeReal16(code, at: LowCore.externalCode) }
        swapPSW(old: LowCore.externalOldPSW, new: LowCore.externalNewPSW, code: code, ilc: 0)
    }

    /// Presents an I/O interruption from `device` (the owner has stored the CSW
    /// at 64 and cleared its pending condition). The CPU must be enabled for it.
    public func ioInterruption(device: UInt16) {
        if psw.ecMode { storeReal16(device, at: LowCore.ioDeviceAddress) }
        swapPSW(old: LowCore.ioOldPSW, new: LowCore.ioNewPSW, code: device, ilc: 0)
    }

    /// Takes a restart interruption (the operator's RESTART key).
    public func restartInterruption() {
        psw.wait = false
        swapPSW(old: LowCore.restartOldPSW, new: LowCore.restartNewPSW, code: 0, ilc: 0)
    }

    /// Whether the CPU is enabled for I/O interruptions from `channel` (PSW masks and, in EC mode, CR2).
    public func ioEnabled(channel: Int) -> Bool {
        guard psw.ioMaskAllows(channel: channel) else { return false }
        if psw.ecMode || channel >= 6 {
            // CR2 bit n is the channel mask of channel n (PoO, "Channel Masks"); in the
            // BC mode CR2 governs channels 6 and up.
            return cr[2] & (0x8000_0000 >> UInt32(channel & 31)) != 0
        }
        return true
    }

    /// The channels for which the CPU is enabled for I/O interruptions now (bit 15-n for channel n).
    public var enabledChannels: UInt16 {
        var m: UInt16 = 0
        for c in 0..<16 where ioEnabled(channel: c) { m |= 0x8000 >> UInt16(c) }
        return m
    }

    /// The highest-priority external condition the CPU is enabled for, as its
    /// interruption code; nil when none.
    func enabledExternalCode() -> UInt16? {
        guard psw.externalMask else { return nil }
        let c0 = cr[0]
        if externalPending.contains(.emergencySignal) && c0 & 0x4000 != 0 { return 0x1201 }
        if externalPending.contains(.externalCall) && c0 & 0x2000 != 0 { return 0x1202 }
        if c0 & 0x800 != 0 && clockComparatorPending() { return 0x1004 }
        if c0 & 0x400 != 0 && cpuTimerPending() { return 0x1005 }
        if intervalTimerPending && c0 & 0x80 != 0 { return 0x0080 }
        if externalPending.contains(.interruptKey) && c0 & 0x40 != 0 { return 0x0040 }
        if c0 & 0x20 != 0 {
            for n in 2...7 where externalPending.contains(.externalSignal(n)) { return 0x40 >> UInt16(n - 1) }
        }
        return nil
    }

    /// Takes the external interruption `code` and clears the condition it reports
    /// (the clock comparator and CPU timer conditions persist until the values change).
    func takeExternal(_ code: UInt16) {
        switch code {
        case 0x1201: externalPending.remove(.emergencySignal)
        case 0x1202: externalPending.remove(.externalCall)
        case 0x0080: intervalTimerPending = false
        case 0x0040: externalPending.remove(.interruptKey)
        case 0x0001...0x0020:
            for n in 2...7 where 0x40 >> UInt16(n - 1) == code { externalPending.remove(.externalSignal(n)) }
        default: break
        }
        externalInterruption(code)
    }

    /// Takes every interruption the CPU is enabled for and has pending, in the
    /// PoO's priority order (external before I/O; restart is the owner's).
    /// Returns `.ioInterruption` when an I/O interruption is pending and enabled,
    /// for the owner to present.
    func takePendingInterruptions() -> Exit? {
        var taken = 0
        while taken < 16 && !psw.hasFormatError {
            if let code = enabledExternalCode() {
                takeExternal(code)
                taken += 1
                continue
            }
            if ioPendingChannels != 0 && ioPendingChannels & enabledChannels != 0 { return .ioInterruption }
            break
        }
        return nil
    }
}
