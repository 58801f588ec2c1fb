import Attendance

/// Reads a marks CSV (`upn, date, session, mark[, minutes_late, comment]`) or fails listing
/// every bad row. Pre-2024 codes are accepted and kept as written.
public enum MarkImport {
    static let upnNames = ["upn", "pupil upn", "student upn"]
    static let dateNames = ["date", "session date", "attendance date", "mark date", "session start", "session start time", "date time", "datetime"]
    static let sessionNames = ["session", "am/pm", "session name", "registration"]
    static let markNames = ["mark", "code", "attendance mark", "attendance code", "session mark", "mark code"]
    // Names compare without case, spaces, underscores, hyphens or full stops, so
    // "Session.Late.Minutes" is "session late minutes" (`CSVTable.normalise`).
    static let minutesNames = ["minutes_late", "minutes late", "minutes", "late minutes", "session late minutes", "late mins",
                               "mins late", "minutes late mins", "late minutes (mins)", "lateness minutes", "late by minutes"]
    static let commentNames = ["comment", "comments", "note", "notes", "session notes", "session note", "session comment",
                               "session comments", "attendance comment", "attendance comments", "attendance notes",
                               "mark comment", "mark comments", "remark", "remarks"]
    static let timeNames = ["time", "start time", "session start", "session start time", "session time"]
    static let startNames = ["start", "start date", "week start", "week beginning", "from"]
    static let marksStringNames = ["marks", "marks string", "attendance marks", "session marks"]
    /// Every field `--map` may name.
    static let fields = ["upn", "date", "session", "mark", "minutes_late", "comment", "time", "start", "marks"]

    public static func parse(_ text: String, file: String, knownUPNs: Set<String>, mapping: [String: String] = [:]) throws(ImportFailure) -> [MarkChange] {
        try read(text, file: file, knownUPNs: knownUPNs, mapping: mapping).marks
    }

    /// Reads the file into marks, each with the line it came from, and which of the optional
    /// columns the file has (a missing one leaves the stored value alone on re-import).
    public static func read(_ text: String, file: String, knownUPNs: Set<String>, mapping: [String: String] = [:]) throws(ImportFailure) -> MarkFile {
        if !RecordXML.isXML(text), let read = try readASCII(text, file: file, knownUPNs: knownUPNs, mapping: mapping) { return read }
        return try readWithSwiftCSV(text, file: file, knownUPNs: knownUPNs, mapping: mapping)
    }

    /// Any layout, in any text, read with SwiftCSV.
    static func readWithSwiftCSV(_ text: String, file: String, knownUPNs: Set<String>, mapping: [String: String]) throws(ImportFailure) -> MarkFile {
        let table = try CSVTable.parse(text, file: file, mapping: mapping, fields: fields)
        if isMarksStrings(table) { return try readMarksStrings(table, file: file, knownUPNs: knownUPNs) }
        var rows = try MarkRows(table, file: file, knownUPNs: knownUPNs)
        for row in table.rows { rows.take(row.fields, line: row.line) }
        return try rows.finish()
    }

    /// `upn, start, marks` rather than a mark per row.
    static func isMarksStrings(_ table: CSVTable) -> Bool {
        table.column(markNames) == nil && table.column(marksStringNames) != nil && table.column(startNames) != nil
    }

    /// The one-mark-per-row layout in ASCII text (nearly every export), read byte by byte (see
    /// `ASCIIRecords`); nil for any other file, and for a header this path does not accept,
    /// which the SwiftCSV path then reads, or refuses with its own messages.
    static func readASCII(_ text: String, file: String, knownUPNs: Set<String>, mapping: [String: String]) throws(ImportFailure) -> MarkFile? {
        guard let delimiter = try CSVTable.delimiter(of: text, file: file).asciiValue else { return nil }
        var rows: MarkRows?
        let complete = ASCIIRecords.read(text, delimiter: delimiter) { fields, line in
            // A field over the limit: the SwiftCSV reader names its line (`CSVTable.fieldLimit`).
            guard CSVTable.longFields(fields, line: line).isEmpty else { return false }
            guard rows != nil else {
                guard var table = try? CSVTable(headerFields: fields, rows: [], file: file),
                      (try? table.apply(mapping, fields: MarkImport.fields, file: file)) != nil,
                      !isMarksStrings(table) else { return false }
                rows = try? MarkRows(table, file: file, knownUPNs: knownUPNs)
                // About 33 bytes a row in an export: room for them all, so the columns never regrow.
                rows?.reserve(text.utf8.count / 32)
                return rows != nil
            }
            rows!.take(fields, line: line)
            return true
        }
        guard complete, let rows else { return nil }
        return try rows.finish()
    }
}

