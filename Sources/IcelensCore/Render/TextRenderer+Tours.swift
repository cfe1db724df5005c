/// `icelens tours` as text: one row a tour, sized to the width.
extension TextRenderer: TourListRendering {
    /// Writes one row per tour of `list`: tour, guide instance(s), attendees, connected, failed, mismatched,
    /// timeouts, median time to connect, API calls and a flag mark, then a legend.
    public func render<O: TextOutputStream>(_ list: TourList, into out: inout O) {
        let report = list.report
        let flaggedOnly = list.flaggedOnly
        let width = style.lineWidth
        let rows = list.rows
        let flagged = report.finished.flaggedTourCount
        let all = report.finished.tourCount
        let title =
            flaggedOnly
            ? "icelens tours: \(TextNumber.count(flagged)) flagged of \(plural(all, "tour"))"
            : "icelens tours: \(plural(all, "tour")), \(TextNumber.count(flagged)) flagged"
        var lines = TextLayout.wrap(title, width: width)
        lines += filterLines(report.parameters)
        guard !rows.isEmpty else {
            lines.append(flaggedOnly ? "No flagged tours." : "No tours.")
            lines.append("")
            lines += AccountingRenderer.dataQualityLines(report.inputs, style: style)
            write(lines, into: &out)
            return
        }
        var table = TextTable([
            .init("tour", right: false, shrinkTo: 8), .init("start", right: false),
            .init("guide instance", right: false, shrinkTo: 9, keepsStart: true),
            .init("att"), .init("conn"), .init("fail"), .init("mism"), .init("t/o"), .init("ttc p50"), .init("api"),
            .init("flag", right: false),
        ])
        for row in rows {
            var instance = row.guideInstances.first.map(UntrustedText.forTerminal) ?? TextNumber.missing
            if row.guideInstances.count > 1 { instance += " +\(row.guideInstances.count - 1)" }
            table.add([
                .init(UntrustedText.forTerminal(row.tour)), .init(TextNumber.shortTime(ms: row.firstSeenMs)),
                .init(instance), .init(TextNumber.count(row.attendees)),
                .init(TextNumber.count(row.connected)), .init(TextNumber.count(row.failed)),
                .init(TextNumber.count(row.mismatched)), .init(TextNumber.count(row.timeouts)),
                .init(TextNumber.seconds(ms: row.ttcP50Ms)), .init(TextNumber.count(row.apiCalls)),
                row.flagged ? .init("*", .red) : .init(""),
            ])
        }
        lines += table.lines(width: width, indent: 0, style: style)
        lines.append("")
        lines += TextLayout.wrap(
            "start = the tour's first line (UTC), att = attendees, conn = connected, fail = failed, mism = mismatched TURN instance, t/o = timed out, "
                + "ttc p50 = median time to connect, api = Xirsys API calls, * = a flagged connection "
                + "(details: icelens report)", width: width)
        lines.append("")
        lines += AccountingRenderer.dataQualityLines(report.inputs, style: style)
        write(lines, into: &out)
    }
}
