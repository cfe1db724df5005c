/// `icelens compare` as text: the split, the metrics side by side, the promised results, the mismatch-outcome
/// tables and data quality.
extension TextRenderer {
    /// Writes `report` (`icelens compare`).
    public func render<O: TextOutputStream>(_ report: ComparisonReport, into out: inout O) {
        let width = style.lineWidth
        let c = report.comparison
        var lines = TextLayout.wrap("icelens compare: before and after", width: width)
        lines += TextLayout.wrap(
            "Split: " + UntrustedText.forTerminal(report.split.description), width: width, rest: "  ")
        lines += filterLines(report.parameters)
        lines += periodLines("Before", c.before)
        lines += periodLines("After", c.after)
        if report.unassignedTours > 0 {
            lines += TextLayout.wrap(
                "Neither: \(plural(report.unassignedTours, "tour")), \(plural(report.unassignedConnections, "connection"))"
                    + " (no time for a cutoff split, or no value of the field for a field split)",
                width: width, rest: "  ")
        }
        lines.append("")
        lines += TextLayout.wrap(
            "Metrics (change = after - before; CI and p for differences of proportions)", width: width)
        lines += metricTable(c.changes, parameters: report.parameters).lines(width: width, style: style)
        lines.append("")
        lines += TextLayout.wrap("Promised results (judged on the after period)", width: width)
        for verdict in c.verdicts { lines += verdictLines(verdict, parameters: report.parameters) }
        lines.append("")
        lines += TextLayout.wrap("Mismatch vs outcome (connections that connected or failed)", width: width)
        lines += mismatchLines("all periods", c.mismatchOutcomeAll)
        lines += mismatchLines("before", c.mismatchOutcomeBefore)
        lines += mismatchLines("after", c.mismatchOutcomeAfter)
        lines.append("")
        lines += AccountingRenderer.dataQualityLines(report.inputs, style: style)
        write(lines, into: &out)
    }

    private func periodLines(_ name: String, _ s: Summary) -> [String] {
        var text = "\(name): \(plural(s.tours, "tour")), \(plural(s.connections, "connection"))"
        if s.firstSeenMs != nil {
            text += ", \(TextNumber.time(ms: s.firstSeenMs)) to \(TextNumber.time(ms: s.lastSeenMs))"
        }
        return TextLayout.wrap(text, width: style.lineWidth, rest: "  ")
    }

    private func metricTable(_ changes: [MetricChange], parameters: AnalysisParameters) -> TextTable {
        var table = TextTable([
            .init("metric", right: false, shrinkTo: 8), .init("before"), .init("after"), .init("change"),
            .init("relative"), .init("95% CI (pp)"), .init("p"),
        ])
        for change in changes {
            var row: [TextTable.Cell] = [
                .init(Self.label(change.metric, parameters: parameters)),
                .init(Self.value(change.before, change.unit)), .init(Self.value(change.after, change.unit)),
                .init(Self.difference(change.absolute, change.unit)), .init(TextNumber.signedPercent(change.relative)),
            ]
            if let test = change.test {
                row.append(.init("[\(Self.points(test.ciLow)), \(Self.points(test.ciHigh))]"))
                row.append(.init(TextNumber.pValue(test.pValue)))
            }
            table.add(row)
        }
        return table
    }

    /// A metric's key in words for the comparison table (`Metric.label`; the key itself for an unknown metric).
    static func label(_ metric: String, parameters: AnalysisParameters) -> String {
        UntrustedText.forTerminal(Metric.named(metric)?.label(parameters) ?? Metric.words(metric))
    }

    /// A signed share in percentage points without the unit ("+6.9").
    static func points(_ share: Double) -> String {
        let text = TextNumber.signedPoints(share)
        return text.hasSuffix(" pp") ? String(text.dropLast(3)) : text
    }

    static func value(_ value: Double?, _ unit: MetricUnit) -> String {
        switch unit {
        case .count: return TextNumber.fixed(value, places: 0) ?? TextNumber.missing
        case .rate: return TextNumber.percent(value)
        case .seconds: return TextNumber.exactSeconds(value)
        case .ratio: return TextNumber.ratio(value)
        }
    }

    static func difference(_ value: Double?, _ unit: MetricUnit) -> String {
        switch unit {
        case .count: return TextNumber.signedCount(value)
        case .rate: return TextNumber.signedPoints(value)
        case .seconds: return TextNumber.signedExactSeconds(value)
        case .ratio: return TextNumber.signedRatio(value)
        }
    }

    private func verdictLines(_ verdict: Verdict, parameters: AnalysisParameters) -> [String] {
        let status = verdict.status.words
        let color: TextColor
        switch verdict.status {
        case .met: color = .green
        case .notMet: color = .red
        case .noData: color = .yellow
        }
        let padding = String(repeating: " ", count: 9 - status.count)
        let promise = Wording.promise(verdict.promise, parameters: parameters)
        let margin = String(repeating: " ", count: 11)
        var lines = TextLayout.wrap(promise, width: style.lineWidth, first: margin, rest: margin)
        lines[0] = "  " + style.paint(status, color) + padding + lines[0].dropFirst(11)
        lines += TextLayout.wrap(
            UntrustedText.forTerminal(verdict.explanation), width: style.lineWidth, first: margin, rest: margin)
        return lines
    }

    private func mismatchLines(_ name: String, _ t: MismatchOutcomeTable) -> [String] {
        var table = TextTable([
            .init(name, right: false), .init("connected"), .init("failed"), .init("failure rate"),
        ])
        table.stackedCaption = name
        table.add([
            .init("  mismatched"), .init(TextNumber.count(t.mismatchedConnected)),
            .init(TextNumber.count(t.mismatchedFailed)), .init(TextNumber.percent(t.mismatchedFailureRate)),
        ])
        table.add([
            .init("  same or unknown"), .init(TextNumber.count(t.otherConnected)),
            .init(TextNumber.count(t.otherFailed)), .init(TextNumber.percent(t.otherFailureRate)),
        ])
        var lines = table.lines(width: style.lineWidth, style: style)
        lines += TextLayout.wrap(Wording.evidenceSentence(t), width: style.lineWidth, first: "    ", rest: "    ")
        return lines
    }
}
