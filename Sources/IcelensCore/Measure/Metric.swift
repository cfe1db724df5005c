/// One metric of a summary: its key (as in JSON, SPEC's table and thresholds), its unit, its label in words, whether
/// `compare` shows it, and how it is read from a `Summary`. `Metric.all` is the one table that the JSON summary, the
/// comparison and its text table are written from: a new metric is one entry here.
public struct Metric: Sendable {
    /// The key, e.g. `success_rate`.
    public var key: String
    /// What kind of number it is (decides rounding and how a change is shown).
    public var unit: MetricUnit
    /// Whether `compare` shows its change.
    public var compared: Bool
    /// The label in words for a table, given the run's thresholds ("under 5 s").
    public let label: @Sendable (AnalysisParameters) -> String
    /// The value in a summary.
    public let read: @Sendable (Summary) -> MetricValue

    /// Makes a metric; the label defaults to the key in words ("ttc_p50_s" -> "ttc p50").
    public init(
        _ key: String, _ unit: MetricUnit, compared: Bool = true,
        label: (@Sendable (AnalysisParameters) -> String)? = nil, read: @escaping @Sendable (Summary) -> MetricValue
    ) {
        self.key = key
        self.unit = unit
        self.compared = compared
        self.read = read
        let words = Metric.words(key)
        self.label = label ?? { _ in words }
    }

    /// "ttc_p50_s" as "ttc p50".
    static func words(_ key: String) -> String {
        var text = key
        if text.hasSuffix("_s") { text.removeLast(2) }
        return String(text.map { $0 == "_" ? " " : $0 })
    }

    /// The metric with `key`, if there is one.
    public static func named(_ key: String) -> Metric? { all.first { $0.key == key } }

    /// The metrics `compare` shows, in table order.
    public static var compared: [Metric] { all.filter(\.compared) }

    /// Every scalar metric of a summary, in the order the JSON summary lists them (docs/json-schema.md).
    public static let all: [Metric] = [
        Metric("tours", .count) { .count($0.tours) },
        Metric("connections", .count) { .count($0.connections) },
        Metric("connected", .count) { .count($0.connected) },
        Metric("failed", .count) { .count($0.failed) },
        Metric("incomplete", .count) { .count($0.incomplete) },
        Metric("success_rate", .rate) { .proportion(successes: $0.connected, trials: $0.connected + $0.failed) },
        Metric("timeouts", .count) { .count($0.timeouts) },
        Metric("timeout_share", .rate) { .proportion(successes: $0.timeouts, trials: $0.connections) },
        Metric("mismatched", .count) { .count($0.mismatched) },
        Metric("mismatch_share", .rate) { .proportion(successes: $0.mismatched, trials: $0.connections) },
        Metric("ttc_p50_s", .seconds) { .milliseconds($0.ttcP50Ms) },
        Metric("ttc_p90_s", .seconds) { .milliseconds($0.ttcP90Ms) },
        Metric("ttc_p99_s", .seconds) { .milliseconds($0.ttcP99Ms) },
        Metric("ttc_max_s", .seconds) { .milliseconds($0.ttcMaxMs) },
        Metric(
            "ttc_under_5s_share", .rate, label: { "under \(NumberFormat.durationWords(ms: $0.slowThresholdMs))" }
        ) { .proportion(successes: $0.ttcUnder5s, trials: $0.ttcSamples) },
        Metric("ttc_samples", .count, compared: false) { .count($0.ttcSamples) },
        Metric("ttc_under_5s", .count, compared: false) { .count($0.ttcUnder5s) },
        Metric("ttc_cross_clock", .count, compared: false) { .count($0.ttcCrossClock) },
        Metric("connected_without_ttc", .count, compared: false) { .count($0.connectedWithoutTtc) },
        Metric("probe_connections", .count, compared: false) { .count($0.probeConnections) },
        Metric("xirsys_api_calls", .count, label: { _ in "API calls" }) { .count($0.xirsysApiCalls) },
        Metric("xirsys_api_calls_per_tour", .ratio, label: { _ in "API calls/tour" }) {
            .ratio($0.xirsysApiCallsPerTour)
        },
        Metric("fallbacks", .count, compared: false) { .count($0.fallbacks) },
        Metric("fallback_rate", .rate) { .proportion(successes: $0.fallbacks, trials: $0.connections) },
        Metric("attempts", .count, label: { _ in "ICE attempts" }) { .count($0.attempts) },
        Metric("restarts", .count, label: { _ in "ICE restarts" }) { .count($0.restarts) },
        Metric("instances_known", .count, compared: false) { .count($0.instancesKnown) },
        Metric("mismatched_connected", .count, compared: false) { .count($0.mismatchedConnected) },
        Metric("mismatched_failed", .count, compared: false) { .count($0.mismatchedFailed) },
    ]
}

/// A metric's value as read from a summary: counts stay counts, a proportion keeps its two counts (so a comparison
/// can test it), durations stay exact milliseconds.
public enum MetricValue: Sendable, Equatable {
    /// A count.
    case count(Int)
    /// successes / trials; undefined (nil) when trials is 0.
    case proportion(successes: Int, trials: Int)
    /// A duration in ms, shown in seconds; nil when unknown.
    case milliseconds(Int64?)
    /// Any other ratio; nil when undefined.
    case ratio(Double?)

    /// The value as a number in the metric's unit (seconds for durations); nil when undefined.
    public var number: Double? {
        switch self {
        case .count(let n): return Double(n)
        case .proportion(let s, let t): return t > 0 ? Double(s) / Double(t) : nil
        case .milliseconds(let ms): return ms.map { Double($0) / 1000 }
        case .ratio(let r): return r.flatMap { $0.isFinite ? $0 : nil }
        }
    }
}
