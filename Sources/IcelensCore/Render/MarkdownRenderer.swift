/// Renders results as GitHub-flavoured Markdown for mail, chat and issues: the headline and any failed check first,
/// then tables (summary, instances, flagged connections with their reasons), data quality last. Identifiers from
/// logs are code spans (`UntrustedText.forMarkdownCode`) and prose from logs is escaped (`forMarkdown`), so no log
/// can add a link, an image, HTML or break a table. It computes nothing.
public struct MarkdownRenderer: ReportRendering, ComparisonRendering {
    /// The findings limit (shared with text).
    public var findingsLimit: Int

    /// Makes a renderer.
    public init(findingsLimit: Int = 50) {
        self.findingsLimit = findingsLimit
    }

    /// Makes the renderer for a run's options.
    public init(options: RenderOptions) {
        self.init(findingsLimit: options.text.findingsLimit)
    }

    /// Writes `report` (`icelens report`, `icelens merge`).
    public func render<O: TextOutputStream>(_ report: AnalysisReport, into out: inout O) {
        let s = report.summary
        var lines: [String] = []
        let what = report.mergedFrom.isEmpty ? "icelens report" : "icelens merge of \(report.mergedFrom.count) runs"
        lines.append("# \(what)")
        lines.append("")
        lines.append(
            "**\(count(s.tours)) tours, \(count(s.connections)) connections, \(count(report.flaggedConnections)) "
                + "flagged**; success rate **\(TextNumber.percent(s.successRate))**, "
                + "\(count(s.timeouts)) timeouts, \(count(s.mismatched)) mismatched")
        lines.append("")
        lines.append(
            "Period: \(TextNumber.time(ms: s.firstSeenMs)) to \(TextNumber.time(ms: s.lastSeenMs)) (first to last "
                + "tour line)")
        if let words = report.parameters.filterWords {
            lines.append("")
            lines.append("Filter: " + UntrustedText.forMarkdown(words))
        }
        if report.coveredWindows.count > 1 {
            lines.append("")
            lines.append(TextRenderer(style: TextStyle(width: 10_000)).windowLines(report.coveredWindows).joined())
        }
        lines += checkLines(report.checks)
        if report.baseline != nil {
            lines.append("")
            lines.append(TextRenderer(style: TextStyle(width: 10_000)).baselineLines(report).joined(separator: " "))
        }
        lines.append("")
        lines.append("## Summary")
        lines.append("")
        lines += summaryTable(s, parameters: report.parameters)
        lines.append("")
        lines += instanceLines(report.instances)
        lines.append("")
        if let turn = report.turnSummary {
            lines += turnLines(turn)
            lines.append("")
        }
        lines += findingLines(report)
        lines.append("")
        lines += dataQualityLines(report.inputs)
        write(lines, into: &out)
    }

    func count(_ n: Int) -> String { TextNumber.count(n) }

    func write<O: TextOutputStream>(_ lines: [String], into out: inout O) {
        for line in lines {
            out.write(line)
            out.write("\n")
        }
    }

    /// A table: a header row, the alignment row (`right` columns right-aligned), the rows.
    func table(_ header: [String], right: Set<Int> = [], _ rows: [[String]]) -> [String] {
        var lines = ["| " + header.joined(separator: " | ") + " |"]
        lines.append("|" + header.indices.map { right.contains($0) ? " ---: " : " --- " }.joined(separator: "|") + "|")
        for row in rows { lines.append("| " + row.joined(separator: " | ") + " |") }
        return lines
    }

    /// Failed checks as a quote block at the top; a line when all passed.
    func checkLines(_ checks: [CheckResult]) -> [String] {
        guard !checks.isEmpty else { return [] }
        var lines = [""]
        for check in checks.failures {
            lines.append(
                "> **CHECK FAILED:** `\(check.threshold.expression)` (\(check.threshold.metric) "
                    + (check.value.map { "is \(NumberFormat.checkValue($0))" } ?? "is unknown: no data") + ")")
            lines.append(">")
        }
        if !checks.failures.isEmpty { lines.removeLast() }
        lines.append("")
        lines.append(
            checks.failures.isEmpty
                ? "Checks: all \(checks.count) passed"
                : "Checks: \(checks.failures.count) of \(checks.count) failed (exit status 3)")
        return lines
    }

