/// A bounded queue of steps from a reading thread to the thread that uses them (the correlator of `report`, the
/// NDJSON writer of `events`): `put` waits while it is full, `take` while it is empty; `finish` ends it (with the
/// reading side's error, if any), `cancel` tells the reading side that the using side has given up: its next `put`
/// throws `Cancelled` (it may also look at `isCancelled` between batches).
///
/// Emptied event arrays travel back (`giveEmptied`, `takeBatch`) so that the reading side fills an array that
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

    /// Empties `events` (on the using side, which frees the events) and hands the array back with its room (at
    /// most two wait: a step is taken and given back in turn, so more would only hold memory).
    func giveEmptied(_ events: inout [Event]) {
        events.removeAll(keepingCapacity: true)
        condition.lock()
        defer { condition.unlock() }
        guard emptied.count < 2 else { return }
        var taken: [Event] = []
        swap(&taken, &events)  // no reference stays behind: the reading side appends without a copy
        emptied.append(taken)
    }

    /// The reading side's batch: takes the events out of `events`, which is left an emptied array with room for
    /// the next buffer's (one given back by the using side, else a new one).
    func takeBatch(from events: inout [Event]) -> [Event] {
        condition.lock()
        var batch = emptied.popLast() ?? []
        condition.unlock()
        swap(&batch, &events)
        events.reserveCapacity(max(batch.count + batch.count / 8 + 32, 256))
        return batch
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
