/// `icelens tours`, `connections` and `history` as Markdown tables.
extension MarkdownRenderer: TourListRendering, ConnectionListRendering, HistoryRendering {
    /// Writes one row a tour.
    public func render<O: TextOutputStream>(_ list: TourList, into out: inout O) {
        var lines = ["# icelens tours", ""]
        lines += table(
            [
                "tour", "start", "guide", "guide instances", "attendees", "connected", "failed", "mismatched",
                "timeouts", "ttc p50", "API calls",
            ],
            right: [4, 5, 6, 7, 8, 9, 10],
            list.rows.map { r in
                [
                    UntrustedText.forMarkdownCode(r.tour), TextNumber.time(ms: r.firstSeenMs),
                    r.guide.map(UntrustedText.forMarkdownCode) ?? "",
                    r.guideInstances.map(UntrustedText.forMarkdownCode).joined(separator: " "), count(r.attendees),
                    count(r.connected), count(r.failed), count(r.mismatched), count(r.timeouts),
                    TextNumber.seconds(ms: r.ttcP50Ms), count(r.apiCalls),
                ]
            })
        lines.append("")
        lines += dataQualityLines(list.report.inputs)
        write(lines, into: &out)
    }

    /// Writes one row a connection.
    public func render<O: TextOutputStream>(_ list: ConnectionList, into out: inout O) {
        var lines = ["# icelens connections", ""]
        var rows: [[String]] = []
        list.forEach { r in
            let c = r.connection
            let last = c.attempts.last
            rows.append([
                UntrustedText.forMarkdownCode(c.tour), UntrustedText.forMarkdownCode(c.attendee),
                r.period?.rawValue ?? "", c.outcome.rawValue,
                c.timeToConnectMs.map { TextNumber.exactSeconds(ms: $0) } ?? "",
                last?.guideInstance.map(UntrustedText.forMarkdownCode) ?? "",
                last?.attendeeInstance.map(UntrustedText.forMarkdownCode) ?? "",
                r.flags.map(\.rawValue).joined(separator: ", "),
            ])
        }
        lines += table(
            ["tour", "attendee", "period", "outcome", "ttc", "guide instance", "attendee instance", "flags"],
            right: [4], rows)
        lines.append("")
        lines += dataQualityLines(list.report.inputs)
        write(lines, into: &out)
    }

    /// Writes one row a day.
    public func render<O: TextOutputStream>(_ history: HistoryTable, into out: inout O) {
        var lines = ["# icelens history", "", "Source: " + UntrustedText.forMarkdownCode(history.source), ""]
        lines += table(
            ["day", "tours", "connections", "success", "timeouts", "mismatched", "p90 ttc", "API calls/tour"],
            right: [1, 2, 3, 4, 5, 6, 7],
            history.rows.map { row in
                let s = row.summary
                return [
                    UntrustedText.forMarkdown(row.day) + (row.coversWholeDay ? "" : " (part)"), count(s.tours),
                    count(s.connections), TextNumber.percent(s.successRate), count(s.timeouts), count(s.mismatched),
                    TextNumber.seconds(ms: s.ttcP90Ms), TextNumber.ratio(s.xirsysApiCallsPerTour),
                ]
            })
        write(lines, into: &out)
    }
}
