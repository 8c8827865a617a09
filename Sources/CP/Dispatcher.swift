// The dispatcher: virtual machines run in time slices on CP's thread, one
// slice at a time in turn, with CP's queued events (terminal lines, host
// requests) taken between slices, so a loop in one machine never starves the
// others or the terminals. A machine in an enabled wait is not dispatched and
// costs no host CPU; CP sleeps until an event or the earliest timer of a
// waiting machine.

import Channels
import Foundation
import S370CPU

extension ControlProgram {
    /// Whether any machine can run now.
    func runnableMachines() -> Bool {
        wakeWaitingMachines()
        return users.values.contains { isRunnable($0) }
    }

    /// A machine runs when it is running and its user is not in CP READ (unless SET RUN ON).
    func isRunnable(_ u: LoggedOnUser) -> Bool {
        guard let vm = u.vm, vm.state == .running else { return false }
        return u.mode != .cpRead || u.runInCPMode
    }

    /// How long CP may sleep: until the earliest timer of a waiting machine (at most a second).
    func idleWait() -> Double {
        var best = 1.0
        for u in users.values {
            guard let vm = u.vm, vm.state == .enabledWait else { continue }
            if let t = vm.cpu.timeToNextTimerEvent() {
                best = min(best, Double(t) / 4096 / 1_000_000)
            }
        }
        return max(best, 0.0005)
    }

    /// Machines in an enabled wait whose wait something has ended become runnable.
    func wakeWaitingMachines() {
        for u in users.values {
            guard let vm = u.vm, vm.state == .enabledWait else { continue }
            let cpu = vm.cpu
            if vm.deterministic, let t = cpu.timeToNextTimerEvent(), vm.channels.nextEventTime == nil,
               cpu.ioPendingChannels & cpu.enabledChannels == 0 {
                // Deterministic time skips the idle wait to the timer event.
                cpu.advanceIdle(by: t)
            } else {
                cpu.advanceIdle(by: 0)
            }
            if let next = vm.channels.nextEventTime {
                vm.channels.now = max(vm.channels.now, next)
                vm.channels.processDueEvents()
            }
            cpu.ioPendingChannels = vm.channels.pendingChannels
            let ioReady = cpu.ioPendingChannels & cpu.enabledChannels != 0
            let timerReady = cpu.timeToNextTimerEvent() == 0 || cpu.externalPending.rawValue != 0
            if ioReady || timerReady { vm.state = .running }
        }
    }

    /// Runs one slice of the next runnable machine in turn.
    func dispatch() {
        let order = users.keys.sorted()
        guard !order.isEmpty else { return }
        for k in 0..<order.count {
            let userid = order[(dispatchCursor + k) % order.count]
            guard let u = users[userid], isRunnable(u), let vm = u.vm else { continue }
            dispatchCursor = (dispatchCursor + k + 1) % order.count
            runSlice(vm)
            return
        }
    }

    /// Runs `vm` for up to one time slice.
    func runSlice(_ vm: VirtualMachine) {
        let start = Date().timeIntervalSinceReferenceDate
        defer { vm.totalCPUSeconds += Date().timeIntervalSinceReferenceDate - start }
        // While TRACE writes to the terminal, short slices keep CP answering.
        var budget = vm.tracing ? 100 : options.timeSlice
        let cpu = vm.cpu
        while budget > 0 && vm.state == .running {
            vm.channels.now = max(vm.channels.now, cpu.instructionCount)
            vm.channels.processDueEvents()
            cpu.ioPendingChannels = vm.channels.pendingChannels
            var b = budget
            if let next = vm.channels.nextEventTime, next > vm.channels.now {
                b = min(b, Int(min(next - vm.channels.now, UInt64(Int.max))))
            }
            if let stop = vm.adstop { _ = stop }
            let before = cpu.instructionCount
            let exit = cpu.run(budget: max(1, b))
            budget -= max(1, Int(cpu.instructionCount - before))
            vm.channels.now = max(vm.channels.now, cpu.instructionCount)
            if case .stop = handleExit(exit, of: vm) { break }
            if !isRunnable(vm.user) { break }
        }
    }

