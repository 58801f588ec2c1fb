// swift-tools-version: 6.0
import PackageDescription

// libFuzzer harnesses for the readers of outside input (docs/fuzzing.md). A package of its
// own, so the main package's `swift build` and `swift test` never see the fuzzer flags:
// build and run them with Fuzz/run.sh.
let package = Package(
    name: "RollcallFuzz",
    dependencies: [.package(name: "Rollcall", path: "..")],
    targets: ["csv", "ctf", "journal", "snapshot"].map { name in
        .executableTarget(name: "fuzz-\(name)", dependencies: [.product(name: "AttendanceStore", package: "Rollcall")],
                          path: "Sources/fuzz-\(name)")
    }
)
