// Minidisks: cylinder extents of the real volumes in the home's `dasd`
// folder, and LINK with the access modes and password rules of VM/370
// (vm370-reference.md, section 2 and 1.2).
//
// A minidisk is a `CKDDisk` over a `MinidiskImage`: a view of the real volume
// whose cylinder 0 is the extent's first cylinder and which has only the
// extent's cylinders, so every seek the guest issues is relocated and checked
// against the extent (a seek beyond it gets the real device's answer for a
// cylinder that does not exist: a unit check with command reject).

import Channels
import Foundation

/// A view of a real volume: `cylinders` cylinders from `start`.
final class MinidiskImage: CKDImage {
    let volume: CKDImage
    let start: Int
    let geometry: CKDGeometry
    let readOnly: Bool
    var path: String { volume.path }
    var format: CKDImageFormat { volume.format }

    init(volume: CKDImage, start: Int, cylinders: Int, readOnly: Bool) {
        self.volume = volume
        self.start = start
        geometry = volume.geometry.with(cylinders: cylinders)
        self.readOnly = readOnly || volume.readOnly
    }

    func readTrack(_ t: Int) throws -> CKDTrack { try volume.readTrack(start * geometry.heads + t) }
    func writeTrack(_ t: Int, _ track: CKDTrack) throws {
        guard !readOnly else { throw DeviceFileError(path: path, "the minidisk is linked read-only") }
        try volume.writeTrack(start * geometry.heads + t, track)
    }
    func flush() throws { try volume.flush() }
}

/// The real volumes CP owns, by volume serial.
final class VolumeTable {
    private(set) var volumes: [String: CKDImage] = [:]
    /// Problems found while reading the folder (named in CP's log).
    private(set) var problems: [String] = []

    /// Opens every CKD image in `folder` and reads its VOL1 label.
    init(folder: String) {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        for f in files.sorted() where f.hasSuffix(".ckd") || f.hasSuffix(".cckd") || f.hasSuffix(".dasd") {
            let path = folder + "/" + f
            do {
                let image = try CKDImages.open(path: path, readOnly: false)
                let track = try image.readTrack(0)
                guard let vol1 = track.records.first(where: { $0.record == 3 }).flatMap({ VolumeLabel(data: $0.data) }) else {
                    problems.append("\(path): no VOL1 label on cylinder 0, track 0, record 3")
                    continue
                }
                let serial = vol1.serial.trimmingCharacters(in: .whitespaces)
                if volumes[serial] != nil {
                    problems.append("\(path): volume \(serial) is already online from another file")
                    continue
                }
                volumes[serial] = image
            } catch {
                problems.append("\(error)")
            }
        }
    }

    /// Writes every volume's changes to its file.
    func flushAll() { for v in volumes.values { try? v.flush() } }
}

/// Who has which minidisk, for the link rules.
struct LinkRecord {
    let userid: String
    let owner: String
    let ownerAddress: DeviceAddress
    let write: Bool
}

extension ControlProgram {
    /// Attaches the directory's minidisks and links of a user at logon.
    func attachDirectoryDevices(_ u: LoggedOnUser, _ vm: VirtualMachine) throws {
        for md in u.entry.minidisks {
            let write = md.mode.hasPrefix("W") || md.mode.hasPrefix("M")
            do {
                try attachMinidisk(vm, user: u.userid, owner: u.entry, disk: md, at: md.address,
                                   write: write && !otherWriter(md, owner: u.userid, except: u.userid))
            } catch {
                u.write(["DMKLOG113E MDISK \(hexAddress3(md.address)) NOT ATTACHED: \(error)"])
            }
        }
        for l in u.entry.links {
            let (lines, _) = execute(commandLine: "LINK \(l.owner) \(hexAddress3(l.ownerAddress)) \(hexAddress3(l.address)) \(l.mode)",
                                     user: u, session: nil, directoryLink: true)
            if !lines.isEmpty { u.write(lines) }
        }
        try attachSpoolDevices(u, vm)
    }

    /// Attaches a minidisk of `owner` to `vm` at `address`.
    func attachMinidisk(_ vm: VirtualMachine, user: String, owner: UserEntry, disk md: MinidiskEntry,
                        at address: DeviceAddress, write: Bool) throws {
        guard let volume = volumes.volumes[md.volser] else {
            throw CPError("volume \(md.volser) is not online")
        }
        guard md.startCylinder + md.cylinders <= volume.geometry.cylinders else {
            throw CPError("the extent of cylinders \(md.startCylinder)-\(md.startCylinder + md.cylinders - 1) is beyond the end of \(md.volser)")
        }
        let image = MinidiskImage(volume: volume, start: md.startCylinder, cylinders: md.cylinders, readOnly: !write)
        try vm.attach(try CKDDisk(image: image, readOnly: !write), at: address, kind: "DASD")
        links.append(LinkRecord(userid: user, owner: owner.userid, ownerAddress: md.address, write: write))
        vm.minidiskLinks[address] = (owner.userid, md.address, write)
    }

    /// Whether a user other than `except` has a write link to the minidisk.
    func otherWriter(_ md: MinidiskEntry, owner: String, except: String) -> Bool {
        links.contains { $0.owner == owner && $0.ownerAddress == md.address && $0.write && $0.userid != except }
    }

