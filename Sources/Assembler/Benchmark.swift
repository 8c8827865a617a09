// The assembler's benchmark: a synthetic program of a given number of
// statements that uses what real programs use (USING and base registers,
// RX/RS/SI/SS instructions, literals, DC/DS of several types, a macro with
// conditional assembly called many times), and a timer around assembling it.

import Foundation

/// Measures the assembler's speed.
public enum AssemblerBenchmark {
    /// A program of about `statements` statements (counting generated ones).
    public static func source(statements: Int) -> String {
        var s = """
        BENCH    TITLE 'ASSEMBLER BENCHMARK'
                 MACRO
        &NAME    BUMP  &REG,&FIELD,&BY=1
                 LCLA  &N
        &N       SETA  &BY
                 AIF   (&N GT 1).MANY
        &NAME    LA    &REG,1(,&REG)
                 AGO   .STORE
        .MANY    ANOP
        &NAME    LA    &REG,&N.(,&REG)
        .STORE   ST    &REG,&FIELD
                 MEND
        BENCH    CSECT
                 USING BENCH,12,11,10,9,8,7,3
                 B     START
        SUB      BR    14
        SAVE     DS    18F
        WORK     DS    CL8
        CHARS    DC    C'ABCDEFGH'
        PACKED   DC    PL8'0'
        FLAG     DC    X'00'

        """
        for i in 0..<50 { s += "F\(i)       DC    F'\(i)'\n" }
        s += "START    DS    0H\n"
        var n = 72
        var k = 0
        while n < statements - 1 {
            k += 1
            let f = "F\(k % 50)"
            switch k % 8 {
            case 0:
                s += "L\(k)      L     3,\(f)\n"
                s += "         A     3,=F'\(k)'\n"
                n += 2
            case 1:
                s += "         MVC   WORK(8),=CL8'X\(k % 100)'\n"
                s += "         CLC   WORK(4),CHARS\n"
                n += 2
            case 2:
                s += "         BUMP  4,\(f),BY=\(k % 3 + 1)\n"
                n += 3
            case 3:
                s += "         STM   14,12,SAVE+12\n"
                s += "         LM    14,12,SAVE+12\n"
                n += 2
            case 4:
                s += "         CLI   CHARS+\(k % 8),C'A'\n"
                s += k > 4 ? "         BNE   L\(k - 4)\n" : "         BNE   SUB\n"
                n += 2
            case 5:
                s += "         AP    PACKED,=P'\(k)'\n"
                s += "         SRL   5,\(k % 32)\n"
                n += 2
            case 6:
                s += "         LA    6,\(k % 4096)(6,7)\n"
                s += "         MVI   FLAG,X'\(String(k % 256, radix: 16, uppercase: true))'\n"
                n += 2
            default:
                s += "         BAL   14,SUB\n"
                s += "         LTR   15,15\n"
                n += 2
            }
            if k % 400 == 0 {
                s += "         B     SKIP\(k)\n         LTORG\nSKIP\(k)   DS    0H\n"
                n += 3
            }
        }
        s += "         END   BENCH\n"
        return s
    }

    /// Assembles `text` `repeats` times; returns statements per second and the last result.
    public static func run(_ text: String, repeats: Int, options: AssemblerOptions = AssemblerOptions())
        -> (statementsPerSecond: Double, seconds: Double, result: AssemblyResult) {
        let bytes = Array(text.utf8)
        var last = Assembler.assemble(source: bytes, options: options)
        let t0 = Date()
        for _ in 0..<max(1, repeats) {
            last = Assembler.assemble(source: bytes, options: options)
            _ = last.objectDeck.cards()
        }
        let seconds = Date().timeIntervalSince(t0) / Double(max(1, repeats))
        return (Double(last.statementCount) / max(seconds, 1e-9), seconds, last)
    }
}
