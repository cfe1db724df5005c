/// Finds the TURN session behind a browser connection (issue 11): the same allocation when the relay address the
/// browser gathered or selected is the session's relay address, or a TURN username the browser was configured with
/// is the session's. Built once from a run's sessions; a connection read from the app's logs alone (no dump
/// detail) finds none, and so does one on Xirsys (no server logs).
struct TurnSessionJoin {
    private var byRelay: [String: Int] = [:]
    private var byUsername: [String: Int] = [:]
    private let sessions: [TurnSession]

    init(_ sessions: [TurnSession]) {
        self.sessions = sessions
        for (i, s) in sessions.enumerated() where s.allocated {
            if let relay = s.relayAddress, byRelay[relay] == nil { byRelay[relay] = i }
            if let username = s.username, byUsername[username] == nil { byUsername[username] = i }
        }
    }

    var isEmpty: Bool { sessions.isEmpty }

    /// The session of `connection`, if one matches.
    func session(of connection: ConnectionResult) -> TurnSession? {
        guard let detail = connection.detail else { return nil }
        for address in detail.relayAddresses {
            if let i = byRelay[address] { return sessions[i] }
        }
        for username in detail.turnUsernames {
            if let i = byUsername[username] { return sessions[i] }
        }
        return nil
    }
}
