import Attendance
import Testing

/// The trust view counts what the calling list and the LA duties list (issue 23); counted its
/// own faster way, each count must stay exactly what the lists say.
@Suite struct TrustCountsTests {
    /// On the calling list of Friday 24 October: pupils with an N or O today (or a run still
    /// open), a leaver excepted. Tried today: a call, a home visit or a message that day; a
    /// note today, or a call the day before, is not a try.
    @Test func callsNotMadeCountsTheCallingListsPupilsNotYetTriedToday() throws {
        var s = try CaseworkSchool(policy: "bridgewater-park")
        let today = CaseworkSchool.asOf, yesterday = SchoolDate("2025-10-23")!
        for upn in ["CALLED", "VISITED", "MESSAGED", "NOTED", "CALLED-YESTERDAY", "NOT-CALLED", "LEFT"] {
            s.pupil(upn, absent: 4, code: .reasonNotYetEstablished, upTo: today)
        }
        s.pupil("WAITING", absent: 2, code: .unknownReason, upTo: yesterday)  // today not marked yet: the run is open
        s.pupil("PRESENT", upTo: today)
        s.pupil("ILL", absent: 2, code: .illness, upTo: today)
        var left = s.school.pupils["LEFT"]!
        left.leavingOn = yesterday
        s.school.upsert(left)
        let kinds: [(String, ContactLogEntry.Kind, SchoolDate)] = [
            ("CALLED", .call, today), ("VISITED", .homeVisit, today), ("MESSAGED", .message, today),
            ("NOTED", .note, today), ("CALLED-YESTERDAY", .call, yesterday), ("LEFT", .call, yesterday),
        ]
        for (i, (upn, kind, on)) in kinds.enumerated() {
            s.school.casework.put(ContactLogEntry(id: "c\(i)", upn: upn, kind: kind, on: on, by: "head", byName: "Hana Head"))
        }
        let list = s.school.callingList(on: today)
        #expect(Set(list.map(\.pupil.upn)) == ["CALLED", "VISITED", "MESSAGED", "NOTED", "CALLED-YESTERDAY", "NOT-CALLED", "WAITING"])
        #expect(Set(list.filter(\.triedToday.isEmpty).map(\.pupil.upn)) == ["NOTED", "CALLED-YESTERDAY", "NOT-CALLED", "WAITING"])
        #expect(s.school.callsNotMade(on: today) == 4)
        #expect(TrustRow(school: s.school, asOf: today).callsNotMade == 4)
    }

    /// Twenty school days in a row of G, N or O is a duty to consider removal from roll; the
    /// same twenty days of unauthorised absence broken by U (late after the register closed)
    /// is ten days' unauthorised absence to report, and no removal.
    @Test func removalFromRollNeedsTwentyDaysOfGNOInARow() throws {
        var s = try CaseworkSchool(policy: "bridgewater-park")
        let yesterday = SchoolDate("2025-10-23")!, today = CaseworkSchool.asOf
        func presentToday(_ upn: String) {
            s.school.register.record(Mark(.presentAM), for: upn, at: Session(today, .am))
            s.school.register.record(Mark(.presentPM), for: upn, at: Session(today, .pm))
        }
        s.pupil("GONE", absent: 44, code: .unknownReason, upTo: yesterday)      // 22 school days of O, back today
        presentToday("GONE")
        s.pupil("BROKEN", absent: 44, code: .reasonNotYetEstablished, upTo: yesterday)
        let days = s.openSessions(upTo: yesterday).suffix(44).map(\.date)
        for d in Set(days) where d.dayNumber % 5 == 0 {                        // U on one day in five
            for half in SessionHalf.allCases { s.school.register.record(Mark(.lateAfterClose), for: "BROKEN", at: Session(d, half)) }
        }
        presentToday("BROKEN")
        s.pupil("SHORT", absent: 30, code: .holidayNotGranted, upTo: yesterday) // 15 days of G
        presentToday("SHORT")

        let duties = s.school.laDuties(asOf: today)
        func kinds(_ upn: String) -> [LADuty.Kind] { duties.filter { $0.upn == upn }.map(\.kind) }
        // (Each is also severely absent or below the policy's line: not what is tested here.)
        #expect(kinds("GONE").filter { $0 == .absentTenDays || $0 == .removalFromRoll } == [.absentTenDays, .removalFromRoll])
        let removal = try #require(duties.first { $0.upn == "GONE" && $0.kind == .removalFromRoll })
        #expect(removal.days == 22)
        #expect(removal.due == days[days.count - 6])                            // the 20th of the 22 days (two sessions a day)
        #expect(kinds("BROKEN").contains(.absentTenDays) && !kinds("BROKEN").contains(.removalFromRoll))
        #expect(duties.first { $0.upn == "BROKEN" && $0.kind == .absentTenDays }?.days == 22)
        #expect(kinds("SHORT").contains(.absentTenDays) && !kinds("SHORT").contains(.removalFromRoll))
        // The trust's row counts the same duties.
        let row = TrustRow(school: s.school, asOf: today)
        #expect(row.dutiesOwed == duties.filter { $0.done == nil }.count)
    }
}
