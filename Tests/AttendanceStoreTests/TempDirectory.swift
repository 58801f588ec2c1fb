import Foundation

/// A fresh directory per test, removed when the test ends.
final class TempDirectory {
    let path: String

    init() {
        path = NSTemporaryDirectory() + "rollcall-test-" + UUID().uuidString
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    func file(_ name: String) -> String { "\(path)/\(name)" }

    func write(_ name: String, _ text: String) {
        FileManager.default.createFile(atPath: file(name), contents: Data(text.utf8))
    }
}
