extension JSONRenderer: TimelineRendering {
    /// Writes `timeline` (kind "timeline"): the tour, its connections' records, its entries and the accounting.
    public func render<Output: TextOutputStream>(_ timeline: Timeline, into output: inout Output) {
        let report = timeline.report
        var w = JSONWriter(output: output, style: style)
        w.beginObject()
        w.head(kind: "timeline", generatedBy: report.generatedBy, parameters: report.parameters)
        w.field("tour", timeline.tour)
        w.field("peer", timeline.peer)
        w.field("guide", timeline.guide)
        w.key("connections")
        w.beginArray()
        for record in timeline.connections { w.connectionRecord(record) }
        w.endArray()
        w.key("entries")
        w.beginArray()
        for i in timeline.entries.indices { w.timelineEntry(timeline, i) }
        w.endArray()
        w.field("events_not_shown", timeline.eventsNotShown)
        w.key("inputs")
        w.inputs(report.inputs)
        w.endObject()
        w.finish()
        output = w.output
    }
}

extension NDJSONRenderer: TimelineRendering {
    /// Writes one line per timeline entry, each the object of the `json` format's `entries`.
    public func render<O: TextOutputStream>(_ timeline: Timeline, into out: inout O) {
        for i in timeline.entries.indices {
            var w = JSONWriter(output: "", style: .compact)
            w.timelineEntry(timeline, i)
            w.finish()
            out.write(w.output)
        }
    }
}

extension JSONWriter {
    /// Entry `i` of `timeline` (docs/json-schema.md, "timeline").
    mutating func timelineEntry(_ timeline: Timeline, _ i: Int) {
        beginObject()
        switch timeline.entries[i] {
        case .event(let e):
            let event = e.event
            field("type", "event")
            field("time", timeMs: event.timeMs)
            field("writer", e.writer)
            field("origin", event.origin.rawValue)
            field("role", event.role?.rawValue)
            field("peer", event.peer)
            field("remote", event.remote)
            field("event", event.kind.rawValue)
            field("state", event.state?.rawValue)
            field("cache", event.cache?.rawValue)
            field("instance", event.namedInstance)
            key("servers")
            beginArray()
            for host in event.servers { string(host) }
            endArray()
            field("candidate", event.candidateType?.rawValue)
            field("from", event.from)
            field("to", event.to)
            field("input", e.input)
            field("line", event.source.line)
            field("clock_change", timeline.clockChanges(at: i))
        case .attemptStart(let a):
            field("type", "attempt_start")
            attemptFields(a, time: a.attempt.startMs)
        case .attemptEnd(let a):
            field("type", "attempt_end")
            attemptFields(a, time: a.attempt.endMs)
            field("outcome", a.attempt.outcomeWord)
            field("timeout", a.attempt.timeoutWord)
            field("guide_instance", a.attempt.guideInstance)
            field("attendee_instance", a.attempt.attendeeInstance)
            field("mismatched", a.attempt.mismatched)
            field("verdict", a.verdict)
        }
        endObject()
    }

    private mutating func attemptFields(_ a: TimelineAttempt, time: Int64?) {
        field("time", timeMs: time)
        field("attendee", a.attendee)
        field("attempt", a.attempt.index + 1)
        field("attempts", a.of)
        field("clock", a.attempt.clock.rawValue)
    }
}
