import Attendance

/// Builds a whole fictional school, deterministic for a seed: pupils, contacts, a calendar
/// for each year, and marks. Used by `rollcall demo`, the first-run demo school and the
/// benchmark.
public struct SchoolGenerator {
    public var name = "Demo Primary School"
    public var pupils = 210
    /// Academic years of marks, ending with the year of `asOf`.
    public var years = 1
    public var seed: UInt64 = 1
    public var asOf: SchoolDate
    /// The policy the school uses; casework is generated only with one.
    public var policy: Policy?
    /// Contact-log entries to make (nil: one set of calls for each absence this year).
    public var contactEntries: Int?
    /// The demo school's particular pupils: open N today, dual registration, a part-time timetable.
    public var demoDetails = false
    /// The as-of date's registers already taken: its morning by default. A demo made before
    /// the morning register closes leaves the day's registers for the secretary to take
    /// (`takingRegistersClosed(by:)`).
    public var takenOnTheDay: Set<SessionHalf> = [.am]

    /// Takes on the as-of date only the registers that have closed by `time` (the school's
    /// register times): at 09:05 none, so the first run has the morning's registers to take.
    public mutating func takingRegistersClosed(by time: ClockTime, times: RegisterTimes = RegisterTimes()) {
        takenOnTheDay = Set(SessionHalf.allCases.filter { times.isClosed($0, at: time) })
    }

    /// This year's bands by quota, so every school has real proportions: about 1 in 7
    /// persistently absent, two or three severely absent in a primary, and more pupils with
    /// some absence (90–97%) than persistent absentees, so that casework is a pyramid: most
    /// cases at the first step, fewest at the last.
    func currentYearBands(count: Int) -> [MarkGenerator.Band] {
        var rng = SeededRandom(seed: seed, 5)
        let order = (0..<count).shuffled(using: &rng)
        let severe = max(2, Int((Double(count) * 0.012).rounded()))
        let persistent = Int((Double(count) * 0.10).rounded())
        let moderate = Int((Double(count) * 0.36).rounded())
        var bands = [MarkGenerator.Band](repeating: .good, count: count)
        for (rank, i) in order.enumerated() {
            bands[i] = rank < severe ? .severe : rank < severe + persistent ? .persistent : rank < severe + persistent + moderate ? .moderate : .good
        }
        return bands
    }

    public init(asOf: SchoolDate) { self.asOf = asOf }

    /// Primary (Reception–Year 6) up to 630 pupils, secondary (Years 7–11) above.
    public var yearGroups: [YearGroup] { pupils <= 630 ? (0...6).map(YearGroup.init) : (7...11).map(YearGroup.init) }

    /// Called with the fraction done, for a progress bar.
    public func generate(progress: (Double) -> Void = { _ in }) -> School {
        let current = AcademicYear(containing: asOf)
        let academicYears = (0..<max(1, years)).map { AcademicYear(startYear: current.startYear - $0) }.reversed()
        var school = School(name: name, calendar: CalendarGenerator.calendar(for: Array(academicYears)))
        let perForm = yearGroups.count * 30
        let forms = max(1, (pupils + perForm - 1) / perForm)
        let roll = PupilGenerator.pupils(count: pupils, yearGroups: yearGroups, formsPerYear: forms, asOf: asOf, seed: seed)
        for p in roll { school.upsert(p) }
        var generator = MarkGenerator(days: SchoolDays(calendar: school.calendar, register: Register()), asOf: asOf)
        generator.takenOnTheDay = takenOnTheDay
        let bands = currentYearBands(count: roll.count)
        for (i, pupil) in roll.enumerated() {
            for year in academicYears {
                var rng = SeededRandom(seed: seed, 2, i, year.startYear)
                let profile = MarkGenerator.profile(&rng, year: year, band: year == current ? bands[i] : nil)
                for (session, mark) in generator.marks(for: year, profile: profile, rng: &rng) {
                    school.register.record(mark, for: pupil.upn, at: session)
                }
            }
            if i % 50 == 0 { progress(0.7 * Double(i) / Double(roll.count)) }
        }
        if demoDetails { addDemoDetails(to: &school, roll: roll, bands: bands) }
        let staff = Self.staff
        for s in staff.all { school.staff[s.login] = s }
        // A letterhead, so the demo's letters look like a school's (fictional: .example, Ofcom's drama numbers).
        school.settings.address = "1 School Lane, Leeds, LS6 1AA"
        school.settings.phone = "0113 496 0000"
        school.settings.email = "office@demo-school.example"
        school.settings.headName = staff.head.name
        guard let policy else { progress(1); return school }
        school.casework.policy = policy
        var casework = CaseworkGenerator(school: school, asOf: asOf, seed: seed, fsw: staff.fsw, office: staff.office, head: staff.head)
        casework.absenceCalls(years: contactEntries == nil ? [current] : Array(academicYears.reversed()), limit: contactEntries)
        progress(0.85)
        casework.reviewCycles()
        progress(1)
        return casework.school
    }

    /// The fictional staff of a generated school, one for each role.
    public static let staff = (head: StaffMember(login: "demo.head", name: "Mrs Adaeze Okafor", role: .head, isDSL: true),
                               fsw: StaffMember(login: "demo.fsw", name: "Ms Siân Pritchard", role: .attendance, isDSL: true),
                               office: StaffMember(login: "demo.office", name: "Mr Tomasz Nowak", role: .office),
                               all: [StaffMember(login: "demo.head", name: "Mrs Adaeze Okafor", role: .head, isDSL: true),
                                     StaffMember(login: "demo.fsw", name: "Ms Siân Pritchard", role: .attendance, isDSL: true),
                                     StaffMember(login: "demo.office", name: "Mr Tomasz Nowak", role: .office)])
}
