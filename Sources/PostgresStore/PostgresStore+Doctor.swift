import AttendanceStore

/// `rollcall doctor`: each step of setting a school up in PostgreSQL that can be wrong,
/// checked in the order the head's guide takes them, each problem with what to do.
public enum DatabaseDoctor {
    public struct Finding: Equatable, Sendable {
        public var ok: Bool
        public var text: String
    }

    /// What is right and what is wrong with reaching `url` as this login; stops at the first
    /// step that fails, since the later ones cannot be checked without it.
    public static func examine(url: String) -> [Finding] {
        var out: [Finding] = []
        let shown = url.isEmpty ? "the database" : StoreAddress.withoutPassword(url)
        let db: PGConnection
        do { db = try PGConnection(url) } catch {
            return [Finding(ok: false, text: connectionProblem(error.message, url: shown))]
        }
        defer { db.close() }
        out.append(Finding(ok: true, text: "the server answers, and knows you as \(db.user)"))
        do {
            guard try PostgresStore.isInstalled(db) else {
                out.append(Finding(ok: false, text: "Rollcall's schema is not installed in \(shown): the database's owner runs `sudo -u postgres rollcall database install --database \(shown) --founder HEADLOGIN`"))
                return out
            }
            out.append(Finding(ok: true, text: "Rollcall's schema is installed"))
            let founder = try db.execute("SELECT pg_has_role(current_user, 'rollcall_founder', 'MEMBER')").scalar == "t"
            // Without a role at any school (nor founder) the schema is not even visible.
            let visible = try db.execute("SELECT has_schema_privilege('rollcall', 'USAGE') AND has_table_privilege('rollcall.schools', 'SELECT')").scalar == "t"
            let schools = visible ? try db.execute("SELECT id, name FROM rollcall.schools ORDER BY id").rows : []
            if schools.isEmpty {
                out.append(Finding(ok: false, text: founder
                    ? "\(db.user) is not staff at any school here yet; as the head, create yours: `rollcall init --database \(shown) --school \"NAME\"`"
                    : "\(db.user) is not staff at any school in \(shown): the head adds you (`rollcall staff add \(db.user) --name \"…\" --role …`)"))
            } else {
                let list = schools.map { "\($0[0] ?? "") (\($0[1] ?? ""))" }.joined(separator: ", ")
                out.append(Finding(ok: true, text: "\(db.user) is staff at \(list)\(schools.count > 1 ? "; choose with --school ID or $ROLLCALL_SCHOOL" : "")"))
            }
        } catch {
            out.append(Finding(ok: false, text: "\(shown) cannot be read as \(db.user): \(error)"))
        }
        return out
    }

    /// libpq's refusal to connect, said as the step of the guide that is missing.
    static func connectionProblem(_ message: String, url: String) -> String {
        let m = message.replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "\t", with: " ")
        func quoted(after key: String) -> String? {
            guard let r = m.range(of: key + " \"") else { return nil }
            return String(m[r.upperBound...].prefix { $0 != "\"" })
        }
        if m.contains("No such file or directory") || m.contains("Connection refused") || m.contains("could not translate host name") {
            return "no PostgreSQL server answers at \(url) (\(m)): install and start it (`sudo apt-get install postgresql`; `sudo systemctl start postgresql`), or check the URL's host"
        }
        if let role = quoted(after: "role"), m.contains("does not exist") {
            return "the server has no login \(role) (\(m)): the head adds you with `rollcall staff add \(role) …`, which makes it; or the database's owner runs `sudo -u postgres createuser \(role)`"
        }
        if m.contains("Peer authentication failed") {
            return "the server would not take your OS login as the database login \(quoted(after: "user") ?? "") (\(m)): connect as your own login (leave `user=` out of the URL), or the database's owner maps it in pg_ident.conf"
        }
        if m.contains("no password supplied") || m.contains("password authentication failed") || m.contains("no pg_hba.conf entry") {
            return "the server does not let you in by your OS login (peer authentication is off for this connection: \(m)): on the school's computer the database's owner puts `local all all peer` first in pg_hba.conf and reloads (`sudo systemctl reload postgresql`); from another computer, use TLS with a password (~/.pgpass) or a certificate, as the head's guide says"
        }
        if let name = quoted(after: "database"), m.contains("does not exist") {
            return "there is no database \(name) (\(m)): the database's owner creates it (`sudo -u postgres createdb \(name)`) and installs Rollcall in it (`sudo -u postgres rollcall database install --database \(url) --founder HEADLOGIN`)"
        }
        return "cannot connect to \(url): \(m)"
    }
}
