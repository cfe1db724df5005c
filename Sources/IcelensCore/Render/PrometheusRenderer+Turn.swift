extension PrometheusRenderer {
    /// The TURN server's side of a report, when coturn logs were read: sessions, allocations, failures by code,
    /// challenges, deallocations, traffic by direction, closes by reason (the most common eight, the rest as
    /// `other`: a label's values must stay few) and server errors.
    func turnFamilies(_ t: TurnSummary?) -> [Family] {
        guard let t else { return [] }
        func counter(_ name: String, _ help: String, _ samples: [([(String, String)], Int64)]) -> Family {
            Family(
                name: "icelens_turn_\(name)_total", help: help, type: "counter",
                samples: samples.map { ($0.0, String($0.1), "") })
        }
        var reasons = t.closeReasons.prefix(TurnSummaryRows.reasonsShown).map {
            ([("reason", $0.reason)], Int64($0.count))
        }
        let rest = t.closeReasons.dropFirst(TurnSummaryRows.reasonsShown).reduce(0) { $0 + $1.count }
        if rest > 0 { reasons.append(([("reason", "other")], Int64(rest))) }
        return [
            counter("sessions", "TURN sessions in the coturn logs read.", [([], Int64(t.sessions))]),
            counter("allocations", "TURN sessions that allocated a relay.", [([], Int64(t.allocated))]),
            counter(
                "stun_only_sessions", "TURN sessions that never allocated (binding requests).",
                [([], Int64(t.stunOnly))]),
            counter(
                "failed_allocations", "Sessions that never allocated after an allocate error (401 and 438 aside).",
                [([], Int64(t.failedAllocations))]),
            counter(
                "allocate_errors", "Allocate errors of sessions that never allocated, by code.",
                t.allocateErrors.map { ([("code", String($0.code))], Int64($0.count)) }),
            counter(
                "challenges", "401 challenges: the normal first step of long-term credentials.",
                [([], Int64(t.challenges))]),
            counter(
                "deallocations", "Allocations the client ended (a refresh with lifetime 0).",
                [([], Int64(t.deallocated))]),
            counter(
                "bytes", "Bytes between the clients and the TURN server (sums of coturn's usage deltas).",
                [([("direction", "from_clients")], t.usage.rb), ([("direction", "to_clients")], t.usage.sb)]),
            counter("closed_sessions", "Sessions closed, by coturn's reason.", reasons),
            counter("server_errors", "coturn ERROR lines that name no session.", [([], Int64(t.serverErrors))]),
        ]
    }
}
