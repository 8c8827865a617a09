// Makes the device models a configuration names, opening their host files
// and checking their options; every error names the line or option and the
// file, and says what is wrong.

import Channels
import Records

extension MachineConfiguration {
    /// The device a spec describes. A 3215 gets `console` as its operator.
    public static func makeDevice(_ spec: DeviceSpec, console: ConsoleHost?) throws -> Device {
        var options = Set(spec.options)
        var values: [String: String] = [:]
        for o in spec.options where o.contains("=") {
            let parts = o.split(separator: "=", maxSplits: 1).map(String.init)
            values[parts[0]] = parts.count > 1 ? parts[1] : ""
            options.remove(o)
        }
        func take(_ names: String...) -> Bool {
            var found = false
            for n in names where options.remove(n) != nil { found = true }
            return found
        }
        func needFile() throws -> String {
            guard let p = spec.path else {
                throw MachineConfigurationError(spec.origin, "a \(spec.type) at \(hexAddress(spec.address)) needs a host file")
            }
            return p
        }
        func wrap<T>(_ body: () throws -> T) throws -> T {
            do { return try body() } catch let e as MachineConfigurationError {
                throw e
            } catch {
                throw MachineConfigurationError(spec.origin, "\(error)")
            }
        }
        let device: Device
        switch spec.type {
        case "3215":
            if spec.path != nil {
                throw MachineConfigurationError(spec.origin, "a 3215 console takes no file: it is the terminal (or --console-script)")
            }
            device = Console3215(host: console)
        case "2540R":
            let path = try needFile()
            let format: DeckFormat? = take("text", "ascii") ? .text : take("ebcdic") ? .ebcdic : nil
            let end: EndOfDeck = take("intrq") ? .interventionRequired : (take("eof") ? .unitException : .unitException)
            device = try wrap { try CardReader2540(path: path, format: format, endOfDeck: end) }
        case "2540P":
            let path = try needFile()
            let format: DeckFormat = take("text", "ascii") ? .text : (take("ebcdic") ? .ebcdic : .ebcdic)
            device = try wrap { try CardPunch2540(path: path, format: format) }
        case "1403":
            let path = try needFile()
            let lines = try values.removeValue(forKey: "lines").map { try number($0, "lines", spec) } ?? 66
            let width = try values.removeValue(forKey: "width").map { try number($0, "width", spec) } ?? 132
            guard (1...255).contains(width) else {
                throw MachineConfigurationError(spec.origin, "width=\(width): a 1403 prints 1 to 255 positions (132 is usual)")
            }
            let tape: CarriageTape
            if let fcb = values.removeValue(forKey: "fcb") {
                tape = try wrap { try CarriageTape(lines: lines, spec: fcb) }
            } else if lines != 66 {
                tape = try wrap { try CarriageTape(lines: lines, spec: "1:1,12:\(max(1, lines - 6))") }
            } else {
                tape = .standard
            }
            device = try wrap { try Printer1403(path: path, tape: tape, width: width) }
        case "3420", "3410", "3480":
            let path = try needFile()
            let readOnly = take("ro", "readonly")
            let create = take("create")
            device = try wrap { try Tape3420(path: path, readOnly: readOnly, create: create) }
        case "3330", "3330-11", "3350":
            let path = try needFile()
            let readOnly = take("ro", "readonly")
            let disk = try wrap { try CKDDisk(path: path, readOnly: readOnly) }
            let expected = spec.type == "3330-11" ? "3330-11" : spec.type
            guard disk.geometry.name == expected || (expected == "3330" && disk.geometry.name == "3330") else {
                throw MachineConfigurationError(spec.origin, "\(path) is a \(disk.geometry.name) volume, not a \(spec.type): write \(disk.geometry.name) as its type")
            }
            device = disk
        default:
            throw MachineConfigurationError(spec.origin, "unknown device type '\(spec.type)'")
        }
        if let extra = options.first ?? values.keys.first {
            throw MachineConfigurationError(spec.origin, "the option '\(extra)' does not apply to a \(spec.type)")
        }
        return device
    }

    static func number(_ s: String, _ name: String, _ spec: DeviceSpec) throws -> Int {
        guard let n = Int(s) else { throw MachineConfigurationError(spec.origin, "\(name)=\(s) is not a number") }
        return n
    }
}
