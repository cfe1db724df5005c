import Testing

@testable import IcelensCore

/// Hand-built events for the correlator tests: times are ms after 2026-03-02T10:15:00Z.
enum Ev {
    static let t0: Int64 = 1_772_446_500_000

    /// Builds an event; `ms` nil makes an untimed event.
    static func make(
        _ kind: EventKind, _ ms: Int64?, tour: String? = "t-1", role: Role? = nil, peer: String? = nil,
        remote: String? = nil, state: IceState? = nil, cache: CacheResult? = nil, servers: [String] = [],
        instance: String? = nil, url: String? = nil, candidate: CandidateType? = nil, origin: Origin = .browser,
        from: String? = nil, to: String? = nil, label: String? = nil
    ) -> Event {
        var e = Event(kind: kind, origin: origin)
        e.timeMs = ms.map { t0 + $0 }
        e.tour = tour
        e.role = role
        e.peer = peer
        e.remote = remote
        e.state = state
        e.cache = cache
        e.servers = servers
        e.instance = instance
        e.url = url
        e.candidateType = candidate
        e.from = from
        e.to = to
        e.label = label
        return e
    }

    /// A guide-side line (peer g-1), naming `remote` when given.
    static func guide(
        _ kind: EventKind, _ ms: Int64?, tour: String = "t-1", remote: String? = nil, state: IceState? = nil,
        cache: CacheResult? = nil, servers: [String] = [], instance: String? = nil
    ) -> Event {
        make(
            kind, ms, tour: tour, role: .guide, peer: "g-1", remote: remote, state: state, cache: cache,
            servers: servers, instance: instance)
    }

    /// An attendee-side line written by `peer`.
    static func attendee(
        _ kind: EventKind, _ ms: Int64?, tour: String = "t-1", peer: String = "a-1", state: IceState? = nil,
        cache: CacheResult? = nil, servers: [String] = [], instance: String? = nil, url: String? = nil,
        candidate: CandidateType? = nil
    ) -> Event {
        make(
            kind, ms, tour: tour, role: .attendee, peer: peer, state: state, cache: cache, servers: servers,
            instance: instance, url: url, candidate: candidate)
    }

    static let turn8 = "fr-turn8.xirsys.com"
    static let turn7 = "fr-turn7.xirsys.com"

    /// The seed's incident: the guide used a cached fr-turn8 list, the attendee a fresh fr-turn7 one; ICE hung and
    /// the app's 30 s timeout fired.
    static func incident(tour: String = "t-1") -> [Event] {
        [
            guide(.turnFetch, 0, tour: tour, cache: .hit, servers: [turn8]),
            guide(.iceServers, 100, tour: tour, servers: [turn8]),
            attendee(.peerJoin, 900, tour: tour),
            attendee(.turnFetch, 1_000, tour: tour, cache: .miss, servers: [turn7]),
            attendee(.iceServers, 1_100, tour: tour, servers: [turn7]),
            attendee(.iceState, 2_300, tour: tour, state: .checking),
            guide(.iceState, 2_350, tour: tour, remote: "a-1", state: .checking),
            attendee(.iceTimeout, 32_300, tour: tour),
        ]
    }

    /// The fix: the guide fetches once and sends its list; the attendee receives it and connects in 1.8 s.
    static func fix(tour: String = "t-2") -> [Event] {
        [
            guide(.turnFetch, 0, tour: tour, cache: .miss, servers: [turn8]),
            make(.turnFetch, 10, tour: tour, role: .guide, peer: "g-1", cache: .miss, instance: turn8, origin: .server),
            guide(.turnConfigSent, 200, tour: tour, instance: turn8),
            make(.turnConfigStored, 210, tour: tour, origin: .server),
            make(.turnConfigRelayed, 220, tour: tour, origin: .server, from: "g-1", to: "a-1"),
            attendee(.turnConfigReceived, 2_010, tour: tour, servers: [turn8]),
            attendee(.iceServers, 2_100, tour: tour, servers: [turn8]),
            attendee(.iceState, 2_300, tour: tour, state: .checking),
            guide(.iceState, 2_350, tour: tour, remote: "a-1", state: .checking),
            attendee(.iceState, 4_100, tour: tour, state: .connected),
            guide(.iceState, 4_150, tour: tour, remote: "a-1", state: .connected),
        ]
    }

    /// A fallback: no config within 5 s, the attendee fetches fr-turn7 itself, then the guide's fr-turn8 list
    /// arrives, ICE restarts and connects through fr-turn8.
    static func fallback(tour: String = "t-3") -> [Event] {
        [
            guide(.turnFetch, 0, tour: tour, cache: .miss, servers: [turn8]),
            guide(.turnConfigSent, 200, tour: tour, instance: turn8),
            attendee(.turnFallback, 7_010, tour: tour),
            attendee(.turnFetch, 7_100, tour: tour, cache: .miss, servers: [turn7]),
            attendee(.iceServers, 7_300, tour: tour, servers: [turn7]),
            attendee(.iceState, 7_400, tour: tour, state: .checking),
            attendee(.turnConfigReceived, 9_000, tour: tour, servers: [turn8]),
            attendee(.iceRestart, 9_100, tour: tour),
            attendee(.iceServers, 9_150, tour: tour, servers: [turn8]),
            attendee(.iceState, 9_200, tour: tour, state: .checking),
            attendee(.iceState, 10_000, tour: tour, state: .connected),
            attendee(
                .iceSelected, 10_050, tour: tour, url: "turn:fr-turn8.xirsys.com:3478?transport=udp",
                candidate: .relay),
        ]
    }

    /// The only connection of the only tour of `events`.
    static func connection(_ events: [Event], config: CorrelationConfig = .init()) -> ConnectionResult? {
        let tours = Correlator.correlate(events, config: config)
        return tours.count == 1 && tours[0].connections.count == 1 ? tours[0].connections[0] : nil
    }
}

@Suite struct CorrelatorSupportTests {
    @Test func helpersBuildTimedAndUntimedEvents() {
        #expect(Ev.attendee(.iceState, 5, state: .checking).timeMs == Ev.t0 + 5)
        #expect(Ev.attendee(.iceState, nil, state: .checking).timeMs == nil)
    }
}

/// The string table answers the same whether it searches linearly or through its dictionary.
@Suite struct StringTableTests {
    @Test func internsTheSameAcrossTheLinearLimit() {
        var table = StringTable()
        var expected: [String: UInt32] = [:]
        for round in 0..<3 {
            for i in 0..<(StringTable.linearLimit * 2) {
                let name = i % 3 == 0 ? "fr-turn\(i).xirsys.com" : "a-\(i)"
                let index = table.intern(name)
                if round == 0, expected[name] == nil { expected[name] = index }
                #expect(index == expected[name])
                #expect(table[index] == name)
                #expect(table.index(of: name) == index)
            }
        }
        #expect(table.intern(nil) == 0)
        #expect(table.strings.count == StringTable.linearLimit * 2 + 1)
    }
}
