/// The school's settings: register times (which decide `L` or `U` for a late arrival) and
/// the contact details letters and reports show. Changed only by the head, and audited.
public struct SchoolSettings: Hashable, Sendable, Codable {
    public var registerTimes: RegisterTimes
    public var address: String?
    public var phone: String?
    public var email: String?
    public var headName: String?
    /// An IANA time zone id; decides which day "today" is for the register rules.
    public var timeZone: String

    public static let defaultTimeZone = "Europe/London"

    public init(registerTimes: RegisterTimes = RegisterTimes(), address: String? = nil, phone: String? = nil,
                email: String? = nil, headName: String? = nil, timeZone: String = SchoolSettings.defaultTimeZone) {
        self.registerTimes = registerTimes
        self.address = address
        self.phone = phone
        self.email = email
        self.headName = headName
        self.timeZone = timeZone
    }

    /// What is wrong with these settings, or nil. (Whether the time zone id is one the
    /// system knows is checked where there is a clock: the store and the command line.)
    public var problem: String? {
        if let p = registerTimes.problem { return p }
        let tz = timeZone.trimmingSpaces()
        if tz.isEmpty || tz.contains(" ") { return "the time zone must be an id such as Europe/London, not \"\(timeZone)\"" }
        return nil
    }

    private enum CodingKeys: String, CodingKey { case registerTimes, address, phone, email, headName, timeZone }

    /// Missing fields take their defaults, so settings written by an older Rollcall still read.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        registerTimes = try c.decodeIfPresent(RegisterTimes.self, forKey: .registerTimes) ?? RegisterTimes()
        address = try c.decodeIfPresent(String.self, forKey: .address)
        phone = try c.decodeIfPresent(String.self, forKey: .phone)
        email = try c.decodeIfPresent(String.self, forKey: .email)
        headName = try c.decodeIfPresent(String.self, forKey: .headName)
        timeZone = try c.decodeIfPresent(String.self, forKey: .timeZone) ?? SchoolSettings.defaultTimeZone
    }
}
