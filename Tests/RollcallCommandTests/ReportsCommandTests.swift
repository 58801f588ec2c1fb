import Foundation
import Testing

/// `rollcall report`: every kind in every format, the PDFs read back with poppler, and the
/// governors' figures checked against `rollcall stats --by`.
@Suite("Reports", .enabled(if: popplerAvailable, "pdfinfo/pdftotext not installed (apt-get install poppler-utils)"))
struct ReportsCommandTests {
    let documents = DocumentsTests()

    /// The documents' school, with 小龙 absent with no reason on Wednesday afternoon too and
    /// Zoë on pupil premium.
    func store(_ scratch: Scratch) throws -> String {
        let store = try documents.store(scratch)
        let more = "upn,date,session,mark\nL2,2025-09-03,PM,N\n"
        #expect(try RollcallProcess.run(["import", "marks", scratch.write("more.csv", more), "--store", store]).status == 0)
        let flags = "UPN,Surname,Forename,Date of Birth,Year Group,Reg Group,Pupil Premium\nZ1,Ó Briain,Zoë,2016-01-01,4,4A,Y\n"
        #expect(try RollcallProcess.run(["import", "pupils", scratch.write("flags.csv", flags), "--store", store]).status == 0)
        return store
    }

    @Test(arguments: ["absentees", "calls", "pa", "governors", "data-quality"])
    func everyReportInEveryFormat(kind: String) throws {
        let scratch = Scratch()
        let store = try store(scratch)
        let args = ["report", kind, "--as-of", "2025-09-03", "--store", store] + (kind == "absentees" ? ["--session", "pm"] : [])
        let text = try RollcallProcess.run(args)
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stdout.hasPrefix("Ysgol Zoë Primary\n"))
        let csv = try RollcallProcess.run(args + ["--format", "csv", "--out", "\(scratch.path)/r.csv"])
        #expect(csv.status == 0, "\(csv.stderr)")
        #expect(try String(contentsOfFile: "\(scratch.path)/r.csv", encoding: .utf8).contains("\r\n"))
        let pdf = "\(scratch.path)/r.pdf"
        let r = try RollcallProcess.run(args + ["--format", "pdf", "--out", pdf])
        #expect(r.status == 0, "\(r.stderr)")
        let info = try documents.tool("pdfinfo", [pdf])
        #expect(info.contains("595.276 x 841.89 pts (A4)"))
        #expect(info.contains(kind == "governors" ? "Pages:           2" : "Pages:           1"), "\(info)")
        let words = try documents.tool("pdftotext", [pdf, "-"])
        #expect(words.contains("Ysgol Zoë Primary"))
        switch kind {
        case "absentees", "calls":
            #expect(words.contains("Zoë Ó Briain") && words.contains("小龙 李"), "\(words)")
            #expect(words.contains("900001"))   // the calls sheet may wrap a contact line
        case "pa":
            // Zoë: 2 of 6 sessions missed to Wednesday; 小龙 1 of 6.
            #expect(words.contains("Zoë Ó Briain") && words.contains("66.6") && words.contains("小龙 李") && words.contains("83.3"), "\(words)")
        case "governors":
            #expect(words.contains("Whole school") && words.contains("75.0") && words.contains("Pupil premium"), "\(words)")
        default:
            #expect(words.contains("Nothing to put right."), "\(words)")
        }
    }

    /// A session whose registers are not all taken: text, CSV and PDF name the missing ones.
    @Test func theAbsenteeReportNamesTheRegistersNotTaken() throws {
        let scratch = Scratch()
        let store = try store(scratch)
        // Monday 8 September: Zoë marked absent, 小龙 not yet, so 4A is half taken.
        let monday = "upn,date,session,mark\nZ1,2025-09-08,AM,N\n"
        #expect(try RollcallProcess.run(["import", "marks", scratch.write("monday.csv", monday), "--store", store]).status == 0)
        let args = ["report", "absentees", "--as-of", "2025-09-08", "--session", "am", "--store", store]
        let text = try RollcallProcess.run(args)
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stdout.contains("not yet taken: 4A (1 of 2 marked)"), "\(text.stdout)")
        let csv = try RollcallProcess.run(args + ["--format", "csv"])
        #expect(csv.stdout.contains("4A") && csv.stdout.contains("register not yet taken"), "\(csv.stdout)")
        let pdf = "\(scratch.path)/r.pdf"
        #expect(try RollcallProcess.run(args + ["--format", "pdf", "--out", pdf]).status == 0)
        let words = try documents.tool("pdftotext", [pdf, "-"])
        #expect(words.contains("4A (1 of 2 marked)"), "\(words)")
    }

    @Test func aPDFReportNeedsAFile() throws {
        let scratch = Scratch()
        let r = try RollcallProcess.run(["report", "pa", "--format", "pdf", "--store", try store(scratch)])
        #expect(r.status != 0)
        #expect(r.stderr.contains("--format pdf needs --out"))
    }

    @Test func dataQualityFindsTheStaleNAndTheUnmarkedWeek() throws {
        let scratch = Scratch()
        let store = try store(scratch)
        // With no calendar, a session is open once anyone has a mark in it: 小龙's.
        let monday = "upn,date,session,mark\nL2,2025-09-08,AM,/\n"
        #expect(try RollcallProcess.run(["import", "marks", scratch.write("mon.csv", monday), "--store", store]).status == 0)
        let r = try RollcallProcess.run(["report", "data-quality", "--as-of", "2025-09-12", "--store", store])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("Zoë Ó Briain  Z1   4A     2025-09-03 PM"), "\(r.stdout)")
        #expect(r.stdout.contains("2025-09-08 AM  Zoë Ó Briain\n"), "\(r.stdout)")
    }

    /// Truncated to one decimal as the report prints it.
    func cut(_ v: Any?) -> String {
        guard let d = v as? Double else { return "–" }
        let tenths = Int((d * 10 + 1e-7).rounded(.down))
        return "\(tenths / 10).\(tenths % 10)"
    }

    @Test func theGovernorsFiguresAreTheStatsByCohort() throws {
        let scratch = Scratch()
        let store = try store(scratch)
        let csv = try RollcallProcess.run(["report", "governors", "--as-of", "2025-09-05", "--format", "csv", "--store", store])
        #expect(csv.status == 0, "\(csv.stderr)")
        // table,Group,Pupils,Att %,Change,PA %,Change,SA %,Unauth %,...
        let rows = csv.stdout.split(separator: "\r\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        func reportRow(_ group: String) -> [String]? { rows.first { $0.count > 8 && $0[1] == group } }
        var compared = 0
        for by in ["school", "year", "vulnerable"] {
            let stats = try RollcallProcess.run(["stats", "--by", by, "--from", "2025-09-01", "--as-of", "2025-09-05", "--format", "json", "--store", store])
            let cohorts = try #require(try JSONSerialization.jsonObject(with: Data(stats.stdout.utf8)) as? [[String: Any]])
            for c in cohorts {
                let name = try #require(c["cohort"] as? String)
                guard let row = reportRow(name) else { continue }   // EAL and others are not in the report
                #expect(row[2] == "\((c["pupils"] as? Int) ?? -1)", "\(name)")
                #expect(row[3] == cut(c["attendance_percent"]), "\(name)")
                #expect(row[5] == cut(c["persistent_absence_percent"]), "\(name)")
                #expect(row[7] == cut(c["severe_absence_percent"]), "\(name)")
                let possible = try #require(c["possible_sessions"] as? Int)
                let unauth = try #require(c["unauthorised_absence_sessions"] as? Int)
                #expect(row[8] == (possible == 0 ? "–" : cut(Double(unauth) * 100 / Double(possible))), "\(name)")
                compared += 1
            }
        }
        #expect(compared == 1 + 1 + 7)   // the school, Y4, the seven vulnerable groups
        #expect(reportRow("Pupil premium")?[3] == "80.0")
    }
}
