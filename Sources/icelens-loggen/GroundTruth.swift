/// The figures designed into generated logs, tallied while they are generated, with the SPEC's definitions, so
/// that what icelens concludes can be checked against what really happened.
struct GroundTruth {
    /// Tours simulated.
    var tours = 0
    /// (tour, attendee) connections.
    var connections = 0
    /// Connections with a connected attempt.
    var connected = 0
    /// Connections whose attempts failed or timed out, none connected.
    var failed = 0
    /// Connections whose log ends while an attempt is still checking.
    var incomplete = 0
    /// Connections with an `ICE connection timeout after 30s` line.
    var timeoutsLogged = 0
    /// Connections that timed out silently (no connected for 30 s, later lines from the attendee).
    var timeoutsInferred = 0
    /// Connections with an attempt whose guide and attendee instances differ.
    var mismatched = 0
    /// Time to connect of each connected connection, attendee clock, in ms.
    var ttcMs: [Int64] = []
    /// Xirsys API calls (each logged by the browser and by the server).
    var apiCalls = 0
    /// API calls made by guides.
    var apiCallsByGuide = 0
    /// API calls made by attendees.
    var apiCallsByAttendee = 0
    /// Guide server lists served from cache (no API call).
    var cacheHits = 0
    /// Attendees that fell back to an independent fetch.
    var fallbacks = 0
    /// Fallback attendees that got the guide's list over HTTP polling.
    var polls = 0
    /// ICE restarts on a new config.
    var restarts = 0
    /// Each connection as designed, when asked for (`samples --connections`): memory grows with connections.
    var connectionRecords: [ConnectionTruth]?

    /// A plain-text summary, one `key value` per line, under a heading `label`.
    func summary(label: String) -> String {
        var lines: [String] = ["[\(label)]"]
        func add(_ key: String, _ value: String) { lines.append("\(key) \(value)") }
        add("tours", "\(tours)")
        add("connections", "\(connections)")
        add("connected", "\(connected)")
        add("failed", "\(failed)")
        add("incomplete", "\(incomplete)")
        let decided = connected + failed
        add("success_rate", decided > 0 ? Self.fixed(Double(connected) / Double(decided), 3) : "null")
        add("timeouts", "\(timeoutsLogged + timeoutsInferred)")
        add("timeouts_logged", "\(timeoutsLogged)")
        add("timeouts_inferred", "\(timeoutsInferred)")
        add("mismatched", "\(mismatched)")
        let sorted = ttcMs.sorted()
        for (name, q) in [("ttc_p50_s", 0.5), ("ttc_p90_s", 0.9), ("ttc_p99_s", 0.99), ("ttc_max_s", 1.0)] {
            add(name, sorted.isEmpty ? "null" : Self.fixed(Double(Self.nearestRank(sorted, q)) / 1000, 3))
        }
        let under = sorted.filter { $0 < 5000 }.count
        add("ttc_under_5s_share", sorted.isEmpty ? "null" : Self.fixed(Double(under) / Double(sorted.count), 3))
        add("xirsys_api_calls", "\(apiCalls)")
        add("xirsys_api_calls_by_guide", "\(apiCallsByGuide)")
        add("xirsys_api_calls_by_attendee", "\(apiCallsByAttendee)")
        add("xirsys_api_calls_per_tour", tours > 0 ? Self.fixed(Double(apiCalls) / Double(tours), 2) : "null")
        add("guide_cache_hits", "\(cacheHits)")
        add("fallbacks", "\(fallbacks)")
        add("fallback_rate", connections > 0 ? Self.fixed(Double(fallbacks) / Double(connections), 3) : "null")
        add("polls", "\(polls)")
        add("ice_restarts", "\(restarts)")
        return lines.joined(separator: "\n") + "\n"
    }

    /// The nearest-rank `q` quantile of a sorted, non-empty list.
    static func nearestRank(_ sorted: [Int64], _ q: Double) -> Int64 {
        var rank = Int((q * Double(sorted.count)).rounded(.up))
        rank = min(max(rank, 1), sorted.count)
        return sorted[rank - 1]
    }

    /// `value` with exactly `digits` decimals, without Foundation.
    static func fixed(_ value: Double, _ digits: Int) -> String {
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let scaled = Int64((value * scale).rounded())
        let whole = scaled / Int64(scale)
        var frac = String(scaled % Int64(scale))
        while frac.count < digits { frac = "0" + frac }
        return digits > 0 ? "\(whole).\(frac)" : "\(whole)"
    }
}

/// One connection as the generator designed it: the keys of `icelens connections` that the design decides (not
/// times, which the writers' clocks skew), so each record icelens prints can be checked against it.
struct ConnectionTruth {
    /// One ICE attempt: how it ended, how a timeout was known, and each side's instance number.
    struct Attempt {
        var outcome: String
        var timeout: String?
        var guideInstance: UInt8
        var attendeeInstance: UInt8
    }

    var tourCode: UInt32
    var attendee: UInt16
    var outcome: String
    var ttcMs: Int64?
    var fallback = false
    var restarts = 0
    var attempts: [Attempt]

    /// One NDJSON line with `icelens connections`' key names.
    func line() -> String {
        var code = tourCode
        var digits: [Character] = []
        for _ in 0..<6 {
            let d = Int(code % 36)
            digits.append(Character(Unicode.Scalar(UInt8(d < 10 ? 48 + d : 87 + d))))
            code /= 36
        }
        func host(_ n: UInt8) -> String { "\"fr-turn\(n).xirsys.com\"" }
        let mismatched = attempts.contains { $0.guideInstance != $0.attendeeInstance }
        let timedOut = attempts.contains { $0.outcome == "timeout" }
        let ttc = ttcMs.map { GroundTruth.fixed(Double($0) / 1000, 3) } ?? "null"
        let listed = attempts.map { a in
            "{\"outcome\":\"\(a.outcome)\",\"timeout\":\(a.timeout.map { "\"\($0)\"" } ?? "null"),"
                + "\"guide_instance\":\(host(a.guideInstance)),\"attendee_instance\":\(host(a.attendeeInstance)),"
                + "\"mismatched\":\(a.guideInstance != a.attendeeInstance)}"
        }
        return "{\"tour\":\"t-\(String(digits.reversed()))\",\"guide\":\"g-1\",\"attendee\":\"a-\(attendee)\","
            + "\"outcome\":\"\(outcome)\",\"mismatched\":\(mismatched),\"timed_out\":\(timedOut),\"ttc_s\":\(ttc),"
            + "\"fallback\":\(fallback),\"restarts\":\(restarts),\"failed_after_connect\":false,"
            + "\"attempts\":[\(listed.joined(separator: ","))]}"
    }
}
