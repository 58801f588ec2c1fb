import Foundation
import Testing
@testable import RollcallUI

@Suite("docs/keys.md")
struct KeysDocumentTests {
    static let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../docs/keys.md").standardized

    @Test func theDocumentMatchesTheKeyTable() throws {
        let made = KeysDocument.markdown()
        if ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1" {
            try made.write(to: Self.file, atomically: true, encoding: .utf8)
            Issue.record("Rewrote docs/keys.md; run again without RECORD_SNAPSHOTS to check it")
            return
        }
        let onDisk = try String(contentsOf: Self.file, encoding: .utf8)
        #expect(onDisk == made, "docs/keys.md is out of date: RECORD_SNAPSHOTS=1 swift test --filter KeysDocumentTests")
    }

    @Test func everyKeyIsBoundOnlyOncePerScreen() {
        for screen in ScreenKind.allCases {
            var seen: [Key: KeyCommand] = [:]
            for b in Bindings.all where b.screens.contains(screen) {
                for k in b.keys {
                    #expect(seen[k] == nil, "\(k) is bound twice on \(screen.title): \(seen[k].map { "\($0)" } ?? "") and \(b.command)")
                    seen[k] = b.command
                }
            }
        }
    }
}
