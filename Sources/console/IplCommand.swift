// s370 ipl: the bare machine. Either IPL from a device (the devices from a
// configuration file and the short forms, the 3215 console at 009 on the
// terminal or driven by a console script), or load raw images into storage
// and start at a PSW, as Hercules' loadcore and psw commands do.

import ArgumentParser
import BareMachine
import Channels
import DATBox
import Foundation
import S370CPU

struct IplCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ipl",
        abstract: "Run a program on the bare machine: IPL from a device, or start at a PSW.",
        discussion: """
            s370 ipl CUU loads from the device at CUU, as the LOAD key of a System/370 does, \
            and runs until a disabled wait, the instruction limit, or (with --console-script) \
            the script is used up and the program waits idle. The 3215 console at 009 is the \
            terminal: what the program writes appears, and a line typed while it is not reading \
            raises attention, as on a real 3215.

            Devices come from the short forms (FILE, or FILE@cuu for another address) and from \
            --config FILE, one device a line: address, type, file, options; # starts a comment:
              009  3215
              00C  2540R  deck.txt        text eof    (or ebcdic; intrq)
              00D  2540P  punched.deck    ebcdic      (or text)
              00E  1403   print.txt       fcb=1:1,12:60 lines=66 width=132
              580  3420   tape.aws        ro          (create: a new empty tape)
              131  3330   disk.cckd       ro          (3330, 3330-11, 3350)

            A reader, punch or printer whose file is spool:USERID uses the spool of --home: it \
            reads that user's reader files, or writes punch and printer files that are closed \
            onto the system queues when the run ends (see s370 spool).

            Without CUU: loads raw images with --core FILE@HEXADDR and starts at --psw.

            Examples:
              s370 ipl 580 --tape ../shared/images/dmkddr.aws --printer print.txt --dasd vol.cckd@131
              s370 ipl 00C --reader hello.deck --printer print.txt --deterministic
              s370 ipl --core prog.bin@1000 --psw 0000000000001000
            """)

    @Argument(help: "The device to IPL from, as cuu (for example 580). Omit it to start at --psw.")
    var device: String?

    @Option(help: "A configuration file: one device a line (address, type, file, options).")
    var config: String?

    @Option(help: "A card reader deck: FILE[@cuu], at 00C unless @cuu says otherwise.")
    var reader: [String] = []

    @Option(help: "A card punch output file: FILE[@cuu], at 00D unless @cuu says otherwise.")
    var punch: [String] = []

    @Option(help: "A printer output file: FILE[@cuu], at 00E unless @cuu says otherwise.")
    var printer: [String] = []

    @Option(help: "An AWS tape image: FILE[@cuu], at 580 unless @cuu says otherwise.")
    var tape: [String] = []

    @Option(help: "A CKD or CCKD disk image: FILE@cuu.")
    var dasd: [String] = []

    @Option(name: .customLong("console-script"),
            help: "Lines to type at the console, one each time the program reads it; the run ends when they are used up and the program waits idle.")
    var consoleScript: String?

    @Option(name: .customLong("core"), help: "A raw image and its hexadecimal load address: FILE@HEXADDR.")
    var cores: [String] = []

    @Option(name: .customLong("load"),
            help: "An object deck (from s370 asm -o) to link and load: DECK@HEXADDR (repeatable; the decks are linked together).")
    var loads: [String] = []

    @Option(help: "The PSW to start at, as 16 hexadecimal digits (without an IPL device).")
    var psw: String?

    @Option(name: .customLong("max-instructions"), help: "Stop after this many instructions.")
    var maxInstructions: UInt64?

    @Option(name: .customLong("dump"), help: "Storage to show at the end: HEXADDR.HEXLEN (repeatable).")
    var dumps: [String] = []

    @Flag(help: "Print each instruction before it executes.")
    var trace = false

    @Flag(name: .customLong("trace-io"), help: "Print each I/O instruction, channel command and I/O interruption (on stderr).")
    var traceIO = false

    @Option(help: "Report format: text (default) or json.")
    var report: ReportFormat = .text

    @Flag(help: "Run the clocks from the instruction count, so that runs are repeatable.")
    var deterministic = false

    @Option(help: "Main storage size, in K (with K suffix) or M (with M suffix); default 16M.")
    var storage: String = "16M"

    @Option(help: "The home whose spool devices written spool:USERID use (default: $S370_HOME, else ./s370-data).")
    var home: String?

    func run() throws {
        let size = try parseStorageSize(storage)
        let machine = try BareMachine(storageSize: size,
                                      clock: deterministic ? .deterministic(microsecondsPerInstruction: 1) : .realTime)
        for spec in cores {
            try loadCore(spec, into: machine.storage)
        }
        let entry = try loadObjectDecks(loads, into: machine.storage)
        var ranges: [(UInt32, Int)] = []
        for d in dumps { ranges.append(try parseRange(d)) }

        var iplAddress: UInt16? = nil
        if let device {
            guard psw == nil else {
                throw ValidationError("give either a device to IPL from or --psw, not both")
            }
            iplAddress = try MachineConfiguration.parseAddress(device, origin: "s370 ipl")
        } else if psw == nil && entry == nil {
            throw ValidationError("give a device to IPL from (for example 's370 ipl 580 --tape FILE'), or --psw to start raw images")
        }

        let spoolDevices = BareMachineSpool(home: home)
        try attachDevices(to: machine, spool: spoolDevices)
        if traceIO { machine.channels.ioTrace = { fputs($0 + "\n", stderr) } }

        if let iplAddress {
            do {
                try machine.ipl(from: iplAddress)
            } catch let e as IPLError {
                try? machine.flushDevices()
                throw RunError("\(e)")
            }
        } else if let pswText = psw {
            guard pswText.count == 16, let value = UInt64(pswText, radix: 16) else {
                throw ValidationError("--psw '\(pswText)' is not 16 hexadecimal digits")
            }
            machine.cpu.loadPSW(PSW(value))
        } else if let entry {
            // Object decks without --psw start at their entry point (BC mode, key 0, disabled).
            machine.cpu.loadPSW(PSW(UInt64(entry)))
        }
        if trace {
            machine.cpu.tracer = { cpu, ia, inst in
                print(Disassembler.traceLine(cpu: cpu, address: ia, instruction: inst))
            }
        }
        let result = machine.run(maxInstructions: maxInstructions ?? .max)
        var flushError: String? = nil
        do { try machine.flushDevices() } catch { flushError = "\(error)" }
        let spoolLines = try spoolDevices.finish()
        if report == .text, let c = machine.console, !c.transcript.isEmpty, !c.transcript.hasSuffix("\n") {
            print("")
        }
        let text = Report(machine: machine, result: result, ranges: ranges, ipl: iplAddress)
        print(report == .json ? text.json() : text.text())
        for line in spoolLines { if report == .json { fputs(line + "\n", stderr) } else { print(line) } }
        if let flushError { throw RunError("writing a device's file failed: \(flushError)") }
    }

    /// The devices of --config and the short forms, and the operator at the 3215.
    func attachDevices(to machine: BareMachine, spool: BareMachineSpool) throws {
        var specs: [DeviceSpec] = []
        do {
            if let config {
                let url = URL(fileURLWithPath: config)
                guard let data = FileManager.default.contents(atPath: config) else {
                    throw RunError("--config: cannot read '\(config)'")
                }
                specs = try MachineConfiguration.parse(String(decoding: data, as: UTF8.self), name: config,
                                                       directory: url.deletingLastPathComponent().path)
            }
            let short: [(values: [String], type: String, address: UInt16?, option: String)] = [
                (reader, "2540R", 0x00C, "--reader"), (punch, "2540P", 0x00D, "--punch"),
                (printer, "1403", 0x00E, "--printer"), (tape, "3420", 0x580, "--tape"), (dasd, "", nil, "--dasd"),
            ]
            for s in short {
                for v in s.values {
                    var spec = try MachineConfiguration.shortForm(v, type: s.type, defaultAddress: s.address, option: s.option)
                    if s.option == "--dasd" {
                        let disk = try CKDImages.open(path: spec.path ?? "", readOnly: true)
                        spec.type = disk.geometry.name
                    }
                    if let other = specs.first(where: { $0.address == spec.address }) {
                        throw RunError("\(s.option) \(v): address \(hexAddress(spec.address)) is already used by the \(other.type) of \(other.origin)")
                    }
                    specs.append(spec)
                }
            }
        } catch let e as MachineConfigurationError {
            throw RunError("\(e)")
        } catch let e as DeviceFileError {
            throw RunError("\(e)")
        }

        // The operator: the terminal, or the console script.
        let output = report == .json ? OperatorConsole.standardError : OperatorConsole.standardOutput
        let operatorConsole: OperatorConsole
        if let consoleScript {
            guard let data = FileManager.default.contents(atPath: consoleScript) else {
                throw RunError("--console-script: cannot read '\(consoleScript)'")
            }
            operatorConsole = OperatorConsole(input: .script(OperatorConsole.scriptLines(String(decoding: data, as: UTF8.self))),
                                              output: output)
        } else if device != nil || isatty(0) != 0 {
            operatorConsole = OperatorConsole(input: .terminal, output: output)
        } else {
            // Raw images started at a PSW with stdin not a terminal: as before devices existed,
            // an enabled wait ends the run instead of waiting for input.
            operatorConsole = OperatorConsole(input: .none, output: output)
        }
        // The 3215 at 009 unless the configuration puts one elsewhere (or 009 to another use).
        if let console = specs.first(where: { $0.type == "3215" }) {
            machine.consoleAddress = console.address
            machine.console = operatorConsole
        } else if !specs.contains(where: { $0.address == 0x009 }) {
            specs.append(DeviceSpec(address: 0x009, type: "3215", path: nil, origin: "the console"))
            machine.console = operatorConsole
        }
        for spec in specs {
            do {
                let d = try spool.device(for: spec)
                    ?? MachineConfiguration.makeDevice(spec, console: spec.address == machine.consoleAddress ? operatorConsole : nil)
                try machine.attach(d, at: spec.address)
            } catch let e as MachineConfigurationError {
                throw RunError("\(e)")
            } catch let e as RunError {
                throw e
            } catch {
                throw RunError("\(spec.origin): \(error)")
            }
        }
    }
}

