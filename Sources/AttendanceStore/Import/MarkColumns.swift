import Attendance

/// Many marks held column by column: a pupil index, a session and a one-byte code each,
/// with the rare minutes late and comments aside. A year of a school's marks (600,000) is
/// then about 10 MB, not the 90 MB of as many `MarkChange`s, which an import would otherwise
/// hold several copies of at once (read, completed, journalled).
public struct MarkColumns: Sendable {
    /// Each pupil once, and where in `upns` each is.
    private(set) var upns: [String] = []
    private var pupilIndex: [String: Int32] = [:]
    private(set) var pupil: [Int32] = []
    private(set) var ordinal: [Int32] = []
    /// `AttendanceCode.byte`; 0 clears the session.
    private(set) var code: [UInt8] = []
    private(set) var details: [Int32: MarkDetail] = [:]
    /// What each session held before, once completed (`previousCode` is empty until then).
    private(set) var previousCode: [UInt8] = []
    private(set) var previousDetails: [Int32: MarkDetail] = [:]

    public init() {}

    public init(_ marks: [MarkChange]) {
        reserve(marks.count)
        for m in marks { append(m) }
    }

    public var count: Int { pupil.count }

    mutating func reserve(_ n: Int) {
        pupil.reserveCapacity(n)
        ordinal.reserveCapacity(n)
        code.reserveCapacity(n)
    }

    /// Appends a mark (its `previous` is filled in by `completed(from:)`).
    mutating func append(_ m: MarkChange) {
        append(pupil: index(of: m.upn), session: m.session, mark: m.mark)
    }

    mutating func append(pupil p: Int32, session: Session, mark: Mark?) {
        pupil.append(p)
        ordinal.append(Int32(session.ordinal))
        code.append(mark?.code.byte ?? 0)
        if let d = mark?.detail { details[Int32(count - 1)] = d }
    }

    /// The pupil's index in `upns`, added if new.
    mutating func index(of upn: String) -> Int32 {
        if let known = pupilIndex[upn] { return known }
        let p = Int32(upns.count)
        upns.append(upn)
        pupilIndex[upn] = p
        return p
    }

    package func upn(_ i: Int) -> String { upns[Int(pupil[i])] }
    package func session(_ i: Int) -> Session { Session(ordinal: Int(ordinal[i])) }

    package func mark(_ i: Int) -> Mark? {
        guard let c = AttendanceCode(byte: code[i]) else { return nil }
        let d = details[Int32(i)]
        return Mark(c, minutesLate: d?.minutesLate, comment: d?.comment)
    }

    package func previous(_ i: Int) -> Mark? {
        guard !previousCode.isEmpty, let c = AttendanceCode(byte: previousCode[i]) else { return nil }
        let d = previousDetails[Int32(i)]
        return Mark(c, minutesLate: d?.minutesLate, comment: d?.comment)
    }

    /// Mark `i` as a change, its previous mark included once completed.
    subscript(i: Int) -> MarkChange {
        MarkChange(upn: upn(i), session: session(i), mark: mark(i), previous: previous(i))
    }

    public var changes: [MarkChange] { (0..<count).map { self[$0] } }

    mutating func setMark(_ i: Int, _ mark: Mark?) {
        code[i] = mark?.code.byte ?? 0
        details[Int32(i)] = mark?.detail
    }

    /// The academic years the marks fall in.
    package var academicYears: Set<AcademicYear> {
        var years: Set<AcademicYear> = []
        var first = Int.max, last = Int.min
        for o in ordinal {
            // Marks come in runs of one year: look the year up only when outside the last one.
            let day = Session(ordinal: Int(o)).date.dayNumber
            guard day < first || day > last else { continue }
            let year = Session(ordinal: Int(o)).academicYear
            years.insert(year)
            (first, last) = (year.firstDay.dayNumber, year.lastDay.dayNumber)
        }
        return years
    }

    /// The marks by pupil and academic year, in order of first appearance: each group's
    /// pupil, year, and the marks' indices with their slots in the year.
    func byPupilAndYear() -> [(pupil: Int32, year: AcademicYear, marks: [(index: Int, slot: Int)])] {
        struct Key: Hashable { var pupil: Int32; var year: Int }
        var index: [Key: Int] = [:]
        var groups: [(pupil: Int32, year: AcademicYear, marks: [(index: Int, slot: Int)])] = []
        // Marks come in runs of one pupil and year: look the group up only when that changes.
        var current: (pupil: Int32, first: Int, last: Int, at: Int)?
        for i in 0..<count {
            let session = self.session(i)
            let day = session.date.dayNumber
            if current == nil || current!.pupil != pupil[i] || day < current!.first || day > current!.last {
                let year = session.academicYear
                let key = Key(pupil: pupil[i], year: year.startYear)
                let at: Int
                if let known = index[key] { at = known } else {
                    at = groups.count
                    index[key] = at
                    groups.append((pupil[i], year, []))
                }
                current = (pupil[i], year.firstDay.dayNumber, year.lastDay.dayNumber, at)
            }
            groups[current!.at].marks.append((i, (day - current!.first) * 2 + session.half.rawValue))
        }
        return groups
    }

    /// As `School.completing` does for `.mark` changes: each with what the register holds
    /// now and its code as recorded in its half of the day (`/` and `\`), leaving out those
    /// that change nothing.
    package func completed(from register: Register) -> MarkColumns {
        var out = MarkColumns()
        out.upns = upns
        out.pupilIndex = pupilIndex
        out.reserve(count)
        out.previousCode.reserveCapacity(count)
        for i in 0..<count {
            let session = self.session(i)
            var mark = self.mark(i)
            if let c = mark?.code { mark?.code = c.recorded(in: session.half) }
            let before = register.mark(for: upn(i), at: session)
            guard before != mark else { continue }
            let j = Int32(out.count)
            out.pupil.append(pupil[i])
            out.ordinal.append(ordinal[i])
            out.code.append(mark?.code.byte ?? 0)
            if let d = mark?.detail { out.details[j] = d }
            out.previousCode.append(before?.code.byte ?? 0)
            if let d = before?.detail { out.previousDetails[j] = d }
        }
        return out
    }
}
