import ArgumentParser
import Attendance
import AttendanceStore

struct SettingsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "settings",
        abstract: "Show the school settings, or change them (head only): register times, contact details, time zone.",
        discussion: """
        With no options, prints the settings. Register times decide a late arrival's mark: \
        by the close time it is L, after it U. Times are HH:MM on the 24-hour clock. \
        An empty text ("") clears an address, phone, email or head's name. Every change is \
        recorded in the audit trail.
        """)

    @Option(name: .customLong("am-opens"), help: ArgumentHelp("When the morning register opens (default 08:40).", valueName: "HH:MM")) var amOpens: String?
    @Option(name: .customLong("am-closes"), help: ArgumentHelp("When it closes (default 09:15).", valueName: "HH:MM")) var amCloses: String?
    @Option(name: .customLong("pm-opens"), help: ArgumentHelp("When the afternoon register opens (default 13:00).", valueName: "HH:MM")) var pmOpens: String?
    @Option(name: .customLong("pm-closes"), help: ArgumentHelp("When it closes (default 13:30).", valueName: "HH:MM")) var pmCloses: String?
    @Option(help: ArgumentHelp("The school's postal address.", valueName: "text")) var address: String?
    @Option(help: ArgumentHelp("The school's phone number.", valueName: "text")) var phone: String?
    @Option(help: ArgumentHelp("The school's email address.", valueName: "text")) var email: String?
    @Option(name: .customLong("head-name"), help: ArgumentHelp("The head teacher's name, as letters sign it.", valueName: "text")) var headName: String?
    @Option(name: .customLong("time-zone"), help: ArgumentHelp("The school's time zone (default Europe/London).", valueName: "id")) var timeZone: String?
    @OptionGroup var storeOptions: StoreOptions

    var changesAnything: Bool {
        [amOpens, amCloses, pmOpens, pmCloses, address, phone, email, headName, timeZone].contains { $0 != nil }
    }

    func validate() throws {
        for (name, value) in [("--am-opens", amOpens), ("--am-closes", amCloses), ("--pm-opens", pmOpens), ("--pm-closes", pmCloses)] {
            if let value, ClockTime(parsing: value) == nil {
                throw ValidationError("\(name) \"\(value)\" is not a time; use \(ClockTime.acceptedForm)")
            }
        }
        if let timeZone, !SchoolClock.isKnownTimeZone(timeZone.trimmingCharacters(in: .whitespaces)) {
            throw ValidationError("--time-zone \"\(timeZone)\" is not a time zone this system knows; use an id such as Europe/London")
        }
    }

    func run() throws {
        let (store, me) = try storeOptions.open(as: .current())
        guard changesAnything else {
            print(Self.describe(store.school.settings))
            return
        }
        var s = store.school.settings
        func time(_ text: String?) -> ClockTime? { text.flatMap { ClockTime(parsing: $0) } }
        func text(_ value: String?, _ current: String?) -> String? {
            guard let value else { return current }
            let t = value.trimmingCharacters(in: .whitespaces)
            return t.isEmpty ? nil : t
        }
        s.registerTimes.amOpens = time(amOpens) ?? s.registerTimes.amOpens
        s.registerTimes.amCloses = time(amCloses) ?? s.registerTimes.amCloses
        s.registerTimes.pmOpens = time(pmOpens) ?? s.registerTimes.pmOpens
        s.registerTimes.pmCloses = time(pmCloses) ?? s.registerTimes.pmCloses
        s.address = text(address, s.address)
        s.phone = text(phone, s.phone)
        s.email = text(email, s.email)
        s.headName = text(headName, s.headName)
        s.timeZone = timeZone?.trimmingCharacters(in: .whitespaces) ?? s.timeZone
        if try store.commit(Transaction([.settings(s)]), by: me) == nil {
            print("The settings already say that; nothing changed.")
        } else {
            print("Settings changed.")
        }
        print(Self.describe(store.school.settings))
    }

    static func describe(_ s: SchoolSettings) -> String {
        let r = s.registerTimes
        return [
            "AM register   opens \(r.amOpens), closes \(r.amCloses)",
            "PM register   opens \(r.pmOpens), closes \(r.pmCloses)",
            "Address       \(s.address ?? "–")",
            "Phone         \(s.phone ?? "–")",
            "Email         \(s.email ?? "–")",
            "Head          \(s.headName ?? "–")",
            "Time zone     \(s.timeZone)",
        ].joined(separator: "\n")
    }
}
