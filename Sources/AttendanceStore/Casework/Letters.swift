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

    /// Renders a letter. `details` gives the meeting date, review date and target; any of
    /// them not given comes from the pupil's latest meeting (on or before `date`; its date
    /// only for a meeting not yet held, so an invitation never names one that is past). A
    /// variable the template uses outside a section on it (`{{#x}}…{{/x}}`) with no value is
    /// an error naming it: no letter goes out with a blank.
    public static func render(_ templateID: String, school: School, upn: String, asOf date: SchoolDate,
                              signedBy: StaffMember, details: Details? = nil) throws -> String {
        let text = try text(of: templateID)
        let context = try context(school: school, upn: upn, asOf: date, signedBy: signedBy, details: details, template: templateID)
        let missing = requiredVariables(in: text).filter { context[$0] == nil }
        if !missing.isEmpty {
            throw ChangeRefused(.invalid, "letter \"\(templateID)\" needs \(missing.map { "{{\($0)}}" }.joined(separator: ", ")), "
                                + "which \(missing.count == 1 ? "has" : "have") no value for \(upn) on \(date.spoken)")
        }
        // Letters are plain text (and PDF from it): "Mr & Mrs O'Brien", never HTML entities.
        let template = try MustacheTemplate(string: "{{% CONTENT_TYPE: TEXT}}" + text)
        return template.render(context)
    }

    /// Every variable the template uses (in `{{x}}` or as a section `{{#x}}`, `{{^x}}`) that
    /// has no value for this pupil: for a pupil with a full case, none should.
    public static func unfilledVariables(_ templateID: String, school: School, upn: String, asOf date: SchoolDate,
                                         signedBy: StaffMember, details: Details? = nil) throws -> [String] {
        let context = try context(school: school, upn: upn, asOf: date, signedBy: signedBy, details: details, template: templateID)
        return variables(in: try text(of: templateID)).all.filter { context[$0] == nil }
    }

    static func text(of templateID: String) throws -> String {
        guard let text = RollcallData.letterTemplates()[templateID] else {
            throw ChangeRefused(.notFound, "no letter template \"\(templateID)\" (there are: \(templateIDs.joined(separator: ", ")))")
        }
        return text
    }

    /// The details for a letter: those given, the rest from the pupil's latest meeting.
    static func resolved(_ details: Details?, school: School, upn: String, asOf date: SchoolDate) -> Details {
        let meetings = school.casework.meetings[upn] ?? []
        let held = meetings.last { $0.on <= date }
        let coming = meetings.filter { $0.on >= date }.min { $0.on < $1.on }
        return Details(meetingDate: details?.meetingDate ?? coming?.on,
                       reviewDate: details?.reviewDate ?? held?.nextReview,
                       target: details?.target ?? held?.target)
    }

    static func context(school: School, upn: String, asOf date: SchoolDate, signedBy: StaffMember, details given: Details?,
                        template: String? = nil) throws -> [String: Any] {
        guard let pupil = school.pupils[upn] else { throw ChangeRefused(.notFound, "no pupil with UPN \(upn)") }
        let details = resolved(given, school: school, upn: upn, asOf: date)
        let signer = try school.signer(signedBy)
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
            "illnessDays": Counted.days(m.illnessDays),
            "latesHalfTerm": m.latesHalfTerm,
            "latesHalfTermTimes": Counted.of(m.latesHalfTerm, "time"),
            "latesHalfTermArrivals": Counted.of(m.latesHalfTerm, "late arrival"),
            "unauthorised": m.recentUnauthorised.total,
            // Only a pupil of compulsory school age who has missed 10% or more is told they
            // are persistently absent: the DfE measure, never a band's name or a rounded figure.
            "persistentAbsence": m.yearToDate.isPersistentAbsence && pupil.isOfCompulsorySchoolAge(on: date),
            "signedBy": signer.name,
            "role": roleTitle(signer.role),
        ]
        if let d = details.meetingDate { context["meetingDate"] = d.spoken }
        if let d = details.reviewDate { context["reviewDate"] = d.spoken }
        if let t = details.target { context["target"] = t.description }
        // A "not improved" letter states the figure it compares with as well as today's.
        if let was = school.attendanceAtPreviousDecision(upn: upn, template: template) {
            context["attendanceWas"] = PercentText.truncated(was.percent)
            context["attendanceWasOn"] = was.on.spoken
        }
        if let first = stats.firstDayOfUnexplainedRun(for: upn, asOf: date) {
            context["absentSince"] = first.spoken
        }
        return context
    }

    /// The variables a template uses: `all` of them, and the `required` ones, used as
    /// `{{x}}` outside any `{{#x}}` section on the same name.
    static func variables(in text: String) -> (all: [String], required: [String]) {
        var all: [String] = []
        var required: [String] = []
        var open: [String] = []
        var rest = Substring(text)
        while let start = rest.range(of: "{{") {
            let afterOpen = rest[start.upperBound...]
            guard let end = afterOpen.range(of: "}}") else { break }
            var tag = afterOpen[..<end.lowerBound].trimmingCharacters(in: .whitespaces)
            rest = afterOpen[end.upperBound...]
            if tag.hasPrefix("{") { tag = String(tag.dropFirst()).trimmingCharacters(in: .whitespaces); if rest.hasPrefix("}") { rest = rest.dropFirst() } }
            guard let sigil = tag.first else { continue }
            let name = String(tag.dropFirst()).trimmingCharacters(in: .whitespaces)
            switch sigil {
            case "#", "^":
                open.append(sigil == "#" ? name : "^" + name)
                if !all.contains(name) { all.append(name) }
            case "/":
                if let i = open.lastIndex(where: { $0 == name || $0 == "^" + name }) { open.remove(at: i) }
            case "!", ">", "=": continue
            default:
                let v = sigil == "&" ? name : tag
                if !all.contains(v) { all.append(v) }
                if !open.contains(v), !required.contains(v) { required.append(v) }
            }
        }
        return (all, required)
    }

    static func requiredVariables(in text: String) -> [String] { variables(in: text).required }

    static func roleTitle(_ role: StaffRole) -> String {
        switch role {
        case .head: return "Head teacher"
        case .attendance: return "Family support worker"
        case .office: return "School office"
        case .trustLead: return "Trust lead"
        }
    }

}
