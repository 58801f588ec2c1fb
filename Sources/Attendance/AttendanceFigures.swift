/// Session counts for one pupil or a group over a period, and the DfE measures derived
/// from them. Built from a histogram of codes, so adding pupils together is exact.
public struct AttendanceFigures: Hashable, Sendable {
    /// Sessions per code, indexed by `AttendanceCode.byte` (index 0 unused).
    public private(set) var codeCounts: [Int]
    /// Minutes late summed over `L` and `U` marks that recorded them.
    public var minutesLate: Int

    public init() {
        codeCounts = [Int](repeating: 0, count: AttendanceCode.allCases.count + 1)
        minutesLate = 0
    }

    /// Adds one mark; used by tests and small tallies (scans use `add(histogram:)`).
    public mutating func add(_ code: AttendanceCode, minutesLate minutes: Int? = nil) {
        codeCounts[Int(code.byte)] += 1
        if let minutes { minutesLate += minutes }
    }

    mutating func add(histogram: [Int]) {
        for i in 1..<codeCounts.count { codeCounts[i] += histogram[i] }
    }

    /// Figures made from counts already tallied (a school's figures as it published them).
    public init(counts: [AttendanceCode: Int], minutesLate: Int) {
        self.init()
        for (code, n) in counts { codeCounts[Int(code.byte)] += n }
        self.minutesLate = minutesLate
    }

    /// The sessions per code, leaving out codes with none.
    public var counts: [AttendanceCode: Int] {
        var out: [AttendanceCode: Int] = [:]
        for code in AttendanceCode.allCases where count(code) > 0 { out[code] = count(code) }
        return out
    }

    public static func + (a: AttendanceFigures, b: AttendanceFigures) -> AttendanceFigures {
        var r = a
        r.add(histogram: b.codeCounts)
        r.minutesLate += b.minutesLate
        return r
    }

    public func count(_ code: AttendanceCode) -> Int { codeCounts[Int(code.byte)] }

    private func total(_ counting: AttendanceCode.Counting) -> Int {
        var n = 0
        for i in 1..<codeCounts.count where AttendanceCode.countingByByte[i] == counting { n += codeCounts[i] }
        return n
    }

    public var attended: Int { total(.attended) }
    public var authorisedAbsence: Int { total(.authorisedAbsence) }
    public var unauthorisedAbsence: Int { total(.unauthorisedAbsence) }
    public var absent: Int { authorisedAbsence + unauthorisedAbsence }
    /// Possible = attended + authorised + unauthorised: `D`, `X`, `Q`, `Y*`, `Z`, `#` are not.
    public var possible: Int { attended + absent }

    /// Attended ÷ possible × 100, unrounded; nil when nothing was possible.
    public var attendancePercent: Double? {
        let p = possible
        return p == 0 ? nil : Double(attended) * 100 / Double(p)
    }

    public var absencePercent: Double? { attendancePercent.map { 100 - $0 } }

    /// Missed 10% or more of possible sessions, compared exactly: 10 × absent ≥ possible.
    public var isPersistentAbsence: Bool { possible > 0 && 10 * absent >= possible }
    /// Missed 50% or more: 2 × absent ≥ possible.
    public var isSevereAbsence: Bool { possible > 0 && 2 * absent >= possible }

    public var lateBeforeClose: Int { count(.lateBeforeClose) }
    public var lateAfterClose: Int { count(.lateAfterClose) }
    /// DfE "late sessions": L + U.
    public var lateSessions: Int { lateBeforeClose + lateAfterClose }
    public var unexplained: Int { count(.reasonNotYetEstablished) }

    /// Codes used, most first: for "codes used" reports.
    public var codesUsed: [(code: AttendanceCode, sessions: Int)] {
        AttendanceCode.allCases.map { ($0, count($0)) }.filter { $0.1 > 0 }.sorted { $0.1 > $1.1 }
    }
}
