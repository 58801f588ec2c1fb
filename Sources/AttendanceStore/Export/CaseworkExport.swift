import Attendance
import Foundation

extension Export {
    /// Everything a school holds besides its pupils and marks, as one JSON document with its
    /// keys sorted and its lists in a fixed order: the staff list, settings, calendar,
    /// policy, closed registers, cases, the contact log (sensitive words where this login may
    /// read them), meetings, timetables, interventions and penalty-notice requests. Two
    /// stores holding the same school export the same bytes (`rollcall store move` checks so).
    public static func caseworkJSON(_ school: School) -> String {
        let cw = school.casework
        func flat<T>(_ table: [String: [T]]) -> [T] { table.keys.sorted().flatMap { table[$0]! } }
        let doc = CaseworkDocument(
            school: school.name,
            staff: school.staff.keys.sorted().map { school.staff[$0]! },
            settings: school.settings, calendar: school.calendar, policy: cw.policy,
            closedRegisters: school.allRegisterClosures.map { .init(group: $0.group, session: $0.session.storageKey, by: $0.by) },
            cases: cw.cases.keys.sorted().map { cw.cases[$0]! },
            contacts: flat(cw.contacts), meetings: flat(cw.meetings), timetables: flat(cw.timetables),
            interventions: flat(cw.interventions), penaltyNotices: flat(cw.penaltyNotices))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(doc)) ?? Data("{}".utf8), as: UTF8.self) + "\n"
    }

    private struct CaseworkDocument: Encodable {
        struct Closure: Encodable { var group: String; var session: String; var by: String }
        var school: String
        var staff: [StaffMember]
        var settings: SchoolSettings
        var calendar: SchoolCalendar?
        var policy: Policy?
        var closedRegisters: [Closure]
        var cases: [CaseFile]
        var contacts: [ContactLogEntry]
        var meetings: [Meeting]
        var timetables: [PartTimeTimetable]
        var interventions: [Intervention]
        var penaltyNotices: [PenaltyNoticeRequest]
    }
}