    /// Whether a user other than `except` has any link to the minidisk.
    func otherLink(_ md: MinidiskEntry, owner: String, except: String) -> Bool {
        links.contains { $0.owner == owner && $0.ownerAddress == md.address && $0.userid != except }
    }

    /// Forgets the links of a user's machine (logoff, DETACH).
    func dropLinks(user: String, address: DeviceAddress? = nil) {
        links.removeAll { $0.userid == user && (address == nil || users[user]?.vm?.minidiskLinks[address!]?.address == $0.ownerAddress) }
    }

    /// LINK userid vaddr1 vaddr2 mode [PASS= pw]: the rules of the access modes
    /// R, RR, W, WR, M, MR and MW (read; read even with writers; write alone;
    /// write else read; write unless another writes; that else read; write always).
    func link(_ ctx: CommandContext, directoryLink: Bool) throws {
        guard let u = ctx.user, let vm = u.vm else { throw CPMessage.unknownCommand("LINK") }
        let o = ctx.operands
        guard o.count >= 3, let ownerAddress = Directory.deviceAddress(o[1]), let address = Directory.deviceAddress(o[2]) else {
            throw CPMessage.missingOperand("LINK USERID VADDR1 VADDR2")
        }
        let ownerID = o[0] == "*" ? u.userid : o[0]
        var mode = o.count > 3 && !o[3].hasPrefix("PASS") ? o[3] : "R"
        guard Directory.linkModes.contains(mode) else { throw CPMessage.invalidOption(mode) }
        guard let owner = directory.user(ownerID) else { throw CPMessage.userNotInDirectory(ownerID) }
        guard let md = owner.minidisks.first(where: { $0.address == ownerAddress }) else {
            throw CPMessage(id: "DMKLNK107E", code: 107, text: "\(ownerID) \(hexAddress3(ownerAddress)) NOT LINKED; NO SUCH MDISK")
        }
        guard vm.channels.device(at: address) == nil else {
            throw CPMessage(id: "DMKLNK110E", code: 110, text: "\(hexAddress3(address)) NOT LINKED; VDEV ALREADY DEFINED")
        }
        // The password for the mode, unless the user links a disk of its own or the directory does it.
        if !directoryLink && ownerID != u.userid {
            let wanted: String?
            switch mode.first {
            case "W": wanted = md.writePassword
            case "M": wanted = md.multiPassword
            default: wanted = md.readPassword
            }
            // No password for the mode in the directory: that access is not allowed to others.
            guard let pw = wanted else {
                let kind = mode.first == "R" ? "READ" : mode.first == "W" ? "WRITE" : "MULT"
                throw CPMessage(id: "DMKLNK111E", code: 111, text: "\(ownerID) \(hexAddress3(ownerAddress)) NOT LINKED; NO \(kind) PASSWORD")
            }
            if pw != "ALL" {
                var given: String? = nil
                if let i = o.firstIndex(where: { $0.hasPrefix("PASS=") }) {
                    given = o[i] == "PASS=" && i + 1 < o.count ? o[i + 1] : String(o[i].dropFirst(5))
                }
                guard given == pw else {
                    throw CPMessage(id: "DMKLNK113E", code: 113, text: "\(ownerID) \(hexAddress3(ownerAddress)) NOT LINKED; PASSWORD INCORRECT")
                }
            }
        }
        let writer = otherWriter(md, owner: ownerID, except: u.userid)
        let anyone = otherLink(md, owner: ownerID, except: u.userid)
        var write: Bool
        switch mode {
        case "R":
            guard !writer else {
                throw CPMessage(id: "DMKLNK104E", code: 104, text: "\(ownerID) \(hexAddress3(ownerAddress)) NOT LINKED; R/W BY \(writerName(md, ownerID))")
            }
            write = false
        case "RR": write = false
        case "W":
            guard !anyone else {
                throw CPMessage(id: "DMKLNK104E", code: 104, text: "\(ownerID) \(hexAddress3(ownerAddress)) NOT LINKED; R/O BY \(linkerName(md, ownerID, except: u.userid))")
            }
            write = true
        case "WR":
            write = !anyone
            if anyone { ctx.say("DMKLNK101W \(ownerID) \(hexAddress3(ownerAddress)) FORCED R/O; LINKED BY \(linkerName(md, ownerID, except: u.userid))") }
        case "M":
            guard !writer else {
                throw CPMessage(id: "DMKLNK104E", code: 104, text: "\(ownerID) \(hexAddress3(ownerAddress)) NOT LINKED; R/W BY \(writerName(md, ownerID))")
            }
            write = true
        case "MR":
            write = !writer
            if writer { ctx.say("DMKLNK101W \(ownerID) \(hexAddress3(ownerAddress)) FORCED R/O; R/W BY \(writerName(md, ownerID))") }
        default: // MW
            write = true
        }
        // The directory's own mode limits the owner's disk (an R disk is never written).
        if md.mode == "R" || md.mode == "RR" { write = false; mode = "R" }
        try attachMinidisk(vm, user: u.userid, owner: owner, disk: md, at: address, write: write)
    }

    private func writerName(_ md: MinidiskEntry, _ owner: String) -> String {
        links.first { $0.owner == owner && $0.ownerAddress == md.address && $0.write }?.userid ?? "?"
    }
    private func linkerName(_ md: MinidiskEntry, _ owner: String, except: String) -> String {
        links.first { $0.owner == owner && $0.ownerAddress == md.address && $0.userid != except }?.userid ?? "?"
    }
}
