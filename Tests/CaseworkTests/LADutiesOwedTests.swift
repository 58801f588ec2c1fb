import Attendance
import Testing

/// Issue 19, defect 4: what `rollcall duties` missed that the LA is owed.
@Suite("Issue 19: duties the LA is owed")
struct LADutiesOwedTests {
    let today = SchoolDate("2025-10-24")!

    /// A severely absent pupil (50% or less) is listed: "fails to attend regularly".
    @Test func aSeverelyAbsentPupilIsADuty() throws {
        var s = try CaseworkSchool(policy: "bridgewater-park")
        s.pupil("SA", absent: 48, code: .illness)   // 32 of 80: 40%
        s.pupil("OK", absent: 8, code: .illness)    // 90%
        let duties = s.school.laDuties(asOf: today)
        let sa = try #require(duties.first { $0.upn == "SA" && $0.kind == .severeAbsence }, "\(duties)")
        #expect(sa.text.contains("40.0%"), "\(sa.text)")
        #expect(sa.due <= today)
        #expect(!duties.contains { $0.upn == "OK" })
    }

    /// A run of absence that began in July and goes on into September is one run: the
    /// 1 September does not cut it.
    @Test func aRunContinuesAcrossTheSummerAndTheNewYear() throws {
        var s = try CaseworkSchool(policy: "bridgewater-park")
        s.pupil("P1", absent: 8, code: .unknownReason, upTo: SchoolDate("2025-09-04")!)  // 1–4 Sep: O
        for d in DateRange(SchoolDate("2025-07-07")!, SchoolDate("2025-07-18")!).days where !d.isWeekend {
            s.school.register.record(Mark(.unknownReason), for: "P1", at: Session(d, .am))
            s.school.register.record(Mark(.unknownReason), for: "P1", at: Session(d, .pm))
        }
        let on = SchoolDate("2025-09-04")!
        let duty = try #require(s.school.laDuties(asOf: on).first { $0.upn == "P1" && $0.kind == .absentTenDays })
        #expect(duty.since == SchoolDate("2025-07-07")!)
        #expect(duty.days == 14)
    }

    /// A day the site closed unexpectedly (Y4) holds no session: it does not end a run.
    @Test func aSiteClosureDayDoesNotBreakARun() throws {
        var s = try CaseworkSchool(policy: "bridgewater-park")
        s.pupil("P1", absent: 22, code: .unknownReason)  // the last 11 school days: O
        let closed = SchoolDate("2025-10-20")!
        s.school.register.record(Mark(.siteClosedUnexpectedly), for: "P1", at: Session(closed, .am))
        s.school.register.record(Mark(.siteClosedUnexpectedly), for: "P1", at: Session(closed, .pm))
        let duty = try #require(s.school.laDuties(asOf: today).first { $0.upn == "P1" && $0.kind == .absentTenDays })
        #expect(duty.days == 10)
        #expect(duty.since == SchoolDate("2025-10-10")!)
    }

    /// A part-time timetable is owed to the LA from its first day, not after 6 weeks.
    @Test func aPartTimeTimetableIsADutyFromItsFirstDay() throws {
        var s = try CaseworkSchool(policy: "bridgewater-park")
        s.pupil("P1")
        s.school.casework.put(PartTimeTimetable(id: "t1", upn: "P1", starts: SchoolDate("2025-10-20")!, ends: SchoolDate("2025-11-14")!,
                                                reviewOn: SchoolDate("2025-11-10")!, parentAgreed: true))
        let duty = try #require(s.school.laDuties(asOf: SchoolDate("2025-10-20")!).first { $0.upn == "P1" })
        #expect(duty.kind == .partTimeTimetable)
        #expect(duty.since == SchoolDate("2025-10-20")! && duty.due == SchoolDate("2025-10-20")!)
    }
}
