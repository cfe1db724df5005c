/// `icelens compare` and `icelens history` as HTML: verdicts first, before/after bars with the confidence interval
/// of each difference, the metric table and data quality; the history as a trend and a table.
extension HTMLRenderer {
    /// Writes `report` (`icelens compare`).
    public func render<O: TextOutputStream>(_ report: ComparisonReport, into out: inout O) {
        let c = report.comparison
        let p = report.parameters
        var body = [
            "<header><h1>icelens compare: before and after</h1>",
            "<p class=\"muted\">\(Self.h(report.split.description))</p>",
            "<p class=\"muted\">Before: \(Self.count(c.before.tours)) tours, \(Self.count(c.before.connections)) "
                + "connections. After: \(Self.count(c.after.tours)) tours, \(Self.count(c.after.connections)) "
                + "connections.</p></header>",
            "<h2>Promised results (judged on the after period)</h2>",
        ]
        body.append(
            table(
                ["verdict", "promise", "why"],
                c.verdicts.map { v in
                    let tone = v.status == .met ? " class=\"good\"" : v.status == .notMet ? " class=\"bad\"" : ""
                    return [
                        "<b\(tone)>\(v.status.words)</b>", Self.h(Wording.promise(v.promise, parameters: p)),
                        Self.h(v.explanation),
                    ]
                }))
        let rates = c.changes.filter { $0.unit == .rate }.map { change in
            (
                name: TextRenderer.label(change.metric, parameters: p), before: change.before, after: change.after,
                change: change.absolute, low: change.test?.ciLow, high: change.test?.ciHigh
            )
        }
        if !rates.isEmpty {
            body += figure(
                "Before and after, with the 95% confidence interval of each change",
                SVGChart.beforeAfter(rates, label: "Before and after"),
                note: "The interval is of the difference (after - before) in percentage points; one that excludes 0 is "
                    + "a change beyond noise.")
        }
        body.append("<h2>Metrics</h2>")
        body.append(
            table(
                ["metric", "before", "after", "change", "relative", "95% CI (pp)", "p"], numeric: [1, 2, 3, 4, 5, 6],
                c.changes.map { change in
                    [
                        Self.h(TextRenderer.label(change.metric, parameters: p)),
                        Self.h(TextRenderer.value(change.before, change.unit)),
                        Self.h(TextRenderer.value(change.after, change.unit)),
                        Self.h(TextRenderer.difference(change.absolute, change.unit)),
                        Self.h(TextNumber.signedPercent(change.relative)),
                        change.test.map {
                            Self.h("[\(TextRenderer.points($0.ciLow)), \(TextRenderer.points($0.ciHigh))]")
                        } ?? "",
                        change.test.map { Self.h(TextNumber.pValue($0.pValue)) } ?? "",
                    ]
                }))
        body += dataQuality(report.inputs)
        write(page(title: "icelens compare: before and after", body: body), into: &out)
    }

    /// Writes `table` (`icelens history`).
    public func render<O: TextOutputStream>(_ table: HistoryTable, into out: inout O) {
        var body = [
            "<header><h1>icelens history</h1><p class=\"muted\">\(Self.h(table.source))</p></header>"
        ]
        body += historyFigure(table.rows)
        body.append(
            self.table(
                ["day", "tours", "connections", "success", "timeouts", "mismatched", "p90 ttc", "API calls/tour"],
                numeric: [1, 2, 3, 4, 5, 6, 7],
                table.rows.map { row in
                    let s = row.summary
                    return [
                        Self.h(row.day) + (row.coversWholeDay ? "" : " (part)"), Self.count(s.tours),
                        Self.count(s.connections), TextNumber.percent(s.successRate), Self.count(s.timeouts),
                        Self.count(s.mismatched), Self.h(TextNumber.seconds(ms: s.ttcP90Ms)),
                        Self.h(TextNumber.ratio(s.xirsysApiCallsPerTour)),
                    ]
                }))
        write(page(title: "icelens history", body: body), into: &out)
    }
}
