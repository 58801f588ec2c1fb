import Attendance
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// The Common Transfer File (CTF): the DfE's XML for a pupil moving school (`docs/ctf.md`).
/// Rollcall reads and writes the parts it keeps: the pupil's identity, year, contacts, and
/// each year's attendance (the marks string from `AttendanceStartDate` and its totals).
public enum CTF {
    /// One pupil as the file describes them.
    public struct PupilRecord: Sendable {
        /// `registrationGroup` is empty: a CTF carries none for the receiving school.
        public var pupil: Pupil
        public var years: [YearRecord]
        /// The line of the pupil's `<Pupil>` element, for errors.
        public var line: Int
        /// What was read and not stored, to tell the person importing (a year with totals
        /// but no marks string).
        public var notes: [String] = []
    }

    /// `Attendance/YearData`: marks from `start`, one per session (AM, PM, every calendar day),
    /// nil where there is none, and the file's own totals.
    public struct YearRecord: Sendable, Equatable {
        public var start: SchoolDate
        public var marks: [AttendanceCode?]
        public var possible, attended, authorised, unauthorised: Int

        /// The four totals the marks add up to.
        public var countedTotals: (possible: Int, attended: Int, authorised: Int, unauthorised: Int) {
            var t = (possible: 0, attended: 0, authorised: 0, unauthorised: 0)
            for case let code? in marks {
                switch code.counting {
                case .attended: t.attended += 1; t.possible += 1
                case .authorisedAbsence: t.authorised += 1; t.possible += 1
                case .unauthorisedAbsence: t.unauthorised += 1; t.possible += 1
                case .notPossible: break
                }
            }
            return t
        }
    }

    /// The character for "no session or no mark" in a marks string. `.` is read the same way.
    public static let noMark: Character = "-"

    /// A code's one character in a marks string: its symbol, or for the two-character codes
    /// (C1, J1, C2, Y1–Y7) the single character the store also uses (c, j, t, 1–7).
    public static func character(for code: AttendanceCode) -> Character {
        code == .presentPM ? "\\" : code.storageCharacter
    }

    static func code(for c: Character) -> AttendanceCode? {
        c == "\\" ? .presentPM : AttendanceCode(storageCharacter: c)
    }

    // MARK: - Reading

