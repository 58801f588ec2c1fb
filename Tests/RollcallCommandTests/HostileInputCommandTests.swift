import Foundation
import Testing

/// Broken and hostile input never costs a school its data (issue 21), as a script sees it.
@Suite("Faults and hostile input, from the command line")
struct HostileInputCommandTests {
    func seeded(_ scratch: Scratch) throws -> String { try CommandLineTests().seeded(scratch) }

    @Test func aDailyBackupThatFailsDuringAChangeIsPrintedAfterIt() throws {
        let scratch = Scratch()
        let store = try seeded(scratch)
        // Where the daily backup goes is a file: the backup fails, the mark is still saved.
        try FileManager.default.removeItem(atPath: "\(store)/backups")
        #expect(FileManager.default.createFile(atPath: "\(store)/backups", contents: Data()))
        let r = try RollcallProcess.run(["mark", "A1", "2025-09-01", "AM", "L", "--reason", "came in late", "--store", store])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("Warning: the daily backup"), "\(r.stderr)")
    }
}
