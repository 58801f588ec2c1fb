import Attendance
import AttendanceStore
import Foundation
import PostgresStore
import Testing

/// The store's promises, kept by both implementations of `SchoolStore` (issue 20, "one
/// suite, two implementations"): each test runs once on the file store and once on a
/// school in PostgreSQL.
@Suite(.enabled(if: TestCluster.isInstalled, "\(TestCluster.skipReason)"))
struct BothStoresTests {
    static let kinds: [StoreKind] = [.files, .postgres]
    let office = SchoolDatabase.office, support = SchoolDatabase.attendance
    let dsl = SchoolDatabase.dsl, head = SchoolDatabase.head

    func s(_ iso: String, _ half: SessionHalf = .am) -> Session { Session(SchoolDate(iso)!, half) }

    func mark(_ upn: String, _ session: Session, _ code: AttendanceCode?, shown: ShownMark? = nil, reason: String? = nil) -> Transaction {
        Transaction([.mark(MarkChange(upn: upn, session: session, mark: code.map { Mark($0) }, shown: shown))], reason: reason)
    }

    @Test(arguments: kinds) func aCommittedChangeIsThereAfterReopening(kind: StoreKind) throws {
        let school = try SchoolUnderTest(kind)
        do {
            let store = try school.open(as: office)
            try store.commit(mark("A1", s("2026-02-23"), .presentAM), by: office)
        }
        let again = try school.open(as: head)
        #expect(again.school.register.mark(for: "A1", at: s("2026-02-23"))?.code == .presentAM)
        #expect(try school.problems().isEmpty)
    }

    /// Two store objects on one school, writing at once: every mark is there once.
    @Test(arguments: kinds) func twoWritersAtOnceLoseNothingAndDuplicateNothing(kind: StoreKind) throws {
        let school = try SchoolUnderTest(kind)
        let days = ["2025-09-01", "2025-09-02", "2025-09-03", "2025-09-04", "2025-09-05",
                    "2025-09-08", "2025-09-09", "2025-09-10", "2025-09-11", "2025-09-12"]
        let sessions = days.flatMap { [s($0, .am), s($0, .pm)] }
        let writers = try [(office, "A1"), (support, "B2")].map { member, upn in
            (Unchecked(try school.open(as: member)), member, upn)
        }
        let failures = Unchecked(Failures())
        DispatchQueue.concurrentPerform(iterations: writers.count) { i in
            let (store, member, upn) = writers[i]
            for session in sessions {
                do {
                    try store.value.commit(mark(upn, session, session.half == .am ? .presentAM : .presentPM), by: member)
                } catch {
                    failures.value.add("\(member.login) \(session): \(error)")
                }
            }
        }
        #expect(failures.value.all.isEmpty, "\(failures.value.all)")
        let after = try school.open(as: head)
        for upn in ["A1", "B2"] {
            #expect(sessions.allSatisfy { after.school.register.mark(for: upn, at: $0) != nil }, "\(upn) lost a mark")
        }
        let marks = after.auditTrail().entries.filter { if case .mark = $0.change { return true } else { return false } }
        #expect(marks.count == 2 * sessions.count)
        #expect(Set(marks.map(\.seq)).count == marks.count)
        #expect(try school.problems().isEmpty)
    }

