/// The school's attendance register: every pupil's marks, keyed by UPN.
/// It also keeps, per slot, how many pupils have a mark other than `#`, so that a school
/// without a calendar can tell which sessions it was open in without a full scan.
public struct Register: Sendable {
    public private(set) var pupils: [String: PupilRegister] = [:]
    private(set) var openMarkCounts: [AcademicYear: [Int32]] = [:]

    public init() {}

    public subscript(upn: String) -> PupilRegister? { pupils[upn] }

    public func mark(for upn: String, at session: Session) -> Mark? {
        pupils[upn]?.mark(at: session)
    }

    /// Records (or with nil, clears) a mark and returns the mark it replaced.
    @discardableResult
    public mutating func record(_ mark: Mark?, for upn: String, at session: Session) -> Mark? {
        let previous = pupils[upn]?.mark(at: session)
        let oldByte = pupils[upn, default: PupilRegister()].set(mark, at: session)
        adjustOpenCount(year: session.academicYear, slot: session.slotInYear,
                        removing: oldByte, adding: mark?.code.byte ?? 0)
        return previous
    }

    /// Records (or clears) many marks of one pupil in one academic year, as `record` does
    /// one by one: an import of a year of marks is 600,000 of them.
    public mutating func record(_ marks: [(slot: Int, mark: Mark?)], for upn: String, in year: AcademicYear) {
        let old = pupils[upn, default: PupilRegister()].set(marks, in: year)
        let closure = AttendanceCode.plannedClosure.byte
        func counts(_ b: UInt8) -> Bool { b != 0 && b != closure }
        let delta = marks.indices.map { i -> Int32 in
            let was = counts(old[i]), now = counts(marks[i].mark?.code.byte ?? 0)
            return was == now ? 0 : (now ? 1 : -1)
        }
        guard delta.contains(where: { $0 != 0 }) else { return }
        if openMarkCounts[year] == nil { openMarkCounts[year] = [Int32](repeating: 0, count: year.sessionSlotCount) }
        // In place, one lookup of the year for all the marks.
        openMarkCounts[year]!.withUnsafeMutableBufferPointer { c in
            for (i, (slot, _)) in marks.enumerated() { c[slot] += delta[i] }
        }
    }

    /// Loads a pupil's whole year of codes (from the store) and counts it towards open sessions.
    public mutating func load(upn: String, year: AcademicYear, bytes: [UInt8]) {
        pupils[upn, default: PupilRegister()].load(year: year, bytes: bytes)
        if openMarkCounts[year] == nil { openMarkCounts[year] = [Int32](repeating: 0, count: year.sessionSlotCount) }
        let closure = AttendanceCode.plannedClosure.byte
        // In place: copying the counts per pupil made loading a year ten times slower.
        openMarkCounts[year]!.withUnsafeMutableBufferPointer { counts in
            bytes.withUnsafeBufferPointer { b in
                for slot in 0..<b.count where b[slot] != 0 && b[slot] != closure { counts[slot] &+= 1 }
            }
        }
    }

    public mutating func loadDetail(upn: String, session: Session, detail: MarkDetail) {
        pupils[upn, default: PupilRegister()].loadDetail(detail, at: session)
    }

    /// Many details for one pupil with one lookup (loading from the store).
    public mutating func loadDetails(upn: String, _ details: [(Session, MarkDetail)]) {
        pupils[upn, default: PupilRegister()].loadDetails(details)
    }

    /// True when any pupil has a mark other than `#` in this session.
    public func hasOpenMarks(at session: Session) -> Bool {
        guard let counts = openMarkCounts[session.academicYear] else { return false }
        return counts[session.slotInYear] > 0
    }

    /// How many marks the register holds, in all years.
    public var markCount: Int {
        pupils.values.reduce(0) { n, p in n + p.years.values.reduce(0) { $0 + $1.reduce(0) { $0 + ($1 != 0 ? 1 : 0) } } }
    }

    /// The academic years any pupil has marks in, oldest first.
    public var academicYears: [AcademicYear] { openMarkCounts.keys.sorted() }

    /// Every mark in one session: one register as the class teacher sees it.
    public func marks(at session: Session) -> [String: Mark] {
        var result: [String: Mark] = [:]
        for (upn, pupil) in pupils {
            if let m = pupil.mark(at: session) { result[upn] = m }
        }
        return result
    }

    private mutating func adjustOpenCount(year: AcademicYear, slot: Int, removing old: UInt8, adding new: UInt8) {
        let closure = AttendanceCode.plannedClosure.byte
        func counts(_ b: UInt8) -> Bool { b != 0 && b != closure }
        guard counts(old) != counts(new) else { return }
        if openMarkCounts[year] == nil { openMarkCounts[year] = [Int32](repeating: 0, count: year.sessionSlotCount) }
        openMarkCounts[year]![slot] += counts(new) ? 1 : -1
    }
}
