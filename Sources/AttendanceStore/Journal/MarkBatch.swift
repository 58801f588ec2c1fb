import Attendance

/// Many marks in one journal line, written like the snapshot: per pupil and academic year, a
/// string with one character per session slot (`_` for slots the transaction does not touch),
/// and the marks they replaced in a second string. An import of a year of marks is then a
/// few megabytes of journal, not one JSON object per mark.
struct MarkBatch: Codable, Equatable {
    var upn: String
    var academicYear: String
    /// New codes: storage characters, `.` to clear, `_` untouched.
    var codes: String
    /// What each touched slot held before: storage characters, `.` for no mark.
    var previous: String
    /// Minutes late and comments of the new marks, and of the replaced ones, by session key.
    var details: [String: MarkDetail]?
    var previousDetails: [String: MarkDetail]?

    /// Above this many marks, a transaction's marks are journalled as batches (an import's marks
    /// always are: see `Store.commitMarks`).
    static let threshold = 64

    static func make(_ marks: [MarkChange]) -> [MarkBatch] {
        var groups: [String: [MarkChange]] = [:]
        var order: [String] = []
        for m in marks {
            let key = "\(m.upn)\u{0}\(m.session.academicYear.startYear)"
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(m)
        }
        return order.map { key in
            let list = groups[key]!
            let year = list[0].session.academicYear
            var codes = [UInt8](repeating: UInt8(ascii: "_"), count: year.sessionSlotCount)
            var previous = codes
            var details: [String: MarkDetail] = [:], previousDetails: [String: MarkDetail] = [:]
            for m in list {
                let slot = m.session.slotInYear
                codes[slot] = m.mark.map { $0.code.storageCharacter.asciiValue! } ?? UInt8(ascii: ".")
                previous[slot] = m.previous.map { $0.code.storageCharacter.asciiValue! } ?? UInt8(ascii: ".")
                if let d = m.mark?.detail { details[m.session.storageKey] = d }
                if let d = m.previous?.detail { previousDetails[m.session.storageKey] = d }
            }
            return MarkBatch(upn: list[0].upn, academicYear: year.description,
                             codes: String(decoding: codes, as: UTF8.self), previous: String(decoding: previous, as: UTF8.self),
                             details: details.isEmpty ? nil : details, previousDetails: previousDetails.isEmpty ? nil : previousDetails)
        }
    }

    /// The same batches from completed columns, without a `MarkChange` for each mark.
    static func make(_ marks: MarkColumns, groups: [(pupil: Int32, year: AcademicYear, marks: [(index: Int, slot: Int)])]) -> [MarkBatch] {
        let underscore = UInt8(ascii: "_"), dot = UInt8(ascii: ".")
        // The storage character of each code byte (0: none).
        let characters: [UInt8] = (0...255).map { b in AttendanceCode(byte: UInt8(b)).map { $0.storageCharacter.asciiValue! } ?? dot }
        return groups.map { group in
            var codes = [UInt8](repeating: underscore, count: group.year.sessionSlotCount)
            var previous = codes
            var details: [String: MarkDetail] = [:], previousDetails: [String: MarkDetail] = [:]
            for (i, slot) in group.marks {
                codes[slot] = characters[Int(marks.code[i])]
                previous[slot] = marks.previousCode.isEmpty ? dot : characters[Int(marks.previousCode[i])]
                if let d = marks.details[Int32(i)] { details[marks.session(i).storageKey] = d }
                if let d = marks.previousDetails[Int32(i)] { previousDetails[marks.session(i).storageKey] = d }
            }
            return MarkBatch(upn: marks.upns[Int(group.pupil)], academicYear: group.year.description,
                             codes: String(decoding: codes, as: UTF8.self), previous: String(decoding: previous, as: UTF8.self),
                             details: details.isEmpty ? nil : details, previousDetails: previousDetails.isEmpty ? nil : previousDetails)
        }
    }

    var changes: [MarkChange] {
        get throws {
            guard let year = AcademicYear(academicYear) else { throw ChangeRecord.Unreadable(description: "a mark batch for \(upn) has no academic year") }
            let new = Array(codes.utf8), old = Array(previous.utf8)
            guard new.count == year.sessionSlotCount, old.count == new.count else {
                throw ChangeRecord.Unreadable(description: "a mark batch for \(upn) has the wrong length")
            }
            let first = Session(year.firstDay, .am).ordinal
            var out: [MarkChange] = []
            for slot in 0..<new.count where new[slot] != UInt8(ascii: "_") {
                let session = Session(ordinal: first + slot)
                func mark(_ c: UInt8, _ d: MarkDetail?) throws -> Mark? {
                    if c == UInt8(ascii: ".") { return nil }
                    guard let code = AttendanceCode(storageCharacter: Character(Unicode.Scalar(c))) else {
                        throw ChangeRecord.Unreadable(description: "unknown code character in a mark batch for \(upn)")
                    }
                    return Mark(code, minutesLate: d?.minutesLate, comment: d?.comment)
                }
                out.append(MarkChange(upn: upn, session: session,
                                      mark: try mark(new[slot], details?[session.storageKey]),
                                      previous: try mark(old[slot], previousDetails?[session.storageKey])))
            }
            return out
        }
    }
}
