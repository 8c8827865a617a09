// The lexical rules of the assembler language (HLASM Language Reference,
// "Terms"): ordinary symbols, variable symbols, self-defining terms and the
// quote that begins an attribute reference rather than a string.
//
// Source text is handled as Latin-1 bytes throughout; symbols are compared in
// upper case (HLASM folds lower-case letters in symbols and operation codes).

import Records

enum Lexer {
    static let blank: UInt8 = 0x20
    static let quote = UInt8(ascii: "'")
    static let amp = UInt8(ascii: "&")
    static let comma = UInt8(ascii: ",")
    static let lparen = UInt8(ascii: "(")
    static let rparen = UInt8(ascii: ")")
    static let period = UInt8(ascii: ".")
    static let equal = UInt8(ascii: "=")
    static let plus = UInt8(ascii: "+")
    static let minus = UInt8(ascii: "-")
    static let star = UInt8(ascii: "*")
    static let slash = UInt8(ascii: "/")

    /// A letter A-Z or a-z.
    @inline(__always) static func isLetter(_ c: UInt8) -> Bool {
        (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A)
    }
    /// A decimal digit.
    @inline(__always) static func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }
    /// The first character of an ordinary symbol: a letter or $ # @ _.
    @inline(__always) static func isSymbolStart(_ c: UInt8) -> Bool {
        isLetter(c) || c == 0x24 || c == 0x23 || c == 0x40 || c == 0x5F
    }
    /// A character of an ordinary symbol after the first.
    @inline(__always) static func isSymbolChar(_ c: UInt8) -> Bool { isSymbolStart(c) || isDigit(c) }
    /// Upper case of an ASCII letter.
    @inline(__always) static func upper(_ c: UInt8) -> UInt8 { (c >= 0x61 && c <= 0x7A) ? c - 0x20 : c }

    /// The end of the symbol that starts at `i` (i itself when none starts there).
    static func symbolEnd(_ t: [UInt8], _ i: Int) -> Int {
        guard i < t.count, isSymbolStart(t[i]) else { return i }
        var j = i + 1
        while j < t.count && isSymbolChar(t[j]) { j += 1 }
        return j
    }

    /// Upper-case string of a range of bytes.
    static func upperString<C: Collection>(_ bytes: C) -> String where C.Element == UInt8 {
        String(decoding: bytes.map { upper($0) }, as: UTF8.self).latin1Fixed(bytes)
    }

    /// A string from Latin-1 bytes.
    static func string<C: Collection>(_ bytes: C) -> String where C.Element == UInt8 {
        if !bytes.contains(where: { $0 >= 0x80 }) { return String(decoding: bytes, as: UTF8.self) }
        var s = ""
        for b in bytes { s.unicodeScalars.append(Unicode.Scalar(b)) }
        return s
    }

    /// Latin-1 bytes of a string (characters beyond Latin-1 become '?').
    static func bytes(_ s: String) -> [UInt8] {
        s.unicodeScalars.map { $0.value < 256 ? UInt8($0.value) : 0x3F }
    }

    /// Whether the quote after `previous` starts an attribute reference (`L'SYM`, `T'&P`)
    /// rather than a quoted string: the letter before it is an attribute letter that
    /// stands alone after a delimiter, and a symbol, variable symbol or `*` follows.
    static func isAttributeQuote(previous: UInt8, beforePrevious: UInt8, next: UInt8) -> Bool {
        switch upper(previous) {
        case UInt8(ascii: "L"), UInt8(ascii: "T"), UInt8(ascii: "K"), UInt8(ascii: "N"),
             UInt8(ascii: "I"), UInt8(ascii: "S"), UInt8(ascii: "D"), UInt8(ascii: "O"):
            break
        default:
            return false
        }
        switch beforePrevious {
        case blank, lparen, comma, plus, minus, star, slash: break
        default: return false
        }
        return isSymbolStart(next) || next == amp || next == star || next == equal
    }

    /// Finds the end of the quoted string whose opening quote is at `i`: the index after the
    /// closing quote (a doubled quote stands for one), or nil when there is no closing quote.
    static func stringEnd(_ t: [UInt8], from i: Int) -> Int? {
        var j = i + 1
        while j < t.count {
            if t[j] == quote {
                if j + 1 < t.count && t[j + 1] == quote { j += 2; continue }
                return j + 1
            }
            j += 1
        }
        return nil
    }

    /// The contents of a quoted string: doubled quotes and doubled ampersands become single.
    static func unquote(_ t: ArraySlice<UInt8>) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(t.count)
        var j = t.startIndex
        while j < t.endIndex {
            let c = t[j]
            out.append(c)
            if (c == quote || c == amp) && j + 1 < t.endIndex && t[j + 1] == c { j += 2 } else { j += 1 }
        }
        return out
    }
}

