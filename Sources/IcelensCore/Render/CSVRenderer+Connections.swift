/// `icelens connections` as CSV: one row a connection; its attempts flattened into space-separated lists (one word
/// an attempt, `-` for an unknown instance), so a spreadsheet can still filter on them.
extension CSVRenderer: ConnectionListRendering {
    /// The header fields of `connections`, in order.
    public static let connectionHeader = [
        "tour", "guide", "attendee", "period", "outcome", "mismatched", "timed_out", "ttc_s", "ttc_side", "fallback",
        "restarts", "failed_after_connect", "flags", "first_seen", "attempts", "attempt_outcomes",
        "guide_instances", "attendee_instances", "source", "probe", "relayed", "relay_url", "relay_protocol",
        "remote_type", "turn_session",
    ]

    /// Writes the header and one row per connection record of `list`.
    public func render<O: TextOutputStream>(_ list: ConnectionList, into out: inout O) {
        out.write(Self.connectionHeader.joined(separator: ","))
        out.write("\n")
        list.forEach { r in
            let c = r.connection
            let fields: [String] = [
                UntrustedText.forCSV(c.tour),
                UntrustedText.forCSV(r.guide ?? ""),
                UntrustedText.forCSV(c.attendee),
                r.period?.rawValue ?? "",
                c.outcome.rawValue,
                c.mismatched ? "true" : "false",
                c.timedOut ? "true" : "false",
                c.timeToConnectMs.map { JSONText.seconds(ms: $0) } ?? "",
                c.timeToConnectClock?.rawValue ?? "",
                c.fellBack ? "true" : "false",
                String(c.restarts),
                c.failedAfterConnect ? "true" : "false",
                r.flags.map(\.rawValue).joined(separator: " "),
                c.firstSeenMs.map { UTCTimestamp.format(ms: $0) } ?? "",
                String(c.attempts.count),
                c.attempts.map(\.outcomeWord).joined(separator: " "),
                UntrustedText.forCSV(c.attempts.map { $0.guideInstance ?? "-" }.joined(separator: " ")),
                UntrustedText.forCSV(c.attempts.map { $0.attendeeInstance ?? "-" }.joined(separator: " ")),
                c.source.rawValue,
                c.isProbe ? "true" : "false",
                c.detail?.relayFirst == nil ? "" : (c.detail?.relayed ?? false ? "true" : "false"),
                UntrustedText.forCSV(c.detail?.relayFirst?.url ?? ""),
                UntrustedText.forCSV(c.detail?.relayFirst?.relayProtocol ?? ""),
                UntrustedText.forCSV(c.detail?.relayFirst?.remoteType ?? ""),
                UntrustedText.forCSV(r.turnSession.map { "\($0.server)#\($0.session)" } ?? ""),
            ]
            out.write(fields.joined(separator: ","))
            out.write("\n")
        }
    }
}
