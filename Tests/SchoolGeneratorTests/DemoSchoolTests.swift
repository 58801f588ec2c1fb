import Attendance
import AttendanceStore
import SchoolGenerator
import Testing

@Suite("The demo school and the generator")
struct DemoSchoolTests {
    func demo(_ date: String) throws -> School {
        SchoolGenerator.demo(asOf: SchoolDate(date)!, policy: try PolicyFile.preset("bridgewater-park")).generate()
    }

    @Test func theGeneratorIsDeterministicForASeed() throws {
        var g = SchoolGenerator(asOf: SchoolDate("2026-11-30")!)
        g.pupils = 120
        g.years = 2
        g.seed = 42
        g.policy = try PolicyFile.preset("attendance-bands")
        let a = g.generate(), b = g.generate()
        #expect(a.pupils == b.pupils)
        #expect(a.register.pupils == b.register.pupils)
        #expect(a.casework == b.casework)
        g.seed = 43
        #expect(g.generate().register.pupils != a.register.pupils)
    }

    /// A one-form-entry primary on dates through the year: its figures must look like a
    /// real school's.
    @Test(arguments: ["2026-10-09", "2026-11-30", "2027-02-05", "2027-05-14", "2027-07-16"])
    func theDemoLooksLikeARealPrimary(date: String) throws {
        let school = try demo(date)
        let asOf = SchoolDate(date)!
        #expect(school.name == "Demo Primary School")
        #expect(school.pupils.count == 210)
        #expect(Set(school.pupils.values.map(\.yearGroup)) == Set((0...6).map(YearGroup.init)))
        #expect(Set(school.pupils.values.map(\.registrationGroup)).count == 7)
        let stats = school.statistics
        let year = Statistics.yearToDate(asOf)
        let figures = school.roll.map { stats.figures(for: $0.upn, in: year) }.filter { $0.possible > 0 }
        let pa = Double(figures.filter(\.isPersistentAbsence).count) / Double(figures.count)
        let severe = figures.filter(\.isSevereAbsence).count
        let good = Double(figures.filter { $0.attendancePercent! >= 95 }.count) / Double(figures.count)
        #expect(pa >= 0.13 && pa <= 0.21, "persistent absence \(pa)")
        #expect((2...4).contains(severe), "severe \(severe)")
        #expect(good >= 0.6, "at 95% or more: \(good)")
        // Open N today, one of them a vulnerable child on day 3 (on a closed day: the last open one).
        var today = asOf
        while !school.statistics.schoolDays.isOpen(day: today) { today = today.adding(days: -1) }
        let calls = school.callingList(on: today)
        #expect(calls.count >= 2)
        #expect(calls.first?.vulnerable == true && calls.first?.daysUnexplained == 3)
        // Dual registration, a part-time timetable, INSET days, holidays, lateness with minutes.
        let used = Set(school.register.pupils.values.flatMap { $0.bytes(for: AcademicYear(containing: asOf)) ?? [] }.compactMap { AttendanceCode(byte: $0) })
        for code in [AttendanceCode.dualRegistered, .partTimeTimetable, .plannedClosure, .lateBeforeClose, .illness, .unknownReason] {
            #expect(used.contains(code), "\(code.symbol)")
        }
        #expect(!school.casework.timetables.isEmpty)
        #expect(school.register.pupils.values.contains { $0.details.values.contains { ($0.minutesLate ?? 0) > 0 } })
        // Names from an English town, accented and non-Latin among them.
        #expect(school.pupils.values.contains { $0.fullName.unicodeScalars.contains { $0.value > 0x7F } })
        // Vulnerable groups at realistic rates.
        let pp = school.pupils.values.filter(\.flags.pupilPremium).count
        #expect(pp > 30 && pp < 80)
        // Casework at several stages, with letters, calls, a home visit and panel meetings.
        // (Early in the year every case is still at its first stage: a case starts there.)
        let stages = Set(school.casework.openCases.compactMap(\.stage))
        #expect(stages.count >= (asOf > SchoolDate("2026-11-01")! ? 2 : 1))
        let log = school.casework.contacts.values.flatMap { $0 }
        #expect(log.contains { $0.kind == .letter } && log.contains { $0.kind == .call })
        // Panel meetings come once cases reach Step 2, one stage at a time at their reviews
        // (late November), and are held within three weeks.
        if asOf > SchoolDate("2027-01-01")! {
            #expect(school.casework.meetings.values.flatMap { $0 }.contains { $0.isActionPlan && $0.nextReview != nil })
        }
        #expect(school.staff.values.map(\.role).sorted { $0.rawValue < $1.rawValue } == [.attendance, .head, .office])
    }

    @Test func aHomeVisitIsOnRecordSomewhereInTheYear() throws {
        let school = try demo("2027-03-26")
        #expect(school.casework.contacts.values.flatMap { $0 }.contains { $0.kind == .homeVisit && $0.sensitive })
    }

    @Test func aSecondarySchoolOfAnySize() throws {
        var g = SchoolGenerator(asOf: SchoolDate("2026-11-30")!)
        g.pupils = 700
        let school = g.generate()
        #expect(school.pupils.count == 700)
        #expect(Set(school.pupils.values.map(\.yearGroup)) == Set((7...11).map(YearGroup.init)))
        #expect(Set(school.pupils.values.map(\.upn)).count == 700)
    }
}
