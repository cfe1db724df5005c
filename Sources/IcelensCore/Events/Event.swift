/// One normalized connectivity event: what a recognised log line says, with only the values that survive
/// parsing (tour, peers, hosts) held as Strings. Credentials are never stored here.
public struct Event: Sendable, Equatable, Hashable {
    /// Milliseconds since the Unix epoch (UTC), or nil when the line carried no usable timestamp.
    public var timeMs: Int64?
    /// The tour (room) id.
    public var tour: String?
    /// The side that wrote the line.
    public var role: Role?
    /// The peer that wrote the line (for server lines: the caller it names).
    public var peer: String?
    /// The other end of the connection, on guide-side and server lines.
    public var remote: String?
    /// What happened.
    public var kind: EventKind
    /// Browser or server (SPEC "Origin of a line").
    public var origin: Origin
    /// `ice.state`: the new state.
    public var state: IceState?
    /// `turn.fetch`: served from cache or an API call.
    public var cache: CacheResult?
    /// TURN instance host names of the server list the line names, in order, without duplicates.
    public var servers: [String]
    /// A bare TURN instance host named by the line.
    public var instance: String?
    /// `ice.selected`: the candidate type.
    public var candidateType: CandidateType?
    /// `ice.selected`: the TURN URI of the relay, credentials stripped.
    public var url: String?
    /// `turn.config.relayed`: the sending peer.
    public var from: String?
    /// `turn.config.relayed`: the receiving peer.
    public var to: String?
    /// The value of the field named by the run's split-by option (e.g. `appVersion`), when the line has it.
    public var label: String?
    /// Where the line came from.
    public var source: SourceLocation

    /// The TURN instance this event names: the explicit `instance`, the host of `url`, else the first server host.
    public var namedInstance: String? {
        if let instance { return instance }
        if let url, let host = TurnURI.host(of: url) { return host }
        return servers.first
    }
}

// The public init lives in an extension so that Swift also makes the memberwise init (every value at once, used
// by the classifier): built with it, an event goes into its array without a copy. An init that assigns the fields
// one by one made the optimizer build a temporary, copy it into the array (a retain per String) and destroy it (a
// release per String): ~430 instructions an event.
extension Event {
    /// Makes an event with only its kind and source set.
    public init(kind: EventKind, origin: Origin = .browser, source: SourceLocation = SourceLocation(input: 0, line: 0))
    {
        self.init(
            timeMs: nil, tour: nil, role: nil, peer: nil, remote: nil, kind: kind, origin: origin, state: nil,
            cache: nil, servers: [], instance: nil, candidateType: nil, url: nil, from: nil, to: nil, label: nil,
            source: source)
    }
}

/// A position in the inputs: which input (by index in the run's input list) and which 1-based line.
public struct SourceLocation: Sendable, Equatable, Hashable, Comparable {
    /// Index of the input in the run's list of inputs.
    public var input: Int
    /// 1-based line number within that input.
    public var line: Int

    /// Makes a location.
    public init(input: Int, line: Int) {
        self.input = input
        self.line = line
    }

    public static func < (a: SourceLocation, b: SourceLocation) -> Bool {
        (a.input, a.line) < (b.input, b.line)
    }
}
