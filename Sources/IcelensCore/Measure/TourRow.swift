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
    public init(_ tour: TourResult, flaggedConnections: Int) {
        // The counts of `SummaryAccumulator` for one tour, without its dictionaries and histogram (a row is made
        // for every tour that closes; `TourRowTests` pins that both agree).
        var connected = 0
        var failed = 0
        var incomplete = 0
        var mismatched = 0
        var timeouts = 0
        var ttcSamplesMs: [Int32] = []
        for connection in tour.connections {
            if connection.mismatched { mismatched += 1 }
            if connection.timedOut { timeouts += 1 }
            switch connection.outcome {
            case .connected:
                connected += 1
                if let ttc = connection.timeToConnectMs, ttc >= 0 { ttcSamplesMs.append(Int32(clamping: ttc)) }
            case .failed: failed += 1
            case .incomplete: incomplete += 1
            }
        }
        ttcSamplesMs.sort()
        self.init(
            tour: tour.tour, guide: tour.guide, guideInstances: tour.guideInstances, firstSeenMs: tour.firstSeenMs,
            label: tour.label, attendees: tour.connections.count, connected: connected, failed: failed,
            incomplete: incomplete, mismatched: mismatched, timeouts: timeouts,
            ttcP50Ms: Percentile.nearestRank(50, ofSorted: ttcSamplesMs).map(Int64.init), apiCalls: tour.apiCalls,
            flaggedConnections: flaggedConnections)
    }
}
