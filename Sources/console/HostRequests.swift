// How host commands (`s370 submit`, `s370 spool`) reach a running system: a
// Unix-domain socket in the home (`HOME/s370.sock`) that `s370 run` listens
// on. A request is one line of JSON, `{"arguments": [...], "input": "<base64>"}`;
// the answer is one line, `{"status": n, "output": "..."}`. CP performs the
// request on its own thread (`ControlProgram.perform`), so a host command
// never touches the spool behind the running system's back.

import CP
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// The socket's path in a home.
func hostRequestSocketPath(home: String) -> String { home + "/s370.sock" }

/// The server side, in `s370 run`.
final class HostRequestServer: @unchecked Sendable {
    let path: String
    let cp: ControlProgram
    private var listener: Int32 = -1

    init(home: String, cp: ControlProgram) {
        path = hostRequestSocketPath(home: home)
        self.cp = cp
    }

    /// Starts listening; a stale socket file from a killed run is replaced.
    func start() throws {
        unlink(path)
        listener = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        guard listener >= 0 else { throw CPError("cannot make the host-request socket: \(String(cString: strerror(errno)))") }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        guard bytes.count < MemoryLayout.size(ofValue: address.sun_path) else {
            throw CPError("\(path): the path is too long for a Unix socket; use a shorter --home")
        }
        withUnsafeMutableBytes(of: &address.sun_path) { p in
            for (i, b) in bytes.enumerated() { p[i] = b }
            p[bytes.count] = 0
        }
        let ok = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listener, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard ok == 0, listen(listener, 16) == 0 else {
            throw CPError("\(path): cannot listen for host requests: \(String(cString: strerror(errno)))")
        }
        let t = Thread { [self] in self.acceptLoop() }
        t.name = "host requests"
        t.start()
    }

    /// Stops listening and removes the socket file.
    func stop() {
        if listener >= 0 { shutdown(listener, Int32(SHUT_RDWR)); close(listener) }
        listener = -1
        unlink(path)
    }

    private func acceptLoop() {
        while true {
            let fd = accept(listener, nil, nil)
            if fd < 0 {
                if errno == EINTR { continue }
                return
            }
            let t = Thread { [self] in self.serve(fd) }
            t.start()
        }
    }

    private func serve(_ fd: Int32) {
        defer { close(fd) }
        guard let line = readLine(fd),
              let object = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any],
              let arguments = object["arguments"] as? [String] else {
            writeAnswer(fd, status: 2, output: "s370: a host request the running system cannot read\n")
            return
        }
        let input = (object["input"] as? String).flatMap { Data(base64Encoded: $0) }.map { [UInt8]($0) } ?? []
        if cp.isShutDown {
            writeAnswer(fd, status: 1, output: "s370: the system is shutting down\n")
            return
        }
        let (status, output) = cp.perform(HostRequest(arguments: arguments, input: input))
        writeAnswer(fd, status: status, output: output)
    }

    private func readLine(_ fd: Int32) -> [UInt8]? {
        var out: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while out.count < 64 << 20 {
            let n = read(fd, &buffer, buffer.count)
            if n <= 0 { return out.isEmpty ? nil : out }
            if let nl = buffer[0..<n].firstIndex(of: 0x0A) {
                out += buffer[0..<nl]
                return out
            }
            out += buffer[0..<n]
        }
        return nil
    }

    private func writeAnswer(_ fd: Int32, status: Int32, output: String) {
        let object: [String: Any] = ["status": Int(status), "output": output]
        guard var data = try? JSONSerialization.data(withJSONObject: object) else { return }
        data.append(0x0A)
        data.withUnsafeBytes { p in
            var off = 0
            while off < p.count {
                let n = write(fd, p.baseAddress! + off, p.count - off)
                if n <= 0 { return }
                off += n
            }
        }
    }
}

/// The client side, for host commands: sends a request to the running system
/// of `home`; nil when no system is listening there.
func sendHostRequest(home: String, arguments: [String], input: [UInt8] = []) -> (status: Int32, output: String)? {
    let path = hostRequestSocketPath(home: home)
    guard FileManager.default.fileExists(atPath: path) else { return nil }
    let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
    guard fd >= 0 else { return nil }
    defer { close(fd) }
    var address = sockaddr_un()
    address.sun_family = sa_family_t(AF_UNIX)
    let bytes = Array(path.utf8)
    guard bytes.count < MemoryLayout.size(ofValue: address.sun_path) else { return nil }
    withUnsafeMutableBytes(of: &address.sun_path) { p in
        for (i, b) in bytes.enumerated() { p[i] = b }
        p[bytes.count] = 0
    }
    let ok = withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
    }
    guard ok == 0 else { return nil }
    let object: [String: Any] = ["arguments": arguments, "input": Data(input).base64EncodedString()]
    guard var data = try? JSONSerialization.data(withJSONObject: object) else { return nil }
    data.append(0x0A)
    let sent = data.withUnsafeBytes { p -> Bool in
        var off = 0
        while off < p.count {
            let n = write(fd, p.baseAddress! + off, p.count - off)
            if n <= 0 { return false }
            off += n
        }
        return true
    }
    guard sent else { return nil }
    var answer: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 65536)
    while true {
        let n = read(fd, &buffer, buffer.count)
        if n <= 0 { break }
        answer += buffer[0..<n]
    }
    guard let object = try? JSONSerialization.jsonObject(with: Data(answer)) as? [String: Any],
          let status = object["status"] as? Int else {
        return (2, "s370: no answer from the running system at \(home)\n")
    }
    return (Int32(status), object["output"] as? String ?? "")
}
