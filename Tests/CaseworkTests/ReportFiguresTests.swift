import Attendance
import Testing

/// The figures behind `rollcall report data-quality` and `governors`, worked out by hand.
@Suite struct ReportFiguresTests {
    static let today = SchoolDate("2025-12-05")!   // Friday

    @Test func aCleanSchoolHasNoDataQualityProblems() throws {
        var s = try CaseworkSchool(policy: "bridgewater-park")
        s.pupil("FINE", upTo: Self.today)
        s.pupil("ALSO", absent: 4, code: .illness, upTo: Self.today)
        let q = DataQuality(school: s.school, asOf: Self.today)
        #expect(q.problemCount == 0)
        #expect(q.staleN.isEmpty && q.unmarked.isEmpty && q.uncoveredC2.isEmpty && q.longTimetables.isEmpty
                && q.noContactPhone.isEmpty && q.overdueReviews.isEmpty)
    }

    @Test func dataQualityFindsEachKindOfProblem() throws {
        var s = try CaseworkSchool(policy: "bridgewater-park")
        // N on Thu 27 Nov is 6 school days before Fri 5 Dec: stale. N on Mon 1 Dec is not.
        s.pupil("STALE", upTo: Self.today)
        s.school.register.record(Mark(.reasonNotYetEstablished), for: "STALE", at: Session(SchoolDate("2025-11-27")!, .am))
        s.school.register.record(Mark(.reasonNotYetEstablished), for: "STALE", at: Session(SchoolDate("2025-12-01")!, .am))
        // No mark on Wed 3 Dec PM (today's own sessions are not yet due).
        s.pupil("GAP", upTo: Self.today)
        s.school.register.record(nil, for: "GAP", at: Session(SchoolDate("2025-12-03")!, .pm))
        s.school.register.record(nil, for: "GAP", at: Session(Self.today, .pm))
        // C2 on Tue 2 Dec with no timetable at all.
        s.pupil("C2", upTo: Self.today)
        s.school.register.record(Mark(.partTimeTimetable), for: "C2", at: Session(SchoolDate("2025-12-02")!, .pm))
        // A timetable from 6 Oct still running: past 6 weeks. Its C2s are covered.
        s.pupil("LONG", upTo: Self.today)
        s.school.casework.put(PartTimeTimetable(id: "t1", upn: "LONG", starts: SchoolDate("2025-10-06")!, ends: SchoolDate("2025-12-19")!,
                                                reviewOn: SchoolDate("2025-11-03")!, parentAgreed: true))
        s.school.register.record(Mark(.partTimeTimetable), for: "LONG", at: Session(SchoolDate("2025-12-02")!, .pm))
        // No phone for any contact.
        var nophone = s.pupil("NOPHONE", upTo: Self.today)
        nophone.contacts = nophone.contacts.map { var c = $0; c.phones = []; return c }
        _ = s.school.upsert(nophone)
        // An open case whose review was due yesterday.
        s.pupil("REVIEW", upTo: Self.today)
        var file = CaseFile(upn: "REVIEW", track: s.school.casework.policy!.tracks[0].id, openedOn: SchoolDate("2025-10-01")!)
        file.stage = s.school.casework.policy!.tracks[0].stages[0].id
        file.nextReview = SchoolDate("2025-12-04")!
        s.school.casework.put(file)

        let q = DataQuality(school: s.school, asOf: Self.today)
        #expect(q.staleN.map(\.pupil.upn) == ["STALE"])
        #expect(q.staleN.map(\.session) == [Session(SchoolDate("2025-11-27")!, .am)])
        #expect(q.unmarked.map(\.session) == [Session(SchoolDate("2025-12-03")!, .pm)])
        #expect(q.unmarked.first?.pupils.map(\.upn) == ["GAP"])
        #expect(q.uncoveredC2.map(\.pupil.upn) == ["C2"])
        #expect(q.longTimetables.map(\.pupil.upn) == ["LONG"])
        #expect(q.noContactPhone.map(\.upn) == ["NOPHONE"])
        #expect(q.overdueReviews.map(\.pupil.upn) == ["REVIEW"])
        #expect(q.problemCount == 6)
    }

    @Test func theGovernorsReportIsThisHalfTermAgainstTheOneBefore() throws {
        var s = try CaseworkSchool(policy: "bridgewater-park")
        s.pupil("A", absent: 8, code: .illness, upTo: Self.today)   // the last 8 sessions: 2–5 Dec
        s.pupil("B", upTo: Self.today)
        var pp = s.school.pupils["A"]!
        pp.flags.pupilPremium = true
        _ = s.school.upsert(pp)
        let r = GovernorsReport(school: s.school, asOf: Self.today)
        #expect(r.period == DateRange(SchoolDate("2025-11-03")!, Self.today))
        #expect(r.previousPeriod == DateRange(SchoolDate("2025-09-01")!, SchoolDate("2025-10-24")!))
        // 3 Nov–5 Dec: 25 days, 50 sessions each; A missed 8.
        let stats = s.school.statistics
        #expect(r.school.now == stats.cohort(named: "Whole school", pupils: ["A", "B"], in: r.period))
        #expect(r.school.now.figures.possible == 100 && r.school.now.figures.absent == 8)
        #expect(PercentText.attendance(r.school.now.figures) == "92.0")
        #expect(r.school.attendanceChange == "-8.0")
        let ppRow = try #require(r.vulnerableGroups.first { $0.name == "Pupil premium" })
        #expect(ppRow.now.pupilCount == 1 && ppRow.now.persistentAbsentees == 1)
        #expect(ppRow.persistentAbsenceChange == "+100.0")
        #expect(r.vulnerableGroups.map(\.name) == ["Pupil premium", "SEN support", "EHCP", "FSM", "CIN", "CP", "CLA"])
        #expect(r.weekdays.map(\.day) == [.monday, .tuesday, .wednesday, .thursday, .friday])
        #expect(r.weekdays.first { $0.day == .monday }?.figures.absent == 0)
        #expect(r.weekdays.first { $0.day == .friday }?.figures.absent == 2)
        #expect(r.codesUsed.contains { $0.code == .illness && $0.sessions == 8 })
        #expect(r.weeks.count == 13)   // 8 weeks from 1 Sep, the half-term week, 5 from 3 Nov
    }
}
