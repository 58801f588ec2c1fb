import Attendance

extension AppState {
    /// Text typed into a form or dialog that leaving would throw away (Ctrl-C asks first).
    var hasTypedText: Bool {
        switch overlay {
        case .commandLine: return false
        case .dialog(let d): return d.field?.isEmpty == false
        case .lateArrival(let f): return f.hasTypedText
        case .callOutcome(let f): return !f.note.isEmpty || !f.reason.isEmpty
        case .penalty(let f): return !f.reason.isEmpty || !f.supportNotAppropriate.isEmpty
        case .registerTimes(let f):
            let t = school.settings.registerTimes
            return f.fields.map(\.text) != [t.amOpens, t.amCloses, t.pmOpens, t.pmCloses].map(\.description)
        case nil:
            if case .log(let f) = screen { return f.hasTypedText }
            return false
        }
    }
}
