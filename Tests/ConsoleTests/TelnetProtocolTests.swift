// The telnet protocol on byte streams: IAC handling (RFC 854), option
// negotiation answers (RFC 855, 857, 858, 1143), line ends, editing, the
// attention key, long lines and garbage.

import Testing
@testable import console

@Suite struct TelnetProtocolTests {
    let IAC: UInt8 = 255, WILL: UInt8 = 251, WONT: UInt8 = 252, DO: UInt8 = 253, DONT: UInt8 = 254
    let SB: UInt8 = 250, SE: UInt8 = 240, BRK: UInt8 = 243, IP: UInt8 = 244
    let ECHO: UInt8 = 1, SGA: UInt8 = 3, TTYPE: UInt8 = 24, NAWS: UInt8 = 31

    func lines(_ actions: [TelnetAction]) -> [String] {
        actions.compactMap { if case .line(let l) = $0 { return l } else { return nil } }
    }

    func sent(_ actions: [TelnetAction]) -> [UInt8] {
        actions.flatMap { a -> [UInt8] in if case .send(let b) = a { return b } else { return [] } }
    }

    @Test func lineEndsAreCRLFCRNULAndBareLF() {
        var t = TelnetProtocol()
        #expect(lines(t.receive(Array("LOGON OPERATOR\r\n".utf8))) == ["LOGON OPERATOR"])
        #expect(lines(t.receive(Array("A\r\0B\nC\r".utf8))) == ["A", "B", "C"])
        // The LF of a CR LF split across two reads does not make an empty line.
        #expect(lines(t.receive(Array("\nD\r\n".utf8))) == ["D"])
        // A bare CR followed by text ends the line too; an empty line is a line.
        #expect(lines(t.receive(Array("E\rF\r\n\r\n".utf8))) == ["E", "F", ""])
    }

    @Test func doubledIACIsTheDataByte255AndNotACommand() {
        var t = TelnetProtocol()
        // IAC IAC then 243: the data bytes 255 and 243, not BREAK.
        let a = t.receive([0x41, IAC, IAC, BRK, 0x42, 0x0D, 0x0A])
        // 255 and 243 are not UTF-8 on their own: each becomes U+FFFD in the text.
        #expect(a == [.line("A\u{FFFD}\u{FFFD}B")])
    }

    @Test func breakInterruptProcessAndTheAttentionCharacter() {
        var t = TelnetProtocol()
        #expect(t.receive([IAC, BRK]) == [.attention])
        #expect(t.receive([IAC, IP]) == [.attention])
        // ^C means nothing unless configured: dropped as a control character.
        #expect(t.receive([0x03]) == [])
        var c = TelnetProtocol(attentionCharacter: 0x03)
        // The attention key drops the half-typed line.
        #expect(c.receive(Array("HALF".utf8) + [0x03] + Array("CP\r\n".utf8)) == [.attention, .line("CP")])
    }

    @Test func negotiationIsAnsweredOnceAndUnknownOptionsAreRefused() {
        var t = TelnetProtocol()
        #expect(t.receive([IAC, DO, SGA]) == [.send([IAC, WILL, SGA])])
        #expect(t.receive([IAC, DO, SGA]) == [])  // already on: no answer (RFC 854)
        #expect(t.receive([IAC, DO, TTYPE]) == [.send([IAC, WONT, TTYPE])])
        #expect(t.receive([IAC, WILL, NAWS]) == [.send([IAC, DONT, NAWS])])
        #expect(t.receive([IAC, WILL, SGA]) == [.send([IAC, DO, SGA])])
        #expect(t.receive([IAC, WILL, ECHO]) == [.send([IAC, DONT, ECHO])])
        // Turning off what is off needs no answer.
        #expect(t.receive([IAC, DONT, TTYPE, IAC, WONT, NAWS]) == [])
        #expect(t.receive([IAC, DONT, SGA]) == [.send([IAC, WONT, SGA])])
        #expect(t.receive([IAC, WONT, SGA]) == [.send([IAC, DONT, SGA])])
    }

