/// One metric side by side for two periods: before, after, the absolute and relative change, and for
/// proportions the 95% interval and p-value of the difference.
public struct MetricChange: Sendable, Equatable {
    /// The metric's key, as in a summary (`success_rate`, `ttc_p90_s`, ...).
    public var metric: String
    /// How to read and round the values.
    public var unit: MetricUnit
    /// The value before (nil when undefined, e.g. a rate over nothing).
    public var before: Double?
    /// The value after.
    public var after: Double?
    /// after - before; nil when either is nil.
    public var absolute: Double?
    /// (after - before) / before; nil when either is nil or before is 0.
    public var relative: Double?
    /// For proportions: the difference with its interval and p-value; nil for other metrics or empty sides.
    public var test: ProportionTest?

    /// Makes a change from the two values, computing `absolute` and `relative`.
    public init(metric: String, unit: MetricUnit, before: Double?, after: Double?, test: ProportionTest? = nil) {
        self.metric = metric
        self.unit = unit
        self.before = before
        self.after = after
        if let before, let after {
            absolute = after - before
            relative = before != 0 ? (after - before) / abs(before) : nil
        }
        self.test = test
    }

    /// A change of a proportion `x/n` with its test.
    public static func proportion(
        _ metric: String, before: (successes: Int, trials: Int), after: (successes: Int, trials: Int)
    ) -> MetricChange {
        func value(_ p: (successes: Int, trials: Int)) -> Double? {
            p.trials > 0 ? Double(p.successes) / Double(p.trials) : nil
        }
        let test = ProportionTest(
            successesBefore: before.successes, trialsBefore: before.trials, successesAfter: after.successes,
            trialsAfter: after.trials)
        return MetricChange(metric: metric, unit: .rate, before: value(before), after: value(after), test: test)
    }

    /// A change of a count.
    public static func count(_ metric: String, before: Int, after: Int) -> MetricChange {
        MetricChange(metric: metric, unit: .count, before: Double(before), after: Double(after))
    }

    /// A change of a duration held in ms, shown in seconds.
    public static func seconds(_ metric: String, beforeMs: Int64?, afterMs: Int64?) -> MetricChange {
        MetricChange(
            metric: metric, unit: .seconds, before: beforeMs.map { Double($0) / 1000 },
            after: afterMs.map { Double($0) / 1000 })
    }
}
