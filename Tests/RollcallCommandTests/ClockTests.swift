import Foundation
import Testing

/// One clock for every command: `--today`/`--now` reach the store's rules (which day has
/// passed, what is an amendment), while the audit trail keeps the real time beside them.
@Suite("The one clock on the command line")
struct ClockCommandTests {
    /// A store with three pupils and no marks (the store commands' set-up).
    func seeded(_ scratch: Scratch) throws -> String { try StoreCommandTests().seeded(scratch) }

    /// Monday 8 September 2025 is long past by the machine's clock; with --today it is today,
    /// so a mark typed and changed at once is a correction, not an amendment needing a reason.
    @Test func aMarkTypedOnTheDayAndChangedAtOnceNeedsNoReasonWithToday() throws {
        let scratch = Scratch()
        let store = try seeded(scratch)
        let day = ["--today", "2025-09-08", "--now", "09:10", "--store", store]
        let first = try RollcallProcess.run(["mark", "A1", "2025-09-08", "AM", "N"] + day)
        #expect(first.status == 0, "\(first.stderr)")
        let changed = try RollcallProcess.run(["mark", "A1", "2025-09-08", "AM", "I"] + day)
        #expect(changed.status == 0, "\(changed.stderr)")
        #expect(!changed.stderr.contains("reason"), "\(changed.stderr)")

        // By the machine's clock the day has passed: the same change is an amendment.
        let later = try RollcallProcess.run(["mark", "A1", "2025-09-08", "AM", "M", "--store", store])
        #expect(later.status != 0)
        #expect(later.stderr.contains("reason"), "\(later.stderr)")
    }

    /// The audit trail records the real time of each change, and the school's moment beside
    /// it when --today/--now set it apart.
    @Test func historyShowsTheRealTimeAndTheSchoolsMoment() throws {
        let scratch = Scratch()
        let store = try seeded(scratch)
        let r = try RollcallProcess.run(["mark", "A1", "2025-09-08", "AM", "/", "--today", "2025-09-08", "--now", "09:10", "--store", store])
        #expect(r.status == 0, "\(r.stderr)")
        let json = try RollcallProcess.run(["history", "--pupil", "A1", "--format", "json", "--store", store])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let entry = try #require((object["entries"] as? [[String: Any]])?.last)
        #expect(entry["school_time"] as? String == "2025-09-08 09:10")
        let at = try #require(entry["at"] as? String)
        #expect(!at.hasPrefix("2025-09-08"), "the audit time is the real one: \(at)")
        let table = try RollcallProcess.run(["history", "--pupil", "A1", "--store", store]).stdout
        #expect(table.contains("(as of 2025-09-08 09:10)"), "\(table)")
    }

    @Test func aTimeThatIsNotATimeIsRefused() throws {
        let scratch = Scratch()
        let store = try seeded(scratch)
        let r = try RollcallProcess.run(["today", "--now", "9h", "--store", store])
        #expect(r.status != 0)
        #expect(r.stderr.contains("--now \"9h\" is not a time"), "\(r.stderr)")
    }
}

