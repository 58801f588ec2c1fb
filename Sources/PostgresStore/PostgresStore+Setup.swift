import AttendanceStore

/// Setting a database up for Rollcall, as its owner (`rollcall database install`).
extension PostgresStore {
    /// True once Rollcall's schema is in the database the connection is to.
    public static func isInstalled(_ db: PGConnection) throws -> Bool {
        try db.execute("SELECT to_regnamespace('rollcall') IS NOT NULL").scalar == "t"
    }

    /// Installs the schema unless it is there (returns false then), and lets each of
    /// `founders` create schools: a login role made for each that does not exist (peer
    /// authentication only, until the owner gives it a password or certificate).
    @discardableResult
    public static func install(database url: String, founders: [String]) throws -> Bool {
        let db = try PGConnection(url)
        defer { db.close() }
        let installing = try !isInstalled(db)
        if installing {
            do { try db.transaction { try install(db) } } catch var error as PGError where error.isPermissionDenied {
                error.message = "\(db.user) may not install Rollcall's schema (\(error.message)): run it as the database's owner, a superuser, e.g. `sudo -u postgres rollcall database install --database …`"
                throw error
            }
        }
        for login in founders {
            let role = try db.quotedIdentifier(login)
            if try db.execute("SELECT 1 FROM pg_roles WHERE rolname = $1", [login]).scalar == nil {
                try db.execute("CREATE ROLE \(role) LOGIN")
            }
            try db.execute("GRANT rollcall_founder TO \(role)")
        }
        return installing
    }
}
