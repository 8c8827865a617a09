// IBM 3420 Magnetic Tape Unit (9-track, with the 3803 tape control), on an
// AWS tape image; usually at 580.
//
// Reads and writes blocks of any length, tape marks, spacing and
// backspacing by block and by file, rewind and rewind-unload. Reading a tape
// mark, or spacing over one by block, ends with unit exception. Reading past
// the recorded data is a data check (blank tape). Without a write ring
// (attached read-only) every command that writes is rejected with the
// file-protect bit in sense byte 1. After rewind-unload the drive is not
// ready until the tape is attached again.
//
// Commands (3803/3420 component description): 01 write; 02 read forward;
// 0C read backward; 04 sense (24 bytes); 07 rewind; 0F rewind unload;
// 17 erase gap; 1F write tape mark; 27 backspace block; 2F backspace file;
// 37 forward space block; 3F forward space file; 97 data security erase;
// 03 no operation; C3, CB, D3 mode set (1600, 800, 6250 bpi: accepted).
// Sense byte 0: command reject, intervention required, bus-out, equipment
// check, data check; byte 1: 0x40 TU status A (ready), 0x20 TU status B
// (not ready), 0x08 load point, 0x02 file protected.

/// A 3420 tape drive.
public final class Tape3420: Device {
    public let deviceType = DeviceType(number: 0x3420, name: "3420")
    /// The mounted tape (nil after rewind-unload).
    public private(set) var tape: AWSTape?
    /// Attached without a write ring.
    public let readOnly: Bool
    /// Sense byte 0 of the last unusual condition.
    private var senseByte: SenseByte0 = []

    /// A drive with the AWS image at `path` mounted.
    public init(path: String, readOnly: Bool, create: Bool = false) throws {
        tape = try AWSTape(path: path, readOnly: readOnly, create: create)
        self.readOnly = readOnly
    }

    public var sense: [UInt8] {
        var s = [UInt8](repeating: 0, count: 24)
        s[0] = senseByte.rawValue
        if let tape {
            s[1] = 0x40 | (tape.atLoadPoint ? 0x08 : 0) | (readOnly ? 0x02 : 0)
        } else {
            s[1] = 0x20
        }
        return s
    }

    public var commandTime: Int { 150 }

    public func execute(_ command: UInt8, data: DataTransfer, chained: Bool) -> CommandResult {
        if command == 0x04 {
            data.store(sense)
            senseByte = []
            return .status(.ended)
        }
        let known: Set<UInt8> = [0x01, 0x02, 0x0C, 0x07, 0x0F, 0x17, 0x1F, 0x27, 0x2F, 0x37, 0x3F, 0x97, 0x03, 0xC3, 0xCB, 0xD3]
        guard known.contains(command) else { return refuse(.commandReject) }
        guard let tape else { return refuse(.interventionRequired) }
        let writes: Set<UInt8> = [0x01, 0x17, 0x1F, 0x97]
        if writes.contains(command) && readOnly { return refuse(.commandReject) }
        senseByte = []
        do {
            switch command {
            case 0x01: // write
                let block = data.fetchAll(limit: 1 << 20)
                if data.failed { return .status(.ended) }
                try tape.write(block)
            case 0x02: // read forward
                switch try tape.readForward() {
                case .block(let b): data.store(b)
                case .tapeMark: return .status([.channelEnd, .deviceEnd, .unitException])
                case .endOfData, .loadPoint: return dataCheck()
                }
            case 0x0C: // read backward: the block's bytes arrive last byte first
                if tape.atLoadPoint { return refuse(.commandReject) }
                switch try tape.readBackward() {
                case .block(let b): data.store(b.reversed())
                case .tapeMark: return .status([.channelEnd, .deviceEnd, .unitException])
                case .endOfData, .loadPoint: return dataCheck()
                }
            case 0x07: // rewind
                tape.rewind()
                return .channelEndFirst([], deviceEnd: [], after: 2000)
            case 0x0F: // rewind unload
                tape.rewind()
                self.tape = nil
                return .channelEndFirst([], deviceEnd: [], after: 2000)
            case 0x17, 0x03, 0xC3, 0xCB, 0xD3: // erase gap, no operation, mode set
                break
            case 0x1F:
                try tape.writeTapeMark()
            case 0x97: // data security erase
                try tape.erase()
            case 0x27, 0x2F: // backspace block, backspace file
                if tape.atLoadPoint { return refuse(.commandReject) }
                while true {
                    let r = try tape.readBackward()
                    if r == .tapeMark { return command == 0x27 ? .status([.channelEnd, .deviceEnd, .unitException]) : .status(.ended) }
                    if command == 0x27 || r == .loadPoint || tape.atLoadPoint { break }
                }
            case 0x37, 0x3F: // forward space block, forward space file
                while true {
                    switch try tape.readForward() {
                    case .tapeMark:
                        return command == 0x37 ? .status([.channelEnd, .deviceEnd, .unitException]) : .status(.ended)
                    case .endOfData, .loadPoint:
                        return dataCheck()
                    case .block:
                        if command == 0x37 { return .status(.ended) }
                    }
                }
            default:
                return refuse(.commandReject)
            }
        } catch {
            senseByte = .equipmentCheck
            return .status([.channelEnd, .deviceEnd, .unitCheck])
        }
        return .status(.ended)
    }

    /// Refused at initial selection.
    private func refuse(_ why: SenseByte0) -> CommandResult {
        senseByte = why
        return .status(.unitCheck)
    }

    /// Blank tape where data was expected.
    private func dataCheck() -> CommandResult {
        senseByte = .dataCheck
        return .status([.channelEnd, .deviceEnd, .unitCheck])
    }

    public func reset() { senseByte = [] }
    public func flush() throws { try tape?.file.sync() }
}
