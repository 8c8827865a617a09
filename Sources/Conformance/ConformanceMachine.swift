// The machine the conformance decks run on: the bare machine in
// deterministic mode (the instruction count is the clock), 1M of storage.

import BareMachine
import S370CPU

/// Builds the machine for a deck and reads back what it printed.
enum ConformanceMachine {
    /// Storage for a deck: room for the programs, the DAT tables and the prefix areas.
    static let storageSize = 1 << 20

    static func make() throws -> BareMachine {
        try BareMachine(storageSize: storageSize, clock: .deterministic(microsecondsPerInstruction: 1))
    }

    /// Whether decks that need these devices can run. The bare machine answers
    /// every I/O instruction with condition code 3 until the channel subsystem
    /// is attached to it, so no device deck runs yet.
    static func canAttach(_ devices: [String]) -> Bool { devices.isEmpty }

    /// The lines printed on the printer at 00E (none until a printer is attached).
    static func printedLines(_ machine: BareMachine) -> [String] { [] }
}
