import Attendance
import AttendanceStore
import Foundation
import Testing

@Suite("The contact log, sensitive notes and letters")
struct ContactLogTests {
    @Test func sensitiveTextIsHiddenFromOfficeStaff() {
        let e = ContactLogEntry(id: "c1", upn: "P1", kind: .homeVisit, on: SchoolDate("2025-11-03")!, by: "fsw", byName: "Fay",
                                visitedBy: ["Fay", "Dan"], childSeen: false, adultSpokenTo: "Mum's partner",
                                text: "Concerns about the new partner; DSL informed", sensitive: true)
        let office = StaffMember(login: "o", name: "Olu", role: .office)
        let dsl = StaffMember(login: "d", name: "Dee", role: .attendance, isDSL: true)
        let head = StaffMember(login: "h", name: "Hana", role: .head)
        let seen = e.visible(to: office)
        #expect(seen.text != e.text && !seen.summary.contains("partner"))
        #expect(seen.kind == .homeVisit && seen.on == e.on && seen.byName == "Fay")  // that it exists is visible
        #expect(seen.childSeen == nil && seen.adultSpokenTo == "(hidden)")
        #expect(e.visible(to: dsl) == e)
        #expect(e.visible(to: head) == e)
        #expect(e.visible(to: StaffMember(login: "fsw", name: "Fay", role: .attendance)) == e)  // whoever wrote it
        let plain = ContactLogEntry(upn: "P1", kind: .note, on: SchoolDate("2025-11-03")!, text: "Bus pass sorted")
        #expect(plain.visible(to: office) == plain)
    }

    @Test func callsNeedAnOutcomeAndReasonsComeOnlyFromSpeaking() throws {
        var s = try CaseworkSchool(policy: "bridgewater-park")
        s.pupil("P1")
        let office = StaffMember(login: "o", name: "Olu", role: .office)
        let noOutcome = ContactLogEntry(upn: "P1", kind: .call, on: CaseworkSchool.asOf, contactName: "Parent One P1")
        #expect(throws: ChangeRefused.self) { try s.commit(Transaction([.contact(noOutcome)]), by: office) }
        let voicemail = ContactLogEntry(upn: "P1", kind: .call, on: CaseworkSchool.asOf, contactName: "Parent One P1", outcome: .voicemail, reasonCode: .illness)
        #expect(throws: ChangeRefused.self) { try s.commit(Transaction([.contact(voicemail)]), by: office) }
    }

    @Test func aCallThatFindsTheReasonAmendsTheOpenNMarksThroughTheStore() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("rollcall-cw-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var s = try CaseworkSchool(policy: "bridgewater-park")
        s.pupil("P1", absent: 3, code: .reasonNotYetEstablished)
        let store = try Store.create(at: dir, school: s.school)
        let office = StaffMember(login: "office", name: "Olu Office", role: .office)
        try store.commit(Transaction([.staff(office)]), by: store.school.staff["head"]!)
        let open = store.school.openUnexplainedMarks(for: "P1", upTo: CaseworkSchool.asOf)
        #expect(open.count == 3)
        let call = ContactLogEntry(upn: "P1", kind: .call, on: CaseworkSchool.asOf, time: "10:02", contactName: "Parent One P1",
                                   number: "07700 900001", outcome: .spoke, reasonCode: .illness, text: "sickness bug")
        let why = "call 2025-10-24 10:02 to Parent One P1: spoke, sickness bug"
        try store.commit(Transaction([.contact(call)] + open.map { .mark(MarkChange(upn: "P1", session: $0.session, mark: Mark(.illness))) }, reason: why), by: office)
        #expect(store.school.openUnexplainedMarks(for: "P1", upTo: CaseworkSchool.asOf).isEmpty)
        let history = try Store.open(at: dir).history(upn: "P1").entries
        let amendments = history.filter { if case .mark(let m) = $0.change { return m.isAmendment } else { return false } }
        #expect(amendments.count == 3 && amendments.allSatisfy { $0.reason == why && $0.name == "Olu Office" })
        // The call itself is in the pupil's audit trail too, with who and when.
        #expect(history.contains { if case .contact(let e) = $0.change { return e.outcome == .spoke && $0.login == "office" } else { return false } })
        // The entry itself is in the log, with an id the store gave it, after reopening.
        let reopened = try Store.open(at: dir)
        try reopened.loadContacts()
        #expect(reopened.school.casework.contacts["P1"]?.first?.id.hasPrefix("c") == true)
        #expect(reopened.school.casework.contacts["P1"]?.first?.byName == "Olu Office")
    }

    @Test func everyTemplateRendersAndMatchesTheKnownIDs() throws {
        #expect(Set(Letters.templateIDs) == LetterTemplateIDs.known)
        var s = try CaseworkSchool(policy: "bridgewater-park")
        s.pupil("P1", absent: 9, code: .reasonNotYetEstablished)  // N: cme-enquiry needs a run to say "absent since"
        for id in Letters.templateIDs {
            let text = try Letters.render(id, school: s.school, upn: "P1", asOf: CaseworkSchool.asOf, signedBy: s.school.staff["head"]!,
                                          details: .init(meetingDate: SchoolDate("2025-11-05")))
            #expect(text.contains("Casework Test School") && text.contains("Dear Parent One P1 and Parent Two P1"), "\(id)")
            #expect(!text.contains("{{"), "\(id)")
        }
        let letter = try Letters.render("termly-red", school: s.school, upn: "P1", asOf: CaseworkSchool.asOf, signedBy: s.school.staff["head"]!)
        #expect(letter.contains("88.7%") && letter.contains("4.5 days, 9 sessions missed"))
    }
}
