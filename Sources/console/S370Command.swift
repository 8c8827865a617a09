// The s370 command: the root of the subcommands.

import ArgumentParser

@main
struct S370Command: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "s370",
        abstract: "An IBM System/370 with a CP/CMS control program.",
        subcommands: [IplCommand.self, BenchCommand.self, AsmCommand.self, RunCommand.self, TestCommand.self,
                      DasdCommand.self, SubmitCommand.self, SpoolCommand.self])
}
