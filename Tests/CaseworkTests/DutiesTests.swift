import Attendance
import Testing

@Suite struct DutiesTests {
    /// Issue 10, defect 2: duties to the LA were worked out only for pupils on the calling
    /// list (N or O today). A child back after 10 days missing, a child off ill for 15 days
    /// in the year, a part-time timetable past 6 school weeks or its end, and a leaver with no
    /// known destination are all owed to the LA whatever today's mark.
    @Test func dutiesToTheLAAreOwedWhateverTodaysMark() throws {
        var s = try CaseworkSchool(policy: "bridgewater-park")
        let today = SchoolDate("2025-12-05")!     // Friday
        let yesterday = SchoolDate("2025-12-04")!
        func presentToday(_ upn: String) {
            s.school.register.record(Mark(.presentAM), for: upn, at: Session(today, .am))
            s.school.register.record(Mark(.presentPM), for: upn, at: Session(today, .pm))
        }
        s.pupil("MISSING", absent: 20, code: .unknownReason, upTo: yesterday)   // 10 school days of O, back today
        presentToday("MISSING")
        s.pupil("ILL", absent: 30, code: .illness, upTo: yesterday)             // 15 days of illness, back today
        presentToday("ILL")
        s.pupil("PART", upTo: today)
        s.school.casework.put(PartTimeTimetable(id: "t1", upn: "PART", starts: SchoolDate("2025-10-06")!, ends: SchoolDate("2025-12-19")!,
                                                reviewOn: SchoolDate("2025-11-03")!, parentAgreed: true))
        s.pupil("ENDED", upTo: today)
        s.school.casework.put(PartTimeTimetable(id: "t2", upn: "ENDED", starts: SchoolDate("2025-11-17")!, ends: SchoolDate("2025-11-28")!,
                                                reviewOn: SchoolDate("2025-11-24")!, parentAgreed: true))
        for d in DateRange(SchoolDate("2025-11-17")!, today).days where s.school.statistics.schoolDays.isOpen(day: d) {
            s.school.register.record(Mark(.partTimeTimetable), for: "ENDED", at: Session(d, .pm))   // still C2 after 28 Nov
        }
        var leaver = s.pupil("LEAVER", upTo: today)
        leaver.leavingOn = SchoolDate("2025-12-12")!
        _ = s.school.upsert(leaver)
        s.pupil("FINE", upTo: today)

        #expect(s.school.callingList(on: today).isEmpty)
        let duties = s.school.laDuties(asOf: today)
        func duty(_ upn: String) -> LADuty? { duties.first { $0.upn == upn } }

        let missing = try #require(duty("MISSING"))
        #expect(missing.kind == .absentTenDays)
        #expect(missing.days == 10)
        #expect(missing.since == SchoolDate("2025-11-21")!)   // 10 school days back from Thursday 4 Dec
        #expect(missing.due == yesterday)
        #expect(missing.done == nil)

        let ill = try #require(duty("ILL"))
        #expect(ill.kind == .illnessFifteenDays)
        #expect(ill.days == 15)

        let part = try #require(duty("PART"))
        #expect(part.kind == .partTimeTimetable)
        #expect(part.since == SchoolDate("2025-10-06")!)
        #expect(part.due == SchoolDate("2025-10-06")!)       // from its first day (issue 19, defect 4)
        #expect(part.text.contains("now past 6 school weeks")) // 24 Nov: half-term week not counted

        let ended = try #require(duties.first { $0.upn == "ENDED" && $0.text.contains("past its end") })
        #expect(ended.kind == .partTimeTimetable)
        #expect(ended.since == SchoolDate("2025-12-01")!)     // the first school day past its end
        #expect(ended.text.contains("past its end"))

        let leaving = try #require(duty("LEAVER"))
        #expect(leaving.kind == .leavingNoDestination)
        #expect(leaving.due == SchoolDate("2025-12-12")!)

        #expect(duty("FINE") == nil)

        // Once the destination is known, nothing is owed for the leaver.
        leaver.destination = "Hillside Primary, Brighton"
        _ = s.school.upsert(leaver)
        #expect(s.school.laDuties(asOf: today).first { $0.upn == "LEAVER" } == nil)
    }
}
