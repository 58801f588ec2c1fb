import ArgumentParser
import Attendance
import AttendanceStore
import Foundation
import RollcallDocuments
import SchoolGenerator

/// `rollcall-bench documents`: only the document figures (issue 13), so they can be measured
/// without the slow store and import figures. The school is generated in memory with one
/// year of marks, which is all a letter or this half-term's report reads.
struct DocumentsRun: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "documents", abstract: "Measure the PDF letters and the governors' report only.")

    @Option(help: "Pupils in the generated school.") var pupils = 1500
    @Option(help: "Random seed.") var seed: UInt64 = 1
    @Option(name: .customLong("as-of"), help: "The generated school's today.") var asOf = "2026-03-20"
    @Option(help: "Runs per figure (the median is reported).") var runs = 5
    @Flag(help: "Print one JSON object instead of a table.") var json = false

    func run() throws {
        guard let date = SchoolDate(parsing: asOf) else { throw ValidationError("--as-of is not a date") }
        var generator = SchoolGenerator(asOf: date)
        generator.name = "Benchmark School"
        generator.pupils = pupils
        generator.years = 1
        generator.seed = seed
        generator.policy = try PolicyFile.preset(PolicyFile.defaultPresetID)
        var school = generator.generate()
        school.settings.address = "1 School Lane, Leeds, LS6 1AA"
        let me = StaffMember(login: "bench", name: "Bea Benchmark", role: .head, isDSL: true)
        school.staff[me.login] = me
        let dir = NSTemporaryDirectory() + "rollcall-bench-documents-\(getpid())"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }

        let upns = school.roll.map(\.upn)
        func letter(_ upn: String) throws -> LetterPDF.Letter {
            .init(upn: upn, text: try Letters.render("attendance-1", school: school, upn: upn, asOf: date, signedBy: me))
        }
        var figures: [Figure] = []
        let one = try (0..<runs).map { i in try time { try LetterPDF.write(school: school, letter: try letter(upns[i]), to: "\(dir)/one.pdf") } }
        figures.append(Figure(name: "letter_pdf_ms", label: "one letter as a PDF (rendered, addressed, drawn, written)", value: median(one), unit: "ms", target: 100))
        let governors = try (0..<runs).map { _ in
            try time {
                let report = GovernorsReport(school: school, asOf: date)
                try GovernorsReportDocument.document(report, school: school).writePDF(to: "\(dir)/governors.pdf")
            }
        }
        figures.append(Figure(name: "governors_report_pdf_ms", label: "the governors' report as a PDF (figures, tables, chart)", value: median(governors), unit: "ms", target: 2000))
        let batch = try (0..<max(1, runs / 2)).map { _ in
            try time {
                let letters = try upns.prefix(200).map(letter)
                for l in letters { try LetterPDF.write(school: school, letter: l, to: "\(dir)/\(l.upn).pdf") }
                try LetterPDF.write(school: school, letters: letters, to: "\(dir)/all.pdf")
            }
        }
        figures.append(Figure(name: "letters_batch_200_ms", label: "a batch of 200 letters (200 PDFs and one to print)", value: median(batch), unit: "ms", target: 10_000))
        print(json ? Figure.json(figures) : Figure.table(figures))
    }
}
