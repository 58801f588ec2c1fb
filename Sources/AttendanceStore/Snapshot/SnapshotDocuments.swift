import Attendance

extension Snapshot {
    /// The school's own document as both stores' snapshots write it (the file store's
    /// generation directory, the database's snapshot rows): one builder, so they cannot differ.
    static func schoolFile(_ school: School) -> SchoolFile {
        SchoolFile(schemaVersion: schemaVersion, name: school.name, calendar: school.calendar,
                   staff: school.staff.values.sorted { $0.login < $1.login }, settings: school.settings,
                   registerClosures: ClosureString.byYear(school.allRegisterClosures))
    }

    /// The school a school document describes (its name, calendar, staff, settings and closed
    /// registers; pupils, casework and marks are read from their own documents): the reverse
    /// of `schoolFile`, read the same way by both stores. `file` names the document in errors;
    /// `damaged` is what to say after a closure that does not read.
    static func school(from info: SchoolFile, file: String, damaged: String) throws -> School {
        try JSONFile.checkVersion(info.schemaVersion, file: file)
        var school = School(name: info.name, calendar: info.calendar)
        for s in info.staff { school.staff[s.login] = s }
        school.settings = info.settings ?? SchoolSettings()
        for (year, list) in (info.registerClosures ?? [:]).sorted(by: { $0.key < $1.key }) {
            school.load(closures: try list.map { text in
                guard let c = ClosureString.decode(text) else { throw StoreError(file: file, "registerClosures \(year) has \"\(text)\"\(damaged)") }
                return c
            })
        }
        return school
    }

    /// The casework document, its words of sensitive meetings kept apart, in a fixed order.
    static func caseworkFile(_ school: School) -> CaseworkFile {
        let cw = school.casework
        return CaseworkFile(schemaVersion: schemaVersion, policy: cw.policy,
                            cases: cw.cases.values.sorted { ($0.upn, $0.track) < ($1.upn, $1.track) },
                            meetings: cw.meetings.keys.sorted().flatMap { cw.meetings[$0]!.map(SensitiveNotes.sealed) },
                            timetables: cw.timetables.keys.sorted().flatMap { cw.timetables[$0]! },
                            interventions: cw.interventions.keys.sorted().flatMap { cw.interventions[$0]! },
                            penaltyNotices: cw.penaltyNotices.keys.sorted().flatMap { cw.penaltyNotices[$0]! })
    }
}
