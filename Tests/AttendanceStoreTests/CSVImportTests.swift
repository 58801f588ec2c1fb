import Foundation
import Attendance
import Testing
@testable import AttendanceStore

@Suite("CSV import")
struct CSVImportTests {
    static let pupilsHeader = "UPN,Surname,Forename,Preferred Name,Date of Birth,Year Group,Reg Group"

    @Test func pupilsWithBOMCRLFAndQuotedNewlinesAndLooseHeaders() throws {
        let text = "\u{FEFF}upn,SURNAME,fore_name,Preferred name,date of birth,Year group,REG GROUP,CP,Pupil Premium,Contact 1 Name,Contact 1 Relationship,Contact 1 Phone,Contact 1 Parental Responsibility,Contact 2 Name,Contact 2 Phone,Contact 1 Address\r\n"
            + "a123456789012,Ólafsdóttir,Zoë,,12/03/2016,4,4B,Y,no,\"Smith, Jane\",Mother,07700 900123;01632 960001,yes,,,\r\n"
            + "B123456789012,李,小龙,Xiao,2016-05-01,Y4,4B,,,Lee,Father,+44 1632 960000,y,Nan,01632 960002,\"1 High St\nTown\"\r\n"
        let pupils = try PupilImport.parse(text, file: "p.csv")
        #expect(pupils.count == 2)
        let zoe = pupils[0]
        #expect(zoe.upn == "A123456789012")
        #expect(zoe.legalSurname == "Ólafsdóttir" && zoe.legalForename == "Zoë")
        #expect(zoe.dateOfBirth == SchoolDate("2016-03-12"))
        #expect(zoe.flags.childProtection && !zoe.flags.pupilPremium)
        #expect(zoe.contacts == [Contact(name: "Smith, Jane", relationship: "Mother", phones: ["07700 900123", "01632 960001"], parentalResponsibility: true)])
        #expect(pupils[1].preferredName == "Xiao")
        #expect(pupils[1].contacts.map(\.name) == ["Lee", "Nan"])
        #expect(pupils[1].contacts[0].address == "1 High St\nTown")
    }

