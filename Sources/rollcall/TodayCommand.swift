import ArgumentParser
import Attendance
import AttendanceStore

/// What `rollcall` on its own shows: the day at a glance, for all three roles.
struct TodayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "today",
        abstract: "The day at a glance: registers, absences with no reason, calls due, the caseload (the default command).")

    enum Format: String, ExpressibleByArgument, CaseIterable { case table, json }

    @Option(help: "The day (default: today).") var date: DateArgument?
    @Option(help: "table or json (keys in docs/json-output.md).") var format: Format = .table
    @OptionGroup var storeOptions: StoreOptions

    func run() throws {
        let day = date?.date ?? .today()
        let (store, me) = try storeOptions.open(as: .current(), forFiguresAsOf: day)
        try store.loadContacts(from: day)
        let school = store.school
        if format == .json { print(TodayJSON.object(school, on: day, viewer: me).rendered()); return }
        let stats = school.statistics
        let weekday = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"][day.weekday.rawValue - 1]
        print("\(school.name): \(weekday) \(day.spoken)   (you: \(me.signature))")
        print("")

        let roll = school.roll
        let open = school.openSessions(on: day)
        if open.isEmpty {
            print("Registers: the school is closed today.")
        }
        for half in open {
            let marks = school.register.marks(at: Session(day, half))
            let onRoll = school.onRoll(at: Session(day, half))
            let missing = onRoll.filter { marks[$0.upn] == nil }
            if marks.isEmpty { print("Registers \(half.label): not taken yet"); continue }
            let groups = Set(missing.map(\.registrationGroup)).sorted()
            print("Registers \(half.label): \(onRoll.count - missing.count) of \(onRoll.count) pupils marked" + (missing.isEmpty ? "" : "; not yet marked: \(missing.count) (\(groups.joined(separator: ", ")))"))
            var absent: [AttendanceCode: Int] = [:]
            for m in marks.values where m.code.counting.isAbsence || m.code == .lateBeforeClose { absent[m.code, default: 0] += 1 }
            if !absent.isEmpty {
                let parts = absent.sorted { $0.value > $1.value }.map { "\($0.key.symbol) \($0.value)" }
                print("  absent or late: \(parts.joined(separator: ", "))")
            }
        }

        let calls = school.callingList(on: day)
        print("")
        print("No reason known yet (N or O): \(calls.count)" + (calls.isEmpty ? "" : "   → rollcall calls"))
        for e in calls {
            let tried = e.triedToday.isEmpty ? "not called yet" : "\(e.triedToday.count) tried"
            print("  \(e.vulnerable ? "!" : " ") \(e.pupil.listName) (\(e.pupil.registrationGroup)): day \(e.daysUnexplained), \(tried); next: \(e.nextSteps.first ?? "call")")
        }
        let owed = school.laDuties(asOf: day).filter { $0.done == nil }
        if !owed.isEmpty {
            print("Duties to the LA owed: \(owed.count)   → rollcall duties")
            for d in owed { print("  \(school.pupils[d.upn]?.listName ?? d.upn): \(d.text)") }
        }
        let followUps = school.followUpsDue(on: day)
        if !followUps.isEmpty { print("Follow-ups due (today or overdue): \(followUps.count)") }

        if let engine = CaseworkEngine(school: school, asOf: day) {
            let rows = engine.caseload()
            let openCases = school.casework.openCases
            print("")
            var byTrack: [String: [String: Int]] = [:]
            for c in openCases { byTrack[c.track, default: [:]][c.stage ?? "", default: 0] += 1 }
            print("Caseload (\(engine.policy.name)): \(openCases.count) open case\(openCases.count == 1 ? "" : "s")   → rollcall caseload")
            for track in engine.policy.tracks where byTrack[track.id] != nil {
                let parts = track.stages.compactMap { s in byTrack[track.id]?[s.id].map { "\(s.id) \($0)" } }
                print("  \(track.name): \(parts.joined(separator: ", "))")
            }
            let weekEnd = day.adding(days: 7)
            let reviews = openCases.filter { ($0.nextReview ?? weekEnd.adding(days: 1)) <= weekEnd }.count
            let overdue = openCases.reduce(0) { $0 + $1.overdueActions(asOf: day).count }
            let newOnes = rows.filter { $0.kind == .enter && $0.track != "unexplained_absence" }.count
            let escalations = rows.filter { $0.kind == .escalate }.count
            print("  reviews due within a week: \(reviews); overdue actions: \(overdue); new cases the policy recommends: \(newOnes); escalations: \(escalations)")
            let penalties = roll.filter { school.penaltyEligibility(for: $0.upn, asOf: day).eligible }.count
            if penalties > 0 { print("  penalty notices that may be requested: \(penalties)") }
        }
        let timetables = school.casework.timetables.values.flatMap { $0 }.filter { $0.ends >= day }
        for t in timetables {
            print("Part-time timetable: \(school.pupils[t.upn]?.listName ?? t.upn), ends \(t.ends.spoken), review \(t.reviewOn.spoken)\(t.reviewOn <= day ? " (DUE)" : "")")
        }
        let whole = stats.cohorts(.wholeSchool, of: roll, in: Statistics.yearToDate(day))[0]
        print("")
        print("This year so far: attendance \(percent(whole.figures.attendancePercent))%, persistent absence \(percent(whole.persistentAbsenceRate))% of pupils, severe \(percent(whole.severeAbsenceRate))%")
        print("More: rollcall calls · rollcall caseload · rollcall case show UPN · rollcall stats --by year · rollcall --help")
    }
}

