import Foundation
import AttendanceStore
import PostgresStore

/// `rollcall backup` for a school in a database. The database is backed up whole by its
/// owner: roles are the cluster's, not rows, so a dump of one school's rows restores
/// nothing by itself (its group roles and their grants are missing), and staff cannot dump
/// others' rows through row-level security anyway. So: the owner's routine, said exactly;
/// and, for the head, a copy of the one school as a store directory, checked.
enum DatabaseBackup {
    static func run(url: String, school: String?, to: String?) throws {
        let name = (try? PGConnection(url).execute("SELECT current_database()").scalar).flatMap { $0 } ?? "rollcall"
        print("""
            A school in a database is backed up with the whole database, by its owner (roles are the server's, not \
            rows, so one school's rows alone do not restore). On the database's computer, as root, daily:
              install -d -m 700 /var/backups/rollcall
              sudo -u postgres pg_dumpall --roles-only > /var/backups/rollcall/roles.sql
              sudo -u postgres pg_dump --format=custom \(name) > /var/backups/rollcall/\(name)-$(date +%F).dump
            To restore into a fresh server:
              sudo -u postgres psql -f /var/backups/rollcall/roles.sql
              sudo -u postgres createdb \(name)
              sudo -u postgres pg_restore --dbname=\(name) /var/backups/rollcall/\(name)-DATE.dump
            (the head's guide, "Keeping the records safe").
            """)
        guard let to else { return }
        let (db, rows) = try StoreMoveCommand.copyOut(from: url, school: school, to: StoreLocation.resolve(option: to))
        print("Also copied school \(db.schoolID) to the store directory \(to) (\(rows) journal lines), checked: its exports of pupils, marks and casework match the database's")
    }
}
