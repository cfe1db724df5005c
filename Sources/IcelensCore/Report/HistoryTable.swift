/// The result of `icelens history`: one row a day (or a snapshot), oldest first, and the trend of each headline
/// metric across them, for a person (sparklines, arrows) or a program (JSON, CSV).
public struct HistoryTable: Sendable, Equatable {
    /// Where the rows came from (the history file, or the snapshots).
    public var source: String
    /// The rows, oldest first.
    public var rows: [HistoryRow]

    /// Makes a table.
    public init(source: String, rows: [HistoryRow]) {
        self.source = source
        self.rows = rows
    }

    /// The rows of snapshot files (`icelens history a.snap b.snap`): one a snapshot, labelled by its window (the
    /// date when the window is one UTC day), in window order. Snapshots whose windows overlap (a month beside its
    /// days, a day twice) are refused: their rows would not be a sequence, and the trend would mix them.
    public init(snapshots: [(name: String, snapshot: Snapshot)]) throws(SnapshotError) {
        for (i, a) in snapshots.enumerated() {
            for b in snapshots[(i + 1)...] {
                for w in a.snapshot.windows where b.snapshot.windows.contains(where: w.overlaps) {
                    throw SnapshotError(
                        "\(a.name) and \(b.name) cover overlapping windows: a history shows one row a period "
                            + "(merge them first, or leave one out)")
                }
            }
        }
        self.init(rows: snapshots)
    }

    private init(rows snapshots: [(name: String, snapshot: Snapshot)]) {
        source = snapshots.count == 1 ? snapshots[0].name : "\(snapshots.count) snapshots"
        rows = snapshots.map { item in
            let p = item.snapshot.parameters
            var day = item.name
            var index: Int64?
            if let since = p.windowSinceMs, let until = p.windowUntilMs, until - since == 86_400_000,
                DaySummary.dayIndex(ms: since) * 86_400_000 == since
            {
                index = DaySummary.dayIndex(ms: since)
                day = DaySummary(dayIndex: index!, summary: Summary()).date
            }
            return HistoryRow(
                day: day, dayIndex: index, summary: item.snapshot.summaryResult, windowSinceMs: p.windowSinceMs,
                windowUntilMs: p.windowUntilMs, timeoutMs: p.timeoutMs, version: item.snapshot.madeBy,
                recordedAtMs: 0)
        }.sorted { ($0.windowSinceMs ?? .min) < ($1.windowSinceMs ?? .min) }
    }

    /// The metrics a history shows, in column order: key, and whether a rise is good.
    public static let trendMetrics: [(key: String, higherIsBetter: Bool)] = [
        ("success_rate", true), ("timeouts", false), ("mismatched", false), ("ttc_p90_s", false),
        ("xirsys_api_calls_per_tour", false),
    ]

    /// The values of metric `key` over the rows (nil where undefined).
    public func series(_ key: String) -> [Double?] {
        guard let metric = Metric.named(key) else { return [] }
        return rows.map { metric.read($0.summary).number }
    }

    /// How row `index` moved against the row before it for `key`: +1 up, -1 down, 0 the same or unknown.
    public func direction(_ key: String, at index: Int) -> Int {
        guard index > 0 else { return 0 }
        let values = series(key)
        guard let now = values[index], let before = values[index - 1] else { return 0 }
        let scale = max(abs(now), abs(before), 1e-9)
        if abs(now - before) / scale < 0.005 { return 0 }
        return now > before ? 1 : -1
    }
}
