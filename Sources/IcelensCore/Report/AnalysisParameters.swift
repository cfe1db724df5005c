/// The settings an analysis ran with, carried in every result so that a reader can tell how it was judged.
public struct AnalysisParameters: Sendable, Equatable {
    /// The ICE timeout (`--timeout`), in ms: `checking` without `connected` for this long is a timeout.
    public var timeoutMs: Int64
    /// A connection whose time to connect is at least this many ms is flagged `slow`; below it counts toward
    /// `ttc_under_5s_share`.
    public var slowThresholdMs: Int64
    /// The relative reduction of Xirsys API calls per tour that counts as "about 50% fewer" (0.4 = 40%).
    public var apiCallReductionTarget: Double

    /// Makes parameters; the defaults are SPEC's 30 s timeout, the promised 5 s and a 40% reduction.
    public init(timeoutMs: Int64 = 30_000, slowThresholdMs: Int64 = 5_000, apiCallReductionTarget: Double = 0.4) {
        self.timeoutMs = timeoutMs
        self.slowThresholdMs = slowThresholdMs
        self.apiCallReductionTarget = apiCallReductionTarget
    }
}
