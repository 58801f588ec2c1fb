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
    let store: any SchoolStore
    let staff: StaffMember
    /// The process's clock, the one the store was opened with: the app and the store
    /// always agree on the school's date and time.
    let clock: Clock
    var state: AppState
    var running = true
    /// How often another member of staff's changes are looked for (a database's notifications
    /// are read off its socket at the same moments: within this of another's change).
    let pollMilliseconds: Int32 = 500
    /// How often a long effect's answer is looked for while one runs.
    let answerPollMilliseconds: Int32 = 20
    let worker = EffectWorker()
    /// Publishes the school's figures for the trust's view (a school in a database only).
    var publisher = FiguresPublisher()
    /// Effects that need the store, waiting for a long effect that has it.
    var waiting: [Effect] = []

    /// Where `:trust` reads the trust's schools.
    enum TrustSchools {
        case none
        /// The schools' stores (`--stores`), each read in full.
        case stores([String])
        /// The database's published figures (the login has the trust role), and its own schools' records.
        case database(url: String)
    }
    let trustSchools: TrustSchools
    /// How often the database's trust figures are read again while `:trust` is open: well
    /// within the publishers' cadence (`FiguresPublisher.interval`), so a school's new
    /// figures show within a minute of being published; one small query of the view.
    static let trustRefreshSeconds: Double = 60
    private var trustReadAt = ContinuousClock.now

    init(store: any SchoolStore, staff: StaffMember, welcome: [String]? = nil, trust: TrustSchools = .none, staffNowhere: Bool = false) {
        self.store = store
        self.staff = staff
        self.trustSchools = trust
        clock = store.clock
        let now = store.clock.moment(timeZone: store.school.settings.timeZone)
        var context = AppContext(today: now.date, minutes: now.time.minutesSinceMidnight, staff: staff, readOnly: !store.isWritable,
                                 documentsFolder: Self.documentsFolder)
        switch trust {
        case .none: context.trust = .none
        case .stores(let dirs): context.trust = dirs.isEmpty ? .none : .stores(dirs.count)
        case .database: context.trust = .database
        }
        context.staffNowhere = staffNowhere
        state = AppState(context: context, school: store.school, width: 80, height: 24, contactLogRead: false)
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
        handle(.windowResized(width: size.width, height: size.height))
        // The first frame before the contact log: reading it is the slow part of starting, so
        // it is read off the input loop like every long effect.
        terminal.paint(state.draw())
        if state.context.staffNowhere {
            // No school: the trust's figures are what there is to read.
            handle(.trustRefreshDue)
        } else {
            readContactLog()
        }
        while running {
            takeAnswers()
            terminal.paint(state.draw())
            // While a long effect runs its answer is looked for often; keys are read as ever.
            let event = terminal.readKey(timeoutMilliseconds: worker.isBusy ? answerPollMilliseconds : pollMilliseconds)
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
            let now = clock.moment(timeZone: state.school.settings.timeZone)
            if now.date != state.context.today || now.time.minutesSinceMidnight != state.context.minutes {
                handle(.clockTicked(date: now.date, minutes: now.time.minutesSinceMidnight))
            }
            if !worker.storeIsBusy, store.hasChanges() {
                do {
                    if try store.refresh() { handle(.storeChangedOnDisk(store.school)) }
                } catch {
                    handle(.othersChangesNotRead(problem: "\(error)"))
                }
            }
            if !worker.storeIsBusy, let problem = publisher.publishIfDue(store, now: clock.instant()) {
                handle(.storeWarned(problem))
            }
            // A database's schools publish as they run: the trust's figures are read again now
            // and then (update asks only while :trust is open, and one read at a time).
            if case .database = trustSchools, trustReadAt.duration(to: .now) >= .seconds(Self.trustRefreshSeconds) {
                trustReadAt = .now
                handle(.trustRefreshDue)
            }
        }
        // A report or a PDF being written is finished before the app ends, and a change that
        // waited for the store is saved.
        worker.finish()
        takeAnswers()
        terminal.stop()
        if let signal = terminal.signal { throw ExitCode(128 + signal) }
    }

    /// Reads the contact log's last month on the worker (the slow part of starting).
    func readContactLog() {
        let from = state.context.today.adding(days: -31)
        let handed = Handed(value: store)
        worker.start(touchesStore: true) {
            do {
                try handed.value.loadContacts(from: from)
                return .contactLogRead(handed.value.school)
            } catch {
                return .contactLogNotRead(problem: "\(error)")
            }
        }
    }

    /// Hands the long effects' answers to update, then the store effects that waited for them.
    /// An answer that carries the store's school carries it as it is now: a change saved on
    /// this thread after the job ended (a key between the job's end and this) is in it, where
    /// the school the job saw would have put the screen back to before that change. While
    /// another job has the store, such answers wait for it.
    func takeAnswers() {
        let storeFree = !worker.storeIsBusy  // only this thread starts jobs: it stays free
        for answer in worker.takeAnswers(where: { storeFree || !$0.carriesStoreSchool }) {
            handle(storeFree ? answer.withStoreSchool(store.school) : answer)
        }
        guard !waiting.isEmpty, !worker.storeIsBusy else { return }
        let ready = waiting
        waiting.removeAll()
        for effect in ready { if let answer = perform(effect) { handle(answer) } }
    }

    /// Feeds a message to update, then each effect's answer, until there is nothing left; a
    /// warning the store raised on the way (a daily backup that failed during a change) goes
    /// to update too, after the change's own answer, so the status line says it last.
    func handle(_ message: Message) {
        var queue = [message]
        while !queue.isEmpty {
            let next = queue.removeFirst()
            for effect in state.update(next) {
                if let answer = perform(effect) { queue.append(answer) }
            }
            if queue.isEmpty, !worker.storeIsBusy, store.warnings.count > warningsShown {
                let new = store.warnings[warningsShown...].joined(separator: "; ")
                warningsShown = store.warnings.count
                queue.append(.storeWarned(new))
            }
        }
    }

    /// Performs an effect: a long one on the worker (its answer comes later, through
    /// `takeAnswers`), the rest at once. One that needs the store while a long effect has it
    /// waits its turn.
    func perform(_ effect: Effect) -> Message? {
        if worker.storeIsBusy, effect != .quit {
            waiting.append(effect)
            return nil
        }
        if case .loadTrust(let generation) = effect {
            // Reading every school's store is long, and needs nothing of this school's store.
            let moment = clock.moment(timeZone: store.school.settings.timeZone)
            trustReadAt = .now
            switch trustSchools {
            case .stores(let dirs):
                // Each school is sent as soon as it is read: the table fills while the rest are read.
                let source = StoreDirectoriesSource(directories: dirs, login: staff.login)
                let worker = worker
                worker.start(touchesStore: false) {
                    source.parts(generation: generation, asOf: moment.date, time: moment.time, national: try? NationalFiguresFile.load()) { worker.post(.trustPartRead($0)) }
                    return nil
                }
            case .database(let url):
                worker.start(touchesStore: false) { .trustLoaded(DatabaseAppSource(url: url).overview(asOf: moment.date, time: moment.time)) }
            case .none:
                break  // update asks only when there is a trust
            }
            return nil
        }
        if case .loadTrustSchool(let id) = effect, case .database(let url) = trustSchools, let asOf = state.trust?.asOf {
            let moment = clock.moment(timeZone: store.school.settings.timeZone)
            worker.start(touchesStore: false) {
                DatabaseAppSource(url: url).school(id, asOf: asOf, time: asOf == moment.date ? moment.time : nil)
            }
            return nil
        }
        if effect.isLong {
            let store = Handed(value: store)
            let (staff, timeZone, school, directory) = (staff, state.school.settings.timeZone, store.value.school, store.value.directory)
            let touchesStore: Bool = { if case .loadHistory = effect { return true } else { return false } }()
            worker.start(touchesStore: touchesStore) { AppRunner.performLong(effect, store: store, staff: staff, timeZone: timeZone, school: school, storeDirectory: directory) }
            return nil
        }
        switch effect {
        case .commit(let id, let transaction):
            return answer(id) { try store.commit(transaction, by: staff) }
        case .undoLast(let id):
            return answer(id) { try store.undoLast(by: staff) }
        case .refreshFromDisk:
            _ = try? store.refresh()
            return .storeChangedOnDisk(store.school)
        case .renderLetter(let upn, let template):
            do {
                // The meeting's target and review date come from the pupil's latest meeting.
                let text = try Letters.render(template, school: store.school, upn: upn, asOf: state.context.today, signedBy: staff)
                return .letterRendered(upn: upn, template: template, text: text, problem: nil)
            } catch {
                return .letterRendered(upn: upn, template: template, text: nil, problem: "\(error)")
            }
        case .loadHistory, .writeReport, .writeLetterPDF, .loadTrust, .loadTrustSchool:
            return nil  // long: above
        case .quit:
            running = false
            return nil
        }
    }

    /// A long effect, on the worker's thread: the store only when the loop has left it alone
    /// (`loadHistory`); the rest from values taken when it was asked for.
    static func performLong(_ effect: Effect, store: Handed<any SchoolStore>, staff: StaffMember, timeZone: String, school: School, storeDirectory: String?) -> Message? {
        switch effect {
        case .loadHistory(let upn):
            let trail = store.value.history(upn: upn)
            // What could not be read is shown as a line of its own, never left out.
            var problems = trail.problems.map { HistoryLine(at: "", who: "", what: .unreadable("\($0)"), reason: nil) }
            do { try store.value.loadContacts() } catch {
                problems.append(HistoryLine(at: "", who: "", what: .unreadable("the contact log could not be read: \(error)"), reason: nil))
            }
            return .historyLoaded(upn: upn, trail.entries.map { AppRunner.historyLine($0, timeZone: timeZone) } + problems, store.value.school)
        case .writeReport(let files):
            return ReportFiles.write(files, store: storeDirectory)
        case .writeLetterPDF(let upn, let text, let path):
            do {
                try OutputFile(path, store: storeDirectory).write { try LetterPDF.write(school: school, letter: .init(upn: upn, text: text), to: $0) }
                return .reportWritten(paths: [path])
            } catch {
                return .reportNotWritten(problem: "\(error)")
            }
        default:
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

extension Message {
    /// Answers of long effects that hand update the store's whole school.
    var carriesStoreSchool: Bool {
        switch self {
        case .contactLogRead, .historyLoaded: return true
        default: return false
        }
    }

    /// The same answer with `school` in place of the one the job saw.
    func withStoreSchool(_ school: School) -> Message {
        switch self {
        case .contactLogRead: return .contactLogRead(school)
        case .historyLoaded(let upn, let lines, _): return .historyLoaded(upn: upn, lines, school)
        default: return self
        }
    }
}
