import Attendance
import Foundation

/// Fast reading of `casework.json`: cases and meetings (thousands in a large school) field by
/// field; the policy and the small lists through `JSONDecoder` from their raw bytes. Accepts
/// exactly what `JSONEncoder` writes for `Snapshot.CaseworkFile` (a test pins the round trip).
extension SnapshotReaders {
    static func casework(_ data: [UInt8], file: String, into cw: inout Casework) throws {
        do {
            var version = 0
            try JSONReader.read(data) { r in
                try r.fields { key in
                    switch key {
                    case "schemaVersion": version = try r.int()
                    case "policy": if try !r.null() { cw.policy = try decodeRaw(Policy.self, r, file) }
                    case "cases": try r.array { cw.put(try caseFile(r)) }
                    case "meetings": try r.array { cw.put(try meeting(r)) }
                    case "timetables": for t in try decodeRaw([PartTimeTimetable].self, r, file) { cw.put(t) }
                    case "interventions": for i in try decodeRaw([Intervention].self, r, file) { cw.put(i) }
                    case "penaltyNotices": for p in try decodeRaw([PenaltyNoticeRequest].self, r, file) { cw.put(p) }
                    default: try r.skip()
                    }
                }
            }
            try JSONFile.checkVersion(version, file: file)
        } catch let e as JSONReader.Malformed {
            throw StoreError(file: file, "is damaged: invalid JSON (\(e)); restore it from a backup (nothing was changed)")
        }
    }

    private static func decodeRaw<T: Decodable>(_ type: T.Type, _ r: JSONReader, _ file: String) throws -> T {
        try JSONFile.decode(type, from: Data(try r.rawValue()), file: file)
    }

    private static func caseFile(_ r: JSONReader) throws -> CaseFile {
        var upn: String?, track: String?, stage: String?, opened: SchoolDate?, next: SchoolDate?
        var history: [StageChange] = [], actions: [CaseAction] = []
        try r.fields { key in
            switch key {
            case "upn": upn = try r.string()
            case "track": track = try r.string()
            case "stage": stage = try r.optionalString()
            case "openedOn": opened = try r.date()
            case "nextReview": next = try r.optionalDate()
            case "history": try r.array { history.append(try stageChange(r)) }
            case "actions": try r.array { actions.append(try action(r)) }
            default: try r.skip()
            }
        }
        guard let upn, let track, let opened else { throw r.fail("a case is missing its pupil, track or opening date") }
        var file = CaseFile(upn: upn, track: track, openedOn: opened)
        file.stage = stage
        file.nextReview = next
        file.history = history
        file.actions = actions
        return file
    }

    private static func stageChange(_ r: JSONReader) throws -> StageChange {
        var decision: StageChange.Decision?, from: String?, to: String?, on: SchoolDate?, by = "", reason = ""
        var figures: CaseFigures?, recommended: String?
        try r.fields { key in
            switch key {
            case "decision":
                let text = try r.string()
                guard let d = StageChange.Decision(rawValue: text) else { throw r.fail("unknown decision \"\(text)\"") }
                decision = d
            case "from": from = try r.optionalString()
            case "to": to = try r.optionalString()
            case "on": on = try r.date()
            case "by": by = try r.string()
            case "reason": reason = try r.string()
            case "recommended": recommended = try r.optionalString()
            case "figures": figures = try caseFigures(r)
            default: try r.skip()
            }
        }
        guard let decision, let on, let figures else { throw r.fail("a stage change is missing its decision, date or figures") }
        return StageChange(decision: decision, from: from, to: to, on: on, by: by, reason: reason, figures: figures, recommended: recommended)
    }

    private static func caseFigures(_ r: JSONReader) throws -> CaseFigures {
        var f = CaseFigures(attendancePercent: nil, unauthorisedSessions10Weeks: 0, latesHalfTerm: 0, consecutiveUnexplainedDays: 0, absenceDays: 0)
        try r.fields { key in
            switch key {
            case "attendancePercent": f.attendancePercent = try r.null() ? nil : try r.double()
            case "unauthorisedSessions10Weeks": f.unauthorisedSessions10Weeks = try r.int()
            case "latesHalfTerm": f.latesHalfTerm = try r.int()
            case "consecutiveUnexplainedDays": f.consecutiveUnexplainedDays = try r.int()
            case "absenceDays": f.absenceDays = try r.double()
            default: try r.skip()
            }
        }
        return f
    }

    private static func action(_ r: JSONReader) throws -> CaseAction {
        var id = "", kind = "", description = "", owner = "", template: String?, due: SchoolDate?, doneOn: SchoolDate?, doneBy: String?
        try r.fields { key in
            switch key {
            case "id": id = try r.string()
            case "kind": kind = try r.string()
            case "description": description = try r.string()
            case "owner": owner = try r.string()
            case "template": template = try r.optionalString()
            case "due": due = try r.date()
            case "doneOn": doneOn = try r.optionalDate()
            case "doneBy": doneBy = try r.optionalString()
            default: try r.skip()
            }
        }
        guard let due else { throw r.fail("an action is missing its due date") }
        return CaseAction(id: id, kind: kind, description: description, template: template, owner: owner, due: due, doneOn: doneOn, doneBy: doneBy)
    }

    private static func meeting(_ r: JSONReader) throws -> Meeting {
        var m = Meeting(upn: "", on: SchoolDate(dayNumber: 0), attendees: [])
        var haveDate = false
        try r.fields { key in
            switch key {
            case "id": m.id = try r.string()
            case "upn": m.upn = try r.string()
            case "track": m.track = try r.optionalString()
            case "on": m.on = try r.date(); haveDate = true
            case "by": m.by = try r.string()
            case "attendees": m.attendees = try r.strings()
            case "goingWell": m.goingWell = try r.string()
            case "concerns": m.concerns = try r.string()
            case "wellbeingGoals": m.wellbeingGoals = try r.string()
            case "agreedActions": m.agreedActions = try r.strings()
            case "nextReview": m.nextReview = try r.optionalDate()
            case "isActionPlan": m.isActionPlan = try r.bool()
            case "sensitive": m.sensitive = try r.null() ? nil : try r.bool()
            case "heldApart": m.heldApart = try r.null() ? nil : try r.bool()
            case "target":
                if try !r.null() {
                    var percent = 0.0, weeks = 0
                    try r.fields { k in
                        switch k {
                        case "percent": percent = try r.double()
                        case "overSchoolWeeks": weeks = try r.int()
                        default: try r.skip()
                        }
                    }
                    m.target = AttendanceTarget(percent: percent, overSchoolWeeks: weeks)
                }
            default: try r.skip()
            }
        }
        guard haveDate, !m.upn.isEmpty else { throw r.fail("a meeting is missing its pupil or date") }
        return m
    }
}