    /// Logon: the machine from the directory entry, with its devices.
    func createVirtualMachine(for u: LoggedOnUser) throws {
        let vm = try VirtualMachine(user: u, storageSize: u.entry.storage, deterministic: options.deterministic)
        vm.console.user = u
        vm.console.onReadWait = { [unowned self, unowned u] in self.guestReads(u) }
        try vm.attach(Console3215(host: vm.console), at: vm.consoleAddress, kind: "CONS")
        u.vm = vm
        try attachDirectoryDevices(u, vm)
    }

    /// Logoff: devices flushed and detached, spool files closed.
    func destroyVirtualMachine(for u: LoggedOnUser) {
        guard let vm = u.vm else { return }
        for (a, _) in vm.channels.devices { try? vm.detach(a) }
        releaseSpoolDevices(u)
        u.vm = nil
    }

    /// Virtual and total CPU seconds of a user's machine.
    func cpuTimes(_ u: LoggedOnUser) -> (Double, Double) {
        guard let vm = u.vm else { return (0, 0) }
        let virtual = Double(vm.cpu.virtualCPUTime) / 4096 / 1_000_000
        return (vm.deterministic ? Double(vm.cpu.instructionCount) / 1_000_000 : virtual, vm.totalCPUSeconds)
    }

    // MARK: The console

    /// The guest began to wait for a console line: VM READ.
    func guestReads(_ u: LoggedOnUser) {
        if u.mode == .cpRead { return }
        if u.mode != .vmRead { u.mode = .vmRead }
    }

    /// A line from a logged-on user's terminal: a CP command in CP READ or with
    /// `#CP`; otherwise input for the guest's console.
    func userLine(_ u: LoggedOnUser, _ line: String) {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        if trimmed.uppercased().hasPrefix("#CP") {
            let command = String(trimmed.dropFirst(3)).trimmingCharacters(in: .whitespaces)
            if command.isEmpty { enterCPRead(u, reason: nil); return }
            runUserCommand(u, command)
            return
        }
        if u.mode == .cpRead {
            runUserCommand(u, line)
            return
        }
        guard let vm = u.vm else { return }
        vm.console.input.append(line)
        vm.channels.resumeWaitingPrograms()
        vm.cpu.ioPendingChannels = vm.channels.pendingChannels
        u.mode = .running
        if vm.state == .enabledWait { vm.state = .running }
    }

    /// Runs a CP command typed by a user and writes the response.
    func runUserCommand(_ u: LoggedOnUser, _ line: String) {
        let (lines, _) = execute(commandLine: line, user: u, session: u.session)
        if !lines.isEmpty { u.write(lines) }
    }

    /// The attention key: CP READ.
    func attention(_ u: LoggedOnUser) {
        enterCPRead(u, reason: nil)
    }

    /// CP READ: CP takes the terminal (and the machine stops unless SET RUN ON).
    func enterCPRead(_ u: LoggedOnUser, reason: String?) {
        if let reason { u.write([reason]) }
        if u.mode != .cpRead {
            u.mode = .cpRead
            u.write(["CP READ"])
        }
    }

    /// BEGIN, or a reconnection: the guest's console again.
    func resumeConsole(_ u: LoggedOnUser) {
        guard let vm = u.vm else { u.mode = .cpRead; return }
        if vm.state == .stopped { u.mode = .cpRead; return }
        u.mode = vm.channels.isWaitingForDevice(vm.consoleAddress) ? .vmRead : .running
        u.write([u.mode == .vmRead ? "VM READ" : "RUNNING"])
    }

    /// A TRACE line to the user's terminal.
    func traceLine(_ vm: VirtualMachine, _ text: String) {
        vm.user.write(["*** \(text)"])
    }
}
