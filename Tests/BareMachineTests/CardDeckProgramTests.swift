// A stand-alone program on a card deck, IPLed from the reader: it writes to
// the console, reads its data card under an I/O interruption, prints the
// card on a new page and punches it. Hand-assembled below, instruction by
// instruction, at absolute addresses (base register 0).

import Testing
import BareMachine
import Channels
import DATBox
import Records
import S370CPU
import TestSupport

/// The program image at X'400' (720 bytes: nine cards).
func cardDeckProgram() -> Image {
    var p = Image(origin: 0x400, length: 720)
    let error: Int = 0x4F0, doio: Int = 0x500
    // Main line.
    p.code([
        RX(0x41, 2, 0x009),                       // LA    2,X'009'        the console
        RX(0x41, 1, 0x580),                       // LA    1,CCWCON
        RX(0x45, 14, doio),                       // BAL   14,DOIO
        SS(0xD2, length: 8, 0x078, 0, 0x598, 0),  // MVC   120(8),IONEW    I/O new PSW: RESUME
        RX(0x41, 1, 0x588),                       // LA    1,CCWRDR
        RX(0x50, 1, 0x048),                       // ST    1,72            the CAW
        S(0x9C00, 0x00C),                         // SIO   X'00C'          the reader
        RX(0x47, 7, error),                       // BC    7,ERROR
        S(0x8200, 0x5A0),                         // LPSW  WAITPSW         wait, channel 0 enabled
    ], at: 0x400)
    // RESUME: the interruption came from the reader, with channel end and device end.
    p.code([
        SS(0xD5, length: 2, 0x03A, 0, 0x5B8, 0),  // CLC   58(2),=X'000C'  device address in the old PSW
        RX(0x47, 7, error),                       // BC    7,ERROR
        SI(0x95, 0x0C, 0x044),                    // CLI   68,X'0C'        CSW unit status CE+DE
        RX(0x47, 7, error),                       // BC    7,ERROR
        RX(0x41, 2, 0x00E),                       // LA    2,X'00E'        the printer
        RX(0x41, 1, 0x5C0),                       // LA    1,CCWPRT
        RX(0x45, 14, doio),                       // BAL   14,DOIO
        RX(0x41, 2, 0x00D),                       // LA    2,X'00D'        the punch
        RX(0x41, 1, 0x5D0),                       // LA    1,CCWPCH
        RX(0x45, 14, doio),                       // BAL   14,DOIO
        S(0x8200, 0x5A8),                         // LPSW  DONE
    ], at: 0x426)
    p.code([S(0x8200, 0x5B0)], at: UInt32(error))  // ERROR: LPSW FAILED
    // DOIO: start the program at R1 on the device in R2, wait with TEST I/O, check CE+DE.
    p.code([
        RX(0x50, 1, 0x048),                       // ST    1,72
        S(0x9C00, 0, 2),                          // SIO   0(2)
        RX(0x47, 7, error),                       // BC    7,ERROR         not started
        S(0x9D00, 0, 2),                          // TIO   0(2)
        RX(0x47, 2, 0x50C),                       // BC    2,*-4           still working
        RX(0x47, 11, error),                      // BC    11,ERROR        CC 0, 2 or 3: no CSW
        SI(0x95, 0x0C, 0x044),                    // CLI   68,X'0C'
        RX(0x47, 7, error),                       // BC    7,ERROR
        RR(0x07, 15, 14),                         // BR    14
    ], at: UInt32(doio))
    // Channel programs, PSWs and text.
    p.put(CCW(command: 0x09, dataAddress: 0x600, count: 22).bytes, at: 0x580)             // write, carrier return
    p.put(CCW(command: 0x02, dataAddress: 0x680, count: 80).bytes, at: 0x588)             // read a card
    p.put(bytes64(0x0000_0000_0000_0426), at: 0x598)                                       // IONEW
    p.put(bytes64(0x8002_0000_0000_0000), at: 0x5A0)                                       // WAITPSW
    p.put(bytes64(0x0002_0000_0000_0000), at: 0x5A8)                                       // DONE
    p.put(bytes64(0x0002_0000_0000_0EEE), at: 0x5B0)                                       // FAILED
    p.put([0x00, 0x0C], at: 0x5B8)
    p.put(CCW(command: 0x8B, dataAddress: 0, flags: [.chainCommand, .suppressLength], count: 1).bytes, at: 0x5C0)
    p.put(CCW(command: 0x09, dataAddress: 0x680, flags: .suppressLength, count: 80).bytes, at: 0x5C8)
    p.put(CCW(command: 0x01, dataAddress: 0x680, count: 80).bytes, at: 0x5D0)             // punch
    p.put(EBCDIC.encode("HELLO FROM A CARD DECK"), at: 0x600)
    return p
}

