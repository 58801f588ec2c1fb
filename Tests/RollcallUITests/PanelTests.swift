import Attendance
import AttendanceStore
import Testing
@testable import RollcallUI

@Suite("The head's panel through update")
struct PanelTests {
    static let liam = "A100000000005"
    static let ben = "B100000000001"

    /// The test school with Bridgewater Park's policy. Liam has been N since Wednesday (7
    /// sessions); Ben has had 12 unexplained-then-O sessions over the last fortnight and a
    /// meeting with his parents, so a penalty notice may be requested for him.
    static func school() throws -> School {
        var school = UISchool.make()
        school.casework.policy = try PolicyFile.preset("bridgewater-park")
        for day in ["2026-11-18", "2026-11-19", "2026-11-20", "2026-11-23", "2026-11-24", "2026-11-25"] {
            for half in SessionHalf.allCases { school.register.record(Mark(.unknownReason), for: ben, at: Session(SchoolDate(day)!, half)) }
        }
        school.apply(.meeting(Meeting(id: "m1", upn: ben, on: SchoolDate("2026-11-10")!, by: "head", attendees: ["Mr Jones", "Mrs Okafor"])))
        return school
    }

    func panel(_ staff: StaffMember = UISchool.head) throws -> (AppState, FakeDriver) {
        var state = AppState(context: AppContext(today: UISchool.today, minutes: 9 * 60 + 5, staff: staff), school: try Self.school(), width: 120, height: 40)
        _ = state.run(command: "panel")
        return (state, FakeDriver())
    }

    func rows(_ state: AppState) -> [PanelScreen.Row] {
        if case .panel(let p) = state.screen { return p.visible.map { p.rows[$0] } }
        return []
    }

    func selected(_ state: AppState) -> PanelScreen.Row? {
        if case .panel(let p) = state.screen { return p.selectedRow }
        return nil
    }

    func select(_ state: inout AppState, _ upn: String, _ track: String) {
        guard case .panel(var p) = state.screen,
              let i = p.visible.firstIndex(where: { p.rows[$0].pupil.upn == upn && p.rows[$0].recommendation.track == track }) else {
            Issue.record("\(upn) on \(track) is not listed"); return
        }
        p.cursor.selected = i
        state.screen = .panel(p)
    }

