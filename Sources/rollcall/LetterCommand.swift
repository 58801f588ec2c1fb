import ArgumentParser
import Attendance
import AttendanceStore
import Foundation
import RollcallDocuments

struct LetterCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "letter",
        abstract: "Write a letter for a pupil from a template in Data/letters, with their figures; --record logs it as sent.")

    @Argument(help: "The pupil's UPN.") var upn: String
    @Argument(help: "The template id (see `rollcall letter --list A`).") var template: String
    @Option(name: .customLong("as-of"), help: "The date on the letter (default: today).") var asOf: DateArgument?
    @Option(help: "A meeting date to put in the letter.") var meeting: FollowUpDateArgument?
    @Option(help: "A review date to put in the letter.") var review: FollowUpDateArgument?
    @Option(help: "Write to this file instead of printing (.pdf or .txt chooses the format).") var out: String?
    @Option(help: "text or pdf (A4 with the school's letterhead; needs --out); default: what --out's extension names, else text.") var format: String?
    @Flag(help: "Record in the contact log that the letter was sent, and complete the case actions that asked for it.") var record = false
    @OptionGroup var storeOptions: StoreOptions

    func run() throws {
        if let format, !["text", "pdf"].contains(format) { throw ValidationError("--format is text or pdf, not \"\(format)\"") }
        let format = try OutputFormat.format(given: format, out: out, among: ["text", "pdf"], fallback: "text")
        // Refused before any work: inside the store, or a link.
        if let out { _ = try OutputFile(out, store: storeOptions.storeDirectory) }
        let date = asOf?.date ?? .today()
        let (store, me) = try storeOptions.open(as: .current(), forFiguresAsOf: date)
        let id = upn.uppercased()
        let text = try Letters.render(template, school: store.school, upn: id, asOf: date, signedBy: me,
                                      details: .init(meetingDate: meeting?.date, reviewDate: review?.date))
        if format == "pdf" {
            guard let out else { throw ValidationError("--format pdf needs --out FILE.pdf") }
            let file = try OutputFile(out, store: store.directory)
            try file.write { try LetterPDF.write(school: store.school, letter: .init(upn: id, text: text), to: $0) }
            print(file.written)
        } else if let out {
            let file = try OutputFile(out, store: store.directory)
            try file.write(text)
            print(file.written)
        } else {
            print(text)
        }
        if record {
            try store.commit(store.school.sendingLetter(upn: id, template: template, on: date), by: me)
            FileHandle.standardError.write(Data("Recorded: letter \(template) sent on \(date.spoken)\n".utf8))
        }
    }
}
