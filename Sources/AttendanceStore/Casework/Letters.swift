import Attendance
import Foundation
import Mustache
import RollcallData

/// Renders the letters in `Data/letters` for a pupil, with their figures as of a date.
public enum Letters {
    public struct Details {
        public var meetingDate: SchoolDate?
        public var reviewDate: SchoolDate?
        public var target: AttendanceTarget?
        public init(meetingDate: SchoolDate? = nil, reviewDate: SchoolDate? = nil, target: AttendanceTarget? = nil) {
            self.meetingDate = meetingDate
            self.reviewDate = reviewDate
            self.target = target
        }
    }

    public static var templateIDs: [String] { RollcallData.letterTemplates().keys.sorted() }

    /// A template's text as written in `Data/letters`, nil if there is none.
    public static func templateText(_ id: String) -> String? { RollcallData.letterTemplates()[id] }

    public static func render(_ templateID: String, school: School, upn: String, asOf date: SchoolDate,
                              signedBy: StaffMember, details: Details = Details()) throws -> String {
        guard let text = RollcallData.letterTemplates()[templateID] else {
            throw ChangeRefused(.notFound, "no letter template \"\(templateID)\" (there are: \(templateIDs.joined(separator: ", ")))")
        }
        guard let pupil = school.pupils[upn] else { throw ChangeRefused(.notFound, "no pupil with UPN \(upn)") }
        let stats = school.statistics
        let m = PupilMeasures(upn: upn, pupil: pupil, asOf: date, statistics: stats)
        let parents = pupil.contacts.filter(\.parentalResponsibility).map(\.name)
        var context: [String: Any] = [
            "school": school.name,
            "date": date.spoken,
            "parents": parents.isEmpty ? "Parent/Carer" : parents.joined(separator: " and "),
            "child": pupil.knownAs,
            "childFull": pupil.fullName,
            "attendance": PercentText.attendance(m.yearToDate),
            "sessionsMissed": Counted.of(m.yearToDate.absent, "session"),
            "daysMissed": Counted.days(m.absenceDays),
            "latesHalfTerm": m.latesHalfTerm,
            "latesHalfTermTimes": Counted.of(m.latesHalfTerm, "time"),
            "latesHalfTermArrivals": Counted.of(m.latesHalfTerm, "late arrival"),
            "unauthorised": m.recentUnauthorised.total,
            "signedBy": signedBy.name,
            "role": roleTitle(signedBy.role),
        ]
        if let d = details.meetingDate { context["meetingDate"] = d.spoken }
        if let d = details.reviewDate { context["reviewDate"] = d.spoken }
        if let t = details.target { context["target"] = t.description }
        if let first = stats.firstDayOfUnexplainedRun(for: upn, asOf: date) {
            context["absentSince"] = first.spoken
        }
        let template = try MustacheTemplate(string: text)
        return template.render(context)
    }

    static func roleTitle(_ role: StaffRole) -> String {
        switch role {
        case .head: return "Head teacher"
        case .attendance: return "Family support worker"
        case .office: return "School office"
        }
    }

}
