import Attendance

/// The attendance certificate Letters 1 and 2 enclose: the register grid for a period
/// (weeks down; Monday to Friday, morning and afternoon, across), every mark as its code,
/// closures and non-school days shaded; totals by category, the attendance percentage and a
/// key to the codes used. The totals are `Statistics.figures`, the same as `rollcall stats`.
public enum CertificatePDF {
    public static func write(school: School, upn: String, range: DateRange, to path: String) throws {
        guard let pupil = school.pupils[upn] else { throw DocumentError("no pupil with UPN \(upn)") }
        let stats = school.statistics
        let figures = stats.figures(for: upn, in: range)
        let pdf = try PDFPages(path: path)
        pdf.text(school.name, font: .init(16, bold: true))
        if let address = school.settings.address { pdf.text(address, font: .init(10), grey: 0.3) }
        pdf.space(8)
        pdf.text("Attendance certificate", font: .init(14, bold: true))
        pdf.text("\(pupil.fullName)  ·  \(pupil.yearGroup)  ·  \(pupil.registrationGroup)  ·  UPN \(pupil.upn)", font: .init(11))
        pdf.text("\(range.start.spoken) to \(range.end.spoken)", font: .init(10), grey: 0.3)
        pdf.space(10)

        // The grid: a row per week, two cells a day.
        let cell = 18.0, rowHeight = 14.0, labelWidth = 70.0
        let days = ["Mon", "Tue", "Wed", "Thu", "Fri"]
        var x = pdf.margin + labelWidth
        for d in days {
            pdf.text(d, x: x, width: cell * 2, font: .init(8, bold: true), advance: false, align: .centre)
            x += cell * 2 + 2
        }
        pdf.space(rowHeight)
        var monday = range.start.weekStart
        while monday <= range.end {
            pdf.keep(rowHeight)
            let rowY = pdf.y
            pdf.text(monday.spoken, x: pdf.margin, width: labelWidth, font: .init(8), grey: 0.3, advance: false)
            x = pdf.margin + labelWidth
            for offset in 0..<5 {
                let day = monday.adding(days: offset)
                for half in SessionHalf.allCases {
                    let session = Session(day, half)
                    let inRange = range.contains(day)
                    let mark = inRange ? school.register.mark(for: upn, at: session) : nil
                    let open = inRange && stats.schoolDays.isOpen(session)
                    if !inRange || (!open && mark == nil) {
                        pdf.box(x: x, y: rowY, width: cell - 1, height: rowHeight - 1, grey: 0.88)
                    } else if mark?.code.counting == .notPossible {
                        pdf.box(x: x, y: rowY, width: cell - 1, height: rowHeight - 1, grey: 0.93)
                    }
                    if let code = mark?.code {
                        let y = pdf.y
                        pdf.text(code.symbol, x: x, width: cell - 1, font: .init(8, bold: code.counting == .unauthorisedAbsence), advance: false, align: .centre)
                        pdf.y = y
                    }
                    x += cell
                }
                x += 2
            }
            pdf.space(rowHeight)
            monday = monday.adding(days: 7)
        }

        // Totals, the same figures `rollcall stats` gives.
        pdf.space(10)
        pdf.keep(120)
        pdf.text("Totals", font: .init(12, bold: true))
        let totals: [(String, Int)] = [
            ("Possible sessions", figures.possible), ("Present (including late before the register closed)", figures.attended),
            ("Authorised absence", figures.authorisedAbsence), ("Unauthorised absence", figures.unauthorisedAbsence),
            ("Late (L before the register closed, U after)", figures.lateSessions), ("Not possible (closures, not on roll …)", notPossible(figures)),
        ]
        for (label, n) in totals { pdf.text("\(label): \(n)", font: .init(10)) }
        pdf.text("Attendance: \(PercentText.attendance(figures))%", font: .init(12, bold: true))
        pdf.space(10)
        pdf.keep(60)
        pdf.text("Key to the codes", font: .init(11, bold: true))
        for (code, n) in figures.codesUsed where n > 0 {
            pdf.text("\(code.symbol)  \(code.meaning) (\(n))", font: .init(9))
        }
        pdf.text("Shaded: no session (weekend, holiday, closure) or not a possible session.", font: .init(9), grey: 0.3)
        try pdf.finish()
    }

    static func notPossible(_ f: AttendanceFigures) -> Int {
        AttendanceCode.allCases.filter { $0.counting == .notPossible }.reduce(0) { $0 + f.count($1) }
    }
}
