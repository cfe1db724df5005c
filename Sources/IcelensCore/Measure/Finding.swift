/// One flagged connection: what is wrong with it (flags) and why, in words built from the data.
public struct Finding: Sendable, Equatable {
    /// The tour id.
    public var tour: String
    /// The attendee's peer id.
    public var attendee: String
    /// The guide's peer id, when known.
    public var guide: String?
    /// The flags, in `FindingFlag.allCases` order.
    public var flags: [FindingFlag]
    /// The connection's outcome.
    public var outcome: ConnectionOutcome
    /// ICE attempts of the connection.
    public var attempts: Int
    /// The guide side's TURN instance in the attempt the reason describes (first mismatched, else the last).
    public var guideInstance: String?
    /// The attendee side's TURN instance in that attempt.
    public var attendeeInstance: String?
    /// Time to connect in ms, when connected and known.
    public var timeToConnectMs: Int64?
    /// The clock `timeToConnectMs` was measured on.
    public var timeToConnectClock: ClockSide?
    /// The first time seen for the connection, ms since the epoch.
    public var firstSeenMs: Int64?
    /// The reason in words, e.g. "attendee a-19 on fr-turn7.xirsys.com, guide on fr-turn8.xirsys.com; ICE timed
    /// out after 30 s".
    public var reason: String

    /// Makes a finding from its parts.
    public init(
        tour: String, attendee: String, guide: String?, flags: [FindingFlag], outcome: ConnectionOutcome,
        attempts: Int, guideInstance: String?, attendeeInstance: String?, timeToConnectMs: Int64?,
        timeToConnectClock: ClockSide?, firstSeenMs: Int64?, reason: String
    ) {
        self.tour = tour
        self.attendee = attendee
        self.guide = guide
        self.flags = flags
        self.outcome = outcome
        self.attempts = attempts
        self.guideInstance = guideInstance
        self.attendeeInstance = attendeeInstance
        self.timeToConnectMs = timeToConnectMs
        self.timeToConnectClock = timeToConnectClock
        self.firstSeenMs = firstSeenMs
        self.reason = reason
    }

    /// The finding for `connection` of a tour whose guide is `guide`, or nil when nothing is flagged.
    public static func make(
        for connection: ConnectionResult, guide: String?, parameters: AnalysisParameters = AnalysisParameters()
    ) -> Finding? {
        var flags: [FindingFlag] = []
        let mismatchedAttempt = connection.attempts.first(where: { $0.mismatched })
        if mismatchedAttempt != nil { flags.append(.mismatch) }
        let timedOutAttempt = connection.attempts.first(where: { $0.end == .timedOut })
        if timedOutAttempt != nil { flags.append(.timeout) }
        if connection.outcome == .failed { flags.append(.failed) }
        let ttc = connection.outcome == .connected ? connection.timeToConnectMs : nil
        if let ttc, ttc >= parameters.slowThresholdMs { flags.append(.slow) }
        if connection.fellBack { flags.append(.fallback) }
        guard !flags.isEmpty else { return nil }

        let described = mismatchedAttempt ?? connection.attempts.last
        var parts: [String] = []
        if let attempt = mismatchedAttempt {
            parts.append(Wording.mismatch(connection, attempt))
        }
        if let attempt = timedOutAttempt {
            parts.append(Wording.timeout(attempt, parameters: parameters))
        }
        if connection.outcome == .failed && timedOutAttempt == nil {
            parts.append(Wording.failed(attempts: connection.attempts.count))
        } else if connection.outcome == .failed {
            parts.append(Wording.neverConnected)
        }
        if let ttc, ttc >= parameters.slowThresholdMs {
            parts.append(Wording.slow(ms: ttc, guideClock: connection.timeToConnectClock == .guide))
        } else if connection.outcome == .connected && timedOutAttempt != nil {
            parts.append(Wording.connectedLater)
        }
        if connection.fellBack {
            parts.append(Wording.fellBack)
        }
        return Finding(
            tour: connection.tour, attendee: connection.attendee, guide: guide, flags: flags,
            outcome: connection.outcome, attempts: connection.attempts.count,
            guideInstance: described?.guideInstance, attendeeInstance: described?.attendeeInstance,
            timeToConnectMs: ttc, timeToConnectClock: ttc == nil ? nil : connection.timeToConnectClock,
            firstSeenMs: connection.firstSeenMs, reason: Wording.reason(parts))
    }
}
