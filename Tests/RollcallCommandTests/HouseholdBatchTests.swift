import Foundation
import Testing

/// Issue 19, defects 9 and 16, in the PDF a school prints: a letter to two parents with
/// parental responsibility who live apart is printed once for each household in the batch,
/// each copy addressed to its own, and the words are plain text (no `&amp;` or `&#39;`).
@Suite("Issue 19: a batch prints a copy for each household", .enabled(if: popplerAvailable, "pdfinfo/pdftotext not installed (apt-get install poppler-utils)"))
struct HouseholdBatchTests {
    @Test func eachParentsHouseholdGetsItsOwnPageInTheBatch() throws {
        let scratch = Scratch()
        let store = "\(scratch.path)/store"
        #expect(try RollcallProcess.run(["init", "--store", store, "--school", "St Mary & St John's", "--name", "Gwen Head"]).status == 0)
        let pupils = """
            UPN,Surname,Forename,Date of Birth,Year Group,Reg Group,Contact 1 Name,Contact 1 Relationship,Contact 1 Phone,Contact 1 Parental Responsibility,Contact 1 Address,Contact 2 Name,Contact 2 Relationship,Contact 2 Phone,Contact 2 Parental Responsibility,Contact 2 Address
            A1,O'Brien,Pat,2016-01-01,4,4A,Pat O'Brien,Mother,07700 900001,Y,"1 High Street, Town, AB1 2CD",Sam O'Brien,Father,07700 900002,Y,"9 Low Road, Village, EF3 4GH"

            """
        #expect(try RollcallProcess.run(["import", "pupils", scratch.write("p.csv", pupils), "--store", store]).status == 0)
        let out = "\(scratch.path)/batch"
        let r = try RollcallProcess.run(["letters", "--template", "attendance-1", "--class", "4A", "--out", out, "--as-of", "2025-09-05", "--store", store])
        #expect(r.status == 0, "\(r.stderr)")
        let all = try #require(try FileManager.default.contentsOfDirectory(atPath: out).first { $0.contains("-all-") })
        #expect(try DocumentsTests().tool("pdfinfo", ["\(out)/\(all)"]).contains("Pages:           2"))
        let text = try DocumentsTests().tool("pdftotext", ["\(out)/\(all)", "-"])
        #expect(text.contains("1 High Street") && text.contains("9 Low Road"), "\(text)")
        #expect(text.contains("O’Brien") || text.contains("O'Brien"), "\(text)")
        #expect(!text.contains("&#39;") && !text.contains("&amp;"), "\(text)")
    }
}
