import Foundation
import Testing
@testable import RollcallUI

/// The driver changes the app only through messages: it never sets a field of the state.
@Suite("The driver sends messages")
struct DriverSendsMessagesTests {
    static let driverFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../Sources/rollcall/App").standardized

    @Test func theDriverNeverSetsTheStatesFields() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.driverFolder.path).filter { $0.hasSuffix(".swift") }
        #expect(files.contains("AppRunner.swift"))
        // `state.status = …`, `state.screen = …`: an assignment to the state's fields, not `state = …`.
        let assignment = try Regex(#"\bstate\.[A-Za-z_.\[\]]+\s*(=|\+=|-=)[^=]"#)
        for name in files {
            let text = try String(contentsOf: Self.driverFolder.appendingPathComponent(name), encoding: .utf8)
            for (n, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() where line.contains(assignment) {
                Issue.record("\(name):\(n + 1) sets the state instead of sending a message: \(line)")
            }
        }
    }

    @Test func aStoreWarningAfterAChangeIsAMessage() {
        var state = UISchool.state()
        #expect(state.update(.storeWarned("the daily backup failed: disk full")).isEmpty)
        #expect(state.status == StatusLine("Warning: the daily backup failed: disk full", .warning))
    }
}
