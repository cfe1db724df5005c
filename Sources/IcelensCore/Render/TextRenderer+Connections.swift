/// `icelens connections` as text: one row a connection, sized to the width, then what the columns mean and the
/// data quality.
extension TextRenderer: ConnectionListRendering {
    /// Writes one row per connection of `list`: tour, attendee, outcome, time to connect, attempts, the two
    /// instances of the attempt that tells most (the first mismatched, else the last) and the flags.
    public func render<O: TextOutputStream>(_ list: ConnectionList, into out: inout O) {
        let report = list.report
        let width = style.lineWidth
        let records = list.records
        let flagged = records.filter { !$0.flags.isEmpty }.count
        var lines = TextLayout.wrap(
            "icelens connections: \(plural(records.count, "connection")), \(TextNumber.count(flagged)) flagged",
            width: width)
        lines += filterLines(report.parameters)
        guard !records.isEmpty else {
            lines.append("No connections.")
            lines.append("")
            lines += AccountingRenderer.dataQualityLines(report.inputs, style: style)
            write(lines, into: &out)
            return
        }
        let showsPeriod = list.split != nil
        var columns: [TextTable.Column] = [
            .init("tour", right: false, shrinkTo: 8), .init("attendee", right: false, shrinkTo: 6),
        ]
        if showsPeriod { columns.append(.init("period", right: false)) }
        columns += [
            .init("outcome", right: false), .init("ttc"), .init("att"),
            .init("guide on", right: false, shrinkTo: 10, keepsStart: true),
            .init("attendee on", right: false, shrinkTo: 10, keepsStart: true),
            .init("flags", right: false, shrinkTo: 8, keepsStart: true),
        ]
        var table = TextTable(columns)
        for r in records {
            let c = r.connection
            let described = c.attempts.first(where: \.mismatched) ?? c.attempts.last
            let outcomeColor: TextColor? =
                c.outcome == .failed ? .red : (c.outcome == .incomplete ? .yellow : nil)
            var row: [TextTable.Cell] = [
                .init(UntrustedText.forTerminal(c.tour)), .init(UntrustedText.forTerminal(c.attendee)),
            ]
            if showsPeriod { row.append(.init(r.period?.rawValue ?? "")) }
            row += [
                .init(c.outcome.rawValue, outcomeColor),
                .init(TextNumber.seconds(ms: c.timeToConnectMs)),
                .init(TextNumber.count(c.attempts.count)),
                .init(described?.guideInstance.map(UntrustedText.forTerminal) ?? TextNumber.missing),
                .init(
                    described?.attendeeInstance.map(UntrustedText.forTerminal) ?? TextNumber.missing,
                    described?.mismatched == true ? .red : nil),
                .init(r.flags.map(\.rawValue).joined(separator: " "), r.flags.isEmpty ? nil : .red),
            ]
            table.add(row)
        }
        lines += table.lines(width: width, indent: 0, style: style)
        lines.append("")
        lines += TextLayout.wrap(
            "ttc = time to connect, att = ICE attempts, guide on / attendee on = each side's TURN instance in the "
                + "first mismatched attempt, else the last (every attempt: --format ndjson or json)", width: width)
        lines.append("")
        lines += AccountingRenderer.dataQualityLines(report.inputs, style: style)
        write(lines, into: &out)
    }
}
