// Variable symbols (HLASM Language Reference, "Variable symbols"): symbolic
// parameters, SET symbols (scalar and dimensioned), &SYSLIST, the system
// variable symbols, and created SET symbols &(...); and substitution of their
// values into model statements, where a period after a variable symbol
// concatenates and is dropped, and && stands for an ampersand.
//
// A SETA value is substituted as its decimal magnitude without a sign (use
// the value in an arithmetic expression to keep the sign); a SETB value as 0
// or 1; a SETC value or a parameter as its characters.

import Foundation

/// A variable symbol's value.
enum VarValue {
    case number(Int32)
    case bool(Bool)
    case text([UInt8])

    /// The characters substituted for it.
    var text: [UInt8] {
        switch self {
        case .number(let v): return Array(String(v.magnitude).utf8)
        case .bool(let b): return [b ? 0x31 : 0x30]
        case .text(let t): return t
        }
    }
}

/// What a variable reference found: its value and the count N' gives.
struct VarRef {
    var value: VarValue
    /// N': sublist elements, positional operands, or the highest subscript.
    var count: Int
    /// A SETA or SETB symbol (attribute references other than N' do not apply).
    var arithmetic = false
}

/// Where a conditional-assembly or model statement is, and the frame it runs in.
struct CondContext {
    let source: SourceStatement
    let frame: MacroFrame
    let fields: Fields
    var text: [UInt8] { source.text }
}

/// Sublists (HLASM Language Reference, "Sublists in operands"): a value in
/// parentheses whose elements are separated by commas.
enum Sublist {
    /// The elements of `v`, or nil when it is not a sublist.
    static func elements(_ v: [UInt8]) -> [[UInt8]]? {
        guard v.count >= 2, v.first == Lexer.lparen, v.last == Lexer.rparen else { return nil }
        var depth = 0
        var out: [[UInt8]] = []
        var start = 1
        var i = 0
        while i < v.count {
            let c = v[i]
            if c == Lexer.quote && !(i >= 2 && Lexer.isAttributeQuote(previous: v[i - 1], beforePrevious: v[i - 2],
                                                                     next: i + 1 < v.count ? v[i + 1] : 0)) {
                guard let e = Lexer.stringEnd(v, from: i) else { return nil }
                i = e
                continue
            }
            if c == Lexer.lparen { depth += 1 }
            if c == Lexer.rparen {
                depth -= 1
                if depth == 0 && i != v.count - 1 { return nil }   // (A)(B) is not a sublist
            }
            if c == Lexer.comma && depth == 1 {
                out.append(Array(v[start..<i]))
                start = i + 1
            }
            i += 1
        }
        out.append(Array(v[start..<(v.count - 1)]))
        return out
    }

    /// Element `n` (1-based), then `m` of that, of a value; empty when absent.
    static func element(_ v: [UInt8], _ subs: [Int]) -> [UInt8] {
        var cur = v
        for s in subs {
            if let e = elements(cur) {
                cur = s >= 1 && s <= e.count ? e[s - 1] : []
            } else {
                cur = s == 1 ? cur : []
            }
        }
        return cur
    }

    /// N' of a value: its number of elements (1 when not a sublist, 0 when empty).
    static func count(_ v: [UInt8]) -> Int {
        if v.isEmpty { return 0 }
        return elements(v)?.count ?? 1
    }
}

extension Assembly {
    /// The value of a system variable symbol, or nil when `name` is not one.
    func systemVariable(_ name: String, _ frame: MacroFrame) -> VarValue? {
        guard name.hasPrefix("SYS") else { return nil }
        let cal = Calendar(identifier: .gregorian)
        let d = cal.dateComponents(in: TimeZone.current, from: macro.date)
        func two(_ v: Int?) -> String { let s = String(v ?? 0); return s.count < 2 ? "0" + s : s }
        switch name {
        case "SYSNDX":
            let s = String(frame.sysndx)
            return .text(Array((String(repeating: "0", count: max(0, 4 - s.count)) + s).utf8))
        case "SYSECT":
            return .text(frame.definition == nil ? currentSectionName() : frame.sysect)
        case "SYSLOC":
            return .text(currentSectionName())
        case "SYSSTYP":
            guard current >= 0 else { return .text([]) }
            switch sections[Int(current)].kind {
            case .dummy: return .text(Array("DSECT".utf8))
            case .common: return .text(Array("COM".utf8))
            default: return .text(Array("CSECT".utf8))
            }
        case "SYSDATE":
            return .text(Array((two(d.month) + "/" + two(d.day) + "/" + two((d.year ?? 0) % 100)).utf8))
        case "SYSDATC":
            return .text(Array((String(d.year ?? 0) + two(d.month) + two(d.day)).utf8))
        case "SYSTIME":
            return .text(Array((two(d.hour) + "." + two(d.minute)).utf8))
        case "SYSPARM":
            return .text(Lexer.bytes(options.sysparm))
        case "SYSNEST":
            return .number(Int32(max(0, macro.frames.count - 1)))
        case "SYSMAC":
            return .text(Lexer.bytes(frame.definition?.name ?? "OPEN CODE"))
        case "SYSASM":
            return .text(Array("S370 ASSEMBLER".utf8))
        case "SYSVER":
            return .text(Array("1.0.0".utf8))
        case "SYSM_HSEV", "SYSM_SEV":
            let s = String(macro.highestMnote)
            return .text(Array((String(repeating: "0", count: max(0, 3 - s.count)) + s).utf8))
        default:
            return nil
        }
    }

    func currentSectionName() -> [UInt8] {
        current >= 0 ? Lexer.bytes(sections[Int(current)].name) : []
    }

    /// Substitutes the variable symbols of a model statement (name, operation and operand
    /// fields; remarks are left as written).
    func substituteStatement(_ ctx: CondContext, dropSequenceSymbol: Bool = false) -> [UInt8] {
        let t = ctx.text
        let end = ctx.fields.remarks
        var p = CondParser(asm: self, ctx: ctx, limit: end)
        var out = p.substitute(0..<end)
        if let e = p.error { macroMessage(e.number, at: ctx.source.location(ofOffset: e.offset), e.detail) }
        if dropSequenceSymbol, let nr = ctx.fields.name, t[nr.lowerBound] == Lexer.period {
            // A sequence symbol in a model statement's name field is not generated.
            var i = 0
            while i < out.count && out[i] != Lexer.blank { out[i] = Lexer.blank; i += 1 }
        }
        if end < t.count { out += t[end...] }
        if out.count > 32_767 {
            out.removeSubrange(32_767...)
            macroMessage(91, at: ctx.source.location(ofOffset: 0))
        }
        return out
    }
}
