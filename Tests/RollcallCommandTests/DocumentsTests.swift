import Foundation
import Testing

/// Whether poppler-utils is installed (`.ci/run` installs it).
let popplerAvailable = ["/usr/bin/pdfinfo", "/usr/bin/pdftotext"].allSatisfy(FileManager.default.isExecutableFile)

/// PDFs checked with real PDF tools (poppler-utils), as a school's printer would meet them.
@Suite("PDF documents", .enabled(if: popplerAvailable, "pdfinfo/pdftotext not installed (apt-get install poppler-utils)"))
struct DocumentsTests {
    static let pupils = """
        UPN,Surname,Forename,Date of Birth,Year Group,Reg Group,Contact 1 Name,Contact 1 Relationship,Contact 1 Phone,Contact 1 Parental Responsibility,Contact 1 Address
        Z1,Ó Briain,Zoë,2016-01-01,4,4A,Siobhán Ó Briain,Mother,07700 900001,Y,"3 Heol y Bont, Llan, LL1 2AB"
        L2,李,小龙,2016-02-02,4,4A,李娜,Mother,07700 900002,Y,"9 Mill Lane, Leeds, LS6 2AB"

        """

    static var marks: String {
        var lines = ["upn,date,session,mark"]
        for day in 1...5 {
            let d = "2025-09-0\(day)"
            lines.append("Z1,\(d),AM,\(day == 2 ? "I" : "/")")
            lines.append("Z1,\(d),PM,\(day == 3 ? "N" : "\\")")
            lines.append("L2,\(d),AM,/")
            lines.append("L2,\(d),PM,\\")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    func store(_ scratch: Scratch) throws -> String {
        let store = "\(scratch.path)/store"
        #expect(try RollcallProcess.run(["init", "--store", store, "--school", "Ysgol Zoë Primary", "--name", "Gwen Ayşe Head"]).status == 0)
        #expect(try RollcallProcess.run(["import", "pupils", scratch.write("p.csv", Self.pupils), "--store", store]).status == 0)
        #expect(try RollcallProcess.run(["import", "marks", scratch.write("m.csv", Self.marks), "--store", store]).status == 0)
        return store
    }

    func tool(_ name: String, _ args: [String]) throws -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/\(name)")
        p.arguments = args
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        #expect(p.terminationStatus == 0, "\(name) \(args)")
        return String(decoding: data, as: UTF8.self)
    }

    @Test func theCertificateIsAnA4PDFWhoseTotalsAreTheStatistics() throws {
        let scratch = Scratch()
        let store = try store(scratch)
        let pdf = "\(scratch.path)/cert.pdf"
        let r = try RollcallProcess.run(["certificate", "Z1", "--from", "2025-09-01", "--to", "2025-09-05", "--out", pdf, "--store", store])
        #expect(r.status == 0, "\(r.stderr)")
        let info = try tool("pdfinfo", [pdf])
        #expect(info.contains("Pages:           1"))
        #expect(info.contains("595.276 x 841.89 pts (A4)"))
        let text = try tool("pdftotext", [pdf, "-"])
        #expect(text.contains("Zoë Ó Briain"))
        #expect(text.contains("Ysgol Zoë Primary"))
        let stats = try RollcallProcess.run(["stats", "--store", store, "--from", "2025-09-01", "--as-of", "2025-09-05", "--format", "json", "--pupil", "Z1"])
        let row = try #require((try JSONSerialization.jsonObject(with: Data(stats.stdout.utf8)) as? [[String: Any]])?.first)
        #expect(text.contains("Possible sessions: \(try #require(row["possible_sessions"] as? Int))"))
        #expect(text.contains("Authorised absence: \(try #require(row["authorised_absence_sessions"] as? Int))"))
        #expect(text.contains("Unauthorised absence: \(try #require(row["unauthorised_absence_sessions"] as? Int))"))
        #expect(text.contains("Attendance: 80.0%"))
    }

    @Test func aLetterAsPDFCarriesTheLetterheadTheNameAndTheFigures() throws {
        let scratch = Scratch()
        let store = try store(scratch)
        _ = try RollcallProcess.run(["settings", "--address", "1 School Lane, Llan", "--head-name", "Nia Ó Pennaeth", "--store", store])
        for (upn, name) in [("Z1", "Zoë"), ("L2", "小龙")] {
            let pdf = "\(scratch.path)/\(upn).pdf"
            let r = try RollcallProcess.run(["letter", upn, "attendance-1", "--format", "pdf", "--out", pdf, "--as-of", "2025-09-05", "--store", store])
            #expect(r.status == 0, "\(r.stderr)")
            #expect(try tool("pdfinfo", [pdf]).contains("(A4)"))
            let text = try tool("pdftotext", [pdf, "-"])
            #expect(text.contains(name), "\(text)")
            #expect(text.contains("Ysgol Zoë Primary"))
            #expect(text.contains("1 School Lane, Llan"))
            #expect(text.contains("Head teacher: Nia Ó Pennaeth"))
            #expect(text.contains(upn == "Z1" ? "80.0%" : "100.0%"))
        }
    }

    @Test func aPostedLetterIsAddressedToTheParentsAndSignedByARealPerson() throws {
        let scratch = Scratch()
        let store = try store(scratch)
        let pdf = "\(scratch.path)/z1.pdf"
        let r = try RollcallProcess.run(["letter", "Z1", "attendance-1", "--format", "pdf", "--out", pdf, "--as-of", "2025-09-05", "--store", store])
        #expect(r.status == 0, "\(r.stderr)")
        let text = try tool("pdftotext", [pdf, "-"])
        for line in ["Siobhán Ó Briain", "3 Heol y Bont", "LL1 2AB", "Gwen Ayşe Head", "Head teacher"] {
            #expect(text.contains(line), "\(line) in \(text)")
        }
    }

    @Test func aLetterToParentsWithNoAddressIsRefusedNamingTheField() throws {
        let scratch = Scratch()
        let store = try store(scratch)
        let noAddress = "UPN,Surname,Forename,Date of Birth,Year Group,Reg Group,Contact 1 Name,Contact 1 Relationship,Contact 1 Parental Responsibility,Contact 1 Address\n"
            + "Z1,Ó Briain,Zoë,2016-01-01,4,4A,Siobhán Ó Briain,Mother,Y,\n"
        #expect(try RollcallProcess.run(["import", "pupils", scratch.write("n.csv", noAddress), "--store", store]).status == 0)
        let pdf = "\(scratch.path)/z1.pdf"
        let r = try RollcallProcess.run(["letter", "Z1", "attendance-1", "--format", "pdf", "--out", pdf, "--as-of", "2025-09-05", "--store", store])
        #expect(r.status != 0)
        #expect(r.stderr.contains("Contact 1 Address is missing for Siobhán Ó Briain"), "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: pdf))
        let batch = try RollcallProcess.run(["letters", "--template", "attendance-1", "--class", "4A", "--out", "\(scratch.path)/b", "--as-of", "2025-09-05", "--store", store])
        #expect(batch.status != 0)
        #expect(!FileManager.default.fileExists(atPath: "\(scratch.path)/b"))
    }

    @Test func aReImportWithoutTheAddressColumnKeepsTheAddresses() throws {
        let scratch = Scratch()
        let store = try store(scratch)
        let without = "UPN,Surname,Forename,Date of Birth,Year Group,Reg Group,Contact 1 Name,Contact 1 Relationship,Contact 1 Parental Responsibility\n"
            + "Z1,Ó Briain,Zoë,2016-01-01,4,4A,Siobhán Ó Briain,Mother,Y\n"
        #expect(try RollcallProcess.run(["import", "pupils", scratch.write("w.csv", without), "--store", store]).status == 0)
        let exported = try RollcallProcess.run(["export", "pupils", "--store", store])
        #expect(exported.stdout.contains("3 Heol y Bont, Llan, LL1 2AB"), "\(exported.stdout)")
    }

    @Test func aLetterSignedByALoginWithNoRealNameIsRefused() throws {
        let scratch = Scratch()
        let store = "\(scratch.path)/store"
        #expect(try RollcallProcess.run(["init", "--store", store, "--school", "Ysgol Zoë Primary", "--name", "root"]).status == 0)
        #expect(try RollcallProcess.run(["import", "pupils", scratch.write("p.csv", Self.pupils), "--store", store]).status == 0)
        _ = try RollcallProcess.run(["staff", "add", "clerk", "--name", "clerk", "--role", "office", "--not-yet", "--store", store])
        for login in ["root", "clerk"] {
            let r = try RollcallProcess.run(["letter", "Z1", "attendance-1", "--as-of", "2025-09-05", "--store", store],
                                            environment: ["ROLLCALL_LOGIN": login])
            #expect(r.status != 0)
            #expect(r.stderr.contains("real name") && r.stderr.contains("ask the head"), "\(r.stderr)")
        }
    }

    @Test func aPDFLetterNeedsAFile() throws {
        let scratch = Scratch()
        let store = try store(scratch)
        let r = try RollcallProcess.run(["letter", "Z1", "attendance-1", "--format", "pdf", "--store", store])
        #expect(r.status != 0)
        #expect(r.stderr.contains("--format pdf needs --out"))
    }

    @Test func theChronologyHasTheRecordInDateOrderAndWithholdsSensitiveWordsFromTheOffice() throws {
        let scratch = Scratch()
        let store = try store(scratch)
        _ = try RollcallProcess.run(["staff", "add", "clerk", "--name", "Office Clerk", "--role", "office", "--not-yet", "--store", store])
        #expect(try RollcallProcess.run(["log", "call", "Z1", "--contact", "1", "--outcome", "spoke", "--reason", "I", "--apply",
                                         "--note", "mum: a cold", "--date", "2025-09-03", "--time", "09:40", "--store", store]).status == 0)
        #expect(try RollcallProcess.run(["log", "note", "Z1", "disclosure passed to the DSL", "--sensitive", "--date", "2025-09-04", "--store", store]).status == 0)
        let head = try RollcallProcess.run(["chronology", "Z1", "--as-of", "2025-09-05", "--store", store])
        #expect(head.status == 0, "\(head.stderr)")
        let call = try #require(head.stdout.range(of: "mum: a cold"))
        let note = try #require(head.stdout.range(of: "disclosure passed to the DSL"))
        #expect(call.lowerBound < note.lowerBound)  // oldest first
        #expect(head.stdout.contains("register amended 2025-09-03 PM: N → I"))
        let office = try RollcallProcess.run(["chronology", "Z1", "--as-of", "2025-09-05", "--format", "csv", "--store", store],
                                             environment: ["ROLLCALL_LOGIN": "clerk"])
        #expect(office.status == 0, "\(office.stderr)")
        #expect(!office.stdout.contains("disclosure passed"))
        #expect(office.stdout.contains(",yes\r\n"))   // the sensitive entry is there, its words withheld
        let pdf = "\(scratch.path)/chronology.pdf"
        #expect(try RollcallProcess.run(["chronology", "Z1", "--as-of", "2025-09-05", "--format", "pdf", "--out", pdf, "--store", store]).status == 0)
        #expect(try tool("pdfinfo", [pdf]).contains("(A4)"))
        #expect(try tool("pdftotext", [pdf, "-"]).contains("Zoë Ó Briain"))
        // In the office's PDF the withheld entry is printed in grey; in the head's, nothing is
        // (issue 19, defect 18). The colours are read from the page as SVG.
        let officePDF = "\(scratch.path)/chronology-office.pdf"
        #expect(try RollcallProcess.run(["chronology", "Z1", "--as-of", "2025-09-05", "--format", "pdf", "--out", officePDF, "--store", store],
                                        environment: ["ROLLCALL_LOGIN": "clerk"]).status == 0)
        func greyText(_ file: String) throws -> Bool {
            let svg = "\(file).svg"
            _ = try tool("pdftocairo", ["-svg", file, svg])
            // Cairo writes 0.45 grey as rgb(44.999695%,…).
            let text = try String(contentsOfFile: svg, encoding: .utf8)
            return text.contains("rgb(44.99") || text.contains("rgb(45%")
        }
        #expect(try greyText(officePDF))
        #expect(try !greyText(pdf))
    }

    @Test func aBatchWritesOnePDFEachAndOneToPrintAndRecordsOnlyWhenAsked() throws {
        let scratch = Scratch()
        let store = try store(scratch)
        let out = "\(scratch.path)/batch"
        let dry = try RollcallProcess.run(["letters", "--template", "attendance-1", "--class", "4A", "--out", out, "--as-of", "2025-09-05", "--store", store])
        #expect(dry.status == 0, "\(dry.stderr)")
        let files = try FileManager.default.contentsOfDirectory(atPath: out).sorted()
        #expect(files == ["attendance-1-L2.pdf", "attendance-1-Z1.pdf", "attendance-1-all-2025-09-05.pdf"])
        #expect(try tool("pdfinfo", ["\(out)/attendance-1-all-2025-09-05.pdf"]).contains("Pages:           2"))
        for upn in ["Z1", "L2"] {
            #expect(!(try RollcallProcess.run(["history", "--pupil", upn, "--store", store]).stdout.contains("letter")))
        }
        let recorded = try RollcallProcess.run(["letters", "--template", "attendance-1", "--class", "4A", "--out", out, "--record", "--as-of", "2025-09-05", "--store", store])
        #expect(recorded.status == 0, "\(recorded.stderr)")
        for upn in ["Z1", "L2"] {
            let history = try RollcallProcess.run(["history", "--pupil", upn, "--store", store]).stdout
            #expect(history.components(separatedBy: "letter attendance-1").count - 1 == 1, "\(history)")
        }
    }
}
