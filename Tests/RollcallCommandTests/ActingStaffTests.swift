import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The command line as other members of staff: `ROLLCALL_LOGIN` names the login to act as,
/// and is honoured only when the real user is root (as in CI and the development container).
@Suite("Acting as office, attendance and DSL staff", .enabled(if: getuid() == 0, "ROLLCALL_LOGIN is honoured only for root; run the tests as root to act as other staff"))
struct ActingStaffTests {
    /// The seeded school of `CommandLineTests`, with an office member, an attendance worker
    /// and an attendance worker who is the DSL.
    func staffed(_ scratch: Scratch) throws -> String {
        let store = "\(scratch.path)/store"
        let initialised = try RollcallProcess.run(["init", "--store", store, "--school", "Test Primary", "--name", "Hana Head"], environment: ["ROLLCALL_LOGIN": "hhead"])
        #expect(initialised.status == 0, "\(initialised.stderr)")
        for args in [["import", "pupils", scratch.write("pupils.csv", CommandLineTests.pupils)],
                     ["import", "marks", scratch.write("marks.csv", CommandLineTests.marks)],
                     ["staff", "add", "osec", "--name", "Olu Sec", "--role", "office", "--not-yet"],
                     ["staff", "add", "fsw", "--name", "Fay Support", "--role", "attendance", "--not-yet"],
                     ["staff", "add", "dlead", "--name", "Dee Lead", "--role", "attendance", "--dsl", "--not-yet"]] {
            let r = try as_("hhead", args, store)
            #expect(r.status == 0, "\(args): \(r.stderr)")
        }
        return store
    }

    func as_(_ login: String, _ args: [String], _ store: String) throws -> RollcallProcess.Result {
        try RollcallProcess.run(args + ["--store", store], environment: ["ROLLCALL_LOGIN": login])
    }

    /// Two staff amend the same session at once: each amendment carries the mark it
    /// replaces, so the second is refused as a conflict naming who changed it, when, and to what.
    @Test func twoStaffAmendingTheSameSessionAtOnceTheSecondIsAConflict() throws {
        let scratch = Scratch()
        let store = try staffed(scratch)
        let first = try as_("osec", ["mark", "B2", "2025-09-01", "AM", "I", "--reason", "mum rang", "--was", "N"], store)
        #expect(first.status == 0, "\(first.stderr)")
        // The family support worker saw N on the register and amends it too.
        let second = try as_("fsw", ["mark", "B2", "2025-09-01", "AM", "M", "--reason", "dentist letter", "--was", "N"], store)
        #expect(second.status != 0)
        #expect(second.stderr.contains("changed by Olu Sec at ") && second.stderr.contains("from N to I"), "\(second.stderr)")
        let export = try as_("hhead", ["export", "marks"], store)
        #expect(export.stdout.contains("B2,2025-09-01,AM,I"), "the first amendment stands")
        // Seeing what is there now, the change goes through.
        #expect(try as_("fsw", ["mark", "B2", "2025-09-01", "AM", "M", "--reason", "dentist letter", "--was", "I"], store).status == 0)
    }

    @Test func theStoreKnowsWhoIsActing() throws {
        let scratch = Scratch()
        let store = try staffed(scratch)
        let today = try as_("osec", ["today", "--date", "2025-09-05"], store)
        #expect(today.status == 0, "\(today.stderr)")
        #expect(today.stdout.contains("(you: Olu Sec (office))"))
        let stranger = try as_("nobody", ["today", "--date", "2025-09-05"], store)
        #expect(stranger.status != 0)
        #expect(stranger.stderr.contains("nobody is not on this store's staff list"))
    }

    @Test func officeStaffMayNotDecideCasesOrRequestPenaltyNotices() throws {
        let scratch = Scratch()
        let store = try staffed(scratch)
        let advance = try as_("osec", ["case", "advance", "A1", "--reason", "80% after a week", "--as-of", "2025-09-05"], store)
        #expect(advance.status != 0)
        #expect(advance.stderr.contains("Olu Sec is office staff and may not decide at the attendance panel (attendance or head staff may)"), "\(advance.stderr)")
        let fsw = try as_("fsw", ["case", "advance", "A1", "--reason", "80% after a week", "--as-of", "2025-09-05"], store)
        #expect(fsw.status == 0, "\(fsw.stderr)")
        let penalty = try as_("osec", ["penalty", "request", "B2", "--parent", "Anyone", "--reason", "holiday", "--as-of", "2025-09-05"], store)
        #expect(penalty.status != 0)
        #expect(penalty.stderr.contains("may not request penalty notices (head staff may)"), "\(penalty.stderr)")
        let history = try as_("hhead", ["history", "--pupil", "B2"], store)
        #expect(!history.stdout.contains("penalty notice"))
    }

    @Test func sensitiveTextIsHiddenFromOfficeStaffButNotTheDSLOrTheAuthor() throws {
        let scratch = Scratch()
        let store = try staffed(scratch)
        let secret = "disclosed a worry at home"
        let byDSL = try as_("dlead", ["log", "note", "B2", secret, "--sensitive", "--date", "2025-09-05", "--time", "10:00"], store)
        #expect(byDSL.status == 0, "\(byDSL.stderr)")
        let ownNote = "seen upset at the gate"
        let byFSW = try as_("fsw", ["log", "note", "B2", ownNote, "--sensitive", "--date", "2025-09-05", "--time", "11:00"], store)
        #expect(byFSW.status == 0, "\(byFSW.stderr)")

        for command in [["history", "--pupil", "B2"], ["case", "show", "B2", "--as-of", "2025-09-05"]] {
            let office = try as_("osec", command, store)
            #expect(office.status == 0, "\(command): \(office.stderr)")
            #expect(!office.stdout.contains(secret) && !office.stdout.contains(ownNote), "\(command)")
            #expect(office.stdout.contains("safeguarding-sensitive"), "\(command): the entries are there, their words are not")
            let dsl = try as_("dlead", command, store)
            #expect(dsl.stdout.contains(secret) && dsl.stdout.contains(ownNote), "\(command)")
            let author = try as_("fsw", command, store)
            #expect(author.stdout.contains(ownNote) && !author.stdout.contains(secret), "\(command)")
        }
    }
}
