import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Real OS logins for the PostgreSQL tests, each also a database role of the same name, so
/// that psql run as the login (`runuser -u`) authenticates by peer over the socket exactly as
/// staff will. Made with useradd when missing; their own names, so that they never race the
/// shared-store tests' logins.
enum OSLogins {
    static let head = "rcpg_head", office = "rcpg_office", dsl = "rcpg_dsl", attendance = "rcpg_attend"
    /// A trust's lead: figures for every school, staff at none.
    static let trust = "rcpg_trust"
    static let all = [head, office, dsl, attendance, trust]

    /// Only root can make logins and run psql as them (CI runs as root); elsewhere the tests
    /// that need them skip, saying so.
    static var possible: Bool { TestCluster.isInstalled && getuid() == 0 }
    static let skipReason = "needs PostgreSQL and root (to create OS logins with useradd and run psql as them with runuser); CI has both"

    /// Makes the logins that are missing (once per process); throws, failing the test, if it cannot.
    static func ensure() throws {
        try made.get()
    }

    private static let made: Result<Void, Error> = Result {
        for login in all where getpwnam(login) == nil {
            try Shell.check("/usr/sbin/useradd", ["-M", "-N", "-g", "users", "-s", "/bin/sh", login])
        }
    }
}
