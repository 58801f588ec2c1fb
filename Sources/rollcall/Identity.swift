import Attendance
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Who is at the keyboard: the OS login, as the school's computers know them. A value,
/// resolved once at the top of a command and passed in, so nothing below asks the OS.
struct Identity: Hashable, Sendable {
    var login: String
    var fullName: String

    /// The variable that names the login to act as; honoured only for root (see `current`).
    static let loginVariable = "ROLLCALL_LOGIN"

    /// The OS login and its full name. When the real user is root, `ROLLCALL_LOGIN` may name
    /// another login to act as (root can become any login anyway, so this grants nothing
    /// new); the command-line tests use it to act as office, attendance and DSL staff.
    static func current(environment: [String: String] = ProcessInfo.processInfo.environment) -> Identity {
        if getuid() == 0, let login = environment[loginVariable]?.trimmingCharacters(in: .whitespaces), !login.isEmpty {
            return Identity(login: login, fullName: login)
        }
        var login = ProcessInfo.processInfo.userName
        var fullName = ""
        if let pw = getpwuid(geteuid()) {
            if let name = pw.pointee.pw_name { login = String(cString: name) }
            // The full name from the account's GECOS field, or the login.
            if let gecos = pw.pointee.pw_gecos {
                fullName = String(cString: gecos).split(separator: ",").first.map(String.init) ?? ""
            }
        }
        if fullName.trimmingCharacters(in: .whitespaces).isEmpty { fullName = login }
        return Identity(login: login, fullName: fullName)
    }

    /// This person as the head (and DSL) of a store they create or migrate.
    var asHead: StaffMember { StaffMember(login: login, name: fullName, role: .head, isDSL: true) }
}
