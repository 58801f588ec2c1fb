import Attendance

/// A trust's schools as the driver read them for `:trust` (the app never reads a store
/// itself): each school's row, the total, the schools not read and why, the national
/// figures for the total's phase, and each school shown, for its summary (its records, or
/// only its published figures).
public struct TrustOverview: Sendable {
    public struct School: Sendable {
        public var id: String
        /// The school's records, where the login may read them; nil where only its published
        /// figures (counts, no pupil) are known: a database school where the login is not staff.
        public var school: Attendance.School?
        /// The login is on this school's own staff (not only its trust lead): names may be shown.
        /// With no `school` yet, its records are read when its page is opened (`loadTrustSchool`).
        public var mayReadNames: Bool
        /// The school's row worked out from its records, when they were read for its page
        /// (the table keeps the row its staff published).
        public var row: TrustRow?

        public init(id: String, school: Attendance.School?, mayReadNames: Bool, row: TrustRow? = nil) {
            self.id = id
            self.school = school
            self.mayReadNames = mayReadNames
            self.row = row
        }

        /// Its records are to be read (it is the login's own school) before its page names anyone.
        public var readsOnRequest: Bool { school == nil && mayReadNames }
    }

    public struct NotRead: Hashable, Sendable {
        public var id: String
        public var reason: String
        public init(id: String, reason: String) {
            self.id = id
            self.reason = reason
        }
    }

    public var asOf: SchoolDate
    /// Sorted most concern first.
    public var rows: [TrustRow]
    public var total: TrustRow
    public var notRead: [NotRead]
    public var national: NationalLine?
    public var schools: [String: School]

    public init(asOf: SchoolDate, rows: [TrustRow], total: TrustRow, notRead: [NotRead], national: NationalLine?, schools: [String: School]) {
        self.asOf = asOf
        self.rows = rows
        self.total = total
        self.notRead = notRead
        self.national = national
        self.schools = schools
    }
}
