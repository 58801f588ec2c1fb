/// The one rule for which codes a call may give as the reason for an absence: the calls
/// screen, the log form, `rollcall log call` and the change check all ask it.
extension AttendanceCode {
    /// A current (2024) absence code other than `N`: a call that established the reason
    /// records what it is, never "not yet established", and never a withdrawn code.
    public var isCallReason: Bool { !isLegacy && counting.isAbsence && self != .reasonNotYetEstablished }

    /// The code typed as a call's reason, or why it cannot be one.
    public static func callReason(_ typed: String) -> Result<AttendanceCode, ChangeRefused> {
        let text = typed.trimmingSpaces()
        guard let code = AttendanceCode(parsing: text), code.isCallReason else {
            return .failure(ChangeRefused(.invalid, "\"\(text)\" is not an absence code a call can record: I (illness), M (medical), G, O … (not N, nor a pre-2024 code)"))
        }
        return .success(code)
    }
}
