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

    /// Every command that writes a file with --out, with that file's name put in.
    func outCommands(_ out: String, store: String) -> [[String]] {
        [["report", "absentees", "--as-of", "2025-09-03", "--format", "csv", "--out", out],
         ["letter", "A1", "termly-red", "--as-of", "2025-09-12", "--out", out],
         ["certificate", "A1", "--from", "2025-09-01", "--to", "2025-09-05", "--out", out],
         ["chronology", "A1", "--as-of", "2025-09-05", "--out", out],
         ["export", "ctf", "A1", "--out", out]].map { $0 + ["--store", store] }
    }

    @Test func outNeverWritesInsideTheStoreNorThroughALink() throws {
        let scratch = Scratch()
        let store = try seeded(scratch)
        let journal = try Data(contentsOf: URL(fileURLWithPath: "\(store)/journal.jsonl"))
        for args in outCommands("\(store)/journal.jsonl", store: store) + [
            ["letters", "--template", "termly-red", "--as-of", "2025-09-12", "--out", "\(store)/snapshots", "--store", store]] {
            let r = try RollcallProcess.run(args)
            #expect(r.status != 0 && r.stderr.contains("inside the store"), "\(args[0]): \(r.stderr)")
        }
        // Through a link to the store, too.
        try FileManager.default.createSymbolicLink(atPath: "\(scratch.path)/elsewhere", withDestinationPath: store)
        let viaLink = try RollcallProcess.run(outCommands("\(scratch.path)/elsewhere/journal.jsonl", store: store)[0])
        #expect(viaLink.status != 0 && viaLink.stderr.contains("inside the store"), "\(viaLink.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: "\(store)/journal.jsonl")) == journal, "the journal was overwritten")

        // A link planted where the file goes is never followed: what it points to stays as it was.
        let victim = scratch.write("victim.txt", "precious")
        for (i, args) in outCommands("\(scratch.path)/link-\(0)", store: store).enumerated() {
            let link = "\(scratch.path)/link-\(i)"
            try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: victim)
            let r = try RollcallProcess.run(args.map { $0 == "\(scratch.path)/link-0" ? link : $0 })
            #expect(r.status != 0 && r.stderr.contains("symbolic link"), "\(args[0]): \(r.stderr)")
            #expect(try String(contentsOfFile: victim, encoding: .utf8) == "precious", "\(args[0]) wrote through a link")
        }
    }

    @Test func outSaysWhenItReplacesAFile() throws {
        let scratch = Scratch()
        let store = try seeded(scratch)
        for (i, args) in outCommands("\(scratch.path)/out-0", store: store).enumerated() {
            let out = "\(scratch.path)/out-\(i)"
            let argv = args.map { $0 == "\(scratch.path)/out-0" ? out : $0 }
            let first = try RollcallProcess.run(argv)
            #expect(first.status == 0 && !first.stdout.contains("Replaced"), "\(args[0]): \(first.stderr)")
            let again = try RollcallProcess.run(argv)
            #expect(again.status == 0 && again.stdout.contains("Replaced \(out)"), "\(args[0]): \(again.stdout) \(again.stderr)")
        }
    }
}
