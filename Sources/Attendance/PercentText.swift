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
}
