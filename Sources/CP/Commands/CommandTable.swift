// CP's command language: the table of commands with their shortest
// abbreviations and privilege classes, and the dispatch of one command line
// (vm370-reference.md, 1.1-1.3). A command a user's classes do not allow
// gets the same answer as an unknown one, as in VM/370.

/// Where a command's response goes and whose it is.
final class CommandContext {
    let cp: ControlProgram
    /// The user issuing it; nil before LOGON.
    let user: LoggedOnUser?
    /// The session it came from; nil for DIAGNOSE X'08' and host requests.
    let session: Session?
    /// The operands, upper-cased, split at blanks.
    let operands: [String]
    /// The operands as typed (for message texts).
    let rawOperands: String
    /// The response lines.
    var output: [String] = []
    /// A LINK made from the directory at logon (no password asked).
    var directoryLink = false

    init(cp: ControlProgram, user: LoggedOnUser?, session: Session?, operands: [String], raw: String) {
        self.cp = cp
        self.user = user
        self.session = session
        self.operands = operands
        self.rawOperands = raw
    }

    func say(_ line: String) { output.append(line) }
}

/// One CP command.
struct CPCommand {
    /// Its name, and the length of the shortest abbreviation CP accepts.
    let name: String
    let minimum: Int
    /// The classes that may use it; empty: any logged-on user. `beforeLogon`: also without logging on.
    let classes: Set<Character>
    let beforeLogon: Bool
    /// Runs it; throws a CP message for an error.
    let run: (CommandContext) throws -> Void

    func matches(_ word: String) -> Bool {
        word.count >= minimum && word.count <= name.count && name.hasPrefix(word)
    }
}

extension ControlProgram {
    /// Executes one CP command line for `user` (or a session before logon);
    /// returns the response lines, and the message number of an error (0 when none).
    func execute(commandLine: String, user: LoggedOnUser?, session: Session?,
                 directoryLink: Bool = false) -> (lines: [String], code: Int) {
        let trimmed = commandLine.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { return ([], 0) }
        let words = trimmed.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        let verb = words[0].uppercased()
        let raw = trimmed.dropFirst(words[0].count).trimmingCharacters(in: .whitespaces)
        let ctx = CommandContext(cp: self, user: user, session: session,
                                 operands: words.dropFirst().map { $0.uppercased() }, raw: raw)
        ctx.directoryLink = directoryLink
        guard let command = commands.first(where: { $0.matches(verb) }),
              user != nil || command.beforeLogon,
              command.classes.isEmpty || user.map({ $0.holds(command.classes) }) == true else {
            let m = CPMessage.unknownCommand(verb)
            return ([m.line], m.code)
        }
        do {
            try command.run(ctx)
            return (ctx.output, 0)
        } catch let m as CPMessage {
            return (ctx.output + [m.line], m.code)
        } catch {
            return (ctx.output + ["DMKCFC999E \(error)"], 999)
        }
    }

    /// The command table.
    var commands: [CPCommand] { ControlProgram.commandTable }

    static let commandTable: [CPCommand] = logonCommands + messageCommands + queryCommands + operatorCommands
        + machineCommands
}