    /// Reads every pupil; throws an `ImportFailure` listing every problem (a missing UPN or
    /// name, a bad date or year, an unknown mark, marks that do not add up to the file's
    /// totals). Nothing is returned unless the whole file is good.
    public static func parse(_ data: Data, file: String) throws -> [PupilRecord] {
        let root = try XMLTree.parse(data, file: file)
        guard root.name == "CTfile" else {
            throw ImportFailure(file: file, problems: [.init(line: root.line, reason: "not a Common Transfer File (the root element is <\(root.name)>, not <CTfile>)")])
        }
        var problems: [ImportFailure.Problem] = []
        var records: [PupilRecord] = []
        for p in root.child("CTFpupilData")?.children(named: "Pupil") ?? [] {
            var errors: [String] = []
            let upn = p.text("UPN").uppercased()
            let surname = p.text("Surname"), forename = p.text("Forename")
            let who = upn.isEmpty ? "a pupil" : "\(upn) (\(surname), \(forename))"
            if upn.isEmpty { errors.append("pupil with no UPN") }
            if surname.isEmpty || forename.isEmpty { errors.append("\(who): no Surname or Forename") }
            let dob = SchoolDate(parsing: p.text("DOB"))
            if dob == nil { errors.append("\(who): DOB \"\(p.text("DOB"))\" is not a date (YYYY-MM-DD)") }
            let details = p.child("BasicDetails")
            let yearText = details?.text("NCyearActual") ?? p.text("NCyearActual")
            let year = YearGroup(parsing: yearText)
            if year == nil { errors.append("\(who): NCyearActual \"\(yearText)\" is not a year group (N1, N2, R, 1–14)") }
            let preferred = details?.text("PreferredForename") ?? ""

            var contacts: [Contact] = []
            let contactNodes = (p.child("Contacts")?.children(named: "Contact") ?? [])
                .sorted { (Int($0.text("Order")) ?? 99) < (Int($1.text("Order")) ?? 99) }
            for c in contactNodes {
                let name = [c.text("Title"), c.text("Forename"), c.text("Surname")].filter { !$0.isEmpty }.joined(separator: " ")
                guard !name.isEmpty else { continue }
                let phones = (c.child("Phones")?.children(named: "Phone") ?? []).map { $0.text("PhoneNo") }.filter { !$0.isEmpty }
                let responsibility = ["true", "1", "y", "yes"].contains(c.text("Responsibility").lowercased())
                contacts.append(Contact(name: name, relationship: relationshipName(c.text("Relationship")), phones: phones,
                                        parentalResponsibility: responsibility, livesWithPupil: false))
            }

            var years: [YearRecord] = []
            var notes: [String] = []
            for y in p.child("Attendance")?.children(named: "YearData") ?? [] {
                // The DfE's CTF puts the marks inside <AttendSessions>; older files (and
                // Rollcall's own before 2026) put them directly in <YearData>. Both are read.
                func session(_ name: String) -> String {
                    let inside = y.child("AttendSessions")?.text(name) ?? ""
                    return inside.isEmpty ? y.text(name) : inside
                }
                let marksText = session("AttendanceMarks")
                guard !marksText.isEmpty else {
                    // Totals alone (an earlier school's year) give Rollcall nothing to store: said, not dropped.
                    if !y.text("SessionsPossible").isEmpty {
                        let year = y.text("Year").isEmpty ? "from \(session("AttendanceStartDate"))" : y.text("Year")
                        notes.append("\(who): the year \(year) has totals (\(y.text("SessionsPossible")) possible) but no marks string: not stored")
                    }
                    continue
                }
                guard let start = SchoolDate(parsing: session("AttendanceStartDate")) else {
                    errors.append("\(who): AttendanceStartDate \"\(session("AttendanceStartDate"))\" is not a date")
                    continue
                }
                var marks: [AttendanceCode?] = []
                var unknown: Set<Character> = []
                for ch in marksText where !ch.isWhitespace {
                    if ch == noMark || ch == "." { marks.append(nil); continue }
                    guard let code = code(for: ch) else { unknown.insert(ch); marks.append(nil); continue }
                    marks.append(code)
                }
                if !unknown.isEmpty {
                    errors.append("\(who): AttendanceMarks from \(start) holds characters that are not marks: \(unknown.sorted().map(String.init).joined(separator: " "))")
                }
                func total(_ name: String) -> Int? { Int(y.text(name)) }
                guard let possible = total("SessionsPossible"), let authorised = total("SessionsAuthorised"),
                      let unauthorised = total("SessionsUnauthorised") else {
                    errors.append("\(who): the year from \(start) lacks SessionsPossible, SessionsAuthorised or SessionsUnauthorised")
                    continue
                }
                // SessionsAttended is optional in older files: possible less absence.
                let attended = total("SessionsAttended") ?? possible - authorised - unauthorised
                let record = YearRecord(start: start, marks: marks, possible: possible, attended: attended,
                                        authorised: authorised, unauthorised: unauthorised)
                let c = record.countedTotals
                if (c.possible, c.attended, c.authorised, c.unauthorised) != (possible, attended, authorised, unauthorised) {
                    errors.append("\(who): the marks from \(start) do not add up to the file's totals: the marks give possible \(c.possible), attended \(c.attended), authorised \(c.authorised), unauthorised \(c.unauthorised); the file says possible \(possible), attended \(attended), authorised \(authorised), unauthorised \(unauthorised)")
                }
                years.append(record)
            }
            if !errors.isEmpty { problems += errors.map { .init(line: p.line, reason: $0) }; continue }
            let pupil = Pupil(upn: upn, legalSurname: surname, legalForename: forename,
                              preferredName: preferred.isEmpty || preferred == forename ? nil : preferred,
                              dateOfBirth: dob!, yearGroup: year!, registrationGroup: "", contacts: contacts)
            records.append(PupilRecord(pupil: pupil, years: years, line: p.line, notes: notes))
        }
        let upns = records.map(\.pupil.upn)
        for (upn, n) in Dictionary(upns.map { ($0, 1) }, uniquingKeysWith: +) where n > 1 {
            problems.append(.init(line: records.first { $0.pupil.upn == upn }!.line, reason: "\(upn) appears \(n) times"))
        }
        if !problems.isEmpty { throw ImportFailure(file: file, problems: problems.sorted { $0.line < $1.line }) }
        if records.isEmpty { throw ImportFailure(file: file, problems: [.init(line: root.line, reason: "no <Pupil> in <CTFpupilData>")]) }
        return records
    }

