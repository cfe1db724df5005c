extension TextRenderer {
    /// The TURN server's side of a report (coturn logs read): sessions, failed allocations, close reasons, traffic,
    /// server errors naming no session.
    func turnLines(_ t: TurnSummary) -> [String] {
        let codes = t.allocateErrors.map { "\($0.code) x\($0.count)" }.joined(separator: ", ")
        var rows: [(label: String, value: String, note: String)] = [
            (
                "sessions", TextNumber.count(t.sessions),
                "\(TextNumber.count(t.allocated)) allocated, \(TextNumber.count(t.stunOnly)) STUN only"
            ),
            (
                "failed allocations", TextNumber.count(t.failedAllocations),
                (codes.isEmpty ? "" : codes + "; ")
                    + "\(TextNumber.count(t.challenges)) 401 challenges (the normal first step, not failures)"
            ),
            ("deallocated", TextNumber.count(t.deallocated), "by the client"),
            (
                "traffic", TextNumber.bytes(t.usage.rb + t.usage.sb),
                "\(TextNumber.bytes(t.usage.rb)) from clients, \(TextNumber.bytes(t.usage.sb)) to clients"
            ),
            ("server errors", TextNumber.count(t.serverErrors), "naming no session"),
        ]
        for (reason, count) in t.closeReasons.prefix(8) {
            rows.append(("  closed", TextNumber.count(count), UntrustedText.forTerminal(reason)))
        }
        return ["TURN server sessions (coturn logs; details: icelens sessions)"]
            + TextLayout.facts(rows, width: style.lineWidth)
    }
}