    @Test func passwordEchoIsSuppressedWithWillEchoAndRestoredWithWontEcho() {
        var t = TelnetProtocol()
        #expect(t.setEcho(false) == [.send([IAC, WILL, ECHO])])
        // The client's DO ECHO is the acknowledgement: not answered again.
        #expect(t.receive([IAC, DO, ECHO]) == [])
        #expect(t.serverEchoes)
        // Nothing typed is echoed; the line end is, as the client no longer shows it.
        let a = t.receive(Array("secret\r\n".utf8))
        #expect(a == [.send([0x0D, 0x0A]), .line("secret")])
        #expect(t.setEcho(true) == [.send([IAC, WONT, ECHO])])
        #expect(t.receive([IAC, DONT, ECHO]) == [])
        #expect(!t.serverEchoes)
        // Back in line mode: no echo from the server.
        #expect(t.receive(Array("QUERY TIME\r\n".utf8)) == [.line("QUERY TIME")])
    }

    @Test func echoTurnedBackOnBeforeTheClientAnswersIsQueuedNotLooped() {
        var t = TelnetProtocol()
        #expect(t.setEcho(false) == [.send([IAC, WILL, ECHO])])
        #expect(t.setEcho(true) == [])  // queued: WILL is still unanswered (RFC 1143)
        #expect(t.receive([IAC, DO, ECHO]) == [.send([IAC, WONT, ECHO])])
        #expect(t.receive([IAC, DONT, ECHO]) == [])
        #expect(!t.serverEchoes)
    }

    @Test func characterModeClientsGetServerEchoAndEditing() {
        var t = TelnetProtocol()
        #expect(t.receive([IAC, DO, ECHO]) == [.send([IAC, WILL, ECHO])])
        #expect(t.receive(Array("ab".utf8)) == [.send(Array("ab".utf8))])
        // Backspace and DEL rub out a character on the screen; nothing to rub out, nothing sent.
        #expect(t.receive([0x08]) == [.send([0x08, 0x20, 0x08])])
        #expect(t.receive([0x7F, 0x7F]) == [.send([0x08, 0x20, 0x08])])
        #expect(t.receive(Array("xy\r\0".utf8)) == [.send(Array("xy\r\n".utf8)), .line("xy")])
        // A password: still the server's echo (no renegotiation), but nothing shown.
        #expect(t.setEcho(false) == [])
        #expect(t.receive(Array("pw\r\n".utf8)) == [.send([0x0D, 0x0A]), .line("pw")])
        #expect(t.setEcho(true) == [])
        #expect(t.serverEchoes)
        #expect(t.receive(Array("z".utf8)) == [.send(Array("z".utf8))])
    }

    @Test func eraseCharacterAndEraseLineEditTheCurrentLine() {
        var t = TelnetProtocol()
        #expect(lines(t.receive(Array("abc".utf8) + [0x08, 0x7F] + Array("d\r\n".utf8))) == ["ad"])
        #expect(lines(t.receive(Array("abc".utf8) + [IAC, 248] + Array("xy".utf8) + [IAC, 247] + Array("z\r\n".utf8))) == ["xz"])
        #expect(lines(t.receive(Array("junk".utf8) + [0x15] + Array("ok\n".utf8))) == ["ok"])
        // A multi-byte character is erased whole.
        #expect(lines(t.receive(Array("né".utf8) + [0x7F] + Array("e\n".utf8))) == ["ne"])
    }

    @Test func subnegotiationIsSkipped() {
        var t = TelnetProtocol()
        let sb: [UInt8] = [IAC, SB, NAWS, 0, 80, IAC, IAC, 24, IAC, SE]
        #expect(t.receive(sb + Array("hi\r\n".utf8)) == [.line("hi")])
        // Split anywhere, the same.
        var u = TelnetProtocol()
        var got: [TelnetAction] = []
        for b in sb + Array("hi\r\n".utf8) { got += u.receive([b]) }
        #expect(got == [.line("hi")])
    }

