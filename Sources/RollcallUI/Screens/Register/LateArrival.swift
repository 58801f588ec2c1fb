import Attendance

/// The late slip: when the pupil arrived and why. Before the register closes it is `L` with
/// the minutes late; after, `U` (the school's register times decide, not the screen).
public struct LateArrivalForm: Sendable {
    public var upn: String
    public var group: String
    public var session: Session
    public var time: TextField
    public var reason = TextField()
    /// 0: the time, 1: the reason.
    public var focus = 0
    /// The time is still the one filled in: typing replaces it rather than adding to it.
    public var timeFilledIn = true

    init(upn: String, group: String, session: Session, now: Int) {
        self.upn = upn
        self.group = group
        self.session = session
        time = TextField(AppContext.clock(now))
    }

    var hasTypedText: Bool { !reason.isEmpty }

    /// The mark the slip comes to, or why it cannot be worked out yet. `now`: minutes since
    /// midnight on `today`; a pupil cannot have arrived later than that.
    func mark(in school: School, today: SchoolDate, now: Int) -> Result<Mark, LateArrivalProblem> {
        guard let arrived = ClockTime(parsing: time.text) else {
            return .failure(LateArrivalProblem(text: "Type the time as HH:MM, e.g. 09:32"))
        }
        if session.date > today || (session.date == today && arrived.minutesSinceMidnight > now) {
            return .failure(LateArrivalProblem(text: "\(arrived) is later than now (\(AppContext.clock(now))): type the time the pupil arrived"))
        }
        let times = school.settings.registerTimes
        return .success(times.lateMark(arrivedAt: arrived, half: session.half, reason: reason.isEmpty ? nil : reason.text))
    }
}

public struct LateArrivalProblem: Error, Hashable, Sendable { public var text: String }

extension AppState {
    mutating func openLateArrival(_ r: RegisterScreen) -> [Effect] {
        guard let upn = r.selectedUPN else { return [] }
        overlay = .lateArrival(LateArrivalForm(upn: upn, group: r.group, session: r.session, now: context.minutes))
        return []
    }

    mutating func lateArrivalKey(_ key: Key, _ f: inout LateArrivalForm) -> [Effect] {
        switch Bindings.command(for: key, on: .lateArrival) {
        case .nextField?, .previousField?:
            f.focus = 1 - f.focus
            return []
        case .cancel?:
            if f.hasTypedText {
                overlay = .dialog(Dialog(.discardLateArrival(f), title: "Throw away the late slip?",
                                         lines: ["You typed a reason. Leave without recording the late arrival?"], keys: .discard))
            } else {
                overlay = nil
            }
            return []
        case .saveForm?:
            switch f.mark(in: school, today: context.today, now: context.minutes) {
            case .failure(let problem):
                status = StatusLine(problem.text, .warning)
                return []
            case .success(let mark):
                overlay = nil
                let change = MarkChange.typed(upn: f.upn, session: f.session, mark: mark, shown: shownMark(for: f.upn, at: f.session))
                let name = school.pupils[f.upn]?.knownAs ?? f.upn
                status = StatusLine(mark.minutesLate == nil ? "\(name): \(mark.code.symbol), present (there when the register opened)"
                                    : "\(name): \(mark.code.symbol), \(plural(mark.minutesLate ?? 0, "minute")) late")
                // The late slip is the reason: after the close this is an amendment, and
                // the time and the slip's reason are what the audit trail should say.
                let slip = "late arrival at \(f.time.text)" + (f.reason.isEmpty ? "" : ": \(f.reason.text)")
                return send(Transaction([.mark(change)], reason: slip), for: .marks(group: f.group, session: f.session))
            }
        default:
            if f.focus == 0 {
                // The first character typed replaces the time filled in; an edit keeps it.
                if f.timeFilledIn, key.typed != nil { f.time = TextField() }
                f.timeFilledIn = false
                _ = f.time.handle(key)
            } else {
                _ = f.reason.handle(key)
            }
            return []
        }
    }
}
