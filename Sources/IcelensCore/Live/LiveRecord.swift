/// What `icelens watch` prints the moment it is known about a connection: it connected (with its time to connect),
/// it timed out, it failed, or its two sides are on different TURN instances.
public struct LiveRecord: Sendable, Equatable {
    /// What became known.
    public enum Verdict: String, Sendable, Equatable {
        case connected, timeout, failed, mismatched
    }

    /// How a timeout was known.
    public enum TimeoutEvidence: String, Sendable, Equatable {
        /// The app logged `ice.timeout`.
        case logged
        /// A later line of the same side is past the deadline.
        case logTime = "log_time"
        /// The input was silent and the wall clock passed the deadline (live logs only).
        case wallClock = "wall_clock"
    }

    /// When: the time of the line that decided it (or the deadline, for a timeout judged by the clock), ms.
    public var timeMs: Int64?
    /// The tour.
    public var tour: String
    /// The time of the tour's first line seen (for `--since`), ms.
    public var tourFirstSeenMs: Int64?
    /// The attendee of the connection.
    public var attendee: String
    /// The tour's guide, when seen.
    public var guide: String?
    /// What became known.
    public var verdict: Verdict
    /// The attempt (1-based) it is about.
    public var attempt: Int
    /// Time to connect in ms, for `connected`.
    public var ttcMs: Int64?
    /// The clock the time to connect or the timeout was measured on.
    public var clock: ClockSide
    /// For `timeout`: how it was known.
    public var timeout: TimeoutEvidence?
    /// The guide side's TURN instance, when known.
    public var guideInstance: String?
    /// The attendee side's TURN instance, when known.
    public var attendeeInstance: String?

    /// Both instances known and different.
    public var mismatched: Bool {
        guard let g = guideInstance, let a = attendeeInstance else { return false }
        return g != a
    }
}

/// The running totals of a watch, for its rolling and final summaries.
public struct LiveTotals: Sendable, Equatable {
    /// Connections seen (an attendee with any event).
    public var connections = 0
    /// Connections that connected.
    public var connected = 0
    /// Connections that timed out (once each).
    public var timeouts = 0
    /// Connections that failed without a timeout.
    public var failed = 0
    /// Connections found mismatched.
    public var mismatched = 0
    /// Times to connect seen, ms (nearest-rank median on demand).
    public var ttcMs = MillisecondHistogram()

    /// The median time to connect, ms.
    public var ttcP50Ms: Int64? { ttcMs.nearestRanks([50])[0].map(Int64.init) }
}
