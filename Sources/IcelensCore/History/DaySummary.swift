/// The summary of the tours whose first line fell on one UTC day: what the history records a day, so a run over
/// several days (or a day re-run later) writes each day on its own row.
public struct DaySummary: Sendable, Equatable {
    /// Days since 1970-01-01 (UTC).
    public var dayIndex: Int64
    /// The day's metrics.
    public var summary: Summary

    /// Makes a day's summary.
    public init(dayIndex: Int64, summary: Summary) {
        self.dayIndex = dayIndex
        self.summary = summary
    }

    /// The UTC day of `ms` (floor division, so times before 1970 fall on the right day).
    public static func dayIndex(ms: Int64) -> Int64 {
        let day: Int64 = 86_400_000
        let q = ms / day
        return ms % day < 0 ? q - 1 : q
    }

    /// The day as YYYY-MM-DD.
    public var date: String { String(UTCTimestamp.format(ms: dayIndex * 86_400_000).prefix(10)) }
    /// The day's first millisecond.
    public var startMs: Int64 { dayIndex * 86_400_000 }
}