    @Test func thePanelListsRecommendationsMostUrgentFirst() throws {
        let (state, _) = try panel()
        let list = rows(state)
        #expect(list.contains { $0.pupil.upn == Self.liam && $0.recommendation.kind == .enter })
        #expect(list.map(\.urgency) == list.map(\.urgency).sorted())
        // The domain's order, the one rollcall caseload lists.
        let engine = try #require(CaseworkEngine(school: state.school, asOf: UISchool.today))
        #expect(list.map { "\($0.pupil.upn) \($0.recommendation.track)" } == engine.caseloadMostUrgentFirst().map { "\($0.upn) \($0.track)" })
        // Gathered unsorted, the same order as the whole roll's caseload sorted (stable) by urgency.
        #expect(engine.caseloadMostUrgentFirst().map { "\($0.upn) \($0.track)" }
                == CaseUrgency.ordered(engine.caseload()) { state.school.pupils[$0]?.listName ?? $0 }.map { "\($0.upn) \($0.track)" })
        // Liam's unexplained run comes first.
        #expect(list.first?.pupil.upn == Self.liam)
        let text = state.draw().text
        #expect(text.contains("Liam O'Connor"))
        // The policy's stage names, not its ids.
        #expect(!text.contains("step-1") && !text.contains("day-2"), "\(text)")
    }

    @Test func confirmingTakesEnterTheReasonAndEnter() throws {
        var (state, driver) = try panel()
        let first = try #require(selected(state))
        driver.keys(&state, [.enter])
        driver.type(&state, "agreed at panel")
        driver.keys(&state, [.enter])
        let file = try #require(state.school.casework.caseFile(first.pupil.upn, track: first.recommendation.track))
        #expect(file.stage == first.recommendation.recommendedStage)
        let decision = try #require(file.history.last)
        #expect(decision.reason == "agreed at panel")
        #expect(decision.recommended == nil)   // as the policy recommended
        #expect(decision.figures.attendancePercent == first.recommendation.figures.attendancePercent)
        #expect(driver.committed.count == 1)
        // The next case is selected: the one that was below the case decided.
        let after = try #require(selected(state))
        #expect(!(after.pupil.upn == first.pupil.upn && after.recommendation.track == first.recommendation.track))
    }

    @Test func anOverrideKeepsTheReasonAndWhatWasRecommended() throws {
        var (state, driver) = try panel()
        let row = try #require(rows(state).first { $0.pupil.upn == Self.liam })
        select(&state, Self.liam, row.recommendation.track)
        driver.keys(&state, [.enter])   // open the case first, as recommended
        driver.type(&state, "agreed")
        driver.keys(&state, [.enter])
        #expect(state.school.casework.caseFile(Self.liam, track: row.recommendation.track)?.isOpen == true)
        // Liam's open case again, closed against the recommendation.
        select(&state, Self.liam, row.recommendation.track)
        driver.keys(&state, [.char("x")])
        driver.type(&state, "family moving school next week")
        driver.keys(&state, [.enter])
        let file = try #require(state.school.casework.caseFile(Self.liam, track: row.recommendation.track))
        #expect(file.stage == nil)
        #expect(file.history.last?.reason == "family moving school next week")
        #expect(file.history.last?.recommended != nil)
    }

    @Test func aDecisionWithoutAReasonIsRefused() throws {
        var (state, driver) = try panel()
        driver.keys(&state, [.enter, .enter])
        #expect(driver.committed.isEmpty)
        #expect(state.status?.text.contains("needs a reason") == true)
        if case .dialog = state.overlay {} else { Issue.record("the reason prompt stays open") }
    }

    /// One rule (StaffMember.may, which the store checks too) decides who decides: the
    /// attendance role may, as with `rollcall case advance`; office staff may not.
    @Test func whoDecidesIsTheDomainsRule() throws {
        let fsw = StaffMember(login: "fsw", name: "Sam Reid", role: .attendance)
        #expect(fsw.may(.decideAtPanel) && !UISchool.office.may(.decideAtPanel))
        var (state, driver) = try panel(fsw)
        let first = try #require(selected(state))
        driver.keys(&state, [.enter])
        driver.type(&state, "agreed with the family")
        driver.keys(&state, [.enter])
        #expect(driver.committed.count == 1, "\(String(describing: state.status))")
        #expect(state.school.casework.caseFile(first.pupil.upn, track: first.recommendation.track) != nil)
        // Penalty notices stay the head's.
        driver.keys(&state, [.char("p")])
        #expect(state.overlay == nil)
        var (office, officeDriver) = try panel(UISchool.office)
        officeDriver.keys(&office, [.enter])
        #expect(office.overlay == nil && officeDriver.committed.isEmpty)
        #expect(office.status?.text.contains("may not decide") == true, "\(String(describing: office.status))")
    }

    @Test func staffWhoMayNotDecideAreNotOfferedTheKeys() throws {
        let (office, _) = try panel(UISchool.office)
        let footer = office.draw().lines.last ?? ""
        #expect(!footer.contains("confirm") && !footer.contains("escalate"))
        let (head, _) = try panel()
        #expect(head.draw().lines.last?.contains("confirm") == true)
    }

    @Test func aPenaltyNoticeForAnEligiblePupilIsRequestedForAParent() throws {
        var (state, driver) = try panel()
        _ = state.run(command: "pupil \(Self.ben)")
        driver.keys(&state, [.char("p")])
        guard case .penalty(let f) = state.overlay else { Issue.record("expected the penalty form"); return }
        #expect(f.check.eligible, "\(f.check.why)")
        driver.type(&state, "12 unauthorised sessions since 18 November despite the meeting on 10 November")
        driver.keys(&state, [.enter])
        let notice = try #require(state.school.casework.penaltyNotices[Self.ben]?.last)
        #expect(notice.parent == "Parent of Ben")
        #expect(notice.amount == 80)
        #expect(state.school.casework.interventions[Self.ben]?.last?.kind == .penaltyNotice)
    }

    @Test func aPenaltyNoticeThatMayNotBeRequestedSaysWhy() throws {
        var (state, driver) = try panel()
        _ = state.run(command: "pupil \(Self.liam)")
        driver.keys(&state, [.char("p")])
        guard case .penalty(let f) = state.overlay else { Issue.record("expected the penalty form"); return }
        #expect(!f.check.eligible)
        driver.type(&state, "try anyway")
        driver.keys(&state, [.enter])
        #expect(driver.committed.isEmpty)
        #expect(state.status?.text.contains("may not be requested now") == true)
        #expect(state.draw().text.contains("NOT be requested"))
    }
}

@Suite("Finding on the panel")
struct PanelFindTests {
    @Test func slashFindsAPupilAndLettersTypedNeverDecide() throws {
        var (state, driver) = try PanelTests().panel()
        driver.keys(&state, [.char("/")])
        driver.type(&state, "ben jones")  // e, h, d, x, s, t … would each do something on the panel
        guard case .panel(let p) = state.screen else { Issue.record("not the panel"); return }
        #expect(!p.visible.isEmpty && p.visible.allSatisfy { p.rows[$0].pupil.upn == PanelTests.ben })
        #expect(state.overlay == nil && driver.committed.isEmpty)
        #expect(p.track == nil && p.stage == nil && p.group == nil)
        driver.keys(&state, [.enter])  // keeps what was found; Enter again confirms as usual
        guard case .panel(let kept) = state.screen else { return }
        #expect(kept.visible.count == p.visible.count && !kept.finding)
        driver.keys(&state, [.char("z")])
        guard case .panel(let cleared) = state.screen else { return }
        #expect(cleared.visible.count > p.visible.count)
    }

    @Test func aFilterKeySaysWhatItDid() throws {
        var (state, driver) = try PanelTests().panel()
        driver.keys(&state, [.char("t")])
        #expect(state.status?.text.contains("Showing only the") == true, "\(String(describing: state.status))")
    }
}

extension PanelTests {
    /// Issue 22, defect 13: the pane under the list wraps to the window, each wrapped line under
    /// its own text, never back at column 0.
    @Test func theBottomPaneWrapsUnderItsOwnText() throws {
        var (state, _) = try panel()
        state.width = 80
        let rows = state.draw().text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let chosen = try #require(selected(state))
        let title = try #require(rows.firstIndex { $0.hasPrefix(" " + chosen.pupil.fullName + " · ") })
        let pane = rows[(title + 1)..<(state.height - 2)].filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
        #expect(!pane.isEmpty)
        for row in pane { #expect(row.hasPrefix("   "), "a pane line starts at the edge: \(row)") }
        // Something did wrap at 80 columns, and went on under the bullet's text.
        #expect(pane.contains { $0.hasPrefix("     ") && !$0.contains("•") }, "\(pane.joined(separator: "\n"))")
    }
}
