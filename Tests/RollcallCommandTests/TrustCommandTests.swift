import Attendance
import AttendanceStore
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// `rollcall trust` (issue 23): each school's row is what `stats --by school` and `duties`
/// say for that school, the total is the sums, and a store the login may not read is a row
/// saying so, with nothing of it shown.
@Suite("rollcall trust", .serialized)
struct TrustCommandTests {
    static let date = "2026-11-30"
    static let clock = ["--today", date, "--now", "16:00"]

    /// A small generated trust, made once for the suite's read-only tests (its scratch
    /// directory lives as long as the test process).
    nonisolated(unsafe) static let trust: (scratch: Scratch, stores: [String]) = {
        let scratch = Scratch()
        let dir = "\(scratch.path)/trust"
        let r = try! RollcallProcess.run(["demo", "--trust", "3", "--stores", dir, "--seed", "11", "--as-of", date])
        precondition(r.status == 0, r.stderr)
        let stores = (try! FileManager.default.contentsOfDirectory(atPath: dir)).sorted().map { "\(dir)/\($0)" }
        return (scratch, stores)
    }()

    func json(_ args: [String]) throws -> Any {
        let r = try RollcallProcess.run(args)
        try #require(r.status == 0, "\(args): \(r.stderr)")
        return try JSONSerialization.jsonObject(with: Data(r.stdout.utf8))
    }

    func trustJSON(_ extra: [String] = []) throws -> [String: Any] {
        try #require(try json(["trust", "--stores"] + Self.trust.stores + ["--as-of", Self.date, "--format", "json"] + Self.clock + extra) as? [String: Any])
    }

    @Test func eachSchoolsRowIsWhatStatsBySchoolAndDutiesSay() throws {
        let o = try trustJSON()
        let schools = try #require(o["schools"] as? [[String: Any]])
        #expect(schools.count == Self.trust.stores.count)
        for row in schools {
            let store = try #require(row["store"] as? String)
            let stats = try #require(try json(["stats", "--by", "school", "--format", "json", "--as-of", Self.date, "--store", store] + Self.clock) as? [[String: Any]])
            let whole = try #require(stats.first { $0["cohort"] as? String == "Whole school" })
            let pairs = [("pupils", "pupils"), ("possible_sessions", "possible_sessions"), ("attended_sessions", "attended_sessions"),
                         ("authorised_absence_sessions", "authorised_absence_sessions"),
                         ("unauthorised_absence_sessions", "unauthorised_absence_sessions"),
                         ("persistent_absentees", "persistent_absentees"), ("severe_absentees", "severe_absentees")]
            for (ours, theirs) in pairs {
                #expect(row[ours] as? Int == whole[theirs] as? Int, "\(store) \(ours): \(row[ours] ?? "nil") vs \(whole[theirs] ?? "nil")")
            }
            for key in ["attendance_percent", "persistent_absence_percent", "severe_absence_percent"] {
                let a = try #require(row[key] as? Double), b = try #require(whole[key] as? Double)
                #expect(a == b, "\(store) \(key): \(a) vs \(b)")
            }
            let duties = try #require(try json(["duties", "--format", "json", "--as-of", Self.date, "--store", store] + Self.clock) as? [[String: Any]])
            let owed = duties.filter { $0["done"] is NSNull }
            #expect(row["la_duties_owed"] as? Int == owed.count, "\(store)")
            #expect(row["la_duties_overdue"] as? Int == owed.filter { ($0["due"] as? String ?? "") < Self.date }.count, "\(store)")
        }
    }

