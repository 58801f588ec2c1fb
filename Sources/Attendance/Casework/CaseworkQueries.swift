extension School {
    /// The pupil's marks still `N` (reason not yet established) in the academic year of
    /// `date`, up to and including it: what a call that finds the reason resolves.
    public func openUnexplainedMarks(for upn: String, upTo date: SchoolDate) -> [(session: Session, mark: Mark)] {
        guard let pupil = register[upn] else { return [] }
        let year = AcademicYear(containing: date)
        guard let bytes = pupil.bytes(for: year) else { return [] }
        let n = AttendanceCode.reasonNotYetEstablished.byte
        let first = Session(year.firstDay, .am).ordinal
        let last = Session(date, .pm).slotInYear
        return bytes.indices.filter { $0 <= last && bytes[$0] == n }.map { slot in
            let s = Session(ordinal: first + slot)
            return (s, pupil.mark(at: s)!)
        }
    }

    /// Marking a letter sent also completes the open case actions that asked for it.
    public func completeLetterActions(upn: String, template: String, on date: SchoolDate) -> [Change] {
        casework.cases(for: upn).flatMap { file in
            file.actions.filter { $0.kind == "letter" && $0.template == template && $0.doneOn == nil }
                .map { Change.actionDone(ActionDone(upn: upn, track: file.track, actionId: $0.id, on: date)) }
        }
    }
}
