import Attendance
import AttendanceStore
import Foundation
import PostgresStore

/// The PostgreSQL store's figures (issue 20), on a cluster of the bench's own.
enum DatabaseFigures {
    static let schoolID = "bench"

    static func measure(school: School, fileStore: String, asOf: String, runs: Int, me: StaffMember,
                        probeFiles: (String) throws -> Double, log: (String) -> Void) throws -> [Figure] {
        let cluster = try BenchCluster()
        defer { cluster.stop() }
        let owner = try PGConnection(cluster.conninfo(user: cluster.superuser))
        try owner.execute("CREATE DATABASE rollcall")
        let ownerDB = try PGConnection(cluster.conninfo(user: cluster.superuser, database: "rollcall"))
        try PostgresStore.install(ownerDB)
        let role = try ownerDB.quotedIdentifier(me.login)
        if try ownerDB.execute("SELECT 1 FROM pg_roles WHERE rolname = $1", [me.login]).count == 0 {
            try ownerDB.execute("CREATE ROLE \(role) LOGIN")
        }
        try ownerDB.execute("GRANT rollcall_founder TO \(role)")
        let url = cluster.conninfo(user: me.login, database: "rollcall")
        var figures: [Figure] = []

        log("Loading the school into PostgreSQL…")
        let loadMs = try time { try load(school, url: url, me: me) }
        log("Loaded in \(fmt(loadMs / 1000)) s")
        let rows = try ownerDB.execute("SELECT max(seq) FROM rollcall.journal WHERE school = $1", [schoolID]).scalar ?? "?"
        let snapshots = try ownerDB.execute("SELECT string_agg(seq::text, ',' ORDER BY seq) FROM rollcall.snapshots WHERE school = $1", [schoolID]).scalar ?? "none"
        log("\(rows) journal rows; snapshots at rows \(snapshots)")
        figures.append(Figure(name: "db_load_school_s", label: "load the school into the database (one row per year of marks)", value: loadMs / 1000, unit: "s"))

        // Open to ready to draw, each in a fresh process, against the file store in the same run.
        let dbOpen = median(try (0..<runs).map { _ in try probeDatabase(url: url, asOf: asOf) })
        let filesOpen = median(try (0..<runs).map { _ in try probeFiles(fileStore) })
        figures.append(Figure(name: "db_open_store_ms", label: "database: open the school, ready to draw", value: dbOpen, unit: "ms", target: 300))
        figures.append(Figure(name: "db_open_vs_files_ratio", label: "database open ÷ file store open (\(fmt(filesOpen)) ms, same run)",
                              value: dbOpen / filesOpen, unit: "×", target: 3))

        // One durable mark, against a bare INSERT of one row, both with synchronous_commit on,
        // over the same kind of connection (the Unix socket). A mark's append is a prepared
        // statement, so the INSERT the ratio is taken against is prepared too (the stricter
        // baseline); the INSERT as PQexecParams sends it, parsed each time, is shown beside it.
        // Taken in turns of 20 of each, so that all three meet the disk alike: on a shared
        // machine its flush takes 0.1 ms one minute and 4 ms the next.
        let today = SchoolDate(parsing: asOf)!
        let store = try PostgresStore.open(database: url, school: schoolID, clock: Clock(fixedDate: today))
        let first = store.school.roll[0].upn
        let bare = try PGConnection(url.replacingOccurrences(of: "user='\(me.login)'", with: "user='\(cluster.superuser)'"))
        try bare.execute("CREATE TABLE bare_insert (id bigserial PRIMARY KEY, body text NOT NULL)")
        let body = "{\"changes\":[{\"kind\":\"mark\",\"mark\":{\"upn\":\"A123456789012\",\"session\":\"2027-04-20 AM\",\"code\":\"I\"}}]}"
        // Sessions already marked, changed with a reason (an amendment), each to a code it did not have.
        var session = Session(today.adding(days: -300), .am)
        var markTimes: [Double] = [], bareTimes: [Double] = [], unpreparedTimes: [Double] = []
        for _ in 0..<10 {
            for _ in 0..<20 {
                session = session.next
                while store.school.calendar?.whyClosed(session) != nil { session = session.next }
                let code: AttendanceCode = store.school.register.mark(for: first, at: session)?.code == .illness ? .medical : .illness
                let t = Transaction([.mark(MarkChange(upn: first, session: session, mark: Mark(code)))], reason: "bench")
                markTimes.append(try time { try store.commit(t, by: me) })
            }
            for _ in 0..<20 { bareTimes.append(try time { try bare.executePrepared("INSERT INTO bare_insert (body) VALUES ($1)", [body]) }) }
            for _ in 0..<20 { unpreparedTimes.append(try time { try bare.execute("INSERT INTO bare_insert (body) VALUES ($1)", [body]) }) }
        }
        let markMs = median(markTimes), bareMs = median(bareTimes)
        figures.append(Figure(name: "db_record_mark_ms", label: "database: record one mark durably, p50", value: markMs, unit: "ms", target: 1))
        figures.append(Figure(name: "db_bare_insert_ms", label: "bare libpq INSERT of one row, prepared, p50", value: bareMs, unit: "ms"))
        figures.append(Figure(name: "db_bare_insert_unprepared_ms", label: "the same INSERT unprepared (PQexecParams), p50", value: median(unpreparedTimes), unit: "ms"))
        figures.append(Figure(name: "db_record_mark_vs_bare_ratio", label: "record one mark ÷ bare INSERT", value: markMs / bareMs, unit: "×", target: 3))

        figures += try concurrentWriters(url: url, me: me, asOf: asOf)
        figures.append(try changeShownInTheApp(url: url, me: me, asOf: asOf))
        if let move = try storeMove(fileStore: fileStore, url: url, me: me, log: log) { figures.append(move) }
        return figures
    }

