import Attendance
import Foundation
import Testing
@testable import AttendanceStore

@Suite("The store on disk")
struct StoreTests {
    let pupilsCSV = "UPN,Surname,Forename,Date of Birth,Year Group,Reg Group\nA1,Smith,Ann,2016-01-01,3,3A\nB2,Jones,Ben,2016-02-02,3,3A\n"
    let marksCSV = "upn,date,session,mark,minutes_late,comment\nA1,2025-09-01,AM,/,,\nA1,2025-09-01,PM,L,10,bus\nB2,2025-09-01,AM,N,,\n"

    func makeStore(_ dir: TempDirectory) throws -> Store {
        let store = try Store.create(at: dir.file("store"), schoolName: "Test School")
        _ = try store.apply(pupils: try PupilImport.parse(pupilsCSV, file: "p.csv"))
        _ = try store.apply(marks: try MarkImport.parse(marksCSV, file: "m.csv", knownUPNs: ["A1", "B2"]))
        return store
    }

    @Test func createRefusesAnExistingStore() throws {
        let dir = TempDirectory()
        _ = try Store.create(at: dir.file("store"), schoolName: "One")
        #expect(throws: StoreError.self) { try Store.create(at: dir.file("store"), schoolName: "Two") }
        #expect(try Store.open(at: dir.file("store")).school.name == "One")
    }

    @Test func marksAndPupilsSurviveReopening() throws {
        let dir = TempDirectory()
        _ = try makeStore(dir)
        let school = try Store.open(at: dir.file("store")).school
        #expect(school.pupils.count == 2)
        #expect(school.register.mark(for: "A1", at: Session(SchoolDate("2025-09-01")!, .pm)) == Mark(.lateBeforeClose, minutesLate: 10, comment: "bus"))
        #expect(school.register.mark(for: "B2", at: Session(SchoolDate("2025-09-01")!, .am))?.code == .reasonNotYetEstablished)
    }

    @Test func reimportingPupilsUpdatesByUPNWithoutDuplicates() throws {
        let dir = TempDirectory()
        let store = try makeStore(dir)
        let changed = pupilsCSV.replacingOccurrences(of: "Jones,Ben", with: "Jones,Benjamin")
        let result = try store.apply(pupils: try PupilImport.parse(changed, file: "p.csv"))
        #expect(result.added == 0 && result.updated == 1)
        let school = try Store.open(at: dir.file("store")).school
        #expect(school.pupils.count == 2)
        #expect(school.pupils["B2"]?.legalForename == "Benjamin")
    }

    @Test func reimportingTheSameMarksChangesNothing() throws {
        let dir = TempDirectory()
        let store = try makeStore(dir)
        let before = try Data(contentsOf: URL(fileURLWithPath: dir.file("store/marks/2025-26.json")))
        let result = try store.apply(marks: try MarkImport.parse(marksCSV, file: "m.csv", knownUPNs: ["A1", "B2"]))
        #expect(result.added == 0 && result.changed == 0)
        let after = try Data(contentsOf: URL(fileURLWithPath: dir.file("store/marks/2025-26.json")))
        #expect(before == after)
    }

    @Test func filesArePrivate() throws {
        let dir = TempDirectory()
        _ = try makeStore(dir)
        let fm = FileManager.default
        let dirMode = try fm.attributesOfItem(atPath: dir.file("store"))[.posixPermissions] as! Int
        #expect(dirMode == 0o700)
        for f in ["rollcall.json", "pupils.json", "marks/2025-26.json"] {
            let mode = try fm.attributesOfItem(atPath: dir.file("store/\(f)"))[.posixPermissions] as! Int
            #expect(mode == 0o600, "\(f)")
        }
    }

    @Test func damagedFilesStopWithTheFileNamedAndAreNotTouched() throws {
        let dir = TempDirectory()
        _ = try makeStore(dir)
        let pupils = dir.file("store/pupils.json")
        let damaged = Data("{\"schemaVersion\": 1, \"pupils\": [".utf8)
        try damaged.write(to: URL(fileURLWithPath: pupils))
        #expect {
            try Store.open(at: dir.file("store"))
        } throws: { error in
            let e = error as! StoreError
            return e.file == pupils && e.message.contains("damaged")
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: pupils)) == damaged)
    }

    @Test func aNewerSchemaIsRefused() throws {
        let dir = TempDirectory()
        _ = try makeStore(dir)
        let manifest = dir.file("store/rollcall.json")
        let text = try String(contentsOfFile: manifest, encoding: .utf8).replacingOccurrences(of: "\"schemaVersion\" : 1", with: "\"schemaVersion\" : 99")
        try text.write(toFile: manifest, atomically: true, encoding: .utf8)
        #expect { try Store.open(at: dir.file("store")) } throws: { ($0 as! StoreError).message.contains("newer Rollcall") }
    }

    @Test func damagedMarkStringsAreCaught() throws {
        let dir = TempDirectory()
        _ = try makeStore(dir)
        let marks = dir.file("store/marks/2025-26.json")
        let text = try String(contentsOfFile: marks, encoding: .utf8).replacingOccurrences(of: "/L", with: "/?")
        try text.write(toFile: marks, atomically: true, encoding: .utf8)
        #expect { try Store.open(at: dir.file("store")) } throws: { ($0 as! StoreError).message.contains("marks of A1 are damaged") }
    }

    @Test func notAStore() {
        let dir = TempDirectory()
        #expect { try Store.open(at: dir.path) } throws: { ($0 as! StoreError).message.contains("rollcall init") }
    }
}
