import Attendance

extension Snapshot {
    /// The school's own document as both stores' snapshots write it (the file store's
    /// generation directory, the database's snapshot rows): one builder, so they cannot differ.
    static func schoolFile(_ school: School) -> SchoolFile {
        SchoolFile(schemaVersion: schemaVersion, name: school.name, calendar: school.calendar,
                   staff: school.staff.values.sorted { $0.login < $1.login }, settings: school.settings,
                   registerClosures: ClosureString.byYear(school.allRegisterClosures))
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
