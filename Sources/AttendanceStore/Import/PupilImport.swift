import Attendance

/// Reads a pupils CSV (docs/csv-formats.md) into pupils, or fails listing every bad row.
public enum PupilImport {
    static let required: [(field: String, names: [String])] = [
        ("UPN", ["UPN"]),
        ("Surname", ["Surname", "Legal Surname", "Last Name"]),
        ("Forename", ["Forename", "Legal Forename", "First Name"]),
        ("Date of Birth", ["Date of Birth", "DOB"]),
        ("Year Group", ["Year Group", "Year", "NC Year", "NC Year Actual", "National Curriculum Year", "Year Group Actual"]),
        ("Reg Group", ["Reg Group", "Registration Group", "Reg", "Tutor Group", "Form Group", "Reg Form",
                       "Registration Form", "Form", "Class"]),
    ]

    static let flagColumns: [(VulnerabilityFlags.Flag, [String])] = [
        (.senSupport, ["SEN Support"]), (.ehcp, ["EHCP", "EHC Plan"]),
        (.pupilPremium, ["Pupil Premium", "PP"]), (.freeSchoolMeals, ["FSM", "Free School Meals"]),
        (.childInNeed, ["CIN", "Child in Need"]), (.childProtection, ["CP", "Child Protection"]),
        (.lookedAfter, ["CLA", "LAC", "Looked After"]), (.englishAdditionalLanguage, ["EAL"]),
        (.youngCarer, ["Young Carer"]), (.hasSocialWorker, ["Social Worker", "Has Social Worker"]),
    ]

    static func addressNames(_ n: Int) -> [String] { ["Contact \(n) Address", "Contact \(n) Postal Address"] }

    static let preferredNames = ["Preferred Name", "Preferred Forename", "Known As", "Preferred First Name"]
    static let senNames = ["SEN", "SEN Status", "SEN Provision"]

    /// Every field `--map` may name.
    static var fields: [String] {
        required.map(\.field) + ["Preferred Name", "SEN"] + flagColumns.map { $0.1[0] }
            + (1...3).flatMap { n in ["Name", "Relationship", "Phone", "Phone 2", "Parental Responsibility", "Lives With Pupil", "Address"].map { "Contact \(n) \($0)" } }
    }

    public static func parse(_ text: String, file: String, mapping: [String: String] = [:]) throws(ImportFailure) -> [Pupil] {
        try read(text, file: file, mapping: mapping).pupils
    }

