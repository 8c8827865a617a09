// The machine the conformance decks run on: the bare machine in
// deterministic mode (the instruction count is the clock), 1M of storage, a
// 1403 printer at 00E for the report every deck prints, and the devices a
// deck declares on its `* DEVICES:` line (`009 3215, 00C 2540R FILE, 00D
// 2540P, 00E 1403, 190 3330 SERIAL`), the reader's cards from FILE beside
// the deck, a disk a new volume made for the run.

import BareMachine
import Channels
import Foundation
import Records
import S370CPU

/// A 3215's operator for a deck: keeps what the program writes, types nothing.
final class ConsoleTranscript: ConsoleHost {
    private(set) var lines: [String] = []
    func consoleWrite(_ text: String, carrierReturn: Bool) { lines.append(text) }
    func consoleReadLine() -> String? { nil }
    func consoleAlarm() {}
}

/// A machine built for one deck, with its printer.
struct ConformanceMachine {
    /// Storage for a deck: room for the programs, the DAT tables and the prefix areas.
    static let storageSize = 1 << 20

    let machine: BareMachine
    let printer: Printer1403
    /// Temporary folders holding the run's disk volumes.
    let scratch: [String]

    /// Removes the run's temporary volumes.
    func cleanUp() {
        for f in scratch { try? FileManager.default.removeItem(atPath: f) }
    }

    /// Whether decks that need these devices can run here (the device types this
    /// runner knows how to attach).
    static func canAttach(_ devices: [String]) -> Bool {
        devices.allSatisfy { d in
            let words = d.split(separator: " ")
            return words.count >= 2 && UInt16(words[0], radix: 16) != nil
                && ["3215", "2540R", "2540P", "1403", "3330", "3350"].contains(String(words[1]))
                && (!["2540R", "3330", "3350"].contains(String(words[1])) || words.count == 3)
        }
    }

    /// The machine, with the printer at 00E and the devices `devices` names
    /// (files relative to `directory`).
    static func make(devices: [String], directory: String) throws -> ConformanceMachine {
        let m = try BareMachine(storageSize: storageSize, clock: .deterministic(microsecondsPerInstruction: 1))
        var printer = try Printer1403()
        var printerAttached = false
        var scratch: [String] = []
        for d in devices {
            let words = d.split(separator: " ").map(String.init)
            guard words.count >= 2, let address = UInt16(words[0], radix: 16) else { continue }
            switch words[1] {
            case "1403":
                if address == 0x00E { printerAttached = true; try m.attach(printer, at: address) }
                else { try m.attach(try Printer1403(), at: address) }
            case "3215":
                try m.attach(Console3215(host: ConsoleTranscript()), at: address)
            case "2540R":
                try m.attach(try CardReader2540(path: directory + "/" + words[2]), at: address)
            case "2540P":
                try m.attach(try CardPunch2540(), at: address)
            case "3330", "3350":
                // A new volume with this serial, made for the run in a temporary folder.
                guard let geometry = CKDGeometry.named(words[1]) else { continue }
                let folder = FileManager.default.temporaryDirectory
                    .appendingPathComponent("s370-conformance-\(getpid())-\(address)").path
                try? FileManager.default.removeItem(atPath: folder)
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
                let path = folder + "/volume.cckd"
                try CKDVolume.initialize(path: path, geometry: geometry, serial: words[2], format: .compressed(.zlib))
                try m.attach(try CKDDisk(path: path, readOnly: false), at: address)
                scratch.append(folder)
            default:
                continue
            }
        }
        if !printerAttached {
            printer = try Printer1403()
            try m.attach(printer, at: 0x00E)
        }
        return ConformanceMachine(machine: m, printer: printer, scratch: scratch)
    }

    /// The lines printed on the printer at 00E.
    var printedLines: [String] {
        printer.output.split(separator: "\n", omittingEmptySubsequences: false)
            .map { String($0).trimmingCharacters(in: .whitespaces.union(.init(charactersIn: "\u{0C}\r"))) }
            .filter { !$0.isEmpty }
    }
}
