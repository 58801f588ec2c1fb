import Attendance

/// The JSON documents of a store (see docs/store-format.md). Every document carries
/// `schemaVersion`; marks are one string per pupil per academic year, one character per
/// session slot, because hundreds of thousands of small JSON objects take seconds to read.
enum Snapshot {
    /// 1: flat files (issue-2 stores). 2: snapshot generations, journal and audit archive.
    static let schemaVersion = 2
    static let manifestName = "rollcall.json"
    static let journalName = "journal.jsonl"
    static let snapshotsDirectory = "snapshots"
    static let auditDirectory = "audit"
    static let backupsDirectory = "backups"
    /// The words of safeguarding-sensitive entries, one file each, readable only by the DSL group.
    static let sensitiveDirectory = "sensitive"
    static let schoolName = "school.json"
    static let pupilsName = "pupils.json"
    static let marksDirectory = "marks"
    static let caseworkName = "casework.json"
    static let contactsDirectory = "contacts"

    static func marksName(_ year: AcademicYear) -> String { "\(marksDirectory)/\(year).json" }
    static func contactsName(_ year: AcademicYear) -> String { "\(contactsDirectory)/\(year).json" }

    static func generationName(_ generation: Int) -> String {
        let n = String(generation)
        return "\(snapshotsDirectory)/" + String(repeating: "0", count: max(0, 6 - n.count)) + n
    }

    /// Read first, to learn which layout a store has before decoding the rest.
    struct VersionProbe: Codable { var schemaVersion: Int }

    struct Manifest: Codable {
        var schemaVersion: Int
        var format: String = "rollcall-store"
        var snapshot: SnapshotRef
        /// Journal lines up to this sequence number are copied into `audit/`.
        var archivedSeq: Int
        /// The OS groups of a store several logins share; absent for a private store.
        var sharing: StoreSharing?
        /// The SHA-256 of the journal line with sequence number `snapshot.seq` (the last one
        /// the snapshot includes): the link for the next line once the journal is emptied.
        var chainTip: String?
    }

    struct SnapshotRef: Codable, Equatable {
        var generation: Int
        /// The last journal sequence number the snapshot includes.
        var seq: Int
        /// File name within the generation → CRC-32 (hex) of its bytes.
        var files: [String: String]
    }

    struct SchoolFile: Codable {
        var schemaVersion: Int
        var name: String
        var calendar: SchoolCalendar?
        var staff: [StaffMember]
        /// Absent in stores written before settings existed: the defaults.
        var settings: SchoolSettings?
        /// Closed registers by academic year, each "CLASS|YYYY-MM-DD|AM|login" (see `ClosureString`).
        var registerClosures: [String: [String]]?
    }

    /// The policy in use and every case, meeting, timetable, intervention and penalty notice.
    struct CaseworkFile: Codable {
        var schemaVersion: Int
        var policy: Policy?
        var cases: [CaseFile]
        var meetings: [Meeting]
        var timetables: [PartTimeTimetable]
        var interventions: [Intervention]
        var penaltyNotices: [PenaltyNoticeRequest]
    }

    /// One academic year of the contact log (by the date of each contact).
    struct ContactsYear: Codable {
        var schemaVersion: Int
        var academicYear: String
        var entries: [ContactLogEntry]
    }

    struct Pupils: Codable {
        var schemaVersion: Int
        var pupils: [Pupil]
    }

    struct MarksYear: Codable {
        var schemaVersion: Int
        var academicYear: String
        /// Slot 0 is the AM session of this day; slots alternate AM, PM.
        var firstDay: SchoolDate
        var codes: [String: String]
        /// Minutes late and comments: UPN → "YYYY-MM-DD AM" → detail.
        var details: [String: [String: MarkDetail]]
    }
}

/// A closed register in the snapshot: "4A|2025-09-08|AM|osec" (class, session, who closed it).
enum ClosureString {
    static func encode(_ c: RegisterClosure) -> String { "\(c.group)|\(c.session.storageKey.replacingOccurrences(of: " ", with: "|"))|\(c.by)" }

    /// The class may itself hold "|": the last three fields are read from the end.
    static func decode(_ text: String) -> RegisterClosure? {
        var parts = text.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
        guard parts.count >= 4 else { return nil }
        let by = parts.removeLast(), half = parts.removeLast(), date = parts.removeLast()
        guard let session = Session(storageKey: "\(date) \(half)") else { return nil }
        return RegisterClosure(group: parts.joined(separator: "|"), session: session, by: by)
    }

    /// Academic year ("2025-26") → closures, in order.
    static func byYear(_ closures: [RegisterClosure]) -> [String: [String]] {
        Dictionary(grouping: closures) { $0.session.academicYear.description }.mapValues { $0.map(encode) }
    }
}

/// Conversion between a pupil's year of one-byte codes and its storage string.
enum MarkString {
    /// Storage character (as ASCII) → code byte; 0xFF for a character that is no code.
    static let byteForASCII: [UInt8] = {
        var table = [UInt8](repeating: 0xFF, count: 256)
        table[Int(AttendanceCode.noMarkStorageCharacter.asciiValue!)] = 0
        for code in AttendanceCode.allCases { table[Int(code.storageCharacter.asciiValue!)] = code.byte }
        return table
    }()

    private static let asciiForByte: [UInt8] =
        [AttendanceCode.noMarkStorageCharacter.asciiValue!] + AttendanceCode.allCases.map { $0.storageCharacter.asciiValue! }

    static func encode(_ bytes: [UInt8]) -> String {
        String(decoding: bytes.map { asciiForByte[Int($0)] }, as: UTF8.self)
    }

    /// Nil if the string has a character that is no code, or the wrong length.
    static func decode(_ text: String, expectedCount: Int) -> [UInt8]? {
        var result = [UInt8]()
        result.reserveCapacity(expectedCount)
        for ch in text.utf8 {
            let b = byteForASCII[Int(ch)]
            if b == 0xFF { return nil }
            result.append(b)
        }
        return result.count == expectedCount ? result : nil
    }
}

/// "2025-09-03 AM" ↔ Session, the key for mark details and journal lines.
extension Session {
    var storageKey: String { "\(date) \(half.label)" }

    init?(storageKey: String) {
        var key = storageKey
        if let fast = key.withUTF8({ b -> Session?? in
            guard b.count == 13, b[10] == UInt8(ascii: " "), b[12] == UInt8(ascii: "M") else { return nil }
            guard let date = SchoolDate.parseISOBytes(UnsafeBufferPointer(rebasing: b[0..<10])) else { return .some(nil) }
            switch b[11] {
            case UInt8(ascii: "A"): return Session(date, .am)
            case UInt8(ascii: "P"): return Session(date, .pm)
            default: return .some(nil)
            }
        }) {
            guard let fast else { return nil }
            self = fast
            return
        }
        let parts = storageKey.split(separator: " ")
        guard parts.count == 2, let date = SchoolDate(String(parts[0])),
              let half = SessionHalf(label: String(parts[1])) else { return nil }
        self.init(date, half)
    }
}
