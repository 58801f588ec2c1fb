// swift-tools-version: 6.0
import PackageDescription

// Dependencies point one way: rollcall → AttendanceStore → Attendance.
// Attendance is the pure domain (no I/O); AttendanceStore owns files and CSV.
let package = Package(
    name: "Rollcall",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "rollcall", targets: ["rollcall"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/swiftcsv/SwiftCSV", from: "0.10.0"),
    ],
    targets: [
        // MARK: Domain
        .target(name: "Attendance"),

        // MARK: Store (JSON on disk, CSV import/export)
        .target(
            name: "AttendanceStore",
            dependencies: ["Attendance", .product(name: "SwiftCSV", package: "SwiftCSV")]
        ),

        // MARK: Executable
        .executableTarget(
            name: "rollcall",
            dependencies: [
                "Attendance",
                "AttendanceStore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        // MARK: Tests
        .testTarget(name: "AttendanceTests", dependencies: ["Attendance"]),
        .testTarget(name: "AttendanceStoreTests", dependencies: ["AttendanceStore"]),
        // Runs the built `rollcall` binary end to end.
        .testTarget(name: "RollcallCommandTests", dependencies: ["rollcall"]),
    ]
)
