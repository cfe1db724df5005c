/// What icelens says in words about findings and verdicts, in one place: the reason of a flagged connection, the
/// explanation of each verdict, the promises themselves, the reading of the mismatch-outcome table and the note on
/// late events. Figures are written with `NumberFormat`, so counts carry thousands separators everywhere.
enum Wording {
    /// The verdict on `promise`: its status judged on the after period, and one line of explanation with the
    /// figures of both periods.
    static func verdict(_ promise: PromisedResult, before b: Summary, after a: Summary, parameters: AnalysisParameters)
        -> Verdict
    {
        switch promise {
        case .sameInstance:
            let was = "before: \(NumberFormat.grouped(b.mismatched)) of \(NumberFormat.grouped(b.connections))"
            guard a.connections > 0 else {
                return Verdict(promise: promise, status: .noData, explanation: "no connections after (\(was))")
            }
            guard a.instancesKnown > 0 else {
                return Verdict(
                    promise: promise, status: .noData,
                    explanation: "after: no connection with both TURN instances known (\(was) mismatched)")
            }
            let recovered =
                a.mismatched > 0 ? "; \(NumberFormat.grouped(a.mismatchedConnected)) of them still connected" : ""
            return Verdict(
                promise: promise, status: a.mismatched == 0 ? .met : .notMet,
                explanation:
                    "after: \(NumberFormat.grouped(a.mismatched)) of \(NumberFormat.grouped(a.connections)) connections mismatched in some attempt"
                    + "\(recovered), both instances known for \(NumberFormat.grouped(a.instancesKnown)) (\(was))")
        case .fewerApiCalls:
            guard let was = b.xirsysApiCallsPerTour, let now = a.xirsysApiCallsPerTour else {
                return Verdict(
                    promise: promise, status: .noData,
                    explanation: "no tours \(b.tours == 0 ? "before" : "after"): nothing to compare")
            }
            let target = NumberFormat.percentWords(parameters.apiCallReductionTarget)
            guard was > 0 else {
                return Verdict(
                    promise: promise, status: .noData,
                    explanation:
                        "no Xirsys API calls before, so nothing to reduce (after: \(NumberFormat.ratioWords(now)) per tour)"
                )
            }
            let reduction = 1 - now / was
            let change =
                reduction >= 0
                ? "\(NumberFormat.percentWords(reduction)) fewer" : "\(NumberFormat.percentWords(-reduction)) more"
            return Verdict(
                promise: promise, status: reduction >= parameters.apiCallReductionTarget ? .met : .notMet,
                explanation:
                    "Xirsys API calls per tour \(NumberFormat.ratioWords(was)) -> \(NumberFormat.ratioWords(now)) (\(change); "
                    + "met at \(target) fewer or better)")
        case .connectedUnder5s:
            let limit = NumberFormat.durationWords(ms: parameters.slowThresholdMs)
            let was = b.ttcP90Ms.map { "before: \(NumberFormat.durationWords(ms: $0))" } ?? "before: no data"
            guard let p90 = a.ttcP90Ms else {
                return Verdict(
                    promise: promise, status: .noData,
                    explanation: "after: no connection with a known time to connect (\(was))")
            }
            return Verdict(
                promise: promise, status: p90 < parameters.slowThresholdMs ? .met : .notMet,
                explanation:
                    "after: p90 time to connect \(NumberFormat.durationWords(ms: p90)) over \(NumberFormat.grouped(a.ttcSamples)) "
                    + "connections, limit \(limit) (\(was))")
        case .noTimeouts:
            let was = "before: \(NumberFormat.grouped(b.timeouts)) of \(NumberFormat.grouped(b.connections))"
            guard a.connections > 0 else {
                return Verdict(promise: promise, status: .noData, explanation: "no connections after (\(was))")
            }
            guard a.attempts > 0 else {
                // Server lines alone name connections but show no ICE attempt: nothing could have timed out.
                return Verdict(
                    promise: promise, status: .noData,
                    explanation: "after: no ICE attempt in the logs of \(NumberFormat.grouped(a.connections)) "
                        + "connections (\(was))")
            }
            return Verdict(
                promise: promise, status: a.timeouts == 0 ? .met : .notMet,
                explanation:
                    "after: \(NumberFormat.grouped(a.timeouts)) of \(NumberFormat.grouped(a.connections)) connections timed out (\(was))"
            )
        }
    }

    // MARK: - Findings

    /// "attendee a-19 on fr-turn7.xirsys.com, guide on fr-turn8.xirsys.com (attempt 2 of 3)".
    static func mismatch(_ connection: ConnectionResult, _ attempt: AttemptResult) -> String {
        var text = "attendee \(connection.attendee) on \(attempt.attendeeInstance ?? "?"), "
        text += "guide on \(attempt.guideInstance ?? "?")"
        if connection.attempts.count > 1 {
            text +=
                " (attempt \(NumberFormat.grouped(attempt.index + 1)) of \(NumberFormat.grouped(connection.attempts.count)))"
        }
        return text
    }