/// The deck: the IPL card, a card of CCWs reading the program, the program, a data card.
func cardDeck(dataCard: String) -> [CardImage] {
    let program = cardDeckProgram()
    // Card 1: the IPL PSW, a read of card 2 into X'300', and a TIC to it.
    let ipl = bytes64(0x0000_0000_0000_0400)
        + CCW(command: 0x02, dataAddress: 0x300, flags: [.chainCommand, .suppressLength], count: 80).bytes
        + CCW(command: 0x08, dataAddress: 0x300, count: 1).bytes
    // Card 2: nine reads, a program card each, at X'400', X'450', ...
    var loader: [UInt8] = []
    for k in 0..<9 {
        let flags: CCWFlags = k < 8 ? [.chainCommand, .suppressLength] : .suppressLength
        loader += CCW(command: 0x02, dataAddress: 0x400 + UInt32(80 * k), flags: flags, count: 80).bytes
    }
    return [CardImage(ebcdic: ipl), CardImage(ebcdic: loader)] + program.cards + [CardImage(text: dataCard)]
}

@Suite struct CardDeckProgramTests {
    @Test func aStandAloneProgramFromTheReaderUsesConsolePrinterAndPunch() throws {
        let m = try BareMachine(storageSize: 64 << 10, clock: .deterministic(microsecondsPerInstruction: 1))
        let op = OperatorConsole(input: .none, output: nil)
        m.console = op
        let reader = CardReader2540(cards: cardDeck(dataCard: "DATA CARD FOR THE PROGRAM"))
        let punch = try CardPunch2540()
        let printer = try Printer1403()
        try m.attach(Console3215(host: op), at: 0x009)
        try m.attach(reader, at: 0x00C)
        try m.attach(punch, at: 0x00D)
        try m.attach(printer, at: 0x00E)
        try m.ipl(from: 0x00C)
        // IPL stored the load unit in locations 2-3 of the BC-mode PSW it loaded.
        #expect(m.cpu.psw.instructionAddress == 0x400)
        #expect(m.storage.halfword(at: 2) == 0x000C)
        let r = m.run(maxInstructions: 100_000)
        #expect(r.status == .disabledWait)
        #expect(m.cpu.psw.instructionAddress == 0, "the program ended at ERROR: \(m.cpu.psw)")
        #expect(op.transcript == "HELLO FROM A CARD DECK\n")
        #expect(printer.output == "\u{0C}DATA CARD FOR THE PROGRAM\n")
        #expect(punch.punched == [CardImage(text: "DATA CARD FOR THE PROGRAM")])
        #expect(reader.cardsLeft == 0)
        // The old I/O PSW holds the reader's address (BC mode: bits 16-31).
        #expect(m.storage.halfword(at: 58) == 0x000C)
    }

    @Test func theSameRunTwiceIsTheSameToTheInstruction() throws {
        var counts: [UInt64] = []
        for _ in 0..<2 {
            let m = try BareMachine(storageSize: 64 << 10, clock: .deterministic(microsecondsPerInstruction: 1))
            let op = OperatorConsole(input: .none, output: nil)
            m.console = op
            try m.attach(Console3215(host: op), at: 0x009)
            try m.attach(CardReader2540(cards: cardDeck(dataCard: "X")), at: 0x00C)
            try m.attach(try CardPunch2540(), at: 0x00D)
            try m.attach(try Printer1403(), at: 0x00E)
            try m.ipl(from: 0x00C)
            counts.append(m.run(maxInstructions: 100_000).instructions)
            #expect(m.cpu.psw.instructionAddress == 0)
        }
        #expect(counts[0] == counts[1])
    }
}
