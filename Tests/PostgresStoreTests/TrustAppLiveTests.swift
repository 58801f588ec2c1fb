import Attendance
import Foundation
import PostgresStore
import Testing

/// `:trust` in the app over a database (issue 23, item 4), in a real terminal (tmux): the
/// trust's own OS login, granted only the trust role, opens the app onto the trust's table,
/// and a school's page shows its published counts and no pupil's name; a head who is also
/// the trust's lead opens `:trust` from inside their school and sees their own pupils named.
@Suite(.enabled(if: OSLogins.possible && AppLiveTests.tmux != nil, "needs tmux, PostgreSQL and root"))
struct TrustAppLiveTests {
    let commands = TrustDatabaseCommandTests()
    static let date = TrustDatabaseCommandTests.date

    /// The screen below its header and title line (the title names the school, which a
    /// generated pupil's surname might share).
    func body(_ app: AppLiveTests.Screen) -> String {
        app.text().split(separator: "\n", omittingEmptySubsequences: false).dropFirst(2).joined(separator: "\n")
    }

    func words(_ text: String) -> Set<String> {
        Set(text.split { !$0.isLetter && $0 != "'" && $0 != "-" }.map(String.init))
    }

    @Test func aTrustLeadStaffNowhereOpensOnTheTableAndSeesNoPupilsName() throws {
        let cluster = try commands.databaseWithATrustLead()
        defer { cluster.stop() }
        let head = cluster.conninfo(user: OSLogins.head, database: SchoolDatabase.database)
        let demo = try commands.commands.rollcall(as: OSLogins.head, ["demo", "--trust", "3", "--database", head, "--seed", "5", "--years", "1",
                                                                     "--as-of", Self.date] + TrustDatabaseCommandTests.clock)
        try #require(demo.status == 0, "\(demo.stderr)")
        let schools = try PostgresStore.schools(database: head)
        try #require(schools.count == 3)

        // The trust's own OS login (peer authentication: no ROLLCALL_LOGIN, no password).
        let url = cluster.conninfo(user: OSLogins.trust, database: SchoolDatabase.database)
        let app = try AppLiveTests.Screen(command: ["/usr/sbin/runuser", "-u", OSLogins.trust, "--", InitDatabaseCommandTests.binary,
                                                    "--database", url, "--today", Self.date, "--now", "16:00"],
                                          environment: ["PATH": "/usr/bin:/bin", "HOME": "/tmp", "LANG": "C.UTF-8", "TERM": "xterm-256color"])
        try app.waitFor("Trust total")
        let table = app.text()
        #expect(table.contains("Rollcall · the trust's schools") && table.contains("most concern first"), "\(table)")
        for s in schools { #expect(table.contains(String(s.name.prefix(19))), "\(s.name) missing:\n\(table)") }
        #expect(table.contains("you are a trust lead, staff at no school"), "\(table)")

        try app.send(["Enter"])
        try app.waitFor("Published figures only")
        let page = app.text()
        let title = try #require(page.split(separator: "\n").dropFirst().first.map(String.init))
        let school = try #require(schools.first { title.contains($0.name) }, "\(title)")
        let store = try PostgresStore.open(database: head, school: school.id)
        let onPage = words(body(app))
        let named = store.school.roll.filter { onPage.contains($0.legalSurname) || onPage.contains($0.legalForename) && onPage.contains($0.legalSurname) }
        #expect(named.isEmpty, "named on the page: \(named.map(\.legalSurname))\n\(page)")
        #expect(page.contains("you are not on this school's staff, so no pupil is named"), "\(page)")

        // What needs a school says why it cannot be had.
        try app.send(["Escape"])
        try app.type(":pupils")
        try app.send(["Enter"])
        try app.waitFor("is a trust lead and is not staff at any school")
        try app.type("q")
    }

    @Test func aHeadWhoIsAlsoTheTrustsLeadOpensTrustFromTheirSchool() throws {
        let cluster = try commands.databaseWithATrustLead()
        defer { cluster.stop() }
        let head = cluster.conninfo(user: OSLogins.head, database: SchoolDatabase.database)
        let demo = try commands.commands.rollcall(as: OSLogins.head, ["demo", "--trust", "2", "--database", head, "--seed", "5", "--years", "1",
                                                                     "--as-of", Self.date] + TrustDatabaseCommandTests.clock)
        try #require(demo.status == 0, "\(demo.stderr)")
        let owner = try cluster.connect(database: SchoolDatabase.database)
        try owner.execute("GRANT rollcall_trust TO \(try owner.quotedIdentifier(OSLogins.head))")
        let schools = try PostgresStore.schools(database: head)
        let app = try AppLiveTests.Screen(command: [InitDatabaseCommandTests.binary, "--database", head, "--school", schools[0].id,
                                                    "--today", Self.date, "--now", "16:00"],
                                          environment: ["PATH": "/usr/bin:/bin", "HOME": "/tmp", "LANG": "C.UTF-8", "TERM": "xterm-256color",
                                                        "ROLLCALL_LOGIN": OSLogins.head])
        try app.waitFor("q quit")
        try app.type(":trust")
        try app.send(["Enter"])
        try app.waitFor("Trust total")
        try app.send(["Enter"])
        // The head is staff at every school of the demo: its page names pupils, read-only.
        try app.waitFor("You are on this school's staff: read-only here")
        try app.type("q")
    }
}