    /// Another login's change, from its commit returning to the app having it: a second store
    /// object on the school asks `hasChanges()` at the app's poll (every 500 ms, the key poll's
    /// timeout; the NOTIFY is read off the socket then) and refreshes. The change lands at a
    /// different moment of the poll each time; the median of 10.
    static func changeShownInTheApp(url: String, me: StaffMember, asOf: String) throws -> Figure {
        let today = SchoolDate(parsing: asOf)!
        let writer = try PostgresStore.open(database: url, school: schoolID, clock: Clock(fixedDate: today))
        let app = try PostgresStore.open(database: url, school: schoolID, clock: Clock(fixedDate: today))
        _ = app.hasChanges()  // the app listens from its first tick
        let upn = writer.school.roll[1].upn
        var session = Session(today.adding(days: -200), .am)
        var delays: [Double] = []
        for trial in 0..<10 {
            session = session.next
            while writer.school.calendar?.whyClosed(session) != nil { session = session.next }
            let code: AttendanceCode = writer.school.register.mark(for: upn, at: session)?.code == .illness ? .medical : .illness
            // The app's poll started some time before the change: a different phase each trial.
            let pollStarted = Date().addingTimeInterval(-Double(trial) * 0.05)
            try writer.commit(Transaction([.mark(MarkChange(upn: upn, session: session, mark: Mark(code)))], reason: "bench"), by: me)
            let committed = Date()
            var nextPoll = pollStarted
            while true {
                while nextPoll <= Date() { nextPoll = nextPoll.addingTimeInterval(0.5) }
                usleep(useconds_t(max(0, nextPoll.timeIntervalSinceNow) * 1_000_000))
                if app.hasChanges(), try app.refresh(), app.school.register.mark(for: upn, at: session)?.code == code { break }
            }
            delays.append(Date().timeIntervalSince(committed) * 1000)
        }
        return Figure(name: "db_change_shown_ms", label: "another login's change shown in the app (NOTIFY, read at the 500 ms poll)",
                      value: median(delays), unit: "ms", target: 1000)
    }

    /// `rollcall store move` of the bench's file store into the database (a new school),
    /// exports compared, by the built `rollcall` beside the bench; nil when it is not there.
    static func storeMove(fileStore: String, url: String, me: StaffMember, log: (String) -> Void) throws -> Figure? {
        let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("rollcall").path
        guard FileManager.default.isExecutableFile(atPath: binary) else {
            log("No rollcall beside the bench (build it too: swift build -c release): store move not measured")
            return nil
        }
        log("Moving the file store into the database (rollcall store move)…")
        let p = Process()
        p.executableURL = URL(fileURLWithPath: binary)
        p.arguments = ["store", "move", "--from", fileStore, "--to", url, "--school", "bench_moved"]
        var env = ProcessInfo.processInfo.environment
        env["ROLLCALL_LOGIN"] = me.login
        p.environment = env
        let out = Pipe()
        p.standardOutput = out
        p.standardError = out
        let ms = try time {
            try p.run()
            p.waitUntilExit()
        }
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        guard p.terminationStatus == 0, text.contains("Checked:") else {
            // Said, not hidden: the other figures stand, and this row is missing from the table.
            log("store move failed (exit \(p.terminationStatus)), so it is not measured: \(text)")
            return nil
        }
        return Figure(name: "db_store_move_s", label: "store move of this school into the database, exports compared", value: ms / 1000, unit: "s", target: 60)
    }

