// swift-tools-version: 6.0
import PackageDescription

// Dependencies point one way: rollcall → RollcallUI / AttendanceStore → Attendance.
// Attendance is the pure domain (no I/O); AttendanceStore owns files and CSV.
let package = Package(
    name: "Rollcall",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "rollcall", targets: ["rollcall"]),
        // For the fuzz harnesses in Fuzz/ (a package of their own: see docs/fuzzing.md).
        .library(name: "AttendanceStore", targets: ["AttendanceStore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/swiftcsv/SwiftCSV", from: "0.10.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.0.0"),
    ],
    targets: [
        // MARK: Domain
        .target(name: "Attendance"),

        // MARK: Store (JSON on disk, CSV import/export)
        .target(
            name: "AttendanceStore",
            dependencies: ["Attendance", "CSystemShims", "CCrypto", "RollcallData",
                           .product(name: "SwiftCSV", package: "SwiftCSV"),
                           .product(name: "Mustache", package: "swift-mustache")]
        ),
        // Data/: policy presets, letter templates and the DfE's national figures, bundled as resources.
        .target(
            name: "RollcallData",
            path: "Data",
            sources: ["RollcallData.swift"],
            resources: [.copy("policies"), .copy("letters"), .copy("national")]
        ),
        // flock(2), which Swift's Glibc module does not import as a function.
        .target(name: "CSystemShims"),
        // SHA-256 for the journal's hash chain: OpenSSL's libcrypto (libssl-dev), a system library.
        .systemLibrary(name: "CCrypto", pkgConfig: "libcrypto", providers: [.apt(["libssl-dev"])]),

        // MARK: The terminal app's screens: state, messages, update, views into a grid (no ncurses, no clock)
        .target(name: "RollcallUI", dependencies: ["Attendance"]),
        // ncursesw, for the executable's thin driver only (see shim.h for why a shim).
        .systemLibrary(name: "CNcursesw"),

        // MARK: Documents people print: PDF with Cairo and Pango (system libraries: libcairo2-dev, libpango1.0-dev)
        .systemLibrary(name: "CCairo", pkgConfig: "pangocairo",
                       providers: [.apt(["libcairo2-dev", "libpango1.0-dev"])]),
        .target(name: "RollcallDocuments", dependencies: ["Attendance", "CCairo"]),

        // MARK: The PostgreSQL store: libpq (system library: libpq-dev), the schema, PostgresStore
        .systemLibrary(name: "CLibpq", pkgConfig: "libpq", providers: [.apt(["libpq-dev"])]),
        .target(name: "PostgresStore", dependencies: ["Attendance", "AttendanceStore", "CLibpq"]),

        // MARK: Generated schools (demo, benchmark, load tests): pure, deterministic per seed
        .target(name: "SchoolGenerator", dependencies: ["Attendance"]),

        // MARK: Executable
        .executableTarget(
            name: "rollcall",
            dependencies: [
                "Attendance",
                "AttendanceStore",
                "SchoolGenerator",
                "RollcallUI",
                "RollcallDocuments",
                "PostgresStore",
                "CNcursesw",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        // A writer process for the concurrency and crash tests: commits marks one at a time
        // and acknowledges each on stdout once it is durable.
        .executableTarget(name: "rollcall-stress", dependencies: ["Attendance", "AttendanceStore"]),

        // The performance figures the issues name: swift run -c release rollcall-bench
        .executableTarget(
            name: "rollcall-bench",
            dependencies: ["Attendance", "AttendanceStore", "SchoolGenerator", "RollcallUI", "RollcallDocuments", "PostgresStore",
                           .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),

        // MARK: Tests
        .testTarget(name: "AttendanceTests", dependencies: ["Attendance"]),
        // Samples/: import files (MIS exports, a CTF) written from the public descriptions, read via #filePath.
        .testTarget(name: "AttendanceStoreTests", dependencies: ["AttendanceStore", "SchoolGenerator", "rollcall-stress"],
                    exclude: ["Samples"]),
        .testTarget(name: "CaseworkTests", dependencies: ["Attendance", "AttendanceStore"]),
        // Screens as text snapshots (Snapshots/*.txt beside the tests; RECORD_SNAPSHOTS=1 re-records).
        .testTarget(name: "RollcallUITests", dependencies: ["RollcallUI", "Attendance", "AttendanceStore", "SchoolGenerator"],
                    exclude: ["Snapshots"]),
        .testTarget(name: "SchoolGeneratorTests", dependencies: ["SchoolGenerator", "AttendanceStore"]),
        // Against a throwaway PostgreSQL cluster per test (initdb/pg_ctl as a non-root user, socket only);
        // skipped, saying why, where PostgreSQL is not installed.
        .testTarget(name: "PostgresStoreTests", dependencies: ["PostgresStore", "Attendance", "AttendanceStore", "rollcall"]),
        // Runs the built `rollcall` binary end to end.
        .testTarget(name: "RollcallCommandTests", dependencies: ["rollcall"]),
        // Runs the real app in tmux (a server per test) and reads its screens back; skipped without tmux.
        .testTarget(name: "RollcallEndToEndTests", dependencies: ["rollcall"]),
    ]
)
