import Attendance

/// A date, or a date and a time of day, as MIS exports write them in import rows:
/// `YYYY-MM-DD`, `DD/MM/YYYY`, either followed by `T` or a space and `hh:mm` or `hh:mm:ss`
/// (fractions of a second and a trailing `Z` are ignored). Kept to the import files: the
/// command line's date words are parsed elsewhere.
struct ImportDateTime: Hashable {
    var date: SchoolDate
    /// Minutes since midnight, when the cell held a time.
    var minutes: Int?

    static func parse(_ text: String) -> ImportDateTime? {
        if text.utf8.count <= 10 { return SchoolDate(parsing: text).map { ImportDateTime(date: $0) } }
        let t = text.trimmed
        guard let sep = t.firstIndex(where: { $0 == "T" || $0 == " " }) else {
            return SchoolDate(parsing: t).map { ImportDateTime(date: $0) }
        }
        guard let date = SchoolDate(parsing: String(t[..<sep])),
              let minutes = parseTime(t[t.index(after: sep)...]) else { return nil }
        return ImportDateTime(date: date, minutes: minutes)
    }

    /// `hh:mm` or `hh:mm:ss` on the 24-hour clock (a fraction of a second and a `Z` ignored).
    static func parseTime<S: StringProtocol>(_ text: S) -> Int? {
        var s = Substring(String(text).trimmed)
        if s.last == "Z" { s.removeLast() }
        if let dot = s.firstIndex(of: ".") { s = s[..<dot] }
        let parts = s.split(separator: ":", omittingEmptySubsequences: false)
        guard (2...3).contains(parts.count), parts.allSatisfy({ (1...2).contains($0.count) && $0.allSatisfy { $0.isASCII && $0.isNumber } }),
              let h = Int(parts[0]), let m = Int(parts[1]), (0...23).contains(h), (0...59).contains(m) else { return nil }
        if parts.count == 3 { guard let sec = Int(parts[2]), (0...59).contains(sec) else { return nil } }
        return h * 60 + m
    }
}

/// Which half of the day an import row's session is.
enum ImportSession {
    /// `AM`/`PM` (also `A`/`P`, `morning`/`afternoon`), or a session's name with AM or PM as
    /// a word in it ("AM Registration", "Reg PM"); nil when it names neither or both.
    static func half(named text: String) -> SessionHalf? {
        if let h = SessionHalf(label: text) { return h }
        let words = text.uppercased().split { !$0.isLetter }
        let am = words.contains("AM") || words.contains("MORNING"), pm = words.contains("PM") || words.contains("AFTERNOON")
        return am == pm ? nil : (am ? .am : .pm)
    }

    /// A session that starts before noon is the morning's.
    static func half(startingAt minutes: Int) -> SessionHalf { minutes < 12 * 60 ? .am : .pm }
}