/// The one-mark-per-row layout, row by row: each row checked, every problem kept with its
/// line, and a second mark for the same pupil and session found without a dictionary of
/// 600,000 entries.
struct MarkRows {
    let file: String
    let knownUPNs: Set<String>
    let columnCount: Int
    let upnCol: Int, dateCol: Int, markCol: Int
    let sessionCol: Int?, timeCol: Int?, minutesCol: Int?, commentCol: Int?
    /// The header's columns no field was read from, as the file names them.
    let unusedColumns: [String]
    var problems: [ImportFailure.Problem] = []
    var marks = MarkColumns()
    var lines: [Int] = []
    /// Where each pupil's marks are in `marks` (by pupil index), by academic year and slot
    /// (index + 1; 0 for none).
    private var slots: [[(year: Int, slots: [Int32])]] = []
    /// The same few dozen dates, session names and codes recur on every row: each is read once.
    private var dates: [String: ImportDateTime?] = [:]
    private var halves: [String: SessionHalf?] = [:]
    private var codes: [String: AttendanceCode?] = [:]

    init(_ table: CSVTable, file: String, knownUPNs: Set<String>) throws(ImportFailure) {
        self.file = file
        self.knownUPNs = knownUPNs
        columnCount = table.header.count
        let upnCol = table.column(MarkImport.upnNames), dateCol = table.column(MarkImport.dateNames), markCol = table.column(MarkImport.markNames)
        var problems: [ImportFailure.Problem] = []
        for (name, col) in [("upn", upnCol), ("date", dateCol), ("mark", markCol)] where col == nil {
            problems.append(.init(line: 1, reason: "missing column \"\(name)\""))
        }
        guard problems.isEmpty, let upnCol, let dateCol, let markCol else {
            throw ImportFailure(file: file, problems: problems + [table.layoutProblem(needs: "upn, date, session (or a date-time), mark")])
        }
        (self.upnCol, self.dateCol, self.markCol) = (upnCol, dateCol, markCol)
        // The session may come from the time in the date column (or a time column) instead.
        sessionCol = table.column(MarkImport.sessionNames)
        timeCol = table.column(MarkImport.timeNames)
        minutesCol = table.column(MarkImport.minutesNames)
        commentCol = table.column(MarkImport.commentNames)
        let used = Set([upnCol, dateCol, markCol, sessionCol, timeCol, minutesCol, commentCol].compactMap { $0 })
        unusedColumns = table.header.enumerated().filter { !used.contains($0.offset) && !$0.element.isEmpty }.map(\.element)
    }

    private static func memo<T>(_ cache: inout [String: T?], _ text: String, _ parse: (String) -> T?) -> T? {
        if let known = cache[text] { return known }
        let value = parse(text)
        // Date-times can differ on every row: remember only the first few thousand texts.
        if cache.count < 4096 { cache[text] = value }
        return value
    }

    mutating func reserve(_ n: Int) {
        marks.reserve(n)
        lines.reserveCapacity(n)
    }

