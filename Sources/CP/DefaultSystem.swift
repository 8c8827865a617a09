// The working default system the first `s370 run` creates in an empty home
// (issue 8): a directory with OPERATOR, MAINT, CMSBATCH and the general users
// USER1, USER2 and USER3 (each with its own name as password until the
// directory is changed), and the real volume their minidisks live on.

import Channels
import Foundation
import Records

/// A stand-alone program to place in the default system.
public struct SampleProgram: Sendable {
    /// Its name, for the readers' spool files and the log.
    public var name: String
    /// The self-loading IPL deck (as `s370 asm --ipl` writes it).
    public var iplDeck: [CardImage]
    /// The object deck (as `s370 asm -o` writes it), for IPL text on a disk.
    public var objectDeck: [CardImage]
    public init(name: String, iplDeck: [CardImage], objectDeck: [CardImage]) {
        self.name = name
        self.iplDeck = iplDeck
        self.objectDeck = objectDeck
    }
}

extension ControlProgram {
    /// The volume serial of the default system's user volume.
    public static let defaultVolume = "S370W1"

    /// The directory of the default system.
    public static let defaultDirectory = """
        * USER DIRECT: the CP user directory (VM/370 format; columns 1-71).
        * Created by the first `s370 run`. Change the passwords here: each
        * user's password is its own name until then.
        USER OPERATOR OPERATOR 1M 16M ABCDEG
         ACCOUNT SYSTEM OPERATOR
         CONSOLE 009 3215
         SPOOL 00C 2540 READER *
         SPOOL 00D 2540 PUNCH A
         SPOOL 00E 1403 A
        USER MAINT MAINT 4M 16M ABCDEG
         ACCOUNT SYSTEM MAINT
         OPTION ECMODE
         CONSOLE 009 3215
         SPOOL 00C 2540 READER *
         SPOOL 00D 2540 PUNCH A
         SPOOL 00E 1403 A
         MDISK 190 3330 001 020 S370W1 MR ALL WRITE MULT
         MDISK 191 3330 021 010 S370W1 WR READ WRITE
        USER CMSBATCH CMSBATCH 2M 8M G
         ACCOUNT SYSTEM BATCH
         CONSOLE 009 3215
         SPOOL 00C 2540 READER *
         SPOOL 00D 2540 PUNCH A
         SPOOL 00E 1403 A
         LINK MAINT 190 190 RR
         MDISK 191 3330 031 010 S370W1 WR READ WRITE
        USER USER1 USER1 1M 8M G
         ACCOUNT USERS USER1
         OPTION ECMODE
         CONSOLE 009 3215
         SPOOL 00C 2540 READER *
         SPOOL 00D 2540 PUNCH A
         SPOOL 00E 1403 A
         LINK MAINT 190 190 RR
         MDISK 191 3330 041 010 S370W1 WR READ WRITE
        USER USER2 USER2 1M 8M G
         ACCOUNT USERS USER2
         OPTION ECMODE
         CONSOLE 009 3215
         SPOOL 00C 2540 READER *
         SPOOL 00D 2540 PUNCH A
         SPOOL 00E 1403 A
         LINK MAINT 190 190 RR
         MDISK 191 3330 051 010 S370W1 WR READ WRITE
        USER USER3 USER3 1M 8M G
         ACCOUNT USERS USER3
         OPTION ECMODE
         CONSOLE 009 3215
         SPOOL 00C 2540 READER *
         SPOOL 00D 2540 PUNCH A
         SPOOL 00E 1403 A
         LINK MAINT 190 190 RR
         MDISK 191 3330 061 010 S370W1 WR READ WRITE

        """

    /// Makes `path` a working default system when it holds no directory yet
    /// (the first `s370 run`); leaves an existing system alone. Returns whether
    /// it created one.
    @discardableResult
    public static func prepareHome(_ path: String, samples: [SampleProgram] = []) throws -> Bool {
        let fm = FileManager.default
        let directoryPath = path + "/USER DIRECT"
        if fm.fileExists(atPath: directoryPath) { return false }
        for sub in ["", "/dasd", "/spool", "/output", "/log"] {
            try fm.createDirectory(atPath: path + sub, withIntermediateDirectories: true)
        }
        // The volume first, so that a failure leaves no directory that names a missing volume.
        let volume = path + "/dasd/\(defaultVolume).cckd"
        if !fm.fileExists(atPath: volume) {
            try CKDVolume.initialize(path: volume, geometry: .ibm3330, serial: defaultVolume, format: .compressed(.zlib))
        }
        try installSamples(home: path, volume: volume, samples: samples)
        try defaultDirectory.write(toFile: directoryPath, atomically: true, encoding: .utf8)
        return true
    }

    /// Places the sample programs: the first as IPL text on MAINT's 190 (so
    /// that `IPL 190` starts it from any user, who all link it); every deck is
    /// kept in `samples/` (and goes to the users' readers once the spool takes it).
    static func installSamples(home: String, volume: String, samples: [SampleProgram]) throws {
        guard let first = samples.first else { return }
        let dir = home + "/samples"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        for s in samples {
            try Data(CardDeck.ebcdic(s.iplDeck)).write(to: URL(fileURLWithPath: dir + "/\(s.name).ipl"))
        }
        let image = try CKDImages.open(path: volume, readOnly: false)
        let maint190 = MinidiskImage(volume: image, start: 1, cylinders: 20, readOnly: false)
        // A minidisk has a label of its own on its first track, as CMS gives one.
        try maint190.writeTrack(0, CKDVolume.labelTrack(serial: "MNT190"))
        try IPLText.write(try ObjectText(deck: first.objectDeck, source: first.name), to: maint190)
        try image.flush()
    }
}
