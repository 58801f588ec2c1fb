import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Who is at the keyboard: the OS login, as the school's computers know them.
enum Identity {
    static var login: String {
        if let pw = getpwuid(geteuid()), let name = pw.pointee.pw_name { return String(cString: name) }
        return ProcessInfo.processInfo.userName
    }

    /// The full name from the account's GECOS field, or the login.
    static var fullName: String {
        if let pw = getpwuid(geteuid()), let gecos = pw.pointee.pw_gecos {
            let name = String(cString: gecos).split(separator: ",").first.map(String.init) ?? ""
            if !name.trimmingCharacters(in: .whitespaces).isEmpty { return name }
        }
        return login
    }
}
