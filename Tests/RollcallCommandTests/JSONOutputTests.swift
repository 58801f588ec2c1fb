import Foundation
import Testing

/// `--format json` on every list a script would want, with exactly the keys in
/// docs/json-output.md and docs/casework-json.md; the date words; times that are refused.
@Suite("JSON output, date words and times on the command line")
struct JSONOutputTests {
    /// A small demo school as of a fixed Wednesday, so casework and figures exist.
    func demo(_ scratch: Scratch) throws -> String {
        let store = "\(scratch.path)/store"
        let r = try RollcallProcess.run(["demo", "--pupils", "60", "--as-of", "2025-11-05", "--store", store])
        #expect(r.status == 0, "\(r.stderr)")
        return store
    }

    func json(_ args: [String]) throws -> Any {
        let r = try RollcallProcess.run(args)
        #expect(r.status == 0, "\(args): \(r.stderr)")
        return try JSONSerialization.jsonObject(with: Data(r.stdout.utf8))
    }

    func keys(_ any: Any?) throws -> Set<String> { Set(try #require(any as? [String: Any]).keys) }

    @Test func todayJSONKeys() throws {
        let scratch = Scratch()
        let store = try demo(scratch)
        let o = try #require(try json(["today", "--date", "2025-11-05", "--format", "json", "--store", store]) as? [String: Any])
        #expect(Set(o.keys) == ["school", "date", "school_open", "registers", "absent_no_reason", "follow_ups_due",
                                "caseload", "part_time_timetables", "year_to_date"])
        #expect(o["date"] as? String == "2025-11-05")
        let registers = try #require(o["registers"] as? [[String: Any]])
        #expect(!registers.isEmpty)
        for r in registers {
            #expect(Set(r.keys) == ["session", "taken", "on_roll", "marked", "groups_not_yet_marked", "absent_or_late"])
        }
        #expect(try keys(o["caseload"]) == ["policy", "open_cases", "by_stage", "reviews_due_within_a_week", "overdue_actions",
                                            "new_cases_recommended", "escalations_recommended", "penalty_notices_possible"])
        #expect(try keys(o["year_to_date"]) == ["attendance_percent", "persistent_absence_percent", "severe_absence_percent"])
        for c in try #require(o["absent_no_reason"] as? [[String: Any]]) {
            #expect(Set(c.keys) == ["upn", "name", "registration_group", "vulnerable", "days_unexplained", "tried_today", "next_step"])
        }
    }

    @Test func caseShowPenaltyCheckStaffAndHistoryJSONKeys() throws {
        let scratch = Scratch()
        let store = try demo(scratch)
        let caseload = try #require(try json(["caseload", "--as-of", "2025-11-05", "--format", "json", "--store", store]) as? [[String: Any]])
        let first = try #require(caseload.first)
        #expect(Set(first.keys) == ["upn", "track", "stage", "recommendation", "recommended_stage", "reasons", "next_review",
                                    "overdue_actions", "penalty_notice"])
        let upn = try #require(first["upn"] as? String)

        let show = try #require(try json(["case", "show", upn, "--as-of", "2025-11-05", "--format", "json", "--store", store]) as? [String: Any])
        #expect(Set(show.keys) == ["upn", "name", "year_group", "registration_group", "flags", "as_of", "attendance_percent",
                                   "unauthorised_sessions_last_10_school_weeks", "lates_this_half_term",
                                   "consecutive_unexplained_absence_days", "tracks", "meetings", "timetables", "interventions",
                                   "penalty_notices", "contact_log"])
        let track = try #require((show["tracks"] as? [[String: Any]])?.first)
        #expect(Set(track.keys) == ["track", "stage", "next_review", "recommendation", "history", "actions"])
        for h in track["history"] as? [[String: Any]] ?? [] {
            #expect(Set(h.keys) == ["date", "decision", "from", "to", "by", "reason", "attendance_percent"])
        }
        for a in track["actions"] as? [[String: Any]] ?? [] {
            #expect(Set(a.keys) == ["id", "description", "owner", "due", "done", "overdue"])
        }
        for e in show["contact_log"] as? [[String: Any]] ?? [] {
            #expect(Set(e.keys) == ["date", "time", "kind", "summary", "by", "sensitive"])
        }

        let penalty = try #require(try json(["penalty", "check", upn, "--as-of", "2025-11-05", "--format", "json", "--store", store]) as? [String: Any])
        #expect(Set(penalty.keys) == ["upn", "as_of", "eligible", "threshold_met", "unauthorised_sessions_last_10_school_weeks",
                                      "unresolved_n_sessions", "eligible_parents", "why"])

        let staff = try #require(try json(["staff", "list", "--format", "json", "--store", store]) as? [[String: Any]])
        #expect(!staff.isEmpty)
        for s in staff { #expect(Set(s.keys) == ["login", "name", "role", "dsl"]) }

        // A note, so the pupil's history has an entry.
        #expect(try RollcallProcess.run(["log", "note", upn, "Spoke at the gate", "--date", "2025-11-05", "--time", "8:45", "--store", store]).status == 0)
        let history = try #require(try json(["history", "--pupil", upn, "--format", "json", "--store", store]) as? [String: Any])
        #expect(Set(history.keys) == ["pupil", "entries", "problems"])
        let entry = try #require((history["entries"] as? [[String: Any]])?.last)
        #expect(Set(entry.keys) == ["seq", "at", "login", "name", "role", "change", "description", "reason", "origin", "school_time"])
        #expect(entry["change"] as? String == "contact")
        let school = try #require(try json(["history", "--school", "--format", "json", "--store", store]) as? [String: Any])
        #expect(school["pupil"] is NSNull)

        let calls = try #require(try json(["calls", "--date", "2025-11-05", "--format", "json", "--store", store]) as? [[String: Any]])
        for c in calls {
            #expect(Set(c.keys) == ["upn", "name", "days_unexplained", "vulnerable", "contacts", "tried_today", "stage", "next_step", "duties"])
        }
    }

    /// Issue 19, defect 4: the duties gained kinds, and kept their keys (upn, duty, since,
    /// days, due, done), with the words for people beside them.
    @Test func dutiesJSONKeepsItsKeys() throws {
        let scratch = Scratch()
        let store = try demo(scratch)
        let duties = try #require(try json(["duties", "--as-of", "2025-11-05", "--format", "json", "--store", store]) as? [[String: Any]])
        #expect(!duties.isEmpty)
        for d in duties { #expect(Set(d.keys) == ["upn", "duty", "since", "days", "due", "done", "description"]) }
    }

    /// Date words are read against the process's clock: `--today` where it is given, never
    /// the machine's date or time zone (the suite runs again a year ahead, in New York).
    @Test func dateWordsOnTheCommandLine() throws {
        let scratch = Scratch()
        let store = try demo(scratch)
        func header(_ word: String) throws -> String {
            // Wednesday 5 November 2025, the demo's as-of day.
            let r = try RollcallProcess.run(["calls", "--date", word, "--today", "2025-11-05", "--store", store])
            #expect(r.status == 0, "\(word): \(r.stderr)")
            return r.stdout.split(separator: "\n").first.map(String.init) ?? ""
        }
        #expect(try header("today").contains("5 Nov 2025"))
        #expect(try header("yesterday").contains("4 Nov 2025"))
        #expect(try header("Tomorrow").contains("6 Nov 2025"))
        // A weekday name is the last such day, today included (the rule itself: DateWordsTests).
        #expect(try header("monday").contains("3 Nov 2025"))
        #expect(try header("mon").contains("3 Nov 2025"))
        #expect(try header("wednesday").contains("5 Nov 2025"))

        let bad = try RollcallProcess.run(["calls", "--date", "someday", "--store", store])
        #expect(bad.status != 0)
        for form in ["YYYY-MM-DD", "DD/MM/YYYY", "today", "yesterday", "tomorrow", "monday"] {
            #expect(bad.stderr.contains(form), "\(form) missing from: \(bad.stderr)")
        }
    }

    @Test func impossibleTimesAreRefused() throws {
        let scratch = Scratch()
        let store = try demo(scratch)
        let upn = "C100001000001"  // the demo's first pupil
        for args in [["log", "note", upn, "x", "--time", "25:99"], ["settings", "--am-opens", "25:99"],
                     ["mark", upn, "2025-11-05", "PM", "--arrived", "25:99"], ["app", "--now", "25:99"]] {
            let r = try RollcallProcess.run(args + ["--store", store])
            #expect(r.status != 0, "\(args)")
            #expect(r.stderr.contains("25:99") && r.stderr.contains("HH:MM"), "\(args): \(r.stderr)")
        }
        // Nothing was logged.
        #expect(try RollcallProcess.run(["history", "--pupil", upn, "--format", "json", "--store", store]).stdout.contains("\"entries\": []"))
    }
}