    @Test func everyBadPupilRowIsListedWithItsLine() {
        let text = Self.pupilsHeader + ",CP,Contact 1 Name,Contact 1 Phone\n"
            + "A1,Smith,Ann,,2016-01-01,3,3A,,,\n"              // line 2: fine
            + "\"A2\",\"Multi\nLine\",Bob,,2016-01-01,3,3A,,,\n"  // lines 3–4: a name has no line break
            + "A3,,Cat,,2016-01-01,3,3A,,,\n"                   // line 5: no surname
            + "A4,Jones,Dan,,31/02/2016,3,3A,,,\n"              // line 6: impossible date
            + "A5,Jones,Eve,,2016-01-01,Year 20,3A,maybe,,\n"   // line 7: year group and CP
            + "A1,Smith,Ann,,2016-01-01,3,3A,,,\n"              // line 8: duplicate UPN
            + "A6,Jones,Fay,,2016-01-01,3,3A,,Mum,call me\n"    // line 9: not a phone number
        #expect {
            try PupilImport.parse(text, file: "p.csv")
        } throws: { error in
            let e = try #require(error as? ImportFailure)
            let lines = e.problems.map(\.line)
            return lines == [3, 5, 6, 7, 7, 8, 9] && e.description.contains("line 3: the surname of A2 has a line break") && e.description.contains("line 6: date of birth \"31/02/2016\" is not a date")
                && e.description.contains("line 8: UPN A1 is also on line 2")
        }
    }

    @Test func phoneNumbersFromRealExportsAreAccepted() {
        for ok in ["07700 900123", "+44 (0)1632 960000", "01632-960000 ext 204", "+33 1 23 45 67 89", "0161.496.0000", "01632 960000 x12"] {
            #expect(PhoneNumber.isPlausible(ok), "\(ok)")
        }
        for bad in ["call me", "12345", "07700 9OO123", "n/a", "44+ 1632 960000"] { #expect(!PhoneNumber.isPlausible(bad), "\(bad)") }
    }

    @Test func missingColumnsAreNamed() {
        #expect {
            try PupilImport.parse("UPN,Surname,Forename\nA1,S,F\n", file: "p.csv")
        } throws: { error in
            let e = try #require(error as? ImportFailure)
            return e.problems.count == 4 && e.problems.allSatisfy { $0.line == 1 }
                && e.description.contains("missing column \"Date of Birth\"")
                && e.description.contains("the file's columns are \"UPN\", \"Surname\", \"Forename\"; it needs UPN, Surname, Forename, Date of Birth, Year Group, Reg Group")
        }
    }

    @Test func badQuotingNamesItsLine() {
        let text = "upn,date,session,mark\nA1,2025-09-01,AM,/\nA1,2025-09-01,PM,\"\\\"x\n"
        #expect {
            try MarkImport.parse(text, file: "m.csv", knownUPNs: ["A1"])
        } throws: { error in
            (try #require(error as? ImportFailure)).problems.first?.line == 3
        }
    }

    @Test func marksAcceptBothDateFormsAndNormalisePresentMarks() throws {
        let text = "UPN,Date,Session,Mark,Minutes_Late,Comment\r\n"
            + "A1,01/09/2025,am,/,,\r\n"
            + "A1,2025-09-01,PM,/,,\r\n"   // `/` in the afternoon is stored as `\`
            + "A1,2025-09-02,AM,l,12,\"bus, then traffic\"\r\n"
            + "A1,2025-09-02,AM,L,12,\"bus, then traffic\"\r\n"  // an identical repeat is harmless
            + "A1,2025-09-02,PM,H,,\r\n"
        let marks = try MarkImport.parse(text, file: "m.csv", knownUPNs: ["A1"])
        #expect(marks.count == 4)
        #expect(marks[1].mark?.code == .presentPM)
        #expect(marks[2].mark == Mark(.lateBeforeClose, minutesLate: 12, comment: "bus, then traffic"))
        #expect(marks[3].mark?.code == .legacyAgreedHoliday)
    }

    @Test func everyKindOfBadMarkRowIsReported() {
        let text = "upn,date,session,mark,minutes_late\n"
            + "A1,2025-09-31,AM,/,\n"     // 2 impossible date
            + "A1,2025-09-01,EV,/,\n"     // 3 unknown session
            + "A1,2025-09-01,AM,Q9,\n"    // 4 unknown code
            + "ZZ,2025-09-01,AM,/,\n"     // 5 unknown pupil
            + "A1,,AM,/,\n"               // 6 missing date
            + "A1,2025-09-02,AM,N,\n"     // 7 fine
            + "A1,2025-09-02,AM,I,\n"     // 8 a second, different mark
            + "A1,2025-09-03,AM,/,5\n"    // 9 minutes on a present mark
            + "A1,2025-09-03,PM,L,soon\n" // 10 minutes not a number
        #expect {
            try MarkImport.parse(text, file: "m.csv", knownUPNs: ["A1"])
        } throws: { error in
            let e = try #require(error as? ImportFailure)
            return e.problems.map(\.line) == [2, 3, 4, 5, 6, 8, 9, 10]
                && e.problems.first { $0.line == 8 }!.reason.contains("line 7")
                && e.problems.first { $0.line == 5 }!.reason.contains("no pupil with UPN ZZ")
        }
    }

    @Test func aMarksUPNWithASpaceOrTooLongIsReportedWithItsLine() throws {
        let text = "upn,date,session,mark\n"
            + "A1,2025-09-01,AM,/\n"                      // 2 fine
            + "\"A 1\",2025-09-01,PM,/\n"                 // 3 a space inside
            + "A123456789012345678901,2025-09-02,AM,/\n"  // 4 longer than 20 characters
        let failure = try #require(throws: ImportFailure.self) {
            try MarkImport.parse(text, file: "m.csv", knownUPNs: ["A1"])
        }
        #expect(failure.problems.map(\.line) == [3, 4])
        #expect(failure.description.contains("line 3: UPN \"A 1\" has spaces or is too long"))
        #expect(failure.description.contains("line 4: UPN \"A123456789012345678901\" has spaces or is too long"))
    }

    @Test func anEmptyFileIsAnError() {
        #expect(throws: ImportFailure.self) { try PupilImport.parse("", file: "p.csv") }
        #expect(throws: ImportFailure.self) { try PupilImport.parse(Self.pupilsHeader + "\n", file: "p.csv") }
    }
}

