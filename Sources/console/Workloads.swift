// The benchmark workloads: programs the bare machine runs for `s370 bench`.
// Each is a stand-alone program that ends in a disabled wait.

import BareMachine
import DATBox
import S370CPU

/// A benchmark workload.
struct Workload {
    /// Its name on the command line.
    let name: String
    /// What it measures.
    let summary: String
    /// The program image and where it loads.
    let image: [UInt8]
    let origin: UInt32
    /// The start PSW.
    let psw: UInt64

    /// Runs it on a fresh bare machine.
    func run() throws -> RunResult {
        let m = try BareMachine(storageSize: 1 << 20)
        m.storage.load(image, at: origin)
        m.cpu.loadPSW(PSW(psw))
        return m.run()
    }
}

/// The known workloads.
enum Workloads {
    /// LOOP8 (../shared/bench/loop8.bin; PERFORMANCE.md): 800,000,003 instructions.
    static let loop8 = Workload(
        name: "LOOP8", summary: "load, add, store, shift, compare and branch on count",
        image: [
            0x05, 0xC0, 0x58, 0x20, 0xC0, 0x3E, 0x58, 0x30, 0xC0, 0x42, 0x5A, 0x30, 0xC0, 0x46, 0x50, 0x30,
            0xC0, 0x42, 0x18, 0x43, 0x89, 0x40, 0x00, 0x02, 0x1A, 0x54, 0x19, 0x53, 0x46, 0x20, 0xC0, 0x04,
            0x82, 0x00, 0xC0, 0x4E, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
            0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
            0x05, 0xF5, 0xE1, 0x00, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0,
            0x00, 0x02, 0x00, 0x00, 0, 0, 0, 0,
        ],
        origin: 0x1000, psw: 0x0000_0000_0000_1000)

    static let all: [Workload] = [loop8]
}