/// An error that ends the command with its message (and no usage text).
struct RunError: Error, CustomStringConvertible {
    let description: String
    init(_ message: String) { description = message }
}

/// The report formats of `s370 ipl`.
enum ReportFormat: String, ExpressibleByArgument {
    case text, json
}

/// Parses a storage size such as 16M, 512K or a byte count.
func parseStorageSize(_ s: String) throws -> Int {
    let u = s.uppercased()
    let n: Int?
    if u.hasSuffix("M") { n = Int(u.dropLast()).map { $0 << 20 } }
    else if u.hasSuffix("K") { n = Int(u.dropLast()).map { $0 << 10 } }
    else { n = Int(u) }
    guard let size = n, size >= 4096, size <= 16 << 20, size % 4096 == 0 else {
        throw ValidationError("storage size '\(s)' must be a multiple of 4K from 4K to 16M (for example 16M or 512K)")
    }
    return size
}

/// Loads FILE@HEXADDR into storage.
func loadCore(_ spec: String, into storage: MainStorage) throws {
    guard let at = spec.lastIndex(of: "@") else {
        throw ValidationError("--core '\(spec)' needs a load address: FILE@HEXADDR")
    }
    let path = String(spec[..<at])
    let addrText = String(spec[spec.index(after: at)...])
    guard let address = UInt32(addrText, radix: 16) else {
        throw ValidationError("--core '\(spec)': '\(addrText)' is not a hexadecimal address")
    }
    guard let data = FileManager.default.contents(atPath: path) else {
        throw ValidationError("--core: cannot read '\(path)'")
    }
    guard Int(address) + data.count <= storage.size else {
        throw ValidationError("--core '\(spec)': \(data.count) bytes at \(addrText) do not fit in \(storage.size / 1024)K of storage")
    }
    storage.load([UInt8](data), at: address)
}

/// Parses HEXADDR.HEXLEN.
func parseRange(_ s: String) throws -> (UInt32, Int) {
    let parts = s.split(separator: ".")
    guard parts.count == 2, let a = UInt32(parts[0], radix: 16), let n = Int(parts[1], radix: 16) else {
        throw ValidationError("--dump '\(s)' is not HEXADDR.HEXLEN (for example 1000.40)")
    }
    return (a, n)
}
