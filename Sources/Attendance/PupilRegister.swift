/// Every mark one pupil has: one byte per register slot per academic year (0 = no mark),
/// so a year's statistics are a scan of ~730 bytes rather than hundreds of objects.
public struct PupilRegister: Hashable, Sendable {
    public private(set) var years: [AcademicYear: [UInt8]] = [:]
    /// Minutes late and comments, keyed by `Session.ordinal`.
    public private(set) var details: [Int: MarkDetail] = [:]

    public init() {}

    public func code(at session: Session) -> AttendanceCode? {
        guard let bytes = years[session.academicYear] else { return nil }
        return AttendanceCode(byte: bytes[session.slotInYear])
    }

    public func mark(at session: Session) -> Mark? {
        guard let code = code(at: session) else { return nil }
        let detail = details[session.ordinal]
        return Mark(code, minutesLate: detail?.minutesLate, comment: detail?.comment)
    }

    /// Sets or clears a mark and returns the code byte it replaced (0 if none).
    @discardableResult
    public mutating func set(_ mark: Mark?, at session: Session) -> UInt8 {
        let year = session.academicYear
        let slot = session.slotInYear
        let old = years[year]?[slot] ?? 0
        if let mark {
            if years[year] == nil { years[year] = [UInt8](repeating: 0, count: year.sessionSlotCount) }
            years[year]![slot] = mark.code.byte
            details[session.ordinal] = mark.detail
        } else if years[year] != nil {
            years[year]![slot] = 0
            details[session.ordinal] = nil
        }
        return old
    }

    /// Sets or clears many marks in one academic year (`slot` as `Session.slotInYear`), as
    /// `set` does one by one; returns the code bytes they replaced.
    public mutating func set(_ marks: [(slot: Int, mark: Mark?)], in year: AcademicYear) -> [UInt8] {
        if years[year] == nil {
            guard marks.contains(where: { $0.mark != nil }) else { return [UInt8](repeating: 0, count: marks.count) }
            years[year] = [UInt8](repeating: 0, count: year.sessionSlotCount)
        }
        let first = Session(year.firstDay, .am).ordinal
        var old: [UInt8] = []
        old.reserveCapacity(marks.count)
        years[year]!.withUnsafeMutableBufferPointer { bytes in
            for (slot, mark) in marks {
                old.append(bytes[slot])
                bytes[slot] = mark?.code.byte ?? 0
            }
        }
        for (slot, mark) in marks {
            // Clearing a detail that is not there is a lookup saved.
            if let d = mark?.detail { details[first + slot] = d } else if !details.isEmpty { details[first + slot] = nil }
        }
        return old
    }

    /// Replaces a whole year's codes at once (loading from the store).
    public mutating func load(year: AcademicYear, bytes: [UInt8]) {
        precondition(bytes.count == year.sessionSlotCount, "a year's register has one byte per slot")
        years[year] = bytes
    }

    public mutating func loadDetail(_ detail: MarkDetail, at session: Session) {
        details[session.ordinal] = detail
    }

    public mutating func loadDetails(_ list: [(Session, MarkDetail)]) {
        details.reserveCapacity(details.count + list.count)
        for (s, d) in list { details[s.ordinal] = d }
    }

    /// The codes of one academic year, or nil if the pupil has no marks that year.
    public func bytes(for year: AcademicYear) -> [UInt8]? { years[year] }
}
