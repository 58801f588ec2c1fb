import Attendance
import Testing
@testable import RollcallUI

@Suite("Taking a register through update")
struct RegisterFlowTests {
    let session = Session(UISchool.today, .am)

    func openRegister(_ group: String = "4A") -> (AppState, FakeDriver) {
        var state = UISchool.state()
        var driver = FakeDriver()
        driver.run(&state, .keyPressed(.char(":")))
        driver.type(&state, "register \(group) AM")
        driver.run(&state, .keyPressed(.enter))
        return (state, driver)
    }

    func register(_ state: AppState) -> RegisterScreen? {
        if case .register(let r) = state.screen { return r }
        return nil
    }

    func closed(_ state: AppState) -> Bool { state.school.isClosed(group: "4A", session: session) }

    func mark(_ state: AppState, _ upn: String) -> AttendanceCode? { state.school.register.mark(for: upn, at: session)?.code }

    @Test func theCommandOpensTheClassRegisterForTheSession() throws {
        let (state, _) = openRegister()
        let r = try #require(register(state))
        #expect(r.group == "4A")
        #expect(r.session == session)
        #expect(r.upns.count == 6)
        #expect(r.cursor.selected == 0)
        #expect(state.overlay == nil)
    }

    @Test func typingACodeMarksThePupilAndMovesOn() throws {
        var (state, driver) = openRegister()
        let first = try #require(register(state)?.upns[0])
        driver.keys(&state, [.char("n")])
        #expect(mark(state, first) == .reasonNotYetEstablished)
        #expect(register(state)?.cursor.selected == 1)
        driver.keys(&state, [.char(" ")])
        #expect(mark(state, register(state)!.upns[1]) == .presentAM)
        #expect(register(state)?.cursor.selected == 2)
        #expect(state.pending.isEmpty)
        #expect(driver.committed.count == 2)
    }

    /// A read-only store (a backup copy): everything shows, the header says so, and a mark
    /// typed is refused on the spot, never sent to the store nor shown as if taken.
    @Test func aReadOnlyStoreShowsTheRegisterButRefusesMarks() throws {
        var (state, driver) = openRegister()
        state.context.readOnly = true
        let first = try #require(register(state)?.upns[0])
        let before = mark(state, first)
        driver.keys(&state, [.char("n")])
        #expect(mark(state, first) == before)
        #expect(driver.committed.isEmpty && state.pending.isEmpty)
        #expect(state.status?.text.contains("read-only") == true, "\(String(describing: state.status))")
        #expect(state.draw().lines[0].contains("READ-ONLY"))
    }

    @Test func twoKeyCodesTakeBothKeys() throws {
        var (state, driver) = openRegister()
        let upns = try #require(register(state)?.upns)
        driver.keys(&state, [.char("C"), .char("1")])      // C1
        driver.keys(&state, [.char("J"), .char("1")])      // J1 (Shift: j moves)
        driver.keys(&state, [.char("y"), .char("4")])      // Y4
        driver.keys(&state, [.char("c"), .enter])          // C alone
        #expect(mark(state, upns[0]) == .performanceAbroad)
        #expect(mark(state, upns[1]) == .interview)
        #expect(mark(state, upns[2]) == .siteClosedUnexpectedly)
        #expect(mark(state, upns[3]) == .exceptionalCircumstances)
        #expect(register(state)?.cursor.selected == 4)
    }

    @Test func legacyAndUnknownKeysChangeNothingAndSaySo() throws {
        var (state, driver) = openRegister()
        driver.keys(&state, [.char("H")])
        #expect(state.status?.text.contains("pre-2024") == true)
        driver.keys(&state, [.char("%")])
        #expect(state.status?.text.contains("not a register code") == true)
        #expect(driver.committed.isEmpty)
        #expect(register(state)?.cursor.selected == 0)
    }

