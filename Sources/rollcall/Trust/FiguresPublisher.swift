import Attendance
import AttendanceStore
import Foundation
import PostgresStore

/// The app keeps its school's figures for the trust's view up to date when the school is in
/// a database: at start, then at most every ten minutes while the school changes, and on
/// a new day. Working out a row reads the whole school, so it is not done at every change.
struct FiguresPublisher {
    static let interval: TimeInterval = 600
    private var publishedSeq: Int?
    private var publishedDate: SchoolDate?
    private var publishedAt: Date?
    private var failed = false

    /// Publishes if due; returns a problem to show once, the first time publishing fails.
    mutating func publishIfDue(_ store: any SchoolStore, now: Date) -> String? {
        guard let pg = store as? PostgresStore else { return nil }
        let moment = pg.clock.moment(timeZone: pg.school.settings.timeZone)
        let changed = publishedSeq != pg.lastSeq || publishedDate != moment.date
        let due = publishedAt.map { now.timeIntervalSince($0) >= Self.interval || publishedDate != moment.date } ?? true
        guard changed && due else { return nil }
        publishedAt = now
        do {
            let row = TrustRow(school: pg.school, asOf: moment.date, time: moment.time)
            try pg.publishFigures(asOf: moment.date, figures: PublishedTrustRow.json(row))
            (publishedSeq, publishedDate, failed) = (pg.lastSeq, moment.date, false)
            return nil
        } catch {
            defer { failed = true }
            return failed ? nil : "the school's figures for the trust's view could not be published (\(error)); they will be tried again"
        }
    }
}
