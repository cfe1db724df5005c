/// Concludes one connection from its sorted record sequences: attempts, each side's TURN instance per attempt,
/// outcome, time to connect, fallback and restarts (SPEC "What it concludes").
struct ConnectionBuilder {
    /// The attendee's peer id.
    let attendee: String
    /// The tour id.
    let tour: String
    /// The correlation settings.
    let config: CorrelationConfig
    /// The attendee's own lines plus server lines about what it received or fetched, in content order.
    let attendeeSequence: [EventRecord]
    /// The attendee's own lines only, in content order.
    let attendeeOwn: [EventRecord]
    /// The guide's lines naming this attendee plus the guide's tour-wide lines, in content order.
    let guideSequence: [EventRecord]
    /// The guide's lines naming this attendee only, in content order.
    let guideOwn: [EventRecord]
    /// Newest time of any line the attendee wrote.
    let attendeeCoverageMs: Int64?
    /// Newest time of any line the guide wrote.
    let guideCoverageMs: Int64?
    /// Earliest time of any record of the connection.
    let firstSeenMs: Int64?
    /// The tour's interned strings.
    let strings: StringTable

    /// A server list the attendee applied, received, polled or fetched.
    static func isAttendeeList(_ record: EventRecord) -> Bool {
        guard record.instance != 0 else { return false }
        switch record.eventKind {
        case .iceServers, .turnConfigReceived, .turnConfigPolled, .turnFetch: return true
        default: return false
        }
    }

    /// A server list the guide applied, sent or fetched.
    static func isGuideList(_ record: EventRecord) -> Bool {
        guard record.instance != 0 else { return false }
        switch record.eventKind {
        case .iceServers, .turnConfigSent, .turnFetch: return true
        default: return false
        }
    }

    /// A selected pair that names a relay host (candidate type relay, or unstated with a TURN URL).
    static func isRelaySelection(_ record: EventRecord) -> Bool {
        record.eventKind == .iceSelected && record.instance != 0
            && (record.candidateType == .relay || record.candidateType == nil)
    }

    /// The connection's result.
    func result() -> ConnectionResult {
        let attendeeHasICE = attendeeOwn.contains(where: AttemptBuilder.isAttemptEvent)
        let guideHasICE = guideOwn.contains(where: AttemptBuilder.isAttemptEvent)
        let attendeeSpans =
            attendeeHasICE
            ? AttemptBuilder.attempts(
                in: attendeeSequence, coverageMs: attendeeCoverageMs, timeoutMs: config.timeoutMs) : []
        let guideSpans =
            guideHasICE
            ? AttemptBuilder.attempts(in: guideSequence, coverageMs: guideCoverageMs, timeoutMs: config.timeoutMs)
            : []
        let clock: ClockSide = attendeeHasICE || !guideHasICE ? .attendee : .guide
        let spans = clock == .attendee ? attendeeSpans : guideSpans

        var attempts: [AttemptResult] = []
        for (i, span) in spans.enumerated() {
            let next = i + 1 < spans.count ? spans[i + 1] : nil
            let attendeeInstance: String?
            let guideInstance: String?
            if clock == .attendee {
                attendeeInstance = sameSide(attendeeSequence, attendeeSpans, i, Self.isAttendeeList)
                guideInstance = otherSide(guideSequence, guideSpans, i, span, next, Self.isGuideList)
            } else {
                guideInstance = sameSide(guideSequence, guideSpans, i, Self.isGuideList)
                attendeeInstance = otherSide(attendeeSequence, attendeeSpans, i, span, next, Self.isAttendeeList)
            }
            attempts.append(
                AttemptResult(
                    index: i, startMs: span.startMs, endMs: span.endMs, clock: clock, end: span.end,
                    timeoutInferred: span.timeoutInferred, guideInstance: guideInstance,
                    attendeeInstance: attendeeInstance))
        }

        let outcome: ConnectionOutcome
        if attempts.contains(where: { $0.end == .connected }) {
            outcome = .connected
        } else if attempts.contains(where: { $0.end == .failed || $0.end == .timedOut }) {
            outcome = .failed
        } else {
            outcome = .incomplete
        }
        var timeToConnect: (Int64, ClockSide)?
        if let ms = Self.timeToConnect(attendeeOwn) {
            timeToConnect = (ms, .attendee)
        } else if let ms = Self.timeToConnect(guideOwn) {
            timeToConnect = (ms, .guide)
        }
        let restartSide = clock == .attendee ? attendeeOwn : guideOwn
        return ConnectionResult(
            tour: tour, attendee: attendee, attempts: attempts, outcome: outcome,
            timeToConnectMs: timeToConnect?.0, timeToConnectClock: timeToConnect?.1,
            fellBack: attendeeOwn.contains { $0.eventKind == .turnFallback },
            restarts: restartSide.filter { $0.eventKind == .iceRestart }.count, firstSeenMs: firstSeenMs,
            failedAfterConnect: Self.failsAfterConnecting(restartSide, attempts))
    }

