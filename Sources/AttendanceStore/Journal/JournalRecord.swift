import Attendance
import Foundation

/// One journal line: a transaction with its sequence number, when and who. Lines end with a
/// CRC of the rest (`…,"crc":"1a2b3c4d"}`) so damage is told apart from a crash's torn tail;
/// each carries the SHA-256 of the line before it (`prev`), so a trail altered after it was
/// written does not verify.
struct JournalRecord: Codable, Equatable {
    var seq: Int
    /// ISO 8601, UTC, to the second.
    var at: String
    var by: String
    var name: String
    var role: String
    var reason: String?
    /// "import:FILE" or "migration"; absent for staff at a keyboard.
    var origin: String?
    /// The school's date and time the change was made as of ("2026-11-30 09:05"), when
    /// `--today`/`--now` fixed them apart from the real time in `at`; absent otherwise.
    var schoolTime: String?
    /// The SHA-256 (hex) of the line before this one, newline included: the hash chain that
    /// makes a line changed, removed or inserted after it was written show (`AuditChain`).
    /// 64 zeros before a store's first line; absent on lines written before the chain.
    var prev: String?
    var changes: [ChangeRecord]
    /// A transaction's marks, when there are many of them (see `MarkBatch`).
    var marks: [MarkBatch]?

    init(seq: Int, at: Date, by actor: StaffMember, transaction t: Transaction) {
        self.seq = seq
        self.at = JournalRecord.timestamp(at)
        by = actor.login
        name = actor.name
        role = actor.role.rawValue
        reason = t.reason
        origin = JournalRecord.origin(t.origin)
        let markChanges = t.changes.compactMap { if case .mark(let m) = $0 { return m } else { return nil } }
        if markChanges.count > MarkBatch.threshold {
            marks = MarkBatch.make(markChanges)
            changes = t.changes.filter { if case .mark = $0 { return false } else { return true } }.map(ChangeRecord.init)
        } else {
            changes = t.changes.map(ChangeRecord.init)
        }
    }

    /// A transaction of marks only, already batched (see `MarkColumns`).
    init(seq: Int, at: Date, by actor: StaffMember, reason: String?, origin: Transaction.Origin, marks: [MarkBatch]) {
        self.seq = seq
        self.at = JournalRecord.timestamp(at)
        by = actor.login
        name = actor.name
        role = actor.role.rawValue
        self.reason = reason
        self.origin = JournalRecord.origin(origin)
        changes = []
        self.marks = marks
    }

    static func origin(_ origin: Transaction.Origin) -> String? {
        switch origin {
        case .staff: nil
        case .importFile(let f): "import:\(f)"
        case .migration: "migration"
        case .undo: "undo"
        }
    }

    var transaction: Transaction {
        get throws {
            let o: Transaction.Origin
            if let origin, origin.hasPrefix("import:") { o = .importFile(String(origin.dropFirst(7))) }
            else if origin == "migration" { o = .migration }
            else if origin == "undo" { o = .undo } else { o = .staff }
            let batched = try (marks ?? []).flatMap { try $0.changes }.map(Change.mark)
            return Transaction(try changes.map { try $0.change } + batched, reason: reason, origin: o)
        }
    }

    static func timestamp(_ date: Date) -> String { Timestamp.iso(date) }

    // MARK: Lines

    private static let encoder: JSONEncoder = {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return e
    }()

    /// The bytes of one line, newline included.
    func line() throws -> Data {
        var body = try JournalRecord.encoder.encode(self)
        let crc = CRC32.hex(body)
        body.removeLast()  // the closing brace
        body.append(contentsOf: Array(",\"crc\":\"\(crc)\"}\n".utf8))
        return body
    }

    enum LineError: Error { case checksum, json(String) }

    /// A line's sequence number and the year it was written, checked against its CRC but not
    /// decoded: what the audit archive needs to file it.
    static func peek(_ line: Data) -> (seq: Int, year: String)? {
        let suffixLength = 18
        guard line.count > suffixLength + 20 else { return nil }
        var body = Data(line.prefix(line.count - suffixLength))
        body.append(UInt8(ascii: "}"))
        guard let crcText = String(data: line.suffix(suffixLength), encoding: .utf8),
              CRC32.hex(body) == String(crcText.dropFirst(8).prefix(8)) else { return nil }
        // Keys are sorted: "at" comes first and "seq" last.
        let head = String(decoding: line.prefix(24), as: UTF8.self)
        let tail = String(decoding: line.suffix(suffixLength + 24).prefix(24), as: UTF8.self)
        guard head.hasPrefix("{\"at\":\""), let r = tail.range(of: "\"seq\":") else { return nil }
        guard let seq = Int(tail[r.upperBound...].prefix { $0.isNumber }) else { return nil }
        return (seq, String(head.dropFirst(7).prefix(4)))
    }

    /// Parses one line (without its newline), checking the CRC first.
    static func parse(_ line: Data) throws(LineError) -> JournalRecord {
        let suffixLength = 18  // ,"crc":"xxxxxxxx"}
        guard line.count > suffixLength + 2,
              let crcText = String(data: line.suffix(suffixLength), encoding: .utf8),
              crcText.hasPrefix(",\"crc\":\""), crcText.hasSuffix("\"}") else { throw .checksum }
        var body = Data(line.prefix(line.count - suffixLength))
        body.append(UInt8(ascii: "}"))
        guard CRC32.hex(body) == String(crcText.dropFirst(8).prefix(8)) else { throw .checksum }
        do { return try JSONDecoder().decode(JournalRecord.self, from: body) } catch { throw .json("\(error)") }
    }
}