    /// "ICE timed out after 30 s" from the attempt's own times when both are known, else from the configured
    /// timeout; an inferred timeout says so.
    static func timeout(_ attempt: AttemptResult, parameters: AnalysisParameters) -> String {
        var durationMs = parameters.timeoutMs
        if let start = attempt.startMs, let end = attempt.endMs, end >= start { durationMs = end - start }
        if attempt.timeoutInferred {
            return "no ICE connection within \(NumberFormat.durationWords(ms: parameters.timeoutMs)) "
                + "(timeout inferred: the log goes on)"
        }
        return "ICE timed out after \(NumberFormat.durationWords(ms: durationMs))"
    }

    /// "ICE failed", or "ICE failed in all 3 attempts".
    static func failed(attempts n: Int) -> String {
        n > 1 ? "ICE failed in all \(NumberFormat.grouped(n)) attempts" : "ICE failed"
    }

    /// After a timeout, no attempt connected.
    static let neverConnected = "never connected"
    /// A timeout, then a later attempt connected.
    static let connectedLater = "connected on a later attempt"
    /// The attendee fetched its own ICE servers.
    static let fellBack = "attendee fell back to its own Xirsys fetch"

    /// "connected after 6.25 s (guide clock)".
    static func slow(ms: Int64, guideClock: Bool) -> String {
        "connected after \(NumberFormat.durationWords(ms: ms))" + (guideClock ? " (guide clock)" : "")
    }

    /// The parts of a finding's reason as one line.
    static func reason(_ parts: [String]) -> String { parts.joined(separator: "; ") }

    // MARK: - Promises and the mismatch-outcome table

    /// A promised result in words, with the thresholds the run judged it by.
    static func promise(_ promise: PromisedResult, parameters: AnalysisParameters) -> String {
        switch promise {
        case .sameInstance: return "both sides use the same TURN instance"
        case .fewerApiCalls: return "about 50% fewer Xirsys API calls per tour"
        case .connectedUnder5s:
            return "ICE connected in under \(NumberFormat.durationWords(ms: parameters.slowThresholdMs)) (p90)"
        case .noTimeouts: return "no \(NumberFormat.durationWords(ms: parameters.timeoutMs)) ICE timeouts"
        }
    }

    /// One sentence saying what a mismatch-outcome table shows.
    static func evidenceSentence(_ t: MismatchOutcomeTable) -> String {
        let p = TextNumber.pValue(t.fisherPValue)
        let fisher = "Fisher exact p " + (p.hasPrefix("<") ? p : "= " + p)
        let rates = "\(TextNumber.percent(t.mismatchedFailureRate)) against \(TextNumber.percent(t.otherFailureRate))"
        switch t.evidence {
        case .noData: return "No connection connected or failed: nothing to judge."
        case .noMismatch: return "No mismatched connection connected or failed: nothing to compare."
        case .onlyMismatch:
            return "Every connection that connected or failed was mismatched: nothing to compare with."
        case .mismatchGoesWithFailure:
            return "Mismatched connections failed more often (\(rates), \(fisher)): the mismatch goes with failure."
        case .mismatchGoesWithSuccess:
            return "Mismatched connections failed less often (\(rates), \(fisher)): the mismatch does not explain "
                + "the failures."
        case .notSignificant:
            return "The failure rates (\(rates)) differ by no more than chance explains (\(fisher))."
        }
    }

    // MARK: - Accounting

    /// One sentence on inputs that go back in time when no event was lost to it (with late events,
    /// `lateEventsSentence` names them): worth knowing, nothing to fix.
    public static func timeJumpsSentence(_ inputs: InputsReport) -> String? {
        guard inputs.lateEvents == 0, let jump = inputs.timeJumps.first else { return nil }
        let name = UntrustedText.forTerminal(jump.input)
        let more = inputs.timeJumps.count > 1 ? " (and \(inputs.timeJumps.count - 1) more inputs)" : ""
        let times = jump.count == 1 ? "once" : "\(NumberFormat.grouped(jump.count)) times"
        return "\(name)\(more) goes back in time \(times) by more than --idle-window, as several logs one after"
            + " another do; no line was lost to it"
    }

    /// One sentence on events that came after their tour was closed, naming the cause and the fix; nil when none.
    public static func lateEventsSentence(_ inputs: InputsReport) -> String? {
        let n = inputs.lateEvents
        guard n > 0 else { return nil }
        let events =
            "\(NumberFormat.grouped(n)) \(n == 1 ? "event" : "events") came after their tour was closed, not analysed"
        if inputs.heldTourLimitReached {
            return events + ": standard input held more idle tours than the limit while it was read, so the longest"
                + "-idle were closed; name the log files instead of piping them (icelens report FILE...)"
        }
        if let jump = inputs.timeJumps.first {
            let name = UntrustedText.forTerminal(jump.input)
            let more = inputs.timeJumps.count > 1 ? " (and \(inputs.timeJumps.count - 1) more inputs)" : ""
            return events
                + ": \(name)\(more) goes back in time \(jump.count == 1 ? "once" : "\(NumberFormat.grouped(jump.count)) times")"
                + " by more than --idle-window, as several logs one after another do; name each log as its own"
                + " file, or raise --idle-window above the time they span"
        }
        return events + ": one input lags the others by more than --idle-window; raise --idle-window"
    }
}
