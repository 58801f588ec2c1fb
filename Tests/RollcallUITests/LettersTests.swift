import Attendance
import AttendanceStore
import Testing
@testable import RollcallUI

@Suite("Letters from the app")
struct LettersTests {
    static let liam = "A100000000005"

    /// Liam with an open case whose stage asks for a letter.
    func state() throws -> (AppState, FakeDriver) {
        var school = try PanelTests.school()
        school.apply(.caseDecision(CaseDecision(upn: Self.liam, track: "attendance",
                                                change: StageChange(decision: .enter, from: nil, to: "step-1", on: SchoolDate("2026-11-27")!, by: "head", reason: "panel",
                                                                    figures: CaseFigures(attendancePercent: 85, unauthorisedSessions10Weeks: 7, latesHalfTerm: 0, consecutiveUnexplainedDays: 3, absenceDays: 3.5)),
                                                nextReview: SchoolDate("2026-12-18"), newActions: [CaseAction(id: "a1", kind: "letter", description: "Send Letter 1", template: "stage-1", owner: "office", due: SchoolDate("2026-12-02")!)])))
        var state = AppState(context: AppContext(today: UISchool.today, minutes: 9 * 60 + 5, staff: UISchool.office), school: school, width: 120, height: 40)
        var driver = FakeDriver()
        _ = state.run(command: "pupil \(Self.liam)")
        driver.keys(&state, [.char("w")])
        return (state, driver)
    }

    @Test func theLetterTheCaseAsksForComesFirstAndPreviewsWithTheFigures() throws {
        let (state, _) = try state()
        guard case .letters(let l) = state.screen else { Issue.record("expected the letters screen"); return }
        #expect(l.templates.first == "stage-1")
        let preview = try #require(l.preview)
        #expect(preview.contains("Liam"))
        #expect(state.draw().text.contains("Liam"))
    }

    @Test func sendingWritesTheFileLogsItAndCompletesTheAction() throws {
        var (state, driver) = try state()
        driver.keys(&state, [.char("s")])
        #expect(driver.written.keys.contains("letter-\(Self.liam)-stage-1-2026-11-30.txt"))
        let logged = try #require(state.school.casework.contacts[Self.liam]?.last)
        #expect(logged.kind == .letter)
        #expect(logged.template == "stage-1")
        let action = try #require(state.school.casework.caseFile(Self.liam, track: "attendance")?.actions.first { $0.id == "a1" })
        #expect(action.doneOn == UISchool.today)
    }

    @Test func pShiftSavesThePDFOutsideTheStoreAndLogsNothing() throws {
        var (state, driver) = try state()
        state.context.documentsFolder = "/home/office/letters"
        let effects = state.update(.keyPressed(.char("P")))
        let preview = try #require({ if case .letters(let l) = state.screen { return l.preview } else { return nil } }())
        let path = "/home/office/letters/letter-\(Self.liam)-stage-1-2026-11-30.pdf"
        #expect(effects == [Effect.writeLetterPDF(upn: Self.liam, text: preview, path: path)])
        for e in effects { if let answer = driver.perform(e, state) { _ = state.update(answer) } }
        #expect(state.status?.text == "Saved: \(path)")
        #expect(state.school.casework.contacts[Self.liam]?.contains { $0.kind == .letter } != true)
        assertSnapshot(state.draw(), named: "letters-pdf-saved-120x40")
    }

    @Test func choosingAnotherTemplateMakesItsPreview() throws {
        var (state, driver) = try state()
        driver.keys(&state, [.down])
        guard case .letters(let l) = state.screen else { Issue.record("expected the letters screen"); return }
        #expect(l.cursor.selected == 1)
        #expect(l.preview != nil)
    }
}