    /// The CBDS relationship codes, as words; anything else is kept as written.
    static let relationships: [(code: String, name: String)] = [
        ("PAM", "Mother"), ("PAF", "Father"), ("STM", "Step-mother"), ("STF", "Step-father"),
        ("FOM", "Foster mother"), ("FOF", "Foster father"), ("CAR", "Carer"), ("DOC", "Doctor"),
        ("CHM", "Childminder"), ("REL", "Relative"), ("SWR", "Social worker"), ("OTH", "Other contact"),
    ]

    static func relationshipName(_ code: String) -> String {
        relationships.first { $0.code == code.uppercased() }?.name ?? (code.isEmpty ? "Contact" : code)
    }

    static func relationshipCode(_ name: String) -> String {
        relationships.first { $0.name.lowercased() == name.lowercased() }?.code ?? name
    }

    /// The marks to store and the pupils to add or update: pupils already in `school` keep
    /// their registration group; new ones go into `group` (nil refuses them, naming them).
    public static func changes(_ records: [PupilRecord], into school: School, group: String?, file: String) throws -> [Change] {
        let (pupils, marks) = try changes(records, into: school, group: group, file: file)
        return pupils + marks.changes.map(Change.mark)
    }

    /// The pupils to add or update, and the marks as columns (a CTF of 200 pupils can carry
    /// 250,000 marks: see `MarkColumns`).
    static func changes(_ records: [PupilRecord], into school: School, group: String?, file: String) throws -> (pupils: [Change], marks: MarkColumns) {
        let lacking = records.filter { school.pupils[$0.pupil.upn] == nil }
        if !lacking.isEmpty && (group ?? "").trimmingSpaces().isEmpty {
            throw ImportFailure(file: file, problems: lacking.map {
                .init(line: $0.line, reason: "\($0.pupil.upn) (\($0.pupil.listName)) has no registration group in this school: give --reg-group GROUP")
            })
        }
        var changes: [Change] = []
        var marks = MarkColumns()
        marks.reserve(records.reduce(0) { $0 + $1.years.reduce(0) { $0 + $1.marks.count } })
        for r in records {
            var p = r.pupil
            p.registrationGroup = school.pupils[p.upn]?.registrationGroup ?? group!.trimmingSpaces()
            if let old = school.pupils[p.upn] { p.flags = old.flags; if p.contacts.isEmpty { p.contacts = old.contacts } }
            if school.pupils[p.upn] != p { changes.append(.pupil(p)) }
            let pupil = marks.index(of: p.upn)
            let stored = school.register[p.upn]
            for y in r.years {
                let first = Session(y.start, .am).ordinal
                for (i, code) in y.marks.enumerated() {
                    guard let code else { continue }
                    let session = Session(ordinal: first + i)
                    let mark = Mark(code)
                    if stored?.mark(at: session) == mark { continue }
                    marks.append(pupil: pupil, session: session, mark: mark)
                }
            }
        }
        return (changes, marks)
    }
}

/// What a CTF import stored.
public struct CTFImportResult: Equatable, Sendable {
    public var pupils: Int
    public var added: Int
    public var marksRead: Int
    public var marksStored: Int
    /// What the file held that was not stored (see `CTF.PupilRecord.notes`).
    public var notes: [String] = []
}

extension Store {
    public typealias CTFImportResult = AttendanceStore.CTFImportResult
}

