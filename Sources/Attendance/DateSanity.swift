/// Dates a person could not have meant: a mark in 1900 or 2099 (a typo, a spreadsheet's
/// default date) added a year to the register and to every figure over it; a note or a
/// decision dated decades ahead sat at the top of every chronology. (Issue 21, item 8.)
extension School {
    /// The academic years (by their starting year) a mark may fall in without `--allow-date`:
    /// every year the calendar has terms in or the register has marks in, and one either side.
    /// Nil while the school holds no year at all (a new store takes its first year from its
    /// first import).
    /// Worked out for every mark an import checks, so it builds no set or array.
    public var yearsForMarks: ClosedRange<Int>? {
        let span = calendar?.academicYearSpan
        var first = span?.lowerBound ?? Int.max
        var last = span?.upperBound ?? Int.min
        if let low = register.openMarkCounts.keys.min(), let high = register.openMarkCounts.keys.max() {
            first = min(first, low.startYear)
            last = max(last, high.startYear)
        }
        guard first <= last else { return nil }
        return (first - 1)...(last + 1)
    }

    /// A mark outside `yearsForMarks` is refused unless the transaction allows any date, which
    /// needs a reason (it is kept in the audit trail).
    func checkDate(_ m: MarkChange, allowingAnyDate: Bool, hasReason: Bool) throws(ChangeRefused) {
        guard m.mark != nil else { return }
        let year = m.session.academicYear
        // Most marks fall in a year the school holds: said without working out the range
        // (an import asks this for each of 600,000 marks).
        if register.openMarkCounts[year] != nil || calendar?.covers(m.session.date) == true { return }
        guard let years = yearsForMarks else { return }
        guard !years.contains(year.startYear) else { return }
        if allowingAnyDate {
            guard hasReason else { throw ChangeRefused(.needsReason, "a mark outside the school's years (--allow-date) needs a reason") }
            return
        }
        let held = "\(AcademicYear(startYear: years.lowerBound + 1)) to \(AcademicYear(startYear: years.upperBound - 1))"
        throw ChangeRefused(.invalid, "\(m.upn) \(m.session) is in \(year), outside the years this school's calendar and register hold (\(held)) and the year either side; if the date is right, give --allow-date with a reason")
    }

    /// A note, a meeting or a decision more than a year after `today` is refused.
    func checkNotTooFarAhead(_ t: Transaction, today: SchoolDate?) throws(ChangeRefused) {
        guard let today else { return }
        let limit = today.adding(days: 366)
        func check(_ date: SchoolDate, _ what: String) throws(ChangeRefused) {
            if date > limit { throw ChangeRefused(.invalid, "\(what) is dated \(date), more than a year ahead of today (\(today)); check the date") }
        }
        for change in t.changes {
            switch change {
            case .contact(let e): try check(e.on, "the \(e.kind.rawValue.replacingUnderscores()) about \(e.upn)")
            case .meeting(let m): try check(m.on, "the meeting about \(m.upn)")
            case .caseDecision(let d): try check(d.change.on, "the decision about \(d.upn)")
            default: break
            }
        }
    }
}
