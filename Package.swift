// swift-tools-version:6.0
import PackageDescription

/// `ICELENS_FUZZ=1` adds the libFuzzer target (Fuzz/README.md) and builds the library instrumented for it.
let fuzzing = Context.environment["ICELENS_FUZZ"] == "1"
let fuzzFlags: [SwiftSetting] = fuzzing ? [.unsafeFlags(["-sanitize=fuzzer,address"])] : []

let package = Package(
    name: "icelens",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "icelens", targets: ["icelens"]),
        .library(name: "IcelensCore", targets: ["IcelensCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0")
    ],
    targets: [
        // System zlib (Debian: zlib1g-dev). Streaming inflate with gzip headers.
        .systemLibrary(
            name: "CZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"]), .brew(["zlib"])]
        ),
        // System SQLite (Debian: libsqlite3-dev) for the history of daily runs (report --history, icelens history):
        // a C library every machine has, rather than a Swift package's copy of it (docs/decisions.md).
        .systemLibrary(
            name: "CSQLite",
            pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"]), .brew(["sqlite"])]
        ),
        // Optional faster gzip decoding with Intel ISA-L (Debian: libisal-dev to build it in, libisal2 to use it),
        // loaded at run time: icelens builds and runs without it, and zlib stays the default and the reference.
        // DWARF 4: valgrind 3.19 (Benchmarks/callgrind.sh) cannot read the DWARF 5 clang writes by default.
        .target(name: "CIsal", cSettings: [.unsafeFlags(["-gdwarf-4"])]),
        // Everything that reads, decides or computes.
        .target(
            name: "IcelensCore",
            dependencies: ["CZlib", "CIsal", "CSQLite"],
            // Exclusivity is checked in debug builds (every test run); release builds skip the runtime check, which
            // cost ~2.5% of the instructions of an event line (docs/performance.md).
            swiftSettings: [
                .unsafeFlags(["-warnings-as-errors"]),
                .unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release)),
            ] + fuzzFlags
        ),
        // The command-line tool: argument parsing and wiring only.
        .executableTarget(
            name: "icelens",
            dependencies: [
                "IcelensCore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Deterministic log generator for samples/ and Benchmarks/ (not part of the icelens binary).
        .executableTarget(
            name: "icelens-loggen",
            dependencies: []
        ),
        .testTarget(
            name: "IcelensCoreTests",
            dependencies: ["IcelensCore"],
            exclude: ["Golden"],
            resources: [.copy("Fixtures")]
        ),
    ]
)

if fuzzing {
    package.targets.append(
        .executableTarget(
            name: "icelens-fuzz",
            dependencies: ["IcelensCore"],
            path: "Fuzz/Sources/icelens-fuzz",
            swiftSettings: [.unsafeFlags(["-parse-as-library"])] + fuzzFlags,
            linkerSettings: [.unsafeFlags(["-sanitize=fuzzer,address"])]
        ))
    package.products.append(.executable(name: "icelens-fuzz", targets: ["icelens-fuzz"]))
}
