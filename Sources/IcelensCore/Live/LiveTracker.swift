/// Decides each connection's fate as events arrive, for `icelens watch`: a small state machine per connection
/// (the SPEC's attempt rules, read forward) that says `connected` at the first connected state after checking,
/// `timeout` at a logged `ice.timeout`, at the first line of the same side a minute past the deadline (browser logs
/// ship in batches, out of order; a connected state that arrives before its checking still counts), or (live logs only)
/// when the wall clock passes it while the input is silent, `failed` at a failed state, and `mismatched` as soon as
/// both sides' instances are known and differ. The batch report stays the reference; this one answers now.
///
/// Memory: the tours seen, up to `maxTours`; beyond that the quiet ones are forgotten.
public final class LiveTracker {
    private struct Connection {
        var attendeeInstance: String?
        var guideInstance: String?
        /// The side whose clock the open attempt runs on.
        var side: ClockSide?
        var checkingAtMs: Int64?
        var open = false
        var attempt = 0
        var connectedReported = false
        var failureReported = false
        var mismatchReported = false
        /// A connected state that arrived before its `checking` (browser logs ship in batches, out of order): its
        /// time and side, used when the checking arrives.
        var earlyConnected: (ms: Int64, side: ClockSide)?
        /// The first checking of the side the attempts run on (time to connect counts from it, SPEC).
        var firstCheckingMs: Int64?
        /// When it connected: a checking or restart logged before this arrived late and is history.
        var connectedAtMs: Int64?
        /// The newest line of each side about this connection, for settling at the end of the input.
        var lastAttendeeMs: Int64?
        var lastGuideMs: Int64?
    }

    private struct Tour {
        var guide: String?
        var guideInstance: String?
        var firstSeenMs: Int64?
        var lastSeenMs: Int64?
        var connections: [String: Connection] = [:]
    }

    /// The ICE timeout, ms.
    public let timeoutMs: Int64
    /// A tour with no line for this long (log time) is forgotten.
    public let idleMs: Int64
    /// How far past a deadline a line of the same side must be before the attempt counts as timed out by log time:
    /// browser logs ship in batches, so a `connected` may still arrive after lines written later.
    public static let shippingGraceMs: Int64 = 60_000
    private var tours: [String: Tour] = [:]
    /// The newest event time seen.
    public private(set) var newestMs: Int64?
    /// Running totals.
    public private(set) var totals = LiveTotals()
    private var lastPruneMs: Int64?
    /// Times tours had to be forgotten to stay under `maxTours`.
    public private(set) var forgottenTours = 0

    /// A tracker judging timeouts at `timeoutMs`, forgetting tours idle for `idleMs`.
    public init(timeoutMs: Int64 = 30_000, idleMs: Int64 = 3 * 3_600_000) {
        self.timeoutMs = max(1, timeoutMs)
        self.idleMs = max(idleMs, timeoutMs)
    }

    /// Tours held.
    public var openTours: Int { tours.count }

    /// Adds one event; appends what became known to `out`.
    public func add(_ event: Event, into out: inout [LiveRecord]) {
        if let t = event.timeMs, t > (newestMs ?? .min) { newestMs = t }
        guard let tourID = event.tour, !tourID.isEmpty else { return }
        var tour = tours[tourID] ?? Tour()
        if let t = event.timeMs {
            tour.firstSeenMs = min(tour.firstSeenMs ?? t, t)
            tour.lastSeenMs = max(tour.lastSeenMs ?? t, t)
        }
        if event.role == .guide, event.origin == .browser, let peer = event.peer { tour.guide = peer }
        let attendee = Self.attendee(of: event)
        // The guide's tour-wide server list: the instance every attendee should share.
        if event.role == .guide, event.remote == nil, Self.isServerList(event.kind), let host = event.namedInstance {
            tour.guideInstance = host
            for name in tour.connections.keys { check(&tour, tourID, name, at: event.timeMs, into: &out) }
        }
        if let attendee {
            if tour.connections[attendee] == nil {
                tour.connections[attendee] = Connection()
                totals.connections += 1
            }
            update(&tour, tourID, attendee, with: event, into: &out)
        }
        tours[tourID] = tour
        prune()
    }

    /// With the input silent at wall-clock `nowMs`: attempts whose deadline has passed time out, when the logs are
    /// live (their newest line within 10 minutes of the wall clock; replaying an old file never times out by it).
    public func tick(wallClockMs nowMs: Int64, into out: inout [LiveRecord]) {
        guard let newest = newestMs, abs(nowMs - newest) <= 600_000 else { return }
        for (tourID, var tour) in tours {
            var changed = false
            for (name, connection) in tour.connections where connection.open {
                guard let start = connection.checkingAtMs, nowMs >= start &+ timeoutMs else { continue }
                timeOut(&tour, tourID, name, evidence: .wallClock, at: start &+ timeoutMs, into: &out)
                changed = true
            }
            if changed { tours[tourID] = tour }
        }
    }

