import AttendanceStore

/// Setting a database up for Rollcall, as its owner (`rollcall database install`).
extension PostgresStore {
    /// True once Rollcall's schema is in the database the connection is to.
    public static func isInstalled(_ db: PGConnection) throws -> Bool {
        try db.execute("SELECT to_regnamespace('rollcall') IS NOT NULL").scalar == "t"
    }

    /// What `install(database:founders:)` did to the schema.
    public enum Installed: Equatable, Sendable {
        case installed
        /// It was installed at an older version, and is now at `Schema.version`.
        case upgraded(from: Int)
        case alreadyCurrent
    }

    /// The version of the schema installed in the database (`rollcall.schema_version()`).
    public static func installedVersion(_ db: PGConnection) throws -> Int {
        Int(try db.execute("SELECT rollcall.schema_version()").scalar ?? "") ?? 0
    }

    /// Brings a schema installed at an earlier version to `Schema.version` (as a superuser),
    /// in the caller's transaction. Version 5 differs from 6 only in the functions
    /// `Schema.appendSQL` replaces and in how snapshots are kept (`Schema.snapshotsKeepSQL`);
    /// an older one cannot be upgraded in place.
    public static func upgrade(_ db: PGConnection, from version: Int) throws {
        guard version == 5 else {
            throw PGError(message: "Rollcall's schema in this database is version \(version), which cannot be upgraded to \(Schema.version) in place: move each school out with `rollcall store move --from URL --to DIR`, install into a fresh database, and move them back")
        }
        try db.run(script: Schema.appendSQL)
        try db.run(script: Schema.snapshotsKeepSQL)
    }

    /// Installs the schema unless it is there (upgrading it when it is older), and lets each
    /// of `founders` create schools: a login role made for each that does not exist (peer
    /// authentication only, until the owner gives it a password or certificate).
    @discardableResult
    public static func install(database url: String, founders: [String]) throws -> Installed {
        let db = try PGConnection(url)
        defer { db.close() }
        var outcome = Installed.alreadyCurrent
        do {
            if try !isInstalled(db) {
                try db.transaction { try install(db) }
                outcome = .installed
            } else {
                let version = try installedVersion(db)
                if version < Schema.version {
                    try db.transaction { try upgrade(db, from: version) }
                    outcome = .upgraded(from: version)
                }
            }
        } catch var error as PGError where error.isPermissionDenied {
            error.message = "\(db.user) may not install Rollcall's schema (\(error.message)): run it as the database's owner, a superuser, e.g. `sudo -u postgres rollcall database install --database …`"
            throw error
        }
        for login in founders {
            let role = try db.quotedIdentifier(login)
            if try db.execute("SELECT 1 FROM pg_roles WHERE rolname = $1", [login]).scalar == nil {
                try db.execute("CREATE ROLE \(role) LOGIN")
            }
            try db.execute("GRANT rollcall_founder TO \(role)")
        }
        return outcome
    }
}
