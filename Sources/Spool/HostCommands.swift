// The work of the host commands `s370 submit` and `s370 spool list|get|purge`,
// given a `SpoolSystem`: the same code runs in the command's own process when
// no system is running (it opens the spool under the home's lock) and in the
// running system when CP takes the request (`ControlProgram.perform` of a
// `HostRequest` with these arguments), so the two can never differ.
//
// The arguments are the command's canonical form, which `s370` builds from
// what the user typed:
//   submit [--to USERID] [--class C] [--name FN [FT]] [--format text|ebcdic] [--source NAME]
//          (the deck is the request's input)
//   spool list [--user USERID] [--queue RDR|PRT|PUN] [--all]
//   spool get SPOOLID --output PATH|- [--format text|ebcdic]
//   spool purge SPOOLID... | --all [--user USERID] [--queue RDR|PRT|PUN]
// An output path must be absolute (the running system has its own working
// folder); `-` returns text in the answer instead.

import Foundation
import Records

/// The host commands' work on a spool.
public enum SpoolHostCommand {
    /// Does the command in `arguments` (with `input`, a deck, for submit) on `spool`.
    /// Returns the exit status and what the command prints.
    public static func perform(_ arguments: [String], input: [UInt8], spool: SpoolSystem) -> (status: Int32, output: String) {
        do {
            var a = Arguments(arguments)
            switch a.next() {
            case "submit": return (0, try submit(&a, input: input, spool: spool))
            case "spool":
                switch a.next() {
                case "list": return (0, try list(&a, spool: spool))
                case "get": return (0, try get(&a, spool: spool))
                case "purge": return (0, try purge(&a, spool: spool))
                case let other: throw SpoolError.invalid("spool \(other ?? ""): the spool commands are list, get and purge")
                }
            case let other:
                throw SpoolError.invalid("'\(other ?? "")' is not a host command of the spool (submit, spool)")
            }
        } catch {
            return (1, "\(error)\n")
        }
    }

    /// Reads a deck's bytes as cards: text (the default) or EBCDIC card images. Binary
    /// data given as text, lines over 80 columns and empty decks are errors that say where.
    public static func readDeck(_ bytes: [UInt8], format: DeckFormat, source: String) throws -> [CardImage] {
        guard !bytes.isEmpty else { throw SpoolError.badDeck("\(source): the deck is empty: there are no cards") }
        do {
            let cards = try CardDeck.read(bytes, format: format, source: source)
            guard !cards.isEmpty else { throw SpoolError.badDeck("\(source): the deck is empty: there are no cards") }
            return cards
        } catch let e as DeckError {
            var message = e.description
            if format == .text && e.message.contains("control byte") {
                message += bytes.count % 80 == 0
                    ? " (here: --format ebcdic)"
                    : "; nor is it a deck of EBCDIC card images: its \(bytes.count) bytes are not a multiple of 80"
            }
            throw SpoolError.badDeck(message)
        }
    }

    // MARK: The commands

    static func submit(_ a: inout Arguments, input: [UInt8], spool: SpoolSystem) throws -> String {
        var to: String? = nil
        var spoolClass: Character = "A"
        var classGiven = false
        var name = "", type = ""
        var format = DeckFormat.text
        var source = "deck"
        while let o = a.next() {
            switch o {
            case "--to": to = try userid(a.value(o))
            case "--class":
                let c = try a.value(o).uppercased()
                guard c.count == 1, let ch = c.first, SpoolClass.isValid(ch) else {
                    throw SpoolError.invalid("--class \(c): a spool class is one of A-Z or 0-9")
                }
                spoolClass = ch
                classGiven = true
            case "--name":
                name = try a.value(o).uppercased()
                if let t = a.peek(), !t.hasPrefix("--") { type = t.uppercased(); _ = a.next() }
                if type.isEmpty ? name.count > 24 : (name.count > 8 || type.count > 8) {
                    throw SpoolError.invalid("--name: a file name and type of up to 8 characters each, or one data set name of up to 24")
                }
            case "--format": format = try deckFormat(a.value(o))
            case "--source": source = try a.value(o)
            default: throw SpoolError.invalid("submit: unknown option \(o)")
            }
        }
        let cards = try readDeck(input, format: format, source: source)
        let f: SpoolFile
        if let to {
            f = try spool.submit(cards, to: to, spoolClass: spoolClass, name: name, type: type, source: source)
        } else {
            if classGiven || !name.isEmpty {
                throw SpoolError.invalid("--class and --name go with --to; through the system reader the ID card says them")
            }
            f = try spool.readSystemDeck(cards, source: source)
        }
        return "RDR FILE \(f.spoolidText) SENT TO \(f.owner) CLASS \(f.spoolClass) RECDS \(SpoolQueries.sixDigits(f.records))\n"
    }

