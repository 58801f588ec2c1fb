import Attendance

/// Exports in the shapes the importers read, so export → import round-trips exactly.
public enum Export {
    static let flagColumns: [(String, VulnerabilityFlags.Flag)] = [
        ("SEN Support", .senSupport), ("EHCP", .ehcp), ("Pupil Premium", .pupilPremium), ("FSM", .freeSchoolMeals),
        ("CIN", .childInNeed), ("CP", .childProtection), ("CLA", .lookedAfter), ("EAL", .englishAdditionalLanguage),
        ("Young Carer", .youngCarer), ("Social Worker", .hasSocialWorker),
    ]

    public static func pupilsCSV(_ school: School) -> String {
        let contactCount = max(3, school.pupils.values.map(\.contacts.count).max() ?? 0)
        var header = ["UPN", "Surname", "Forename", "Preferred Name", "Date of Birth", "Year Group", "Reg Group"] + flagColumns.map(\.0)
        for n in 1...contactCount {
            header += ["Name", "Relationship", "Phone", "Parental Responsibility", "Lives With Pupil", "Address"].map { "Contact \(n) \($0)" }
        }
        // Only when some pupil is leaving, so a school with no leavers exports as before.
        let leavers = school.pupils.values.contains { $0.leavingOn != nil || $0.destination != nil }
        if leavers { header += ["Leaving Date", "Destination"] }
        var out = CSVWriter.row(header)
        for p in school.roll {
            var row = [p.upn, p.legalSurname, p.legalForename, p.preferredName ?? "", p.dateOfBirth.description,
                       p.yearGroup.description, p.registrationGroup] + flagColumns.map { p.flags[$0.1] ? "Y" : "N" }
            for n in 0..<contactCount {
                if n < p.contacts.count {
                    let c = p.contacts[n]
                    row += [c.name, c.relationship, c.phones.joined(separator: "; "), c.parentalResponsibility ? "Y" : "N", c.livesWithPupil ? "Y" : "N", c.address ?? ""]
                } else {
                    row += ["", "", "", "", "", ""]
                }
            }
            if leavers { row += [p.leavingOn?.description ?? "", p.destination ?? ""] }
            out += CSVWriter.row(row)
        }
        return out
    }

    public static func pupilsJSON(_ school: School) -> JSONValue {
        .array(school.roll.map { p in
            .object([
                ("upn", .string(p.upn)), ("surname", .string(p.legalSurname)), ("forename", .string(p.legalForename)),
                ("preferred_name", .optional(p.preferredName)), ("date_of_birth", .string(p.dateOfBirth.description)),
                ("year_group", .string(p.yearGroup.description)), ("reg_group", .string(p.registrationGroup)),
                ("flags", .array(p.flags.set.map { .string($0.rawValue) })),
                ("leaving_date", .optional(p.leavingOn?.description)), ("destination", .optional(p.destination)),
                ("contacts", .array(p.contacts.map { c in
                    .object([("name", .string(c.name)), ("relationship", .string(c.relationship)),
                             ("phones", .array(c.phones.map(JSONValue.string))),
                             ("parental_responsibility", .bool(c.parentalResponsibility)), ("lives_with_pupil", .bool(c.livesWithPupil)),
                             ("address", .optional(c.address))])
                })),
            ])
        })
    }

    /// Every mark, pupil by pupil in register order, then by session.
    public static func marks(_ school: School, in range: DateRange?) -> [(upn: String, session: Session, mark: Mark)] {
        var rows: [(String, Session, Mark)] = []
        let order = school.roll.map(\.upn) + school.register.pupils.keys.filter { school.pupils[$0] == nil }.sorted()
        for upn in order {
            guard let pupil = school.register[upn] else { continue }
            for year in pupil.years.keys.sorted() {
                let bytes = pupil.bytes(for: year)!
                for (slot, byte) in bytes.enumerated() where byte != 0 {
                    let s = Session(ordinal: Session(year.firstDay, .am).ordinal + slot)
                    if let range, !range.contains(s.date) { continue }
                    rows.append((upn, s, pupil.mark(at: s)!))
                }
            }
        }
        return rows
    }

    public static func marksCSV(_ school: School, in range: DateRange? = nil) -> String {
        var out = CSVWriter.row(["upn", "date", "session", "mark", "minutes_late", "comment"])
        for (upn, s, m) in marks(school, in: range) {
            out += CSVWriter.row([upn, s.date.description, s.half.label, m.code.symbol, m.minutesLate.map(String.init) ?? "", m.comment ?? ""])
        }
        return out
    }

    public static func marksJSON(_ school: School, in range: DateRange? = nil) -> JSONValue {
        .array(marks(school, in: range).map { upn, s, m in
            .object([("upn", .string(upn)), ("date", .string(s.date.description)), ("session", .string(s.half.label)),
                     ("mark", .string(m.code.symbol)), ("minutes_late", m.minutesLate.map(JSONValue.int) ?? .null),
                     ("comment", .optional(m.comment))])
        })
    }
}
