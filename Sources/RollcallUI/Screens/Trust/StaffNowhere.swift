import Attendance

/// A trust lead who is staff at no school (`context.staffNowhere`): the app has the trust
/// and nothing else. What needs a school says so, rather than opening on an empty one.
extension AppCommand {
    /// The `:` commands that need no school.
    static let withoutSchool: Set<String> = ["trust", "help", "quit"]

    /// The commands this login can run: every one, or those that need no school.
    static func available(staffNowhere: Bool) -> [AppCommand] {
        staffNowhere ? all.filter { withoutSchool.contains($0.name) } : all
    }
}

extension AppState {
    /// True (having said why on the status line) when `what` needs a school and the login
    /// is staff at none.
    mutating func refusedWithoutSchool(_ what: String) -> Bool {
        guard context.staffNowhere else { return false }
        status = StatusLine("\(what) needs a school: \(context.staff.login) is a trust lead and is not staff at any school; :trust shows the trust's schools", .warning)
        return true
    }
}

extension KeyBinding {
    /// The keys that move between a school's screens, which a login staff nowhere has not got.
    var needsSchool: Bool { command == .nextScreen || command == .previousScreen }
}