    /// The command reads only the day's entries of each contact log: its count of calls not
    /// yet made is what `rollcall calls` lists untried, with the day's calls and messages in
    /// the journal and then folded into the snapshot.
    @Test func callsNotMadeIsWhatTheCallingListLeavesUntried() throws {
        let scratch = Scratch()
        let store = "\(scratch.path)/store"
        #expect(try RollcallProcess.run(["demo", "--pupils", "300", "--as-of", Self.date, "--store", store]).status == 0)
        func counts() throws -> (row: Int, untried: Int, listed: Int) {
            let calls = try #require(try json(["calls", "--format", "json", "--date", Self.date, "--store", store] + Self.clock) as? [[String: Any]])
            let o = try #require(try json(["trust", "--stores", store, "--as-of", Self.date, "--format", "json"] + Self.clock) as? [String: Any])
            let row = try #require((o["schools"] as? [[String: Any]])?.first?["calls_not_made"] as? Int)
            return (row, calls.filter { ($0["tried_today"] as? [Any])?.isEmpty ?? false }.count, calls.count)
        }
        let before = try counts()
        try #require(before.untried >= 2, "the demo's day needs pupils to call")
        #expect(before.row == before.untried)
        let calls = try #require(try json(["calls", "--format", "json", "--date", Self.date, "--store", store] + Self.clock) as? [[String: Any]])
        let untried = calls.filter { ($0["tried_today"] as? [Any])?.isEmpty ?? false }.compactMap { $0["upn"] as? String }
        for (upn, args) in [(untried[0], ["call", untried[0], "--contact", "1", "--outcome", "no_answer"]),
                            (untried[1], ["message", untried[1], "texted the family"])] {
            let r = try RollcallProcess.run(["log"] + args + ["--date", Self.date, "--time", "10:00", "--store", store] + Self.clock)
            try #require(r.status == 0, "\(upn): \(r.stderr)")
        }
        let logged = try counts()
        #expect(logged.row == logged.untried && logged.untried == before.untried - 2, "\(logged) after \(before)")
        #expect(try RollcallProcess.run(["compact", "--store", store] + Self.clock).status == 0)
        let compacted = try counts()
        #expect(compacted.row == logged.row && compacted.untried == logged.untried, "\(compacted) after compaction, \(logged) before")
    }

    @Test func theTotalIsWorkedOutFromTheSums() throws {
        let o = try trustJSON()
        let schools = try #require(o["schools"] as? [[String: Any]])
        let total = try #require(o["total"] as? [String: Any])
        func sum(_ key: String) -> Int { schools.reduce(0) { $0 + ($1[key] as? Int ?? 0) } }
        for key in ["pupils", "possible_sessions", "attended_sessions", "authorised_absence_sessions", "unauthorised_absence_sessions",
                    "persistent_absentees", "severe_absentees", "open_cases", "la_duties_owed", "la_duties_overdue",
                    "registers_not_taken", "calls_not_made"] {
            #expect(total[key] as? Int == sum(key), "\(key)")
        }
        let stages = schools.compactMap { $0["pupils_at_stage"] as? [String: Int] }
        let totalStages = try #require(total["pupils_at_stage"] as? [String: Int])
        for family in ["early_support", "intervention", "enforcement", "la"] {
            #expect(totalStages[family] == stages.reduce(0) { $0 + ($1[family] ?? 0) }, "\(family)")
        }
        let attendance = try #require(total["attendance_percent"] as? Double)
        // Within a rounding of the JSON text: the sums' own ratio, not an average of the rows'.
        #expect(abs(attendance - Double(sum("attended_sessions")) * 100 / Double(sum("possible_sessions"))) < 1e-9)
        let pa = try #require(total["persistent_absence_percent"] as? Double)
        #expect(abs(pa - Double(sum("persistent_absentees")) * 100 / Double(sum("pupils"))) < 1e-9)
        let national = try #require(o["national"] as? [[String: Any]])
        #expect(national.first?["group"] as? String == "Trust total")
    }

    @Test func sortedMostConcernFirstAndFilteredByPhase() throws {
        let o = try trustJSON(["--sort", "attendance"])
        let rows = try #require(o["schools"] as? [[String: Any]])
        let attendance = rows.compactMap { $0["attendance_percent"] as? Double }
        #expect(attendance == attendance.sorted())
        for phase in ["primary", "secondary"] {
            let only = try #require(try trustJSON(["--phase", phase])["schools"] as? [[String: Any]])
            #expect(only.allSatisfy { $0["phase"] as? String == phase }, "\(phase)")
        }
        let bad = try RollcallProcess.run(["trust", "--stores"] + Self.trust.stores + ["--sort", "size"])
        #expect(bad.status != 0 && bad.stderr.contains("--sort is one of"))
    }

