import Attendance
import Foundation
import Testing
@testable import AttendanceStore

@Suite("Migration, backups and export")
struct MigrationBackupExportTests {
    @Test func aLayoutOneStoreIsBackedUpAndMigrated() throws {
        let dir = TempDirectory()
        let store = dir.file("store")
        try FileManager.default.createDirectory(atPath: "\(store)/marks", withIntermediateDirectories: true)
        dir.write("store/rollcall.json", #"{"schemaVersion": 1, "format": "rollcall-store", "school": {"name": "Old School"}}"#)
        dir.write("store/pupils.json", #"{"schemaVersion": 1, "pupils": [{"upn": "A1", "legalSurname": "Smith", "legalForename": "Ann", "dateOfBirth": "2016-01-01", "yearGroup": "Y3", "registrationGroup": "3A", "flags": {"senSupport": false, "ehcp": false, "pupilPremium": false, "freeSchoolMeals": false, "childInNeed": false, "childProtection": true, "lookedAfter": false, "englishAdditionalLanguage": false, "youngCarer": false, "hasSocialWorker": false}, "contacts": []}]}"#)
        let codes = "/|" + String(repeating: ".", count: 728)
        dir.write("store/marks/2025-26.json", #"{"schemaVersion": 1, "academicYear": "2025-26", "firstDay": "2025-09-01", "codes": {"A1": "\#(codes)"}, "details": {}}"#)
        #expect(throws: StoreError.self) { try Store.open(at: store) }  // not without someone to be head
        let said = try Store.migrate(at: store, as: head, now: { Date(timeIntervalSince1970: 1_764_580_500) })  // 2025-12-01 09:15 UTC
        let migrated = try Store.open(at: store)
        #expect(migrated.school.name == "Old School")
        #expect(migrated.school.pupils["A1"]?.flags.childProtection == true)
        #expect(migrated.school.register.mark(for: "A1", at: session("2025-09-01", .pm))?.code == .presentPM)
        #expect(migrated.school.staff["head"]?.role == .head)
        let backups = try FileManager.default.contentsOfDirectory(atPath: "\(store)/backups")
        #expect(backups.contains("pre-migration-v1-2025-12-01T091500Z"))
        // Said as a warning, not written to the screen by the store.
        #expect(said?.hasPrefix("migrated \(store)") == true && said?.contains("pre-migration-v1") == true)
        #expect(!FileManager.default.fileExists(atPath: "\(store)/pupils.json"))
        #expect(try Store.open(at: store).school.pupils.count == 1)
    }

    @Test func aMigrationThatCannotListTheMarksStopsAndLeavesTheOldLayoutUntouched() throws {
        let dir = TempDirectory()
        let store = dir.file("store")
        try FileManager.default.createDirectory(atPath: store, withIntermediateDirectories: true)
        dir.write("store/rollcall.json", #"{"schemaVersion": 1, "format": "rollcall-store", "school": {"name": "Old School"}}"#)
        dir.write("store/pupils.json", #"{"schemaVersion": 1, "pupils": []}"#)
        dir.write("store/marks", "a file where the directory of marks should be")  // cannot be listed
        let before = contents(of: store)
        #expect {
            try Store.migrate(at: store, as: head)
        } throws: { "\($0)".contains("\(store)/marks") }
        let after = contents(of: store).filter { !$0.key.hasPrefix("backups/") }
        #expect(after == before)  // no snapshot, no new manifest, nothing deleted
        #expect { try Store.open(at: store) } throws: { "\($0)".contains("older layout") }
    }

    @Test func aBackupIsACompleteVerifiedCopy() throws {
        let dir = TempDirectory()
        let store = try makeStore(dir)
        try store.commit(markTransaction("B2", "2025-09-02", .am, .illness), by: office)
        let path = try Backup.make(store, to: dir.file("copy"))
        let copy = try Store.open(at: path)
        #expect(copy.lastSeq == store.lastSeq)
        #expect(copy.school.register.mark(for: "B2", at: session("2025-09-02", .am))?.code == .illness)
        #expect(throws: StoreError.self) { try Backup.make(store, to: dir.file("copy")) }  // never overwrites
    }

    @Test func aDailyBackupIsTakenBeforeTheFirstChangeOfEachDayAndFourteenKept() throws {
        let dir = TempDirectory()
        let store = try makeStore(dir)
        var day = Date(timeIntervalSince1970: 1_798_761_600)  // 2027-01-01, after the day makeStore's clock says
        for i in 0..<20 {
            store.now = { day }
            let date = SchoolDate("2025-10-01")!.adding(days: i).description
            try store.commit(markTransaction("A1", date, .am, .presentAM), by: office)
            try store.commit(markTransaction("B2", date, .am, .presentAM), by: office)
            day += 86_400
        }
        let daily = try FileManager.default.contentsOfDirectory(atPath: dir.file("store/backups")).filter { $0.hasPrefix("daily-") }.sorted()
        #expect(daily.count == Backup.dailyKept)
        #expect(daily.first == "daily-2027-01-07" && daily.last == "daily-2027-01-20")
    }

    @Test func exportedPupilsAndMarksReimportExactly() throws {
        let dir = TempDirectory()
        let store = try makeStore(dir)
        let more = "UPN,Surname,Forename,Preferred Name,Date of Birth,Year Group,Reg Group,CP,EAL,Contact 1 Name,Contact 1 Relationship,Contact 1 Phone,Contact 1 Parental Responsibility,Contact 2 Name,Contact 2 Phone\n"
            + "C3,\"O'Brien, Jr\",Zoë,\"Zo\",2015-05-05,R,RB,Y,Y,\"Smith, Jane\",Mother,07700 900123; 01632 960001,Y,李伟,01632 960002\n"
        _ = try store.importPupils(try PupilImport.parse(more, file: "more.csv"), file: "more.csv", by: head)
        let marks = "upn,date,session,mark,minutes_late,comment\nC3,2025-09-01,AM,U,40,\"traffic, then \"\"bus\"\"\nline two\"\nC3,2025-09-01,PM,J,,\nC3,2025-09-02,AM,Y4,,\n"
        _ = try store.importMarks(try MarkImport.parse(marks, file: "m2.csv", knownUPNs: ["A1", "B2", "C3"]), file: "m2.csv", by: head)

        let pupilsOut = Export.pupilsCSV(store.school), marksOut = Export.marksCSV(store.school)
        let copy = try Store.create(at: dir.file("copy"), schoolName: "Copy", head: head)
        _ = try copy.importPupils(try PupilImport.parse(pupilsOut, file: "p.csv"), file: "p.csv", by: head)
        _ = try copy.importMarks(try MarkImport.parse(marksOut, file: "m.csv", knownUPNs: Set(copy.school.pupils.keys)), file: "m.csv", by: head)
        #expect(copy.school.pupils == store.school.pupils)
        #expect(copy.school.register.pupils == store.school.register.pupils)
        #expect(Export.marksCSV(copy.school) == marksOut)
    }
}
