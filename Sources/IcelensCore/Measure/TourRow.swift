/// One row of the `tours` command: a tour's connections added up, with nothing left for a renderer to compute.
public struct TourRow: Sendable, Equatable {
    /// The tour id.
    public var tour: String
    /// The guide's peer id, when seen.
    public var guide: String?
    /// TURN instances the guide side used, in order of first use.
    public var guideInstances: [String]
    /// Time of the tour's first line, ms since the epoch.
    public var firstSeenMs: Int64?
    /// The tour's split-by label, when the run splits by a field.
    public var label: String?
    /// Attendees with a connection (= connections).
    public var attendees: Int
    /// Connections whose outcome is `connected`.
    public var connected: Int
    /// Connections whose outcome is `failed`.
    public var failed: Int
    /// Connections whose outcome is `incomplete`.
    public var incomplete: Int
    /// Connections with at least one mismatched attempt.
    public var mismatched: Int
    /// Connections with at least one timed-out attempt.
    public var timeouts: Int
    /// Nearest-rank median time to connect of the tour's connections, in ms.
    public var ttcP50Ms: Int64?
    /// Xirsys API calls after the de-dup rule.
    public var apiCalls: Int
    /// Connections with a finding.
    public var flaggedConnections: Int

    /// True when any connection of the tour has a finding.
    public var flagged: Bool { flaggedConnections > 0 }

    /// Makes a row from its parts.
    public init(
        tour: String, guide: String?, guideInstances: [String], firstSeenMs: Int64?, label: String?,
        attendees: Int, connected: Int, failed: Int, incomplete: Int, mismatched: Int, timeouts: Int,
        ttcP50Ms: Int64?, apiCalls: Int, flaggedConnections: Int
    ) {
        self.tour = tour
        self.guide = guide
        self.guideInstances = guideInstances
        self.firstSeenMs = firstSeenMs
        self.label = label
        self.attendees = attendees
        self.connected = connected
        self.failed = failed
        self.incomplete = incomplete
        self.mismatched = mismatched
        self.timeouts = timeouts
        self.ttcP50Ms = ttcP50Ms
        self.apiCalls = apiCalls
        self.flaggedConnections = flaggedConnections
    }

    /// The row for `tour`, given how many of its connections have a finding.
    public init(_ tour: TourResult, flaggedConnections: Int, fastThresholdMs: Int64 = 5_000) {
        var accumulator = SummaryAccumulator(fastThresholdMs: fastThresholdMs)
        accumulator.add(tour)
        let summary = accumulator.summary()
        self.init(
            tour: tour.tour, guide: tour.guide, guideInstances: tour.guideInstances, firstSeenMs: tour.firstSeenMs,
            label: tour.label, attendees: summary.connections, connected: summary.connected, failed: summary.failed,
            incomplete: summary.incomplete, mismatched: summary.mismatched, timeouts: summary.timeouts,
            ttcP50Ms: summary.ttcP50Ms, apiCalls: tour.apiCalls, flaggedConnections: flaggedConnections)
    }
}
