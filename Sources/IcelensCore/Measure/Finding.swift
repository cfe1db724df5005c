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
            var text = "attendee \(connection.attendee) on \(attempt.attendeeInstance ?? "?"), "
            text += "guide on \(attempt.guideInstance ?? "?")"
            if connection.attempts.count > 1 {
                text += " (attempt \(attempt.index + 1) of \(connection.attempts.count))"
            }
            parts.append(text)
        }
        if let attempt = timedOutAttempt {
            parts.append(timeoutWords(attempt, parameters: parameters))
        }
        if connection.outcome == .failed && timedOutAttempt == nil {
            let n = connection.attempts.count
            parts.append(n > 1 ? "ICE failed in all \(n) attempts" : "ICE failed")
        } else if connection.outcome == .failed {
            parts.append("never connected")
        }
        if let ttc, ttc >= parameters.slowThresholdMs {
            var text = "connected after \(DurationWords.seconds(ms: ttc))"
            if connection.timeToConnectClock == .guide { text += " (guide clock)" }
            parts.append(text)
        } else if connection.outcome == .connected && timedOutAttempt != nil {
            parts.append("connected on a later attempt")
        }
        if connection.fellBack {
            parts.append("attendee fell back to its own Xirsys fetch")
        }
        return Finding(
            tour: connection.tour, attendee: connection.attendee, guide: guide, flags: flags,
            outcome: connection.outcome, attempts: connection.attempts.count,
            guideInstance: described?.guideInstance, attendeeInstance: described?.attendeeInstance,
            timeToConnectMs: ttc, timeToConnectClock: ttc == nil ? nil : connection.timeToConnectClock,
            firstSeenMs: connection.firstSeenMs, reason: parts.joined(separator: "; "))
    }

    /// "ICE timed out after 30 s" from the attempt's own times when both are known, else from the configured
    /// timeout; an inferred timeout says so.
    private static func timeoutWords(_ attempt: AttemptResult, parameters: AnalysisParameters) -> String {
        var durationMs = parameters.timeoutMs
        if let start = attempt.startMs, let end = attempt.endMs, end >= start { durationMs = end - start }
        if attempt.timeoutInferred {
            return "no ICE connection within \(DurationWords.seconds(ms: parameters.timeoutMs)) "
                + "(timeout inferred: the log goes on)"
        }
        return "ICE timed out after \(DurationWords.seconds(ms: durationMs))"
    }
}
