import Attendance

/// `:settings`: the head changes when the registers open and close. The same setting as
/// `rollcall settings`, checked by the same rule, recorded and audited the same way.
public struct RegisterTimesForm: Sendable {
    public static let labels = ["Morning register opens", "Morning register closes", "Afternoon register opens", "Afternoon register closes"]
    public var fields: [TextField]
    public var focus = 0

    init(_ times: RegisterTimes) {
        fields = [times.amOpens, times.amCloses, times.pmOpens, times.pmCloses].map { TextField($0.description) }
    }

    /// The times typed, or what is wrong with them.
    func times() -> Result<RegisterTimes, LateArrivalProblem> {
        var parsed: [ClockTime] = []
        for (i, f) in fields.enumerated() {
            guard let t = ClockTime(parsing: f.text) else {
                return .failure(LateArrivalProblem(text: "\(RegisterTimesForm.labels[i]): \"\(f.text)\" is not a time; use \(ClockTime.acceptedForm)"))
            }
            parsed.append(t)
        }
        let times = RegisterTimes(amOpens: parsed[0], amCloses: parsed[1], pmOpens: parsed[2], pmCloses: parsed[3])
        if let problem = times.problem { return .failure(LateArrivalProblem(text: problem)) }
        return .success(times)
    }
}

extension AppState {
    mutating func openRegisterTimes() -> [Effect] {
        guard context.staff.may(.changeSettings) else {
            status = StatusLine("Only the head can change the register times (you are \(context.staff.role.rawValue) staff)", .warning)
            return []
        }
        overlay = .registerTimes(RegisterTimesForm(school.settings.registerTimes))
        return []
    }

    mutating func registerTimesKey(_ key: Key, _ f: inout RegisterTimesForm) -> [Effect] {
        switch Bindings.command(for: key, on: .registerTimes) {
        case .nextField?: f.focus = (f.focus + 1) % f.fields.count
        case .previousField?: f.focus = (f.focus + f.fields.count - 1) % f.fields.count
        case .cancel?:
            overlay = nil
            status = StatusLine("Register times not changed")
        case .saveForm?:
            switch f.times() {
            case .failure(let problem):
                status = StatusLine(problem.text, .warning)
            case .success(let times):
                overlay = nil
                var settings = school.settings
                settings.registerTimes = times
                status = StatusLine("Register times: AM \(times.amOpens)–\(times.amCloses), PM \(times.pmOpens)–\(times.pmCloses)", .good)
                return send(Transaction([.settings(settings)]), for: .settings)
            }
        default:
            _ = f.fields[f.focus].handle(key)
        }
        return []
    }

    func drawRegisterTimes(_ f: RegisterTimesForm, _ g: inout Grid) {
        let preview: String
        switch f.times() {
        case .success: preview = "A pupil arriving by the close time is L; after it, U."
        case .failure(let p): preview = p.text
        }
        let area = drawBox(title: "Register times", lines: [preview, ""], hints: Bindings.hints(for: .registerTimes), &g, extraRows: f.fields.count)
        for (i, field) in f.fields.enumerated() {
            g.put(fit(RegisterTimesForm.labels[i], 27), x: area.x, y: area.y + i, style: i == f.focus ? .title : .dim)
            if i == f.focus { field.draw(into: &g, x: area.x + 27, y: area.y + i, width: 8) } else { g.put(field.text, x: area.x + 27, y: area.y + i) }
        }
    }
}

extension RegisterTimesForm: CommandSource {
    static var commands: [AppCommand] {
        [AppCommand("settings", "Change when the registers open and close (the head)") { s, _ in s.openRegisterTimes() }]
    }
}
