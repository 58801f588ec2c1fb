#if canImport(Glibc)
import Glibc
#endif

/// The computer's own logins and groups: staff are OS logins, and a shared store's groups
/// are OS groups, so the operating system enforces who reads what.
public enum OSLogins {
    public static func exists(_ login: String) -> Bool { getpwnam(login) != nil }

    public static func isMember(_ login: String, of group: String) -> Bool { GroupName.isMember(login: login, of: group) }

    public static func groupExists(_ group: String) -> Bool { GroupName.id(group) != nil }
}
