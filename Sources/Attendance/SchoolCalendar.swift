/// An inclusive range of days.
public struct DateRange: Hashable, Sendable, Codable, CustomStringConvertible {
    public var start: SchoolDate
    public var end: SchoolDate

    public init(_ start: SchoolDate, _ end: SchoolDate) {
        self.start = start
        self.end = end
    }

    public func contains(_ date: SchoolDate) -> Bool { date >= start && date <= end }
    public var dayCount: Int { max(0, start.days(until: end) + 1) }
    public var description: String { "\(start) to \(end)" }

    public var days: [SchoolDate] {
        (0..<dayCount).map { start.adding(days: $0) }
    }
}

/// A term and the half-term break inside it.
public struct Term: Hashable, Sendable, Codable {
    public var name: String
    public var dates: DateRange
    public var halfTerm: DateRange?

    public init(name: String, dates: DateRange, halfTerm: DateRange? = nil) {
        self.name = name
        self.dates = dates
        self.halfTerm = halfTerm
    }
}

/// A day (or one session of it) the school is closed within a term: INSET, bank holidays.
public struct Closure: Hashable, Sendable, Codable {
    public var date: SchoolDate
    /// Nil closes both sessions.
    public var half: SessionHalf?
    public var reason: String

    public init(date: SchoolDate, half: SessionHalf? = nil, reason: String) {
        self.date = date
        self.half = half
        self.reason = reason
    }
}

/// The school's published calendar. Where it has no terms for a date, the school's open
/// sessions are inferred from the register instead (see `SchoolDays`).
public struct SchoolCalendar: Hashable, Sendable, Codable {
    public var terms: [Term]
    public var closures: [Closure]

    public init(terms: [Term] = [], closures: [Closure] = []) {
        self.terms = terms
        self.closures = closures
    }

    /// The academic years the calendar has terms in.
    public var academicYears: Set<AcademicYear> {
        Set(terms.map { AcademicYear(containing: $0.dates.start) })
    }

    /// Asked for every mark an import checks: compares days, building no set.
    public func covers(_ date: SchoolDate) -> Bool {
        let year = AcademicYear(containing: date)
        let first = year.firstDay, last = year.lastDay
        return terms.contains { $0.dates.start >= first && $0.dates.start <= last }
    }

    /// The first and last academic years (by starting year) the calendar has terms in.
    public var academicYearSpan: ClosedRange<Int>? {
        var low = Int.max, high = Int.min
        for t in terms {
            let y = AcademicYear(containing: t.dates.start).startYear
            low = min(low, y)
            high = max(high, y)
        }
        return terms.isEmpty ? nil : low...high
    }

    public func term(containing date: SchoolDate) -> Term? {
        terms.first { $0.dates.contains(date) }
    }

    public func isOpen(_ session: Session) -> Bool {
        let date = session.date
        guard !date.isWeekend, let term = term(containing: date) else { return false }
        if let ht = term.halfTerm, ht.contains(date) { return false }
        return !closures.contains { $0.date == date && ($0.half == nil || $0.half == session.half) }
    }

    /// Why a session the calendar covers has no register ("a Saturday", "the half-term
    /// holiday", "a closure: INSET day"); nil when it is open or the calendar has no terms
    /// for its year (then the register alone says which sessions were open).
    public func whyClosed(_ session: Session) -> String? {
        guard covers(session.date), !isOpen(session) else { return nil }
        let date = session.date
        if date.isWeekend { return date.weekday == .saturday ? "a Saturday" : "a Sunday" }
        guard let term = term(containing: date) else { return "in the school holidays" }
        if let ht = term.halfTerm, ht.contains(date) { return "in the half-term holiday" }
        let closure = closures.first { $0.date == date && ($0.half == nil || $0.half == session.half) }
        return "a closure" + (closure.map { ": \($0.reason)" } ?? "")
    }

    /// The half-term (the part of a term either side of its break) containing a date, for
    /// "lates this half-term" measures.
    public func halfTermPeriod(containing date: SchoolDate) -> DateRange? {
        guard let term = term(containing: date) else { return nil }
        guard let ht = term.halfTerm else { return term.dates }
        if date < ht.start { return DateRange(term.dates.start, ht.start.adding(days: -1)) }
        if date > ht.end { return DateRange(ht.end.adding(days: 1), term.dates.end) }
        return nil
    }
}
