/// `icelens history` as JSON (kind "history"): one object a day with the headline figures and how it was recorded.
extension JSONRenderer: HistoryRendering {
    /// Writes the history.
    public func render<Output: TextOutputStream>(_ table: HistoryTable, into output: inout Output) {
        var w = JSONWriter(output: output, style: style)
        w.beginObject()
        w.field("schema", AnalysisReport.schema)
        w.field("kind", "history")
        w.field("generated_by", "icelens")
        w.field("version", IcelensVersion.current)
        w.field("source", table.source)
        w.key("days")
        w.beginArray()
        for row in table.rows {
            let s = row.summary
            w.beginObject()
            w.field("day", row.day)
            w.field("tours", s.tours)
            w.field("connections", s.connections)
            w.field("connected", s.connected)
            w.field("failed", s.failed)
            w.field("incomplete", s.incomplete)
            w.field("success_rate", s.successRate, places: 4)
            w.field("timeouts", s.timeouts)
            w.field("mismatched", s.mismatched)
            w.field("ttc_p50_s", secondsFromMs: s.ttcP50Ms)
            w.field("ttc_p90_s", secondsFromMs: s.ttcP90Ms)
            w.field("ttc_p99_s", secondsFromMs: s.ttcP99Ms)
            w.field("xirsys_api_calls", s.xirsysApiCalls)
            w.field("xirsys_api_calls_per_tour", s.xirsysApiCallsPerTour, places: 4)
            w.field("covers_whole_day", row.coversWholeDay)
            w.field("window_since", timeMs: row.windowSinceMs)
            w.field("window_until", timeMs: row.windowUntilMs)
            w.field("timeout_s", secondsFromMs: row.timeoutMs)
            w.field("recorded_by", row.version)
            w.field("recorded_at", timeMs: row.recordedAtMs == 0 ? nil : row.recordedAtMs)
            w.endObject()
        }
        w.endArray()
        w.endObject()
        w.finish()
        output = w.output
    }
}
