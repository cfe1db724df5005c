/// The metrics of a set of tours (one period, or the whole input): counts, rates and time-to-connect
/// percentiles, as SPEC "Machine-readable results" defines them. Made by `SummaryAccumulator`.
///
/// Every rate is stored as its numerator and denominator counts and computed on demand, so that a comparison can
/// test proportions and a renderer never has to compute anything itself.
public struct Summary: Sendable, Equatable {
    /// Tours seen.
    public var tours: Int = 0
    /// Connections: one per (tour, attendee).
    public var connections: Int = 0
    /// Connections whose outcome is `connected`.
    public var connected: Int = 0
    /// Connections whose outcome is `failed`.
    public var failed: Int = 0
    /// Connections whose outcome is `incomplete`.
    public var incomplete: Int = 0
    /// Connections with at least one timed-out attempt.
    public var timeouts: Int = 0
    /// Connections with at least one mismatched attempt.
    public var mismatched: Int = 0
    /// Mismatched connections whose outcome is `connected`.
    public var mismatchedConnected: Int = 0
    /// Mismatched connections whose outcome is `failed`.
    public var mismatchedFailed: Int = 0
    /// Connections with at least one attempt where both sides' TURN instances are known (so a mismatch could
    /// have been seen).
    public var instancesKnown: Int = 0
    /// ICE attempts over all connections.
    public var attempts: Int = 0
    /// `ice.restart` events over all connections.
    public var restarts: Int = 0
    /// Connections whose attendee logged a `turn.fallback`.
    public var fallbacks: Int = 0
    /// Connected connections with a known, non-negative time to connect (the percentile samples).
    public var ttcSamples: Int = 0
    /// Of `ttcSamples`, those under the fast threshold (5 s).
    public var ttcUnder5s: Int = 0
    /// Of `ttcSamples`, those measured on the guide's clock because the attendee side was not known.
    public var ttcCrossClock: Int = 0
    /// Connected connections without a known (or with a negative) time to connect; not in the ttc metrics.
    public var connectedWithoutTtc: Int = 0
    /// Peer connections that only probe connectivity (`ConnectionDetail.probe`): in no other count or rate.
    public var probeConnections: Int = 0
    /// Nearest-rank 50th percentile of time to connect, in ms.
    public var ttcP50Ms: Int64?
    /// Nearest-rank 90th percentile of time to connect, in ms.
    public var ttcP90Ms: Int64?
    /// Nearest-rank 99th percentile of time to connect, in ms.
    public var ttcP99Ms: Int64?
    /// Largest time to connect, in ms.
    public var ttcMaxMs: Int64?
    /// The sum of every time to connect counted in `ttcSamples`, in ms (a Prometheus summary's `_sum`).
    public var ttcSumMs: Int64 = 0
    /// Xirsys API calls after the browser/server de-dup rule.
    public var xirsysApiCalls: Int = 0
    /// API calls by the caller's role (`guide`, `attendee`, `server`, `unknown`).
    public var apiCallsByRole: [String: Int] = [:]
    /// Tours whose API calls were counted from server lines.
    public var apiCallsFromServerTours: Int = 0
    /// Tours whose API calls were counted from browser lines.
    public var apiCallsFromBrowserTours: Int = 0
    /// Tours without any API call line.
    public var apiCallsNoneTours: Int = 0
    /// The earliest first line of any tour, ms since the epoch (each line on its writer's clock); nil without a
    /// dated tour. With `lastSeenMs`, the period a report covers.
    public var firstSeenMs: Int64?
    /// The latest last line (or first line, when the last is unknown) of any tour, ms since the epoch.
    public var lastSeenMs: Int64?

    /// Makes an empty summary.
    public init() {}

    /// connected / (connected + failed); nil when both are 0.
    public var successRate: Double? { ratio(connected, connected + failed) }
    /// timeouts / connections; nil without connections.
    public var timeoutShare: Double? { ratio(timeouts, connections) }
    /// mismatched / connections; nil without connections.
    public var mismatchShare: Double? { ratio(mismatched, connections) }
    /// ttcUnder5s / ttcSamples: the share of connected connections (with a known time) under 5 s.
    public var ttcUnder5sShare: Double? { ratio(ttcUnder5s, ttcSamples) }
    /// xirsysApiCalls / tours; nil without tours.
    public var xirsysApiCallsPerTour: Double? { ratio(xirsysApiCalls, tours) }
    /// fallbacks / connections (attendees with a fallback / all attendees with a connection).
    public var fallbackRate: Double? { ratio(fallbacks, connections) }
    /// Connections that are not mismatched (same or unknown instance).
    public var notMismatched: Int { connections - mismatched }
    /// Connected connections that are not mismatched.
    public var notMismatchedConnected: Int { connected - mismatchedConnected }
    /// Failed connections that are not mismatched.
    public var notMismatchedFailed: Int { failed - mismatchedFailed }

    private func ratio(_ numerator: Int, _ denominator: Int) -> Double? {
        denominator > 0 ? Double(numerator) / Double(denominator) : nil
    }
}
