// Where the repository's files are, for tests that read decks and samples.

/// The repository root (the folder holding Package.swift).
public let packageRoot: String = {
    var path = #filePath
    // .../Sources/TestSupport/Paths.swift -> the root three levels up.
    for _ in 0..<3 { if let i = path.lastIndex(of: "/") { path = String(path[..<i]) } }
    return path
}()

/// The contents of a repository file, or nil.
public func repositoryFile(_ relative: String) -> String? {
    guard let f = fopen(packageRoot + "/" + relative, "r") else { return nil }
    defer { fclose(f) }
    var bytes: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 65536)
    while true {
        let n = fread(&buffer, 1, buffer.count, f)
        if n <= 0 { break }
        bytes += buffer[0..<n]
    }
    return String(decoding: bytes, as: UTF8.self)
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