    /// The school as journal rows: the founding row, then staff, calendar and settings, the
    /// pupils, each academic year's marks, and the contact log a year at a time (each entry
    /// recorded as the bench's login: a row naming other authors is refused on reading).
    static func load(_ school: School, url: String, me: StaffMember) throws {
        let store = try PostgresStore.create(database: url, id: schoolID, name: school.name, head: me, policy: school.casework.policy)
        var setup: [Change] = school.staff.values.filter { $0.login != me.login }.sorted { $0.login < $1.login }.map(Change.staff)
        setup.append(.calendar(school.calendar))
        setup.append(.settings(school.settings))
        try store.commit(Transaction(setup), by: me)
        _ = try store.importPupils(school.roll, file: "pupils.csv", by: me)
        for year in school.register.academicYears {
            var marks: [MarkChange] = []
            for (upn, pupil) in school.register.pupils {
                guard pupil.years[year] != nil else { continue }
                var s = Session(year.firstDay, .am)
                while year.contains(s.date) {
                    if let m = pupil.mark(at: s) { marks.append(MarkChange(upn: upn, session: s, mark: m)) }
                    s = s.next
                }
            }
            _ = try store.commitMarks(MarkColumns(marks), reason: "imported from the MIS", origin: .importFile("\(year).csv"), by: me,
                                      allowingAnyDate: true) { _, _, _ in }
        }
        var byYear: [AcademicYear: [Change]] = [:]
        for entries in school.casework.contacts.values {
            for var e in entries {
                e.by = ""
                e.byName = ""
                byYear[AcademicYear(containing: e.on), default: []].append(.contact(e))
            }
        }
        for year in byYear.keys.sorted() {
            var t = Transaction(byYear[year]!)
            t.allowingAnyDate = true
            try store.commit(t, by: me)
        }
    }

    /// Opens the school in a fresh process (`probe-open-db`) and returns its milliseconds.
    static func probeDatabase(url: String, asOf: String) throws -> Double {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: CommandLine.arguments[0])
        p.arguments = ["probe-open-db", url, schoolID, asOf]
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        guard let ms = Double(String(decoding: data, as: UTF8.self).split(separator: " ").first ?? "") else {
            throw BenchError("probe-open-db failed: \(String(decoding: data, as: UTF8.self))")
        }
        return ms
    }

    /// 20 writers, each its own connection and store object on one school, 200 marks each.
    static func concurrentWriters(url: String, me: StaffMember, asOf: String) throws -> [Figure] {
        let writers = 20, each = 200
        let id = "bench_writers"
        let setup = try PostgresStore.create(database: url, id: id, name: "Writers", head: me)
        let pupils = (0..<writers).map { i in
            Pupil(upn: "W\(i)", legalSurname: "Writer", legalForename: "P\(i)", dateOfBirth: SchoolDate("2016-01-01")!,
                  yearGroup: YearGroup(3), registrationGroup: "3W")
        }
        _ = try setup.importPupils(pupils, file: "pupils.csv", by: me)
        let today = SchoolDate(parsing: asOf)!
        let stores = try (0..<writers).map { _ in SendableStore(try PostgresStore.open(database: url, school: id, clock: Clock(fixedDate: today))) }
        let failures = Atomic()
        let seconds = time {
            DispatchQueue.concurrentPerform(iterations: writers) { w in
                var s = Session(today.adding(days: -120), .am)
                for _ in 0..<each {
                    let t = Transaction([.mark(MarkChange(upn: "W\(w)", session: s, mark: Mark(s.half == .am ? .presentAM : .presentPM)))])
                    do { try stores[w].store.commit(t, by: me) } catch { failures.add() }
                    s = s.next
                }
            }
        } / 1000
        let after = try PostgresStore.open(database: url, school: id)
        var present = 0
        for w in 0..<writers {
            var s = Session(today.adding(days: -120), .am)
            for _ in 0..<each {
                if after.school.register.mark(for: "W\(w)", at: s) != nil { present += 1 }
                s = s.next
            }
        }
        let markEntries = after.auditTrail().entries.filter { if case .mark = $0.change { return true } else { return false } }.count
        let expected = writers * each
        return [
            Figure(name: "db_writers_lost", label: "20 writers × 200 marks: lost (\(failures.count) refused)", value: Double(expected - present), unit: "", target: 0.5),
            Figure(name: "db_writers_duplicated", label: "20 writers × 200 marks: duplicated", value: Double(markEntries - present), unit: "", target: 0.5),
            Figure(name: "db_writers_marks_per_s", label: "20 writers × 200 marks: throughput", value: Double(expected) / seconds, unit: "marks/s"),
        ]
    }
}

final class SendableStore: @unchecked Sendable {
    let store: PostgresStore
    init(_ store: PostgresStore) { self.store = store }
}

final class Atomic: @unchecked Sendable {
    private let lock = NSLock()
    private var n = 0
    func add() { lock.lock(); n += 1; lock.unlock() }
    var count: Int { lock.lock(); defer { lock.unlock() }; return n }
}
