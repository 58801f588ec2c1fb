import Attendance

/// Reads a school calendar CSV: `kind, name, start, end[, session]` where kind is `term`,
/// `half-term` (a break inside a term) or `closure` (INSET, bank holiday; `end` and
/// `session` optional). All or nothing, like every import.
public enum CalendarImport {
    static let fields = ["kind", "name", "start", "end", "session"]

    public static func parse(_ text: String, file: String, mapping: [String: String] = [:]) throws(ImportFailure) -> SchoolCalendar {
        let table = try CSVTable.parse(text, file: file, mapping: mapping, fields: fields)
        let kindCol = table.column(["kind", "type"]), nameCol = table.column(["name", "reason"])
        let startCol = table.column(["start", "date", "from"]), endCol = table.column(["end", "to"])
        let sessionCol = table.column(["session"])
        var problems: [ImportFailure.Problem] = []
        for (n, c) in [("kind", kindCol), ("start", startCol)] where c == nil { problems.append(.init(line: 1, reason: "missing column \"\(n)\"")) }
        if !problems.isEmpty { throw ImportFailure(file: file, problems: problems + [table.layoutProblem(needs: "kind, start (and end for terms)")]) }

        var terms: [(line: Int, term: Term)] = []
        var breaks: [(line: Int, name: String, range: DateRange)] = []
        var closures: [Closure] = []
        for row in table.rows {
            func cell(_ i: Int?) -> String { i.flatMap { $0 < row.fields.count ? row.fields[$0] : nil } ?? "" }
            let kind = CSVTable.normalise(cell(kindCol)), name = cell(nameCol)
            guard let start = SchoolDate(parsing: cell(startCol)) else {
                problems.append(.init(line: row.line, reason: "start \"\(cell(startCol))\" is not a date")); continue
            }
            let endText = cell(endCol)
            let end = endText.isEmpty ? start : SchoolDate(parsing: endText)
            guard let end, end >= start else {
                problems.append(.init(line: row.line, reason: "end \"\(endText)\" is not a date on or after the start")); continue
            }
            switch kind {
            case "term":
                guard !endText.isEmpty else { problems.append(.init(line: row.line, reason: "a term needs an end date")); continue }
                terms.append((row.line, Term(name: name.isEmpty ? "Term" : name, dates: DateRange(start, end))))
            case "halfterm", "break":
                breaks.append((row.line, name, DateRange(start, end)))
            case "closure", "inset", "bankholiday":
                let sessionText = cell(sessionCol)
                let half = sessionText.isEmpty ? nil : SessionHalf(label: sessionText)
                if !sessionText.isEmpty && half == nil {
                    problems.append(.init(line: row.line, reason: "session must be AM, PM or empty, not \"\(sessionText)\"")); continue
                }
                for day in DateRange(start, end).days where !day.isWeekend {
                    closures.append(Closure(date: day, half: half, reason: name.isEmpty ? "Closed" : name))
                }
            default:
                problems.append(.init(line: row.line, reason: "kind must be term, half-term or closure, not \"\(cell(kindCol))\""))
            }
        }
        for (i, a) in terms.enumerated() {
            for b in terms[..<i] where a.term.dates.start <= b.term.dates.end && b.term.dates.start <= a.term.dates.end {
                problems.append(.init(line: a.line, reason: "term overlaps the term on line \(b.line)"))
            }
        }
        for b in breaks {
            guard let i = terms.firstIndex(where: { $0.term.dates.contains(b.range.start) && $0.term.dates.contains(b.range.end) }) else {
                problems.append(.init(line: b.line, reason: "half-term \(b.range) is not inside any term")); continue
            }
            if terms[i].term.halfTerm != nil { problems.append(.init(line: b.line, reason: "term \"\(terms[i].term.name)\" already has a half-term")); continue }
            terms[i].term.halfTerm = b.range
        }
        if terms.isEmpty, problems.isEmpty { problems.append(.init(line: 2, reason: "no terms in the file")) }
        if !problems.isEmpty { throw ImportFailure(file: file, problems: problems.sorted { $0.line < $1.line }) }
        return SchoolCalendar(terms: terms.map(\.term).sorted { $0.dates.start < $1.dates.start }, closures: closures)
    }
}
