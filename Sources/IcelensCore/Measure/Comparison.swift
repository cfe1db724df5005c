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
            Comparison.verdict($0, before: before, after: after, parameters: parameters)
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

    static func changes(before b: Summary, after a: Summary) -> [MetricChange] {
        [
            .count("tours", before: b.tours, after: a.tours),
            .count("connections", before: b.connections, after: a.connections),
            .count("connected", before: b.connected, after: a.connected),
            .count("failed", before: b.failed, after: a.failed),
            .count("incomplete", before: b.incomplete, after: a.incomplete),
            .proportion(
                "success_rate", before: (b.connected, b.connected + b.failed),
                after: (a.connected, a.connected + a.failed)),
            .count("timeouts", before: b.timeouts, after: a.timeouts),
            .proportion("timeout_share", before: (b.timeouts, b.connections), after: (a.timeouts, a.connections)),
            .count("mismatched", before: b.mismatched, after: a.mismatched),
            .proportion(
                "mismatch_share", before: (b.mismatched, b.connections), after: (a.mismatched, a.connections)),
            .seconds("ttc_p50_s", beforeMs: b.ttcP50Ms, afterMs: a.ttcP50Ms),
            .seconds("ttc_p90_s", beforeMs: b.ttcP90Ms, afterMs: a.ttcP90Ms),
            .seconds("ttc_p99_s", beforeMs: b.ttcP99Ms, afterMs: a.ttcP99Ms),
            .seconds("ttc_max_s", beforeMs: b.ttcMaxMs, afterMs: a.ttcMaxMs),
            .proportion(
                "ttc_under_5s_share", before: (b.ttcUnder5s, b.ttcSamples), after: (a.ttcUnder5s, a.ttcSamples)),
            .count("xirsys_api_calls", before: b.xirsysApiCalls, after: a.xirsysApiCalls),
            MetricChange(
                metric: "xirsys_api_calls_per_tour", unit: .ratio, before: b.xirsysApiCallsPerTour,
                after: a.xirsysApiCallsPerTour),
            .proportion("fallback_rate", before: (b.fallbacks, b.connections), after: (a.fallbacks, a.connections)),
            .count("attempts", before: b.attempts, after: a.attempts),
            .count("restarts", before: b.restarts, after: a.restarts),
        ]
    }

    static func verdict(_ promise: PromisedResult, before b: Summary, after a: Summary, parameters: AnalysisParameters)
        -> Verdict
    {
        switch promise {
        case .sameInstance:
            let was = "before: \(b.mismatched) of \(b.connections)"
            guard a.connections > 0 else {
                return Verdict(promise: promise, status: .noData, explanation: "no connections after (\(was))")
            }
            guard a.instancesKnown > 0 else {
                return Verdict(
                    promise: promise, status: .noData,
                    explanation: "after: no connection with both TURN instances known (\(was) mismatched)")
            }
            let recovered = a.mismatched > 0 ? "; \(a.mismatchedConnected) of them still connected" : ""
            return Verdict(
                promise: promise, status: a.mismatched == 0 ? .met : .notMet,
                explanation: "after: \(a.mismatched) of \(a.connections) connections mismatched in some attempt"
                    + "\(recovered), both instances known for \(a.instancesKnown) (\(was))")
        case .fewerApiCalls:
            guard let was = b.xirsysApiCallsPerTour, let now = a.xirsysApiCallsPerTour else {
                return Verdict(
                    promise: promise, status: .noData,
                    explanation: "no tours \(b.tours == 0 ? "before" : "after"): nothing to compare")
            }
            let target = percent(parameters.apiCallReductionTarget)
            guard was > 0 else {
                return Verdict(
                    promise: promise, status: .noData,
                    explanation: "no Xirsys API calls before, so nothing to reduce (after: \(ratio(now)) per tour)")
            }
            let reduction = 1 - now / was
            let change = reduction >= 0 ? "\(percent(reduction)) fewer" : "\(percent(-reduction)) more"
            return Verdict(
                promise: promise, status: reduction >= parameters.apiCallReductionTarget ? .met : .notMet,
                explanation: "Xirsys API calls per tour \(ratio(was)) -> \(ratio(now)) (\(change); "
                    + "met at \(target) fewer or better)")
        case .connectedUnder5s:
            let limit = DurationWords.seconds(ms: parameters.slowThresholdMs)
            let was = b.ttcP90Ms.map { "before: \(DurationWords.seconds(ms: $0))" } ?? "before: no data"
            guard let p90 = a.ttcP90Ms else {
                return Verdict(
                    promise: promise, status: .noData,
                    explanation: "after: no connection with a known time to connect (\(was))")
            }
            return Verdict(
                promise: promise, status: p90 < parameters.slowThresholdMs ? .met : .notMet,
                explanation: "after: p90 time to connect \(DurationWords.seconds(ms: p90)) over \(a.ttcSamples) "
                    + "connections, limit \(limit) (\(was))")
        case .noTimeouts:
            let was = "before: \(b.timeouts) of \(b.connections)"
            guard a.connections > 0 else {
                return Verdict(promise: promise, status: .noData, explanation: "no connections after (\(was))")
            }
            return Verdict(
                promise: promise, status: a.timeouts == 0 ? .met : .notMet,
                explanation: "after: \(a.timeouts) of \(a.connections) connections timed out (\(was))")
        }
    }

    private static func percent(_ share: Double) -> String {
        guard share.isFinite else { return "?" }
        return "\(Int((share * 100).rounded()))%"
    }

    private static func ratio(_ value: Double) -> String {
        guard value.isFinite else { return "?" }
        let hundredths = Int((value * 100).rounded())
        let fraction = hundredths % 100
        return "\(hundredths / 100).\(fraction < 10 ? "0" : "")\(fraction)"
    }
}
