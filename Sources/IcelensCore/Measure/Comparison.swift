/// Two periods side by side: their summaries, the change of each metric, the verdicts on the promised results
/// and the mismatch-against-outcome tables.
public struct Comparison: Sendable, Equatable {
    /// The summary of the before period.
    public var before: Summary
    /// The summary of the after period.
    public var after: Summary
    /// Every metric's change, in a fixed order (see `docs/metrics.md`).
    public var changes: [MetricChange]
    /// One verdict per promised result, in `PromisedResult.allCases` order.
    public var verdicts: [Verdict]
    /// Mismatch against outcome over both periods together.
    public var mismatchOutcomeAll: MismatchOutcomeTable
    /// Mismatch against outcome in the before period.
    public var mismatchOutcomeBefore: MismatchOutcomeTable
    /// Mismatch against outcome in the after period.
    public var mismatchOutcomeAfter: MismatchOutcomeTable

    /// Compares `after` with `before`, judging the promises with `parameters`.
    public init(before: Summary, after: Summary, parameters: AnalysisParameters = AnalysisParameters()) {
        self.before = before
        self.after = after
        self.changes = Comparison.changes(before: before, after: after)
        self.verdicts = PromisedResult.allCases.map {
            Wording.verdict($0, before: before, after: after, parameters: parameters)
        }
        mismatchOutcomeBefore = MismatchOutcomeTable(before)
        mismatchOutcomeAfter = MismatchOutcomeTable(after)
        mismatchOutcomeAll = mismatchOutcomeBefore + mismatchOutcomeAfter
    }

    /// The change of the metric named `metric`, when it is compared.
    public func change(_ metric: String) -> MetricChange? {
        changes.first { $0.metric == metric }
    }

    /// The verdict on `promise`.
    public func verdict(_ promise: PromisedResult) -> Verdict? {
        verdicts.first { $0.promise == promise }
    }

    /// The change of every metric `compare` shows (`Metric.compared`), in table order.
    static func changes(before b: Summary, after a: Summary) -> [MetricChange] {
        Metric.compared.map { metric in
            switch (metric.read(b), metric.read(a)) {
            case (.proportion(let xb, let nb), .proportion(let xa, let na)):
                return .proportion(metric.key, before: (xb, nb), after: (xa, na))
            case (let before, let after):
                return MetricChange(metric: metric.key, unit: metric.unit, before: before.number, after: after.number)
            }
        }
    }
}
