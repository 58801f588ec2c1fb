import Attendance

extension SchoolStore {
    /// Runs an import of `markFile`; if the domain refuses one of its marks (X for a pupil of
    /// compulsory school age, C2 for a nursery child, a date outside the school's years …),
    /// says which lines, each with the rule in the domain's words, as every other bad row of
    /// an import is reported. The marks are checked once, under the lock, when they are
    /// committed; only when that refuses are they read again here to find the lines, so a
    /// good import costs nothing more. Nothing from the file is stored either way.
    func namingRefusedLines<T>(of markFile: MarkFile, file: String, by actor: StaffMember, allowingAnyDate: Bool,
                               _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let refused as ChangeRefused where refused.kind == .invalid {
            let school = self.school, today = self.today
            var problems: [ImportFailure.Problem] = []
            for i in 0..<markFile.columns.count {
                var m = markFile.columns[i]
                m.previous = school.register.mark(for: m.upn, at: m.session)
                if let code = m.mark?.code { m.mark?.code = code.recorded(in: m.session.half) }
                guard m.previous != m.mark else { continue }
                do {
                    try school.check(m, by: actor, today: today, hasReason: true, origin: .importFile(file), allowingAnyDate: allowingAnyDate)
                } catch {
                    guard i < markFile.lines.count else { continue }
                    problems.append(.init(line: markFile.lines[i], reason: error.message))
                }
            }
            // A refusal the lines do not show (the school changed meanwhile) is passed on as it came.
            guard !problems.isEmpty else { throw refused }
            throw ImportFailure(file: file, problems: problems)
        }
    }
}
