/// Which kind of input a connection was read from (`connections` key `source`).
public enum ConnectionSource: String, Sendable, Codable, Hashable, CaseIterable {
    /// The app's own line logs (SPEC.md).
    case log
    /// A Chrome `chrome://webrtc-internals` dump.
    case webrtcInternals = "webrtc-internals"
    /// An rtcstats dump (Jitsi NDJSON or rtcstats v3).
    case rtcstats
}

/// One end of the selected ICE candidate pair as a dump names it: what `connections` shows as `relay`.
public struct CandidatePairDetail: Sendable, Codable, Equatable, Hashable {
    /// The local candidate's type (`host`, `srflx`, `prflx`, `relay`).
    public var localType: String?
    /// The local candidate's address (for a relay: the address the TURN server allocated).
    public var localAddress: String?
    /// The local candidate's port.
    public var localPort: Int?
    /// The transport of the pair (`udp`, `tcp`).
    public var `protocol`: String?
    /// For a local relay: how the browser reached the TURN server (`udp`, `tcp`, `tls`).
    public var relayProtocol: String?
    /// For a local relay: the TURN URL it was allocated on (credentials never kept).
    public var url: String?
    /// The remote candidate's type: `relay` when the other side is relayed.
    public var remoteType: String?

    /// Makes a pair detail.
    public init(
        localType: String? = nil, localAddress: String? = nil, localPort: Int? = nil, protocol: String? = nil,
        relayProtocol: String? = nil, url: String? = nil, remoteType: String? = nil
    ) {
        self.localType = localType
        self.localAddress = localAddress
        self.localPort = localPort
        self.protocol = `protocol`
        self.relayProtocol = relayProtocol
        self.url = url
        self.remoteType = remoteType
    }

    /// Either candidate is a relay.
    public var relayed: Bool { localType == "relay" || remoteType == "relay" }
}

/// An `icecandidateerror` a dump or console logged, placed against the connection's ICE `connected` time.
public struct CandidateErrorDetail: Sendable, Codable, Equatable, Hashable {
    /// The STUN/TURN URL the error is about (credentials never kept).
    public var url: String?
    /// The error code (701: no response or lookup failure; 4xx/5xx: the server's STUN error).
    public var code: Int?
    /// The error text, as logged.
    public var text: String?
    /// Seconds from ICE `connected` (negative: before it); nil when the connection never connected or a time is
    /// unknown.
    public var afterConnectS: Double?
    /// Whether it can explain a failure: on a TURN URL, before ICE connected (or with no connection at all), and
    /// not a host-name lookup error.
    public var blocking: Bool

    /// Makes an error detail.
    public init(url: String?, code: Int?, text: String?, afterConnectS: Double?, blocking: Bool) {
        self.url = url
        self.code = code
        self.text = text
        self.afterConnectS = afterConnectS
        self.blocking = blocking
    }
}

/// What a dump tells about one peer connection beyond the normalized events: where it was read from, the two
/// state machines, the selected pairs, the configured and allocated TURN relays, and whether it only probes
/// connectivity. Kept in `ConnectionDetailStore` while reading and attached to the connection's result when its
/// tour is resolved; `connections` shows it.
public struct ConnectionDetail: Sendable, Codable, Equatable, Hashable {
    /// The input kind it came from.
    public var source: ConnectionSource
    /// ICE reached `connected` or `completed`.
    public var iceConnected: Bool
    /// `connectionState` reached `connected` (nil when the dump has no `connectionState`).
    public var connectionStateConnected: Bool?
    /// Connected, then ICE or `connectionState` went to `failed`.
    public var failedAfterConnect: Bool
    /// The first selected candidate pair.
    public var relayFirst: CandidatePairDetail?
    /// The last selected pair, when it differs from the first.
    public var relayLast: CandidatePairDetail?
    /// TURN hosts configured (from the RTCConfiguration), in order.
    public var turnConfigured: [String]
    /// Relay addresses gathered (local relay candidates), in order.
    public var turnAllocated: [String]
    /// Candidate errors, in order.
    public var candidateErrors: [CandidateErrorDetail]
    /// A connectivity probe (configured only with a known test server): left out of success rates.
    public var probe: Bool
    /// Times in the dump have whole-second resolution (old webrtc-internals dumps): a time to connect under a
    /// second is unknown, not 0.
    public var secondResolution: Bool
    /// Some ICE state change had no time it could be read at while others had: the connection's events went out
    /// untimed (in lifecycle order), so the time to connect is unknown.
    public var timesInferred: Bool = false
    /// The dump's own ICE time (first `checking` to first `connected`/`completed`), in ms, when it has one.
    public var iceTimeMs: Int64?
    /// The earliest time the dump gives the connection (orders the details of one connection).
    public var firstMs: Int64?
    /// The TURN usernames the connection was configured with (a TURN session names its user too).
    public var turnUsernames: [String] = []

