import Foundation
import Testing

@Suite("rollcall settings, register close and late arrivals")
struct SettingsCommandTests {
    func store(_ scratch: Scratch) throws -> String {
        let store = "\(scratch.path)/store"
        #expect(try RollcallProcess.run(["init", "--store", store, "--school", "Test Primary"]).status == 0)
        let p = try RollcallProcess.run(["import", "pupils", scratch.write("pupils.csv", CommandLineTests.pupils), "--store", store])
        #expect(p.status == 0, "\(p.stderr)")
        return store
    }

    @Test func settingsAreShownAndSet() throws {
        let scratch = Scratch()
        let store = try store(scratch)
        let shown = try RollcallProcess.run(["settings", "--store", store])
        #expect(shown.status == 0, "\(shown.stderr)")
        #expect(shown.stdout.contains("opens 08:40, closes 09:15") && shown.stdout.contains("opens 13:00, closes 13:30"))
        #expect(shown.stdout.contains("Europe/London"))
        let set = try RollcallProcess.run(["settings", "--am-closes", "9:20", "--head-name", "Hana Head", "--address", "1 School Lane",
                                           "--email", "office@example.org", "--phone", "01234 567890", "--store", store])
        #expect(set.status == 0, "\(set.stderr)")
        let again = try RollcallProcess.run(["settings", "--store", store])
        for text in ["closes 09:20", "Hana Head", "1 School Lane", "office@example.org", "01234 567890"] {
            #expect(again.stdout.contains(text), "\(text)")
        }
        let audit = try RollcallProcess.run(["history", "--school", "--store", store])
        #expect(audit.stdout.contains("settings: AM register 08:40–09:20"), "\(audit.stdout)")
    }

    @Test func aBadTimeIsRefusedWithTheAcceptedForm() throws {
        let scratch = Scratch()
        let store = try store(scratch)
        let r = try RollcallProcess.run(["settings", "--pm-opens", "25:99", "--store", store])
        #expect(r.status != 0)
        #expect(r.stderr.contains("HH:MM"))
        let order = try RollcallProcess.run(["settings", "--am-closes", "13:15", "--store", store])
        #expect(order.status != 0 && order.stderr.contains("no later than the PM register opens"))
        let zone = try RollcallProcess.run(["settings", "--time-zone", "Mars/Olympus", "--store", store])
        #expect(zone.status != 0 && zone.stderr.contains("time zone"))
    }

    @Test func aRegisterClosesOnlyOnceEveryPupilIsMarked() throws {
        let scratch = Scratch()
        let store = try store(scratch)
        let refused = try RollcallProcess.run(["register", "close", "4a", "2025-09-08", "AM", "--store", store])
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("not yet marked: Jones, Ben; Smith, Ann; Zhao, Wei"), "\(refused.stderr)")
        for (upn, code) in [("A1", "/"), ("B2", "N"), ("C3", "Z")] {
            let m = try RollcallProcess.run(["mark", upn, "2025-09-08", "AM", code, "--store", store])
            #expect(m.status == 0, "\(m.stderr)")
        }
        let closed = try RollcallProcess.run(["register", "close", "4a", "2025-09-08", "AM", "--store", store])
        #expect(closed.status == 0, "\(closed.stderr)")
        #expect(closed.stdout.contains("4A register for 2025-09-08 AM is closed"))
        let history = try RollcallProcess.run(["history", "--pupil", "B2", "--store", store])
        #expect(history.stdout.contains("marked 2025-09-08 AM: N"))
        let audit = try RollcallProcess.run(["history", "--school", "--store", store])
        #expect(audit.stdout.contains("closed the 4A register for 2025-09-08 AM"), "\(audit.stdout)")
    }

    @Test func anArrivalTimeChoosesLOrU() throws {
        let scratch = Scratch()
        let store = try store(scratch)
        let l = try RollcallProcess.run(["mark", "A1", "2025-09-08", "AM", "--arrived", "9:15", "--comment", "bus", "--store", store])
        #expect(l.status == 0, "\(l.stderr)")
        #expect(l.stdout.contains("L, 35 min late"))
        let u = try RollcallProcess.run(["mark", "B2", "2025-09-08", "AM", "--arrived", "09:16", "--store", store])
        #expect(u.stdout.contains("U, 36 min late"), "\(u.stdout)")
        let bad = try RollcallProcess.run(["mark", "B2", "2025-09-08", "PM", "I", "--arrived", "13:10", "--store", store])
        #expect(bad.status != 0 && bad.stderr.contains("--arrived goes only with L or U"))
    }
}
