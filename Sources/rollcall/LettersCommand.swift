import ArgumentParser
import Attendance
import AttendanceStore
import Foundation
import RollcallDocuments

/// `rollcall letters`: one letter to every pupil in a band, stage or class (the termly
/// GREEN / AMBER / RED letters, say): a PDF each and one combined PDF for printing.
struct LettersCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "letters",
        abstract: "A letter for every pupil in a band, stage or class: one PDF each and one combined for printing; --record logs them as sent.")

    @Option(help: "The template id.") var template: String
    @Option(help: "Only pupils in this colour band of the policy (e.g. green, amber, red).") var band: String?
    @Option(help: "Only pupils with an open case at this stage.") var stage: String?
    @Option(name: .customLong("class"), help: "Only this class.") var group: String?
    @Option(help: "The folder for the PDFs.") var out: String
    @Flag(help: "Only pupils whose band's termly letter is this template and who have had no band letter this term.") var due = false
    @Flag(help: "Log each letter as sent and complete the case actions that asked for it.") var record = false
    @Option(name: .customLong("as-of"), help: "The date on the letters (default: today).") var asOf: DateArgument?
    @OptionGroup var storeOptions: StoreOptions

    func run() throws {
        let date = asOf?.date ?? .today()
        try OutputFile.refuseFolderInside(out, store: storeOptions.storeDirectory)
        let (store, me) = try storeOptions.open(as: .current(), forFiguresAsOf: date)
        let school = store.school
        let stats = school.statistics
        let dueNow = Set(school.termlyLettersDue(asOf: date).filter { $0.template == template }.map(\.upn))
        let pupils = school.roll.filter { p in
            if due, !dueNow.contains(p.upn) { return false }
            if let group, p.registrationGroup.lowercased() != group.lowercased() { return false }
            if let stage, !school.casework.cases(for: p.upn).contains(where: { $0.isOpen && $0.stage == stage }) { return false }
            if let band {
                let f = stats.figures(for: p.upn, in: Statistics.yearToDate(date))
                guard school.casework.policy?.band(forAttended: f.attended, possible: f.possible)?.name.lowercased() == band.lowercased() else { return false }
            }
            return true
        }
        guard !pupils.isEmpty else { throw CleanExit.failure("no pupil matches those filters; nothing was written") }
        // Every letter is made before any file is written: a template that cannot be filled
        // for one pupil stops the batch with its name, rather than half a batch.
        let letters = try pupils.map { LetterPDF.Letter(upn: $0.upn, text: try Letters.render(template, school: school, upn: $0.upn, asOf: date, signedBy: me)) }
        for p in pupils { _ = try school.postalRecipients(of: p.upn) }
        // Every name is checked (not inside the store, not a link) before any file is written.
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        let files = try letters.map { try OutputFile("\(out)/\(template)-\($0.upn).pdf", store: store.directory) }
        let combined = try OutputFile("\(out)/\(template)-all-\(date).pdf", store: store.directory)
        for (letter, file) in zip(letters, files) {
            try file.write { try LetterPDF.write(school: school, letter: letter, to: $0) }
        }
        try combined.write { try LetterPDF.write(school: school, letters: letters, to: $0) }
        print("Wrote \(pupils.count) letter\(pupils.count == 1 ? "" : "s") to \(out), and \(combined.path) to print")
        let replaced = (files + [combined]).filter(\.replaces)
        if !replaced.isEmpty { print("Replaced \(replaced.count) file\(replaced.count == 1 ? "" : "s") of the same name\(replaced.count == 1 ? "" : "s") that \(replaced.count == 1 ? "was" : "were") there: \(replaced.map(\.path).joined(separator: ", "))") }
        if record {
            var changes: [Change] = []
            for p in pupils { changes += school.sendingLetter(upn: p.upn, template: template, on: date).changes }
            try store.commit(Transaction(changes), by: me)
            print("Recorded \(pupils.count) letter\(pupils.count == 1 ? "" : "s") sent")
        }
    }
}
