/// `icelens history` as CSV: one row a day, the JSON keys as the header.
extension CSVRenderer: HistoryRendering {
    /// The header fields of `history`, in order.
    public static let historyHeader = [
        "day", "tours", "connections", "connected", "failed", "incomplete", "success_rate", "timeouts", "mismatched",
        "ttc_p50_s", "ttc_p90_s", "ttc_p99_s", "xirsys_api_calls", "xirsys_api_calls_per_tour", "covers_whole_day",
    ]

    /// Writes the header and one row a day.
    public func render<O: TextOutputStream>(_ table: HistoryTable, into out: inout O) {
        out.write(Self.historyHeader.joined(separator: ","))
        out.write("\n")
        for row in table.rows {
            let s = row.summary
            let fields: [String] = [
                UntrustedText.forCSV(row.day), String(s.tours), String(s.connections), String(s.connected),
                String(s.failed), String(s.incomplete), s.successRate.map { JSONText.decimal($0, places: 4) } ?? "",
                String(s.timeouts), String(s.mismatched), s.ttcP50Ms.map { JSONText.seconds(ms: $0) } ?? "",
                s.ttcP90Ms.map { JSONText.seconds(ms: $0) } ?? "", s.ttcP99Ms.map { JSONText.seconds(ms: $0) } ?? "",
                String(s.xirsysApiCalls),
                s.xirsysApiCallsPerTour.map { JSONText.decimal($0, places: 4) } ?? "",
                row.coversWholeDay ? "true" : "false",
            ]
            out.write(fields.joined(separator: ","))
            out.write("\n")
        }
    }
}
