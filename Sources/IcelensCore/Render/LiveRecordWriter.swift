/// Writes `icelens watch` records, one line each: NDJSON (the keys of docs/json-schema.md, "watch") or a line of
/// text for a person, coloured by verdict when the style asks. Log-derived strings are escaped or made safe.
public struct LiveRecordWriter: Sendable {
    /// Text or NDJSON.
    public let ndjson: Bool
    /// Colour and width of text.
    public let style: TextStyle

    /// A writer.
    public init(ndjson: Bool, style: TextStyle = TextStyle()) {
        self.ndjson = ndjson
        self.style = style
    }

    /// The record's line, ending in a newline.
    public func line(_ r: LiveRecord) -> String {
        ndjson ? jsonLine(r) : textLine(r)
    }

    func jsonLine(_ r: LiveRecord) -> String {
        var w = JSONWriter(output: "", style: .compact)
        w.beginObject()
        w.field("time", timeMs: r.timeMs)
        w.field("tour", r.tour)
        w.field("guide", r.guide)
        w.field("attendee", r.attendee)
        w.field("verdict", r.verdict.rawValue)
        w.field("attempt", r.attempt)
        w.field("ttc_s", secondsFromMs: r.ttcMs)
        w.field("clock", r.clock.rawValue)
        w.field("timeout", r.timeout?.rawValue)
        w.field("guide_instance", r.guideInstance)
        w.field("attendee_instance", r.attendeeInstance)
        w.field("mismatched", r.mismatched)
        w.endObject()
        w.finish()
        return w.output
    }

    func textLine(_ r: LiveRecord) -> String {
        let time = r.timeMs.map { String(UTCTimestamp.format(ms: $0).dropFirst(11).prefix(12)) } ?? "--:--:--.---"
        let who = "\(UntrustedText.forTerminal(r.tour)) \(UntrustedText.forTerminal(r.attendee))"
        var words: String
        var color: TextColor?
        switch r.verdict {
        case .connected:
            words = "CONNECTED" + (r.ttcMs.map { " in \(TextNumber.seconds(ms: $0))" } ?? "")
            color = .green
        case .timeout:
            let how: String
            switch r.timeout {
            case .logged?: how = "ice.timeout logged"
            case .logTime?: how = "its log went on"
            case .wallClock?: how = "by the wall clock, the log silent"
            case nil: how = "?"
            }
            words = "TIMEOUT no connected 30 s after checking (\(how))"
            color = .red
        case .failed:
            words = "FAILED"
            color = .red
        case .mismatched:
            words = "MISMATCHED"
            color = .red
        }
        if r.attempt > 1 { words += ", attempt \(r.attempt)" }
        let g = r.guideInstance.map(UntrustedText.forTerminal) ?? "?"
        let a = r.attendeeInstance.map(UntrustedText.forTerminal) ?? "?"
        words += "; guide on \(g), attendee on \(a)"
        return style.paint("\(time)  \(who)  \(words)", color) + "\n"
    }
}
