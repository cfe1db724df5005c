extension PeerConnectionTrace {
    /// An ICE state change without a readable time in a trace whose other steps have times: the connection's
    /// events go out untimed and its time to connect is unknown.
    var inferredStateTimes: Bool {
        guard steps.contains(where: { $0.timeMs != nil }) else { return false }
        return steps.contains { step in
            if case .iceState = step.happening { return step.timeMs == nil }
            return false
        }
    }

    /// The trace as normalized events of the tour `session` (SPEC "Events"), so that dumps go through the same
    /// correlation as the app's logs: the configured TURN hosts as `ice.servers`, each ICE state change as
    /// `ice.state`, each selected pair as `ice.selected`. Chrome ends a failed ICE check in `disconnected` and
    /// reports the failure as `connectionState` `failed` (about 15 s after `checking`), never as ICE `failed`: that
    /// `failed` is read as ICE `failed` too, so the attempt fails instead of looking like a 30 s timeout.
    public func events(input: Int, line: Int) -> [Event] {
        let role = self.role ?? .attendee
        let peer: String? = name
        let remote: String? = role == .guide ? self.remote : nil
        func event(_ kind: EventKind, at timeMs: Int64?, line stepLine: Int = 0) -> Event {
            var e = Event(
                kind: kind, origin: .browser, source: SourceLocation(input: input, line: stepLine > 0 ? stepLine : line)
            )
            e.timeMs = dropTimes ? nil : timeMs
            e.tour = session
            e.role = role
            e.peer = peer
            e.remote = remote
            return e
        }
        var out: [Event] = []
        let ordered = orderedSteps
        // An ICE state without a time among timed ones would come after all of them in the correlator (untimed
        // events go last): the connection's events are then all untimed, kept in lifecycle order by kind and state,
        // rather than shown at times they did not happen.
        let dropTimes = inferredStateTimes
        let configured = turnConfigured
        // The configured TURN servers stand for this side's instance (as the app's own `ice.servers` lines do),
        // unless the dump shows the side never used one: every selected pair's local candidate is not a relay.
        let pairs = ordered.compactMap { step -> CandidatePairDetail? in
            if case .selectedPair(let pair) = step.happening { return pair }
            return nil
        }
        let usedNoRelay = !pairs.isEmpty && pairs.allSatisfy { $0.localType != nil && $0.localType != "relay" }
        if !configured.isEmpty, !usedNoRelay {
            var e = event(.iceServers, at: ordered.first?.timeMs)
            e.servers = configured
            out.append(e)
        }
        var iceState: IceState?
        for step in ordered {
            switch step.happening {
            case .iceState(let state):
                // ICE `failed` right after the `connectionState` `failed` already read as one is the same failure.
                if state == .failed, iceState == .failed { continue }
                iceState = state
                var e = event(.iceState, at: step.timeMs, line: step.line)
                e.state = state
                out.append(e)
            case .connectionState(let state):
                if state == "failed", iceState != .failed {
                    iceState = .failed
                    var e = event(.iceState, at: step.timeMs, line: step.line)
                    e.state = .failed
                    out.append(e)
                }
            case .selectedPair(let pair):
                var e = event(.iceSelected, at: step.timeMs, line: step.line)
                e.candidateType = pair.localType.flatMap { CandidateType(rawValue: $0) }
                e.url = pair.url
                if pair.localType == "relay", pair.url == nil, configured.count == 1 { e.instance = configured[0] }
                out.append(e)
            case .candidateError, .relayCandidate:
                break
            }
        }
        return out
    }

    /// What the trace says of the connection beyond its events.
    public var detail: ConnectionDetail {
        let ordered = orderedSteps
        var d = ConnectionDetail(source: source, turnConfigured: turnConfigured, probe: isProbe)
        d.secondResolution = secondResolution
        d.timesInferred = inferredStateTimes
        var connectedAtMs: Int64?
        var connected = false
        var pairs: [CandidatePairDetail] = []
        for step in ordered {
            switch step.happening {
            case .iceState(let state):
                if state == .connected || state == .completed {
                    if !d.iceConnected { connectedAtMs = step.timeMs }
                    d.iceConnected = true
                    connected = true
                } else if state == .failed, connected {
                    d.failedAfterConnect = true
                }
            case .connectionState(let state):
                if state == "connected" {
                    d.connectionStateConnected = true
                    connected = true
                } else {
                    if d.connectionStateConnected == nil { d.connectionStateConnected = false }
                    if state == "failed", connected { d.failedAfterConnect = true }
                }
            case .selectedPair(let pair):
                if pairs.last != pair { pairs.append(pair) }
            case .relayCandidate(let address, let port, _, _):
                if let address {
                    let text = port.map { "\(address):\($0)" } ?? address
                    if !d.turnAllocated.contains(text) { d.turnAllocated.append(text) }
                }
            case .candidateError:
                break
            }
        }
        if let checking = ordered.first(where: { $0.happening == .iceState(.checking) && $0.timeMs != nil })?.timeMs,
            let connected = ordered.first(where: { step in
                guard let t = step.timeMs, t >= checking else { return false }
                return step.happening == .iceState(.connected) || step.happening == .iceState(.completed)
            })?.timeMs
        {
            d.iceTimeMs = connected - checking
        }
        d.firstMs = ordered.compactMap(\.timeMs).min()
        d.turnUsernames = turnUsernames
        d.relayFirst = pairs.first
        if pairs.count > 1, pairs.last != pairs.first { d.relayLast = pairs.last }
        for step in ordered {
            guard case .candidateError(let url, let code, let text) = step.happening else { continue }
            var after: Double?
            if let c = connectedAtMs, let t = step.timeMs { after = Double(t - c) / 1000 }
            let isTurn = url.map { TurnURI.host(of: $0) != nil } ?? false
            let lookup = (text ?? "").lowercased().contains("lookup")
            let beforeConnect = !d.iceConnected || (after.map { $0 < 0 } ?? false)
            d.candidateErrors.append(
                CandidateErrorDetail(
                    url: url, code: code, text: text, afterConnectS: after,
                    blocking: isTurn && !lookup && beforeConnect))
        }
        return d
    }
}
