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
    /// Where `:trust` reads the trust's schools from, if anywhere.
    public var trust: TrustAccess = .none
    /// The login is a trust lead and staff at no school: the app opens on `:trust`, and
    /// everything that needs a school says why it cannot be opened.
    public var staffNowhere = false

    /// How many schools' stores the app was started with (`--stores`), for `:trust`; 0: none.
    public var trustStores: Int {
        get { if case .stores(let n) = trust { return n } else { return 0 } }
        set { trust = newValue > 0 ? .stores(newValue) : .none }
    }

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

    /// The day and time a form is opened for. A form still open at midnight keeps them: what
    /// it saves belongs to the day it was opened, and the status line says so.
    public var moment: FormMoment { FormMoment(day: today, time: clockText) }

    /// " (saved for Tue 1 Dec, the day it was opened)" when `day` is no longer today; "" otherwise.
    public func savedForNote(_ day: SchoolDate) -> String {
        day == today ? "" : " (saved for \(day.weekday.shortName) \(day.spoken.split(separator: " ").prefix(2).joined(separator: " ")), the day it was opened)"
    }
}

/// Where the app reads a trust's schools for `:trust`.
public enum TrustAccess: Hashable, Sendable {
    /// No trust: neither --stores nor the trust role in the database.
    case none
    /// This many schools' store directories (`--stores`), each read in full.
    case stores(Int)
    /// The database's view of every school's published figures (the login has `rollcall_trust`).
    case database
}

/// When a form was opened: the school's date and the time of day ("09:42").
public struct FormMoment: Hashable, Sendable {
    public var day: SchoolDate
    public var time: String

    public init(day: SchoolDate, time: String) {
        self.day = day
        self.time = time
    }
}

extension AppState {
    /// The date and time a form opened at `opened` records: the time now on the same day;
    /// the time it was opened when midnight has passed since (a call at 23:58, saved at 00:02,
    /// was made on the day before, at 23:58).
    func recordedMoment(_ opened: FormMoment) -> FormMoment {
        opened.day == context.today ? context.moment : opened
    }
}
