// The device protocol: what every device model implements (STYLE.md: every
// device in its own file with the same shape: a prose header, its state as
// typed fields, its command handling, its sense bytes).
//
// The channel gives a device one command at a time with a `DataTransfer` to
// read its data from or store its data into, and gets the unit status back
// (PoO, "Input/Output Operations"; the device's component description says
// which commands it has). A status without channel end means the command was
// refused at initial selection (for example unit check for a command reject):
// the channel then reports it without channel end and device end, as the PoO
// says for a chain concluded at initiation. Data chaining, skipping, IDAWs,
// incorrect length and command chaining are the channel's business, not the
// device's.

/// How a device answers one command.
public enum CommandResult: Equatable, Sendable {
    /// The command ended with this status: normally channel end and device end,
    /// with status modifier, unit check or unit exception as the command decides.
    case status(UnitStatus)
    /// Channel end now (with the given extra bits); device end follows after
    /// `after` time units (a rewind, a carriage skip), with the extra bits of
    /// `deviceEnd` (unit exception at a form's overflow line).
    case channelEndFirst(UnitStatus, deviceEnd: UnitStatus, after: Int)
    /// The device cannot do the command until something outside happens (an
    /// operator's input): nothing has moved; the channel asks again later.
    case waiting
}

/// The kind of a device: its type number and its name in configuration files.
public struct DeviceType: Equatable, Sendable, CustomStringConvertible {
    /// The type number, for example 0x3215 (as Sense ID or a Hercules user would write it).
    public var number: UInt16
    /// The model, where it matters (3330 model 1 or 11).
    public var model: UInt8
    /// The name used in configuration files and messages, for example "3215" or "2540R".
    public var name: String

    /// A device type.
    public init(number: UInt16, model: UInt8 = 1, name: String) {
        self.number = number
        self.model = model
        self.name = name
    }

    public var description: String { name }
}

/// A device model behind a subchannel.
public protocol Device: AnyObject {
    /// What the device is.
    var deviceType: DeviceType { get }
    /// Executes one command. `chained` is false for the first command of a
    /// channel program (devices that keep state across a chain, as a disk's
    /// file mask and orientation, start afresh then).
    func execute(_ command: UInt8, data: DataTransfer, chained: Bool) -> CommandResult
    /// The sense bytes a sense command would store now.
    var sense: [UInt8] { get }
    /// Time units (instructions, in deterministic mode) a command takes from
    /// its start to channel end: device completions are scheduled with it.
    var commandTime: Int { get }
    /// The operator or the program halted the device (HALT I/O, a reset): end
    /// any operation in progress; nothing further is presented for it.
    func halt()
    /// System reset: the device returns to its initial state (sense cleared;
    /// media keep their position, as on a real machine).
    func reset()
    /// Writes what the device holds for its host file.
    func flush() throws
}

extension Device {
    public var commandTime: Int { 100 }
    public func halt() {}
    public func flush() throws {}
}

/// Sense byte 0 bits common to the IBM devices of this machine (their
/// component descriptions: 2821, 3211, 3215, 3803, 3830).
public struct SenseByte0: OptionSet, Sendable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }
    /// Bit 0: an invalid command, or one the device cannot do in its state.
    public static let commandReject = SenseByte0(rawValue: 0x80)
    /// Bit 1: the device is not ready (no cards, no file, no tape).
    public static let interventionRequired = SenseByte0(rawValue: 0x40)
    /// Bit 2: a parity error on the bus-out lines.
    public static let busOutCheck = SenseByte0(rawValue: 0x20)
    /// Bit 3: a device malfunction.
    public static let equipmentCheck = SenseByte0(rawValue: 0x10)
    /// Bit 4: the data read or written is in error (for a host file: it could not be read or written).
    public static let dataCheck = SenseByte0(rawValue: 0x08)
    /// Bit 5: data was lost because the channel did not keep up.
    public static let overrun = SenseByte0(rawValue: 0x04)
}

/// What went wrong with a host file a device uses: named, with what to do.
public struct DeviceFileError: Error, CustomStringConvertible, Equatable {
    /// The host file.
    public var path: String
    /// What is wrong.
    public var message: String

    /// An error in `path`.
    public init(path: String, _ message: String) {
        self.path = path
        self.message = message
    }

    public var description: String { "\(path): \(message)" }
}
