/// The outcome of one `--fail-if` threshold on a finished result: the expression, the value it saw and whether the
/// check failed. Carried by the result so every output format lists the failed checks, and the exit status is 3.
public struct CheckResult: Sendable, Equatable {
    /// The threshold.
    public var threshold: Threshold
    /// The metric's value (nil: undefined, which fails).
    public var value: Double?
    /// Whether the failing condition held (or the value was undefined).
    public var failed: Bool

    /// Evaluates `threshold` on a summary and its accounting.
    public init(_ threshold: Threshold, summary: Summary, inputs: InputsReport) {
        self.threshold = threshold
        self.value = CheckMetric.named(threshold.metric)?.read(summary, inputs)
        self.failed = threshold.fails(value)
    }

    /// Makes a result from its parts (tests).
    public init(threshold: Threshold, value: Double?, failed: Bool) {
        self.threshold = threshold
        self.value = value
        self.failed = failed
    }

    /// "success_rate < 0.95 (success_rate is 0.861126)" / "(... is unknown: no data to compute it from)".
    public var sentence: String {
        let seen = value.map { "is \(NumberFormat.checkValue($0))" } ?? "is unknown: no data to compute it from"
        return "\(threshold.expression) (\(threshold.metric) \(seen))"
    }
}

extension [CheckResult] {
    /// The checks that failed.
    public var failures: [CheckResult] { filter(\.failed) }
}
