// A virtual machine: its own CPU state, its own storage (host memory CP owns,
// sized from the directory), and its own channel subsystem whose devices are
// virtual: the console on the user's terminal, spooled unit-record devices,
// and minidisks that are cylinder extents of real volumes. Because the guest's
// real storage is this `MainStorage`, a guest channel program runs against it
// directly: the translation of guest real addresses CCW translation does on a
// real VM/370 is here the identity, and the channel checks every address
// against the guest's storage size, so a guest can never reach outside it.

import DATBox
import Channels
import Foundation
import S370CPU

/// Why a virtual machine is not running.
enum MachineState: Equatable {
    /// The guest runs (it is dispatched in time slices).
    case running
    /// The guest is in an enabled wait: it runs again at an interruption.
    case enabledWait
    /// The guest is stopped: CP READ, a disabled wait, or before the first IPL.
    case stopped
}

/// Exit counts by reason, for INDICATE and QUERY.
struct ExitCounts {
    var privileged = 0
    var privilegedByOperation: [String: Int] = [:]
    var io = 0
    var diagnose = 0
    var programReflected = 0
    var svcReflected = 0
    var ioInterruptions = 0
    var shadowMisses = 0
    var waits = 0
    var total: Int { privileged + io + diagnose + programReflected + svcReflected + ioInterruptions + shadowMisses + waits }
}

/// One user's virtual machine.
final class VirtualMachine {
    unowned let user: LoggedOnUser
    private(set) var storage: MainStorage
    private(set) var cpu: CPU
    private(set) var channels: ChannelSubsystem
    /// The console and its bridge to the user's terminal.
    let console: UserConsole
    var consoleAddress: DeviceAddress
    var state: MachineState = .stopped
    var exits = ExitCounts()
    /// SET ASSIST ON|OFF.
    var assist = true { didSet { applyInterception() } }
    /// TRACE or ADSTOP active: the assist is off while they are.
    var tracing = false { didSet { applyInterception() } }
    var adstop: UInt32? = nil { didSet { applyInterception() } }
    /// SET PAGING SHADOW|NESTED.
    var shadowTables: ShadowTables? = ShadowTables()
    /// Total host seconds spent running this machine and in CP on its behalf.
    var totalCPUSeconds: Double = 0
    /// The devices of the machine, by address, with their kinds for QUERY VIRTUAL.
    var deviceKinds: [DeviceAddress: String] = [:]
    /// Minidisks: the owner, the owner's address, and whether linked for writing.
    var minidiskLinks: [DeviceAddress: (owner: String, address: DeviceAddress, write: Bool)] = [:]
    let deterministic: Bool
    private(set) var realTimer: Bool

    init(user: LoggedOnUser, storageSize: Int, deterministic: Bool) throws {
        self.user = user
        self.deterministic = deterministic
        realTimer = user.entry.options.contains("REALTIMER")
        storage = try MainStorage(size: storageSize)
        cpu = CPU(storage: storage)
        channels = ChannelSubsystem(storage: storage)
        console = UserConsole()
        consoleAddress = user.entry.console?.address ?? 0x009
        configureCPU()
    }

    /// The CPU as a virtual machine sees it: STIDP's version code X'FF' says it
    /// runs under CP; interception as VM/370 does it; virtual timers.
    func configureCPU() {
        cpu.cpuID = 0xFF00_0001_0158_0000 | (UInt64(user.lineNumber & 0xFFFF) << 32)
        cpu.clockMode = deterministic ? .deterministic(microsecondsPerInstruction: 1) : .virtualMachine(realTimer: realTimer)
        cpu.datBox.shadowTables = shadowTables
        cpu.datBox.translationMode = shadowTables == nil ? .walk : .shadow
        applyInterception()
    }

    /// SET TIMER REAL (or back): the CPU timer keeps its value across the change.
    func setRealTimer(_ on: Bool) {
        realTimer = on
        guard !deterministic else { return }
        let t = cpu.cpuTimer
        cpu.clockMode = .virtualMachine(realTimer: on)
        cpu.setCPUTimer(t)
    }

    /// Sets the interception controls from the assist, TRACE and ADSTOP settings.
    func applyInterception() {
        cpu.interception.privilegedInstructions = true
        cpu.interception.interruptions = true
        cpu.interception.assist = assist && !tracing && adstop == nil
    }

    /// DEFINE STORAGE: a new storage size; the machine is reset (its devices stay).
    func redefineStorage(_ size: Int) throws {
        let devices = channels.devices
        storage = try MainStorage(size: size)
        cpu = CPU(storage: storage)
        channels = ChannelSubsystem(storage: storage)
        for (a, d) in devices { try channels.attach(d, at: a) }
        configureCPU()
        state = .stopped
    }

    /// SYSTEM RESET / CLEAR.
    func systemReset(clear: Bool) {
        if clear { cpu.clearReset() } else { cpu.initialCPUReset() }
        channels.systemReset()
        cpu.ioPendingChannels = 0
        configureCPU()
        state = .stopped
    }

    /// IPL from a device of the machine: the implicit Read IPL CCW, then the PSW from 0.
    func ipl(from address: DeviceAddress, clear: Bool) -> Result<Void, IPLError> {
        systemReset(clear: clear)
        switch channels.initialProgramLoad(from: address) {
        case .failure(let e):
            return .failure(e)
        case .success:
            // The I/O address is stored at real locations 2-3 (PoO, "Initial Program Loading").
            storage.setHalfword(address, at: 2)
            cpu.loadPSW(PSW(storage.doubleword(at: 0)))
            cpu.ioPendingChannels = 0
            state = .running
            return .success(())
        }
    }

    /// The machine's minidisks, spool devices and console, attached at logon.
    func attach(_ device: Device, at address: DeviceAddress, kind: String) throws {
        try channels.attach(device, at: address)
        deviceKinds[address] = kind
    }

    func detach(_ address: DeviceAddress) throws {
        try channels.detach(address)
        deviceKinds[address] = nil
        minidiskLinks[address] = nil
    }
}

/// The console of a virtual machine, bridged to its user's terminal: what the
/// guest writes goes to the terminal (dropped while disconnected); a read
/// takes the next line the user typed, or waits (VM READ).
final class UserConsole: ConsoleHost {
    /// Lines typed for the guest that it has not read yet.
    var input: [String] = []
    /// Output of a write without carrier return, waiting for the rest of its line.
    var partial = ""
    /// Where the lines go.
    weak var user: LoggedOnUser?
    /// Called when the guest begins to wait for a line.
    var onReadWait: (() -> Void)?
    /// Called when the guest sounds the alarm.
    var alarmCount = 0

    func consoleWrite(_ text: String, carrierReturn: Bool) {
        partial += text
        if carrierReturn {
            user?.write([partial])
            partial = ""
        }
    }

    func consoleReadLine() -> String? {
        if !partial.isEmpty {
            user?.write([partial])
            partial = ""
        }
        if input.isEmpty {
            onReadWait?()
            return nil
        }
        return input.removeFirst()
    }

    func consoleAlarm() { alarmCount += 1 }
}
