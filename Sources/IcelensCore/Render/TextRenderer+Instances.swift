/// The per-TURN-instance picture as text: one row an instance, then the guide x attendee instance matrix (a grid
/// when it fits the width, else one line a cell), failures off the diagonal in red.
extension TextRenderer: InstanceReportRendering {
    /// Writes `icelens instances`: the title, the filter, the instance table, the matrix and the data quality.
    public func render<O: TextOutputStream>(_ result: InstanceReport, into out: inout O) {
        let report = result.report
        let table = result.table
        var lines = TextLayout.wrap(
            "icelens instances: \(plural(table.rows.count, "TURN instance")), "
                + "\(plural(report.summary.connections, "connection"))", width: style.lineWidth)
        lines += filterLines(report.parameters)
        lines.append("")
        lines += instanceLines(table)
        lines.append("")
        lines += AccountingRenderer.dataQualityLines(report.inputs, style: style)
        write(lines, into: &out)
    }

    /// The report's "TURN instances" section (also the body of `icelens instances`).
    func instanceLines(_ table: InstanceTable) -> [String] {
        let width = style.lineWidth
        guard !table.rows.isEmpty else { return ["TURN instances: none known"] }
        var lines = TextLayout.wrap("TURN instances (connections with an attempt on each, either side)", width: width)
        var rows = TextTable([
            .init("instance", right: false, shrinkTo: 10, keepsStart: true), .init("conn"), .init("success"),
            .init("fail"), .init("t/o"), .init("mism"), .init("ttc p50"),
        ])
        for row in table.rows {
            rows.add([
                .init(UntrustedText.forTerminal(row.instance)), .init(TextNumber.count(row.connections)),
                .init(TextNumber.percent(row.successRate)),
                .init(TextNumber.count(row.failed), row.failed > 0 ? .red : nil),
                .init(TextNumber.count(row.timeouts)), .init(TextNumber.count(row.mismatched)),
                .init(TextNumber.seconds(ms: row.ttcP50Ms)),
            ])
        }
        lines += rows.lines(width: width, style: style)
        if table.connectionsWithoutInstance > 0 {
            lines += TextLayout.wrap(
                "\(plural(table.connectionsWithoutInstance, "connection")) with no known instance",
                width: width, first: "  ", rest: "  ")
        }
        if table.instancesNotListed > 0 {
            lines += TextLayout.wrap(
                "\(plural(table.instancesNotListed, "more instance")) not listed (over \(InstanceAccumulator.maxInstances))",
                width: width, first: "  ", rest: "  ")
        }
        lines.append("")
        lines += TextLayout.wrap(
            "Guide instance x attendee instance (connections/failed, by the first mismatched attempt, else the last)",
            width: width)
        lines += matrixLines(table)
        return lines
    }

