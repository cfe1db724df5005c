/// One line of a tour's timeline: an event one side logged, or the start or end of an ICE attempt as the
/// correlator concluded it. Values only: renderers write them as they are.
public enum TimelineEntry: Sendable, Equatable {
    /// A logged event.
    case event(TimelineEvent)
    /// An attempt began (its first `checking`, or an ICE restart).
    case attemptStart(TimelineAttempt)
    /// An attempt ended, with its verdict.
    case attemptEnd(TimelineAttempt)

    /// When it happened (ms since the epoch on its writer's clock), if known.
    public var timeMs: Int64? {
        switch self {
        case .event(let e): return e.event.timeMs
        case .attemptStart(let a): return a.attempt.startMs
        case .attemptEnd(let a): return a.attempt.endMs ?? a.attempt.startMs
        }
    }
}

/// A logged event of the timeline, with the name of the input it came from.
public struct TimelineEvent: Sendable, Equatable {
    /// The event.
    public var event: Event
    /// The input's name as given.
    public var input: String

    /// Who wrote the line: the peer id for browser lines, `server` for server lines.
    public var writer: String {
        event.origin == .server ? "server" : (event.peer ?? event.role?.rawValue ?? "?")
    }

    /// The writer as the text shows it: server lines also name the peer they are about ("server (a-4)").
    public var writerWords: String {
        guard event.origin == .server, let peer = event.peer else { return writer }
        return "server (\(peer))"
    }
}

/// An attempt of one connection, placed in the timeline.
public struct TimelineAttempt: Sendable, Equatable {
    /// The attendee of the connection.
    public var attendee: String
    /// The attempt.
    public var attempt: AttemptResult
    /// How many attempts the connection had.
    public var of: Int
    /// The ICE timeout the run judged with, in ms (for "no connected 30 s after checking").
    public var timeoutMs: Int64
    /// The attempt's times are whole seconds (an old webrtc-internals dump): under a second is "within a second".
    public var wholeSeconds = false
}

extension TimelineAttempt {
    /// The verdict in words, e.g. "timeout: no connected 30 s after checking (inferred: the attendee's log goes
    /// on)", "connected after 2.4 s", "restarted", "incomplete: the log ends while checking".
    public var verdict: String {
        let a = attempt
        var duration: String?
        if let start = a.startMs, let end = a.endMs, end >= start {
            duration =
                wholeSeconds && end - start < 1_000
                ? " within a second (whole-second times)"
                : " after " + NumberFormat.fixed(scaled: end - start, places: 3, trimZeros: true) + " s"
        }
        switch a.end {
        case .connected: return "connected" + (duration ?? "")
        case .failed: return "failed" + (duration ?? "")
        case .restarted: return "restarted" + (duration ?? "")
        case .incomplete: return "incomplete: the log ends before an outcome"
        case .timedOut:
            let limit = NumberFormat.durationWords(ms: timeoutMs)
            return a.timeoutInferred
                ? "timeout: no connected \(limit) after checking (inferred: the \(a.clock.rawValue)'s log goes on)"
                : "timeout: ice.timeout logged" + (duration ?? "")
        }
    }
}