    @Test func presentAllMarksOnlyTheUnmarked() throws {
        var (state, driver) = openRegister()
        let upns = try #require(register(state)?.upns)
        driver.keys(&state, [.char("N"), .char("*")])
        #expect(mark(state, upns[0]) == .reasonNotYetEstablished)
        for upn in upns.dropFirst() { #expect(mark(state, upn) == .presentAM) }
        #expect(driver.committed.count == 2)
        #expect(register(state)?.unmarked(in: state).isEmpty == true)
    }

    @Test func aLateArrivalBeforeTheCloseIsLWithMinutes() throws {
        var (state, driver) = openRegister()
        let upn = try #require(register(state)?.upns[0])
        driver.keys(&state, [.char("a"), .ctrl("u")])
        driver.type(&state, "09:02")
        driver.keys(&state, [.tab])
        driver.type(&state, "bus late")
        driver.keys(&state, [.enter])
        let found = state.school.register.mark(for: upn, at: session)
        let m = try #require(found)
        #expect(m.code == .lateBeforeClose)
        #expect(m.minutesLate == 22)
        #expect(m.comment == "bus late")
    }

    @Test func aLateArrivalAfterTheCloseIsU() throws {
        var (state, driver) = openRegister()
        state.context.minutes = 10 * 60
        let upn = try #require(register(state)?.upns[0])
        driver.keys(&state, [.char("a"), .ctrl("u")])
        driver.type(&state, "09:40")
        driver.keys(&state, [.enter])
        let found = state.school.register.mark(for: upn, at: session)
        let m = try #require(found)
        #expect(m.code == .lateAfterClose)
        #expect(m.minutesLate == 60)
    }

    /// The time is filled in with now; typing replaces it rather than adding to it.
    @Test func typingATimeReplacesTheOneFilledIn() throws {
        var (state, driver) = openRegister()
        let upn = try #require(register(state)?.upns[0])
        driver.keys(&state, [.char("a")])
        driver.type(&state, "09:01")
        guard case .lateArrival(let f) = state.overlay else { Issue.record("the form closed"); return }
        #expect(f.time.text == "09:01")
        driver.keys(&state, [.enter])
        #expect(state.school.register.mark(for: upn, at: session) == Mark(.lateBeforeClose, minutesLate: 21))
    }

    @Test func editingTheFilledInTimeKeepsIt() throws {
        var (state, _) = openRegister()
        _ = state.update(.keyPressed(.char("a")))
        _ = state.update(.keyPressed(.backspace))
        _ = state.update(.keyPressed(.char("3")))
        guard case .lateArrival(let f) = state.overlay else { Issue.record("the form closed"); return }
        #expect(f.time.text == "09:03")
    }

    @Test func arrivingBeforeTheRegisterOpensIsPresent() throws {
        var (state, driver) = openRegister()
        let upn = try #require(register(state)?.upns[0])
        driver.keys(&state, [.char("a")])
        driver.type(&state, "08:30")
        #expect(state.draw().text.contains("present"))
        driver.keys(&state, [.enter])
        #expect(state.school.register.mark(for: upn, at: session) == Mark(.presentAM))
    }

    @Test func anArrivalLaterThanNowIsRefusedSayingWhy() throws {
        var (state, driver) = openRegister()
        driver.keys(&state, [.char("a")])
        driver.type(&state, "09:30")
        driver.keys(&state, [.enter])
        #expect(driver.committed.isEmpty)
        if case .lateArrival = state.overlay {} else { Issue.record("the form should stay open") }
        #expect(state.status?.text.contains("later than now (09:05)") == true, "\(String(describing: state.status))")
    }

    @Test func aBadArrivalTimeIsExplainedAndNothingIsSaved() throws {
        var (state, driver) = openRegister()
        driver.keys(&state, [.char("a"), .ctrl("u")])
        driver.type(&state, "25:99")
        driver.keys(&state, [.enter])
        #expect(driver.committed.isEmpty)
        if case .lateArrival = state.overlay {} else { Issue.record("the form should stay open") }
        #expect(state.status?.tone == .warning)
    }

    @Test func closingWithUnmarkedPupilsListsThemAndCanMarkThemN() throws {
        var (state, driver) = openRegister()
        let upns = try #require(register(state)?.upns)
        driver.keys(&state, [.char(" "), .char(" "), .char("!")])
        guard case .dialog(let d) = state.overlay, case .unmarkedBeforeClose(_, _, let listed) = d.purpose else {
            Issue.record("expected the unmarked list"); return
        }
        #expect(listed == Array(upns.dropFirst(2)))
        #expect(!closed(state))
        driver.keys(&state, [.char("n")])
        // It asks once, naming the count, before marking anyone.
        #expect(!closed(state) && driver.committed.count == 2)
        #expect(state.draw().text.contains("Mark 4 pupils N and close? y/n"))
        driver.keys(&state, [.char("y")])
        #expect(closed(state))
        for upn in upns.dropFirst(2) { #expect(mark(state, upn) == .reasonNotYetEstablished) }
    }

    @Test func markingTheRestNCanBeCalledOff() throws {
        var (state, driver) = openRegister()
        driver.keys(&state, [.char("!"), .char("n"), .char("n")])
        #expect(!closed(state) && driver.committed.isEmpty)
        // Back at the list of who is unmarked, not marking.
        guard case .dialog(let d) = state.overlay, case .unmarkedBeforeClose = d.purpose else { Issue.record("expected the unmarked list"); return }
        #expect(!d.confirmingMarkN)
    }

    @Test func afterTheCloseAChangeAsksForAReasonAndKeepsIt() throws {
        var (state, driver) = openRegister()
        let upns = try #require(register(state)?.upns)
        driver.keys(&state, [.char("*"), .char("!")])
        #expect(closed(state))
        driver.keys(&state, [.home, .char("I")])
        guard case .dialog(let d) = state.overlay, case .amendmentReason = d.purpose else { Issue.record("expected a reason prompt"); return }
        #expect(mark(state, upns[0]) == .presentAM)
        driver.type(&state, "mother rang at 9:40")
        driver.keys(&state, [.enter])
        #expect(mark(state, upns[0]) == .illness)
        let last = try #require(driver.committed.last)
        #expect(last.reason == "mother rang at 9:40")
        guard case .mark(let m) = last.changes[0] else { Issue.record("expected a mark"); return }
        #expect(m.previous?.code == .presentAM)
    }

    @Test func escapeFromAReasonWithTextAsksBeforeThrowingItAway() throws {
        var (state, driver) = openRegister()
        driver.keys(&state, [.char("*"), .char("!"), .home, .char("I")])
        driver.type(&state, "mum")
        driver.keys(&state, [.escape])
        guard case .dialog(let d) = state.overlay else { Issue.record("the reason must not vanish"); return }
        #expect(d.confirmingDiscard)
        #expect(d.field?.text == "mum")
        driver.keys(&state, [.char("n")])
        guard case .dialog(let kept) = state.overlay else { Issue.record("n keeps the text"); return }
        #expect(kept.field?.text == "mum")
        #expect(!kept.confirmingDiscard)
    }

    @Test func undoPutsBackTheLastMark() throws {
        var (state, driver) = openRegister()
        let upn = try #require(register(state)?.upns[0])
        driver.keys(&state, [.char("N")])
        #expect(mark(state, upn) == .reasonNotYetEstablished)
        driver.keys(&state, [.char("u")])
        #expect(mark(state, upn) == nil)
        #expect(state.status?.text == "Undone")
    }

    @Test func anotherProcessesMarkArrivesWithoutAKey() throws {
        var (state, driver) = openRegister()
        let upn = try #require(register(state)?.upns[3])
        var elsewhere = state.school
        elsewhere.register.record(Mark(.medical), for: upn, at: session)
        driver.run(&state, .storeChangedOnDisk(elsewhere))
        #expect(state.shownMark(for: upn, at: session)?.code == .medical)
        #expect(state.draw().text.contains("M"))
        #expect(register(state)?.cursor.selected == 0)
    }

    @Test func aMarkTheStoreCouldNotSaveStaysOnTheRowAndIsRetried() throws {
        var state = UISchool.state()
        _ = state.run(command: "register 4A")
        let effects = state.update(.keyPressed(.char("N")))
        guard case .commit(let id, let t)? = effects.first else { Issue.record("expected a commit"); return }
        _ = state.update(.changeNotSaved(id: id, problem: "the store is busy"))
        let upn = t.changes.compactMap { if case .mark(let m) = $0 { return m.upn }; return nil }[0]
        #expect(state.shownMark(for: upn, at: session)?.code == .reasonNotYetEstablished)
        #expect(state.unsavedProblem(for: upn, at: session) == "the store is busy")
        #expect(state.draw().text.contains("NOT SAVED"))
        let retry = state.update(.clockTicked(date: state.context.today, minutes: 9 * 60 + 6))
        #expect(retry == [.commit(id: id, t)])
    }

    @Test func findingAPupilByPartOfTheirNameIgnoresAccents() throws {
        var (state, driver) = openRegister()
        driver.keys(&state, [.char("/")])
        driver.type(&state, "siob")
        driver.keys(&state, [.enter])
        let r = try #require(register(state))
        #expect(state.school.pupils[r.upns[r.cursor.selected]]?.legalForename == "Siobhán")
        driver.keys(&state, [.char("/")])
        driver.type(&state, "oconn")
        driver.keys(&state, [.enter, .char("N")])
        #expect(state.school.pupils.values.first { $0.legalSurname == "O'Connor" }.map { mark(state, $0.upn) } == .reasonNotYetEstablished)
    }
}
