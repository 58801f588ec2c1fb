import Attendance
import Testing
@testable import RollcallUI

@Suite("The pupil page's chronology")
struct ChronologyTests {
    static let zoe = "A100000000001"

    /// Zoë's record: a call, a sensitive note by the head, a meeting with a plan.
    static func school() -> School {
        var school = UISchool.make()
        let d = SchoolDate("2026-11-24")!
        school.apply(.contact(ContactLogEntry(id: "c1", upn: zoe, kind: .call, on: d, time: "09:31", by: "jsmith", byName: "Jo Smith",
                                              contactName: "Parent of Zoë", number: "07700 900123", outcome: .spoke, reasonCode: .illness, text: "tummy bug")))
        school.apply(.contact(ContactLogEntry(id: "c2", upn: zoe, kind: .note, on: SchoolDate("2026-11-26")!, time: "14:02", by: "head", byName: "Mrs Okafor",
                                              text: "Disclosure passed to children's services", sensitive: true)))
        school.apply(.meeting(Meeting(id: "m1", upn: zoe, on: SchoolDate("2026-11-27")!, by: "head", attendees: ["Mrs Abbott", "Mrs Okafor"],
                                      concerns: "mornings are hard", agreedActions: ["breakfast club"], target: AttendanceTarget(percent: 95, overSchoolWeeks: 6),
                                      nextReview: SchoolDate("2026-12-11")!, isActionPlan: true)))
        return school
    }

    func page(_ viewer: StaffMember, width: Int = 120, height: Int = 40) -> AppState {
        var state = AppState(context: AppContext(today: UISchool.today, minutes: 9 * 60 + 5, staff: viewer), school: Self.school(), width: width, height: height)
        _ = state.run(command: "pupil zoe")
        let amended = Session(SchoolDate("2026-11-25")!, .am)
        // An import's first marks (no mark before) are not amendments and stay off the page.
        let imported = (0..<129).map { i in
            HistoryLine(at: "2026-09-01 08:00", who: "Import", what: .mark(Session(ordinal: amended.ordinal - 200 + i), from: nil, to: Mark(.presentAM)), reason: "imported")
        }
        _ = state.update(.historyLoaded(upn: Self.zoe, imported + [HistoryLine(at: "2026-11-25 09:40", who: "Jo Smith",
                                                                                 what: .mark(amended, from: Mark(.reasonNotYetEstablished), to: Mark(.illness)), reason: "mum rang")], state.school))
        if case .pupil(var p) = state.screen, let start = p.lines.firstIndex(where: { $0.text.hasPrefix("Chronology") }) {
            p.top = start
            state.screen = .pupil(p)
        }
        return state
    }

    @Test func newestFirstWithAmendmentsFromTheAuditTrail() {
        let text = page(UISchool.head).draw().text
        let order = ["action plan", "Disclosure passed", "register amended: 25 Nov 2026 AM: N → I: mum rang", "tummy bug"]
        let positions = order.map { text.range(of: $0)?.lowerBound }
        #expect(positions.allSatisfy { $0 != nil }, "\(text)")
        #expect(positions.compactMap { $0 } == positions.compactMap { $0 }.sorted())
    }

    @Test func officeStaffSeeThatASensitiveEntryExistsButNotItsWords() {
        let text = page(UISchool.office).draw().text
        #expect(!text.contains("Disclosure passed"))
        #expect(text.contains("safeguarding-sensitive"))
        #expect(text.contains("Mrs Okafor"))
        #expect(text.contains("tummy bug"))
    }

    @Test func theFilterShowsOneKind() {
        var state = page(UISchool.head)
        _ = state.update(.keyPressed(.char("f")))   // calls
        let text = state.draw().text
        #expect(text.contains("only calls"))
        #expect(text.contains("tummy bug"))
        #expect(!text.contains("action plan"))
    }

    @Test func snapshotsForTheDSLAndForTheOffice() {
        for (w, h) in ScreenSnapshotTests.sizes {
            assertSnapshot(page(UISchool.head, width: w, height: h).draw(), named: "chronology-dsl-\(w)x\(h)")
            assertSnapshot(page(UISchool.office, width: w, height: h).draw(), named: "chronology-office-\(w)x\(h)")
        }
    }

    /// A year of marks imported into a new store: first marks, not amendments.
    @Test func firstMarksAreNotAmendments() {
        let state = page(UISchool.head)
        guard case .pupil(let p) = state.screen else { Issue.record("not the pupil page"); return }
        let amendments = p.lines.filter { $0.text.contains("register amended") }
        #expect(amendments.count == 1, "\(amendments.map(\.text))")
        #expect(!p.lines.contains { $0.text.contains("imported") })
    }
}
