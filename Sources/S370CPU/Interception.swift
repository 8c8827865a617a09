// What an owner that intercepts privileged instructions (CP) can ask of the
// CPU: to perform an intercepted instruction as the machine would, against
// the CPU's own state (the virtual machine's state, since a virtual machine
// has a CPU and storage of its own).

extension CPU {
    /// Performs a privileged instruction that exited as `.intercepted`, with the
    /// interception controls set aside. The PSW points past the instruction, as
    /// the exit left it. A program interruption the instruction raises is taken
    /// (or, when interruptions are intercepted, returned as an exit); an exit the
    /// instruction asks for (an I/O instruction, DIAGNOSE) is returned.
    public func performIntercepted(_ instruction: UInt64, ilc: UInt8) -> Exit? {
        let saved = interception
        interception.privilegedInstructions = false
        // The target of EXECUTE has ILC 2 whatever its own length.
        executing = ilc == 2 && Field.length(Field.op(instruction)) != 4
        mustReload = false
        _ = executeCold(instruction)
        interception = saved
        if pendingProgramCode != 0 {
            ilcOverride = ilc
            finishProgramInterruption(instruction)
        }
        executing = false
        defer { pendingExit = nil }
        return pendingExit
    }
}
