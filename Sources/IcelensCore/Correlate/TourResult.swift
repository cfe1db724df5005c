/// How an ICE attempt ended.
public enum AttemptEnd: String, Sendable, Codable, Hashable {
    /// Reached `connected` or `completed`.
    case connected
    /// Reached `failed`.
    case failed
    /// The app's ICE timeout fired (`ice.timeout`), or `checking` saw no `connected` for the timeout while the
    /// same peer's log went on (inferred).
    case timedOut = "timed_out"
    /// An ICE restart ended it before any of the above.
    case restarted
    /// The log ends before the attempt ended and before the timeout elapsed.
    case incomplete
}

/// Which peer's clock a time or duration was measured on (SPEC "Clock": never mix two clocks silently).
public enum ClockSide: String, Sendable, Codable, Hashable {
    case attendee, guide
}

/// One ICE attempt of a connection: from the first `checking` (or a restart) to its end.
public struct AttemptResult: Sendable, Equatable, Codable {
    /// 0-based position within the connection.
    public var index: Int
    /// Start, in ms since the epoch on `clock`.
    public var startMs: Int64?
    /// End, in ms since the epoch on `clock` (nil while incomplete).
    public var endMs: Int64?
    /// The clock `startMs`/`endMs` were read on.
    public var clock: ClockSide
    /// How it ended.
    public var end: AttemptEnd
    /// True when the timeout was inferred from silence rather than logged as `ice.timeout`.
    public var timeoutInferred: Bool
    /// The guide side's TURN instance in this attempt, when known.
    public var guideInstance: String?
    /// The attendee side's TURN instance in this attempt, when known.
    public var attendeeInstance: String?

    /// Both instances known and different.
    public var mismatched: Bool {
        guard let g = guideInstance, let a = attendeeInstance else { return false }
        return g != a
    }

    public init(
        index: Int, startMs: Int64?, endMs: Int64?, clock: ClockSide, end: AttemptEnd,
        timeoutInferred: Bool = false, guideInstance: String?, attendeeInstance: String?
    ) {
        self.index = index
        self.startMs = startMs
        self.endMs = endMs
        self.clock = clock
        self.end = end
        self.timeoutInferred = timeoutInferred
        self.guideInstance = guideInstance
        self.attendeeInstance = attendeeInstance
    }
}

/// The outcome of a connection (SPEC "Outcome of a connection").
public enum ConnectionOutcome: String, Sendable, Codable, Hashable {
    case connected, failed, incomplete
}

/// One connection: a (tour, attendee) pair, with its ICE attempts and what they add up to.
public struct ConnectionResult: Sendable, Equatable, Codable {
    /// The tour id.
    public var tour: String
    /// The attendee's peer id.
    public var attendee: String
    /// The ICE attempts, in order.
    public var attempts: [AttemptResult]
    /// connected / failed / incomplete.
    public var outcome: ConnectionOutcome
    /// From the first `checking` to the first `connected`/`completed`, in ms, on `timeToConnectClock`.
    public var timeToConnectMs: Int64?
    /// The clock the time to connect was measured on (attendee side when known).
    public var timeToConnectClock: ClockSide?
    /// Whether the attendee logged a `turn.fallback`.
    public var fellBack: Bool
    /// Number of `ice.restart` events seen for this connection.
    public var restarts: Int
    /// The first time seen for this connection (ms since epoch, on its own writer's clock).
    public var firstSeenMs: Int64?
    /// Connected, then went to `failed` or timed out later (on the side whose clock the attempts are on).
    public var failedAfterConnect: Bool
    /// What a dump told of the connection beyond its events (nil for connections read from line logs only).
    public var detail: ConnectionDetail? {
        get { detailBox?.value }
        set { detailBox = newValue.map(ConnectionDetailBox.init) }
    }
    /// The detail, boxed: a connection result is copied between stages, and the detail (several hundred bytes
    /// inline) made every copy of every connection's result a large memcpy, dump or not.
    private var detailBox: ConnectionDetailBox?

    /// A connectivity probe (`ConnectionDetail.probe`): listed, but left out of every metric.
    public var isProbe: Bool { detail?.probe ?? false }
    /// Where the connection was read from: its dump's kind, else the app's logs.
    public var source: ConnectionSource { detail?.source ?? .log }

    /// At least one attempt timed out.
    public var timedOut: Bool { attempts.contains { $0.end == .timedOut } }
    /// At least one attempt was mismatched.
    public var mismatched: Bool { attempts.contains { $0.mismatched } }

    public init(
        tour: String, attendee: String, attempts: [AttemptResult], outcome: ConnectionOutcome,
        timeToConnectMs: Int64?, timeToConnectClock: ClockSide?, fellBack: Bool, restarts: Int,
        firstSeenMs: Int64?, failedAfterConnect: Bool = false
    ) {
        self.failedAfterConnect = failedAfterConnect
        self.tour = tour
        self.attendee = attendee
        self.attempts = attempts
        self.outcome = outcome
        self.timeToConnectMs = timeToConnectMs
        self.timeToConnectClock = timeToConnectClock
        self.fellBack = fellBack
        self.restarts = restarts
        self.firstSeenMs = firstSeenMs
    }
}

/// Everything concluded about one tour: its connections and its Xirsys API calls.
public struct TourResult: Sendable, Equatable, Codable {
    /// The tour id.
    public var tour: String
    /// The guide's peer id, when seen.
    public var guide: String?
    /// Time of the tour's first line (ms since epoch), which decides its period.
    public var firstSeenMs: Int64?
    /// Time of the tour's last line (ms since epoch).
    public var lastSeenMs: Int64?
    /// The split-by field value of the tour (first one seen), when the run splits by a field.
    public var label: String?
    /// TURN instances the guide side used, in order of first use.
    public var guideInstances: [String]
    /// The tour's connections, sorted by attendee id (probes aside).
    public var connections: [ConnectionResult]
    /// Its connectivity probes (`ConnectionResult.isProbe`), sorted by attendee id: listed by `connections`, left
    /// out of every metric and counted as `probe_connections`.
    public var probes: [ConnectionResult] = []
    /// Xirsys API calls after the browser/server de-dup rule.
    public var apiCalls: Int
    /// API calls by the caller's role (after de-dup).
    public var apiCallsByRole: [String: Int]
    /// Whether `apiCalls` counts server-side lines (`server`) or browser lines (`browser`).
    public var apiCallOrigin: Origin?

    public init(
        tour: String, guide: String?, firstSeenMs: Int64?, lastSeenMs: Int64?, label: String?,
        guideInstances: [String], connections: [ConnectionResult], apiCalls: Int,
        apiCallsByRole: [String: Int], apiCallOrigin: Origin?
    ) {
        self.tour = tour
        self.guide = guide
        self.firstSeenMs = firstSeenMs
        self.lastSeenMs = lastSeenMs
        self.label = label
        self.guideInstances = guideInstances
        self.connections = connections
        self.apiCalls = apiCalls
        self.apiCallsByRole = apiCallsByRole
        self.apiCallOrigin = apiCallOrigin
    }
}
