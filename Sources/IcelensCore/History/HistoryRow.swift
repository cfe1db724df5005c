/// One day of the history: the figures a daily report recorded for the tours that started that UTC day, and how
/// they were made (window, timeout, version, when). The rows of `icelens history` and of the baseline of
/// `report --history`.
public struct HistoryRow: Sendable, Equatable {
    /// The UTC day, YYYY-MM-DD (or a snapshot's window in words, for history over snapshots).
    public var day: String
    /// Days since 1970-01-01, UTC (nil for a snapshot's window that is not one day).
    public var dayIndex: Int64?
    /// The metrics of that day's tours (percentiles as recorded).
    public var summary: Summary
    /// The window of the run that recorded the day, ms (nil: unbounded).
    public var windowSinceMs: Int64?
    /// The window's end, ms.
    public var windowUntilMs: Int64?
    /// The ICE timeout the day was judged with, ms.
    public var timeoutMs: Int64
    /// The icelens version that recorded it.
    public var version: String
    /// When it was recorded, ms since the epoch (wall clock).
    public var recordedAtMs: Int64

    /// Makes a row.
    public init(
        day: String, dayIndex: Int64?, summary: Summary, windowSinceMs: Int64?, windowUntilMs: Int64?,
        timeoutMs: Int64, version: String, recordedAtMs: Int64
    ) {
        self.day = day
        self.dayIndex = dayIndex
        self.summary = summary
        self.windowSinceMs = windowSinceMs
        self.windowUntilMs = windowUntilMs
        self.timeoutMs = timeoutMs
        self.version = version
        self.recordedAtMs = recordedAtMs
    }

    /// Whether the run that recorded this day saw all of it (its window covers the whole UTC day).
    public var coversWholeDay: Bool {
        guard let dayIndex else { return true }
        let start = dayIndex * 86_400_000
        return (windowSinceMs ?? .min) <= start && (windowUntilMs ?? .max) >= start + 86_400_000
    }
}

/// The days before a run, pooled, for "vs the previous 7 days" in `report --history`: rates pooled over the days'
/// connections, counts as a daily average.
public struct HistoryBaseline: Sendable, Equatable {
    /// Days recorded in the span (at most `span`).
    public var days: Int
    /// The span asked for, in days (7).
    public var span: Int
    /// The pooled counts of those days.
    public var summary: Summary
    /// The days of the run itself: its window's days, else the days with tours.
    public var runDays: Int
    /// The run's timeouts a day (over `runDays`).
    public var runTimeoutsPerDay = 0.0
    /// The run's mismatched connections a day.
    public var runMismatchedPerDay = 0.0

    /// Makes a baseline.
    public init(days: Int, span: Int, summary: Summary, runDays: Int) {
        self.days = days
        self.span = span
        self.summary = summary
        self.runDays = runDays
    }

    /// Timeouts a day, on average over the baseline days.
    public var timeoutsPerDay: Double { days > 0 ? Double(summary.timeouts) / Double(days) : 0 }
    /// Mismatched connections a day, on average.
    public var mismatchedPerDay: Double { days > 0 ? Double(summary.mismatched) / Double(days) : 0 }
}