/// `rollcall today --format json`: the same day at a glance, as one object (docs/json-output.md).
enum TodayJSON {
    static func object(_ school: School, on day: SchoolDate, viewer: StaffMember) -> JSONValue {
        let registers: [JSONValue] = school.openSessions(on: day).map { half in
            let marks = school.register.marks(at: Session(day, half))
            let onRoll = school.onRoll(at: Session(day, half))
            let missing = onRoll.filter { marks[$0.upn] == nil }
            var absent: [AttendanceCode: Int] = [:]
            for m in marks.values where m.code.counting.isAbsence || m.code == .lateBeforeClose { absent[m.code, default: 0] += 1 }
            return .object([
                ("session", .string(half.label)),
                ("taken", .bool(!marks.isEmpty)),
                ("on_roll", .int(onRoll.count)),
                ("marked", .int(marks.isEmpty ? 0 : onRoll.count - missing.count)),
                ("groups_not_yet_marked", .array(Set(missing.map(\.registrationGroup)).sorted().map(JSONValue.string))),
                ("absent_or_late", .object(absent.sorted { ($0.value, $1.key.symbol) > ($1.value, $0.key.symbol) }.map { ($0.key.symbol, .int($0.value)) })),
            ])
        }
        let calls: [JSONValue] = school.callingList(on: day).map { e in
            .object([
                ("upn", .string(e.pupil.upn)), ("name", .string(e.pupil.fullName)),
                ("registration_group", .string(e.pupil.registrationGroup)),
                ("vulnerable", .bool(e.vulnerable)), ("days_unexplained", .int(e.daysUnexplained)),
                ("tried_today", .int(e.triedToday.count)), ("next_step", .optional(e.nextSteps.first)),
            ])
        }
        let followUps = school.followUpsDue(on: day).count
        var caseload = JSONValue.null
        if let engine = CaseworkEngine(school: school, asOf: day) {
            let rows = engine.caseload()
            let openCases = school.casework.openCases
            var byStage: [JSONValue] = []
            for track in engine.policy.tracks {
                for stage in track.stages {
                    let n = openCases.filter { $0.track == track.id && $0.stage == stage.id }.count
                    if n > 0 { byStage.append(.object([("track", .string(track.id)), ("stage", .string(stage.id)), ("cases", .int(n))])) }
                }
            }
            let weekEnd = day.adding(days: 7)
            caseload = .object([
                ("policy", .string(engine.policy.name)),
                ("open_cases", .int(openCases.count)),
                ("by_stage", .array(byStage)),
                ("reviews_due_within_a_week", .int(openCases.filter { ($0.nextReview ?? weekEnd.adding(days: 1)) <= weekEnd }.count)),
                ("overdue_actions", .int(openCases.reduce(0) { $0 + $1.overdueActions(asOf: day).count })),
                ("new_cases_recommended", .int(rows.filter { $0.kind == .enter && $0.track != "unexplained_absence" }.count)),
                ("escalations_recommended", .int(rows.filter { $0.kind == .escalate }.count)),
                ("penalty_notices_possible", .int(school.roll.filter { school.penaltyEligibility(for: $0.upn, asOf: day).eligible }.count)),
            ])
        }
        let timetables: [JSONValue] = school.casework.timetables.values.flatMap { $0 }.filter { $0.ends >= day }.map { t in
            .object([("upn", .string(t.upn)), ("name", .optional(school.pupils[t.upn]?.fullName)),
                     ("ends", .string(t.ends.description)), ("review", .string(t.reviewOn.description)), ("review_due", .bool(t.reviewOn <= day))])
        }
        let whole = school.statistics.cohorts(.wholeSchool, of: school.roll, in: Statistics.yearToDate(day))[0]
        return .object([
            ("school", .string(school.name)),
            ("date", .string(day.description)),
            ("school_open", .bool(!school.openSessions(on: day).isEmpty)),
            ("registers", .array(registers)),
            ("absent_no_reason", .array(calls)),
            ("follow_ups_due", .int(followUps)),
            ("caseload", caseload),
            ("part_time_timetables", .array(timetables)),
            ("year_to_date", .object([
                ("attendance_percent", .optional(whole.figures.attendancePercent)),
                ("persistent_absence_percent", .optional(whole.persistentAbsenceRate)),
                ("severe_absence_percent", .optional(whole.severeAbsenceRate)),
            ])),
        ])
    }
}
