/// Everything the school's attendance work reads: its name, calendar, staff, pupils and register.
public struct School: Sendable {
    public var name: String
    public var calendar: SchoolCalendar?
    public private(set) var pupils: [String: Pupil] = [:]
    public var register = Register()
    /// Staff who may use Rollcall, by OS login.
    public var staff: [String: StaffMember] = [:]
    /// The graduated response: policy, cases, contact log.
    public var casework = Casework()
    /// Register times and contact details (the defaults until the head changes them).
    public var settings = SchoolSettings()
    /// Closed registers: session → registration group → closure.
    public internal(set) var registerClosures: [Session: [String: RegisterClosure]] = [:]

    public init(name: String, calendar: SchoolCalendar? = nil) {
        self.name = name
        self.calendar = calendar
    }

    /// Adds a pupil, or replaces the one with the same UPN; true if the pupil changed.
    @discardableResult
    public mutating func upsert(_ pupil: Pupil) -> Bool {
        if pupils[pupil.upn] == pupil { return false }
        pupils[pupil.upn] = pupil
        return true
    }

    /// Loads pupils read from the store (a later duplicate UPN replaces an earlier one).
    public mutating func load(pupils list: [Pupil]) {
        pupils.reserveCapacity(pupils.count + list.count)
        for p in list { pupils[p.upn] = p }
    }

    /// Pupils as registers list them: year group, class, surname, known-as name.
    public var roll: [Pupil] {
        // `rollOrder`, with each name's key (NameOrder.key) made once per pupil rather than at
        // every comparison: the roll is sorted often, and most names are not plain ASCII here.
        pupils.values.map { (pupil: $0, surname: NameOrder.key($0.legalSurname), known: NameOrder.key($0.knownAs)) }.sorted { a, b in
            let (p, q) = (a.pupil, b.pupil)
            if (p.yearGroup, p.registrationGroup) != (q.yearGroup, q.registrationGroup) {
                return (p.yearGroup, p.registrationGroup) < (q.yearGroup, q.registrationGroup)
            }
            if a.surname != b.surname { return a.surname < b.surname }
            if a.known != b.known { return a.known < b.known }
            return (p.legalSurname, p.knownAs, p.upn) < (q.legalSurname, q.knownAs, q.upn)
        }.map(\.pupil)
    }

    /// The order registers list pupils in.
    public static func rollOrder(_ a: Pupil, _ b: Pupil) -> Bool {
        if (a.yearGroup, a.registrationGroup) != (b.yearGroup, b.registrationGroup) {
            return (a.yearGroup, a.registrationGroup) < (b.yearGroup, b.registrationGroup)
        }
        // Names in the school's order (NameOrder), not code points.
        let surnames = NameOrder.compare(a.legalSurname, b.legalSurname)
        if surnames != 0 { return surnames < 0 }
        let known = NameOrder.compare(a.knownAs, b.knownAs)
        if known != 0 { return known < 0 }
        return (a.legalSurname, a.knownAs, a.upn) < (b.legalSurname, b.knownAs, b.upn)
    }

    public var statistics: Statistics { Statistics(register: register, calendar: calendar) }
}
