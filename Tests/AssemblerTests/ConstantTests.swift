// DC constants of every type, checked byte for byte.
//
// Expected values worked out by hand from the assembler language's rules
// (HLASM Language Reference, "DC instruction") and the data formats of the
// Principles of Operation: EBCDIC characters; two's-complement fixed point;
// packed decimal with sign C/D in the last half byte; zoned decimal with the
// sign in the zone of the last byte; hexadecimal floating point as sign,
// excess-64 characteristic and a fraction of 6, 14 or 28 digits, rounded.

import Testing
import Assembler
import TestSupport

@Suite struct ConstantTests {
    func check(_ cases: [(String, String)], sourceLocation: SourceLocation = #_sourceLocation) throws {
        for (operand, hex) in cases {
            let code = try objectCode("         DC    " + operand)
            #expect(code == hexBytes(hex), "DC \(operand)", sourceLocation: sourceLocation)
        }
    }

    @Test func character() throws {
        try check([
            ("C'AB'", "C1C2"),
            ("CL4'AB'", "C1C24040"),          // padded on the right with blanks
            ("CL1'AB'", "C1"),                // truncated on the right
            ("C'A''B'", "C17DC2"),            // a doubled quote is one quote
            ("C'&&'", "50"),                  // a doubled ampersand is one ampersand
            ("C'a b'", "8140 82".replacingOccurrences(of: " ", with: "")),
            ("2C'XY'", "E7E8E7E8"),           // duplication
            ("C'0123456789'", "F0F1F2F3F4F5F6F7F8F9"),
        ])
    }

    @Test func hexadecimalAndBinary() throws {
        try check([
            ("X'1'", "01"), ("X'123'", "0123"), ("X'ABCDEF'", "ABCDEF"),
            ("XL3'1'", "000001"),             // padded on the left with zeros
            ("XL1'1234'", "34"),              // truncated on the left
            ("X'01,FF'", "01FF"),             // two constants
            ("3X'A'", "0A0A0A"),
            ("B'101'", "05"), ("B'100000001'", "0101"),
            ("BL2'1'", "0001"), ("B'1,11111111'", "01FF"),
        ])
    }

    @Test func fixedPoint() throws {
        try check([
            ("F'1'", "00000001"), ("F'-1'", "FFFFFFFF"),
            ("F'2147483647'", "7FFFFFFF"), ("F'-2147483648'", "80000000"),
            ("F'1,-2'", "00000001FFFFFFFE"),
            ("3F'7'", "000000070000000700000007"),
            ("F'1E2'", "00000064"),           // exponent: 100
            ("F'25E-1'", "00000002"),         // 2.5: no scale modifier, the fraction is lost
            ("FS4'1.5'", "00000018"),         // 1.5 * 2**4 = 24
            ("FS1'1.25'", "00000003"),        // 2.5 rounded to 3
            ("FE1'5'", "00000032"),           // exponent modifier: 50
            ("FL2'-2'", "FFFE"), ("FL1'127'", "7F"), ("FL3'65536'", "010000"),
            ("FL8'-1'", "FFFFFFFFFFFFFFFF"),
            ("F'U4294967295'", "FFFFFFFF"),   // unsigned
            ("H'1'", "0001"), ("H'-1'", "FFFF"), ("H'32767'", "7FFF"),
            ("H'-32768'", "8000"), ("H'1,-2'", "0001FFFE"),
        ])
    }

    @Test func decimal() throws {
        try check([
            ("P'123'", "123C"), ("P'-12'", "012D"), ("P'+0'", "0C"), ("P'0'", "0C"),
            ("PL3'5'", "00005C"), ("PL1'123'", "3C"), ("P'1,-2'", "1C2D"),
            ("P'1.25'", "125C"),              // the decimal point only sets the scale
            ("P'-0.5'", "005D"),
            ("Z'123'", "F1F2C3"), ("Z'-12'", "F1D2"), ("ZL4'5'", "F0F0F0C5"),
            ("Z'+7'", "C7"), ("Z'1,2'", "C1C2"),
        ])
    }

