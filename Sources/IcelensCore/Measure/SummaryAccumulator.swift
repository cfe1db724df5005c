/// Builds a `Summary` from tours added one at a time, keeping only counters and the time-to-connect histogram
/// (as Int32 ms, clamped at about 24.8 days), so memory grows by 4 bytes per connected connection.
public struct SummaryAccumulator: Sendable {
    /// The running counts (percentiles are filled in by `summary`).
    var counts = Summary()
    /// Time-to-connect samples in ms, counted by value (exact percentiles, memory bounded by distinct values).
    var ttcSamplesMs = MillisecondHistogram()
    /// A time to connect below this many ms counts as "under 5 s".
    public let fastThresholdMs: Int64

    /// Makes an empty accumulator; `fastThresholdMs` is the "under 5 s" bound (strictly below it).
    public init(fastThresholdMs: Int64 = 5_000) {
        self.fastThresholdMs = fastThresholdMs
    }

    /// Adds one tour and its connections.
    public mutating func add(_ tour: TourResult) {
        counts.tours += 1
        if let first = tour.firstSeenMs {
            counts.firstSeenMs = min(counts.firstSeenMs ?? first, first)
        }
        if let last = tour.lastSeenMs ?? tour.firstSeenMs {
            counts.lastSeenMs = max(counts.lastSeenMs ?? last, last)
        }
        counts.xirsysApiCalls += max(0, tour.apiCalls)
        for (role, calls) in tour.apiCallsByRole {
            counts.apiCallsByRole[role, default: 0] += calls
        }
        switch tour.apiCallOrigin {
        case .server?: counts.apiCallsFromServerTours += 1
        case .browser?: counts.apiCallsFromBrowserTours += 1
        case nil: counts.apiCallsNoneTours += 1
        }
        for connection in tour.connections { add(connection) }
        counts.probeConnections += tour.probes.count
    }

    /// Adds one connection (used by `add(_ tour:)`; a connection added alone counts toward no tour).
    public mutating func add(_ connection: ConnectionResult) {
        counts.connections += 1
        counts.attempts += connection.attempts.count
        counts.restarts += max(0, connection.restarts)
        if connection.fellBack { counts.fallbacks += 1 }
        if connection.timedOut { counts.timeouts += 1 }
        if connection.attempts.contains(where: { $0.guideInstance != nil && $0.attendeeInstance != nil }) {
            counts.instancesKnown += 1
        }
        let mismatched = connection.mismatched
        if mismatched { counts.mismatched += 1 }
        switch connection.outcome {
        case .connected:
            counts.connected += 1
            if mismatched { counts.mismatchedConnected += 1 }
            if let ttc = connection.timeToConnectMs, ttc >= 0 {
                ttcSamplesMs.add(Int32(clamping: ttc))
                counts.ttcSamples += 1
                if ttc < fastThresholdMs { counts.ttcUnder5s += 1 }
                if connection.timeToConnectClock == .guide { counts.ttcCrossClock += 1 }
            } else {
                counts.connectedWithoutTtc += 1
            }
        case .failed:
            counts.failed += 1
            if mismatched { counts.mismatchedFailed += 1 }
        case .incomplete:
            counts.incomplete += 1
        }
    }

    /// Adds everything `other` counted: summaries of disjoint sets of tours merge exactly (`icelens merge`).
    public mutating func merge(_ other: SummaryAccumulator) {
        let o = other.counts
        counts.tours += o.tours
        counts.connections += o.connections
        counts.probeConnections += o.probeConnections
        counts.connected += o.connected
        counts.failed += o.failed
        counts.incomplete += o.incomplete
        counts.timeouts += o.timeouts
        counts.mismatched += o.mismatched
        counts.mismatchedConnected += o.mismatchedConnected
        counts.mismatchedFailed += o.mismatchedFailed
        counts.instancesKnown += o.instancesKnown
        counts.attempts += o.attempts
        counts.restarts += o.restarts
        counts.fallbacks += o.fallbacks
        counts.ttcSamples += o.ttcSamples
        counts.ttcUnder5s += o.ttcUnder5s
        counts.ttcCrossClock += o.ttcCrossClock
        counts.connectedWithoutTtc += o.connectedWithoutTtc
        counts.xirsysApiCalls += o.xirsysApiCalls
        for (role, calls) in o.apiCallsByRole { counts.apiCallsByRole[role, default: 0] += calls }
        counts.apiCallsFromServerTours += o.apiCallsFromServerTours
        counts.apiCallsFromBrowserTours += o.apiCallsFromBrowserTours
        counts.apiCallsNoneTours += o.apiCallsNoneTours
        counts.firstSeenMs = [counts.firstSeenMs, o.firstSeenMs].compactMap { $0 }.min()
        counts.lastSeenMs = [counts.lastSeenMs, o.lastSeenMs].compactMap { $0 }.max()
        ttcSamplesMs.merge(other.ttcSamplesMs)
    }

    /// The summary of everything added so far (percentiles read off the histogram).
    public func summary() -> Summary {
        var result = counts
        let ranks = ttcSamplesMs.nearestRanks([50, 90, 99])
        result.ttcP50Ms = ranks[0].map(Int64.init)
        result.ttcP90Ms = ranks[1].map(Int64.init)
        result.ttcP99Ms = ranks[2].map(Int64.init)
        result.ttcMaxMs = ttcSamplesMs.maximum.map(Int64.init)
        // Saturating: a histogram read from a hand-made snapshot cannot crash the sum.
        var sum: Int64 = 0
        ttcSamplesMs.forEachValue { ms, n in
            let (part, over) = Int64(ms).multipliedReportingOverflow(by: Int64(n))
            let (total, over2) = sum.addingReportingOverflow(part)
            sum = over || over2 ? .max : total
        }
        result.ttcSumMs = sum
        return result
    }
}
