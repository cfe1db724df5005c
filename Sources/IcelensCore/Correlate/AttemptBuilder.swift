/// The ICE attempt state machine of one side of a connection: walks that side's records in content order and
/// cuts them into attempts (SPEC "Attempt" and "30 s timeout").
enum AttemptBuilder {
    /// One attempt found on a side, positioned in that side's sorted record sequence.
    struct Span: Equatable {
        /// Index in the sequence of the record that started the attempt.
        var startPos: Int
        /// Start time on this side's clock.
        var startMs: Int64?
        /// End time on this side's clock (nil while incomplete, or ended by an untimed record).
        var endMs: Int64?
        /// How the attempt ended.
        var end: AttemptEnd
        /// The timeout was inferred from the log going on past the deadline.
        var timeoutInferred: Bool
    }

    /// Whether `record` drives the attempt state machine (`ice.state`, `ice.timeout`, `ice.restart`).
    static func isAttemptEvent(_ record: EventRecord) -> Bool {
        switch record.eventKind {
        case .iceState, .iceTimeout, .iceRestart: return true
        default: return false
        }
    }

    /// `a + b`, saturating instead of trapping on overflow.
    static func saturatingAdd(_ a: Int64, _ b: Int64) -> Int64 {
        let (sum, overflow) = a.addingReportingOverflow(b)
        return overflow ? (b > 0 ? Int64.max : Int64.min) : sum
    }

    /// Cuts `sequence` (one side's records, sorted in content order) into attempts. `coverageMs` is the newest time
    /// of any line the side's peer wrote: an attempt still open at the end is a (inferred) timeout when the peer's
    /// log reaches its deadline, else incomplete.
    static func attempts(in sequence: [EventRecord], coverageMs: Int64?, timeoutMs: Int64) -> [Span] {
        let timeout = max(timeoutMs, 0)
        var result: [Span] = []
        var open: Span?
        for (pos, record) in sequence.enumerated() where isAttemptEvent(record) {
            let kind = record.eventKind
            // An event at or after the deadline shows the log covered the timeout, unless it is the logged
            // timeout itself or an ending event exactly at the deadline (still within it).
            if var attempt = open, let start = attempt.startMs, let t = record.time {
                let deadline = saturatingAdd(start, timeout)
                let endsAtDeadline = t == deadline && endsAttempt(record)
                if t >= deadline, kind != .iceTimeout, !endsAtDeadline {
                    attempt.end = .timedOut
                    attempt.endMs = deadline
                    attempt.timeoutInferred = true
                    result.append(attempt)
                    open = nil
                }
            }
            switch kind {
            case .iceState:
                switch record.iceState {
                case .checking?:
                    if open == nil {
                        open = Span(
                            startPos: pos, startMs: record.time, endMs: nil, end: .incomplete, timeoutInferred: false)
                    }
                case .connected?, .completed?:
                    close(&open, into: &result, end: .connected, at: record.time)
                case .failed?:
                    close(&open, into: &result, end: .failed, at: record.time)
                default:
                    break
                }
            case .iceTimeout:
                close(&open, into: &result, end: .timedOut, at: record.time)
            case .iceRestart:
                close(&open, into: &result, end: .restarted, at: record.time)
                open = Span(startPos: pos, startMs: record.time, endMs: nil, end: .incomplete, timeoutInferred: false)
            default:
                break
            }
        }
        if var attempt = open {
            if let start = attempt.startMs, let covered = coverageMs, covered >= saturatingAdd(start, timeout) {
                attempt.end = .timedOut
                attempt.endMs = saturatingAdd(start, timeout)
                attempt.timeoutInferred = true
            }
            result.append(attempt)
        }
        return result
    }

    private static func endsAttempt(_ record: EventRecord) -> Bool {
        switch record.eventKind {
        case .iceTimeout, .iceRestart: return true
        case .iceState:
            switch record.iceState {
            case .connected?, .completed?, .failed?: return true
            default: return false
            }
        default: return false
        }
    }

    private static func close(_ open: inout Span?, into result: inout [Span], end: AttemptEnd, at timeMs: Int64?) {
        guard var attempt = open else { return }
        attempt.end = end
        attempt.endMs = timeMs
        result.append(attempt)
        open = nil
    }
}