    /// Takes a record's cells as read: they are trimmed here, and a record with nothing in it
    /// is passed over.
    mutating func take(_ fields: [String], line: Int) {
        // Trim only what needs it: most cells from an export have no surrounding spaces.
        func trimmed(_ cell: String) -> String { CSVTable.mayNeedTrim(cell) ? cell.trimmed : cell }
        guard fields.contains(where: { !trimmed($0).isEmpty }) else { return }
        func cell(_ i: Int?) -> String { i.flatMap { $0 < fields.count ? trimmed(fields[$0]) : nil } ?? "" }
        var reasons: [String] = []
        if fields.count > columnCount, fields[columnCount...].contains(where: { !trimmed($0).isEmpty }) {
            reasons.append("\(fields.count) fields but the header names \(columnCount) columns")
        }
        let upnText = cell(upnCol), dateText = cell(dateCol), sessionText = cell(sessionCol), markText = cell(markCol)
        if upnText.isEmpty { reasons.append("missing upn") }
        if dateText.isEmpty { reasons.append("missing date") }
        if markText.isEmpty { reasons.append("missing mark") }
        let upn = UPN.normalise(upnText)
        if upn == nil, !upnText.isEmpty { reasons.append("UPN \"\(upnText)\" has spaces or is too long") }
        if let upn, !knownUPNs.contains(upn) { reasons.append("no pupil with UPN \(upn) (import pupils first)") }
        let dateTime = MarkRows.memo(&dates, dateText, ImportDateTime.parse)
        let date = dateTime?.date
        if date == nil, !dateText.isEmpty { reasons.append("\"\(dateText)\" is not a date (use YYYY-MM-DD or DD/MM/YYYY, with or without a time hh:mm:ss)") }
        var half: SessionHalf?
        if !sessionText.isEmpty {
            half = MarkRows.memo(&halves, sessionText, ImportSession.half(named:))
            if half == nil { reasons.append("session must be AM or PM (or a session name with AM or PM in it), not \"\(sessionText)\"") }
        } else if date != nil {
            let timeText = cell(timeCol)
            let time = timeText.isEmpty ? dateTime?.minutes : (ImportDateTime.parse(timeText)?.minutes ?? ImportDateTime.parseTime(timeText))
            if !timeText.isEmpty, time == nil {
                reasons.append("time \"\(timeText)\" is not a time of day (hh:mm or hh:mm:ss)")
            } else if let time, time > 0 {
                half = ImportSession.half(startingAt: time)
            } else if time == 0 {
                reasons.append("\"\(timeText.isEmpty ? dateText : timeText)\" is a date-time at midnight, which says nothing about the session: give a session (AM or PM) or the session's start time")
            } else if sessionCol != nil {
                reasons.append("missing session")
            } else {
                reasons.append("no session: the file has no session column and \"\(dateText)\" has no time (name one with --map session=HEADER)")
            }
        }
        let code = MarkRows.memo(&codes, markText, AttendanceCode.init(parsing:))
        if code == nil, !markText.isEmpty { reasons.append("\"\(markText)\" is not an attendance code") }
        var minutes: Int?
        let minutesText = cell(minutesCol)
        if !minutesText.isEmpty {
            if let m = Int(minutesText), (0...300).contains(m) { minutes = m } else {
                reasons.append("minutes_late must be a whole number of minutes, not \"\(minutesText)\"")
            }
            if let code, minutes != nil, code != .lateBeforeClose, code != .lateAfterClose {
                reasons.append("minutes_late goes only with L or U, not \(code.symbol)")
            }
        }
        let comment = cell(commentCol)
        if !comment.isEmpty, let problem = EnteredText.note.problem(comment, field: "the comment") { reasons.append(problem) }
        guard reasons.isEmpty, let upn, let date, let half, let code else {
            // Every nil above has added a reason; a row with none is never dropped unreported.
            problems += (reasons.isEmpty ? ["could not be read"] : reasons).map { .init(line: line, reason: $0) }
            return
        }
        let session = Session(date, half)
        // `/` and `\` both mean present; some exports write one for both sessions.
        let mark = Mark(code.recorded(in: half), minutesLate: minutes, comment: comment.isEmpty ? nil : comment)
        let year = session.academicYear
        let p = Int(marks.index(of: upn))
        if p == slots.count { slots.append([]) }
        let y: Int
        if let known = slots[p].firstIndex(where: { $0.year == year.startYear }) { y = known } else {
            y = slots[p].count
            slots[p].append((year.startYear, [Int32](repeating: 0, count: year.sessionSlotCount)))
        }
        let slot = (date.dayNumber - year.firstDay.dayNumber) * 2 + half.rawValue
        let earlier = Int(slots[p][y].slots[slot])
        if earlier > 0 {
            if marks.mark(earlier - 1) != mark {
                problems.append(.init(line: line, reason: "a different mark for \(upn) on \(session) is on line \(lines[earlier - 1])"))
            }
            return
        }
        marks.append(pupil: Int32(p), session: session, mark: mark)
        lines.append(line)
        slots[p][y].slots[slot] = Int32(marks.count)
    }

    func finish() throws(ImportFailure) -> MarkFile {
        if !problems.isEmpty { throw ImportFailure(file: file, problems: problems) }
        var file = MarkFile(marks, lines: lines, hasMinutesLate: minutesCol != nil, hasComment: commentCol != nil)
        file.unusedColumns = unusedColumns
        return file
    }
}

