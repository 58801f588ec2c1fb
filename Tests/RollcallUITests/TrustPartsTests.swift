import Attendance
import AttendanceStore
import Testing
@testable import RollcallUI

/// `:trust` over stores fills as the schools are read: a `trustPartRead` per school, in
/// whatever order they finish, the table sorted as ever, how many are still to come, and the
/// total and England's line only once every school is in.
@Suite("The trust table as its schools are read")
struct TrustPartsTests {
    static let date = UISchool.today
    /// Four schools, most concern first A, B, C, D (LA duties overdue 3, 2, 1, 0).
    static let ids = ["alder", "birch", "cedar", "damson"]
    static let national = try? NationalFiguresFile.load()

    static func part(_ id: String, generation: Int = 1, of: Int = 4) -> TrustPart {
        let school = UISchool.make()
        var row = TrustRow(school: school, asOf: date, time: ClockTime(hour: 9, minute: 5))
        row.id = id
        row.name = id.capitalized + " Primary School"
        row.dutiesOverdue = 3 - ids.firstIndex(of: id)!
        row.dutiesOwed = row.dutiesOverdue
        return TrustPart(generation: generation, asOf: date, of: of,
                         read: [.init(row: row, school: .init(id: id, school: school, mayReadNames: true))], national: national)
    }

    /// The trust's side of the state, whole, in values a test can compare.
    struct Seen: Equatable {
        var rows: [String]
        var notRead: [String]
        var reading: TrustReading?
        var totalPupils: Int
        var national: Bool
        var cursorOn: String?
        var loading: Bool
        var status: StatusLine?
        var screens: [ScreenKind]
    }

    static func seen(_ s: AppState) -> Seen {
        Seen(rows: s.trust?.rows.map(\.id) ?? [], notRead: s.trust?.notRead.map(\.id) ?? [], reading: s.trustReading,
             totalPupils: s.trust?.total.pupils ?? -1, national: s.trust?.national != nil, cursorOn: s.trustSelectedID(),
             loading: s.trustLoading, status: s.status, screens: s.screens.map(\.kind))
    }

    static func opened(width: Int = 120, height: Int = 40) -> AppState {
        var state = UISchool.state(width: width, height: height)
        state.context.trustStores = 4
        #expect(state.run(command: "trust") == [.loadTrust(generation: 1)])
        return state
    }

    static let pupilsEach = TrustRow(school: UISchool.make(), asOf: date).pupils

    @Test func rowsArrivingInAnyOrderMakeTheSameTable() {
        let complete = Seen(rows: Self.ids, notRead: [], reading: nil, totalPupils: 4 * Self.pupilsEach, national: Self.national != nil,
                            cursorOn: nil, loading: false, status: StatusLine("4 schools read"), screens: [.today, .trust])
        for order in [Self.ids, Self.ids.reversed(), ["cedar", "alder", "damson", "birch"]] {
            var state = Self.opened()
            for id in order { #expect(state.update(.trustPartRead(Self.part(id))).isEmpty) }
            var expected = complete
            // The cursor stayed on the first school read, wherever the others put it.
            expected.cursorOn = order[0]
            #expect(Self.seen(state) == expected, "order \(order)")
        }
    }

    @Test func theCountLineUntilEverySchoolIsInAndOnlyThenTheTotal() {
        var state = Self.opened()
        _ = state.update(.trustPartRead(Self.part("cedar")))
        _ = state.update(.trustPartRead(Self.part("alder")))
        #expect(Self.seen(state) == Seen(rows: ["alder", "cedar"], notRead: [], reading: TrustReading(generation: 1, done: 2, of: 4),
                                         totalPupils: 0, national: false, cursorOn: "cedar", loading: true,
                                         status: StatusLine("Reading 4 schools…"), screens: [.today, .trust]))
        let part = state.draw().text
        #expect(part.contains("Reading schools: 2 of 4…") && part.contains("Alder Primary School") && part.contains("Cedar Primary School"))
        #expect(!part.contains("Trust total") && !part.contains("England ("), "no total of part of the trust")
        // A school not read counts towards the whole too.
        _ = state.update(.trustPartRead(TrustPart(generation: 1, asOf: Self.date, of: 4, read: [],
                                                  notRead: [.init(id: "far", reason: "not readable by jsmith")], national: Self.national)))
        #expect(state.trustReading == TrustReading(generation: 1, done: 3, of: 4))
        _ = state.update(.trustPartRead(Self.part("birch")))
        #expect(Self.seen(state) == Seen(rows: ["alder", "birch", "cedar"], notRead: ["far"], reading: nil, totalPupils: 3 * Self.pupilsEach,
                                         national: Self.national != nil, cursorOn: "cedar", loading: false,
                                         status: StatusLine("3 schools read; 1 not read (listed below)"), screens: [.today, .trust]))
        let whole = state.draw().text
        #expect(whole.contains("Trust total") && !whole.contains("Reading schools"))
    }

    @Test func theCursorStaysOnItsSchoolAsRowsComeAboveIt() {
        var state = Self.opened()
        _ = state.update(.trustPartRead(Self.part("damson")))
        _ = state.update(.trustPartRead(Self.part("birch")))
        #expect(Self.seen(state).cursorOn == "damson")
        _ = state.update(.keyPressed(.up))   // keys work while the rest are read
        #expect(Self.seen(state).cursorOn == "birch")
        _ = state.update(.trustPartRead(Self.part("alder")))
        _ = state.update(.trustPartRead(Self.part("cedar")))
        guard case .trust(let t) = state.screen else { Issue.record("expected the trust"); return }
        #expect(t.cursor.selected == 1 && Self.seen(state).cursorOn == "birch")
    }

    @Test func enterOnASchoolReadWorksBeforeTheRestAreIn() {
        var state = Self.opened()
        _ = state.update(.trustPartRead(Self.part("birch")))
        #expect(state.update(.keyPressed(.enter)).isEmpty)
        guard case .trustSchool(let page) = state.screen else { Issue.record("expected a school's page"); return }
        #expect(page.name == "Test Primary School" && page.id == "birch")
        // The rest arrive while the page is open; back on the table, it is whole.
        for id in ["alder", "cedar", "damson"] { _ = state.update(.trustPartRead(Self.part(id))) }
        _ = state.update(.keyPressed(.escape))
        #expect(Self.seen(state).rows == Self.ids && Self.seen(state).cursorOn == "birch" && state.trustReading == nil)
    }

    @Test func aPartOfAnotherReadOrSentTwiceAddsNothing() {
        var state = Self.opened()
        _ = state.update(.trustPartRead(Self.part("birch")))
        // :trust again while reading asks for nothing more.
        _ = state.update(.keyPressed(.escape))
        #expect(state.run(command: "trust").isEmpty)
        let before = Self.seen(state)
        #expect(before.rows == ["birch"] && before.reading == TrustReading(generation: 1, done: 1, of: 4))
        for stale in [Self.part("alder", generation: 0), Self.part("alder", generation: 2), Self.part("birch")] {
            _ = state.update(.trustPartRead(stale))
            #expect(Self.seen(state) == before, "generation \(stale.generation), \(stale.read.map(\.row.id))")
        }
    }

    @Test func snapshotOfATablePartRead() {
        for (w, h) in [(80, 24), (120, 40)] {
            var state = Self.opened(width: w, height: h)
            _ = state.update(.trustPartRead(Self.part("cedar")))
            _ = state.update(.trustPartRead(Self.part("alder")))
            assertSnapshot(state.draw(), named: "trust-reading-\(w)x\(h)")
        }
    }
}
