import Attendance
import Foundation

/// A whole school as the documents a snapshot generation holds (school.json, pupils.json,
/// casework.json, contacts/YEAR.json, marks/YEAR.json), in memory rather than in files:
/// what the PostgreSQL store keeps as its snapshots. The words of sensitive entries are
/// never in them (sealed, as in the file store's snapshots); `decode` fills them in from
/// what the reader may read.
package enum SchoolDocuments {
    private static let encoder: JSONEncoder = {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return e
    }()

    /// Every document of `school`, by name, the same school always giving the same bytes.
    package static func encode(_ school: School) throws -> [(name: String, text: String)] {
        var docs: [(name: String, text: String)] = []
        func put<T: Encodable>(_ value: T, _ name: String) throws {
            docs.append((name, String(decoding: try encoder.encode(value), as: UTF8.self)))
        }
        try put(Snapshot.schoolFile(school), Snapshot.schoolName)
        try put(Snapshot.Pupils(schemaVersion: Snapshot.schemaVersion, pupils: school.roll), Snapshot.pupilsName)
        try put(Snapshot.caseworkFile(school), Snapshot.caseworkName)
        let cw = school.casework
        var entriesByYear: [AcademicYear: [ContactLogEntry]] = [:]
        for upn in cw.contacts.keys.sorted() {
            for e in cw.contacts[upn]! { entriesByYear[AcademicYear(containing: e.on), default: []].append(SensitiveNotes.sealed(e)) }
        }
        for year in entriesByYear.keys.sorted() {
            let entries = entriesByYear[year]!.sorted { ($0.on, $0.time ?? "", $0.id) < ($1.on, $1.time ?? "", $1.id) }
            try put(Snapshot.ContactsYear(schemaVersion: Snapshot.schemaVersion, academicYear: year.description, entries: entries),
                    Snapshot.contactsName(year))
        }
        let years = Set(school.register.pupils.values.flatMap { $0.years.keys })
        for year in years.sorted() {
            try put(SnapshotIO.marksDocument(school.register, year), Snapshot.marksName(year))
        }
        return docs
    }

    /// The school the documents hold, with the words of sensitive entries that `words` gives
    /// (by entry id; the rest say they are withheld).
    /// The contact log's documents are left out (see `putContacts`): the file store, too,
    /// reads the contact log after the first frame.
    package static func decode(_ docs: [String: String], source: String, words: (String) -> SensitiveWords?) throws -> School {
        func bytes(_ name: String) throws -> [UInt8] {
            guard let text = docs[name] else { throw StoreError(file: source, "has no \(name)") }
            return Array(text.utf8)
        }
        let file = "\(source) \(Snapshot.schoolName)"
        let info = try JSONFile.decode(Snapshot.SchoolFile.self, from: Data(try bytes(Snapshot.schoolName)), file: file)
        var school = try Snapshot.school(from: info, file: file, damaged: "")
        school.load(pupils: try SnapshotReaders.pupils(try bytes(Snapshot.pupilsName), file: "\(source) \(Snapshot.pupilsName)"))
        try SnapshotReaders.casework(try bytes(Snapshot.caseworkName), file: "\(source) \(Snapshot.caseworkName)", into: &school.casework)
        for meetings in school.casework.meetings.values {
            for m in meetings where m.heldApart == true { school.casework.put(SensitiveNotes.filled(m, with: words(m.id)?.words)) }
        }
        for name in docs.keys.sorted() {
            if SnapshotIO.marksYear(of: name) != nil {
                try SnapshotReaders.marks(try bytes(name), file: "\(source) \(name)", into: &school.register)
            }
        }
        return school
    }

    /// The academic year a contact-log document holds, or nil for any other document.
    package static func contactsYear(of name: String) -> AcademicYear? { SnapshotIO.contactsYear(of: name) }

    /// Puts the entries of a contact-log document into `casework`, each one not there already
    /// (an entry recorded after the snapshot was read is newer).
    package static func putContacts(_ text: String, name: String, source: String, words: (String) -> SensitiveWords?,
                                    into casework: inout Casework) throws {
        let doc = try SnapshotReaders.contacts(Array(text.utf8), file: "\(source) \(name)")
        try JSONFile.checkVersion(doc.schemaVersion, file: "\(source) \(name)")
        for e in doc.entries where !(casework.contacts[e.upn]?.contains { $0.id == e.id } ?? false) {
            casework.put(e.heldApart == true ? SensitiveNotes.filled(e, with: words(e.id)?.words) : e)
        }
    }

    /// The academic year a marks document holds, or nil for any other document.
    package static func marksYear(of name: String) -> AcademicYear? { SnapshotIO.marksYear(of: name) }

    /// Reads a marks document into `register`.
    package static func putMarks(_ text: String, name: String, source: String, into register: inout Register) throws {
        try SnapshotReaders.marks(Array(text.utf8), file: "\(source) \(name)", into: &register)
    }
}
