/// What one line amounted to.
public enum LineVerdict: Sendable, Equatable {
    /// The line became this event.
    case event(Event)
    /// A well-formed line, or a line of no known format, that names no event.
    case unrecognised
    /// A line of a known format that could not be parsed (broken JSON, a bad timestamp on an event line).
    case malformed
}

/// Turns one raw line into at most one `Event`: picks the format scanner, reads the event from the `event` field or
/// from the message by the rules, and makes Strings only for the values that survive. Credentials are never read
/// into an Event: servers are kept as TURN host names only.
public struct LineClassifier {
    /// The run's free-text rules.
    public let rules: RuleSet
    /// Lower-cased name of the split-by field, if any.
    let labelKey: [UInt8]?
    /// The tour and peer of console lines that name neither and carry no date (a browser console or a client
    /// library's log pasted from one session: untimed lines, or times of day only): the input's name. Nil: such
    /// lines belong to no tour.
    public var consoleSession: String?
    /// Places a console's times of day on its unknown day, rolling over at midnight.
    private var consoleClock = ConsoleClock()
    private var fields = LineFields()
    /// The rules' verdicts on recent messages and the TURN hosts of recent server lists (repeated sentences skip
    /// the phrase automaton and the host scan). A copy of the classifier gets its own on first use (`classify`
    /// checks), so copies never share them across threads.
    private var recentMessages = RecentBytesCache<MessageVerdict>()
    private var recentServers = RecentBytesCache<[String]>()
    /// The same for `servers` fields, whose bare host names count too (`TurnURI.listedHosts`).
    private var recentListedServers = RecentBytesCache<[String]>()

    /// Makes a classifier; `labelField` names the field whose value becomes `Event.label` (e.g. `appVersion`).
    public init(rules: RuleSet = .standard, labelField: String? = nil) {
        self.rules = rules
        self.labelKey = labelField.map { Array($0.utf8).map(ASCII.lower) }
    }

    /// What a line came to, its event aside (`classify(_:source:serverInput:into:)` appends the event).
    public enum Outcome: Sendable, Equatable {
        case event, unrecognised, malformed
    }

    /// Classifies `line`; `source` says where it came from and `serverInput` whether its input is marked server-side.
    public mutating func classify(_ line: UnsafeRawBufferPointer, source: SourceLocation, serverInput: Bool)
        -> LineVerdict
    {
        var events: [Event] = []
        switch classify(line, source: source, serverInput: serverInput, into: &events) {
        case .event: return .event(events[0])
        case .unrecognised: return .unrecognised
        case .malformed: return .malformed
        }
    }

    /// Classifies `line` and appends its event, if any, to `events` (made in place there: no copy of the event);
    /// returns what the line came to.
    @inline(__always)
    public mutating func classify(
        _ line: UnsafeRawBufferPointer, source: SourceLocation, serverInput: Bool, into events: inout [Event]
    ) -> Outcome {
        fields.reset()
        if !isKnownUniquelyReferenced(&recentMessages) { recentMessages = RecentBytesCache() }
        if !isKnownUniquelyReferenced(&recentServers) { recentServers = RecentBytesCache() }
        if !isKnownUniquelyReferenced(&recentListedServers) { recentListedServers = RecentBytesCache() }
        var i = 0
        while i < line.count, line[i] == 0x20 || line[i] == 0x09 { i += 1 }
        if i == line.count { return .unrecognised }
        var unstructured = false
        if line[i] == 0x7B {
            guard JSONFieldScanner.scan(line, into: &fields, labelKey: labelKey) else { return .malformed }
        } else if !TextLineScanner.scan(line, into: &fields, labelKey: labelKey) {
            // No timestamp, tag or pair: a console line. Its words may still name an event (untimed).
            unstructured = true
        }
        // The event: a structured name, else the message rules.
        var kind: EventKind?
        var ruleCache: CacheResult?
        var ruleOrigin: Origin?
        var ruleState: IceState??
        let eventSpan = fields[.event]
        if eventSpan.count > 0 {
            kind = EventKind(bytes: FieldValue.bytes(line, eventSpan))
        }
        let message = messageBytes(line)
        if kind == nil, let message {
            let rules = self.rules
            // Console lines are mostly one of a kind (stack frames): the cache would hash and store each for nothing.
            let verdict =
                unstructured
                ? MessageVerdict(of: message, rules: rules)
                : recentMessages.value(for: message) { MessageVerdict(of: $0, rules: rules) }
            if let match = verdict.match {
                kind = match.kind
                ruleCache = match.cache
                ruleOrigin = match.origin
                if match.kind == .iceState { ruleState = .some(verdict.state) }
            }
        }
        guard let kind else { return .unrecognised }
        return build(
            kind, ruleCache: ruleCache, ruleState: ruleState, line: line, message: message, source: source,
            serverInput: serverInput || ruleOrigin == .server, console: unstructured || fields.timeOfDayOnly,
            into: &events)
    }

