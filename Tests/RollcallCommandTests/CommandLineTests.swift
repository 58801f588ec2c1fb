import Foundation
import Testing

@Suite("The rollcall command line, end to end")
struct CommandLineTests {
    static let pupils = """
        UPN,Surname,Forename,Date of Birth,Year Group,Reg Group,CP
        A1,Smith,Ann,2016-01-01,4,4A,N
        B2,Jones,Ben,2016-02-02,4,4A,Y
        C3,Zhao,Wei,2016-03-03,4,4A,N

        """

    /// Week of 1 Sep 2025: Ann all present bar one N; Ben N all week; Wei joins Wednesday.
    static var marks: String {
        var lines = ["upn,date,session,mark,minutes_late"]
        for day in 1...5 {
            let d = "2025-09-0\(day)"
            lines.append("A1,\(d),AM,\(day == 5 ? "N" : "/"),")
            lines.append("A1,\(d),PM,\(day == 2 ? "U" : "\\"),\(day == 2 ? "35" : "")")
            lines.append("B2,\(d),AM,N,")
            lines.append("B2,\(d),PM,N,")
            lines.append("C3,\(d),AM,\(day < 3 ? "Z" : "/"),")
            lines.append("C3,\(d),PM,\(day < 3 ? "Z" : "\\"),")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    func seeded(_ scratch: Scratch) throws -> String {
        let store = "\(scratch.path)/store"
        #expect(try RollcallProcess.run(["init", "--store", store, "--school", "Test Primary"]).status == 0)
        let p = try RollcallProcess.run(["import", "pupils", scratch.write("pupils.csv", Self.pupils), "--store", store])
        #expect(p.status == 0, "\(p.stderr)")
        let m = try RollcallProcess.run(["import", "marks", scratch.write("marks.csv", Self.marks), "--store", store])
        #expect(m.status == 0, "\(m.stderr)")
        return store
    }

    @Test func helpListsTheSubcommands() throws {
        let r = try RollcallProcess.run(["--help"])
        #expect(r.status == 0)
        for sub in ["init", "import", "stats", "codes"] { #expect(r.stdout.contains(sub)) }
    }

    @Test func statsJSONHasExactlyTheDocumentedKeysAndNumbers() throws {
        let scratch = Scratch()
        let store = try seeded(scratch)
        let r = try RollcallProcess.run(["stats", "--store", store, "--as-of", "2025-09-05", "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]])
        let keys: Set<String> = ["upn", "possible_sessions", "attended_sessions", "authorised_absence_sessions",
                                 "unauthorised_absence_sessions", "attendance_percent", "persistent_absence", "severe_absence",
                                 "late_before_close_sessions", "late_after_close_sessions",
                                 "unauthorised_sessions_last_10_school_weeks", "consecutive_unexplained_absence_days"]
        #expect(rows.count == 3)
        for row in rows { #expect(Set(row.keys) == keys) }
        let byUPN = Dictionary(uniqueKeysWithValues: rows.map { ($0["upn"] as! String, $0) })
        let ann = try #require(byUPN["A1"])
        #expect(ann["possible_sessions"] as? Int == 10)
        #expect(ann["attended_sessions"] as? Int == 8)
        #expect(ann["unauthorised_absence_sessions"] as? Int == 2)
        #expect(ann["late_after_close_sessions"] as? Int == 1)
        #expect(ann["attendance_percent"] as? Double == 80)
        #expect(ann["persistent_absence"] as? Bool == true)
        #expect(ann["consecutive_unexplained_absence_days"] as? Int == 0)  // Friday PM was present
        let ben = try #require(byUPN["B2"])
        #expect(ben["consecutive_unexplained_absence_days"] as? Int == 5)
        #expect(ben["unauthorised_sessions_last_10_school_weeks"] as? Int == 10)
        #expect(ben["severe_absence"] as? Bool == true)
        #expect(byUPN["C3"]?["possible_sessions"] as? Int == 6)
    }

    @Test func attendancePercentIsNullWhenNothingIsPossible() throws {
        let scratch = Scratch()
        let store = try seeded(scratch)
        let r = try RollcallProcess.run(["stats", "--store", store, "--as-of", "2025-09-02", "--format", "json", "--pupil", "C3"])
        #expect(r.stdout.contains("\"attendance_percent\": null"))
    }

    @Test func storeMayComeFromTheEnvironment() throws {
        let scratch = Scratch()
        let store = try seeded(scratch)
        let r = try RollcallProcess.run(["stats", "--as-of", "2025-09-05"], environment: ["ROLLCALL_STORE": store])
        #expect(r.status == 0)
        #expect(r.stdout.contains("Smith, Ann"))
        let cohorts = try RollcallProcess.run(["stats", "--as-of", "2025-09-05", "--by", "vulnerable", "--format", "json"],
                                              environment: ["ROLLCALL_STORE": store])
        #expect(cohorts.stdout.contains("\"cohort\": \"CP\""))
    }

    @Test func aBadImportFailsWholeListsEveryLineAndStoresNothing() throws {
        let scratch = Scratch()
        let store = try seeded(scratch)
        let before = try RollcallProcess.run(["stats", "--store", store, "--as-of", "2025-09-12", "--format", "json"]).stdout
        let bad = scratch.write("bad.csv", "upn,date,session,mark\nA1,2025-09-08,AM,/\nA1,2025-09-08,XX,/\nQQ,2025-09-08,AM,/\nA1,2025-09-09,AM,?\n")
        let r = try RollcallProcess.run(["import", "marks", bad, "--store", store])
        #expect(r.status != 0)
        #expect(r.stderr.contains("line 3: session must be AM or PM"))
        #expect(r.stderr.contains("line 4: no pupil with UPN QQ"))
        #expect(r.stderr.contains("line 5: \"?\" is not an attendance code"))
        let after = try RollcallProcess.run(["stats", "--store", store, "--as-of", "2025-09-12", "--format", "json"]).stdout
        #expect(before == after)  // line 2 was good, but nothing from the file was stored
    }

    @Test func initRefusesAnExistingStore() throws {
        let scratch = Scratch()
        let store = try seeded(scratch)
        let r = try RollcallProcess.run(["init", "--store", store, "--school", "Again"])
        #expect(r.status != 0)
        #expect(r.stderr.contains("already holds a Rollcall store"))
    }

    @Test func aMissingStoreSaysHowToMakeOne() throws {
        let scratch = Scratch()
        let r = try RollcallProcess.run(["stats", "--store", "\(scratch.path)/nothing"])
        #expect(r.status != 0)
        #expect(r.stderr.contains("rollcall init"))
    }
}