    /// Reads the file, and which of the optional columns it has: a re-import leaves what a
    /// missing column would hold (preferred name, flags, contacts) as it is stored.
    public static func read(_ text: String, file: String, mapping: [String: String] = [:]) throws(ImportFailure) -> PupilFile {
        let table = try CSVTable.parse(text, file: file, mapping: mapping, fields: fields)
        var problems: [ImportFailure.Problem] = []
        var columns: [String: Int] = [:]
        for (field, names) in required {
            if let i = table.column(names) { columns[field] = i } else {
                problems.append(.init(line: 1, reason: "missing column \"\(field)\""))
            }
        }
        if !problems.isEmpty {
            throw ImportFailure(file: file, problems: problems + [table.layoutProblem(needs: required.map(\.field).joined(separator: ", "))])
        }
        var present = PupilFile.Columns()
        present.flags = []
        present.preferredName = table.column(preferredNames) != nil
        present.contacts = (1...3).contains { table.column(["Contact \($0) Name"]) != nil }
        present.contactAddresses = (1...3).contains { table.column(addressNames($0)) != nil }
        for (flag, names) in flagColumns where table.column(names) != nil { present.flags.insert(flag) }
        if table.column(senNames) != nil { present.flags.formUnion([.senSupport, .ehcp]) }

        var pupils: [Pupil] = []
        var firstLineOfUPN: [String: Int] = [:]
        for row in table.rows {
            func cell(_ i: Int?) -> String { i.flatMap { $0 < row.fields.count ? row.fields[$0] : nil } ?? "" }
            var reasons: [String] = []
            if row.fields.count > table.header.count, row.fields[table.header.count...].contains(where: { !$0.isEmpty }) {
                reasons.append("\(row.fields.count) fields but the header names \(table.header.count) columns")
            }
            for (field, _) in required where cell(columns[field]).isEmpty { reasons.append("missing \(field)") }

            let upn = UPN.normalise(cell(columns["UPN"]))
            if upn == nil, !cell(columns["UPN"]).isEmpty { reasons.append("UPN \"\(cell(columns["UPN"]))\" has spaces or is too long") }
            if let upn, let first = firstLineOfUPN[upn] { reasons.append("UPN \(upn) is also on line \(first)") }
            if let upn, firstLineOfUPN[upn] == nil { firstLineOfUPN[upn] = row.line }

            let dobText = cell(columns["Date of Birth"])
            let dob = SchoolDate(parsing: dobText)
            if dob == nil, !dobText.isEmpty { reasons.append("date of birth \"\(dobText)\" is not a date (use YYYY-MM-DD or DD/MM/YYYY)") }
            let yearText = cell(columns["Year Group"])
            let year = YearGroup(parsing: yearText)
            if year == nil, !yearText.isEmpty { reasons.append("year group \"\(yearText)\" is not N, R or 1–14") }

            var flags = VulnerabilityFlags()
            for (flag, names) in flagColumns {
                guard let i = table.column(names) else { continue }
                if let v = YesNo.parse(cell(i)) { flags[flag] = v } else {
                    reasons.append("\(table.header[i]) must be yes or no, not \"\(cell(i))\"")
                }
            }
            if let i = table.column(senNames) {
                switch cell(i).uppercased() {
                case "", "N", "NO": break
                case "K", "SEN SUPPORT": flags.senSupport = true
                case "E", "EHCP", "S": flags.ehcp = true
                default: reasons.append("SEN must be N, K (SEN support) or E (EHCP), not \"\(cell(i))\"")
                }
            }

            var contacts: [Contact] = []
            for n in 1...3 {
                let name = cell(table.column(["Contact \(n) Name"]))
                let relationship = cell(table.column(["Contact \(n) Relationship"]))
                let phoneCells = [cell(table.column(["Contact \(n) Phone", "Contact \(n) Telephone"])),
                                  cell(table.column(["Contact \(n) Phone 2", "Contact \(n) Mobile"]))]
                let phones = phoneCells.flatMap { $0.split(separator: ";").map { String($0).trimmed } }.filter { !$0.isEmpty }
                if name.isEmpty {
                    if !relationship.isEmpty || !phones.isEmpty { reasons.append("contact \(n) has details but no name") }
                    continue
                }
                for p in phones where !PhoneNumber.isPlausible(p) { reasons.append("contact \(n) phone \"\(p)\" is not a phone number") }
                var yesNo: [Bool] = []
                for column in [["Contact \(n) Parental Responsibility", "Contact \(n) PR"], ["Contact \(n) Lives With Pupil", "Contact \(n) Lives With"]] {
                    let i = table.column(column)
                    if let v = YesNo.parse(cell(i)) { yesNo.append(v) } else {
                        reasons.append("\(table.header[i!]) must be yes or no, not \"\(cell(i))\""); yesNo.append(false)
                    }
                }
                let address = cell(table.column(Self.addressNames(n)))
                contacts.append(Contact(name: name, relationship: relationship.isEmpty ? "Contact" : relationship,
                                        phones: phones, parentalResponsibility: yesNo[0], livesWithPupil: yesNo[1],
                                        address: address.isEmpty ? nil : address))
            }

            let leavingText = cell(table.column(["Leaving Date", "Date of Leaving"]))
            let leaving = SchoolDate(parsing: leavingText)
            if leaving == nil, !leavingText.isEmpty { reasons.append("leaving date \"\(leavingText)\" is not a date (use YYYY-MM-DD or DD/MM/YYYY)") }
            let destination = cell(table.column(["Destination", "Destination School"]))

            if !reasons.isEmpty {
                problems += reasons.map { .init(line: row.line, reason: $0) }
                continue
            }
            let preferred = cell(table.column(preferredNames))
            let pupil = Pupil(upn: upn!, legalSurname: cell(columns["Surname"]), legalForename: cell(columns["Forename"]),
                              preferredName: preferred.isEmpty ? nil : preferred, dateOfBirth: dob!, yearGroup: year!,
                              registrationGroup: cell(columns["Reg Group"]), flags: flags, contacts: contacts,
                              leavingOn: leaving, destination: destination.isEmpty ? nil : destination)
            // The domain's rule for names (no control characters, the length limits), here so
            // the line is named before anything is stored.
            if let problem = pupil.textProblem {
                problems.append(.init(line: row.line, reason: problem))
                continue
            }
            pupils.append(pupil)
        }
        if table.rows.isEmpty { problems.append(.init(line: 2, reason: "no pupils in the file")) }
        if !problems.isEmpty { throw ImportFailure(file: file, problems: problems) }
        var read = PupilFile(pupils: pupils, columns: present)
        read.unusedColumns = unusedColumns(table)
        return read
    }

