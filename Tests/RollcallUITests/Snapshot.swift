import Foundation
import Testing
@testable import RollcallUI

/// Compares a grid with `Snapshots/NAME.txt` (its text, then its style mask). With
/// RECORD_SNAPSHOTS=1 the file is written and the test fails, so recording is never silent.
func assertSnapshot(_ grid: Grid, named name: String, sourceLocation: SourceLocation = #_sourceLocation) {
    let dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Snapshots")
    let file = dir.appendingPathComponent(name + ".txt")
    let actual = "\(grid.width)x\(grid.height)\n" + grid.lines.map { $0 + "|" }.joined(separator: "\n")
        + "\n-- style --\n" + grid.styleMask.joined(separator: "\n") + "\n"
    if ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1" {
        try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try? actual.write(to: file, atomically: true, encoding: .utf8)
        Issue.record("Recorded snapshot \(name); run again without RECORD_SNAPSHOTS to check it", sourceLocation: sourceLocation)
        return
    }
    guard let expected = try? String(contentsOf: file, encoding: .utf8) else {
        Issue.record("No snapshot \(name).txt yet: run with RECORD_SNAPSHOTS=1 to record it", sourceLocation: sourceLocation)
        return
    }
    if expected != actual {
        let e = expected.split(separator: "\n", omittingEmptySubsequences: false), a = actual.split(separator: "\n", omittingEmptySubsequences: false)
        let firstDiff = zip(e, a).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(e.count, a.count)
        Issue.record("Snapshot \(name) differs at line \(firstDiff):\nexpected: \(firstDiff < e.count ? String(e[firstDiff]) : "<end>")\n  actual: \(firstDiff < a.count ? String(a[firstDiff]) : "<end>")\n\nactual screen:\n\(grid.text)", sourceLocation: sourceLocation)
    }
}
