import Attendance
import Foundation

/// A school's records in a directory of JSON documents.
public final class Store {
    public let path: String
    public private(set) var school: School
    private var dirtyYears: Set<AcademicYear> = []

    private init(path: String, school: School) {
        self.path = path
        self.school = school
    }

    func file(_ name: String) -> String { "\(path)/\(name)" }

    // MARK: Create and open

    /// Creates an empty store; refuses a directory that already holds one.
    public static func create(at path: String, schoolName: String) throws -> Store {
        let store = Store(path: path, school: School(name: schoolName))
        if SafeFile.exists(store.file(Snapshot.manifestName)) {
            throw StoreError(file: path, "already holds a Rollcall store; open it instead, or choose another directory")
        }
        try SafeFile.makeDirectory(path)
        try SafeFile.makeDirectory(store.file(Snapshot.marksDirectory))
        try store.writePupils()
        try store.writeManifest()
        return store
    }

    public static func open(at path: String) throws -> Store {
        let manifestPath = "\(path)/\(Snapshot.manifestName)"
        guard SafeFile.exists(manifestPath) else {
            throw StoreError(file: path, "is not a Rollcall store (no \(Snapshot.manifestName)); create one with `rollcall init --store \(path) --school NAME`")
        }
        let manifest = try decode(Snapshot.Manifest.self, at: manifestPath)
        try checkVersion(manifest.schemaVersion, file: manifestPath)
        var school = School(name: manifest.school.name)

        let pupilsPath = "\(path)/\(Snapshot.pupilsName)"
        let pupils = try decode(Snapshot.Pupils.self, at: pupilsPath)
        try checkVersion(pupils.schemaVersion, file: pupilsPath)
        for p in pupils.pupils { school.upsert(p) }

        let calendarPath = "\(path)/\(Snapshot.calendarName)"
        if SafeFile.exists(calendarPath) {
            let cal = try decode(Snapshot.Calendar.self, at: calendarPath)
            try checkVersion(cal.schemaVersion, file: calendarPath)
            school.calendar = cal.calendar
        }

        let marksDir = "\(path)/\(Snapshot.marksDirectory)"
        let names = (try? FileManager.default.contentsOfDirectory(atPath: marksDir)) ?? []
        for name in names.sorted() where name.hasSuffix(".json") {
            try loadMarks(from: "\(marksDir)/\(name)", into: &school.register)
        }
        return Store(path: path, school: school)
    }

    private static func loadMarks(from file: String, into register: inout Register) throws {
        let doc = try decode(Snapshot.MarksYear.self, at: file)
        try checkVersion(doc.schemaVersion, file: file)
        guard let year = AcademicYear(doc.academicYear), year.firstDay == doc.firstDay else {
            throw StoreError(file: file, "academicYear \(doc.academicYear) does not start on \(doc.firstDay)")
        }
        for (upn, text) in doc.codes {
            guard let bytes = MarkString.decode(text, expectedCount: year.sessionSlotCount) else {
                throw StoreError(file: file, "the marks of \(upn) are damaged (unknown character or wrong length); restore this file from a backup")
            }
            register.load(upn: upn, year: year, bytes: bytes)
        }
        for (upn, byKey) in doc.details {
            for (key, detail) in byKey {
                guard let session = Session(storageKey: key), year.contains(session.date) else {
                    throw StoreError(file: file, "detail key \"\(key)\" for \(upn) is not a session of \(year)")
                }
                register.loadDetail(upn: upn, session: session, detail: detail)
            }
        }
    }

    static func checkVersion(_ version: Int, file: String) throws {
        if version > Snapshot.schemaVersion {
            throw StoreError(file: file, "was written by a newer Rollcall (schemaVersion \(version); this one reads up to \(Snapshot.schemaVersion)); upgrade Rollcall to open it")
        }
    }

    static func decode<T: Decodable>(_ type: T.Type, at file: String) throws -> T {
        let data = try SafeFile.read(file)
        do {
            return try JSONDecoder().decode(type, from: data)
        } catch let error as DecodingError {
            throw StoreError(file: file, "is damaged: \(describe(error)); restore it from a backup (nothing was changed)")
        } catch {
            throw StoreError(file: file, "is damaged: \(error); restore it from a backup (nothing was changed)")
        }
    }