    /// The free text that rules read: the `msg`/`message` field, else a text line's tags and message.
    private func messageBytes(_ line: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer? {
        let m = fields[.message]
        if m.count > 0 { return FieldValue.bytes(line, m) }
        if fields.format != .json, fields.textStart >= 0, fields.textStart < line.count {
            return UnsafeRawBufferPointer(rebasing: line[fields.textStart...])
        }
        return nil
    }

    /// Whether events of `kind` carry a server list or an instance (SPEC "Events": `servers`, `instance`, `url`).
    static func carriesServers(_ kind: EventKind) -> Bool {
        switch kind {
        case .turnFetch, .turnConfigSent, .turnConfigRelayed, .turnConfigStored, .turnConfigPolled,
            .turnConfigReceived, .iceServers, .iceSelected:
            return true
        case .turnFallback, .iceState, .iceTimeout, .iceRestart, .peerJoin, .peerLeave:
            return false
        }
    }

    @inline(__always)
    private mutating func build(
        _ kind: EventKind, ruleCache: CacheResult?, ruleState: IceState??, line: UnsafeRawBufferPointer,
        message: UnsafeRawBufferPointer?,
        source: SourceLocation, serverInput: Bool, console: Bool, into events: inout [Event]
    ) -> Outcome {
        if fields.badTime { return .malformed }
        // Values first, the Event once at the end: writing an Event's optional Strings one by one costs a release
        // of the old value and a copy of the struct per store.
        var timeMs: Int64?
        let timeSpan = fields[.time]
        if let ms = fields.parsedTimeMs {
            timeMs = fields.timeOfDayOnly ? consoleClock.place(timeOfDayMs: ms) : ms
        } else if timeSpan.count > 0 {
            guard let ms = Timestamp.parse(FieldValue.bytes(line, timeSpan), memo: &fields.dateMemo) else {
                return .malformed
            }
            timeMs = ms
        }
        var tour = FieldValue.id(line, fields[.tour])
        var peer = FieldValue.id(line, fields[.peer])
        if console, tour == nil, let session = consoleSession {
            tour = session
            if peer == nil { peer = session }
        }
        let from = FieldValue.id(line, fields[.from])
        let to = FieldValue.id(line, fields[.to])
        let remote = FieldValue.id(line, fields[.remote]) ?? to
        let label = FieldValue.string(line, fields[.label])
        let roleSpan = fields[.role]
        let role = (roleSpan.count > 0 ? Role(word: FieldValue.bytes(line, roleSpan)) : nil) ?? fields.roleTag
        let serverLine = role == .server || fields[.hostname].isPresent || fields[.pid].isPresent
        var origin: Origin = serverLine || serverInput ? .server : .browser
        // An `origin` field of `server` or `browser` (as `icelens events` writes it) says it outright.
        let originSpan = fields[.origin]
        if originSpan.count > 0 {
            let word = FieldValue.bytes(line, originSpan)
            if ASCII.equalsLower(word, "server") {
                origin = .server
            } else if ASCII.equalsLower(word, "browser") {
                origin = .browser
            }
        }

        // Kind-specific values.
        let freeText = message ?? UnsafeRawBufferPointer(start: nil, count: 0)
        var servers: [String] = []
        var instance: String?
        // Server lists and instances belong to the events that carry a configuration (SPEC "Events"): the scan of
        // the line for TURN URIs is skipped for state changes, timeouts, restarts, joins, leaves and fallbacks.
        if Self.carriesServers(kind) {
            let serversSpan = fields[.servers]
            servers =
                serversSpan.count > 0
                ? recentListedServers.value(for: FieldValue.bytes(line, serversSpan), make: TurnURI.listedHosts)
                : recentServers.value(for: freeText, make: TurnURI.hosts)
            if fields[.instance].count > 0 {
                instance = FieldValue.lowercased(line, fields[.instance])
            } else if servers.isEmpty {
                instance = FreeText.instance(in: freeText)
            }
        }
        var state: IceState?
        var cache: CacheResult?
        var candidateType: CandidateType?
        var url: String?
        switch kind {
        case .iceState:
            let s = fields[.state]
            // The message's state word was read with its verdict when a rule named the event (same bytes).
            state =
                s.count > 0
                ? IceState(word: FieldValue.bytes(line, s)) : (ruleState ?? FreeText.lastState(in: freeText))
            guard state != nil else { return .unrecognised }
        case .turnFetch:
            let c = fields[.cache]
            cache = c.count > 0 ? FreeText.cache(FieldValue.bytes(line, c)) : (ruleCache ?? .miss)
        case .iceSelected:
            let t = fields[.candidateType]
            candidateType =
                t.count > 0
                ? CandidateType(rawValue: FieldValue.lowercased(line, t) ?? "") : FreeText.candidateType(in: freeText)
            let u = fields[.url]
            url = u.count > 0 ? TurnURI.firstURI(in: FieldValue.bytes(line, u)) : TurnURI.firstURI(in: freeText)
            if candidateType == nil, url != nil { candidateType = .relay }
        case .turnConfigStored:
            if tour == nil { tour = FreeText.tourAfterRedisKey(in: freeText) }
        default:
            break
        }
        // `consume`: the values move into the event (without it they are retained for it and released after).
        events.append(
            Event(
                timeMs: timeMs, tour: consume tour, role: role, peer: consume peer, remote: consume remote,
                kind: kind, origin: origin, state: state, cache: cache, servers: consume servers,
                instance: consume instance, candidateType: candidateType, url: consume url, from: consume from,
                to: consume to, label: consume label, source: source))
        return .event
    }
}

/// What the rules make of a message, with the ICE state word it ends on when the rules call it an `ice.state`
/// (kept together in `LineClassifier`'s cache of recent messages: both are functions of the message's bytes).
struct MessageVerdict {
    var match: RuleSet.Match?
    var state: IceState?

    init(of message: UnsafeRawBufferPointer, rules: RuleSet) {
        match = rules.classify(message)
        state = match?.kind == .iceState ? FreeText.lastState(in: message) : nil
    }
}

/// The day a console's times of day (`10:16:29.123`) fall on: they start on 1970-01-01 (the unknown day) and move
/// to the next day when a time is more than 12 hours before the one before it (the console went past midnight).
struct ConsoleClock {
    private var dayMs: Int64 = 0
    private var lastMs: Int64?

    /// The time of `timeOfDayMs` on the console's current day.
    mutating func place(timeOfDayMs: Int64) -> Int64 {
        var t = dayMs + timeOfDayMs
        if let last = lastMs, t < last - 12 * 3_600_000 {
            dayMs += 86_400_000
            t += 86_400_000
        }
        lastMs = t
        return t
    }
}
