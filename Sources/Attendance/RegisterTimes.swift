/// When the morning and afternoon registers open and close: a school setting, the same
/// for every day. A pupil who arrives by the close time is late (`L`, present); after it,
/// `U` (unauthorised absence).
public struct RegisterTimes: Hashable, Sendable, Codable {
    public var amOpens: ClockTime
    public var amCloses: ClockTime
    public var pmOpens: ClockTime
    public var pmCloses: ClockTime

    /// AM 08:40–09:15, PM 13:00–13:30.
    public init(amOpens: ClockTime = ClockTime(hour: 8, minute: 40)!, amCloses: ClockTime = ClockTime(hour: 9, minute: 15)!,
                pmOpens: ClockTime = ClockTime(hour: 13, minute: 0)!, pmCloses: ClockTime = ClockTime(hour: 13, minute: 30)!) {
        self.amOpens = amOpens
        self.amCloses = amCloses
        self.pmOpens = pmOpens
        self.pmCloses = pmCloses
    }

    public func opens(_ half: SessionHalf) -> ClockTime { half == .am ? amOpens : pmOpens }
    public func closes(_ half: SessionHalf) -> ClockTime { half == .am ? amCloses : pmCloses }

    /// What is wrong with these times, or nil: each register opens before it closes, and the
    /// morning register closes no later than the afternoon one opens.
    public var problem: String? {
        if amOpens >= amCloses { return "the AM register must open before it closes (opens \(amOpens), closes \(amCloses))" }
        if pmOpens >= pmCloses { return "the PM register must open before it closes (opens \(pmOpens), closes \(pmCloses))" }
        if amCloses > pmOpens { return "the AM register must close (\(amCloses)) no later than the PM register opens (\(pmOpens))" }
        return nil
    }

    /// The mark for a pupil who arrived late: `L` if they arrived by the register's close
    /// time (exactly at it counts), `U` after it; either way with the minutes late counted
    /// from when the register opened (0 if they came before it opened), and the late-slip
    /// reason as the mark's comment.
    public func lateMark(arrivedAt arrival: ClockTime, half: SessionHalf, reason: String?) -> Mark {
        let comment = reason?.trimmingSpaces()
        let kept = comment?.isEmpty == false ? comment : nil
        // There by the time the register opens: not late at all.
        if arrival <= opens(half) { return Mark(.present(for: half), comment: kept) }
        let code: AttendanceCode = arrival <= closes(half) ? .lateBeforeClose : .lateAfterClose
        return Mark(code, minutesLate: arrival.minutes(since: opens(half)), comment: kept)
    }

    /// The session a time of day belongs to: AM before 12:00, PM from then on.
    public func defaultHalf(at time: ClockTime) -> SessionHalf {
        time < ClockTime(hour: 12, minute: 0)! ? .am : .pm
    }

    /// True once the register's close time has passed (a minute after it).
    public func isClosed(_ half: SessionHalf, at time: ClockTime) -> Bool {
        time > closes(half)
    }
}
