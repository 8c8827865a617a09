// Diagnostics: what is wrong, where, and how bad.
//
// Messages are numbered in the style of IBM's High Level Assembler (HLASM
// Programmer's Guide, "Assembler messages"): ASMAnnnS, where the letter gives
// the severity (I 0, W 4, E 8, S 12, U 16). The assembler's return code is the
// highest severity it issued; MNOTE sets any severity from 0 to 255.
// Where this assembler needs a message HLASM does not have (the runaway
// guards), it uses a number HLASM leaves free and says so in `Message`.

/// How bad a diagnostic is: the return code it implies.
public enum Severity: Int, Comparable, Sendable {
    /// Informational (I): severity 0.
    case information = 0
    /// Warning (W): severity 4.
    case warning = 4
    /// Error (E): severity 8.
    case error = 8
    /// Severe error (S): severity 12.
    case severe = 12
    /// Unrecoverable (U): severity 16.
    case unrecoverable = 16

    public static func < (a: Severity, b: Severity) -> Bool { a.rawValue < b.rawValue }

    /// The letter that ends a message number.
    public var letter: Character {
        switch self {
        case .information: return "I"
        case .warning: return "W"
        case .error: return "E"
        case .severe: return "S"
        case .unrecoverable: return "U"
        }
    }
}

/// One diagnostic: file, line and column, message number, severity and text.
public struct Diagnostic: CustomStringConvertible, Sendable, Equatable {
    /// The source file (as named on the command line, or the library member's path).
    public var file: String
    /// The 1-based line in `file`.
    public var line: Int
    /// The 1-based column in that line.
    public var column: Int
    /// The message number (the nnn of ASMAnnn).
    public var number: Int
    /// The severity as a return code (0-255; MNOTE may give any).
    public var severity: Int
    /// The message text.
    public var message: String
    /// The statement number in the listing, when the diagnostic belongs to a statement.
    public var statement: Int?

    /// The message identifier, such as `ASMA044E`.
    public var code: String {
        let digits = String(number)
        let padded = String(repeating: "0", count: max(0, 3 - digits.count)) + digits
        return "ASMA" + padded + String(Diagnostic.letter(forSeverity: severity))
    }

    /// The letter for a numeric severity (MNOTE severities between the standard ones round down).
    public static func letter(forSeverity s: Int) -> Character {
        switch s {
        case ..<4: return "I"
        case 4..<8: return "W"
        case 8..<12: return "E"
        case 12..<16: return "S"
        default: return "U"
        }
    }

    /// `FILE:LINE:COLUMN: ASMAnnnS text`.
    public var description: String { "\(file):\(line):\(column): \(code) \(message)" }
}

