/// `icelens history` as text: one row a day with an arrow where a headline metric moved (green when it got
/// better, red when worse, on a terminal), then a sparkline of each metric across the days.
extension TextRenderer: HistoryRendering {
    /// The sparkline levels, lowest first.
    static let sparks: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

    /// Writes the history table and its trends.
    public func render<O: TextOutputStream>(_ table: HistoryTable, into out: inout O) {
        let width = style.lineWidth
        let source = UntrustedText.forTerminal(table.source)
        guard let first = table.rows.first, let last = table.rows.last else {
            write(TextLayout.wrap("icelens history: nothing recorded yet in \(source)", width: width), into: &out)
            return
        }
        var lines = TextLayout.wrap(
            "icelens history: \(plural(table.rows.count, "row")), \(UntrustedText.forTerminal(first.day)) to "
                + "\(UntrustedText.forTerminal(last.day)) (\(source))", width: width, rest: "  ")
        lines.append("")
        var rows = TextTable([
            .init("day", right: false, shrinkTo: 10, keepsStart: true), .init("tours"), .init("conn"),
            .init("success"), .init("t/o"), .init("mism"), .init("p90 ttc"), .init("API/tour"),
        ])
        for (i, row) in table.rows.enumerated() {
            let s = row.summary
            func moved(_ key: String, _ text: String) -> TextTable.Cell {
                let direction = table.direction(key, at: i)
                guard direction != 0 else { return .init(text + "  ") }
                let better = HistoryTable.trendMetrics.first { $0.key == key }?.higherIsBetter ?? true
                let good = (direction > 0) == better
                return .init(text + (direction > 0 ? " ↑" : " ↓"), good ? .green : .red)
            }
            rows.add([
                .init(UntrustedText.forTerminal(row.day) + (row.coversWholeDay ? "" : "*")),
                .init(TextNumber.count(s.tours)), .init(TextNumber.count(s.connections)),
                moved("success_rate", TextNumber.percent(s.successRate)),
                moved("timeouts", TextNumber.count(s.timeouts)), moved("mismatched", TextNumber.count(s.mismatched)),
                moved("ttc_p90_s", TextNumber.seconds(ms: s.ttcP90Ms)),
                moved("xirsys_api_calls_per_tour", TextNumber.ratio(s.xirsysApiCallsPerTour)),
            ])
        }
        lines += rows.lines(width: width, style: style).map { line in
            var line = Substring(line)
            while line.last == " " { line.removeLast() }
            return String(line)
        }
        if table.rows.contains(where: { !$0.coversWholeDay }) {
            lines += TextLayout.wrap(
                "* the run that recorded this day saw only part of it (its window did not cover the whole UTC day)",
                width: width, first: "  ", rest: "    ")
        }
        if table.rows.count > 1 {
            lines.append("")
            lines.append("Trends (oldest to newest)")
            for (key, label) in [
                ("success_rate", "success rate"), ("timeouts", "timeouts"), ("mismatched", "mismatched"),
                ("ttc_p90_s", "p90 ttc"), ("xirsys_api_calls_per_tour", "API calls/tour"),
            ] {
                lines.append("  " + label.padding(toLength: 16, withPad: " ", startingAt: 0) + sparkline(table, key))
            }
        }
        write(lines, into: &out)
    }

    /// The last (up to) 60 values of `key` as bars scaled between their minimum and maximum; a space where unknown.
    func sparkline(_ table: HistoryTable, _ key: String) -> String {
        let values = table.series(key).suffix(60)
        let known = values.compactMap { $0 }
        guard let low = known.min(), let high = known.max() else { return "" }
        let levels = Self.sparks.count
        return String(
            values.map { value -> Character in
                guard let value else { return " " }
                guard high > low else { return Self.sparks[levels / 2] }
                let level = Int(((value - low) / (high - low) * Double(levels - 1)).rounded())
                return Self.sparks[min(max(level, 0), levels - 1)]
            })
    }
}

extension String {
    fileprivate func padding(toLength length: Int, withPad pad: String, startingAt: Int) -> String {
        count >= length ? self : self + String(repeating: pad, count: length - count)
    }
}
