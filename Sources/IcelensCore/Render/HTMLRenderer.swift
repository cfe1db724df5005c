/// Renders a report or a comparison as one self-contained HTML page that can be mailed or served as it is: inline
/// CSS and inline SVG charts drawn by icelens (`SVGChart`), no script and no external resource of any kind, a strict
/// Content-Security-Policy (`default-src 'none'`) so even a bug could not load one, readable without JavaScript or
/// images. Every string from logs is HTML-escaped (`UntrustedText.forHTML`). It computes nothing.
public struct HTMLRenderer: ReportRendering, ComparisonRendering, HistoryRendering {
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

    static let policy =
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"

    static let css = """
        body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;color:#1f2937;margin:0 auto;max-width:980px;\
        padding:24px}h1{font-size:24px;margin:0 0 4px}h2{font-size:18px;margin:28px 0 8px;border-bottom:1px solid \
        #e5e7eb;padding-bottom:4px}.muted{color:#6b7280}.cards{display:flex;flex-wrap:wrap;gap:12px;margin:16px 0}\
        .card{border:1px solid #e5e7eb;border-radius:8px;padding:10px 14px;min-width:130px}.card b{display:block;\
        font-size:22px}.card span{color:#6b7280;font-size:13px}.bad{color:#b91c1c}.good{color:#15803d}\
        .alert{background:#fef2f2;border:1px solid #fecaca;border-radius:8px;padding:10px 14px;margin:12px 0}\
        .ok{background:#f0fdf4;border:1px solid #bbf7d0;border-radius:8px;padding:8px 14px;margin:12px 0}\
        table{border-collapse:collapse;width:100%;font-size:13px}th,td{border-bottom:1px solid #e5e7eb;padding:4px \
        8px;text-align:left;vertical-align:top}td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}\
        figure{margin:12px 0}figcaption{font-weight:600;margin-bottom:4px}svg{max-width:100%;height:auto}\
        code{font-size:12px;word-break:break-all}footer{margin-top:32px;color:#6b7280;font-size:12px}
        """

    func page(title: String, body: [String]) -> [String] {
        [
            "<!DOCTYPE html>", "<html lang=\"en\">", "<head>", "<meta charset=\"utf-8\">",
            "<meta http-equiv=\"Content-Security-Policy\" content=\"\(Self.policy)\">",
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">",
            "<meta name=\"referrer\" content=\"no-referrer\">",
            "<title>\(UntrustedText.forHTML(title))</title>", "<style>\(Self.css)</style>", "</head>", "<body>",
        ] + body + [
            "<footer>Made by icelens \(IcelensVersion.current). Definitions: docs/metrics.md.</footer>", "</body>",
            "</html>",
        ]
    }

    func write<O: TextOutputStream>(_ lines: [String], into out: inout O) {
        for line in lines {
            out.write(line)
            out.write("\n")
        }
    }

    static func h(_ s: String) -> String { UntrustedText.forHTML(s) }
    static func count(_ n: Int) -> String { TextNumber.count(n) }

