// Helpers for the bare-machine tests: a hand-assembled storage image, card
// decks made from it, temporary files, and where IBM's programs are kept.

import Foundation
import BareMachine
import Channels
import Records

/// A storage image being hand-assembled at its absolute addresses.
struct Image {
    let origin: UInt32
    var bytes: [UInt8]

    init(origin: UInt32, length: Int) {
        self.origin = origin
        bytes = [UInt8](repeating: 0, count: length)
    }

    /// Places `b` at absolute address `a`.
    mutating func put(_ b: [UInt8], at a: UInt32) {
        let o = Int(a - origin)
        bytes.replaceSubrange(o..<o + b.count, with: b)
    }

    /// Places instructions one after the other from `a`; returns the address after them.
    @discardableResult
    mutating func code(_ instructions: [[UInt8]], at a: UInt32) -> UInt32 {
        var p = a
        for i in instructions {
            put(i, at: p)
            p += UInt32(i.count)
        }
        return p
    }

    /// The image as 80-column cards (binary).
    var cards: [CardImage] {
        stride(from: 0, to: bytes.count, by: 80).map { CardImage(ebcdic: Array(bytes[$0..<min($0 + 80, bytes.count)])) }
    }
}

/// A temporary file path (removed by the caller).
func temporaryPath(_ name: String) -> String {
    NSTemporaryDirectory() + "s370-\(getpid())-\(UInt32.random(in: 0...UInt32.max))-" + name
}

/// The directory of IBM's programs: $S370_IMAGES, or ../shared/images beside the repository.
func imagesDirectory() -> String {
    if let d = ProcessInfo.processInfo.environment["S370_IMAGES"], !d.isEmpty { return d }
    let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    return repository.deletingLastPathComponent().appendingPathComponent("shared/images").path
}

/// An operator whose console output is only kept in its transcript.
func scriptedOperator(_ lines: [String]) -> OperatorConsole {
    OperatorConsole(input: .script(lines), output: nil)
}