    static func list(_ a: inout Arguments, spool: SpoolSystem) throws -> String {
        var user: String? = nil
        var queues = SpoolQueue.allCases
        var all = true
        while let o = a.next() {
            switch o {
            case "--user": user = try userid(a.value(o))
            case "--queue": queues = [try queue(a.value(o))]
            case "--all": all = true
            case "--short": all = false
            default: throw SpoolError.invalid("spool list: unknown option \(o)")
            }
        }
        var out: [String] = []
        for q in queues {
            let files = spool.files(on: q, owner: user)
            guard !files.isEmpty else { continue }
            out.append("\(q.rawValue) QUEUE")
            out.append(SpoolQueries.heading(all: all))
            out += files.map { SpoolQueries.line($0, all: all) }
        }
        if out.isEmpty { out = ["NO SPOOL FILES" + (user.map { " FOR \($0)" } ?? "")] }
        return out.joined(separator: "\n") + "\n"
    }

    static func get(_ a: inout Arguments, spool: SpoolSystem) throws -> String {
        guard let idText = a.next(), let id = Int(idText) else { throw SpoolError.invalid("spool get: which spoolid?") }
        var output: String? = nil
        var format = SpoolOutputFormat.text
        while let o = a.next() {
            switch o {
            case "--output": output = try a.value(o)
            case "--format":
                let v = try a.value(o)
                guard let f = SpoolOutputFormat(rawValue: v) else { throw SpoolError.invalid("--format \(v): text or ebcdic") }
                format = f
            default: throw SpoolError.invalid("spool get: unknown option \(o)")
            }
        }
        guard let f = spool.file(id) else { throw SpoolError.noSuchFile(id) }
        let bytes = try spool.render(id, format: format)
        guard let path = output, path != "-" else {
            guard format == .text else { throw SpoolError.invalid("spool get: EBCDIC card images go to a file: give --output") }
            return String(bytes.map { Character(Unicode.Scalar($0)) })
        }
        guard path.hasPrefix("/") else { throw SpoolError.invalid("spool get: the output path must be absolute: \(path)") }
        try spool.storeCall { try DurableFile.write(bytes, to: path) }
        let unit = (f.originDevice.holdsPrintLines ? "LINE" : "CARD") + (f.records == 1 ? "" : "S")
        return "FILE \(f.spoolidText) (\(f.queue.rawValue) \(f.owner)) WRITTEN TO \(path): \(f.records) \(unit)\n"
    }

    static func purge(_ a: inout Arguments, spool: SpoolSystem) throws -> String {
        var ids: [Int] = []
        var all = false
        var user: String? = nil
        var queues = SpoolQueue.allCases
        while let o = a.next() {
            switch o {
            case "--all": all = true
            case "--user": user = try userid(a.value(o))
            case "--queue": queues = [try queue(a.value(o))]
            default:
                guard let n = Int(o), (1...SpoolSystem.maximumSpoolid).contains(n) else {
                    throw SpoolError.invalid("spool purge: '\(o)' is not a spoolid (1-\(SpoolSystem.maximumSpoolid))")
                }
                ids.append(n)
            }
        }
        guard all != !ids.isEmpty else { throw SpoolError.invalid("spool purge: give spoolids, or --all") }
        var purged: [SpoolFile] = []
        var missing = Set(ids)
        for q in queues {
            let r = try spool.purge(all ? .all : .spoolids(ids.filter { missing.contains($0) }), on: q, owner: user)
            purged += r.files
            for f in r.files { missing.remove(f.spoolid) }
        }
        var out = purged.map { "PURGED \($0.queue.rawValue) FILE \($0.spoolidText) OF \($0.owner)" }
        out.append("\(purged.isEmpty ? "NO" : SpoolFile.fourDigits(purged.count)) FILES PURGED")
        if !missing.isEmpty {
            throw SpoolError.invalid((out + missing.sorted().map { SpoolError.noSuchFile($0).description }).joined(separator: "\n"))
        }
        return out.joined(separator: "\n") + "\n"
    }

    // MARK: Arguments

    struct Arguments {
        var items: [String]
        var i = 0
        init(_ items: [String]) { self.items = items }
        mutating func next() -> String? {
            guard i < items.count else { return nil }
            i += 1
            return items[i - 1]
        }
        func peek() -> String? { i < items.count ? items[i] : nil }
        mutating func value(_ option: String) throws -> String {
            guard let v = next() else { throw SpoolError.invalid("\(option) needs a value") }
            return v
        }
    }

    static func userid(_ s: String) throws -> String {
        guard let u = Userid.normalized(s) else { throw SpoolError.invalid("'\(s)' is not a userid (one to eight letters and digits)") }
        return u
    }

    static func queue(_ s: String) throws -> SpoolQueue {
        switch s.uppercased() {
        case "RDR", "READER": return .reader
        case "PRT", "PRINTER": return .printer
        case "PUN", "PUNCH", "PCH": return .punch
        default: throw SpoolError.invalid("'\(s)' is not a queue: RDR, PRT or PUN")
        }
    }

    static func deckFormat(_ s: String) throws -> DeckFormat {
        guard let f = DeckFormat(rawValue: s.lowercased()) else { throw SpoolError.invalid("--format \(s): text or ebcdic") }
        return f
    }
}
