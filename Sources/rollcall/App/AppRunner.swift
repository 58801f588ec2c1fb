import ArgumentParser
import Attendance
import AttendanceStore
import Foundation
import RollcallDocuments
import RollcallUI

/// The loop: draw the state, wait for a key (or half a second), turn what happened into a
/// message, let `update` decide, and perform the effects it returns. The only place where the
/// app meets the terminal, the store and the clock.
final class AppRunner {
    let store: Store
    let staff: StaffMember
    /// The process's clock, the one the store was opened with: the app and the store
    /// always agree on the school's date and time.
    var clock: Clock { store.clock }
    var state: AppState
    var running = true
    /// How often another member of staff's changes are looked for.
    let pollMilliseconds: Int32 = 500

    /// The schools' stores for `:trust` (`--stores`).
    let trustStores: [String]
    /// Paints the state now (set once the terminal has started): a slow effect shows its
    /// screen first, saying what it is reading, rather than nothing until it is done.
    var paintNow: (() -> Void)?

    init(store: Store, staff: StaffMember, welcome: [String]? = nil, trustStores: [String] = []) {
        self.store = store
        self.staff = staff
        self.trustStores = trustStores
        let now = store.clock.moment(timeZone: store.school.settings.timeZone)
        state = AppState(context: AppContext(today: now.date, minutes: now.time.minutesSinceMidnight, staff: staff, readOnly: !store.isWritable,
                                             documentsFolder: Self.documentsFolder), school: store.school, width: 80, height: 24,
                         contactLogRead: false)
        state.context.trustStores = trustStores.count
        // Every change to the state arrives as a message, this one too.
        if let warning = store.warnings.first { _ = state.update(.storeOpenedWithWarning(warning)) }
        warningsShown = store.warnings.count
        if let welcome { _ = state.update(.firstRun(welcome: welcome)) }
    }

    /// How many of the store's warnings the status line has shown: one a change adds (a
    /// daily backup that failed) is shown once its change is through.
    var warningsShown = 0

    func run() throws {
        let terminal = try Terminal.start()
        defer { terminal.stop() }
        let size = terminal.size
        paintNow = { [unowned self] in terminal.paint(self.state.draw()) }
        defer { paintNow = nil }
        handle(.windowResized(width: size.width, height: size.height))
        // The first frame before the contact log: reading it is the slow part of starting.
        terminal.paint(state.draw())
        do {
            try store.loadContacts(from: state.context.today.adding(days: -31))
            handle(.contactLogRead(store.school))
        } catch {
            handle(.contactLogNotRead(problem: "\(error)"))
        }
        while running {
            terminal.paint(state.draw())
            let event = terminal.readKey(timeoutMilliseconds: pollMilliseconds)
            switch event {
            case .key(let key)?:
                handle(.keyPressed(key))
            case .paste(let text)?:
                handle(.pasted(text))
            case .resize?:
                terminal.invalidate()
                let s = terminal.size
                handle(.windowResized(width: s.width, height: s.height))
            case .end?:
                running = false
            case nil:
                break
            }
            // Between keys: the clock (a new minute, or a new day at midnight), and other people's changes.
            let now = clock.moment(timeZone: store.school.settings.timeZone)
            if now.date != state.context.today || now.time.minutesSinceMidnight != state.context.minutes {
                handle(.clockTicked(date: now.date, minutes: now.time.minutesSinceMidnight))
            }
            if store.hasChangesOnDisk() {
                do {
                    if try store.refresh() { handle(.storeChangedOnDisk(store.school)) }
                } catch {
                    handle(.othersChangesNotRead(problem: "\(error)"))
                }
            }
        }
        terminal.stop()
        if let signal = terminal.signal { throw ExitCode(128 + signal) }
    }

    /// Feeds a message to update, then each effect's answer, until there is nothing left.
    func handle(_ message: Message) {
        var queue = [message]
        while !queue.isEmpty {
            let next = queue.removeFirst()
            for effect in state.update(next) {
                if let answer = perform(effect) { queue.append(answer) }
            }
        }
        if store.warnings.count > warningsShown, let latest = store.warnings.last {
            state.status = StatusLine("Warning: \(latest)", .warning)
            warningsShown = store.warnings.count
        }
    }

