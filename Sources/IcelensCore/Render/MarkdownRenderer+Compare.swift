/// `icelens compare` as Markdown: the verdicts first, then the metrics side by side, the mismatch-outcome table and
/// the data quality.
extension MarkdownRenderer {
    /// Writes `report` (`icelens compare`).
    public func render<O: TextOutputStream>(_ report: ComparisonReport, into out: inout O) {
        let c = report.comparison
        let p = report.parameters
        var lines = ["# icelens compare: before and after", ""]
        lines.append("Split: " + UntrustedText.forMarkdown(report.split.description))
        lines.append("")
        lines.append(
            "Before: \(count(c.before.tours)) tours, \(count(c.before.connections)) connections. After: "
                + "\(count(c.after.tours)) tours, \(count(c.after.connections)) connections.")
        lines.append("")
        lines.append("## Promised results (judged on the after period)")
        lines.append("")
        lines += table(
            ["verdict", "promise", "why"],
            c.verdicts.map { v in
                return [
                    v.status == .noData ? v.status.words : "**\(v.status.words)**",
                    UntrustedText.forMarkdown(Wording.promise(v.promise, parameters: p)),
                    UntrustedText.forMarkdown(v.explanation),
                ]
            })
        lines.append("")
        lines.append("## Metrics")
        lines.append("")
        lines.append("Change = after - before; 95% CI (percentage points) and p for differences of proportions.")
        lines.append("")
        lines += table(
            ["metric", "before", "after", "change", "relative", "95% CI (pp)", "p"], right: [1, 2, 3, 4, 5, 6],
            c.changes.map { change in
                [
                    UntrustedText.forMarkdown(TextRenderer.label(change.metric, parameters: p)),
                    TextRenderer.value(change.before, change.unit), TextRenderer.value(change.after, change.unit),
                    TextRenderer.difference(change.absolute, change.unit), TextNumber.signedPercent(change.relative),
                    change.test.map { "[\(TextRenderer.points($0.ciLow)), \(TextRenderer.points($0.ciHigh))]" } ?? "",
                    change.test.map { TextNumber.pValue($0.pValue) } ?? "",
                ]
            })
        lines.append("")
        lines.append("## Mismatch vs outcome")
        lines.append("")
        var rows: [[String]] = []
        for (name, t) in [
            ("all", c.mismatchOutcomeAll), ("before", c.mismatchOutcomeBefore), ("after", c.mismatchOutcomeAfter),
        ] {
            rows.append([
                name, "mismatched", count(t.mismatchedConnected), count(t.mismatchedFailed),
                TextNumber.percent(t.mismatchedFailureRate),
            ])
            rows.append([
                name, "same or unknown", count(t.otherConnected), count(t.otherFailed),
                TextNumber.percent(t.otherFailureRate),
            ])
        }
        lines += table(["period", "instances", "connected", "failed", "failure rate"], right: [2, 3, 4], rows)
        lines.append("")
        lines += dataQualityLines(report.inputs)
        write(lines, into: &out)
    }
}
