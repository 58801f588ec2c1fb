import Attendance

/// The JSON documents a store directory holds (see docs/store-format.md).
/// Every document carries `schemaVersion`; marks are one string per pupil per academic
/// year, one character per session slot, because hundreds of thousands of small JSON
/// objects would take seconds to read.
enum Snapshot {
    static let schemaVersion = 1
    static let manifestName = "rollcall.json"
    static let pupilsName = "pupils.json"
    static let calendarName = "calendar.json"
    static let marksDirectory = "marks"

    static func marksName(_ year: AcademicYear) -> String { "\(marksDirectory)/\(year).json" }

    struct Manifest: Codable {
        var schemaVersion: Int
        var format: String = "rollcall-store"
        var school: SchoolInfo

        struct SchoolInfo: Codable { var name: String }
    }

    struct Pupils: Codable {
        var schemaVersion: Int
        var pupils: [Pupil]
    }

    struct Calendar: Codable {
        var schemaVersion: Int
        var calendar: SchoolCalendar
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

/// Conversion between a pupil's year of one-byte codes and its storage string.
enum MarkString {
    private static let byteForASCII: [UInt8] = {
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

/// "2025-09-03 AM" ↔ Session, the key for mark details.
extension Session {
    var storageKey: String { "\(date) \(half.label)" }

    init?(storageKey: String) {
        let parts = storageKey.split(separator: " ")
        guard parts.count == 2, let date = SchoolDate(String(parts[0])),
              let half = SessionHalf(label: String(parts[1])) else { return nil }
        self.init(date, half)
    }
}
