// s370 spool list|get|purge: the spool files of a home, as the host sees them.

import ArgumentParser
import Foundation
import Spool

struct SpoolCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "spool",
        abstract: "Show, copy out or remove spool files.",
        subcommands: [SpoolList.self, SpoolGet.self, SpoolPurge.self, SpoolCrashWriter.self])
}

/// The options every spool subcommand takes.
struct SpoolHomeOption: ParsableArguments {
    @Option(help: "The system's home folder (default: $S370_HOME, else ./s370-data).")
    var home: String?
}

struct SpoolList: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the spool files, queue by queue, with QUERY's fields.")

    @Option(help: "Only this user's files.")
    var user: String?

    @Option(help: "Only this queue: RDR, PRT or PUN.")
    var queue: String?

    @Flag(help: "The short form (no date, time, name, type or distribution).")
    var short = false

    @OptionGroup var options: SpoolHomeOption

    func run() throws {
        var arguments = ["spool", "list"]
        if let user { arguments += ["--user", user] }
        if let queue { arguments += ["--queue", queue] }
        if short { arguments.append("--short") }
        try SpoolHost.run(arguments, home: options.home, needsDirectory: false)
    }
}

struct SpoolGet: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "get",
        abstract: "Copy a spool file out to a host file (the file stays in the spool).",
        discussion: """
            Cards are written one a line as text, or with --format ebcdic as 80-byte EBCDIC \
            card images; a printer file is written as the printer prints it.
            """)

    @Argument(help: "The spoolid.")
    var spoolid: Int

    @Option(name: .shortAndLong, help: "The host file to write (default: standard output, text only).")
    var output: String = "-"

    @Option(help: "text (default) or ebcdic.")
    var format: String = "text"

    @OptionGroup var options: SpoolHomeOption

    func run() throws {
        try SpoolHost.run(["spool", "get", String(spoolid), "--output", SpoolHost.absolute(output), "--format", format],
                          home: options.home, needsDirectory: false)
    }
}

struct SpoolPurge: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "purge",
        abstract: "Remove spool files.")

    @Argument(help: "The spoolids to remove.")
    var spoolids: [Int] = []

    @Flag(help: "Remove every file (of --user, on --queue, when given).")
    var all = false

    @Option(help: "Only this user's files.")
    var user: String?

    @Option(help: "Only this queue: RDR, PRT or PUN.")
    var queue: String?

    @OptionGroup var options: SpoolHomeOption

    func run() throws {
        var arguments = ["spool", "purge"] + spoolids.map(String.init)
        if all { arguments.append("--all") }
        if let user { arguments += ["--user", user] }
        if let queue { arguments += ["--queue", queue] }
        try SpoolHost.run(arguments, home: options.home, needsDirectory: false)
    }
}

/// The crash test's writer (make check-long): writes and closes spool files until killed.
struct SpoolCrashWriter: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "crash-writer",
        abstract: "Write, close, purge and change spool files until killed (the spool's crash test).",
        shouldDisplay: false)

    @Option(help: "The journal of what was done.")
    var journal: String

    @Option(help: "The number of the first file.")
    var start: Int = 1

    @OptionGroup var options: SpoolHomeOption

    func run() throws {
        try SpoolCrashExercise.run(home: SpoolHost.home(options.home), journal: journal, start: start)
    }
}
