import Foundation
import Testing

@Suite("rollcall import: real exports in, nothing staff recorded lost")
struct ImportCommandTests {
    static let samples = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("AttendanceStoreTests/Samples").path

    func seeded(_ scratch: Scratch) throws -> String {
        let store = "\(scratch.path)/store"
        #expect(try RollcallProcess.run(["init", "--store", store, "--school", "Sample School", "--name", "Hana Head"]).status == 0)
        let p = try RollcallProcess.run(["import", "pupils", "\(Self.samples)/sims-pupils.csv", "--store", store])
        #expect(p.status == 0, "\(p.stderr)")
        #expect(p.stdout.contains("sims-pupils.csv: not UTF-8: read as Windows-1252 and converted to UTF-8"))
        #expect(p.stdout.contains("4 pupils read; 4 added"))
        return store
    }

    func exported(_ store: String) throws -> String {
        try RollcallProcess.run(["export", "marks", "--store", store]).stdout
    }

    @Test func eachSampleLayoutImports() throws {
        let scratch = Scratch()
        let store = try seeded(scratch)
        for (name, summary) in [("sims-weekly-marks.csv", "36 marks read; 36 added, 0 amended, 0 left alone"),
                                ("go4schools-session-marks.csv", "8 marks read; 8 added"),
                                ("arbor-attendance-records.csv", "6 marks read; 6 added"),
                                ("arbor-attendance-start-times.csv", "2 marks read; 2 added"),
                                ("excel-unicode-text-marks.txt", "2 marks read; 2 added")] {
            let r = try RollcallProcess.run(["import", "marks", "\(Self.samples)/\(name)", "--store", store])
            #expect(r.status == 0, "\(name): \(r.stderr)")
            #expect(r.stdout.contains(summary), "\(name): \(r.stdout)")
        }
        let again = try RollcallProcess.run(["import", "marks", "\(Self.samples)/go4schools-session-marks.csv", "--store", store])
        #expect(again.stdout.contains("8 marks read; 0 added, 0 amended, 8 left alone"))
    }

    /// SIMS reports saved as XML, through the command a school would type.
    @Test func simsReportsSavedAsXMLImport() throws {
        let scratch = Scratch()
        let store = "\(scratch.path)/store"
        #expect(try RollcallProcess.run(["init", "--store", store, "--school", "Sample School", "--name", "Hana Head"]).status == 0)
        let pupils = try RollcallProcess.run(["import", "pupils", "\(Self.samples)/sims-pupils.xml", "--store", store])
        #expect(pupils.status == 0 && pupils.stdout.contains("4 pupils read; 4 added"), "\(pupils.stdout) \(pupils.stderr)")
        let marks = try RollcallProcess.run(["import", "marks", "\(Self.samples)/sims-marks.xml", "--store", store])
        #expect(marks.status == 0 && marks.stdout.contains("36 marks read; 36 added"), "\(marks.stdout) \(marks.stderr)")
        let bad = try RollcallProcess.run(["import", "pupils", "\(Self.samples)/bad-sims-unclosed.xml", "--store", store])
        #expect(bad.status != 0 && bad.stderr.contains("not well-formed XML"), "\(bad.stderr)")
    }

    @Test func badFilesSayWhyAndStoreNothing() throws {
        let scratch = Scratch()
        let store = try seeded(scratch)
        let before = try exported(store)
        for (name, message) in [("bad-unknown-header.csv", "it needs upn, date, session (or a date-time), mark (name a column with --map FIELD=HEADER)"),
                                ("bad-ambiguous-delimiter.csv", "cannot tell how the columns are separated"),
                                ("bad-utf16-no-bom.csv", "looks like UTF-16 text without a byte-order mark"),
                                ("bad-datetime-no-session.csv", "line 3: \"2025-09-12T00:00:00\" is a date-time at midnight")] {
            let r = try RollcallProcess.run(["import", "marks", "\(Self.samples)/\(name)", "--store", store])
            #expect(r.status == 1, "\(name)")
            #expect(r.stderr.contains("nothing imported") && r.stderr.contains(message), "\(name): \(r.stderr)")
        }
        #expect(try exported(store) == before)
    }

    @Test func mapNamesTheColumns() throws {
        let scratch = Scratch()
        let store = try seeded(scratch)
        let file = scratch.write("odd.csv", "Pupil,Day,Half,What\nX900000000001,2025-09-12,AM,/\n")
        let r = try RollcallProcess.run(["import", "marks", file, "--map", "upn=Pupil", "--map", "date=Day", "--map", "session=Half", "--map", "mark=What", "--store", store])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("1 marks read; 1 added"))
        let bad = try RollcallProcess.run(["import", "marks", file, "--map", "upn", "--store", store])
        #expect(bad.status == 1 && bad.stderr.contains("write it as FIELD=HEADER"))
    }

    @Test func reimportKeepsMinutesCommentsAndAmendedMarks() throws {
        let scratch = Scratch()
        let store = try seeded(scratch)
        #expect(try RollcallProcess.run(["import", "marks", "\(Self.samples)/go4schools-session-marks.csv", "--store", store]).status == 0)
        // Staff amend Kenji's N to I with a reason.
        let amend = try RollcallProcess.run(["mark", "X900000000004", "2025-09-08", "AM", "I", "--reason", "mum rang at 10", "--store", store])
        #expect(amend.status == 0, "\(amend.stderr)")
        // A thinner export of the same day: no minutes, no comment.
        let thin = scratch.write("thin.csv", "UPN,Date,Session,Mark\nX900000000002,08/09/2025,AM,L\nX900000000004,08/09/2025,AM,N\nX900000000001,09/09/2025,AM,/\n")
        let before = try exported(store)
        let refused = try RollcallProcess.run(["import", "marks", thin, "--store", store])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("line 3: X900000000004 2025-09-08 AM: stored I, amended by Hana Head on "), "\(refused.stderr)")
        #expect(refused.stderr.contains("(\"mum rang at 10\"); the file has N"))
        #expect(refused.stderr.contains("--overwrite-amended"))
        #expect(try exported(store) == before)

        let forced = try RollcallProcess.run(["import", "marks", thin, "--overwrite-amended", "--store", store])
        #expect(forced.status == 0, "\(forced.stderr)")
        #expect(forced.stdout.contains("3 marks read; 1 added, 1 amended (1 of them amended by staff before, overwritten), 1 left alone"), "\(forced.stdout)")
        let after = try exported(store)
        #expect(after.contains("X900000000002,2025-09-08,AM,L,12,Bus late; mum rang") || after.contains("X900000000002,2025-09-08,AM,L,12,\"Bus late; mum rang\""), "\(after)")
        let history = try RollcallProcess.run(["history", "--pupil", "X900000000004", "--store", store])
        #expect(history.stdout.contains("thin.csv"), "\(history.stdout)")
    }
}
