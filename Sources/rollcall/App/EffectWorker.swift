import Foundation
import RollcallUI

/// Runs the effects that can take more than 50 ms (`Effect.isLong`) on a thread of their own,
/// one after another in the order asked, so the input loop keeps reading keys. Each answer
/// waits here, as a message, until the loop takes it and hands it to update.
final class EffectWorker: @unchecked Sendable {
    private let queue = DispatchQueue(label: "rollcall.effects")
    private let lock = NSLock()
    private var answers: [Message] = []
    private var running = 0
    private var touchingStore = 0

    /// Some job is under way (the loop then looks for answers often).
    var isBusy: Bool { lock.withLock { running > 0 } }
    /// A job that reads or changes the store is under way: until it ends the loop leaves the
    /// store alone (the store is not shared between threads).
    var storeIsBusy: Bool { lock.withLock { touchingStore > 0 } }

    func start(touchesStore: Bool, _ job: @escaping @Sendable () -> Message?) {
        lock.withLock {
            running += 1
            if touchesStore { touchingStore += 1 }
        }
        queue.async {
            EffectWorker.slowForTests()
            let answer = job()
            self.lock.withLock {
                if let answer { self.answers.append(answer) }
                self.running -= 1
                if touchesStore { self.touchingStore -= 1 }
            }
        }
    }

    /// An answer a job sends before it ends (a part of what it reads, so the screen fills as
    /// it comes), taken like the job's last answer.
    func post(_ answer: Message) {
        lock.withLock { answers.append(answer) }
    }

    /// The answers that have arrived and `taking` accepts, oldest first; the rest stay.
    func takeAnswers(where taking: (Message) -> Bool = { _ in true }) -> [Message] {
        lock.withLock {
            let taken = answers.filter(taking)
            answers.removeAll(where: taking)
            return taken
        }
    }

    /// Waits for every job asked for (at quit: a report half written is finished).
    func finish() { queue.sync {} }

    /// Debug builds only, for the end-to-end test that keys are handled while a long effect
    /// runs: ROLLCALL_TEST_SLOW_EFFECTS=SECONDS makes each job that long. A release build
    /// has no such setting.
    private static func slowForTests() {
        #if DEBUG
        if let s = ProcessInfo.processInfo.environment["ROLLCALL_TEST_SLOW_EFFECTS"], let seconds = Double(s), seconds > 0 {
            Thread.sleep(forTimeInterval: min(seconds, 30))
        }
        #endif
    }
}

/// A value handed to the worker's thread that the loop promises not to touch meanwhile
/// (the store, while `storeIsBusy`).
struct Handed<Value>: @unchecked Sendable {
    let value: Value
}