    @Test func aStoreThatIsNotAStoreIsARowSayingWhyAndTheRestAreRead() throws {
        let scratch = Scratch()
        let empty = "\(scratch.path)/empty"
        try FileManager.default.createDirectory(atPath: empty, withIntermediateDirectories: true)
        let o = try #require(try json(["trust", "--stores", Self.trust.stores[0], empty, "--as-of", Self.date, "--format", "json"] + Self.clock) as? [String: Any])
        let notRead = try #require(o["not_read"] as? [[String: Any]])
        #expect(notRead.count == 1 && notRead[0]["store"] as? String == empty)
        #expect((notRead[0]["reason"] as? String ?? "").contains("not a Rollcall store"))
        #expect((o["schools"] as? [Any])?.count == 1)
    }

    @Test func aTrustLeadSeesFiguresButNoCommandShowsThemNames() throws {
        let scratch = Scratch()
        let store = "\(scratch.path)/store"
        #expect(try RollcallProcess.run(["demo", "--pupils", "40", "--as-of", Self.date, "--store", store]).status == 0)
        let add = try RollcallProcess.run(["staff", "add", "trustlead", "--name", "Tess Lead", "--role", "trust-lead", "--not-yet", "--store", store])
        try #require(add.status == 0, "\(add.stderr)")
        guard getuid() == 0 else { return }  // ROLLCALL_LOGIN is honoured only for root
        let lead = ["ROLLCALL_LOGIN": "trustlead"]
        for args in [["stats"], ["today", "--date", Self.date], ["calls"], ["report", "pa"]] {
            let r = try RollcallProcess.run(args + ["--store", store] + Self.clock, environment: lead)
            #expect(r.status != 0 && r.stderr.contains("trust lead"), "\(args): \(r.stdout)")
        }
        let trust = try RollcallProcess.run(["trust", "--stores", store, "--as-of", Self.date] + Self.clock, environment: lead)
        #expect(trust.status == 0, "\(trust.stderr)")
        #expect(trust.stdout.contains("Demo School"))
        // Someone on no staff list at all reads nothing of it.
        let stranger = try RollcallProcess.run(["trust", "--stores", store, "--as-of", Self.date] + Self.clock, environment: ["ROLLCALL_LOGIN": "nobodyhere"])
        #expect(stranger.status == 0 && stranger.stdout.contains("nobodyhere is not on its staff list") && !stranger.stdout.contains("Demo School"))
    }

    @Test func pdfAndCSVAreWrittenWithOut() throws {
        let scratch = Scratch()
        let pdf = "\(scratch.path)/trust.pdf", csv = "\(scratch.path)/trust.csv"
        let r = try RollcallProcess.run(["trust", "--stores"] + Self.trust.stores + ["--as-of", Self.date, "--out", pdf] + Self.clock)
        #expect(r.status == 0, "\(r.stderr)")
        let head = try #require(FileManager.default.contents(atPath: pdf)).prefix(5)
        #expect(String(decoding: head, as: UTF8.self) == "%PDF-")
        #expect(try RollcallProcess.run(["trust", "--stores"] + Self.trust.stores + ["--as-of", Self.date, "--out", csv] + Self.clock).status == 0)
        let text = String(decoding: try #require(FileManager.default.contents(atPath: csv)), as: UTF8.self)
        #expect(text.contains("Trust total"))
    }
}

/// With `--stores`, the operating system decides what a login reads: a store it may not
/// enter is a row saying so, and none of its pupils' names can be read by that login.
@Suite(.serialized) struct TrustOSLoginTests {
    typealias F = OSLoginFixture