    func summaryTable(_ s: Summary, parameters: AnalysisParameters) -> [String] {
        let timeout = NumberFormat.durationWords(ms: parameters.timeoutMs)
        let fast = NumberFormat.durationWords(ms: parameters.slowThresholdMs)
        let rows: [[String]] = [
            ["tours", count(s.tours), ""],
            ["connections", count(s.connections), "one per (tour, attendee)"],
            ["connected", count(s.connected), ""],
            ["failed", count(s.failed), ""],
            ["incomplete", count(s.incomplete), "the log ends before an outcome"],
            [
                "success rate", TextNumber.percent(s.successRate),
                "connected / (connected + failed) = \(count(s.connected)) / \(count(s.connected + s.failed))",
            ],
            ["timeouts (\(timeout))", count(s.timeouts), "\(TextNumber.percent(s.timeoutShare)) of connections"],
            [
                "mismatched instance", count(s.mismatched),
                "\(TextNumber.percent(s.mismatchShare)) of connections; both instances known for "
                    + count(s.instancesKnown),
            ],
            ["time to connect p50", TextNumber.exactSeconds(ms: s.ttcP50Ms), "over \(count(s.ttcSamples)) samples"],
            ["time to connect p90", TextNumber.exactSeconds(ms: s.ttcP90Ms), ""],
            ["time to connect p99", TextNumber.exactSeconds(ms: s.ttcP99Ms), ""],
            [
                "connected under \(fast)", TextNumber.percent(s.ttcUnder5sShare),
                "\(count(s.ttcUnder5s)) of \(count(s.ttcSamples))",
            ],
            ["Xirsys API calls", count(s.xirsysApiCalls), "\(TextNumber.ratio(s.xirsysApiCallsPerTour)) a tour"],
            [
                "fallback rate", TextNumber.percent(s.fallbackRate),
                "\(count(s.fallbacks)) attendees fetched on their own",
            ],
            ["ICE attempts", count(s.attempts), "\(count(s.restarts)) restarts"],
        ]
        return table(["metric", "value", "note"], right: [1], rows)
    }

    func instanceLines(_ t: InstanceTable) -> [String] {
        guard !t.rows.isEmpty else { return ["## TURN instances", "", "None known."] }
        var lines = ["## TURN instances", ""]
        lines += table(
            ["instance", "connections", "success", "failed", "timeouts", "mismatched", "ttc p50"],
            right: [1, 2, 3, 4, 5, 6],
            t.rows.map { r in
                [
                    UntrustedText.forMarkdownCode(r.instance), count(r.connections), TextNumber.percent(r.successRate),
                    count(r.failed), count(r.timeouts), count(r.mismatched), TextNumber.seconds(ms: r.ttcP50Ms),
                ]
            })
        let mismatched = t.cells.filter(\.mismatched)
        let offDiagonal = mismatched.sorted { $0.connections > $1.connections }.prefix(20)
        if !offDiagonal.isEmpty {
            lines.append("")
            lines.append(
                "Mismatched pairs (guide instance, attendee instance), most connections first"
                    + (mismatched.count > offDiagonal.count
                        ? ", top \(offDiagonal.count) of \(mismatched.count):" : ":"))
            lines.append("")
            lines += table(
                ["guide instance", "attendee instance", "connections", "failed"], right: [2, 3],
                offDiagonal.map { c in
                    [
                        c.guideInstance.map(UntrustedText.forMarkdownCode) ?? "unknown",
                        c.attendeeInstance.map(UntrustedText.forMarkdownCode) ?? "unknown", count(c.connections),
                        count(c.failed),
                    ]
                })
        }
        return lines
    }

    func findingLines(_ report: AnalysisReport) -> [String] {
        let total = report.flaggedConnections
        var lines = ["## Flagged connections (\(count(total)) of \(count(report.summary.connections)))", ""]
        guard report.mergedFrom.isEmpty else {
            lines.append(
                "Merged from \(report.mergedFrom.count) runs: each connection is listed in its own run's report.")
            return lines
        }
        guard total > 0 else { return lines + ["None."] }
        var rows: [[String]] = []
        for f in report.finished.prefixFindings(max(0, findingsLimit)) {
            rows.append([
                UntrustedText.forMarkdownCode(f.tour), UntrustedText.forMarkdownCode(f.attendee),
                f.flags.map(\.rawValue).joined(separator: ", "), f.outcome.rawValue,
                UntrustedText.forMarkdown(f.reason),
            ])
        }
        lines += table(["tour", "attendee", "flags", "outcome", "reason"], rows)
        if total > rows.count {
            lines.append("")
            lines.append("… and \(count(total - rows.count)) more (`--all`, or `--format json` for every one).")
        }
        return lines
    }

    func dataQualityLines(_ inputs: InputsReport) -> [String] {
        var lines = ["## Data quality", "", "Lines read = recognised + unrecognised + malformed + cut.", ""]
        var rows = inputs.inputs.map { a in
            [
                UntrustedText.forMarkdownCode(a.input) + (a.gzip ? " (gzip)" : ""), count(a.read), count(a.recognised),
                count(a.unrecognised), count(a.malformed), count(a.cut),
                a.damage.map {
                    "damaged at byte \(NumberFormat.grouped(Int(clamping: $0.byteOffset))): "
                        + UntrustedText.forMarkdown($0.reason)
                } ?? "",
            ]
        }
        let t = inputs.totals
        rows.append([
            "**total**", count(t.read), count(t.recognised), count(t.unrecognised), count(t.malformed), count(t.cut),
            "",
        ])
        lines += table(
            ["input", "read", "recognised", "unrecognised", "malformed", "cut", "damage"], right: [1, 2, 3, 4, 5],
            rows)
        for failure in inputs.failures {
            lines.append("")
            lines.append(
                "Not read: \(UntrustedText.forMarkdownCode(failure.input)): \(UntrustedText.forMarkdown(failure.reason))"
            )
        }
        if inputs.eventsWithoutTour > 0 {
            lines.append("")
            lines.append("\(count(inputs.eventsWithoutTour)) events named no tour (counted, not analysed).")
        }
        return lines
    }
}
