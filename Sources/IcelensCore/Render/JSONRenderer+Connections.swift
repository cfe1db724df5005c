extension JSONRenderer: ConnectionListRendering {
    /// Writes the connection records of `list` (kind "connections"), with the split and the accounting.
    public func render<Output: TextOutputStream>(_ list: ConnectionList, into output: inout Output) {
        let report = list.report
        var w = JSONWriter(output: output, style: style)
        w.beginObject()
        w.head(kind: "connections", generatedBy: report.generatedBy, parameters: report.parameters)
        w.key("split")
        if let split = list.split { w.split(split) } else { w.raw("null") }
        w.key("connections")
        w.beginArray()
        list.forEach { w.connectionRecord($0) }
        w.endArray()
        w.key("inputs")
        w.inputs(report.inputs)
        w.endObject()
        w.finish()
        output = w.output
    }
}

extension JSONWriter {
    /// One connection record (docs/json-schema.md, "connections"): the same object in `json` and `ndjson`.
    mutating func connectionRecord(_ r: ConnectionRecord) {
        let c = r.connection
        beginObject()
        field("tour", c.tour)
        field("guide", r.guide)
        field("attendee", c.attendee)
        field("period", r.period?.rawValue)
        field("outcome", c.outcome.rawValue)
        field("mismatched", c.mismatched)
        field("timed_out", c.timedOut)
        field("ttc_s", secondsFromMs: c.timeToConnectMs)
        field("ttc_side", c.timeToConnectClock?.rawValue)
        field("fallback", c.fellBack)
        field("restarts", c.restarts)
        field("failed_after_connect", c.failedAfterConnect || (c.detail?.failedAfterConnect ?? false))
        dumpFields(c)
        key("turn_session")
        if let s = r.turnSession {
            beginObject()
            field("server", s.server)
            field("session", s.session)
            field("run", s.run)
            field("relay_address", s.relayAddress)
            field("user", s.user)
            field("close_reason", s.closeReason)
            endObject()
        } else {
            raw("null")
        }
        key("flags")
        beginArray()
        for flag in r.flags { string(flag.rawValue) }
        endArray()
        field("first_seen", timeMs: c.firstSeenMs)
        key("attempts")
        beginArray()
        for a in c.attempts {
            beginObject()
            field("start", timeMs: a.startMs)
            field("end", timeMs: a.endMs)
            field("outcome", a.outcomeWord)
            field("guide_instance", a.guideInstance)
            field("attendee_instance", a.attendeeInstance)
            field("mismatched", a.mismatched)
            field("timeout", a.timeoutWord)
            endObject()
        }
        endArray()
        endObject()
    }
}

extension JSONWriter {
    /// What a dump told of the connection (docs/json-schema.md "connections"): its source, both state machines, the
    /// selected pairs, the configured and allocated relays, candidate errors, and whether it is a probe. For a
    /// connection read from the app's logs only: `source` `log`, and null where the logs do not say.
    mutating func dumpFields(_ c: ConnectionResult) {
        let d = c.detail
        field("source", c.source.rawValue)
        field("probe", c.isProbe)
        field("ice_connected", d?.iceConnected ?? (c.outcome == .connected))
        key("connection_state_connected")
        if let v = d?.connectionStateConnected { raw(v ? "true" : "false") } else { raw("null") }
        key("relayed")
        if let d, d.relayFirst != nil { raw(d.relayed ? "true" : "false") } else { raw("null") }
        key("relay")
        if let first = d?.relayFirst {
            beginObject()
            key("first")
            pair(first)
            key("last")
            if let last = d?.relayLast { pair(last) } else { raw("null") }
            endObject()
        } else {
            raw("null")
        }
        strings("turn_configured", d?.turnConfigured)
        strings("turn_allocated", d?.turnAllocated)
        key("candidate_errors")
        beginArray()
        for e in d?.candidateErrors ?? [] {
            beginObject()
            field("url", e.url)
            field("code", e.code)
            field("text", e.text)
            key("after_connect_s")
            if let s = e.afterConnectS, s.isFinite {
                raw(JSONText.seconds(ms: Int64((s * 1000).rounded())))
            } else {
                raw("null")
            }
            field("blocking", e.blocking)
            endObject()
        }
        endArray()
    }

    /// An array of strings, or null.
    mutating func strings(_ name: String, _ values: [String]?) {
        key(name)
        guard let values else { return raw("null") }
        beginArray()
        for value in values { string(value) }
        endArray()
    }

    /// One selected candidate pair.
    mutating func pair(_ p: CandidatePairDetail) {
        beginObject()
        field("local_type", p.localType)
        field("local_address", p.localAddress)
        field("local_port", p.localPort)
        field("protocol", p.protocol)
        field("relay_protocol", p.relayProtocol)
        field("url", p.url)
        field("remote_type", p.remoteType)
        endObject()
    }
}

extension AttemptResult {
    /// How the attempt ended, as `connections` words it: connected, failed, timeout, restarted or incomplete.
    public var outcomeWord: String {
        end == .timedOut ? "timeout" : end.rawValue
    }

    /// For a timed-out attempt, whether the timeout was logged (`explicit`) or inferred from silence; else nil.
    public var timeoutWord: String? {
        guard end == .timedOut else { return nil }
        return timeoutInferred ? "inferred" : "explicit"
    }
}
