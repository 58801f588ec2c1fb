import Attendance
import AttendanceStore
import Testing
@testable import RollcallUI

/// `:trust` over a database (issue 23, item 4): a login with the trust role opens on it when
/// it is staff at no school; a school known only by its published figures shows counts and
/// says why no pupil is named; the figures are read again while the screen is open.
@Suite("The trust screen for a trust lead")
struct TrustLeadScreenTests {
    static let lead = StaffMember(login: "tlead", name: "Tara Lead", role: .trustLead)

    /// The two schools of `TrustScreenTests`, the other one known only by its published row.
    static func published() -> TrustOverview {
        var o = TrustScreenTests.overview()
        o.schools["other"] = .init(id: "other", school: nil, mayReadNames: false)
        o.schools["own"] = .init(id: "own", school: nil, mayReadNames: false)
        o.notRead = [.init(id: "far", reason: "no figures published on or before 2026-12-01")]
        return o
    }

    /// The app as it opens for a trust lead who is staff at no school.
    func staffNowhere(width: Int = 80, height: Int = 24) -> AppState {
        var context = AppContext(today: UISchool.today, minutes: 9 * 60 + 5, staff: Self.lead, readOnly: true)
        context.trust = .database
        context.staffNowhere = true
        return AppState(context: context, school: School(name: "no school"), width: width, height: height)
    }