    @Test func floatingPoint() throws {
        try check([
            ("E'1'", "41100000"), ("E'-1'", "C1100000"), ("E'0.5'", "40800000"),
            ("E'100'", "42640000"),            // 100 = X'64' = .64 * 16**2
            ("E'0.1'", "4019999A"),            // .1999999... rounded up in the sixth digit
            ("E'0'", "00000000"),
            ("E'1E3'", "433E8000"),            // 1000 = X'3E8'
            ("ES1'1'", "42010000"),            // scale: one digit unnormalized
            ("EE1'1'", "41A00000"),            // exponent modifier: 10
            ("D'1'", "4110000000000000"),
            ("D'0.1'", "401999999999999A"),
            ("D'-2.5'", "C128000000000000"),   // 2.5 = X'2.8'
            ("D'1E-1'", "401999999999999A"),
            ("L'1'", "41100000000000003300000000000000"),   // low half: characteristic 14 less
            ("L'0.1'", "4019999999999999329999999999999A"),
            ("E'7.2E75'", "7FFEB0E4"),       // near the top of the range: .FEB0E4 * 16**63
        ])
    }

    @Test func addressConstants() throws {
        try check([
            ("A(X'10')", "00000010"), ("A(1,2)", "0000000100000002"), ("AL1(255)", "FF"),
            ("AL3(5)", "000005"), ("AL2(-1)", "FFFF"), ("A(2*3+1)", "00000007"),
            ("Y(X'1234')", "1234"), ("Y(1,2)", "00010002"),
            ("S(X'123'(4))", "4123"),          // base and displacement
            ("S(8)", "0008"),                  // absolute 0-4095: base 0
        ])
    }

    @Test func alignmentAndLayout() throws {
        // C at 0, then F aligned to 4 (three zero bytes), then H at 8, then an unaligned FL4.
        #expect(try objectCode("""
                     DC    C'A'
                     DC    F'1'
                     DC    H'2'
                     DC    C'B',FL4'3'
            """) == hexBytes("C1000000 00000001 0002 C2 00000003"))
        // DC 0F aligns without generating; D aligns to 8; explicit lengths do not align.
        #expect(try objectCode("""
                     DC    C'A'
                     DC    0F
                     DC    C'B'
                     DC    D'0'
                     DC    HL2'1'
            """) == hexBytes("C1000000 C2000000 0000000000000000 0001"))
        // A relocatable A-constant holds the assembled address and gets an RLD item.
        let r = assembleResult("""
            PROG     CSECT
                     DC    A(HERE,HERE+2)
            HERE     DC    V(EXT)
                     DC    Y(HERE)
                     END
            """)
        #expect(r.returnCode == 4)   // ASMA066W: a 2-byte relocatable constant
        let deck = r.objectDeck
        #expect(deck.text.flatMap(\.bytes) == hexBytes("00000008 0000000A 00000000 0008"))
        #expect(deck.rld.map(\.address) == [0, 4, 12, 8])
        #expect(deck.rld.map(\.flags) == [0x0C, 0x0C, 0x04, 0x1C])
        #expect(deck.esd.map(\.name) == ["PROG", "EXT"])
    }

    @Test func symbolAttributes() throws {
        let p = try assemble("""
            T        CSECT
            A        DC    CL5'X'
            B        DC    F'1'
            C        DC    FL2'1'
            D        DC    PL4'12.34'
            E        DC    D'1'
            F        DC    3XL2'1'
            G        DC    A(0)
                     DC    AL1(L'A,L'B,L'C,L'D,L'E,L'F)
                     DC    AL1(S'D,I'D,I'B,S'E,I'E)
                     END
            """)
        // L' 5 4 2 4 8 2; S'D 2, I'D 2*4-2-1 = 5, I'B 31, S'E 0, I'E 14.
        #expect(Array(p.bytes.suffix(11)) == [5, 4, 2, 4, 8, 2, 2, 5, 31, 0, 14])
        let syms = p.result.listing()
        #expect(syms.contains("A             5"))
    }
}