    func card(_ value: String, _ label: String, _ tone: String? = nil) -> String {
        "<div class=\"card\"><b\(tone.map { " class=\"\($0)\"" } ?? "")>\(Self.h(value))</b><span>\(Self.h(label))"
            + "</span></div>"
    }

    /// A table; `numeric` columns right-aligned; cells are already HTML.
    func table(_ header: [String], numeric: Set<Int> = [], _ rows: [[String]]) -> String {
        var html = "<table><thead><tr>"
        for (i, name) in header.enumerated() {
            html += "<th\(numeric.contains(i) ? " class=\"n\"" : "")>\(Self.h(name))</th>"
        }
        html += "</tr></thead><tbody>"
        for row in rows {
            html += "<tr>"
            for (i, cell) in row.enumerated() { html += "<td\(numeric.contains(i) ? " class=\"n\"" : "")>\(cell)</td>" }
            html += "</tr>"
        }
        return html + "</tbody></table>"
    }

    func figure(_ caption: String, _ svg: String, note: String? = nil) -> [String] {
        [
            "<figure><figcaption>\(Self.h(caption))</figcaption>", svg,
            note.map { "<p class=\"muted\">\(Self.h($0))</p>" } ?? "", "</figure>",
        ]
    }

    func checkLines(_ checks: [CheckResult]) -> [String] {
        guard !checks.isEmpty else { return [] }
        let failed = checks.failures
        guard !failed.isEmpty else { return ["<div class=\"ok\">Checks: all \(checks.count) passed</div>"] }
        var lines = ["<div class=\"alert\"><b class=\"bad\">\(failed.count) of \(checks.count) checks failed</b><ul>"]
        for check in failed { lines.append("<li><code>\(Self.h(check.sentence))</code></li>") }
        return lines + ["</ul></div>"]
    }

    /// Writes `report` (`icelens report`, `icelens merge`).
    public func render<O: TextOutputStream>(_ report: AnalysisReport, into out: inout O) {
        let s = report.summary
        let p = report.parameters
        let what = report.mergedFrom.isEmpty ? "icelens report" : "icelens merge of \(report.mergedFrom.count) runs"
        var body = [
            "<header><h1>\(Self.h(what))</h1>",
            "<p class=\"muted\">\(Self.count(s.tours)) tours, \(Self.count(s.connections)) connections, "
                + "\(Self.count(report.flaggedConnections)) flagged; \(TextNumber.time(ms: s.firstSeenMs)) to "
                + "\(TextNumber.time(ms: s.lastSeenMs))</p>",
        ]
        if let words = p.filterWords { body.append("<p class=\"muted\">Filter: \(Self.h(words))</p>") }
        body.append("</header>")
        body += checkLines(report.checks)
        if report.baseline != nil {
            body.append(
                "<p>"
                    + Self.h(TextRenderer(style: TextStyle(width: 10_000)).baselineLines(report).joined(separator: " "))
                    + "</p>")
        }
        body.append("<div class=\"cards\">")
        body.append(
            card(TextNumber.percent(s.successRate), "success rate", (s.successRate ?? 1) < 0.95 ? "bad" : "good"))
        body.append(
            card(
                Self.count(s.timeouts), "timeouts (\(NumberFormat.durationWords(ms: p.timeoutMs)))",
                s.timeouts > 0 ? "bad" : "good"))
        body.append(card(Self.count(s.mismatched), "mismatched instance", s.mismatched > 0 ? "bad" : "good"))
        body.append(card(TextNumber.exactSeconds(ms: s.ttcP90Ms), "p90 time to connect"))
        body.append(card(TextNumber.ratio(s.xirsysApiCallsPerTour), "Xirsys API calls a tour"))
        body.append("</div>")
        body += ttcFigure(report)
        body += hourFigure(report.hours)
        body += matrixFigure(report.instances)
        body += historyFigure(report.history)
        body += findingLines(report)
        body += instanceTable(report.instances)
        body += turnSection(report.turnSummary)
        body += dataQuality(report.inputs)
        let title = "\(what): \(TextNumber.percent(s.successRate)) success, \(Self.count(s.timeouts)) timeouts"
        write(page(title: title, body: body), into: &out)
    }

    func ttcFigure(_ report: AnalysisReport) -> [String] {
        let bins = report.ttcBins
        guard report.summary.ttcSamples > 0 else { return [] }
        let labels = bins.counts.indices.map { NumberFormat.durationWords(ms: Int64($0) * bins.binMs) }
        let slow = report.parameters.slowThresholdMs
        let svg = SVGChart.bars(
            bins.counts.map(Double.init), xLabels: labels, labelEvery: max(1, bins.counts.count / 8),
            marker: (Double(slow) / Double(bins.binMs), NumberFormat.durationWords(ms: slow)),
            label: "Time to connect histogram")
        let note =
            "\(Self.count(report.summary.ttcSamples)) connected connections in bins of "
            + NumberFormat.durationWords(ms: bins.binMs)
            + (bins.overflow > 0 ? "; \(Self.count(bins.overflow)) beyond the last bin" : "")
        return figure("Time to connect", svg, note: note)
    }

    func hourFigure(_ hours: [HourCounts]) -> [String] {
        guard hours.count > 1 else { return [] }
        let labels = hours.map { TextNumber.shortTime(ms: $0.hourIndex * 3_600_000) }
        let svg = SVGChart.rateAndCounts(
            rates: hours.map(\.successRate), counts: hours.map(\.timeouts), xLabels: labels, rateName: "success rate",
            countName: "timeouts", label: "Success rate and timeouts per hour")
        return figure("Success rate and timeouts per hour (by the tour's first line, UTC)", svg)
    }

    func matrixFigure(_ t: InstanceTable) -> [String] {
        let guides = t.guideInstances
        let attendees = t.attendeeInstances
        guard !t.cells.isEmpty, guides.count <= 40, attendees.count <= 40 else { return [] }
        let short = TextRenderer.shortNames(guides + attendees)
        func name(_ host: String?) -> String { host.map { short[$0] ?? $0 } ?? "unknown" }
        let svg = SVGChart.heatMap(
            rows: guides.map(name), columns: attendees.map(name),
            value: { r, c in
                t.cell(guide: guides[r], attendee: attendees[c]).map { ($0.connections, $0.failed, $0.mismatched) }
            }, label: "Guide instance by attendee instance")
        return figure(
            "TURN instances: guide x attendee (connections; red: mismatched)", svg,
            note: "Each connection counted once, by its first mismatched attempt, else its last.")
    }

    func historyFigure(_ rows: [HistoryRow]) -> [String] {
        guard rows.count > 1 else { return [] }
        let svg = SVGChart.rateAndCounts(
            rates: rows.map(\.summary.successRate), counts: rows.map(\.summary.timeouts), xLabels: rows.map(\.day),
            rateName: "success rate", countName: "timeouts", label: "History")
        return figure("History: success rate and timeouts a day", svg)
    }

    func findingLines(_ report: AnalysisReport) -> [String] {
        let total = report.flaggedConnections
        var lines = ["<h2>Flagged connections (\(Self.count(total)) of \(Self.count(report.summary.connections)))</h2>"]
        guard report.mergedFrom.isEmpty else {
            return lines + ["<p>Merged from \(report.mergedFrom.count) runs: each run's report lists its own.</p>"]
        }
        guard total > 0 else { return lines + ["<p>None.</p>"] }
        let findings = report.finished.prefixFindings(max(0, findingsLimit))
        lines.append(
            table(
                ["tour", "attendee", "flags", "outcome", "reason"],
                findings.map { f in
                    [
                        "<code>\(Self.h(f.tour))</code>", "<code>\(Self.h(f.attendee))</code>",
                        Self.h(f.flags.map(\.rawValue).joined(separator: ", ")), Self.h(f.outcome.rawValue),
                        Self.h(f.reason),
                    ]
                }))
        if total > findings.count {
            lines.append("<p class=\"muted\">… and \(Self.count(total - findings.count)) more.</p>")
        }
        return lines
    }

    func instanceTable(_ t: InstanceTable) -> [String] {
        guard !t.rows.isEmpty else { return [] }
        return [
            "<h2>TURN instances</h2>",
            table(
                ["instance", "connections", "success", "failed", "timeouts", "mismatched", "ttc p50"],
                numeric: [1, 2, 3, 4, 5, 6],
                t.rows.map { r in
                    [
                        "<code>\(Self.h(r.instance))</code>", Self.count(r.connections),
                        TextNumber.percent(r.successRate),
                        Self.count(r.failed), Self.count(r.timeouts), Self.count(r.mismatched),
                        Self.h(TextNumber.seconds(ms: r.ttcP50Ms)),
                    ]
                }),
        ]
    }

    func dataQuality(_ inputs: InputsReport) -> [String] {
        var rows = inputs.inputs.map { a in
            [
                "<code>\(Self.h(a.input))</code>\(a.gzip ? " (gzip)" : "")", Self.count(a.read),
                Self.count(a.recognised),
                Self.count(a.unrecognised), Self.count(a.malformed), Self.count(a.cut),
                a.damage.map {
                    "damaged at byte \(NumberFormat.grouped(Int(clamping: $0.byteOffset))): \(Self.h($0.reason))"
                }
                    ?? "",
            ]
        }
        let t = inputs.totals
        rows.append([
            "<b>total</b>", Self.count(t.read), Self.count(t.recognised), Self.count(t.unrecognised),
            Self.count(t.malformed), Self.count(t.cut), "",
        ])
        var lines = [
            "<h2>Data quality</h2>", "<p class=\"muted\">Lines read = recognised + unrecognised + malformed + cut.</p>",
            table(
                ["input", "read", "recognised", "unrecognised", "malformed", "cut", "damage"],
                numeric: [1, 2, 3, 4, 5], rows),
        ]
        for failure in inputs.failures {
            lines.append(
                "<p class=\"bad\">Not read: <code>\(Self.h(failure.input))</code>: \(Self.h(failure.reason))</p>")
        }
        return lines
    }
}
