/// Finds the TURN session behind a browser connection (issue 11): the same allocation when the relay address the
/// browser gathered or selected is the session's relay address, or a TURN username the browser was configured with
/// is the session's (and the browser knew no relay address, or one on the session's relay port: a NATed coturn). Relay ports are reused all day and usernames are shared, so among several candidates the one
/// open when the connection started is taken (a minute's slack for clocks), and when times cannot tell, one whose
/// user matches too; still several: none (an ambiguous join is worse than none). Built once a run, of the sessions
/// whose relay address or username a connection names (a few, for an incident's dumps: not a day of sessions); a
/// connection read from the app's logs alone (no dump detail) finds none, and so does one on Xirsys.
struct TurnSessionJoin {
    private var byRelay: [String: [Int]] = [:]
    private var byUsername: [String: [Int]] = [:]
    private let sessions: [TurnSession]

    init(_ sessions: [TurnSession]) {
        self.sessions = sessions
        for (i, s) in sessions.enumerated() where s.allocated {
            if let relay = s.relayAddress { byRelay[relay, default: []].append(i) }
            if let username = s.username { byUsername[username, default: []].append(i) }
        }
    }

    /// The join of `turn`'s sessions a connection of `connections` may name; nil when no connection names a relay
    /// address or a TURN username (then nothing can join).
    init?(_ turn: FinishedTurnSessions, connections: FinishedTours) {
        var named = Set<String>()
        connections.forEachConnection { record in
            guard let detail = record.connection.detail else { return }
            named.formUnion(detail.relayAddresses)
            named.formUnion(detail.turnUsernames)
        }
        guard !named.isEmpty else { return nil }
        var kept: [TurnSession] = []
        turn.forEach { s in
            guard s.allocated else { return }
            if s.relayAddress.map(named.contains) == true || s.username.map(named.contains) == true { kept.append(s) }
        }
        self.init(kept)
    }

    /// The session of `connection`, if exactly one fits.
    func session(of connection: ConnectionResult) -> TurnSession? {
        guard let detail = connection.detail else { return nil }
        var candidates: [Int] = []
        for address in detail.relayAddresses { candidates += byRelay[address] ?? [] }
        if candidates.isEmpty {
            // A coturn behind a NAT (`--external-ip`) logs its private relay address with the port the browser saw:
            // a username joins when the browser knew no relay address, or one on the session's relay port.
            let ports = Set(detail.relayAddresses.compactMap(Self.port))
            for username in detail.turnUsernames {
                candidates += (byUsername[username] ?? []).filter { i in
                    ports.isEmpty || sessions[i].relayAddress.flatMap(Self.port).map(ports.contains) == true
                }
            }
        }
        candidates = Array(Set(candidates)).sorted()
        if candidates.count > 1, let start = connection.firstSeenMs {
            let open = candidates.filter { isOpen(sessions[$0], at: start) }
            if !open.isEmpty { candidates = open }
        }
        if candidates.count > 1 {
            let named = candidates.filter { i in sessions[i].username.map(detail.turnUsernames.contains) ?? false }
            if !named.isEmpty { candidates = named }
        }
        return candidates.count == 1 ? sessions[candidates[0]] : nil
    }

    /// The port of an `address:port` (IPv6 written without brackets, as coturn and the browsers' stats do).
    static func port(_ address: String) -> Int? {
        guard let colon = address.lastIndex(of: ":") else { return nil }
        return Int(address[address.index(after: colon)...])
    }

    /// Whether `s` was open at `ms` (its wall-clock times known; a minute's slack either side).
    private func isOpen(_ s: TurnSession, at ms: Int64) -> Bool {
        guard let opened = s.opened?.timeMs else { return false }
        let slack: Int64 = 60_000
        guard opened - slack <= ms else { return false }
        if let closed = s.closed?.timeMs { return ms <= closed + slack }
        return true
    }
}
