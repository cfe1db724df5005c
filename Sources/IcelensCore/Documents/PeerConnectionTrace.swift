/// One peer connection as a dump tells it, whatever the dump's format: the ids that name it, its configured ICE
/// servers, and what happened to it in time order. The webrtc-internals and rtcstats readers fill it in;
/// `PeerConnectionTrace.events` and `.detail` turn it into normalized events and a `ConnectionDetail`.
public struct PeerConnectionTrace: Sendable, Equatable {
    /// One thing that happened to the connection.
    public enum Happening: Sendable, Equatable {
        /// `iceConnectionState` changed.
        case iceState(IceState)
        /// `connectionState` changed (`new`, `connecting`, `connected`, `disconnected`, `failed`, `closed`).
        case connectionState(String)
        /// An `icecandidateerror` (its text with credentials redacted: `candidateError(url:code:text:)`).
        case candidateError(url: String?, code: Int?, text: String?)
        /// A local relay candidate was gathered: its address and port, and the TURN URL it came from.
        case relayCandidate(address: String?, port: Int?, relayProtocol: String?, url: String?)
        /// The selected candidate pair became this one.
        case selectedPair(CandidatePairDetail)
    }

    /// An `icecandidateerror` as logged: the URL without credentials, the text cut at 256 bytes with every
    /// credential in it redacted (`CredentialRedactor`: error texts repeat URLs and query strings).
    public static func candidateError(url: String?, code: Int?, text: String?) -> Happening {
        let redacted = text.map { t in
            Array(t.utf8.prefix(256)).withUnsafeBytes { CredentialRedactor.redact($0) }
        }
        return .candidateError(url: url.flatMap { ICEURLs.urls(in: $0).first }, code: code, text: redacted)
    }

    /// A happening at a time (ms since the epoch, nil when unknown), in the order the dump gives.
    public struct Step: Sendable, Equatable {
        public var timeMs: Int64?
        public var happening: Happening
        /// The input line that told it (0: the trace's own line, for whole documents).
        public var line: Int

        public init(timeMs: Int64?, _ happening: Happening, line: Int = 0) {
            self.timeMs = timeMs
            self.happening = happening
            self.line = line
        }
    }

    /// Which reader made it.
    public var source: ConnectionSource
    /// The session the connection belongs to: the conference or the app's tour id when logged, else the input.
    public var session: String
    /// The connection's name within the session (the app's attendee id, or the endpoint and PC id).
    public var name: String
    /// The side that wrote the dump when it says so (the app's role), else nil (then the dump is one end).
    public var role: Role?
    /// The other end's id, for a guide-side connection.
    public var remote: String?
    /// The configured ICE server URLs (credentials are never kept: only URLs).
    public var iceServerURLs: [String] = []
    /// The TURN usernames configured (rtcstats keeps them; a TURN REST `expiry:user` is no credential), which a
    /// TURN server's session names too.
    public var turnUsernames: [String] = []
    /// What happened, in the dump's order (sorted by time when `steps` is read).
    public var steps: [Step] = []
    /// Times have whole-second resolution.
    public var secondResolution = false

    /// Makes a trace.
    public init(source: ConnectionSource, session: String, name: String, role: Role? = nil, remote: String? = nil) {
        self.source = source
        self.session = session
        self.name = name
        self.role = role
        self.remote = remote
    }

    /// TURN hosts that only ever serve connectivity probes: a connection configured with nothing else is a probe.
    public static let probeHosts: Set<String> = ["taas.callstats.io", "turn.callstats.io"]

    /// The attendee id the connection is correlated under: the remote end of a guide-side connection, else its
    /// own name.
    public var attendeeKey: String { role == .guide ? (remote ?? name) : name }

    /// The TURN hosts configured, in order, without duplicates.
    public var turnConfigured: [String] {
        var hosts: [String] = []
        for url in iceServerURLs {
            if let host = TurnURI.host(of: url), !hosts.contains(host) { hosts.append(host) }
        }
        return hosts
    }

    /// A probe: every configured ICE server is a known probe host, or the connection's id says it is a test
    /// connection (callstats' `taas` PCs).
    public var isProbe: Bool {
        let hosts = iceServerURLs.compactMap { Self.host(ofAnyURL: $0) }
        if !hosts.isEmpty, hosts.allSatisfy({ host in Self.probeHosts.contains(host) || host.hasPrefix("taas.") }) {
            return true
        }
        return false
    }

    /// The host of a `stun:`, `stuns:`, `turn:` or `turns:` URL.
    static func host(ofAnyURL url: String) -> String? {
        if let host = TurnURI.host(of: url) { return host }
        let lower = url.lowercased()
        for scheme in ["stun:", "stuns:"] where lower.hasPrefix(scheme) {
            return TurnURI.host(of: "turn:" + url.dropFirst(scheme.count))
        }
        return nil
    }

    /// The steps in time order (stable: same-time and untimed steps keep the dump's order; untimed steps stay
    /// where the dump put them relative to the timed step before them).
    public var orderedSteps: [Step] {
        var keyed: [(time: Int64, index: Int, step: Step)] = []
        var last = Int64.min
        for (i, step) in steps.enumerated() {
            if let t = step.timeMs { last = t }
            keyed.append((step.timeMs ?? last, i, step))
        }
        keyed.sort { ($0.time, $0.index) < ($1.time, $1.index) }
        return keyed.map(\.step)
    }
}
