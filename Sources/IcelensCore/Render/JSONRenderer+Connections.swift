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
        field("failed_after_connect", c.failedAfterConnect)
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
