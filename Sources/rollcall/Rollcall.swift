import ArgumentParser
#if canImport(Glibc)
import Glibc
#endif

@main
struct Rollcall: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rollcall",
        abstract: "Registers, attendance figures and the graduated response for an English school.",
        discussion: """
        Every command works on one school: in a store directory (--store DIR, or the \
        ROLLCALL_STORE environment variable, or ~/.local/share/rollcall: one login), or in a \
        PostgreSQL database (--database URL or ROLLCALL_DATABASE, and --school ID or \
        ROLLCALL_SCHOOL where the login is staff at several: several logins and schools).
        """,
        subcommands: [
            OpenAppCommand.self, TodayCommand.self, DemoCommand.self, InitCommand.self, ImportCommand.self, MarkCommand.self, StatsCommand.self,
            CallsCommand.self, DutiesCommand.self, TrustCommand.self, LogCommand.self, CaseloadCommand.self, CaseCommand.self, PenaltyCommand.self, LetterCommand.self,
            LettersCommand.self, CertificateCommand.self, ChronologyCommand.self, ReportCommand.self,
            HistoryCommand.self, ExportCommand.self, PolicyCommand.self, CalendarCommand.self, StaffCommand.self, CodesCommand.self,
            CheckCommand.self, AuditCommand.self, MigrateCommand.self, BackupCommand.self, CompactCommand.self, StoreCommand.self, DatabaseCommand.self, DoctorCommand.self, SettingsCommand.self, RegisterCommand.self,
        ],
        defaultSubcommand: OpenAppCommand.self
    )

    /// Nothing Rollcall writes is ever readable by other users of the computer, whatever the
    /// login's umask (the store also sets each file's mode itself).
    static func main() {
        umask(0o007)
        do {
            var command = try parseAsRoot(nil)
            defer { StoreWarnings.printUnprinted() }  // what a change added, after its own output
            do { try command.run() } catch {
                // A message may quote a name or a file's line: its control characters are shown,
                // not sent. ArgumentParser's own (help, usage, exit codes) it prints itself.
                throw String(reflecting: type(of: error)).hasPrefix("ArgumentParser.") ? error : ShownError(error)
            }
        } catch {
            exit(withError: error)
        }
    }
}