/// A self-defining term (HLASM Language Reference, "Self-defining terms").
enum SelfDefiningTerm {
    /// The result of reading one: its value, where it ends, or a message number.
    enum Result {
        case value(Int64, end: Int)
        case error(Int, at: Int)
        case notATerm
    }

    /// Reads a decimal, X'..', B'..' or C'..' term at `i`. Values are 32-bit: X'FFFFFFFF' is -1.
    static func read(_ t: [UInt8], at i: Int) -> Result {
        guard i < t.count else { return .notATerm }
        let c = t[i]
        if Lexer.isDigit(c) {
            var j = i
            var v: Int64 = 0
            while j < t.count && Lexer.isDigit(t[j]) {
                v = v * 10 + Int64(t[j] - 0x30)
                if v > 0x7FFF_FFFF { return .error(146, at: i) }
                j += 1
            }
            return .value(v, end: j)
        }
        guard i + 1 < t.count, t[i + 1] == Lexer.quote else { return .notATerm }
        switch Lexer.upper(c) {
        case UInt8(ascii: "X"):
            var j = i + 2
            var v: UInt64 = 0
            var n = 0
            while j < t.count && t[j] != Lexer.quote {
                guard let d = hexDigit(t[j]) else { return .error(148, at: j) }
                v = v << 4 | UInt64(d)
                n += 1
                if n > 8 && v > 0xFFFF_FFFF { return .error(146, at: i) }
                j += 1
            }
            guard j < t.count else { return .error(148, at: i) }
            if n == 0 { return .error(148, at: i) }
            return .value(Int64(Int32(truncatingIfNeeded: v)), end: j + 1)
        case UInt8(ascii: "B"):
            var j = i + 2
            var v: UInt64 = 0
            var n = 0
            while j < t.count && t[j] != Lexer.quote {
                guard t[j] == 0x30 || t[j] == 0x31 else { return .error(148, at: j) }
                v = v << 1 | UInt64(t[j] - 0x30)
                n += 1
                if n > 32 && v > 0xFFFF_FFFF { return .error(146, at: i) }
                j += 1
            }
            guard j < t.count, n > 0 else { return .error(148, at: i) }
            return .value(Int64(Int32(truncatingIfNeeded: v)), end: j + 1)
        case UInt8(ascii: "C"):
            guard let end = Lexer.stringEnd(t, from: i + 1) else { return .error(148, at: i) }
            let chars = Lexer.unquote(t[(i + 2)..<(end - 1)])
            if chars.isEmpty || chars.count > 4 { return .error(146, at: i) }
            var v: UInt64 = 0
            for ch in chars { v = v << 8 | UInt64(EBCDIC.fromLatin1[Int(ch)]) }
            return .value(Int64(Int32(truncatingIfNeeded: v)), end: end)
        default:
            return .notATerm
        }
    }

    /// The value of a hexadecimal digit.
    @inline(__always) static func hexDigit(_ c: UInt8) -> UInt8? {
        switch c {
        case 0x30...0x39: return c - 0x30
        case 0x41...0x46: return c - 0x41 + 10
        case 0x61...0x66: return c - 0x61 + 10
        default: return nil
        }
    }
}

extension String {
    /// Upper-cases non-ASCII Latin-1 bytes correctly (the common ASCII path is untouched).
    fileprivate func latin1Fixed<C: Collection>(_ bytes: C) -> String where C.Element == UInt8 {
        if !bytes.contains(where: { $0 >= 0x80 }) { return self }
        var s = ""
        for b in bytes { s.unicodeScalars.append(Unicode.Scalar(Lexer.upper(b))) }
        return s
    }
}
