/// Dates a person could not have meant: a mark in 1900 or 2099 (a typo, a spreadsheet's
/// default date) added a year to the register and to every figure over it; a note or a
/// decision dated decades ahead sat at the top of every chronology. (Issue 21, item 8.)
extension School {
    /// The academic years (by their starting year) a mark may fall in without `--allow-date`:
    /// every year the calendar has terms in or the register has marks in, and one either side.
    /// Nil while the school holds no year at all (a new store takes its first year from its
    /// first import).
    public var yearsForMarks: ClosedRange<Int>? {
        let years = (calendar?.academicYears.map(\.startYear) ?? []) + register.academicYears.map(\.startYear)
        guard let first = years.min(), let last = years.max() else { return nil }
        return (first - 1)...(last + 1)
    }

    /// A mark outside `yearsForMarks` is refused unless the transaction allows any date, which
    /// needs a reason (it is kept in the audit trail).
    func checkDate(_ m: MarkChange, allowingAnyDate: Bool, hasReason: Bool) throws(ChangeRefused) {
        guard m.mark != nil, let years = yearsForMarks else { return }
        let year = m.session.academicYear
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
