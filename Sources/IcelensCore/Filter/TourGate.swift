/// Applies a run's time window to tours as they close. A fixed window decides at once. A window relative to the
/// newest line (`--since -2h`) decides at once for a tour whose place does not depend on what comes later (now only
/// grows), and holds the others until the end of the input, when now is final. Tours are held only when the window is longer
/// than the idle window (shorter ones close at the end anyway), and then only those that may be in it.
public struct TourGate<Item> {
    /// The window.
    public let window: TimeWindow
    /// Tours that may be in a relative window, with their first line.
    private var held: [(firstSeenMs: Int64?, item: Item)] = []

    /// A gate for `window`.
    public init(window: TimeWindow) {
        self.window = window
    }

    /// Tours held so far (for tests and memory figures).
    public var heldCount: Int { held.count }

    /// Offers a closed tour that started at `firstSeenMs`, the newest line read being `newestMs`: `pass` gets it now
    /// when it is in a fixed window, never when it is out, and later (`finish`) when that depends on the end.
    public mutating func offer(
        _ item: Item, firstSeenMs: Int64?, newestMs: Int64?, pass: (Item) throws -> Void
    ) rethrows {
        if window.includesForGood(firstSeenMs, nowAtLeastMs: newestMs) { return try pass(item) }
        if window.excludesForGood(firstSeenMs, nowAtLeastMs: newestMs) { return }
        held.append((firstSeenMs, item))
    }

    /// At the end of the input, now being `newestMs`: passes the held tours that are in the window, in the order
    /// they were offered.
    public mutating func finish(newestMs: Int64?, pass: (Item) throws -> Void) rethrows {
        let held = self.held
        self.held = []
        for entry in held where window.contains(entry.firstSeenMs, nowMs: newestMs) {
            try pass(entry.item)
        }
    }
}