@Suite("Calendar import")
struct CalendarImportTests {
    @Test func termsHalfTermsAndClosures() throws {
        let text = """
            kind,name,start,end,session
            term,Autumn,2025-09-01,2025-12-19,
            half-term,,27/10/2025,31/10/2025,
            closure,INSET,2025-09-01,2025-09-02,
            closure,Polling day,2025-11-20,,PM
            term,Spring,2026-01-05,2026-03-27,

            """
        let c = try CalendarImport.parse(text, file: "c.csv")
        #expect(c.terms.map(\.name) == ["Autumn", "Spring"])
        #expect(c.terms[0].halfTerm == DateRange(SchoolDate("2025-10-27")!, SchoolDate("2025-10-31")!))
        #expect(c.closures.count == 3)
        #expect(!c.isOpen(Session(SchoolDate("2025-11-20")!, .pm)) && c.isOpen(Session(SchoolDate("2025-11-20")!, .am)))
        // 16 weeks less half-term, less 2 INSET days, less one PM: (15 × 5 − 2) × 2 − 1.
        #expect(SchoolDays(calendar: c, register: Register()).openSessionCount(in: c.terms[0].dates) == 145)
    }

    @Test func badCalendarRowsAreListed() {
        let text = "kind,name,start,end\nterm,A,2025-09-01,2025-12-19\nterm,B,2025-12-01,2026-01-10\nhalf-term,,2026-02-16,2026-02-20\nholiday,,2025-09-01,\nterm,C,2026-04-01,\n"
        #expect {
            try CalendarImport.parse(text, file: "c.csv")
        } throws: { error in
            (try #require(error as? ImportFailure)).problems.map(\.line) == [3, 4, 5, 6]
        }
    }
}

@Suite("Header names real exports use")
struct HeaderAliasTests {
    @Test func simsStyleNamesAreRecognised() throws {
        for reg in ["Reg", "Tutor Group", "Form Group", "Reg Form", "Registration Form"] {
            for year in ["NC Year Actual", "National Curriculum Year", "Year"] {
                let text = "UPN,Legal Surname,Legal Forename,Preferred Forename,DOB,\(year),\(reg)\nA1,Smith,Ann,Annie,2016-01-01,Year  7,7X\n"
                let p = try PupilImport.parse(text, file: "p.csv")
                #expect(p.first?.registrationGroup == "7X" && p.first?.yearGroup == YearGroup(7) && p.first?.preferredName == "Annie", "\(reg) / \(year)")
            }
        }
    }

    @Test func fullStopsUnderscoresSpacesAndCaseAreAlike() throws {
        let text = "UPN,Date,Session,Session.Mark,Minutes.Late\nA1,2025-09-01,AM,L,5\n"
        let marks = try MarkImport.parse(text, file: "m.csv", knownUPNs: ["A1"])
        #expect(marks.first?.mark == Mark(.lateBeforeClose, minutesLate: 5))
        #expect(CSVTable.normalise("Session.Mark") == CSVTable.normalise("session mark"))
        #expect(CSVTable.normalise("SESSION_MARK") == CSVTable.normalise("session-mark"))
    }

    @Test func mapNamesAColumnForAField() throws {
        let text = "Pupil Number,When,Half,Attendance\nA1,2025-09-01,AM,N\n"
        let marks = try MarkImport.parse(text, file: "m.csv", knownUPNs: ["A1"],
                                         mapping: ["upn": "Pupil Number", "date": "When", "session": "half", "mark": "Attendance"])
        #expect(marks == [MarkChange(upn: "A1", session: Session(SchoolDate("2025-09-01")!, .am), mark: Mark(.reasonNotYetEstablished))])
        let pupils = try PupilImport.parse("ID,Family,Given,Born,NCY,Group\nA1,Smith,Ann,2016-01-01,3,3A\n", file: "p.csv",
                                           mapping: ["UPN": "ID", "Surname": "Family", "Forename": "Given", "Date of Birth": "Born", "year group": "NCY", "reg_group": "Group"])
        #expect(pupils.first?.legalSurname == "Smith" && pupils.first?.registrationGroup == "3A")
    }

    @Test func aBadMapSaysWhatItCouldHaveBeen() throws {
        let text = "upn,date,session,mark\nA1,2025-09-01,AM,N\n"
        let unknownField = try #require(throws: ImportFailure.self) { try MarkImport.parse(text, file: "m.csv", knownUPNs: ["A1"], mapping: ["colour": "mark"]) }
        #expect(unknownField.description.contains("no field \"colour\"; its fields are upn, date, session"))
        let unknownHeader = try #require(throws: ImportFailure.self) { try MarkImport.parse(text, file: "m.csv", knownUPNs: ["A1"], mapping: ["mark": "Code"]) }
        #expect(unknownHeader.description.contains("no column \"Code\"; its columns are \"upn\", \"date\", \"session\", \"mark\""))
    }

