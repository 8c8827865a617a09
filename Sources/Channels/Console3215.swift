// IBM 3215 Console Printer-Keyboard: the operator's console of a System/370
// (the console of VM/370 and of stand-alone programs, usually at 009).
//
// What the program writes is printed; a read waits until the operator has
// typed a line and pressed END. The operator asks to type by pressing
// REQUEST, which the console presents as attention; here the owner of the
// machine raises attention (`ChannelSubsystem.signal`) when a line is
// typed while no read is waiting. Text is EBCDIC on the channel and the
// project's one EBCDIC table converts it.
//
// Commands (3215 component description): 01 write, no carrier return;
// 09 write, automatic carrier return; 0A read inquiry; 0B audible alarm;
// 03 no operation; 04 sense. Anything else is rejected. Sense byte 0:
// command reject, intervention required (no terminal attached), bus-out
// check, equipment check.

import Records

/// The operator's side of a 3215: a terminal, a script, or a test.
public protocol ConsoleHost: AnyObject {
    /// The program printed `text`; `carrierReturn` when the carrier returned after it.
    func consoleWrite(_ text: String, carrierReturn: Bool)
    /// A line the operator has entered, when one is ready; nil when none is yet.
    func consoleReadLine() -> String?
    /// The program sounded the alarm.
    func consoleAlarm()
}

/// A 3215 console.
public final class Console3215: Device {
    public let deviceType = DeviceType(number: 0x3215, name: "3215")
    /// Where output goes and input comes from; nil: no terminal (intervention required).
    public var host: ConsoleHost?
    /// A read is waiting for the operator.
    public private(set) var reading = false
    /// Sense byte 0.
    private var senseByte: SenseByte0 = []
    /// The longest line the operator can type (the 3215 prints 126 positions).
    public static let lineLength = 126

    /// A console whose operator is `host`.
    public init(host: ConsoleHost? = nil) {
        self.host = host
    }

    public var sense: [UInt8] { [senseByte.rawValue] }
    public var commandTime: Int { 200 }

    public func execute(_ command: UInt8, data: DataTransfer, chained: Bool) -> CommandResult {
        switch command {
        case 0x01, 0x09: // write, without or with carrier return
            guard let host else { return reject(.interventionRequired) }
            let bytes = data.fetchAll(limit: 65535)
            if data.failed { return .status(.ended) }
            senseByte = []
            host.consoleWrite(EBCDIC.decode(bytes, printable: true), carrierReturn: command == 0x09)
            return .status(.ended)
        case 0x0A: // read inquiry
            guard let host else { return reject(.interventionRequired) }
            guard let line = host.consoleReadLine() else {
                reading = true
                return .waiting
            }
            reading = false
            senseByte = []
            data.store(Array(EBCDIC.encode(line).prefix(Console3215.lineLength)))
            return .status(.ended)
        case 0x0B: // audible alarm
            guard let host else { return reject(.interventionRequired) }
            senseByte = []
            host.consoleAlarm()
            return .status(.ended)
        case 0x03: // no operation
            return .status(.ended)
        case 0x04: // sense
            data.store(sense)
            senseByte = []
            return .status(.ended)
        default:
            return reject(.commandReject)
        }
    }

    /// Refuses a command at initial selection with unit check.
    private func reject(_ why: SenseByte0) -> CommandResult {
        senseByte = why
        return .status(.unitCheck)
    }

    public func halt() { reading = false }
    public func reset() {
        reading = false
        senseByte = []
    }
}
