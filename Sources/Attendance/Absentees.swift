/// One line of a session's absentee report: who is absent or late, whether the reason is
/// known, and whom to call first.
public struct AbsenteeEntry: Hashable, Sendable {
    public var pupil: Pupil
    public var mark: Mark
    /// False for N (not yet established) and O (unknown): these are the calls to make.
    public var reasonKnown: Bool
    public var firstContact: Contact?
}

extension School {
    /// Everyone on roll who is absent or late in a session, in register order (class, name).
    public func absentees(at session: Session) -> [AbsenteeEntry] {
        roll.compactMap { p in
            guard let m = register.mark(for: p.upn, at: session) else { return nil }
            let absentOrLate = m.code.counting.isAbsence || m.code == .lateBeforeClose
            guard absentOrLate else { return nil }
            return AbsenteeEntry(pupil: p, mark: m, reasonKnown: !m.code.isUnexplained, firstContact: p.contacts.first)
        }
    }
}

/// A class whose register for a session is not yet taken (or only partly): its absentees are
/// missing from the report, so the report names it.
public struct UntakenRegister: Hashable, Sendable {
    public var group: String
    public var marked: Int
    public var onRoll: Int

    public init(group: String, marked: Int, onRoll: Int) {
        self.group = group
        self.marked = marked
        self.onRoll = onRoll
    }

    /// "4B (not taken)", "5A (12 of 30 marked)".
    public var words: String { marked == 0 ? "\(group) (not taken)" : "\(group) (\(marked) of \(onRoll) marked)" }

    /// The sentence a report carries, or nil when every register is taken.
    public static func sentence(_ list: [UntakenRegister]) -> String? {
        guard !list.isEmpty else { return nil }
        return "Not complete: \(list.count == 1 ? "1 register is" : "\(list.count) registers are") not yet taken: " + list.map(\.words).joined(separator: ", ")
    }
}

extension School {
    /// The classes with pupils on roll not yet all marked in a session, in class order.
    public func registersNotTaken(at session: Session) -> [UntakenRegister] {
        // No registers are taken on a weekend, a holiday or a closure.
        guard statistics.schoolDays.isOpen(session) else { return [] }
        let marks = register.marks(at: session)
        var byGroup: [String: (marked: Int, onRoll: Int)] = [:]
        // Grouped by class and sorted by class below: the roll's order is not needed.
        for p in pupils.values where marks[p.upn]?.code != .notYetOnRoll {
            var g = byGroup[p.registrationGroup] ?? (0, 0)
            g.onRoll += 1
            if marks[p.upn] != nil { g.marked += 1 }
            byGroup[p.registrationGroup] = g
        }
        return byGroup.filter { $0.value.marked < $0.value.onRoll }.sorted { $0.key < $1.key }
            .map { UntakenRegister(group: $0.key, marked: $0.value.marked, onRoll: $0.value.onRoll) }
    }
}
