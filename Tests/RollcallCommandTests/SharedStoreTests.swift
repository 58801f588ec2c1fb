import Attendance
import AttendanceStore
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Three staff, three logins, one store: real OS logins and groups, not mocks (issue 11).
@Suite(.serialized) struct SharedStoreTests {
    typealias F = OSLoginFixture

    static let pupils = """
    UPN,Surname,Forename,Date of Birth,Year Group,Reg Group
    A123456789012,Okafor,Zoë,2015-03-01,5,5B
    B123456789012,Lee,小龙,2015-05-02,5,5B

    """

    /// A shared store set up as the head's guide says, with the office and DSL logins on its staff list.
    func sharedStore() throws -> (root: String, store: String) {
        let (root, store) = try F.schoolDirectory()
        // `init --group` no longer makes one (issue 20): made as it did, then handed to the head.
        _ = try Store.create(at: store, schoolName: "Shared Primary", head: StaffMember(login: F.head, name: F.head, role: .head, isDSL: true),
                             policy: try PolicyFile.preset(PolicyFile.defaultPresetID), sharing: StoreSharing(group: F.staffGroup, dslGroup: F.dslGroup))
        try F.run("/bin/chown", ["-R", F.head, store])
        let setup: [[String]] = [
            ["staff", "add", F.office, "--name", "Olive Office", "--role", "office"],
            ["staff", "add", F.dsl, "--name", "Dana Lead", "--role", "attendance", "--dsl"],
        ]
        for args in setup {
            let r = try F.rollcall(as: F.head, args + ["--store", store])
            try #require(r.status == 0, "\(args): \(r.stderr)")
        }
        // Only a login the computer lets read sensitive words may be the DSL.
        let notDSL = try F.rollcall(as: F.head, ["staff", "add", F.office, "--name", "Olive Office", "--role", "office", "--dsl", "--store", store])
        try #require(notDSL.status != 0 && notDSL.stderr.contains(F.dslGroup), "\(notDSL.stderr)")
        FileManager.default.createFile(atPath: "\(root)/pupils.csv", contents: Data(Self.pupils.utf8), attributes: [.posixPermissions: 0o644])
        let imported = try F.rollcall(as: F.head, ["import", "pupils", "\(root)/pupils.csv", "--store", store])
        try #require(imported.status == 0, "\(imported.stderr)")
        return (root, store)
    }