    /// At the end of the input: attempts still open whose side's log went past the deadline timed out (nothing
    /// more can arrive to say otherwise).
    public func finish(into out: inout [LiveRecord]) {
        for (tourID, var tour) in tours {
            var changed = false
            for (name, c) in tour.connections where c.open {
                guard let start = c.checkingAtMs else { continue }
                let last = c.side == .guide ? c.lastGuideMs : c.lastAttendeeMs
                guard let last, last >= start &+ timeoutMs else { continue }
                timeOut(&tour, tourID, name, evidence: .logTime, at: start &+ timeoutMs, into: &out)
                changed = true
            }
            if changed { tours[tourID] = tour }
        }
    }

    // MARK: - One connection

    private func update(
        _ tour: inout Tour, _ tourID: String, _ name: String, with event: Event, into out: inout [LiveRecord]
    ) {
        guard var c = tour.connections[name] else { return }
        let ownLine = event.origin == .browser && event.role == .attendee
        let guideLine = event.origin == .browser && event.role == .guide
        let side: ClockSide? = ownLine ? .attendee : (guideLine ? .guide : nil)
        if let t = event.timeMs {
            if side == .attendee { c.lastAttendeeMs = max(c.lastAttendeeMs ?? t, t) }
            if side == .guide { c.lastGuideMs = max(c.lastGuideMs ?? t, t) }
        }
        // A checking or restart from before the connection connected, arriving late: history, not a new attempt.
        let isHistory =
            c.connectedAtMs.map { connected in event.timeMs.map { $0 <= connected } ?? false } ?? false
        // Instances: the attendee's lists and relay, the guide's relay for this attendee.
        if let host = event.namedInstance {
            if event.role == .attendee, Self.isServerList(event.kind) || Self.isRelay(event) {
                c.attendeeInstance = host
            } else if guideLine, Self.isRelay(event) {
                c.guideInstance = host
            }
        }
        // A line of the attempt's side past its deadline: the attempt timed out (read from the log going on).
        if c.open, let side, side == c.side, let t = event.timeMs, let start = c.checkingAtMs,
            t >= start &+ timeoutMs &+ Self.shippingGraceMs, event.kind != .iceTimeout
        {
            tour.connections[name] = c
            timeOut(&tour, tourID, name, evidence: .logTime, at: start &+ timeoutMs, into: &out)
            c = tour.connections[name]!
        }
        if let side {
            switch event.kind {
            case .iceState:
                switch event.state {
                case .checking? where !isHistory:
                    // The attendee's own clock wins: a guide-side attempt is taken over when the attendee logs.
                    if !c.open || (side == .attendee && c.side == .guide) {
                        if !c.open { c.attempt += 1 }
                        if c.side != side { c.firstCheckingMs = nil }  // never mix two clocks
                        c.open = true
                        c.side = side
                        c.checkingAtMs = event.timeMs
                        if let t = event.timeMs { c.firstCheckingMs = min(c.firstCheckingMs ?? t, t) }
                        // Its connected state came first (out of order): it connected.
                        if let early = c.earlyConnected, early.side == side, let t = event.timeMs, early.ms >= t {
                            c.earlyConnected = nil
                            connect(&c, tour, tourID, name, at: early.ms, into: &out)
                        }
                    }
                case .connected?, .completed?:
                    if c.open, side == c.side {
                        connect(&c, tour, tourID, name, at: event.timeMs, into: &out)
                    } else if !c.open, !c.connectedReported, let t = event.timeMs {
                        c.earlyConnected = (t, side)
                    }
                case .failed?:
                    if c.open, side == c.side {
                        c.open = false
                        if !c.failureReported {
                            c.failureReported = true
                            totals.failed += 1
                            out.append(record(tour, tourID, name, c, .failed, at: event.timeMs))
                        }
                    }
                default:
                    break
                }
            case .iceTimeout:
                if c.open, side == c.side {
                    tour.connections[name] = c
                    timeOut(&tour, tourID, name, evidence: .logged, at: event.timeMs, into: &out)
                    c = tour.connections[name]!
                }
            case .iceRestart where !isHistory:
                if side == .attendee || c.side != .attendee {
                    c.attempt += 1
                    c.open = true
                    c.side = side
                    c.checkingAtMs = event.timeMs
                }
            default:
                break
            }
        }
        tour.connections[name] = c
        check(&tour, tourID, name, at: event.timeMs, into: &out)
    }

