// swift-tools-version:6.0
// The s370 package: an IBM System/370 with a CP/CMS control program.
// One target per layer of docs/ARCHITECTURE.md, and one test target per library target.
import PackageDescription

let package = Package(
    name: "s370",
    products: [
        .executable(name: "s370", targets: ["console"]),
        .library(name: "S370CPU", targets: ["S370CPU"]),
        .library(name: "DATBox", targets: ["DATBox"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.80.0"),
    ],
    targets: [
        // Everything between the CPU and storage: main storage, keys, prefixing, DAT, the TLB.
        .target(name: "DATBox"),
        // The S/370 interpreter: one CPU, run by the bare machine or by CP.
        .target(name: "S370CPU", dependencies: ["DATBox"]),
        // The one EBCDIC table and card-image format, shared by every part.
        .target(name: "Records"),
        // The system's zlib and libbz2, for compressed (CCKD) disk images.
        .systemLibrary(name: "CZlib", path: "Sources/CZlib", providers: [.apt(["zlib1g-dev"])]),
        .systemLibrary(name: "CBzip2", path: "Sources/CBzip2", providers: [.apt(["libbz2-dev"])]),
        // S/370 channels and the device models (3215, 2540, 1403, 3330/3350, 3420).
        .target(name: "Channels", dependencies: ["DATBox", "Records", "CZlib", "CBzip2"]),
        // The spool: durable spool files, their queues, the spool-backed readers,
        // punches and printers, and the system's real unit-record devices.
        .target(name: "Spool", dependencies: ["Channels", "Records", "CZlib"]),
        // The bare machine: one CPU in real mode, its exits answered directly (s370 ipl).
        .target(name: "BareMachine", dependencies: ["S370CPU", "DATBox", "Channels", "Records"]),
        // The S/370 assembler and the object-deck loader (s370 asm).
        .target(name: "Assembler", dependencies: ["S370CPU", "DATBox", "Records"]),
        // CP: the control program: directory, virtual machines, dispatcher,
        // trap-and-emulate, virtual I/O, DIAGNOSE, CP commands.
        .target(name: "CP", dependencies: ["S370CPU", "DATBox", "Channels", "Records", "Spool"]),
        // The system's GNU readline, for the operator console (libreadline-dev).
        .systemLibrary(name: "CReadline", path: "Sources/CReadline"),
        // The conformance suite's runner: assembles and runs Decks/conformance (s370 test).
        .target(name: "Conformance", dependencies: ["Assembler", "BareMachine", "Channels", "S370CPU", "DATBox", "Records"]),
        // The s370 command.
        .executableTarget(
            name: "console",
            dependencies: [
                "S370CPU", "DATBox", "BareMachine", "Channels", "Assembler", "Records", "CP", "CReadline", "Conformance",
                "Spool",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ]),
        // Machine builders and assertions shared by the test targets.
        .target(name: "TestSupport", dependencies: ["S370CPU", "DATBox", "BareMachine", "Channels", "Assembler", "CP", "Spool"]),
        .testTarget(name: "DATBoxTests", dependencies: ["DATBox"]),
        .testTarget(name: "RecordsTests", dependencies: ["Records"]),
        // The s370 command as users run it (the built executable, as a subprocess),
        // and its terminal layer (the telnet protocol and server) in-process.
        .testTarget(
            name: "ConsoleTests",
            dependencies: ["TestSupport", "console", "CP", .product(name: "NIOCore", package: "swift-nio")]),
        .testTarget(name: "S370CPUTests", dependencies: ["S370CPU", "DATBox", "TestSupport"]),
        .testTarget(name: "BareMachineTests", dependencies: ["BareMachine", "Channels", "Records", "TestSupport"]),
        .testTarget(name: "ChannelsTests", dependencies: ["Channels", "DATBox", "Records", "TestSupport"]),
        .testTarget(name: "ConformanceTests", dependencies: ["Conformance", "Assembler", "TestSupport"]),
        .testTarget(name: "AssemblerTests", dependencies: ["Assembler", "S370CPU", "TestSupport"]),
        .testTarget(name: "CPTests", dependencies: ["CP", "Assembler", "Spool", "TestSupport"]),
        .testTarget(name: "SpoolTests", dependencies: ["Spool", "Channels", "DATBox", "Records", "TestSupport"]),
    ],
    swiftLanguageModes: [.v5]
)
