// s370 submit: a card deck from the host into the spool: into a user's reader
// (--to), or through the system card reader, whose first card, the ID card,
// names the user (vm370-reference.md, 3.5).

import ArgumentParser
import Foundation

struct SubmitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "submit",
        abstract: "Put a card deck in a user's reader.",
        discussion: """
            The deck is a text file, one card a line (at most 80 characters), or, with \
            --format ebcdic, 80-byte EBCDIC card images. With --to it goes to that user's \
            reader as it is; without, it goes through the system card reader: its first card \
            is the ID card, 'ID userid [CLASS c] [NAME fn ft]', which is not sent. A deck of \
            - is read from standard input.
            """)

    @Argument(help: "The deck: a host file, or - for standard input.")
    var deck: String

    @Option(help: "The user whose reader gets the deck (no ID card then).")
    var to: String?

    @Option(name: .customLong("class"), help: "The spool class, A-Z or 0-9 (with --to; default A).")
    var spoolClass: String?

    @Option(name: .customLong("name"), parsing: .upToNextOption, help: "The file's name and type, FN FT (with --to).")
    var name: [String] = []

    @Option(help: "The deck's format: text (default) or ebcdic.")
    var format: String = "text"

    @Option(help: "The system's home folder (default: $S370_HOME, else ./s370-data).")
    var home: String?

    func run() throws {
        let bytes: [UInt8]
        if deck == "-" {
            bytes = [UInt8](FileHandle.standardInput.readDataToEndOfFile())
        } else {
            guard let data = FileManager.default.contents(atPath: deck) else {
                throw SpoolHost.fail("\(deck): cannot read the deck (no such file, or not readable)")
            }
            bytes = [UInt8](data)
        }
        guard (1...2).contains(name.count) || name.isEmpty else {
            throw ValidationError("--name takes a file name and type (FN FT), or one data set name")
        }
        var arguments = ["submit", "--source", deck == "-" ? "standard input" : deck, "--format", format]
        if let to { arguments += ["--to", to] }
        if let spoolClass { arguments += ["--class", spoolClass] }
        if !name.isEmpty { arguments += ["--name"] + name }
        try SpoolHost.run(arguments, input: bytes, home: home, needsDirectory: true)
    }
}