    private func connect(
        _ c: inout Connection, _ tour: Tour, _ tourID: String, _ name: String, at timeMs: Int64?,
        into out: inout [LiveRecord]
    ) {
        c.open = false
        guard !c.connectedReported else { return }
        c.connectedReported = true
        c.connectedAtMs = timeMs
        totals.connected += 1
        var ttc: Int64?
        if let t = timeMs, let start = c.firstCheckingMs ?? c.checkingAtMs, t >= start { ttc = t - start }
        if let ttc { totals.ttcMs.add(Int32(clamping: ttc)) }
        out.append(record(tour, tourID, name, c, .connected, at: timeMs, ttc: ttc))
    }

    private func timeOut(
        _ tour: inout Tour, _ tourID: String, _ name: String, evidence: LiveRecord.TimeoutEvidence, at timeMs: Int64?,
        into out: inout [LiveRecord]
    ) {
        guard var c = tour.connections[name], c.open else { return }
        c.open = false
        if !c.failureReported {
            c.failureReported = true
            totals.timeouts += 1
            var r = record(tour, tourID, name, c, .timeout, at: timeMs)
            r.timeout = evidence
            out.append(r)
        }
        tour.connections[name] = c
    }

    /// Says `mismatched` once, as soon as both instances are known and differ.
    private func check(
        _ tour: inout Tour, _ tourID: String, _ name: String, at timeMs: Int64?, into out: inout [LiveRecord]
    ) {
        guard var c = tour.connections[name], !c.mismatchReported,
            let a = c.attendeeInstance, let g = c.guideInstance ?? tour.guideInstance, a != g
        else { return }
        c.mismatchReported = true
        totals.mismatched += 1
        tour.connections[name] = c
        out.append(record(tour, tourID, name, c, .mismatched, at: timeMs))
    }

    private func record(
        _ tour: Tour, _ tourID: String, _ name: String, _ c: Connection, _ verdict: LiveRecord.Verdict,
        at timeMs: Int64?, ttc: Int64? = nil
    ) -> LiveRecord {
        LiveRecord(
            timeMs: timeMs, tour: tourID, tourFirstSeenMs: tour.firstSeenMs, attendee: name, guide: tour.guide,
            verdict: verdict, attempt: max(1, c.attempt),
            ttcMs: ttc, clock: c.side ?? .attendee, timeout: nil, guideInstance: c.guideInstance ?? tour.guideInstance,
            attendeeInstance: c.attendeeInstance)
    }

    /// Most tours held; beyond it the idle ones (quiet for the idle window), then the quietest, are forgotten. Tours
    /// are not forgotten by time alone: logs read one after another (a day of one file, then a day of another, or
    /// `zcat a.gz b.gz |`) go back in time, and a tour forgotten too early would be judged twice.
    public static let maxTours = 10_000

    /// Keeps at most `maxTours` tours (checked once a minute of log time).
    private func prune() {
        guard tours.count > Self.maxTours, let newest = newestMs else { return }
        if let last = lastPruneMs, newest - last < 60_000, tours.count < 2 * Self.maxTours { return }
        lastPruneMs = newest
        tours = tours.filter { ($0.value.lastSeenMs ?? newest) >= newest - idleMs }
        if tours.count > Self.maxTours {
            let kept = tours.sorted { ($0.value.lastSeenMs ?? .min) > ($1.value.lastSeenMs ?? .min) }.prefix(
                Self.maxTours)
            tours = Dictionary(uniqueKeysWithValues: kept.map { ($0.key, $0.value) })
        }
        forgottenTours += 1
    }

    // MARK: - Reading events

    /// The attendee a line is about: its writer on attendee lines, the remote on guide lines, the named peer on
    /// server lines about an attendee.
    static func attendee(of event: Event) -> String? {
        switch event.role {
        case .attendee?: return event.peer
        case .guide?: return event.remote ?? (event.kind == .turnConfigRelayed ? event.to : nil)
        default: return nil
        }
    }

    static func isServerList(_ kind: EventKind) -> Bool {
        switch kind {
        case .iceServers, .turnConfigSent, .turnConfigReceived, .turnConfigPolled, .turnFetch: return true
        default: return false
        }
    }

    static func isRelay(_ event: Event) -> Bool {
        event.kind == .iceSelected && (event.candidateType == .relay || event.candidateType == nil)
    }
}
