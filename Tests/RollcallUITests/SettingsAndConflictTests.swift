import Attendance
import Testing
@testable import RollcallUI

@Suite("Register times in the app, and someone else's change")
struct SettingsAndConflictTests {
    let session = Session(UISchool.today, .am)

    @Test func theHeadMovesTheCloseAndALateArrivalFollowsIt() throws {
        var state = UISchool.state(minutes: 9 * 60 + 25, staff: UISchool.head)
        var driver = FakeDriver()
        _ = state.run(command: "settings")
        driver.keys(&state, [.tab, .ctrl("u")])
        driver.type(&state, "09:30")
        driver.keys(&state, [.enter])
        #expect(state.school.settings.registerTimes.amCloses.description == "09:30")
        #expect(state.overlay == nil)
        _ = state.run(command: "register 4A")
        driver.keys(&state, [.char("a"), .ctrl("u")])
        driver.type(&state, "09:20")
        driver.keys(&state, [.enter])
        let upn = state.school.roll.first { $0.registrationGroup == "4A" }!.upn
        let mark = state.school.register.mark(for: upn, at: session)
        #expect(mark?.code == .lateBeforeClose)
        #expect(mark?.minutesLate == 40)
    }

    @Test func aBadTimeIsExplainedAndNothingIsSaved() {
        var state = UISchool.state(staff: UISchool.head)
        var driver = FakeDriver()
        _ = state.run(command: "settings")
        driver.keys(&state, [.ctrl("u")])
        driver.type(&state, "10:00")   // opens after it closes
        driver.keys(&state, [.enter])
        #expect(driver.committed.isEmpty)
        #expect(state.status?.text.contains("must open before it closes") == true)
        driver.keys(&state, [.escape])
        #expect(state.overlay == nil)
        #expect(state.school.settings.registerTimes == RegisterTimes())
    }

    @Test func officeStaffCannotOpenTheForm() {
        var state = UISchool.state(staff: UISchool.office)
        _ = state.run(command: "settings")
        #expect(state.overlay == nil)
        #expect(state.status?.text.contains("Only the head") == true)
    }

    @Test func aConflictShowsWhoChangedItAndAsksBeforeReplacing() throws {
        var state = UISchool.state()
        _ = state.run(command: "register 4A")
        let effects = state.update(.keyPressed(.char("N")))
        guard case .commit(let id, let t)? = effects.first, case .mark(let m) = t.changes[0] else { Issue.record("expected a commit"); return }
        #expect(m.shown == ShownMark.none)
        _ = state.update(.changeRefused(id: id, Refusal(kind: .conflict, message: "changed", conflictNow: Mark(.illness), conflictBy: "Mrs Okafor", conflictAt: "09:04")))
        guard case .dialog(let d) = state.overlay, case .conflict = d.purpose else { Issue.record("expected the conflict dialog"); return }
        #expect(d.lines.joined().contains("Mrs Okafor changed this mark at 09:04: it is now I"))
        // Someone else's I is now in the register; replacing it carries what the screen now shows.
        var theirs = state.school
        theirs.register.record(Mark(.illness), for: m.upn, at: session)
        _ = state.update(.storeChangedOnDisk(theirs))
        let again = state.update(.keyPressed(.char("y")))
        guard case .commit(_, let retyped)? = again.first, case .mark(let m2) = retyped.changes[0] else { Issue.record("expected a second commit"); return }
        #expect(m2.mark?.code == .reasonNotYetEstablished)
        #expect(m2.shown == .mark(Mark(.illness)))
    }

    @Test func keepingTheirsSendsNothingAndRereads() {
        var state = UISchool.state()
        _ = state.run(command: "register 4A")
        let effects = state.update(.keyPressed(.char("N")))
        guard case .commit(let id, _)? = effects.first else { Issue.record("expected a commit"); return }
        _ = state.update(.changeRefused(id: id, Refusal(kind: .conflict, message: "changed", conflictNow: Mark(.illness))))
        #expect(state.update(.keyPressed(.char("n"))) == [.refreshFromDisk])
        #expect(state.overlay == nil)
        #expect(state.pending.isEmpty)
    }
}

/// What the driver finds out arrives as messages; update alone changes the state.
@Suite("The driver's problems as messages")
struct DriverMessageTests {
    @Test func eachProblemIsOnTheStatusLineAndNothingElseChanges() {
        let start = UISchool.state()
        for (message, text, tone) in [(Message.storeOpenedWithWarning("no backup for 3 days"), "Warning: no backup for 3 days", Tone.warning),
                                      (.storeWarned("the daily backup could not be made"), "Warning: the daily backup could not be made", .warning),
                                      (.contactLogNotRead(problem: "disk error"), "Could not read the contact log: disk error", .alert),
                                      (.othersChangesNotRead(problem: "busy"), "Could not read other people's changes: busy", .alert)] {
            var state = start
            #expect(state.update(message).isEmpty)
            #expect(state.status == StatusLine(text, tone))
            #expect(state.school.register.markCount == start.school.register.markCount && state.screens.count == start.screens.count && state.overlay == nil)
        }
    }

    /// Issue 21, defect 2: a warning raised while a mark was saved (the daily backup failed)
    /// comes after the change's own answer, so the register's status line ends on it, and the
    /// mark stays saved.
    @Test func aWarningDuringAChangeIsShownAfterItIsSaved() throws {
        var state = UISchool.state()
        var driver = FakeDriver()
        _ = state.run(command: "register 4A")
        driver.keys(&state, [.char("N")])
        let saved = state
        #expect(state.update(.storeWarned("the daily backup daily-2026-11-30 could not be made")).isEmpty)
        #expect(state.status == StatusLine("Warning: the daily backup daily-2026-11-30 could not be made", .warning))
        #expect(state.school.register.markCount == saved.school.register.markCount && state.pending.isEmpty)
        #expect(state.screens.count == saved.screens.count && state.overlay == nil)
        #expect(state.draw().lines.contains { $0.contains("Warning: the daily backup daily-2026-11-30 could not be made") })
    }
}
