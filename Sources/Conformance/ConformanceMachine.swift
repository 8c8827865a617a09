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

    /// The lines printed on the printer at 00E (none until a printer is attached).
    static func printedLines(_ machine: BareMachine) -> [String] { [] }
}