    @Test func anUnknownLayoutListsTheHeadersItFoundAndTheFieldsItNeeds() throws {
        let text = "Pupil,Day,Half,What\nA1,2025-09-01,AM,N\n"
        let e = try #require(throws: ImportFailure.self) { try MarkImport.parse(text, file: "m.csv", knownUPNs: ["A1"]) }
        #expect(e.description.contains("the file's columns are \"Pupil\", \"Day\", \"Half\", \"What\"; it needs upn, date, session (or a date-time), mark"))
        #expect(e.description.contains("--map FIELD=HEADER"))
    }
}

@Suite("Dates, times and sessions as exports write them")
struct ImportDateTimeTests {
    func marks(_ text: String) throws -> [MarkChange] { try MarkImport.parse(text, file: "m.csv", knownUPNs: ["A1"]) }

    @Test func everyDateAndDateTimeForm() throws {
        let got = try marks("upn,date,session,mark\nA1,2025-09-01,AM,N\nA1,02/09/2025,AM,N\nA1,2025-09-03T08:45:00,AM,N\nA1,2025-09-04 08:45:00,AM,N\nA1,04/09/2025 13:10,PM,N\n")
        #expect(got.map(\.session) == [session("2025-09-01", .am), session("2025-09-02", .am), session("2025-09-03", .am),
                                       session("2025-09-04", .am), session("2025-09-04", .pm)])
    }

    @Test func theSessionFromItsNameOrItsStartTime() throws {
        let named = try marks("upn,date,session,mark\nA1,2025-09-01,AM Registration,N\nA1,2025-09-01,Registration PM,N\nA1,2025-09-02,afternoon,N\n")
        #expect(named.map(\.session) == [session("2025-09-01", .am), session("2025-09-01", .pm), session("2025-09-02", .pm)])
        let timed = try marks("upn,date,mark\nA1,2025-09-01T08:40:00,N\nA1,2025-09-01T13:00:00,N\nA1,2025-09-02 11:59:00,N\nA1,2025-09-02 12:00:00,N\n")
        #expect(timed.map(\.session) == [session("2025-09-01", .am), session("2025-09-01", .pm), session("2025-09-02", .am), session("2025-09-02", .pm)])
        let column = try marks("upn,date,start time,mark\nA1,01/09/2025,08:40,N\nA1,01/09/2025,13:05,N\n")
        #expect(column.map(\.session) == [session("2025-09-01", .am), session("2025-09-01", .pm)])
    }

    @Test func aDateTimeWithNoSessionIsAClearError() throws {
        let midnight = try #require(throws: ImportFailure.self) { try marks("upn,date,mark\nA1,2025-09-01T00:00:00,N\n") }
        #expect(midnight.description.contains("line 2: \"2025-09-01T00:00:00\" is a date-time at midnight, which says nothing about the session"))
        let dateOnly = try #require(throws: ImportFailure.self) { try marks("upn,date,mark\nA1,2025-09-01,N\n") }
        #expect(dateOnly.description.contains("line 2: no session: the file has no session column and \"2025-09-01\" has no time"))
        let neither = try #require(throws: ImportFailure.self) { try marks("upn,date,session,mark\nA1,2025-09-01,Registration,N\nA1,2025-09-01T25:00:00,AM,N\n") }
        #expect(neither.problems.map(\.line) == [2, 3])
    }
}

@Suite("Encodings and delimiters")
struct EncodingDelimiterTests {
    static let marks = "upn;date;session;mark;comment\nA1;2025-09-01;AM;N;Zoë’s mum\n"

    func read(_ data: Data) throws -> [MarkChange] {
        try MarkImport.parse(try ImportText.decode(data, file: "m.csv").text, file: "m.csv", knownUPNs: ["A1"])
    }

    @Test func utf8WithAndWithoutABOMAndUTF16WithOne() throws {
        let expected = [MarkChange(upn: "A1", session: session("2025-09-01", .am), mark: Mark(.reasonNotYetEstablished, comment: "Zoë’s mum"))]
        #expect(try read(Data(Self.marks.utf8)) == expected)
        #expect(try read(Data([0xEF, 0xBB, 0xBF] + Array(Self.marks.utf8))) == expected)
        let le: [UInt8] = [0xFF, 0xFE] + Self.marks.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        let be: [UInt8] = [0xFE, 0xFF] + Self.marks.utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
        #expect(try read(Data(le)) == expected)
        #expect(try read(Data(be)) == expected)
    }

