import Attendance

/// What the app is given rather than finds out: the day, the time, and who is at the
/// keyboard. The driver reads the clock and the OS login; tests and training fix them.
public struct AppContext: Hashable, Sendable {
    public var today: SchoolDate
    /// Minutes since midnight, school time.
    public var minutes: Int
    public var staff: StaffMember
    /// A read-only store (a backup copy): screens show everything and refuse changes.
    public var readOnly: Bool
    /// Where documents made in the app (PDF letters) are saved: outside the store, so they
    /// can be printed and filed. The driver gives the folder Rollcall was started in, or
    /// the one ROLLCALL_DOCUMENTS names.
    public var documentsFolder: String

    public init(today: SchoolDate, minutes: Int, staff: StaffMember, readOnly: Bool = false, documentsFolder: String = ".") {
        self.today = today
        self.minutes = minutes
        self.staff = staff
        self.readOnly = readOnly
        self.documentsFolder = documentsFolder
    }

    /// "09:14"
    public var clockText: String { Self.clock(minutes) }

    public static func clock(_ minutes: Int) -> String {
        let h = minutes / 60, m = minutes % 60
        return (h < 10 ? "0" : "") + "\(h):" + (m < 10 ? "0" : "") + "\(m)"
    }

    /// AM before noon, as registers default.
    public var currentHalf: SessionHalf { minutes < 12 * 60 ? .am : .pm }
}
