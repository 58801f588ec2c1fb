import Foundation
import Testing
@testable import AttendanceStore

/// Every input the fuzzer ever crashed a reader with (`Samples/fuzz/TARGET/`), and the seeds
/// it starts from (`Fuzz/seeds/TARGET/`), replayed through the same entry points
/// (`FuzzTargets`): each must be read or refused, never crash the process (docs/fuzzing.md).
@Suite struct FuzzRegressionTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()

    static func inputs(_ target: String) -> [URL] {
        let dirs = [root.appendingPathComponent("Samples/fuzz/\(target)"),
                    root.appendingPathComponent("../../Fuzz/seeds/\(target)").standardized]
        return dirs.flatMap { dir in
            ((try? FileManager.default.contentsOfDirectory(at: dir, includingPropertiesForKeys: nil)) ?? []).sorted { $0.path < $1.path }
        }
    }

    @Test(arguments: ["csv", "ctf", "journal", "snapshot"])
    func everyKeptInputIsReadOrRefusedWithoutACrash(target: String) throws {
        let files = Self.inputs(target)
        #expect(!files.isEmpty, "no inputs for \(target)")
        let run = try #require(FuzzTargets.all[target])
        for file in files { run(Array(try Data(contentsOf: file))) }
    }
}
