// s370 dasd: host tools for CKD disk images (Hercules CKD and CCKD):
// init (a labelled, empty volume, as dasdinit makes), list (what is on a
// volume), ipltext (a stand-alone program written so that IPL of the volume
// starts it).

import ArgumentParser
import Channels
import Foundation
import Records

struct DasdCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dasd",
        abstract: "Make and inspect CKD disk images (Hercules CKD and compressed CCKD).",
        subcommands: [DasdInit.self, DasdList.self, DasdIPLText.self])
}

/// The storage formats `dasd init` can write.
enum ImageFormatOption: String, ExpressibleByArgument, CaseIterable {
    case ckd, cckd
    case cckdBzip2 = "cckd-bzip2"

    var format: CKDImageFormat {
        switch self {
        case .ckd: return .plain
        case .cckd: return .compressed(.zlib)
        case .cckdBzip2: return .compressed(.bzip2)
        }
    }
}

struct DasdInit: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create a labelled, empty volume: IPL records and a VOL1 label on cylinder 0 track 0.",
        discussion: """
            TYPE is 3330, 3330-11 or 3350. The image is compressed (CCKD, zlib) when FILE ends in \
            .cckd and uncompressed (CKD) otherwise, unless --format says. Example: \
            s370 dasd init work.cckd 3330 WORK01
            """)

    @Argument(help: "The image file to create (replaced if it exists).")
    var file: String

    @Argument(help: "The disk type: 3330, 3330-11 or 3350.")
    var type: String

    @Argument(help: "The volume serial: one to six letters or digits.")
    var volser: String

    @Option(help: "ckd (uncompressed), cckd (zlib) or cckd-bzip2.")
    var format: ImageFormatOption?

    func run() throws {
        guard let g = CKDGeometry.named(type) else {
            throw ValidationError("'\(type)' is not a disk type of this machine: 3330, 3330-11 or 3350")
        }
        let f = format?.format ?? (file.lowercased().hasSuffix(".cckd") ? .compressed(.zlib) : .plain)
        do {
            try CKDVolume.initialize(path: file, geometry: g, serial: volser, format: f)
        } catch let e as ConfigurationError {
            throw ValidationError(e.message)
        } catch {
            throw RunError("\(error)")
        }
        print("\(file): \(g.name) volume \(volser.uppercased()), \(g.cylinders) cylinders, \(f)")
    }
}

struct DasdList: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "Show what is on a volume: type, format, label, IPL records, VTOC, tracks in use.")

    @Argument(help: "The image file.")
    var file: String

    @Flag(help: "Also list the records of every track in use.")
    var records = false

    func run() throws {
        do {
            let image = try CKDImages.open(path: file, readOnly: true)
            for line in try CKDVolume.describe(image, records: records) { print(line) }
        } catch {
            throw RunError("\(error)")
        }
    }
}

struct DasdIPLText: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ipltext",
        abstract: "Write a stand-alone program's IPL text on a volume, so that IPL of the volume starts it.",
        discussion: """
            DECK is an object deck (ESD, TXT, RLD and END cards, as an assembler punches them), \
            absolute: each TXT card loads at its address; the END card's address, or else the lowest \
            address, is where the program starts. The text goes on cylinder 0 track 0 after the VOL1 \
            label, and the IPL records are rewritten to load it.
            """)

    @Argument(help: "The image file (a labelled volume, as s370 dasd init makes).")
    var file: String

    @Argument(help: "The object deck: 80-byte EBCDIC card images.")
    var deck: String

    func run() throws {
        do {
            let deckFile = try HostFile(path: deck, mode: .read)
            let cards = try CardDeck.read(try deckFile.readAll(), format: .ebcdic, source: deck)
            let text = try ObjectText(deck: cards, source: deck)
            let image = try CKDImages.open(path: file, readOnly: false)
            try IPLText.write(text, to: image)
            let bytes = text.segments.reduce(0) { $0 + $1.bytes.count }
            print("\(file): IPL text of \(bytes) bytes in \(text.segments.count) piece\(text.segments.count == 1 ? "" : "s"), entry \(String(text.entry, radix: 16, uppercase: true))")
        } catch {
            throw RunError("\(error)")
        }
    }
}
