import Attendance

/// A letter on A4: the school's name, address and contact details at the top, the date,
/// the letter as the template made it (its greeting names the parents with parental
/// responsibility, its signature the sender's name and role).
public enum LetterPDF {
    /// A letter to post: its text and the pupil it is about, whose parents with parental
    /// responsibility it is addressed to.
    public struct Letter: Sendable {
        public var upn: String
        public var text: String
        public init(upn: String, text: String) {
            self.upn = upn
            self.text = text
        }
    }

    public static func write(school: School, letter: Letter, to path: String) throws {
        try write(school: school, letters: [letter], to: path)
    }

    /// Several letters in one file, each starting on a new page (a batch for printing), one
    /// copy for each household where a parent with parental responsibility lives
    /// (`School.postalHouseholds`). Every letter's address is found before the file is begun,
    /// so a missing one fails the batch with the field to fill in and leaves no half-made file.
    public static func write(school: School, letters: [Letter], to path: String) throws {
        let addressed = try letters.flatMap { letter in try school.postalHouseholds(of: letter.upn).map { (letter, $0) } }
        let pdf = try PDFPages(path: path)
        for (i, (letter, to)) in addressed.enumerated() {
            if i > 0 { pdf.newPage() }
            draw(letter.text, to: to, school: school, on: pdf)
        }
        try pdf.finish()
    }

    static func draw(_ letter: String, to recipients: PostalRecipients, school: School, on pdf: PDFPages) {
        let s = school.settings
        pdf.text(school.name, font: .init(16, bold: true), align: .right)
        let head = s.headName.map { "Head teacher: \($0)" }
        for line in [s.address, [s.phone, s.email].compactMap { $0 }.joined(separator: " · "), head].compactMap({ $0 }) where !line.isEmpty {
            pdf.text(line, font: .init(9), grey: 0.3, align: .right)
        }
        pdf.rule()
        pdf.space(12)
        // Where a window envelope shows it: the parents with parental responsibility.
        pdf.text((recipients.names + recipients.addressLines).joined(separator: "\n"), font: .init(11))
        pdf.space(18)
        // The template's first line is the school's name again: the letterhead says it.
        var lines = letter.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.first?.trimmingSpaces() == school.name { lines.removeFirst() }
        for paragraph in lines.joined(separator: "\n").paragraphs {
            pdf.text(paragraph, font: .init(11))
            pdf.space(8)
        }
    }
}

extension String {
    /// Paragraphs: runs of lines separated by an empty line.
    var paragraphs: [String] {
        var out: [String] = []
        var current: [Substring] = []
        for line in split(separator: "\n", omittingEmptySubsequences: false) {
            if line.trimmingSpaces().isEmpty {
                if !current.isEmpty { out.append(current.joined(separator: "\n")); current = [] }
            } else {
                current.append(line)
            }
        }
        if !current.isEmpty { out.append(current.joined(separator: "\n")) }
        return out
    }
}
