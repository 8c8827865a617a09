// Running the built `s370` command from tests, as a user would.

import Foundation

/// The output of one run of the `s370` command.
public struct CommandOutput {
    public var status: Int32
    public var stdout: String
    public var stderr: String
}

/// The path of the built `s370`: the one built with the same configuration as
/// the tests first, then the other.
public var s370Executable: String? {
    #if DEBUG
    let configs = ["debug", "release"]
    #else
    let configs = ["release", "debug"]
    #endif
    for config in configs {
        let p = packageRoot + "/.build/" + config + "/s370"
        if FileManager.default.isExecutableFile(atPath: p) { return p }
    }
    return nil
}

/// Runs `s370` with `arguments` (and `input` on its standard input) and waits for it.
public func runS370(_ arguments: [String], input: String = "", environment: [String: String] = [:]) throws -> CommandOutput {
    guard let exe = s370Executable else {
        throw CommandRunnerError("the s370 command is not built: run `swift build -c release` first (make test does)")
    }
    let p = Process()
    p.executableURL = URL(fileURLWithPath: exe)
    p.arguments = arguments
    p.currentDirectoryURL = URL(fileURLWithPath: packageRoot)
    var env = ProcessInfo.processInfo.environment
    for (k, v) in environment { env[k] = v }
    p.environment = env
    let out = Pipe(), err = Pipe(), inp = Pipe()
    p.standardOutput = out
    p.standardError = err
    p.standardInput = inp
    try p.run()
    inp.fileHandleForWriting.write(Data(input.utf8))
    try? inp.fileHandleForWriting.close()
    let o = out.fileHandleForReading.readDataToEndOfFile()
    let e = err.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    return CommandOutput(status: p.terminationStatus, stdout: String(decoding: o, as: UTF8.self),
                         stderr: String(decoding: e, as: UTF8.self))
}

/// A failure to run the command.
public struct CommandRunnerError: Error, CustomStringConvertible {
    public let description: String
    public init(_ d: String) { description = d }
}

/// A fresh temporary directory.
public func temporaryDirectory(_ name: String = "s370-test") throws -> String {
    let path = NSTemporaryDirectory() + name + "-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}