/// The messages this assembler issues, by number (HLASM's numbers and wording where HLASM has the message).
enum Message {
    static func text(_ n: Int) -> (Severity, String) {
        switch n {
        case 1: return (.error, "Operation code not allowed to be generated")
        case 3: return (.error, "Undeclared variable symbol; default=0, null, or type=U")
        case 7: return (.severe, "Previously defined sequence symbol")
        case 8: return (.severe, "Previously defined symbolic parameter")
        case 9: return (.severe, "System variable symbol illegally re-defined")
        case 12: return (.severe, "Undefined sequence symbol; macro aborted")
        case 13: return (.severe, "ACTR counter exceeded")
        case 17: return (.warning, "Undefined keyword parameter; default to positional, including keyword")
        case 18: return (.severe, "Duplicate keyword in macro call; last value is used")
        case 20: return (.error, "Illegal GBL or LCL statement")
        case 21: return (.error, "Illegal SET statement")
        case 24: return (.error, "Invalid variable symbol")
        case 25: return (.severe, "Invalid macro prototype operand")
        case 28: return (.error, "Invalid displacement")
        case 29: return (.error, "Incorrect register specification")
        case 30: return (.error, "Invalid literal usage")
        case 31: return (.error, "Invalid immediate or mask field")
        case 32: return (.error, "Relocatable value or unresolved symbol found when absolute value required")
        case 33: return (.information, "Storage alignment unfavorable")
        case 34: return (.error, "Operand beyond active USING range")
        case 35: return (.severe, "Invalid delimiter")
        case 37: return (.error, "Illegal self-defining value")
        case 38: return (.severe, "Operand value falls outside of current section")
        case 39: return (.severe, "Location counter error")
        case 40: return (.severe, "Missing operand")
        case 41: return (.error, "Term expected; text is unclassifiable")
        case 42: return (.error, "Length attribute of symbol is unavailable; default=1")
        case 43: return (.error, "Previously defined symbol")
        case 44: return (.error, "Undefined symbol")
        case 47: return (.error, "Severity code too large")
        case 48: return (.error, "ENTRY error")
        case 50: return (.error, "Illegal name field; name discarded")
        case 51: return (.error, "Illegal statement outside a macro definition")
        case 54: return (.error, "Illegal continuation record")
        case 55: return (.severe, "Recursive COPY")
        case 57: return (.error, "Undefined operation code")
        case 59: return (.severe, "Illegal ICTL")
        case 60: return (.severe, "COPY code not found")
        case 61: return (.error, "Symbol not name of DSECT or external label")
        case 62: return (.error, "Illegal operand format")
        case 63: return (.error, "No ending apostrophe")
        case 64: return (.severe, "Floating point characteristic out of range")
        case 65: return (.error, "Unknown type")
        case 66: return (.warning, "2-byte relocatable address constant")
        case 67: return (.severe, "Illegal duplication factor")
        case 68: return (.severe, "Length error")
        case 70: return (.error, "Scale modifier error")
        case 71: return (.error, "Exponent modifier error")
        case 72: return (.error, "Data item too large")
        case 73: return (.error, "Precision lost")
        case 74: return (.error, "Illegal syntax in expression")
        case 75: return (.error, "Arithmetic overflow")
        case 78: return (.error, "Operand expression complexly relocatable")
        case 79: return (.error, "Illegal PUSH-POP")
        case 80: return (.error, "Statement is unresolvable")
        case 82: return (.error, "Created SET symbol is null")
        case 83: return (.error, "Created SET symbol is not a valid symbol")
        case 86: return (.severe, "Missing MEND generated")
        case 87: return (.severe, "Generated operation code is null")
        case 88: return (.error, "Unbalanced parentheses in macro call operand")
        case 89: return (.error, "Arithmetic expression contains illegal delimiter or ends prematurely")
        case 91: return (.error, "Character string exceeds maximum length; truncated to maximum")
        case 92: return (.error, "Substring expression 1 points past string end; default=null")
        case 93: return (.error, "Substring expression 1 less than 1; default=null")
        case 94: return (.information, "Substring goes past string end; default=remainder")
        case 95: return (.warning, "Substring expression 2 less than 0; default=null")
        case 96: return (.error, "Unsubscripted SYSLIST; default=SYSLIST(1)")
        case 97: return (.error, "Invalid attribute reference to SETA or SETB symbol; default=0")
        case 99: return (.warning, "Wrong type of operand")
        case 100: return (.error, "Subscript less than 1; default to subscript=1")
        case 101: return (.error, "Subscript less than 1; default to value=0 or null")
        case 102: return (.error, "Arithmetic term is not self-defining term; default=0")
        case 103: return (.error, "Multiplication overflow; default product=1")
        case 106: return (.error, "Wrong target symbol type; value left unchanged")
        case 108: return (.error, "Inconsistent type of global symbol")
        case 110: return (.severe, "Library macro first statement not 'MACRO' or comment")
        case 111: return (.severe, "Invalid AIF or SETB operand field")
        case 112: return (.severe, "Invalid sequence symbol")
        case 114: return (.severe, "Invalid COPY operand")
        case 116: return (.error, "Illegal SET symbol")
        case 117: return (.error, "Illegal subscript")
        case 120: return (.severe, "EOD where continuation record expected")
        case 122: return (.severe, "Illegal operation code format")
        case 125: return (.severe, "Illegal macro name - macro uncallable")
        case 126: return (.severe, "Library macro name incorrect")
        case 127: return (.severe, "Illegal use of ampersand")
        case 128: return (.severe, "Excess right parenthesis")
        case 129: return (.severe, "Insufficient right parentheses")
        case 130: return (.severe, "Illegal attribute reference")
        case 132: return (.severe, "Invalid SETB expression")
        case 133: return (.severe, "Illegal substring reference")
        case 134: return (.severe, "Invalid relational operator")
        case 137: return (.severe, "Illegal SETC expression")
        case 138: return (.warning, "Non-empty PUSH stack")
        case 140: return (.warning, "END record missing")
        case 141: return (.error, "Bad character in operation code")
        case 143: return (.error, "Bad character in name field")
        case 144: return (.error, "Begin-to-continue columns not blank")
        case 145: return (.error, "Operator, right parenthesis, or end-of-expression expected")
        case 146: return (.error, "Self-defining term too long or value too large")
        case 147: return (.error, "Symbol too long, or first character not a letter")
        case 148: return (.error, "Self-defining term lacks ending quote or has bad character")
        case 149: return (.error, "Literal length exceeds 256 characters, including = sign")
        case 150: return (.error, "Symbol has non-alphanumeric character or invalid delimiter")
        case 151: return (.error, "Literal expression modifiers must be absolute and predefined")
        case 152: return (.severe, "External symbol too long or unacceptable character")
        case 153: return (.severe, "START statement illegal - CSECT already begun")
        case 154: return (.error, "Operand must be absolute, predefined symbols; set to zero")
        case 155: return (.severe, "Previous use of symbol is not this section type")
        case 161: return (.warning, "Only one TITLE statement may have a name field")
        case 162: return (.severe, "PUNCH operand exceeds 80 columns; ignored")
        case 165: return (.warning, "Unexpected name field")
        case 167: return (.error, "Required name missing")
        case 172: return (.error, "Negative duplication factor; default=1")
        case 173: return (.severe, "Delimiter error, expected blank")
        case 175: return (.severe, "Delimiter error, expected comma")
        case 178: return (.severe, "Delimiter error, expected blank or left parenthesis")
        case 179: return (.severe, "Delimiter error, expected right parenthesis")
        case 180: return (.severe, "Operand must be absolute")
        case 181: return (.severe, "CCW operand value is outside allowable range")
        case 254: return (.information, "*** MNOTE ***")
        case 300: return (.warning, "USING overridden by a prior active USING")
        case 302: return (.warning, "USING specifies register 0 with a nonzero absolute or relocatable base address")
        case 305: return (.error, "Operand 1 does not refer to location within reference control section")
        case 307: return (.error, "No active USING for operand")
        case 308: return (.error, "Repeated register")
        case 309: return (.warning, "Operand resolved to a displacement with no base register")
        case 320: return (.warning, "Immediate field operand may have incorrect sign or magnitude")
        case 433: return (.warning, "Statement not continued - continuation character ignored")
        // Runaway guards (numbers HLASM leaves free).
        case 700: return (.severe, "Source file is not text")
        case 701: return (.severe, "Macro call nesting depth exceeded; macro not expanded")
        case 702: return (.unrecoverable, "Statement limit exceeded; assembly stopped")
        case 703: return (.severe, "COPY nesting depth exceeded")
        case 704: return (.warning, "Source line longer than 80 columns; columns beyond 80 ignored")
        case 705: return (.error, "Invalid character in source; replaced by blank")
        case 706: return (.warning, "Floating-point register not available on System/370 (0, 2, 4, 6)")
        case 707: return (.error, "Macro definition not ended by MEND")
        default: return (.error, "Error")
        }
    }
}

/// Where a piece of source text came from: file index, line and column (1-based).
struct SourceLocation: Equatable {
    var file: Int32
    var line: Int32
    var column: Int32
}
