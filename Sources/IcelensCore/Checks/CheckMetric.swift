/// A number a `--fail-if` threshold can test: every scalar of the summary (`Metric.all`, SPEC's table) and the
/// data-quality counts of the line accounting, so a scheduled run can fail on damaged or unreadable input as well
/// as on a bad day.
public struct CheckMetric: Sendable {
    /// The key, as in JSON.
    public var key: String
    /// The value in a result; nil when undefined (a rate without trials, a percentile without samples).
    public let read: @Sendable (Summary, InputsReport) -> Double?

    /// The metric with `key`, if there is one.
    public static func named(_ key: String) -> CheckMetric? { all.first { $0.key == key } }

    /// The summary's metrics, then the accounting's.
    public static let all: [CheckMetric] =
        Metric.all.map { metric in CheckMetric(key: metric.key) { summary, _ in metric.read(summary).number } }
        + [
            CheckMetric(key: "damaged_inputs") { _, inputs in Double(inputs.damagedInputs + inputs.failures.count) },
            CheckMetric(key: "unreadable_inputs") { _, inputs in Double(inputs.failures.count) },
            CheckMetric(key: "lines_read") { _, inputs in Double(inputs.totals.read) },
            CheckMetric(key: "recognised") { _, inputs in Double(inputs.totals.recognised) },
            CheckMetric(key: "unrecognised") { _, inputs in Double(inputs.totals.unrecognised) },
            CheckMetric(key: "malformed") { _, inputs in Double(inputs.totals.malformed) },
            CheckMetric(key: "cut") { _, inputs in Double(inputs.totals.cut) },
            CheckMetric(key: "events_dropped") { _, inputs in Double(inputs.droppedEvents) },
            CheckMetric(key: "events_late") { _, inputs in Double(inputs.lateEvents) },
        ]
}