    /// The relay addresses (`address:port`) this side allocated or selected: what a TURN server logs as the
    /// session's relay address.
    public var relayAddresses: [String] {
        var out = turnAllocated
        for pair in [relayFirst, relayLast].compactMap({ $0 }) where pair.localType == "relay" {
            if let address = pair.localAddress, let port = pair.localPort, !out.contains("\(address):\(port)") {
                out.append("\(address):\(port)")
            }
        }
        return out
    }

    /// Makes a detail.
    public init(
        source: ConnectionSource, iceConnected: Bool = false, connectionStateConnected: Bool? = nil,
        failedAfterConnect: Bool = false, relayFirst: CandidatePairDetail? = nil,
        relayLast: CandidatePairDetail? = nil, turnConfigured: [String] = [], turnAllocated: [String] = [],
        candidateErrors: [CandidateErrorDetail] = [], probe: Bool = false, secondResolution: Bool = false
    ) {
        self.source = source
        self.iceConnected = iceConnected
        self.connectionStateConnected = connectionStateConnected
        self.failedAfterConnect = failedAfterConnect
        self.relayFirst = relayFirst
        self.relayLast = relayLast
        self.turnConfigured = turnConfigured
        self.turnAllocated = turnAllocated
        self.candidateErrors = candidateErrors
        self.probe = probe
        self.secondResolution = secondResolution
    }

    /// Either side of a selected pair was a relay.
    public var relayed: Bool { (relayFirst?.relayed ?? false) || (relayLast?.relayed ?? false) }

    /// Two details of one connection (both ends' dumps, or a dump read twice) as one: the first's pairs first.
    public func merged(with other: ConnectionDetail) -> ConnectionDetail {
        var m = self
        m.iceConnected = iceConnected || other.iceConnected
        switch (connectionStateConnected, other.connectionStateConnected) {
        case (nil, let b): m.connectionStateConnected = b
        case (let a?, let b): m.connectionStateConnected = a || (b ?? false)
        }
        m.failedAfterConnect = failedAfterConnect || other.failedAfterConnect
        m.relayFirst = relayFirst ?? other.relayFirst
        m.relayLast = relayLast ?? other.relayLast
        for host in other.turnConfigured where !m.turnConfigured.contains(host) { m.turnConfigured.append(host) }
        for address in other.turnAllocated where !m.turnAllocated.contains(address) {
            m.turnAllocated.append(address)
        }
        m.candidateErrors += other.candidateErrors
        m.probe = probe && other.probe
        m.secondResolution = secondResolution || other.secondResolution
        m.timesInferred = timesInferred || other.timesInferred
        for name in other.turnUsernames where !m.turnUsernames.contains(name) { m.turnUsernames.append(name) }
        return m
    }
}

/// A `ConnectionDetail` behind one reference (`ConnectionResult.detail`), so that a connection's result stays small.
final class ConnectionDetailBox: Sendable, Equatable, Codable {
    let value: ConnectionDetail

    init(_ value: ConnectionDetail) {
        self.value = value
    }

    static func == (a: ConnectionDetailBox, b: ConnectionDetailBox) -> Bool { a === b || a.value == b.value }

    required init(from decoder: Decoder) throws {
        value = try decoder.singleValueContainer().decode(ConnectionDetail.self)
    }

    func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(value)
    }
}
