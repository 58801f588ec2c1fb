import Attendance

extension CTF {
    /// Each academic year of a pupil's marks as a marks string: from the AM of the first day
    /// with a mark to the PM of the last, one character per session (`-` for none).
    public static func years(of upn: String, in school: School) -> [YearRecord] {
        guard let register = school.register[upn] else { return [] }
        return register.years.keys.sorted().compactMap { year -> YearRecord? in
            guard let bytes = register.bytes(for: year),
                  let first = bytes.firstIndex(where: { $0 != 0 }), let last = bytes.lastIndex(where: { $0 != 0 }) else { return nil }
            // Whole days: from the first marked day's AM to the last marked day's PM, so a
            // day whose afternoon is not yet marked still takes its two characters.
            let startSlot = first - first % 2
            let endSlot = min(bytes.count - 1, last | 1)
            let marks = bytes[startSlot...endSlot].map { AttendanceCode(byte: $0) }
            var record = YearRecord(start: year.firstDay.adding(days: startSlot / 2), marks: Array(marks),
                                    possible: 0, attended: 0, authorised: 0, unauthorised: 0)
            let t = record.countedTotals
            (record.possible, record.attended, record.authorised, record.unauthorised) = (t.possible, t.attended, t.authorised, t.unauthorised)
            return record
        }
    }

    public static func marksString(_ marks: [AttendanceCode?]) -> String {
        String(marks.map { $0.map(character(for:)) ?? noMark })
    }

    /// A CTF for pupils who leave: the header, then each pupil with their name, date of
    /// birth, year, contacts and every year's attendance. `generated` is the header's
    /// `DateTime` (ISO 8601), given so the same store writes the same file.
    public static func document(_ upns: [String], school: School, generated: String) throws -> String {
        var out = """
            <?xml version="1.0" encoding="UTF-8"?>
            <CTfile>
              <Header>
                <DocumentName>Common Transfer File</DocumentName>
                <CTFversion>25.0</CTFversion>
                <DateTime>\(escape(generated))</DateTime>
                <DocumentQualifier>partial</DocumentQualifier>
                <SupplierID>Rollcall</SupplierID>
                <SourceSchool>
                  <SchoolName>\(escape(school.name))</SchoolName>
                </SourceSchool>
                <DestSchool>
                  <LEA>MMM</LEA>
                  <Estab>MMMM</Estab>
                </DestSchool>
              </Header>
              <CTFpupilData>

            """
        for upn in upns {
            guard let p = school.pupils[upn] else { throw ChangeRefused(.notFound, "no pupil with UPN \(upn)") }
            out += "    <Pupil>\n"
            out += "      <UPN>\(escape(p.upn))</UPN>\n"
            out += "      <Surname>\(escape(p.legalSurname))</Surname>\n"
            out += "      <Forename>\(escape(p.legalForename))</Forename>\n"
            out += "      <DOB>\(p.dateOfBirth)</DOB>\n"
            out += "      <BasicDetails>\n"
            if let preferred = p.preferredName { out += "        <PreferredForename>\(escape(preferred))</PreferredForename>\n" }
            out += "        <NCyearActual>\(ncYear(p.yearGroup))</NCyearActual>\n"
            out += "      </BasicDetails>\n"
            if !p.contacts.isEmpty {
                out += "      <Contacts>\n"
                for (i, c) in p.contacts.enumerated() {
                    let words = c.name.split(separator: " ")
                    let surname = words.count > 1 ? String(words.last!) : c.name
                    let forename = words.count > 1 ? words.dropLast().joined(separator: " ") : ""
                    out += "        <Contact>\n          <Order>\(i + 1)</Order>\n"
                    if !forename.isEmpty { out += "          <Forename>\(escape(forename))</Forename>\n" }
                    out += "          <Surname>\(escape(surname))</Surname>\n"
                    out += "          <Relationship>\(escape(relationshipCode(c.relationship)))</Relationship>\n"
                    out += "          <Responsibility>\(c.parentalResponsibility)</Responsibility>\n"
                    if !c.phones.isEmpty {
                        out += "          <Phones>\n"
                        for phone in c.phones { out += "            <Phone>\n              <TelephoneType>H</TelephoneType>\n              <PhoneNo>\(escape(phone))</PhoneNo>\n            </Phone>\n" }
                        out += "          </Phones>\n"
                    }
                    out += "        </Contact>\n"
                }
                out += "      </Contacts>\n"
            }
            let years = years(of: upn, in: school)
            if !years.isEmpty {
                out += "      <Attendance>\n"
                for y in years {
                    out += "        <YearData>\n"
                    out += "          <Year>\(AcademicYear(containing: y.start).startYear)</Year>\n"
                    out += "          <SchoolName>\(escape(school.name))</SchoolName>\n"
                    out += "          <SessionsPossible>\(y.possible)</SessionsPossible>\n"
                    out += "          <SessionsAuthorised>\(y.authorised)</SessionsAuthorised>\n"
                    out += "          <SessionsAttended>\(y.attended)</SessionsAttended>\n"
                    out += "          <SessionsUnauthorised>\(y.unauthorised)</SessionsUnauthorised>\n"
                    // Where the DfE's CTF (and a receiving MIS) looks for them.
                    out += "          <AttendSessions>\n"
                    out += "            <AttendanceStartDate>\(y.start)</AttendanceStartDate>\n"
                    out += "            <AttendanceMarks>\(escape(marksString(y.marks)))</AttendanceMarks>\n"
                    out += "          </AttendSessions>\n"
                    out += "        </YearData>\n"
                }
                out += "      </Attendance>\n"
            }
            out += "    </Pupil>\n"
        }
        return out + "  </CTFpupilData>\n</CTfile>\n"
    }

    /// `NCyearActual`: N1/N2 for nursery, R for reception, else the number.
    static func ncYear(_ y: YearGroup) -> String {
        y.value < 0 ? "N2" : y.value == 0 ? "R" : String(y.value)
    }

    static func escape(_ s: String) -> String {
        var out = ""
        for c in s {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(c)
            }
        }
        return out
    }
}

extension Export {
    /// `export marks --layout string`: one row per pupil and academic year, `upn`,
    /// `start_date` (the AM of the first day with a mark) and `marks` (one character per
    /// session from then, as in a CTF: `-` for none; `docs/csv-formats.md`).
    public static func marksStringCSV(_ school: School) -> String {
        var out = CSVWriter.row(["upn", "start_date", "marks"])
        let order = school.roll.map(\.upn) + school.register.pupils.keys.filter { school.pupils[$0] == nil }.sorted()
        for upn in order {
            for y in CTF.years(of: upn, in: school) {
                out += CSVWriter.row([upn, y.start.description, CTF.marksString(y.marks)])
            }
        }
        return out
    }
}
