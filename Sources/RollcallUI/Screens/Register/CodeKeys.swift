import Attendance

/// Typing a code into the register: one key for most codes, two for C1, C2, J1 and Y1–Y7.
/// Which keys type codes is the key table's (`Bindings`, `.typeCode`): lower case too, except
/// where the lower-case key does something else on the register.
enum CodeKeys {
    /// Codes a first key can start: the code itself (if it stands alone) and whether a
    /// second key may follow.
    static func start(_ c: Character) -> (code: AttendanceCode?, takesSecond: Bool)? {
        // Some letters upper-case to two (ß → SS): no code starts with those.
        let upperText = c.uppercased()
        guard upperText.count == 1, let upper = upperText.first else { return nil }
        switch upper {
        case "C": return (.exceptionalCircumstances, true)
        case "J": return (nil, true)
        case "Y": return (nil, true)
        case "/", "\\":
            // `/` finds a pupil, as on every list; Space or . marks present with the session's own mark.
            return nil
        default:
            guard let code = AttendanceCode(parsing: String(upper)), !code.isLegacy else { return nil }
            return (code, false)
        }
    }

    /// The two-key code `first` then `second`, if there is one.
    static func complete(_ first: Character, _ second: Character) -> AttendanceCode? {
        guard let code = AttendanceCode(parsing: String(first) + String(second)), !code.isLegacy else { return nil }
        return code
    }

    /// What the status line says about a key that is not a code.
    static func explain(_ c: Character) -> String {
        let upper = String(c).uppercased()
        if let legacy = AttendanceCode(parsing: upper), legacy.isLegacy {
            return "\(upper) is a pre-2024 code and can no longer be entered; use \(legacy.nearestCurrentCode.symbol) (\(legacy.nearestCurrentCode.meaning))"
        }
        return "\"\(c)\" is not a register code. Codes: / \\ L U N I M … (press ? for them all)"
    }
}