extension SchoolStore {
    /// Stores a CTF's pupils and marks, all or nothing. The domain checks marks against pupils
    /// already stored, so the pupils are committed first; but the marks are checked against the
    /// school as it will be before either is committed, so a refusal stores nothing.
    /// `allowingAnyDate`: the file's marks outside the years this school holds (a joiner's
    /// earlier years at another school) are meant.
    public func importCTF(_ records: [CTF.PupilRecord], file: String, regGroup: String?, by actor: StaffMember,
                          allowingAnyDate: Bool = false) throws -> CTFImportResult {
        try loadAllYears()
        let before = school
        let (pupilChanges, marks) = try CTF.changes(records, into: before, group: regGroup, file: file)
        let reason = "imported from \(file)"
        let pupils = Transaction(pupilChanges, reason: reason, origin: .importFile(file))
        try before.check(pupils, by: actor, today: today)
        var after = before
        after.apply(pupils)
        let today = today
        for i in 0..<marks.count {
            try after.check(marks[i], by: actor, today: today, hasReason: true, origin: .importFile(file), allowingAnyDate: allowingAnyDate)
        }
        if !pupilChanges.isEmpty { try commit(pupils, by: actor) }
        if marks.count > 0 { _ = try commitMarks(marks, reason: reason, origin: .importFile(file), by: actor, allowingAnyDate: allowingAnyDate) { _, _, _ in } }
        return CTFImportResult(pupils: records.count, added: records.filter { before.pupils[$0.pupil.upn] == nil }.count,
                               marksRead: records.reduce(0) { $0 + $1.years.reduce(0) { $0 + $1.marks.compactMap { $0 }.count } },
                               marksStored: marks.count, notes: records.flatMap(\.notes))
    }
}

/// The little of a DOM the CTF needs, built with Foundation's `XMLParser`.
final class XMLTree: NSObject, XMLParserDelegate {
    final class Node {
        let name: String
        let line: Int
        var children: [Node] = []
        var text = ""
        init(name: String, line: Int) { self.name = name; self.line = line }

        func child(_ name: String) -> Node? { children.first { $0.name == name } }
        func children(named name: String) -> [Node] { children.filter { $0.name == name } }
        /// The trimmed text of the first child with this name, or "".
        func text(_ name: String) -> String { child(name)?.text.trimmingSpaces() ?? "" }
    }

    private var stack: [Node] = []
    private var root: Node?
    /// How deep elements may nest. A CTF goes about eight deep; a file 50,000 deep built a
    /// tree whose recursive release overflowed the stack (SIGSEGV). Deeper is refused.
    static let maxDepth = 64
    /// The line of the first element nested deeper than `maxDepth`.
    private var tooDeepAt: Int?
    /// The first error the parser reported, and its line: on Linux `parse()` can return true
    /// after one (a file cut short is then "read" up to where it stops).
    private var firstError: (code: Int, line: Int)?

    static func parse(_ data: Data, file: String) throws -> Node {
        // Bytes that crash Foundation's XMLParser on Linux are refused first (see `XMLInput`).
        if let refused = XMLInput.problem(data) {
            throw ImportFailure(file: file, problems: [.init(line: refused.line, reason: "\(refused.reason); nothing was imported from it")])
        }
        let tree = XMLTree()
        let parser = XMLParser(data: data)
        parser.delegate = tree
        let finished = parser.parse()
        if let line = tree.tooDeepAt {
            throw ImportFailure(file: file, problems: [.init(line: line, reason: "elements are nested more than \(maxDepth) deep here, which no Common Transfer File is; nothing was imported from it")])
        }
        let failed = tree.firstError ?? (finished ? nil : (parser.parserError.map { ($0 as NSError).code } ?? 0, parser.lineNumber))
        if let failed {
            throw ImportFailure(file: file, problems: [.init(line: failed.line, reason: "not well-formed XML (\(RecordXML.problem(failed.code))); nothing was imported from it")])
        }
        guard let root = tree.root else {
            throw ImportFailure(file: file, problems: [.init(line: 1, reason: "not an XML document: it has no root element")])
        }
        // Every element opened must be closed: a file cut short is not a CTF.
        if let open = tree.stack.last {
            throw ImportFailure(file: file, problems: [.init(line: parser.lineNumber, reason: "the file ends inside <\(open.name)> (opened on line \(open.line)): it was cut short; nothing was imported from it")])
        }
        return root
    }

    func parser(_ parser: XMLParser, parseErrorOccurred error: Error) {
        if firstError == nil { firstError = ((error as NSError).code, parser.lineNumber) }
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
        guard stack.count < XMLTree.maxDepth else {
            if tooDeepAt == nil { tooDeepAt = parser.lineNumber }
            parser.abortParsing()
            return
        }
        let local = name.split(separator: ":").last.map(String.init) ?? name
        let node = Node(name: local, line: parser.lineNumber)
        stack.last?.children.append(node)
        if root == nil { root = node }
        stack.append(node)
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        if !stack.isEmpty { stack.removeLast() }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        stack.last?.text += string
    }
}