    @Test(arguments: kinds) func aMarkChangedByAnotherIsRefusedSayingWhoWhenAndFromWhatToWhat(kind: StoreKind) throws {
        let school = try SchoolUnderTest(kind)
        let theOffice = try school.open(as: office), theSupport = try school.open(as: support)
        try theOffice.commit(mark("A1", s("2026-03-02"), .presentAM), by: office)
        // Support's screen still shows no mark.
        let refusal = try #require(throws: ChangeRefused.self) {
            try theSupport.commit(mark("A1", s("2026-03-02"), .illness, shown: ShownMark.none), by: support)
        }
        #expect(refusal.kind == .conflict)
        #expect(refusal.message.contains("was changed by Olu Office at "), "\(refusal.message)")
        #expect(refusal.message.contains("from no mark to /"), "\(refusal.message)")
        #expect(try school.open(as: head).school.register.mark(for: "A1", at: s("2026-03-02"))?.code == .presentAM)
    }

    @Test(arguments: kinds) func anAmendmentNeedsAReasonAndTheHistoryKeepsItWithWhoAndTheirRole(kind: StoreKind) throws {
        let school = try SchoolUnderTest(kind)
        let store = try school.open(as: office)
        let day = s("2026-02-23")
        try store.commit(mark("A1", day, .presentAM), by: office)
        let refusal = try #require(throws: ChangeRefused.self) { try store.commit(mark("A1", day, .illness), by: office) }
        #expect(refusal.kind == .needsReason)
        try store.commit(mark("A1", day, .illness, reason: "mum rang at 9"), by: office)
        let last = try #require(try school.open(as: head).history(upn: "A1").entries.last)
        #expect(last.reason == "mum rang at 9")
        #expect(last.login == office.login && last.name == "Olu Office" && last.role == "office")
        guard case .mark(let m) = last.change else { Issue.record("not a mark: \(last.change)"); return }
        #expect(m.previous?.code == .presentAM && m.mark?.code == .illness)
    }

    @Test(arguments: kinds) func theOfficeMayNotChangeTheStaffThePolicyOrTheSettings(kind: StoreKind) throws {
        let school = try SchoolUnderTest(kind)
        let store = try school.open(as: office)
        let before = store.lastSeq
        var settings = store.school.settings
        settings.timeZone = "Europe/Paris"
        let attempts: [Change] = [
            .staff(StaffMember(login: office.login, name: office.name, role: .head)),
            .staffRemoved(login: support.login),
            .settings(settings),
            .policy(try PolicyFile.presets()[0]),
        ]
        for change in attempts {
            let refusal = try #require(throws: ChangeRefused.self) { try store.commit(Transaction([change]), by: office) }
            #expect(refusal.kind == .notPermitted, "\(change): \(refusal.message)")
        }
        let again = try school.open(as: head)
        #expect(again.lastSeq == before)
        #expect(again.school.staff[office.login]?.role == .office)
    }

    @Test(arguments: kinds) func anImportWithOneBadRowStoresNothing(kind: StoreKind) throws {
        let school = try SchoolUnderTest(kind)
        let store = try school.open(as: office)
        let before = store.lastSeq
        let marks = [MarkChange(upn: "A1", session: s("2025-09-01"), mark: Mark(.presentAM)),
                     MarkChange(upn: "B2", session: s("2025-09-01"), mark: Mark(.presentAM)),
                     MarkChange(upn: "Z9", session: s("2025-09-01"), mark: Mark(.presentAM))]
        #expect(throws: ChangeRefused.self) { try store.importMarks(marks, file: "m.csv", by: office) }
        let again = try school.open(as: head)
        #expect(again.lastSeq == before)
        #expect(again.school.register.mark(for: "A1", at: s("2025-09-01")) == nil)
    }

    @Test(arguments: kinds) func reImportingOverAStaffAmendmentIsRefusedAndStoresNothing(kind: StoreKind) throws {
        let school = try SchoolUnderTest(kind)
        let store = try school.open(as: office)
        let csv = "upn,date,session,mark\nA1,2025-09-01,AM,/\nB2,2025-09-01,AM,N\n"
        _ = try store.importMarks(try MarkImport.read(csv, file: "m.csv", knownUPNs: ["A1", "B2"]), file: "m.csv", by: office)
        try store.commit(mark("B2", s("2025-09-01"), .illness, reason: "mum rang"), by: office)
        let before = store.lastSeq
        let again = try MarkImport.read(csv + "A1,2025-09-02,AM,/\n", file: "m.csv", knownUPNs: ["A1", "B2"])
        let refused = try #require(throws: ImportConflicts.self) {
            try school.open(as: support).importMarks(again, file: "m.csv", by: support)
        }
        let c = try #require(refused.conflicts.first)
        #expect(refused.conflicts.count == 1 && c.upn == "B2" && c.line == 3)
        #expect(c.amendedBy == "Olu Office" && c.reason == "mum rang" && c.stored?.code == .illness)
        let after = try school.open(as: head)
        #expect(after.lastSeq == before)
        #expect(after.school.register.mark(for: "A1", at: s("2025-09-02")) == nil)
    }

    /// The author and the DSL read a sensitive note's words; another office login does not.
    /// On PostgreSQL the database withholds them (row-level security); the file store, private
    /// to one login, holds them for every process, and the program hides them from roles
    /// that may not read them (`chronology(for:viewer:)`), which both stores are held to.
    @Test(arguments: kinds) func sensitiveWordsAreReadByTheirAuthorAndTheDSLButNotTheOffice(kind: StoreKind) throws {
        let school = try SchoolUnderTest(kind)
        let note = ContactLogEntry(upn: "A1", kind: .note, on: SchoolDate("2026-03-02")!, text: "Q-SECRET bruise on arm", sensitive: true)
        try school.open(as: support).commit(Transaction([.contact(note)]), by: support)

        func words(as member: StaffMember) throws -> (stored: String?, shown: String) {
            let store = try school.open(as: member)
            try store.loadContacts()
            let stored = store.school.casework.contacts["A1"]?.first?.text
            return (stored, store.school.chronology(for: "A1", viewer: member).map(\.text).joined(separator: "\n"))
        }
        for reader in [support, dsl, head] {
            let (stored, shown) = try words(as: reader)
            #expect(stored == "Q-SECRET bruise on arm", "\(reader.login)")
            #expect(shown.contains("Q-SECRET"), "\(reader.login)")
        }
        let (stored, shown) = try words(as: office)
        #expect(!shown.contains("Q-SECRET"))
        if kind == .postgres {
            #expect(stored == ContactLogEntry.withheldText)
            #expect(!(try school.open(as: office).history(upn: "A1").entries.map { "\($0.change)" }.joined().contains("Q-SECRET")))
        }
    }
}

/// A value handed to threads that each use it alone (a store object per thread).
final class Unchecked<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}

/// Failures collected from several threads.
final class Failures: @unchecked Sendable {
    private let lock = NSLock()
    private var list: [String] = []
    func add(_ s: String) { lock.lock(); list.append(s); lock.unlock() }
    var all: [String] { lock.lock(); defer { lock.unlock() }; return list }
}

extension BothStoresTests {
    /// The history names each change's author as they were then: a later change of role
    /// does not rewrite who made an earlier amendment.
    @Test(arguments: kinds) func theHistoryNamesTheAuthorsRoleWhenTheChangeWasMade(kind: StoreKind) throws {
        let school = try SchoolUnderTest(kind)
        let store = try school.open(as: office)
        let day = s("2026-02-23")
        try store.commit(mark("A1", day, .presentAM), by: office)
        try store.commit(mark("A1", day, .illness, reason: "mum rang"), by: office)
        let promoted = StaffMember(login: office.login, name: "Olu Attendance", role: .attendance)
        try school.open(as: head).commit(Transaction([.staff(promoted)]), by: head)
        let amendment = try #require(try school.open(as: head).history(upn: "A1").entries.last)
        #expect(amendment.role == "office" && amendment.name == "Olu Office", "\(amendment.role) \(amendment.name)")
    }
}
