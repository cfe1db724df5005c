/// A bounded queue of steps from a reading thread to the thread that uses them (the correlator of `report`, the
/// NDJSON writer of `events`): `put` waits while it is full, `take` while it is empty; `finish` ends it (with the
/// reading side's error, if any), `cancel` tells the reading side that the using side has given up: its next `put`
/// throws `Cancelled` (it may also look at `isCancelled` between batches).
///
/// Emptied event arrays travel back (`giveEmptied` / `takeEmptied`) so that the reading side fills an array that
/// already has its room: growing an array of events copies every event in it.
final class StepChannel<Step>: @unchecked Sendable {
    private let condition = Monitor()
    private var queue: [Step?] = []
    private var head = 0
    private let capacity: Int
    private var finished = false
    private var failure: (any Error)?
    private var cancelled = false

    /// Thrown to the reading side once the using side has gone.
    struct Cancelled: Error {}

    init(capacity: Int) {
        self.capacity = max(1, capacity)
    }

    /// Queues `step`, waiting while `capacity` steps wait; throws `Cancelled` once the using side has gone.
    func put(_ step: Step) throws {
        condition.lock()
        defer { condition.unlock() }
        while queue.count - head >= capacity, !cancelled { condition.wait() }
        if cancelled { throw Cancelled() }
        queue.append(step)
        condition.broadcast()
    }

    /// The next step, waiting for it; nil once the reading side has finished and every step is taken (or the
    /// reading side's error).
    func take() throws -> Step? {
        condition.lock()
        defer { condition.unlock() }
        while head == queue.count, !finished { condition.wait() }
        if head < queue.count { return takeHead() }
        if let failure { throw failure }
        return nil
    }

    /// Takes the step at `head` (under the lock).
    private func takeHead() -> Step? {
        // Release the step now: a consumed slot must not keep its events alive until the queue compacts.
        let step = queue[head].take()
        head += 1
        if head > 64, head * 2 > queue.count {
            queue.removeFirst(head)
            head = 0
        }
        condition.broadcast()
        return step
    }

    /// Arrays of events the using side has emptied, for the reading side to fill again.
    private var emptied: [[Event]] = []

    /// Hands back an emptied array (at most two wait: one a step is taken and given back in turn, so more would
    /// only hold memory).
    func giveEmptied(_ events: inout [Event]) {
        condition.lock()
        defer { condition.unlock() }
        guard emptied.count < 2 else { return }
        var taken: [Event] = []
        swap(&taken, &events)  // no reference stays behind: the reading side appends without a copy
        emptied.append(taken)
    }

    /// An emptied array to fill, if any.
    func takeEmptied() -> [Event]? {
        condition.lock()
        defer { condition.unlock() }
        return emptied.popLast()
    }

    /// Ends the queue: `take` returns the steps still queued, then nil (or throws `error`).
    func finish(_ error: (any Error)?) {
        condition.change {
            finished = true
            failure = error
        }
    }

    /// Tells the reading side to stop (its next `put` throws `Cancelled`).
    func cancel() {
        condition.change { cancelled = true }
    }

    /// Whether the using side has cancelled.
    var isCancelled: Bool {
        condition.lock()
        defer { condition.unlock() }
        return cancelled
    }
}