/// A change as the journal writes it: `kind` and the fields that kind needs.
struct ChangeRecord: Codable, Equatable {
    var kind: String
    var upn: String?
    var session: String?
    var mark: MarkRecord?
    var previous: MarkRecord?
    var pupil: Pupil?
    var calendar: SchoolCalendar?
    var staff: StaffMember?
    var login: String?
    var policy: Policy?
    var decision: CaseDecision?
    var actionDone: ActionDone?
    var contact: ContactLogEntry?
    var meeting: Meeting?
    var timetable: PartTimeTimetable?
    var intervention: Intervention?
    var penaltyNotice: PenaltyNoticeRequest?
    var settings: SchoolSettings?
    /// A register closure's registration group (with `session`, and `login` for who closed it).
    var group: String?

    init(kind: String) { self.kind = kind }

    init(_ change: Change) {
        switch change {
        case .mark(let m):
            self.init(kind: "mark")
            upn = m.upn
            session = m.session.storageKey
            mark = m.mark.map(MarkRecord.init)
            previous = m.previous.map(MarkRecord.init)
        case .pupil(let p):
            self.init(kind: "pupil")
            upn = p.upn
            pupil = p
        case .calendar(let c):
            self.init(kind: "calendar")
            calendar = c
        case .staff(let s):
            self.init(kind: "staff")
            staff = s
        case .staffRemoved(let login):
            self.init(kind: "staffRemoved")
            self.login = login
        case .policy(let p):
            self.init(kind: "policy")
            policy = p
        case .caseDecision(let d):
            self.init(kind: "caseDecision")
            upn = d.upn
            decision = d
        case .actionDone(let a):
            self.init(kind: "actionDone")
            upn = a.upn
            actionDone = a
        case .contact(let e):
            self.init(kind: "contact")
            upn = e.upn
            contact = e
        case .meeting(let m):
            self.init(kind: "meeting")
            upn = m.upn
            meeting = m
        case .timetable(let t):
            self.init(kind: "timetable")
            upn = t.upn
            timetable = t
        case .intervention(let i):
            self.init(kind: "intervention")
            upn = i.upn
            intervention = i
        case .penaltyNotice(let p):
            self.init(kind: "penaltyNotice")
            upn = p.upn
            penaltyNotice = p
        case .settings(let s):
            self.init(kind: "settings")
            settings = s
        case .registerClosed(let c):
            self.init(kind: "registerClosed")
            group = c.group
            session = c.session.storageKey
            login = c.by
        }
    }

    struct Unreadable: Error, CustomStringConvertible { var description: String }

    private func need<T>(_ value: T?) throws -> T {
        guard let value else { throw Unreadable(description: "a \(kind) change without its record") }
        return value
    }

    var change: Change {
        get throws {
            switch kind {
            case "mark":
                guard let upn, let key = session, let s = Session(storageKey: key) else { throw Unreadable(description: "a mark change without its pupil or session") }
                return .mark(MarkChange(upn: upn, session: s, mark: try mark?.mark, previous: try previous?.mark))
            case "pupil":
                guard let pupil else { throw Unreadable(description: "a pupil change without the pupil") }
                return .pupil(pupil)
            case "calendar": return .calendar(calendar)
            case "staff":
                guard let staff else { throw Unreadable(description: "a staff change without the member of staff") }
                return .staff(staff)
            case "staffRemoved":
                guard let login else { throw Unreadable(description: "a staff removal without a login") }
                return .staffRemoved(login: login)
            case "policy": return .policy(try need(policy))
            case "caseDecision": return .caseDecision(try need(decision))
            case "actionDone": return .actionDone(try need(actionDone))
            case "contact": return .contact(try need(contact))
            case "meeting": return .meeting(try need(meeting))
            case "timetable": return .timetable(try need(timetable))
            case "intervention": return .intervention(try need(intervention))
            case "penaltyNotice": return .penaltyNotice(try need(penaltyNotice))
            case "settings": return .settings(try need(settings))
            case "registerClosed":
                guard let group, let key = session, let s = Session(storageKey: key) else { throw Unreadable(description: "a register closure without its class or session") }
                return .registerClosed(RegisterClosure(group: group, session: s, by: login ?? ""))
            default:
                throw Unreadable(description: "unknown change kind \"\(kind)\" (written by a newer Rollcall?)")
            }
        }
    }
}

struct MarkRecord: Codable, Equatable {
    var code: String
    var minutesLate: Int?
    var comment: String?

    init(_ m: Mark) {
        code = m.code.symbol
        minutesLate = m.minutesLate
        comment = m.comment
    }

    var mark: Mark {
        get throws {
            guard let c = AttendanceCode(rawValue: code) else { throw ChangeRecord.Unreadable(description: "unknown code \(code)") }
            return Mark(c, minutesLate: minutesLate, comment: comment)
        }
    }
}
