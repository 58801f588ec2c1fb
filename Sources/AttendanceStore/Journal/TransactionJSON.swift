import Attendance
import Foundation

/// A transaction as the journal's lines write it (its changes, batched marks, reason and
/// origin), without what a line adds (seq, time, author, CRC): what the PostgreSQL store
/// keeps in each journal row, where the server sets the seq, time and author itself.
package enum TransactionJSON {
    private struct Body: Codable {
        var reason: String?
        var origin: String?
        var changes: [ChangeRecord]
        var marks: [MarkBatch]?
        /// The school's moment the change was made as of, when `--today`/`--now` fixed it.
        var schoolTime: String?
    }

    private static let encoder: JSONEncoder = {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return e
    }()

    package static func encode(_ t: Transaction, schoolTime: String? = nil) throws -> String {
        if let text = encodeMarks(t, schoolTime: schoolTime) { return text }
        return try encodeWithEncoder(t, schoolTime: schoolTime)
    }

    /// The same text, always through JSONEncoder (what `encodeMarks` must match).
    package static func encodeWithEncoder(_ t: Transaction, schoolTime: String? = nil) throws -> String {
        let r = JournalRecord(seq: 0, at: Date(timeIntervalSince1970: 0), by: StaffMember(login: "", name: "", role: .office), transaction: t)
        let body = Body(reason: r.reason, origin: r.origin, changes: r.changes, marks: r.marks, schoolTime: schoolTime)
        return String(decoding: try encoder.encode(body), as: UTF8.self)
    }

    package static func decode(_ text: String) throws -> Transaction {
        try decodeWithMoment(text).transaction
    }

    /// The origin as the audit trail shows it ("import:FILE", "undo", "migration"; nil for staff).
    package static func originText(_ origin: Transaction.Origin) -> String? { JournalRecord.origin(origin) }

    /// A transaction and the school's moment it was recorded as of (nil: the real time).
    package static func decodeWithMoment(_ text: String) throws -> (transaction: Transaction, schoolTime: String?) {
        let body = try JSONDecoder().decode(Body.self, from: Data(text.utf8))
        var r = JournalRecord(seq: 0, at: Date(timeIntervalSince1970: 0), by: StaffMember(login: "", name: "", role: .office), transaction: Transaction([]))
        r.reason = body.reason
        r.origin = body.origin
        r.changes = body.changes
        r.marks = body.marks
        return (try r.transaction, body.schoolTime)
    }

    /// The words of a transaction's sensitive entries, taken out of it: the transaction as a
    /// journal may hold it, and the words (each as `SensitiveNotes` keeps them) to store apart.
    package static func sealing(_ t: Transaction) -> (sealed: Transaction, words: [SensitiveWords]) {
        var words: [SensitiveWords] = []
        var sealed = t
        sealed.changes = t.changes.map { change in
            switch change {
            case .contact(let e) where e.sensitive:
                if let w = SensitiveNotes.words(of: e) { words.append(SensitiveWords(w)) }
                return .contact(SensitiveNotes.sealed(e))
            case .meeting(let m) where m.sensitive == true:
                if let w = SensitiveNotes.words(of: m) { words.append(SensitiveWords(w)) }
                return .meeting(SensitiveNotes.sealed(m))
            default:
                return change
            }
        }
        return (sealed, words)
    }

    /// A transaction read back, with the words of its sensitive entries filled in where
    /// `words` has them (what this login may read), and "kept for the DSL" where it does not.
    package static func filling(_ t: Transaction, words: (String) -> SensitiveWords?) -> Transaction {
        var f = t
        f.changes = t.changes.map { change in
            switch change {
            case .contact(let e) where e.heldApart == true: return .contact(SensitiveNotes.filled(e, with: words(e.id)?.words))
            case .meeting(let m) where m.heldApart == true: return .meeting(SensitiveNotes.filled(m, with: words(m.id)?.words))
            default: return change
            }
        }
        return f
    }
}

/// The words of one sensitive entry, as JSON (the same fields as the files in `sensitive/`).
package struct SensitiveWords: Equatable {
    var words: SensitiveNotes.Words
    init(_ words: SensitiveNotes.Words) { self.words = words }

    package var id: String { words.id }
    package var upn: String { words.upn }

    package var json: String {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? e.encode(words)) ?? Data("{}".utf8), as: UTF8.self)
    }

    /// Words read back; `author` is who the server recorded as writing them.
    package init(json: String, author: String) throws {
        words = try JSONDecoder().decode(SensitiveNotes.Words.self, from: Data(json.utf8))
        words.by = author
    }
}
