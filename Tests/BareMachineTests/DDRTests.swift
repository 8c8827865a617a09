// IBM's stand-alone DDR (VM/370 Release 6) on the bare machine: IPL from a
// 3420 at 580, the dialogue on the 3215 at 009 (../shared/images/README.md),
// and the dump of cylinder 0 of a 3330 at 131, made by `dasd init`, on the
// 1403 at 00E. DDR first sends X'37' to the printer and carries on after the
// command reject a 1403 gives.
//
// IBM's program is not part of the project: the test finds it in
// ../shared/images beside the repository, or in $S370_IMAGES, and reports
// itself skipped when it is not there.

import Testing
import Foundation
import BareMachine
import Channels
import S370CPU
import TestSupport

/// The DDR tape image, when it is present.
let ddrImage = imagesDirectory() + "/dmkddr.aws"

/// Whether this CPU has the decimal instructions DDR uses (PACK and CVB to
/// read a cylinder number): an operation exception on PACK means not yet.
func cpuHasDecimal() -> Bool {
    let m = TestMachine()
    m.execute([SS2(0xF2, l1: 8, l2: 1, 0x2000, 0, 0x2100, 0)])
    return !(m.tookProgramInterruption && m.programInterruptionCode == 0x0001)
}

@Suite struct DDRTests {
    @Test(.enabled(if: FileManager.default.fileExists(atPath: ddrImage), "IBM's DDR is not in \(imagesDirectory())"),
          .enabled(if: cpuHasDecimal(), "the CPU has no decimal instructions yet (DDR converts with PACK and CVB)"))
    func ddrPrintsCylinderZeroOfA3330() throws {
        let volume = temporaryPath("ddr.cckd")
        let listing = temporaryPath("ddr.txt")
        defer { unlink(volume); unlink(listing) }
        try CKDVolume.initialize(path: volume, geometry: .ibm3330, serial: "DDRVOL", format: .compressed(.zlib))

        let m = try BareMachine(clock: .deterministic(microsecondsPerInstruction: 1))
        let op = scriptedOperator(["sysprint 00e", "input 131 3330", "print 0", "yes"])
        m.console = op
        try m.attach(Console3215(host: op), at: 0x009)
        let printer = try Printer1403(path: listing)
        try m.attach(printer, at: 0x00E)
        try m.attach(try Tape3420(path: ddrImage, readOnly: true), at: 0x580)
        try m.attach(try CKDDisk(path: volume, readOnly: false), at: 0x131)

        try m.ipl(from: 0x580)
        let r = m.run(maxInstructions: 20_000_000)
        try m.flushDevices()
        #expect(r.status == .idle, "\(r.status) at \(m.cpu.psw)")
        let console = op.transcript
        #expect(console.contains("VM/370 DASD DUMP/RESTORE PROGRAM RELEASE 6"))
        #expect(console.contains("DMKDDR711R VOLID READ IS DDRVOL"))
        #expect(console.contains("END OF PRINT"))
        let printed = try String(contentsOfFile: listing, encoding: .isoLatin1)
        #expect(printed.contains("CYL 000 HD 00 HOME ADDRESS 0000000000 RECORD ZERO"))
        #expect(printed.contains("*VOL1DDRVOL"))
        #expect(printed.contains("CYL 000 HD 18 HOME ADDRESS"))
    }
}