    /// Every name a column of a pupils file is read under.
    static var knownNames: Set<String> {
        let contact = (1...3).flatMap { n in
            ["Contact \(n) Name", "Contact \(n) Relationship", "Contact \(n) Phone", "Contact \(n) Telephone", "Contact \(n) Phone 2",
             "Contact \(n) Mobile", "Contact \(n) Parental Responsibility", "Contact \(n) PR", "Contact \(n) Lives With Pupil",
             "Contact \(n) Lives With"] + addressNames(n)
        }
        let all = required.flatMap(\.names) + flagColumns.flatMap(\.1) + preferredNames + senNames + contact
            + ["Leaving Date", "Date of Leaving", "Destination", "Destination School"]
        return Set(all.map(CSVTable.normalise))
    }

    /// The header's columns no field is read from (a `--map`ped one is read).
    static func unusedColumns(_ table: CSVTable) -> [String] {
        let known = knownNames
        let mapped = Set(table.mapped.values)
        return table.header.enumerated().filter { !$0.element.isEmpty && !mapped.contains($0.offset) && !known.contains(CSVTable.normalise($0.element)) }.map(\.element)
    }
}

/// A pupils file as read: the pupils, and which optional columns it had.
public struct PupilFile: Sendable {
    public struct Columns: Sendable {
        public var preferredName = true
        public var contacts = true
        /// Whether any "Contact N Address" column was there; without one, a contact keeps the
        /// address stored for the same name.
        public var contactAddresses = true
        public var flags = Set(VulnerabilityFlags.Flag.allCases)
        public init() {}
    }

    public var pupils: [Pupil]
    public var columns: Columns
    /// Columns of the file no field was read from: said, never dropped silently.
    public var unusedColumns: [String] = []

    /// What to tell the person importing about `unusedColumns`.
    public var unusedNote: String? {
        guard let first = unusedColumns.first else { return nil }
        return "columns not used: \(unusedColumns.map { "\"\($0)\"" }.joined(separator: ", ")); to read one, name its field with --map, e.g. --map \"Preferred Name\"=\"\(first)\" (the fields are in docs/csv-formats.md)"
    }

    public init(pupils: [Pupil], columns: Columns = Columns()) {
        self.pupils = pupils
        self.columns = columns
    }

    /// The pupil as the file has them, with what a missing column would hold kept from `stored`.
    func merged(_ p: Pupil, over stored: Pupil?) -> Pupil {
        guard let stored else { return p }
        var p = p
        if !columns.preferredName { p.preferredName = stored.preferredName }
        if !columns.contacts { p.contacts = stored.contacts }
        else if !columns.contactAddresses {
            for i in p.contacts.indices where p.contacts[i].address == nil {
                p.contacts[i].address = stored.contacts.first { $0.name == p.contacts[i].name }?.address
            }
        }
        for flag in VulnerabilityFlags.Flag.allCases where !columns.flags.contains(flag) { p.flags[flag] = stored.flags[flag] }
        return p
    }
}