    @Test func windows1252IsConvertedAndSaidSo() throws {
        // "Zoë’s mum" in Windows-1252: ë is 0xEB, ’ is 0x92.
        var bytes = Array("upn;date;session;mark;comment\nA1;2025-09-01;AM;N;Zo".utf8)
        bytes += [0xEB, 0x92] + Array("s mum\n".utf8)
        let decoded = try ImportText.decode(Data(bytes), file: "m.csv")
        #expect(decoded.note == "not UTF-8: read as Windows-1252 and converted to UTF-8")
        #expect(try read(Data(bytes)).first?.mark?.comment == "Zoë’s mum")
    }

    @Test func utf16WithoutABOMIsRefused() throws {
        let le: [UInt8] = Self.marks.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        let e = try #require(throws: ImportFailure.self) { try ImportText.decode(Data(le), file: "m.csv") }
        #expect(e.description.contains("line 1: looks like UTF-16 text without a byte-order mark"))
    }

    @Test func commaSemicolonOrTabFromTheHeaderLine() throws {
        for d in [",", ";", "\t"] {
            let text = ["upn", "date", "session", "mark", "comment"].joined(separator: d) + "\n"
                + ["A1", "2025-09-01", "AM", "L", "\"late, bus; again\""].joined(separator: d) + "\n"
            let m = try MarkImport.parse(text, file: "m.csv", knownUPNs: ["A1"])
            #expect(m.first?.mark == Mark(.lateBeforeClose, comment: "late, bus; again"), "\(d)")
        }
        // A quoted header name may hold another delimiter.
        #expect(try MarkImport.parse("upn;date;session;\"mark, AM/PM\"\nA1;2025-09-01;AM;N\n", file: "m.csv", knownUPNs: ["A1"], mapping: ["mark": "mark, AM/PM"]).count == 1)
    }

    @Test func anAmbiguousDelimiterIsRefused() throws {
        let e = try #require(throws: ImportFailure.self) {
            try MarkImport.parse("upn,date;session,mark\nA1,2025-09-01;AM,N\n", file: "m.csv", knownUPNs: ["A1"])
        }
        #expect(e.description.contains("line 1: cannot tell how the columns are separated: the first line has 2 commas and 1 semicolons"))
    }
}

@Suite("The marks-string layout")
struct MarksStringTests {
    @Test func twoCharactersPerDayFromTheStart() throws {
        // Monday 1 September 2025 to Sunday 7 September: five school days, then no sessions.
        let text = "upn,start,marks\nA1,2025-09-01,/\\LN/\\IB//####\nB2,01/09/2025,/\\----/\\/\\/\\####\n"
        let m = try MarkImport.read(text, file: "w.csv", knownUPNs: ["A1", "B2"])
        #expect(m.marks.count == 10 + 8)
        #expect(m.marks[0] == MarkChange(upn: "A1", session: session("2025-09-01", .am), mark: Mark(.presentAM)))
        #expect(m.marks[2].mark?.code == .lateBeforeClose && m.marks[3].mark?.code == .reasonNotYetEstablished)
        #expect(m.marks[7].session == session("2025-09-04", .pm) && m.marks[7].mark?.code == .approvedActivity)
        #expect(m.marks[9].session == session("2025-09-05", .pm) && m.marks[9].mark?.code == .presentPM)  // `/` in the afternoon is `\`
        #expect(!m.marks.contains { $0.upn == "B2" && $0.session.date == SchoolDate("2025-09-02")! })
        #expect(m.lines.prefix(10).allSatisfy { $0 == 2 } && m.lines.last == 3)
        #expect(!m.hasMinutesLate && !m.hasComment)
    }

    @Test func theCTFsOneCharacterFormsOfTwoCharacterCodes() throws {
        let m = try MarkImport.read("upn,start_date,marks\nA1,2025-09-01,cjt1M7\n", file: "w.csv", knownUPNs: ["A1"])
        #expect(m.marks.map { $0.mark!.code } == [.performanceAbroad, .interview, .partTimeTimetable, .transportNotProvided, .medical, .otherUnavoidable])
    }

    @Test func badMarksStringsAreListed() throws {
        let text = "upn,start,marks\nA1,2025-09-01,/\\/\nA1,2025-09-08,/\\?\\\nA1,2025-09-32,/\\\n"
        let e = try #require(throws: ImportFailure.self) { try MarkImport.read(text, file: "w.csv", knownUPNs: ["A1"]) }
        #expect(e.problems.map(\.line) == [2, 3, 4])
        #expect(e.description.contains("line 3: character 3 of the marks (2025-09-09 AM), \"?\", is not an attendance code"))
    }
}