    /// Whether the side's own records go to `failed` (or log a timeout) after its first `connected`/`completed`,
    /// or a later attempt fails or times out.
    static func failsAfterConnecting(_ own: [EventRecord], _ attempts: [AttemptResult]) -> Bool {
        if let connected = own.firstIndex(where: { $0.iceState == .connected || $0.iceState == .completed }),
            own[(connected + 1)...].contains(where: { $0.iceState == .failed || $0.eventKind == .iceTimeout })
        {
            return true
        }
        guard let first = attempts.firstIndex(where: { $0.end == .connected }) else { return false }
        return attempts[(first + 1)...].contains { $0.end == .failed || $0.end == .timedOut }
    }

    /// From the first timed `checking` to the first timed `connected`/`completed` after it, on one clock.
    static func timeToConnect(_ sequence: [EventRecord]) -> Int64? {
        guard
            let start = sequence.firstIndex(where: { $0.hasTime && $0.iceState == .checking }),
            let end = sequence[start...].firstIndex(where: {
                $0.hasTime && ($0.iceState == .connected || $0.iceState == .completed)
            })
        else { return nil }
        let (ms, overflow) = sequence[end].timeMs.subtractingReportingOverflow(sequence[start].timeMs)
        return overflow ? nil : ms
    }

    /// The instance of a side in its own attempt `i`: the first relay selection from the attempt's start to the
    /// next attempt's start, else the last server list before the attempt started.
    private func sameSide(
        _ sequence: [EventRecord], _ spans: [AttemptBuilder.Span], _ i: Int, _ isList: (EventRecord) -> Bool
    ) -> String? {
        let start = spans[i].startPos
        let stop = i + 1 < spans.count ? spans[i + 1].startPos : sequence.count
        if let selected = sequence[start..<stop].first(where: Self.isRelaySelection) {
            return strings[selected.instance]
        }
        return sequence[..<start].last(where: isList).flatMap { strings[$0.instance] }
    }

    /// The instance of the side whose clock is not the attempt's: its own matching attempt (same index) when it
    /// logged ICE states for this connection, else the attempt's times read across clocks.
    private func otherSide(
        _ sequence: [EventRecord], _ spans: [AttemptBuilder.Span], _ i: Int, _ span: AttemptBuilder.Span,
        _ next: AttemptBuilder.Span?, _ isList: (EventRecord) -> Bool
    ) -> String? {
        if i < spans.count { return sameSide(sequence, spans, i, isList) }
        guard let start = span.startMs else {
            return sequence.last(where: isList).flatMap { strings[$0.instance] }
        }
        let stop = next?.startMs
        if let selected = sequence.first(where: { record in
            guard Self.isRelaySelection(record), let t = record.time else { return false }
            return t >= start && (stop.map { t < $0 } ?? true)
        }) {
            return strings[selected.instance]
        }
        return sequence.last(where: { isList($0) && ($0.time.map { $0 <= start } ?? false) })
            .flatMap { strings[$0.instance] }
    }
}