    func perform(_ effect: Effect) -> Message? {
        switch effect {
        case .commit(let id, let transaction):
            return answer(id) { try store.commit(transaction, by: staff) }
        case .undoLast(let id):
            return answer(id) { try store.undoLast(by: staff) }
        case .refreshFromDisk:
            _ = try? store.refresh()
            return .storeChangedOnDisk(store.school)
        case .loadHistory(let upn):
            let trail = store.history(upn: upn)
            // What could not be read is shown as a line of its own, never left out.
            var problems = trail.problems.map { HistoryLine(at: "", who: "", what: .unreadable("\($0)"), reason: nil) }
            do { try store.loadContacts() } catch {
                problems.append(HistoryLine(at: "", who: "", what: .unreadable("the contact log could not be read: \(error)"), reason: nil))
            }
            return .historyLoaded(upn: upn, trail.entries.map { AppRunner.historyLine($0, timeZone: store.school.settings.timeZone) } + problems, store.school)
        case .renderLetter(let upn, let template):
            do {
                // The meeting's target and review date come from the pupil's latest meeting.
                let text = try Letters.render(template, school: store.school, upn: upn, asOf: state.context.today, signedBy: staff)
                return .letterRendered(upn: upn, template: template, text: text, problem: nil)
            } catch {
                return .letterRendered(upn: upn, template: template, text: nil, problem: "\(error)")
            }
        case .writeReport(let files):
            return ReportFiles.write(files, store: store.path)
        case .writeLetterPDF(let upn, let text, let path):
            do {
                try OutputFile(path, store: store.path).write { try LetterPDF.write(school: store.school, letter: .init(upn: upn, text: text), to: $0) }
                return .reportWritten(paths: [path])
            } catch {
                return .reportNotWritten(problem: "\(error)")
            }
        case .loadTrust:
            paintNow?()   // the trust screen, "Reading the trust's schools…", before they are read
            let moment = clock.moment(timeZone: store.school.settings.timeZone)
            let view = TrustView.make(from: StoreDirectoriesSource(directories: trustStores, login: staff.login), asOf: moment.date,
                                      time: moment.time, sort: .concern, phase: nil)
            return .trustLoaded(view.overview)
        case .quit:
            running = false
            return nil
        }
    }

    /// Where PDF letters made in the app go: ROLLCALL_DOCUMENTS, else the folder Rollcall
    /// was started in (never inside the store).
    static var documentsFolder: String {
        let env = ProcessInfo.processInfo.environment
        if let dir = env["ROLLCALL_DOCUMENTS"], !dir.isEmpty { return dir }
        return FileManager.default.currentDirectoryPath
    }

    /// Runs a store write and turns its outcome into the message update expects.
    private func answer(_ id: Int, _ write: () throws -> Transaction?) -> Message {
        do {
            _ = try write()
            return .changeSaved(id: id, store.school)
        } catch let refused as ChangeRefused {
            return .changeRefused(id: id, Refusal(kind: Refusal.Kind(rawValue: refused.kind.rawValue) ?? .invalid, message: refused.message,
                                                  conflictNow: refused.conflict?.now, conflictBy: refused.conflict?.byName,
                                                  conflictAt: refused.conflict.flatMap { $0.at.isEmpty ? nil : LocalTime.time($0.at, timeZone: store.school.settings.timeZone) }))
        } catch {
            return .changeNotSaved(id: id, problem: "\(error)")
        }
    }

    /// One audit entry as the pupil page shows it.
    static func historyLine(_ e: AuditEntry, timeZone: String) -> HistoryLine {
        let what: HistoryLine.What
        switch e.change {
        case .mark(let m): what = .mark(m.session, from: m.previous, to: m.mark)
        default: what = .otherChange
        }
        // A change made with --today/--now: when it was recorded, and the moment it was made as of.
        let at = LocalTime.dateTime(e.at, timeZone: timeZone) + (e.schoolTimeIfDifferent(timeZone: timeZone).map { " (as of \($0))" } ?? "")
        return HistoryLine(at: at, who: e.name, what: what, reason: e.reason)
    }
}
