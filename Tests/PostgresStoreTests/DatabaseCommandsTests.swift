import Attendance
import Foundation
import PostgresStore
import Testing

/// The ordinary commands on a school in a database, run as the built binary: `--database URL`
/// (or $ROLLCALL_DATABASE) works wherever `--store` does, and `--school ID` chooses.
@Suite(.enabled(if: OSLogins.possible, "\(OSLogins.skipReason)"))
struct DatabaseCommandsTests {
    static let pupils = """
        UPN,Surname,Forename,Date of Birth,Year Group,Reg Group,CP
        A2,Jones,Ben,2016-02-02,4,4A,N
        A3,Zhao,Wei,2016-03-03,4,4A,N

        """

    func rollcall(as login: String, _ args: [String], env: [String] = []) throws -> Shell.Result {
        try Shell.run("/usr/bin/env", ["-i", "PATH=/usr/bin:/bin", "HOME=/tmp", "LANG=C.UTF-8", "ROLLCALL_LOGIN=\(login)"] + env
                      + [InitDatabaseCommandTests.binary] + args)
    }

    @Test func marksImportsHistoryAndFiguresWorkOnADatabaseAsOnAStore() throws {
        let db = try SchoolDatabase()
        defer { db.stop() }
        let head = db.url(OSLogins.head), office = db.url(OSLogins.office)
        let dir = NSTemporaryDirectory() + "rollcall-dbcommands-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let csv = dir + "/pupils.csv"
        try Self.pupils.write(toFile: csv, atomically: true, encoding: .utf8)
        let day = ["--today", "2026-03-02", "--now", "09:05"]

        let imported = try rollcall(as: OSLogins.head, ["import", "pupils", csv, "--database", head] + day)
        #expect(imported.status == 0, "\(imported.stderr)")
        // The office marks, through $ROLLCALL_DATABASE this time.
        let marked = try rollcall(as: OSLogins.office, ["mark", "A2", "2026-03-02", "AM", "N"] + day, env: ["ROLLCALL_DATABASE=\(office)"])
        #expect(marked.status == 0, "\(marked.stderr)")
        // A second change to the same mark without a reason is an amendment only later; the
        // office changes it the same morning, as the register allows.
        let register = try rollcall(as: OSLogins.office, ["calls", "--date", "2026-03-02", "--database", office] + day)
        #expect(register.status == 0, "\(register.stderr)")
        #expect(register.stdout.contains("Jones"), "\(register.stdout)")

        let history = try rollcall(as: OSLogins.head, ["history", "--pupil", "A2", "--database", head] + day)
        #expect(history.status == 0, "\(history.stderr)")
        #expect(history.stdout.contains("Olu Office"), "\(history.stdout)")
        #expect(history.stdout.contains("(as of 2026-03-02 09:05)"), "\(history.stdout)")

        let check = try rollcall(as: OSLogins.head, ["check", "--database", head])
        #expect(check.status == 0, "\(check.stderr)")
        #expect(check.stdout.contains("hash chain unbroken"), "\(check.stdout)")

        // The office may not change the staff list: the rules refuse, and so would the server.
        let refused = try rollcall(as: OSLogins.office, ["staff", "add", OSLogins.office, "--name", "Olu", "--role", "head", "--not-yet",
                                                         "--database", office])
        #expect(refused.status != 0)

        // An audit export a third party can check row by row.
        let out = dir + "/audit.jsonl"
        let exported = try rollcall(as: OSLogins.head, ["audit", "export", "--out", out, "--database", head])
        #expect(exported.status == 0, "\(exported.stderr)")
        let lines = try String(contentsOfFile: out, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == Int(try db.owner().execute("SELECT count(*) FROM rollcall.journal").scalar ?? "0"))
    }

    @Test func aMistakeInTheOptionsNeverMakesADemoSchool() throws {
        let home = NSTemporaryDirectory() + "rollcall-home-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: home) }
        // --school without --database: refused before the first-run demo would be made.
        let r = try Shell.run("/usr/bin/env", ["-i", "PATH=/usr/bin:/bin", "HOME=\(home)", "LANG=C.UTF-8", "ROLLCALL_LOGIN=\(OSLogins.head)",
                                               InitDatabaseCommandTests.binary, "today", "--school", "greenfield"])
        #expect(r.status != 0 && r.stderr.contains("--database"), "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: "\(home)/.local/share/rollcall"))
    }

    @Test func storeAndDatabaseTogetherAreRefusedAndSchoolChoosesAmongSeveral() throws {
        let db = try SchoolDatabase()
        defer { db.stop() }
        let head = db.url(OSLogins.head)
        let both = try rollcall(as: OSLogins.head, ["today", "--store", "/tmp/nowhere", "--database", head])
        #expect(both.status != 0 && both.stderr.contains("not both"), "\(both.stderr)")

        // A second school with the same head: a command must be told which.
        let second = try rollcall(as: OSLogins.head, ["init", "--database", head, "--school", "Hillside Academy", "--id", "hillside"])
        #expect(second.status == 0, "\(second.stderr)")
        let unsure = try rollcall(as: OSLogins.head, ["staff", "list", "--database", head])
        #expect(unsure.status != 0)
        #expect(unsure.stderr.contains("greenfield") && unsure.stderr.contains("hillside") && unsure.stderr.contains("--school"), "\(unsure.stderr)")
        let chosen = try rollcall(as: OSLogins.head, ["staff", "list", "--database", head, "--school", "greenfield"])
        #expect(chosen.status == 0, "\(chosen.stderr)")
        #expect(chosen.stdout.contains("Olu Office"))
        let byVariable = try rollcall(as: OSLogins.head, ["staff", "list", "--database", head], env: ["ROLLCALL_SCHOOL=hillside"])
        #expect(byVariable.status == 0 && !byVariable.stdout.contains("Olu Office"), "\(byVariable.stdout)\(byVariable.stderr)")
    }
}
