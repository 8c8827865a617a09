// The operands of CP's spool commands by the VM/370 rules (CPREF SPOOL, CLOSE,
// CHANGE; CE HELP): abbreviations, conflicts, operands that do not apply.

import Spool
import Testing

@Suite struct CommandOperandTests {
    let known: (String) -> Bool = { ["USERA", "USERB"].contains($0) }

    func spool(_ line: String, reader: Bool = false) throws -> SpoolCommandOperands {
        try SpoolCommandOperands(line.split(separator: " ").map(String.init), reader: reader, userid: "USERA", known: known)
    }

    @Test func spoolOptionsWithAbbreviations() throws {
        let o = try spool("cl b cont ho co 3 to userb close")
        #expect(o.spoolClass == "B" && o.continuous == true && o.hold == true && o.copies == 3)
        #expect(o.destination == .toUser("USERB") && o.close && !o.purge)
        var s = SpoolSettings(spoolClass: "A")
        o.apply(to: &s)
        #expect(s.spoolClass == "B" && s.continuous && s.hold && s.copies == 3 && s.destination == .toUser("USERB"))
        #expect(try spool("TO *").destination == .toUser("USERA"))
        #expect(try spool("FOR USERB").destination == .forUser("USERB"))
        #expect(try spool("TO SYSTEM").destination == .system)
        #expect(try spool("OFF").destination == .system)
        let r = try spool("CLASS * NOEOF NOCONT", reader: true)
        #expect(r.spoolClass == "*" && r.endOfFile == false && r.continuous == false)
    }

    @Test(arguments: [
        ("", SpoolOperandError.missingOperand("OPTION")),
        ("HOLD NOHOLD", .invalidOption("NOHOLD")),
        ("TO USERB OFF", .invalidOption("OFF")),
        ("OFF FOR USERB", .invalidOption("FOR")),
        ("TO USERB FOR USERB", .invalidOption("FOR")),
        ("TO NOBODY", .unknownUser("NOBODY")),
        ("CLASS *", .invalidOption("*")),
        ("COPY 100", .invalidOption("100")),
        ("COPY", .missingOperand("COPY")),
        ("CLOSE PURGE", .invalidOption("PURGE")),
        ("EOF", .invalidOption("EOF")),
        ("C", .invalidOption("C")),
    ])
    func badSpoolOptionsForAPunch(line: String, error: SpoolOperandError) {
        #expect(throws: error) { try spool(line) }
    }

    @Test func readersTakeNoOutputOptions() {
        for line in ["COPY 2", "TO USERB", "CLOSE", "PURGE", "OFF"] {
            #expect(throws: SpoolOperandError.self) { try spool(line, reader: true) }
        }
    }

    @Test func closeOperands() throws {
        let c = try CloseOptions(operands: ["NOH", "DI", "BIN9", "NAME", "MY", "FILE"], reader: false)
        #expect(c.hold == false && c.distribution == "BIN9" && c.name == "MY" && c.type == "FILE")
        let d = try CloseOptions(operands: ["PU", "N", "SYS1.PROCLIB.MEMBERS"], reader: false)
        #expect(d.purge && d.name == "SYS1.PROCLIB.MEMBERS" && d.type == nil)
        #expect(try CloseOptions(operands: ["HOLD"], reader: true).hold == true)
        #expect(throws: SpoolOperandError.invalidOption("PURGE")) { try CloseOptions(operands: ["PURGE"], reader: true) }
        #expect(throws: SpoolOperandError.invalidOption("C")) { try CloseOptions(operands: ["NAME", "A", "B", "C"], reader: false) }
        #expect(throws: SpoolOperandError.invalidOption("NOHOLD")) { try CloseOptions(operands: ["HOLD", "NOHOLD"], reader: false) }
    }

    @Test func changeOperandsAndSelections() throws {
        let c = try SpoolChanges(operands: ["CL", "Q", "COPY", "12", "HOLD", "NAME", "PROFILE", "EXEC"])
        #expect(c == SpoolChanges(spoolClass: "Q", copies: 12, hold: true, name: "PROFILE", type: "EXEC"))
        #expect(throws: SpoolOperandError.missingOperand("OPTION")) { try SpoolChanges(operands: []) }
        #expect(throws: SpoolOperandError.invalidOption("0")) { try SpoolChanges(operands: ["COPY", "0"]) }
        var (sel, rest) = try SpoolSelection.parse(["12", "15", "TO", "USERB"])
        #expect(sel == .spoolids([12, 15]) && rest == ["TO", "USERB"])
        (sel, rest) = try SpoolSelection.parse(["CLASS", "B", "HOLD"])
        #expect(sel == .spoolClass("B") && rest == ["HOLD"])
        (sel, rest) = try SpoolSelection.parse(["ALL"])
        #expect(sel == .all && rest.isEmpty)
        (sel, rest) = try SpoolSelection.parse(["7", "8"], many: false)
        #expect(sel == .spoolids([7]) && rest == ["8"])
        #expect(throws: SpoolOperandError.invalidOption("9901")) { try SpoolSelection.parse(["9901"]) }
        #expect(throws: SpoolOperandError.invalidOption("FOO")) { try SpoolSelection.parse(["FOO"]) }
    }
}