    @Test func aLoginStaffNowhereOpensOnTheTrustAndReadsItOnce() {
        var state = staffNowhere(width: 120, height: 40)
        #expect(state.screens.map(\.kind) == [.trust] && state.status == StatusLine("Reading the trust's figures…") && state.trust == nil && !state.trustLoading)
        #expect(state.update(.trustRefreshDue) == [.loadTrust(generation: 1)])
        #expect(state.trustLoading)
        #expect(state.update(.trustRefreshDue).isEmpty, "one read at a time")
        #expect(state.update(.trustLoaded(Self.published())).isEmpty)
        #expect(state.screens.map(\.kind) == [.trust] && !state.trustLoading && state.trust?.rows.count == 2
                && state.status == StatusLine("2 schools read; 1 not read (listed below) · you are a trust lead, staff at no school: Enter shows a school's figures"))
        let text = state.draw().text
        #expect(text.contains("Rollcall · the trust's schools") && text.contains("Trust total") && text.contains("far (no figures published"))
    }

    @Test func whatNeedsASchoolSaysTheLoginIsATrustLeadStaffNowhere() {
        var state = staffNowhere()
        _ = state.update(.trustRefreshDue)
        _ = state.update(.trustLoaded(Self.published()))
        for command in ["register 3A", "pupils", "calls", "panel", "today"] {
            #expect(state.run(command: command).isEmpty)
            #expect(state.screens.map(\.kind) == [.trust] && state.overlay == nil
                    && state.status == StatusLine(":\(command.split(separator: " ")[0]) needs a school: tlead is a trust lead and is not staff at any school; :trust shows the trust's schools", .warning))
        }
        #expect(state.update(.keyPressed(.tab)).isEmpty)
        #expect(state.screens.map(\.kind) == [.trust] && state.status?.text.hasPrefix("Tab (Today, the register, calls, pupils) needs a school: tlead is a trust lead") == true)
        // What works is what help and the : list offer.
        _ = state.update(.keyPressed(.char("?")))
        guard case .help(let help) = state.screen else { Issue.record("expected help"); return }
        let words = help.lines.map(\.text).joined(separator: "\n")
        let commands = help.lines.map(\.text).filter { $0.hasPrefix("  :") }.map { String($0.split(separator: " ")[0]) }.filter { $0.count > 1 }
        #expect(words.contains("tlead is a trust lead and is not staff at any school") && commands == [":trust", ":help", ":quit"], "\(words)")
        #expect(!words.contains("next screen"), "\(words)")
        _ = state.update(.keyPressed(.escape))
        _ = state.update(.keyPressed(.char(":")))
        guard case .commandLine(let prompt) = state.overlay else { Issue.record("expected the : line"); return }
        #expect(prompt.suggestions.map(\.completion) == ["trust", "help", "quit"])
    }

    @Test func aPublishedSchoolShowsItsCountsAndNoName() {
        var state = staffNowhere(width: 120, height: 40)
        _ = state.update(.trustRefreshDue)
        _ = state.update(.trustLoaded(Self.published()))
        _ = state.update(.keyPressed(.enter))
        guard case .trustSchool(let page) = state.screen else { Issue.record("expected the school's page"); return }
        #expect(page.id == "other" && page.name == "Other Primary School")
        let text = state.draw().text
        #expect(text.contains("Published figures only: you are not on this school's staff, so no pupil is named."))
        #expect(text.contains("pupils of compulsory school age") && text.contains("Duties to the LA:") && text.contains("Caseload:"))
        for pupil in UISchool.make().roll { #expect(!text.contains(pupil.legalSurname), "\(pupil.legalSurname) named") }
    }

    @Test func theLoginsOwnSchoolIsReadWhenItsPageOpensAndThenNamesPupils() throws {
        var state = UISchool.state(width: 120, height: 40)
        state.context.trust = .database
        _ = state.run(command: "trust")
        var overview = Self.published()
        overview.schools["own"]?.mayReadNames = true   // staff there: read on request
        _ = state.update(.trustLoaded(overview))
        _ = state.update(.keyPressed(.down))   // the test school, second
        #expect(state.update(.keyPressed(.enter)) == [.loadTrustSchool(id: "own")])
        #expect(state.screens.map(\.kind) == [.today, .trust, .trustSchool]
                && state.status == StatusLine("Reading Test Primary School's records (you are on its staff)…"))
        #expect(state.draw().text.contains("You are on this school's staff: reading its records…") && !state.draw().text.contains("O'Connor"))
        let own = UISchool.make()
        var row = TrustRow(school: own, asOf: UISchool.today, time: ClockTime(hour: 9, minute: 5))
        row.id = "own"
        _ = state.update(.trustSchoolLoaded(.init(id: "own", school: own, mayReadNames: true, row: row)))
        #expect(state.status == nil && state.trust?.schools["own"]?.school != nil)
        #expect(state.draw().text.contains("O'Connor") && state.draw().text.contains("You are on this school's staff: read-only here"))
        // Read again, the table keeps the records read, and the page its names.
        _ = state.update(.trustRefreshDue)
        _ = state.update(.trustLoaded(overview))
        #expect(state.trust?.schools["own"]?.school != nil && state.draw().text.contains("O'Connor"))
        // A school that cannot be read says so, and its published counts stay.
        _ = state.update(.trustSchoolNotLoaded(id: "other", problem: "the server went away"))
        #expect(state.status == StatusLine("Could not read Other Primary School's records: the server went away; its published figures are shown", .alert))
    }

    @Test func theFiguresAreReadAgainKeepingTheSchoolSelected() throws {
        var state = UISchool.state(width: 120, height: 40)
        state.context.trust = .database
        #expect(state.update(.trustRefreshDue).isEmpty, "nothing is read until :trust is open")
        #expect(state.run(command: "trust") == [.loadTrust(generation: 1)])
        _ = state.update(.trustLoaded(Self.published()))
        _ = state.update(.keyPressed(.down))
        guard case .trust(let before) = state.screen else { Issue.record("expected the trust"); return }
        let selected = try #require(state.trust?.rows[before.cursor.selected].id)
        #expect(state.update(.trustRefreshDue) == [.loadTrust(generation: 2)] && state.trustLoading)
        var again = Self.published()
        again.rows.reverse()
        _ = state.update(.trustLoaded(again))
        guard case .trust(let after) = state.screen else { Issue.record("expected the trust"); return }
        #expect(state.trust?.rows[after.cursor.selected].id == selected && !state.trustLoading)
        // A store directory's trust is read once; :trust again does not read it again.
        var stores = UISchool.state()
        stores.context.trustStores = 2
        #expect(stores.run(command: "trust") == [.loadTrust(generation: 1)])
        _ = stores.update(.trustLoaded(Self.published()))
        _ = stores.update(.keyPressed(.escape))
        #expect(stores.run(command: "trust").isEmpty)
    }

    @Test func snapshots() {
        for (w, h) in ScreenSnapshotTests.sizes {
            var state = staffNowhere(width: w, height: h)
            _ = state.update(.trustRefreshDue)
            _ = state.update(.trustLoaded(Self.published()))
            assertSnapshot(state.draw(), named: "trust-lead-\(w)x\(h)")
            _ = state.update(.keyPressed(.enter))
            assertSnapshot(state.draw(), named: "trust-lead-published-school-\(w)x\(h)")
        }
    }
}