    private func matrixLines(_ table: InstanceTable) -> [String] {
        let guides = table.guideInstances
        let attendees = table.attendeeInstances
        let short = Self.shortNames(guides + attendees)
        let stem = Self.commonStem(Array(short.values))
        func label(_ host: String?) -> String { host.map { short[$0] ?? $0 } ?? "?" }
        func gridLabel(_ host: String?) -> String {
            host.map { String((short[$0] ?? $0).dropFirst(stem.count)) } ?? "?"
        }
        func text(_ cell: InstanceTable.Cell) -> String {
            "\(TextNumber.count(cell.connections))/\(TextNumber.count(cell.failed))"
        }
        func color(_ cell: InstanceTable.Cell) -> TextColor? {
            cell.failed == 0 ? nil : (cell.mismatched ? .red : .yellow)
        }
        // A grid only when it can fit: each column needs at least "n/f" and a gap.
        if attendees.count * 5 + 8 <= style.lineWidth {
            var byPair: [Pair: InstanceTable.Cell] = [:]
            for cell in table.cells { byPair[Pair(guide: cell.guideInstance, attendee: cell.attendeeInstance)] = cell }
            var grid = TextTable(
                [.init("guide \\ att.", right: false)]
                    + attendees.map { .init(UntrustedText.forTerminal(gridLabel($0))) })
            for g in guides {
                var row: [TextTable.Cell] = [.init(UntrustedText.forTerminal(gridLabel(g)))]
                for a in attendees {
                    if let cell = byPair[Pair(guide: g, attendee: a)] {
                        row.append(.init(text(cell), color(cell)))
                    } else {
                        row.append(.init("."))
                    }
                }
                grid.add(row)
            }
            let plain = grid.lines(width: Int.max, style: TextStyle(color: false, width: Int.max))
            if let widest = plain.map(TextLayout.columns).max(), widest <= style.lineWidth {
                var lines = grid.lines(width: style.lineWidth, style: style)
                let suffix = Self.commonSuffix(guides + attendees) ?? ""
                if !stem.isEmpty || !suffix.isEmpty {
                    lines += TextLayout.wrap(
                        "N stands for \(UntrustedText.forTerminal(stem))N\(UntrustedText.forTerminal(suffix)); "
                            + "? = not known; . = none", width: style.lineWidth, first: "  ", rest: "  ")
                }
                return lines
            }
        }
        // Too many instances for a grid: one line a cell, mismatched failures first.
        var lines: [String] = []
        let ordered = table.cells.sorted { a, b in
            (a.mismatched && a.failed > 0 ? 0 : 1, -a.failed, -a.connections)
                < (b.mismatched && b.failed > 0 ? 0 : 1, -b.failed, -b.connections)
        }
        for cell in ordered {
            let words =
                "guide \(UntrustedText.forTerminal(label(cell.guideInstance))) x attendee "
                + "\(UntrustedText.forTerminal(label(cell.attendeeInstance))): \(text(cell))"
            lines += TextLayout.wrap(words, width: style.lineWidth, first: "  ", rest: "    ").map {
                style.paint($0, color(cell))
            }
        }
        return lines
    }

    /// A (guide, attendee) pair of instances, either unknown.
    private struct Pair: Hashable {
        var guide: String?
        var attendee: String?
    }

    /// Host names without the suffix they all share after their first label ("fr-turn7" for
    /// "fr-turn7.xirsys.com" when every instance ends in ".xirsys.com"); full names when they do not share one.
    static func shortNames(_ hosts: [String?]) -> [String: String] {
        let known = hosts.compactMap { $0 }
        guard let suffix = commonSuffix(hosts) else { return Dictionary(known.map { ($0, $0) }) { a, _ in a } }
        return Dictionary(known.map { ($0, String($0.dropLast(suffix.count))) }) { a, _ in a }
    }

    /// The start every name shares, cut back so each keeps at least one character ("fr-turn" of "fr-turn7" and
    /// "fr-turn12"); empty for fewer than two names.
    static func commonStem(_ names: [String]) -> String {
        guard names.count > 1, var stem = names.first.map(Array.init) else { return "" }
        for name in names.dropFirst() {
            let chars = Array(name)
            var n = 0
            while n < stem.count, n < chars.count, stem[n] == chars[n] { n += 1 }
            stem = Array(stem.prefix(n))
        }
        let shortest = names.map(\.count).min() ?? 0
        if stem.count >= shortest { stem = Array(stem.prefix(max(0, shortest - 1))) }
        // Never cut inside a run of digits: "fr-turn1" and "fr-turn12" share "fr-turn1", but the stem is "fr-turn".
        while let last = stem.last, last.isNumber { stem.removeLast() }
        return String(stem)
    }

    /// The suffix from the first dot that every known host has, if any (and none is only the suffix).
    static func commonSuffix(_ hosts: [String?]) -> String? {
        let known = hosts.compactMap { $0 }
        guard let first = known.first, let dot = first.firstIndex(of: ".") else { return nil }
        let suffix = String(first[dot...])
        guard suffix.count > 1, known.allSatisfy({ $0.hasSuffix(suffix) && $0.count > suffix.count }) else {
            return nil
        }
        return suffix
    }
}
