extension School {
    /// The pupil's marks still `N` (reason not yet established) in the academic year of
    /// `date`, up to and including it: what a call that finds the reason resolves.
    /// The marks a reason found on a call explains: every N this year up to `date` (N is open
    /// by definition) and the O marks of the absence still running on `date` (the unbroken run
    /// of N and O marks ending at the last mark), since an O is no more explained than an N.
    public func marksACallExplains(for upn: String, upTo date: SchoolDate) -> [(session: Session, mark: Mark)] {
        guard let pupil = register[upn] else { return [] }
        let year = AcademicYear(containing: date)
        guard let bytes = pupil.bytes(for: year), !bytes.isEmpty else { return [] }
        let n = AttendanceCode.reasonNotYetEstablished.byte, o = AttendanceCode.unknownReason.byte
        let first = Session(year.firstDay, .am).ordinal
        let last = min(bytes.count - 1, Session(date, .pm).slotInYear)
        var running: Set<Int> = []
        var i = last
        while i >= 0 {
            if bytes[i] == 0 { i -= 1; continue }  // no mark: a weekend, a holiday, not yet taken
            guard bytes[i] == n || bytes[i] == o else { break }
            running.insert(i)
            i -= 1
        }
        return bytes.indices.filter { $0 <= last && (bytes[$0] == n || running.contains($0)) }.map { slot in
            let s = Session(ordinal: first + slot)
            return (s, pupil.mark(at: s)!)
        }
    }

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

extension School {
    /// The change that records a letter as sent: its line in the contact log, and the open
    /// case actions that asked for that letter marked done.
    public func sendingLetter(upn: String, template: String, on date: SchoolDate, time: String? = nil, note: String = "") -> Transaction {
        let e = ContactLogEntry(upn: upn, kind: .letter, on: date, time: time, template: template, text: note)
        return Transaction([.contact(e)] + completeLetterActions(upn: upn, template: template, on: date))
    }

    /// Letter templates in the order a member of staff is likely to want them: those an open
    /// case action asks for, then the letters of the pupil's current stages, then the rest.
    public func suggestedLetters(for upn: String, among all: [String]) -> [String] {
        var first: [String] = []
        for file in casework.cases(for: upn) where file.isOpen {
            for a in file.actions where a.kind == "letter" && a.doneOn == nil { if let t = a.template, !first.contains(t) { first.append(t) } }
        }
        if let policy = casework.policy {
            for file in casework.cases(for: upn) where file.isOpen {
                let stage = policy.track(file.track)?.stages.first { $0.id == file.stage }
                for a in stage?.actions ?? [] { if let t = a.template, !first.contains(t) { first.append(t) } }
            }
        }
        return first.filter(all.contains) + all.filter { !first.contains($0) }
    }
}
