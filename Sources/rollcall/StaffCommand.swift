import ArgumentParser
import Attendance
import AttendanceStore
import Foundation

struct StaffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "staff",
        abstract: "Who may use this store, and in which role (office, attendance, head; trust-lead: figures in rollcall trust only).",
        subcommands: [Add.self, List.self, Remove.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a member of staff, or change their name, role or DSL flag (head only).")
        @Argument(help: "Their OS login.") var login: String
        @Option(help: "Their name, as the audit trail shows it.") var name: String
        @Option(help: "office, attendance, head or trust-lead (sees the school's figures in rollcall trust, nothing else).") var role: StaffRole
        @Flag(help: "A designated safeguarding lead: may read safeguarding-sensitive notes (the login must be in the store's DSL group).") var dsl = false
        @Flag(help: "Add a login that does not exist on this computer yet (a new member of staff whose account is still to be made).")
        var notYet = false
        @OptionGroup var storeOptions: StoreOptions

        func run() throws {
            let (store, me) = try storeOptions.open(as: .current())
            guard me.may(.manageStaff) else {
                throw CleanExit.failure("adding staff needs the head's role; you are \(me.role.rawValue) staff")
            }
            let exists = OSLogins.exists(login)
            if !exists && !notYet {
                throw CleanExit.failure("\(login) is not a login on this computer (check the spelling, or create the account first: `sudo useradd -m \(login)`); to add them before their account exists, repeat with --not-yet")
            }
            if let sharing = (store as? Store)?.sharing, exists {
                if !OSLogins.isMember(login, of: sharing.group) {
                    FileHandle.standardError.write(Data("Warning: \(login) is not in the group \(sharing.group), so cannot open this store yet: `sudo usermod -aG \(sharing.group) \(login)`\n".utf8))
                }
                if let dslGroup = sharing.dslGroup {
                    if dsl, !OSLogins.isMember(login, of: dslGroup) {
                        throw CleanExit.failure("\(login) is not in the DSL group \(dslGroup), so the computer would not let them read sensitive notes; add them first (`sudo usermod -aG \(dslGroup) \(login)`), then repeat")
                    }
                    if role == .head, !OSLogins.isMember(login, of: dslGroup) {
                        FileHandle.standardError.write(Data("Warning: \(login) is a head but not in the DSL group \(dslGroup), so cannot read sensitive notes: `sudo usermod -aG \(dslGroup) \(login)`\n".utf8))
                    }
                }
            }
            let member = StaffMember(login: login, name: name, role: role, isDSL: dsl)
            try store.commit(Transaction([.staff(member)]), by: me)
            print("\(login): \(member.signature)" + (exists ? "" : " (no such login on this computer yet)"))
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the staff.")
        @Option(help: "table or json (keys in docs/json-output.md).") var format: ListFormat = .table
        @OptionGroup var storeOptions: StoreOptions

        func run() throws {
            let store = try storeOptions.open(as: .current()).store
            if format == .json {
                print(JSONValue.array(store.school.staff.values.sorted(by: { $0.login < $1.login }).map { s in
                    .object([("login", .string(s.login)), ("name", .string(s.name)), ("role", .string(s.role.rawValue)), ("dsl", .bool(s.isDSL))])
                }).rendered())
                return
            }
            var t = TextTable(columns: ["Login", "Name", "Role", "DSL"])
            for s in store.school.staff.values.sorted(by: { $0.login < $1.login }) {
                t.add([s.login, s.name, s.role.rawValue, s.isDSL ? "yes" : "no"])
            }
            print(t.render())
        }
    }

    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Remove a member of staff (head only). Their past changes stay in the audit trail.")
        @Argument(help: "Their OS login.") var login: String
        @OptionGroup var storeOptions: StoreOptions

        func run() throws {
            let (store, me) = try storeOptions.open(as: .current())
            try store.commit(Transaction([.staffRemoved(login: login)]), by: me)
            print("\(login) removed")
        }
    }
}

extension StaffRole: ExpressibleByArgument {}
