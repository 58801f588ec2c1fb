import Foundation
import Testing

/// `--out` on every document command: the format follows the file's extension unless
/// `--format` says otherwise, a contradiction is refused, and `--out` never follows a symlink
/// nor writes inside the store.
@Suite("Documents written with --out")
struct OutputFileTests {
    let documents = DocumentsTests()

    func head(_ path: String) -> String {
        (try? String(decoding: Data(contentsOf: URL(fileURLWithPath: path)).prefix(5), as: UTF8.self)) ?? ""
    }

    @Test func theExtensionChoosesTheFormat() throws {
        let scratch = Scratch()
        let store = try documents.store(scratch)
        let pdf = "\(scratch.path)/chronology.pdf"
        let r = try RollcallProcess.run(["chronology", "Z1", "--out", pdf, "--as-of", "2025-09-05", "--store", store])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(head(pdf) == "%PDF-")
        let csv = "\(scratch.path)/pa.csv"
        #expect(try RollcallProcess.run(["report", "pa", "--out", csv, "--as-of", "2025-09-05", "--store", store]).status == 0)
        #expect(try String(contentsOfFile: csv, encoding: .utf8).contains(","))
        let letter = "\(scratch.path)/letter.pdf"
        #expect(try RollcallProcess.run(["letter", "Z1", "attendance-1", "--out", letter, "--as-of", "2025-09-05", "--store", store]).status == 0)
        #expect(head(letter) == "%PDF-")
    }

    @Test func aContradictionIsRefusedAndNothingWritten() throws {
        let scratch = Scratch()
        let store = try documents.store(scratch)
        let pdf = "\(scratch.path)/x.pdf"
        let r = try RollcallProcess.run(["chronology", "Z1", "--format", "text", "--out", pdf, "--as-of", "2025-09-05", "--store", store])
        #expect(r.status != 0)
        #expect(r.stderr.contains("--format text") && r.stderr.contains("x.pdf"), "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: pdf))
        let cert = try RollcallProcess.run(["certificate", "Z1", "--from", "2025-09-01", "--to", "2025-09-05", "--out", "\(scratch.path)/c.txt", "--store", store])
        #expect(cert.status != 0, "a certificate is a PDF")
    }

    @Test func outNeverFollowsASymlinkNorWritesInsideTheStore() throws {
        let scratch = Scratch()
        let store = try documents.store(scratch)
        let target = "\(scratch.path)/precious.txt"
        try "keep me".write(toFile: target, atomically: true, encoding: .utf8)
        let link = "\(scratch.path)/report.txt"
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: target)
        let r = try RollcallProcess.run(["report", "pa", "--out", link, "--as-of", "2025-09-05", "--store", store])
        #expect(r.status != 0)
        #expect(r.stderr.contains("symbolic link"), "\(r.stderr)")
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "keep me")
        for args in [["report", "pa", "--out", "\(store)/pa.txt", "--as-of", "2025-09-05"],
                     ["chronology", "Z1", "--out", "\(store)/../store/c.pdf", "--as-of", "2025-09-05"],
                     ["certificate", "Z1", "--from", "2025-09-01", "--to", "2025-09-05", "--out", "\(store)/c.pdf"],
                     ["letters", "--template", "attendance-1", "--out", "\(store)/letters", "--as-of", "2025-09-05"]] {
            let inside = try RollcallProcess.run(args + ["--store", store])
            #expect(inside.status != 0, "\(args)")
            #expect(inside.stderr.contains("inside the store"), "\(args): \(inside.stderr)")
        }
    }
}

@Suite("--store pointing at a file")
struct StoreIsAFileTests {
    @Test func aFileIsNotAStoreAndItSaysSo() throws {
        let scratch = Scratch()
        let file = scratch.write("notes.txt", "not a store\n")
        for args in [["today", "--date", "2025-09-05"], ["caseload", "--as-of", "2025-09-05"], ["check"]] {
            let r = try RollcallProcess.run(args + ["--store", file])
            #expect(r.status != 0)
            #expect(r.stderr.contains("is a file, not a Rollcall store"), "\(args): \(r.stderr)")
            #expect(!r.stderr.contains("usermod") && !r.stderr.contains("permission denied"), "\(args): \(r.stderr)")
        }
    }
}
