/// `icelens timeline` as text: a line an entry under a date heading, `~` where the writer changes (two clocks
/// meet), attempts marked `>` at their start and `=` at their verdict (red for a timeout, a failure or a mismatch),
/// then each connection's outcome and the data quality.
extension TextRenderer: TimelineRendering {
    /// Writes `timeline`.
    public func render<O: TextOutputStream>(_ timeline: Timeline, into out: inout O) {
        let width = style.lineWidth
        let report = timeline.report
        let flagged = timeline.connections.filter { !$0.flags.isEmpty }.count
        var title = "icelens timeline: tour \(UntrustedText.forTerminal(timeline.tour))"
        if let guide = timeline.guide { title += " (guide \(UntrustedText.forTerminal(guide)))" }
        if let peer = timeline.peer { title += ", peer \(UntrustedText.forTerminal(peer))" }
        title += ", \(plural(timeline.connections.count, "connection")), \(TextNumber.count(flagged)) flagged"
        var lines = TextLayout.wrap(title, width: width)
        guard !timeline.entries.isEmpty else {
            lines.append("No events of this tour were read.")
            lines.append("")
            lines += AccountingRenderer.dataQualityLines(report.inputs, style: style)
            write(lines, into: &out)
            return
        }
        if let peer = timeline.peer, timeline.connections.isEmpty {
            lines += TextLayout.wrap(
                "No connection of \(UntrustedText.forTerminal(peer)) in this tour: shown are the guide's tour-wide lines.",
                width: width)
        }
        lines += TextLayout.wrap(
            "Times are each writer's own clock (UTC); ~ marks a line whose writer differs from the line before, "
                + "where two clocks meet. > an attempt begins, = its verdict.", width: width)
        let folder = InputLocator.commonFolder(report.inputs.inputs.map(\.input))
        if !folder.isEmpty {
            lines += TextLayout.wrap("Inputs under \(UntrustedText.forTerminal(folder))", width: width)
        }
        let indent = String(repeating: " ", count: 16)
        var day = ""
        for i in timeline.entries.indices {
            let entry = timeline.entries[i]
            let iso = entry.timeMs.map { UTCTimestamp.format(ms: $0) }
            let thisDay = iso.map { String($0.prefix(10)) } ?? "no time"
            if thisDay != day {
                day = thisDay
                lines.append("")
                lines.append(day)
            }
            let clock = iso.map { String(Array($0)[11..<23]) } ?? "            "
            switch entry {
            case .event(let e):
                let mark = timeline.clockChanges(at: i) ? " ~" : "  "
                lines += TextLayout.wrap(
                    "\(clock) \(eventWords(e, folder: folder))", width: width, first: mark, rest: indent)
            case .attemptStart(let a):
                lines += TextLayout.wrap(
                    "\(clock) attempt \(a.attempt.index + 1) of \(a.of) of \(UntrustedText.forTerminal(a.attendee)) "
                        + "begins (\(a.attempt.clock.rawValue) clock)", width: width, first: " >", rest: indent)
            case .attemptEnd(let a):
                let bad = a.attempt.end == .timedOut || a.attempt.end == .failed || a.attempt.mismatched
                let good = a.attempt.end == .connected && !a.attempt.mismatched
                var words =
                    "\(clock) attempt \(a.attempt.index + 1) of \(UntrustedText.forTerminal(a.attendee)): \(a.verdict)"
                words += "; guide on \(a.attempt.guideInstance.map(UntrustedText.forTerminal) ?? "unknown")"
                words += ", attendee on \(a.attempt.attendeeInstance.map(UntrustedText.forTerminal) ?? "unknown")"
                if a.attempt.mismatched { words += ": MISMATCHED" }
                lines += TextLayout.wrap(words, width: width, first: " =", rest: indent).map {
                    style.paint($0, bad ? .red : (good ? .green : nil))
                }
            }
        }
        if timeline.eventsNotShown > 0 {
            lines.append("")
            lines += TextLayout.wrap(
                "\(plural(timeline.eventsNotShown, "more event")) of this tour not shown (over \(TextNumber.count(TimelineBuilder.maxEvents)))",
                width: width)
        }
        lines.append("")
        lines.append("Connections")
        for record in timeline.connections {
            let c = record.connection
            var words = "\(UntrustedText.forTerminal(c.attendee)): \(c.outcome.rawValue)"
            if let ttc = c.timeToConnectMs {
                words += " in \(TextNumber.seconds(ms: ttc)) (\(c.timeToConnectClock?.rawValue ?? "?") clock)"
            }
            words += ", \(plural(c.attempts.count, "attempt"))"
            if !record.flags.isEmpty { words += "; flagged: " + record.flags.map(\.rawValue).joined(separator: ", ") }
            lines += TextLayout.wrap(words, width: width, first: "  ", rest: "    ").map {
                style.paint($0, record.flags.isEmpty ? nil : .red)
            }
        }
        lines.append("")
        lines += AccountingRenderer.dataQualityLines(report.inputs, style: style)
        write(lines, into: &out)
    }

    /// An event in words: writer (and remote), event, state or cache, instance, servers, source.
    private func eventWords(_ e: TimelineEvent, folder: String) -> String {
        let event = e.event
        var words = UntrustedText.forTerminal(e.writerWords)
        if let remote = event.remote { words += " -> " + UntrustedText.forTerminal(remote) }
        words += "  " + event.kind.rawValue
        if let state = event.state { words += " " + state.rawValue }
        if let cache = event.cache { words += " " + cache.rawValue }
        if let candidate = event.candidateType { words += " " + candidate.rawValue }
        if let from = event.from, let to = event.to {
            words += " " + UntrustedText.forTerminal(from) + " -> " + UntrustedText.forTerminal(to)
        }
        if let instance = event.namedInstance { words += " " + UntrustedText.forTerminal(instance) }
        if event.servers.count > 1 { words += " (+\(event.servers.count - 1) more servers)" }
        let input = e.input.hasPrefix(folder) ? String(e.input.dropFirst(folder.count)) : e.input
        words += "  [" + UntrustedText.forTerminal(input) + ":\(event.source.line)]"
        return words
    }
}