    @Test(.enabled(if: OSLoginFixture.available, "needs root, useradd and runuser (CI has them)"))
    func aStoreTheLoginCannotReadIsReportedAndItsNamesStayUnread() throws {
        // The office login's own school: shared with the staff group, the office on its staff list.
        let (root, own) = try F.schoolDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        // `init --group` no longer makes one (issue 20): made as it did, then handed to the head.
        _ = try Store.create(at: own, schoolName: "Own Primary", head: StaffMember(login: F.head, name: F.head, role: .head, isDSL: true),
                             policy: try PolicyFile.preset(PolicyFile.defaultPresetID), sharing: StoreSharing(group: F.staffGroup))
        try F.run("/bin/chown", ["-R", F.head, own])
        for args in [["staff", "add", F.office, "--name", "Olive Office", "--role", "office"]] {
            let r = try F.rollcall(as: F.head, args + ["--store", own])
            try #require(r.status == 0, "\(args): \(r.stderr)")
        }
        // Another school, private to the head: the office login is not its staff.
        try F.run("/usr/bin/install", ["-d", "-o", F.head, "-m", "755", "\(root)/other"])
        let made = try F.rollcall(as: F.head, ["demo", "--pupils", "30", "--as-of", "2026-11-30", "--name", "Other Primary", "--store", "\(root)/other/store"])
        try #require(made.status == 0, "\(made.stderr)")
        let names = try F.rollcall(as: F.head, ["stats", "--as-of", "2026-11-30", "--store", "\(root)/other/store"])
        try #require(names.status == 0)
        let someone = try #require(names.stdout.split(separator: "\n").dropFirst(2).first.map { String($0.split(separator: " ", omittingEmptySubsequences: true)[1]) })

        let r = try F.rollcall(as: F.office, ["trust", "--stores", own, "\(root)/other/store", "--as-of", "2026-11-30", "--today", "2026-11-30", "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let o = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect((o["schools"] as? [[String: Any]])?.map { $0["school"] as? String } == ["Own Primary"])
        let notRead = try #require(o["not_read"] as? [[String: Any]])
        #expect(notRead.count == 1 && notRead[0]["reason"] as? String == "not readable by \(F.office)", "\(notRead)")
        #expect(!r.stdout.contains(someone))
        // Nor by any other command, nor by reading the files.
        let stats = try F.rollcall(as: F.office, ["stats", "--store", "\(root)/other/store"])
        #expect(stats.status != 0 && !stats.stdout.contains(someone))
        let grep = try F.shell(as: F.office, "grep -r '\(someone)' '\(root)/other/store'; echo status=$?")
        #expect(!grep.stdout.contains("\(someone)") || grep.stdout.hasPrefix("status="), "\(grep.stdout)")
    }
}

/// The governors' report sets the school's year beside England's figures for its phase and
/// period, naming the release (issue 23).
@Suite struct GovernorsNationalLineTests {
    @Test func theGovernorsReportNamesTheNationalFiguresAndTheirRelease() throws {
        let scratch = Scratch()
        let store = "\(scratch.path)/store"
        #expect(try RollcallProcess.run(["demo", "--pupils", "60", "--as-of", "2026-11-30", "--store", store]).status == 0)
        let r = try RollcallProcess.run(["report", "governors", "--as-of", "2026-11-30", "--store", store, "--today", "2026-11-30"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("Compared with England"), "\(r.stdout)")
        #expect(r.stdout.contains("National: England, state-funded primary schools, autumn term 2024/25"), "\(r.stdout)")
        #expect(r.stdout.contains("Pupil absence in schools in England: autumn term 2024/25"))
        let stats = try RollcallProcess.run(["stats", "--by", "school", "--as-of", "2026-11-30", "--format", "json", "--store", store])
        let whole = try #require((try JSONSerialization.jsonObject(with: Data(stats.stdout.utf8)) as? [[String: Any]])?.first)
        let possible = try #require(whole["possible_sessions"] as? Int), attended = try #require(whole["attended_sessions"] as? Int)
        let absence = Double(possible - attended) * 100 / Double(possible)
        let tenths = Int((absence * 10 + 1e-7).rounded(.down))
        let line = try #require(r.stdout.split(separator: "\n").first { $0.hasPrefix("This school, year to date") })
        #expect(line.contains("\(tenths / 10).\(tenths % 10)"), "\(line) vs \(absence)")
    }
}