extension MarkImport {
    /// The marks-string layout, `upn, start, marks`, as MIS weekly exports and the CTF write
    /// it: two characters per calendar day from `start`, AM then PM, with `#` or `-` where
    /// there is no session (nothing is recorded for those).
    static func readMarksStrings(_ table: CSVTable, file: String, knownUPNs: Set<String>) throws(ImportFailure) -> MarkFile {
        guard let upnCol = table.column(upnNames) else {
            throw ImportFailure(file: file, problems: [.init(line: 1, reason: "missing column \"upn\""), table.layoutProblem(needs: "upn, start, marks")])
        }
        let startCol = table.column(startNames)!, marksCol = table.column(marksStringNames)!
        var problems: [ImportFailure.Problem] = []
        var entries: [MarkChange] = [], lines: [Int] = []
        struct Slot: Hashable { var upn: String; var ordinal: Int }
        var seen: [Slot: (line: Int, code: AttendanceCode)] = [:]
        for row in table.rows {
            func cell(_ i: Int) -> String { i < row.fields.count ? row.fields[i] : "" }
            var reasons: [String] = []
            let upnText = cell(upnCol), startText = cell(startCol), marks = Array(cell(marksCol))
            let upn = UPN.normalise(upnText)
            if upnText.isEmpty { reasons.append("missing upn") } else if upn == nil { reasons.append("UPN \"\(upnText)\" has spaces or is too long") }
            if let upn, !knownUPNs.contains(upn) { reasons.append("no pupil with UPN \(upn) (import pupils first)") }
            let start = ImportDateTime.parse(startText)?.date
            if start == nil { reasons.append(startText.isEmpty ? "missing start" : "start \"\(startText)\" is not a date (use YYYY-MM-DD or DD/MM/YYYY)") }
            if marks.count % 2 != 0 { reasons.append("marks must hold two characters per day (AM then PM), but \"\(String(marks))\" has \(marks.count)") }
            var codes: [(Session, AttendanceCode)] = []
            if let start {
                for (i, c) in marks.enumerated() where c != "#" && c != "-" {
                    let half: SessionHalf = i % 2 == 0 ? .am : .pm
                    let session = Session(start.adding(days: i / 2), half)
                    guard let code = marksStringCode(c) else {
                        reasons.append("character \(i + 1) of the marks (\(session)), \"\(c)\", is not an attendance code"); continue
                    }
                    codes.append((session, code.recorded(in: half)))
                }
            }
            guard reasons.isEmpty, let upn else {
                problems += reasons.map { .init(line: row.line, reason: $0) }
                continue
            }
            for (session, code) in codes {
                let key = Slot(upn: upn, ordinal: session.ordinal)
                if let earlier = seen[key] {
                    if earlier.code != code { problems.append(.init(line: row.line, reason: "a different mark for \(upn) on \(session) is on line \(earlier.line)")) }
                    continue
                }
                seen[key] = (row.line, code)
                entries.append(MarkChange(upn: upn, session: session, mark: Mark(code)))
                lines.append(row.line)
            }
        }
        if !problems.isEmpty { throw ImportFailure(file: file, problems: problems) }
        return MarkFile(marks: entries, lines: lines, hasMinutesLate: false, hasComment: false)
    }
}

extension MarkImport {
    /// One character of a marks string, as the CTF writes them: the two-character codes are
    /// `c` (C1), `j` (J1), `t` (C2) and `1`–`7` (Y1–Y7); every other code is its own letter.
    static func marksStringCode(_ c: Character) -> AttendanceCode? {
        switch c {
        case "c": return .performanceAbroad
        case "j": return .interview
        case "t": return .partTimeTimetable
        case "1": return .transportNotProvided
        case "2": return .travelDisruption
        case "3": return .partOfPremisesClosed
        case "4": return .siteClosedUnexpectedly
        case "5": return .criminalJusticeDetention
        case "6": return .publicHealth
        case "7": return .otherUnavoidable
        default: return AttendanceCode(parsing: String(c))
        }
    }
}

/// A marks file as read: its marks, the line each came from, and whether it has the
/// optional columns (a re-import without one leaves the stored minutes or comment alone).
public struct MarkFile: Sendable {
    /// The marks, held compactly (a year of marks is 600,000 of them).
    var columns: MarkColumns
    public var marks: [MarkChange] { columns.changes }
    /// `lines[i]` is the line `marks[i]` starts on (empty when not known).
    public var lines: [Int]
    public var hasMinutesLate: Bool
    public var hasComment: Bool
    /// Columns of the file no field was read from: said, never dropped silently.
    public var unusedColumns: [String] = []

    /// What to tell the person importing about `unusedColumns`, with how to map one.
    public var unusedNote: String? {
        guard let first = unusedColumns.first else { return nil }
        let missing = (hasMinutesLate ? [] : ["minutes_late"]) + (hasComment ? [] : ["comment"])
        let example = missing.first ?? "FIELD"
        return "columns not used: \(unusedColumns.map { "\"\($0)\"" }.joined(separator: ", ")); to read one, name its field with --map, e.g. --map \(example)=\"\(first)\""
            + (missing.isEmpty ? " (fields: \(MarkImport.fields.joined(separator: ", ")))" : " (fields: \(missing.joined(separator: ", ")))")
    }

    public init(marks: [MarkChange], lines: [Int] = [], hasMinutesLate: Bool = true, hasComment: Bool = true) {
        self.init(MarkColumns(marks), lines: lines, hasMinutesLate: hasMinutesLate, hasComment: hasComment)
    }

    init(_ columns: MarkColumns, lines: [Int], hasMinutesLate: Bool, hasComment: Bool) {
        self.columns = columns
        self.lines = lines
        self.hasMinutesLate = hasMinutesLate
        self.hasComment = hasComment
    }
}