    static func describe(_ error: DecodingError) -> String {
        func path(_ ctx: DecodingError.Context) -> String {
            let p = ctx.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
            return p.isEmpty ? "" : " at \(p)"
        }
        switch error {
        case .dataCorrupted(let ctx):
            let underlying = (ctx.underlyingError as NSError?)?.userInfo["NSDebugDescription"] as? String
            return "invalid JSON\(path(ctx)) (\(underlying ?? ctx.debugDescription))"
        case .keyNotFound(let key, let ctx): return "missing \"\(key.stringValue)\"\(path(ctx))"
        case .typeMismatch(_, let ctx), .valueNotFound(_, let ctx): return "\(ctx.debugDescription)\(path(ctx))"
        @unknown default: return "\(error)"
        }
    }

    // MARK: Changes

    /// Adds or updates pupils by UPN and saves; returns how many were new and updated.
    public func apply(pupils: [Pupil]) throws -> (added: Int, updated: Int) {
        var added = 0, updated = 0
        for p in pupils {
            let existed = school.pupils[p.upn] != nil
            if school.upsert(p) { if existed { updated += 1 } else { added += 1 } }
        }
        if added + updated > 0 { try writePupils() }
        return (added, updated)
    }

    /// Records marks and saves the academic years they touch; marks equal to what is
    /// stored change nothing. Returns how many were new and how many replaced another.
    public func apply(marks: [MarkEntry]) throws -> (added: Int, changed: Int) {
        var added = 0, changed = 0
        for entry in marks {
            let current = school.register.mark(for: entry.upn, at: entry.session)
            guard current != entry.mark else { continue }
            school.register.record(entry.mark, for: entry.upn, at: entry.session)
            dirtyYears.insert(entry.session.academicYear)
            if current == nil { added += 1 } else { changed += 1 }
        }
        try writeDirtyYears()
        return (added, changed)
    }

    public func setCalendar(_ calendar: SchoolCalendar?) throws {
        school.calendar = calendar
        if let calendar {
            try write(Snapshot.Calendar(schemaVersion: Snapshot.schemaVersion, calendar: calendar), to: Snapshot.calendarName)
        } else {
            unlink(file(Snapshot.calendarName))
        }
    }

    // MARK: Writing

    private func writeManifest() throws {
        try write(Snapshot.Manifest(schemaVersion: Snapshot.schemaVersion, school: .init(name: school.name)),
                  to: Snapshot.manifestName)
    }

    private func writePupils() throws {
        try write(Snapshot.Pupils(schemaVersion: Snapshot.schemaVersion, pupils: school.roll), to: Snapshot.pupilsName)
    }

    private func writeDirtyYears() throws {
        for year in dirtyYears.sorted() {
            var codes: [String: String] = [:]
            var details: [String: [String: MarkDetail]] = [:]
            for (upn, pupil) in school.register.pupils {
                if let bytes = pupil.bytes(for: year), bytes.contains(where: { $0 != 0 }) {
                    codes[upn] = MarkString.encode(bytes)
                }
                for (ordinal, detail) in pupil.details {
                    let s = Session(ordinal: ordinal)
                    if year.contains(s.date) { details[upn, default: [:]][s.storageKey] = detail }
                }
            }
            try write(Snapshot.MarksYear(schemaVersion: Snapshot.schemaVersion, academicYear: year.description,
                                         firstDay: year.firstDay, codes: codes, details: details),
                      to: Snapshot.marksName(year))
        }
        dirtyYears.removeAll()
    }

    private func write<T: Encodable>(_ value: T, to name: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        try SafeFile.replace(file(name), with: try encoder.encode(value))
    }
}

/// One mark to record: who, which session, what.
public struct MarkEntry: Hashable, Sendable {
    public var upn: String
    public var session: Session
    public var mark: Mark

    public init(upn: String, session: Session, mark: Mark) {
        self.upn = upn
        self.session = session
        self.mark = mark
    }
}