    @Test func areYouThereIsAnswered() {
        var t = TelnetProtocol()
        let a = t.receive([IAC, 246])
        #expect(String(decoding: sent(a), as: UTF8.self).contains("[YES]"))
    }

    @Test func overlongLinesAreDroppedWholeAndReported() {
        var t = TelnetProtocol()
        let max = LineAssembler.maximumLength
        #expect(lines(t.receive(Array(repeating: 0x41, count: max) + [0x0A])).first?.count == max)
        let a = t.receive(Array(repeating: 0x42, count: 5000) + Array("\r\nok\r\n".utf8))
        #expect(a == [.lineTooLong(5000), .line("ok")])
        #expect(LineAssembler.tooLongMessage(5000).contains("5000"))
    }

    @Test func garbageNeverTrapsAndTheParseDoesNotDependOnHowTheBytesArrive() {
        var rng = SplitMix(seed: 0x5370)
        for _ in 0..<50 {
            let garbage = (0..<Int(rng.next() % 3000)).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
            var whole = TelnetProtocol(attentionCharacter: 0x03)
            let all = whole.receive(garbage)
            var pieces = TelnetProtocol(attentionCharacter: 0x03)
            var chunked: [TelnetAction] = []
            var i = 0
            while i < garbage.count {
                let n = min(garbage.count - i, 1 + Int(rng.next() % 17))
                chunked += pieces.receive(garbage[i..<i + n])
                i += n
            }
            #expect(merged(chunked) == merged(all))
            // Whatever state the garbage left, two IAC SE and a line end bring the parser back.
            let after = whole.receive([IAC, SE, IAC, SE] + Array("\r\nhello\r\n".utf8))
            #expect(after.last == .line("hello"))
        }
    }

    /// Consecutive sends joined, as chunking may split them.
    func merged(_ a: [TelnetAction]) -> [TelnetAction] {
        var out: [TelnetAction] = []
        for x in a {
            if case .send(let b) = x, case .send(let p)? = out.last {
                out[out.count - 1] = .send(p + b)
            } else {
                out.append(x)
            }
        }
        return out
    }

    @Test func outputLinesEndInCRLFAndIACIsDoubled() {
        #expect(TelnetOutput.encode(lines: ["VM/370 ONLINE", ""]) == Array("VM/370 ONLINE\r\n\r\n".utf8))
        #expect(TelnetOutput.encode(lines: ["a\nb"]) == Array("a\r\nb\r\n".utf8))
        #expect(TelnetOutput.encode(prompt: "x\ry") == [0x78, 0x0D, 0x00, 0x79])
        #expect(TelnetOutput.encode(prompt: "\u{FF}") == [0xC3, 0xBF])  // UTF-8, no IAC in it
        var t = TelnetProtocol()
        // What the server sends, read back by the same rules, gives the text again.
        #expect(lines(t.receive(TelnetOutput.encode(lines: ["ENTER PASSWORD:", "x"]))) == ["ENTER PASSWORD:", "x"])
    }

    @Test func inputPacingAllowsABurstThenSlowsAFlood() {
        var p = InputPacing()
        let t0 = NIODeadlineShim.start
        #expect(p.consume(Int(InputPacing.burst), at: t0) == nil)
        let pause = p.consume(500, at: t0)
        #expect(pause != nil)
        #expect(pause.map { $0.nanoseconds > 900_000_000 && $0.nanoseconds <= 1_000_000_000 } == true)
        // A second later the debt is paid.
        #expect(p.consume(0, at: t0 + .seconds(1)) == nil)
    }
}

import NIOCore

enum NIODeadlineShim {
    static let start = NIODeadline.uptimeNanoseconds(1_000_000_000)
}

/// A small deterministic generator for the garbage test.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
