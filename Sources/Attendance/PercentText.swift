/// Percentages as people read them: truncated to one decimal, never rounded up across a
/// threshold (96.96% is "96.9", not "97.0", so it never reads as meeting a 97% target).
public enum PercentText {
    /// `part` of `whole` as "96.9"; nil when whole is 0.
    public static func of(_ part: Int, _ whole: Int) -> String? {
        guard whole > 0 else { return nil }
        let tenths = part * 1000 / whole
        return "\(tenths / 10).\(tenths % 10)"
    }

    /// A pupil's or group's attendance, "–" when no session was possible.
    public static func attendance(_ f: AttendanceFigures) -> String {
        of(f.attended, f.possible) ?? "–"
    }

    /// A percentage already worked out, truncated to one decimal: 96.96 is "96.9". (A hair
    /// of tolerance keeps 97.0 worked out as 96.999… reading "97.0".)
    public static func truncated(_ v: Double) -> String {
        guard v.isFinite else { return "–" }
        if v < 0 { return "-" + truncated(-v) }
        let tenths = Int((v * 10 + 1e-7).rounded(.down))
        return "\(tenths / 10).\(tenths % 10)"
    }
}

/// Counts as people read them: "1 day", "2 days", "1.5 days", "1 session".
public enum Counted {
    public static func of(_ n: Int, _ one: String, _ many: String? = nil) -> String {
        "\(n) \(n == 1 ? one : (many ?? one + "s"))"
    }

    public static func days(_ d: Double) -> String { "\(formatDays(d)) day\(d == 1 ? "" : "s")" }
}
