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

    /// Not only `mark`: every command that changes the store prints what the change warned
    /// of, after its own output (a note, an import, a decision's staff change).
    @Test func everyCommandThatChangesTheStorePrintsItsWarnings() throws {
        let scratch = Scratch()
        let store = try seeded(scratch)
        try FileManager.default.removeItem(atPath: "\(store)/backups")
        #expect(FileManager.default.createFile(atPath: "\(store)/backups", contents: Data()))
        let marks = scratch.write("w.csv", "upn,date,session,mark\nA1,2025-09-02,AM,B\n")
        for args in [["log", "note", "A1", "rang the office", "--date", "2025-09-02"],
                     ["import", "marks", marks],
                     ["staff", "add", "clerk", "--name", "Office Clerk", "--role", "office", "--not-yet"]] {
            let r = try RollcallProcess.run(args + ["--store", store])
            #expect(r.status == 0, "\(args[0]): \(r.stderr)")
            #expect(r.stderr.contains("Warning: the daily backup"), "\(args[0]): \(r.stdout) \(r.stderr)")
        }
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

    /// CRC-32 as the journal writes it, to put a line in the journal that an older Rollcall
    /// could have written (one with a reason the rules now refuse).
    static func crc32(_ bytes: [UInt8]) -> String {
        var crc: UInt32 = 0xFFFF_FFFF
        for b in bytes {
            crc ^= UInt32(b)
            for _ in 0..<8 { crc = (crc & 1) != 0 ? 0xEDB8_8320 ^ (crc >> 1) : crc >> 1 }
        }
        let s = String(crc ^ 0xFFFF_FFFF, radix: 16)
        return String(repeating: "0", count: 8 - s.count) + s
    }

    /// Replaces `old` with `new` (JSON-escaped) in the journal's last line, with a good CRC.
    static func rewriteLastJournalLine(_ store: String, replacing old: String, with new: String) throws {
        let path = "\(store)/journal.jsonl"
        var lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map(String.init)
        var last = lines.removeLast()
        #expect(last.contains(old))
        last = last.replacingOccurrences(of: old, with: new)
        let body = String(last.dropLast(",\"crc\":\"00000000\"}".count)) + "}"
        let line = String(body.dropLast()) + ",\"crc\":\"\(crc32(Array(body.utf8)))\"}"
        try (lines + [line]).joined(separator: "\n").appending("\n").write(toFile: path, atomically: true, encoding: .utf8)
    }

    @Test func namesReasonsAndNotesWithControlCharactersAreRefusedAtEntry() throws {
        let scratch = Scratch()
        let store = try seeded(scratch)
        let forged = try RollcallProcess.run(["mark", "A1", "2025-09-01", "AM", "I", "--reason", "ill\nMrs Adaeze Okafor (head) amended", "--store", store])
        #expect(forged.status != 0 && forged.stderr.contains("line break"), "\(forged.stderr)")
        let escape = try RollcallProcess.run(["staff", "add", "eve", "--name", "Eve\u{1B}[2J", "--role", "office", "--not-yet", "--store", store])
        #expect(escape.status != 0 && escape.stderr.contains("U+001B"), "\(escape.stderr)")
        #expect(!escape.stderr.contains("\u{1B}"), "the refusal printed the ESC it refused")
        // An import names the line.
        let pupils = scratch.write("bad.csv", "UPN,Surname,Forename,Date of Birth,Year Group,Reg Group\nD4,Dee,Cy,2016-01-01,4,4A\nE5,\"Ro\u{7}e\",Al,2016-01-01,4,4A\n")
        let imported = try RollcallProcess.run(["import", "pupils", pupils, "--store", store])
        #expect(imported.status != 0 && imported.stderr.contains("line 3") && imported.stderr.contains("U+0007"), "\(imported.stderr)")
        let long = scratch.write("long.csv", "UPN,Surname,Forename,Date of Birth,Year Group,Reg Group\nD4,\(String(repeating: "x", count: 101)),Cy,2016-01-01,4,4A\n")
        let tooLong = try RollcallProcess.run(["import", "pupils", long, "--store", store])
        #expect(tooLong.status != 0 && tooLong.stderr.contains("line 2") && tooLong.stderr.contains("at most 100"), "\(tooLong.stderr)")
    }

    @Test func aMultiLineReasonFromAnOlderStoreIsIndentedUnderItsEntryAndControlsAreShown() throws {
        let scratch = Scratch()
        let store = try seeded(scratch)
        #expect(try RollcallProcess.run(["mark", "A1", "2025-09-01", "AM", "I", "--reason", "REASON-X", "--store", store]).status == 0)
        try Self.rewriteLastJournalLine(store, replacing: "REASON-X", with: "ill\\nMrs Adaeze Okafor (head) amended 2025-09-01 AM \\u001b[31m")
        let r = try RollcallProcess.run(["history", "--pupil", "A1", "--store", store])
        #expect(r.status == 0, "\(r.stderr)")
        let lines = r.stdout.split(separator: "\n")
        #expect(!lines.contains { $0.hasPrefix("Mrs Adaeze Okafor") }, "\(r.stdout)")
        #expect(lines.contains { $0.hasPrefix(" ") && $0.contains("Mrs Adaeze Okafor (head) amended") }, "\(r.stdout)")
        #expect(!r.stdout.contains("\u{1B}") && r.stdout.contains("<U+001B>[31m"), "\(r.stdout)")
    }

    @Test func formulasAreDefusedInReportCSVsAndKeptInExports() throws {
        let scratch = Scratch()
        let store = try seeded(scratch)
        let hostile = "UPN,Surname,Forename,Date of Birth,Year Group,Reg Group\n"
            + "B2,\"=HYPERLINK(\"\"http://evil.example\"\",\"\"Jones\"\")\",\"+cmd|' /C calc'!A0\",2016-02-02,4,4A\n"
        let imported = try RollcallProcess.run(["import", "pupils", scratch.write("hostile.csv", hostile), "--store", store])
        #expect(imported.status == 0, "\(imported.stderr)")
        for kind in ["pa", "absentees", "calls"] {
            let out = "\(scratch.path)/\(kind).csv"
            let r = try RollcallProcess.run(["report", kind, "--as-of", "2025-09-05", "--format", "csv", "--out", out, "--store", store])
            #expect(r.status == 0, "\(r.stderr)")
            let csv = try String(contentsOfFile: out, encoding: .utf8)
            guard csv.contains("HYPERLINK") || csv.contains("cmd|") else { continue }  // B2 not on this report
            #expect(!csv.contains(",=") && !csv.contains("\"=") && !csv.contains(",+cmd") && !csv.hasPrefix("="), "\(kind): \(csv)")
        }
        let pa = try String(contentsOfFile: "\(scratch.path)/pa.csv", encoding: .utf8)
        #expect(pa.contains("'=HYPERLINK") || pa.contains("'+cmd"), "B2 is on the PA report: \(pa)")
        // A data export keeps the value as stored, so it reads back the same.
        let export = try RollcallProcess.run(["export", "pupils", "--store", store])
        #expect(export.stdout.contains("\"=HYPERLINK(\"\"http://evil.example\"\",\"\"Jones\"\")\"") && export.stdout.contains(",+cmd|' /C calc'!A0,"), "\(export.stdout)")
    }

    /// A store in the first release's layout (layout 1).
    func layoutOneStore(_ scratch: Scratch) throws -> String {
        let store = "\(scratch.path)/old"
        try FileManager.default.createDirectory(atPath: "\(store)/marks", withIntermediateDirectories: true)
        _ = scratch.write("old/rollcall.json", #"{"schemaVersion": 1, "format": "rollcall-store", "school": {"name": "Old School"}}"#)
        _ = scratch.write("old/pupils.json", #"{"schemaVersion": 1, "pupils": []}"#)
        return store
    }

    @Test func anOldLayoutIsMigratedOnlyByRollcallMigrateByItsOwner() throws {
        let scratch = Scratch()
        let store = try layoutOneStore(scratch)
        let before = try FileManager.default.contentsOfDirectory(atPath: store).sorted()
        // A read-only command never migrates, nor makes anyone head.
        let stats = try RollcallProcess.run(["stats", "--store", store, "--as-of", "2025-09-05"])
        #expect(stats.status != 0 && stats.stderr.contains("rollcall migrate"), "\(stats.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: store).sorted() == before)
        #expect(try String(contentsOfFile: "\(store)/rollcall.json", encoding: .utf8).contains(#""schemaVersion": 1"#))
        // Not by a login that does not own it (as root, the store is given to another owner).
        if getuid() == 0 {
            #expect(chown(store, 65534, 65534) == 0)
            let other = try RollcallProcess.run(["migrate", "--store", store])
            #expect(other.status != 0 && other.stderr.contains("owns"), "\(other.stderr)")
            #expect(try FileManager.default.contentsOfDirectory(atPath: store).sorted() == before)
            #expect(chown(store, 0, 0) == 0)
        }
        let migrate = try RollcallProcess.run(["migrate", "--store", store])
        #expect(migrate.status == 0, "\(migrate.stderr)")
        #expect(migrate.stdout.contains("pre-migration-v1") && migrate.stdout.contains("head"), "\(migrate.stdout)")
        #expect(try RollcallProcess.run(["stats", "--store", store, "--as-of", "2025-09-05"]).status == 0)
    }

    @Test func aMarkDatedOutsideTheSchoolsYearsNeedsAllowDateWithAReason() throws {
        let scratch = Scratch()
        let store = try seeded(scratch)
        let typo = try RollcallProcess.run(["mark", "A1", "1900-01-01", "AM", "/", "--store", store])
        #expect(typo.status != 0 && typo.stderr.contains("--allow-date"), "\(typo.stderr)")
        let meant = try RollcallProcess.run(["mark", "A1", "1900-01-01", "AM", "/", "--allow-date", "--reason", "from the old log book", "--store", store])
        #expect(meant.status == 0, "\(meant.stderr)")
    }

    /// History from the MIS, three years back, into a school holding this year: refused with
    /// the way round named, and that way exists for an import too (it said --allow-date, which
    /// `import marks` did not have). Nothing is stored from the refused file.
    @Test func anImportOfEarlierYearsIsRefusedUnlessAllowDateIsGiven() throws {
        let scratch = Scratch()
        let store = try seeded(scratch)
        let old = scratch.write("old.csv", "upn,date,session,mark\nA1,2021-09-06,AM,/\nA1,2021-09-06,PM,N\n")
        let refused = try RollcallProcess.run(["import", "marks", old, "--store", store])
        #expect(refused.status != 0 && refused.stderr.contains("--allow-date"), "\(refused.stderr)")
        let history = try RollcallProcess.run(["history", "--pupil", "A1", "--store", store]).stdout
        #expect(!history.contains("2021-09-06"))
        let meant = try RollcallProcess.run(["import", "marks", old, "--allow-date", "--store", store])
        #expect(meant.status == 0, "\(meant.stderr)")
        #expect(meant.stdout.contains("2 added"), "\(meant.stdout)")
    }
}