    /// A group-shared store made before issue 20 still opens, and every start says why to
    /// move it and how; `init --group` makes no new one.
    @Test(.enabled(if: OSLoginFixture.available, "needs root, useradd and runuser (CI has them)"))
    func anExistingSharedStoreOpensAndEveryStartSaysToMoveIt() throws {
        let (root, store) = try sharedStore()
        defer { try? FileManager.default.removeItem(atPath: root) }
        for (login, args) in [(F.office, ["mark", "A123456789012", "2026-11-30", "AM", "/"]), (F.dsl, ["stats", "--as-of", "2026-11-30"]),
                              (F.head, ["staff", "list"])] {
            let r = try F.rollcall(as: login, args + ["--store", store])
            #expect(r.status == 0, "\(args): \(r.stderr)")
            #expect(r.stderr.contains("shared through the OS group \(F.staffGroup)") && r.stderr.contains("rollcall store move --from \(store) --to URL"),
                    "\(args): \(r.stderr)")
        }
        let again = try F.rollcall(as: F.head, ["init", "--school", "Another", "--group", F.staffGroup, "--store", "\(root)/another"])
        #expect(again.status != 0 && again.stderr.contains("--database") && again.stderr.contains("store move"), "\(again.stderr)")
        #expect(!FileManager.default.fileExists(atPath: "\(root)/another/rollcall.json"))
    }

    @Test(.enabled(if: OSLoginFixture.available, "needs root, useradd and runuser (CI has them)"))
    func officeAndDSLShareAStoreAndSensitiveWordsStayWithTheDSLGroup() throws {
        let (root, store) = try sharedStore()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let secret = "disclosed-\(UUID().uuidString.prefix(6))"
        let s = ["--store", store]

        #expect(try F.rollcall(as: F.office, ["mark", "A123456789012", "2026-11-30", "AM", "N"] + s).status == 0)
        let note = try F.rollcall(as: F.dsl, ["log", "note", "A123456789012", "Mum \(secret) at the door", "--sensitive", "--date", "2026-11-30"] + s)
        #expect(note.status == 0, "\(note.stderr)")
        // The DSL compacts: the snapshot and audit files are rewritten by their login.
        #expect(try F.rollcall(as: F.dsl, ["compact"] + s).status == 0)

        // The office login can still mark and read after that.
        let mark = try F.rollcall(as: F.office, ["mark", "B123456789012", "2026-11-30", "AM", "/"] + s)
        #expect(mark.status == 0, "\(mark.stderr)")
        let officeHistory = try F.rollcall(as: F.office, ["history", "--pupil", "A123456789012"] + s)
        #expect(officeHistory.status == 0, "\(officeHistory.stderr)")
        // Stored in UTC, shown in the school's time (GMT or BST), never as UTC.
        #expect(!officeHistory.stdout.contains(" UTC") && (officeHistory.stdout.contains(" GMT") || officeHistory.stdout.contains(" BST")))
        #expect(officeHistory.stdout.contains("safeguarding-sensitive") && !officeHistory.stdout.contains(secret))

        // Not by any means: grep over the whole store (backups included) finds nothing.
        let grep = try F.shell(as: F.office, "grep -r '\(secret)' '\(store)'; echo status=$?")
        #expect(!grep.stdout.contains(secret), "\(grep.stdout)")

        // The DSL and the head read it.
        for login in [F.dsl, F.head] {
            let history = try F.rollcall(as: login, ["history", "--pupil", "A123456789012"] + s)
            #expect(history.stdout.contains(secret), "\(login): \(history.stdout) \(history.stderr)")
        }

        // The author reads back their own sensitive entry; the DSL reads it too.
        let officeNote = "office-\(UUID().uuidString.prefix(6))"
        let logged = try F.rollcall(as: F.office, ["log", "note", "B123456789012", "Saw \(officeNote)", "--sensitive", "--date", "2026-11-30"] + s)
        #expect(logged.status == 0, "\(logged.stderr)")
        #expect(try F.rollcall(as: F.office, ["history", "--pupil", "B123456789012"] + s).stdout.contains(officeNote))
        #expect(try F.rollcall(as: F.dsl, ["history", "--pupil", "B123456789012"] + s).stdout.contains(officeNote))

        // No store file is readable by other users of the computer; every file is the group's.
        var loose: [String] = []
        Self.walk(store) { path, st in if st.st_mode & 0o004 != 0 { loose.append(path) } }
        #expect(loose.isEmpty, "world-readable: \(loose)")
        let check = try F.rollcall(as: F.head, ["check"] + s)
        #expect(!check.stderr.contains("permissions:"), "\(check.stderr)")
    }

    @Test(.enabled(if: OSLoginFixture.available, "needs root, useradd and runuser (CI has them)"))
    func anOutsiderIsToldWhichGroupToJoinAndOfficeStaffCannotAdvanceACase() throws {
        let (root, store) = try sharedStore()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let outsider = try F.rollcall(as: F.outsider, ["stats", "--store", store])
        #expect(outsider.status != 0)
        #expect(outsider.stderr.contains("permission denied") && outsider.stderr.contains(F.staffGroup), "\(outsider.stderr)")
        #expect(!outsider.stderr.contains("not a Rollcall store"))

        let advance = try F.rollcall(as: F.office, ["case", "advance", "A123456789012", "--reason", "no improvement", "--store", store])
        #expect(advance.status != 0)
        #expect(advance.stderr.contains("office") && (advance.stderr.contains("attendance") || advance.stderr.contains("head")), "\(advance.stderr)")
    }

    @Test(.enabled(if: OSLoginFixture.available, "needs root, useradd and runuser (CI has them)"))
    func aBadlyPermissionedFileIsReportedAndTheHeadRepairsIt() throws {
        let (root, store) = try sharedStore()
        defer { try? FileManager.default.removeItem(atPath: root) }
        chmod("\(store)/rollcall.json", 0o644)
        let check = try F.rollcall(as: F.head, ["check", "--store", store])
        #expect(check.status != 0)
        #expect(check.stderr.contains("rollcall.json") && check.stderr.contains("0644"), "\(check.stderr)")
        let byOffice = try F.rollcall(as: F.office, ["check", "--repair-permissions", "--store", store])
        #expect(byOffice.status != 0 && byOffice.stderr.contains("head"), "\(byOffice.stderr)")
        let repaired = try F.rollcall(as: F.head, ["check", "--repair-permissions", "--store", store])
        #expect(repaired.stdout.contains("Repaired"), "\(repaired.stdout) \(repaired.stderr)")
        var st = stat()
        stat("\(store)/rollcall.json", &st)
        #expect(st.st_mode & 0o777 == 0o660)
    }

    @Test(.enabled(if: OSLoginFixture.available, "needs root, useradd and runuser (CI has them)"))
    func aReadOnlyCopyCanBeReadButRefusesChanges() throws {
        let (root, store) = try sharedStore()
        defer { try? FileManager.default.removeItem(atPath: root) }
        #expect(try F.rollcall(as: F.office, ["mark", "A123456789012", "2026-11-30", "AM", "N", "--store", store]).status == 0)
        let copy = "\(root)/copy"
        try F.run("/bin/cp", ["-a", store, copy])
        try F.run("/bin/chmod", ["-R", "a-w", copy])
        let stats = try F.rollcall(as: F.head, ["stats", "--as-of", "2026-11-30", "--store", copy])
        #expect(stats.status == 0, "\(stats.stderr)")
        let export = try F.rollcall(as: F.head, ["export", "marks", "--store", copy])
        #expect(export.status == 0 && export.stdout.contains("A123456789012"), "\(export.stderr)")
        let check = try F.rollcall(as: F.head, ["check", "--store", copy])
        #expect(check.stdout.contains("Shared Primary"), "\(check.stdout) \(check.stderr)")
        #expect(!check.stderr.contains("permissions:"), "a read-only copy lacks write bits on purpose: \(check.stderr)")
        let mark = try F.rollcall(as: F.head, ["mark", "B123456789012", "2026-11-30", "AM", "/", "--store", copy])
        #expect(mark.status != 0)
        #expect(mark.stderr.contains("read-only"), "\(mark.stderr)")
    }

    @Test(.enabled(if: OSLoginFixture.available, "needs root, useradd and runuser (CI has them)"))
    func aBackupTakenByTheOfficeIsReportedIncompleteUntilTheDSLCompletesIt() throws {
        let (root, store) = try sharedStore()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let s = ["--store", store]
        #expect(try F.rollcall(as: F.dsl, ["log", "note", "A123456789012", "private words", "--sensitive", "--date", "2026-11-30"] + s).status == 0)
        try F.run("/bin/sh", ["-c", "rm -rf '\(store)/backups/'*"])
        // The office's change takes the day's backup, without the words it cannot read.
        #expect(try F.rollcall(as: F.office, ["mark", "A123456789012", "2026-11-30", "AM", "N"] + s).status == 0)
        let before = try F.rollcall(as: F.head, ["check"] + s)
        #expect(before.status != 0 && before.stderr.contains("incomplete") && before.stderr.contains(F.office), "\(before.stderr)")
        // The DSL's next change completes it, words and permissions as in the store.
        #expect(try F.rollcall(as: F.dsl, ["mark", "B123456789012", "2026-11-30", "AM", "/"] + s).status == 0)
        let after = try F.rollcall(as: F.head, ["check"] + s)
        #expect(after.status == 0, "\(after.stderr)")
        let copies = try F.shell(as: F.dsl, "grep -rl 'private words' '\(store)/backups'")
        #expect(copies.stdout.contains("/sensitive/"), "\(copies.stdout)")
        #expect(!(try F.shell(as: F.office, "grep -rl 'private words' '\(store)/backups'")).stdout.contains("sensitive"))

        // A backup to another folder keeps the store's group, and says when it lacks the words.
        try F.run("/usr/bin/install", ["-d", "-o", F.office, "-m", "755", "\(root)/usb"])
        let elsewhere = try F.rollcall(as: F.office, ["backup", "--to", "\(root)/usb/office-copy"] + s)
        #expect(elsewhere.status == 0, "\(elsewhere.stderr)")
        #expect(elsewhere.stderr.contains("does not hold the words of safeguarding-sensitive entries"), "\(elsewhere.stderr)")
        var st = stat()
        stat("\(root)/usb/office-copy", &st)
        #expect(st.st_mode & 0o7777 == 0o2770 && st.st_gid == getgrnam(F.staffGroup).pointee.gr_gid)
        let copyCheck = try F.rollcall(as: F.head, ["check", "--store", "\(root)/usb/office-copy"])
        #expect(!copyCheck.stderr.contains("permissions:"), "\(copyCheck.stderr)")
        #expect(copyCheck.stderr.contains("no copy of the words of sensitive entries"), "\(copyCheck.stderr)")
    }

    static func walk(_ dir: String, _ visit: (String, stat) -> Void) {
        for name in (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? [] {
            let path = "\(dir)/\(name)"
            var st = stat()
            guard lstat(path, &st) == 0 else { continue }
            visit(path, st)
            if st.st_mode & S_IFMT == S_IFDIR { walk(path, visit) }
        }
    }
}
