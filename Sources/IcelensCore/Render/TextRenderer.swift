/// Renders results as text for a terminal: aligned tables that fit the style's width, wrapped sentences, ANSI
/// colour for verdicts and flags only when the style asks. Every string that came from logs is made safe with
/// `UntrustedText.forTerminal`; long ids are shortened with an ellipsis. It computes nothing: every figure it
/// prints is a field of the result.
public struct TextRenderer: ReportRendering, ComparisonRendering {
    /// Colour, width and the findings limit.
    public var style: TextStyle

    /// Makes a renderer.
    public init(style: TextStyle = TextStyle()) {
        self.style = style
    }

    /// Makes the renderer for a run's options.
    public init(options: RenderOptions) {
        self.init(style: options.text)
    }

    /// Writes `report` (`icelens report`): title and period, summary, flagged connections, data quality.
    public func render<O: TextOutputStream>(_ report: AnalysisReport, into out: inout O) {
        let s = report.summary
        var lines = title(report)
        lines += checkLines(report.checks)
        lines += baselineLines(report)
        lines.append("")
        lines.append("Summary")
        lines += summaryLines(s, parameters: report.parameters, browserSideMissing: report.inputs.browserSideMissing)
        lines.append("")
        lines += instanceLines(report.instances)
        lines.append("")
        if let turn = report.turnSummary {
            lines += turnLines(turn)
            lines.append("")
        }
        if report.mergedFrom.isEmpty {
            lines += findingLines(report.finished, connections: s.connections)
        } else {
            lines += TextLayout.wrap(
                "Flagged connections: \(TextNumber.count(report.flaggedConnections)) of "
                    + "\(TextNumber.count(s.connections)), merged from \(plural(report.mergedFrom.count, "snapshot")) "
                    + "(each connection is listed in the report of its own run)", width: style.lineWidth, rest: "  ")
        }
        lines.append("")
        lines += AccountingRenderer.dataQualityLines(report.inputs, style: style)
        write(lines, into: &out)
    }

    /// The report as a string.
    public func string(_ report: AnalysisReport) -> String {
        var text = ""
        render(report, into: &text)
        return text
    }

    /// The comparison report as a string.
    public func string(_ report: ComparisonReport) -> String {
        var text = ""
        render(report, into: &text)
        return text
    }

    /// The tours table as a string.
    public func toursString(_ report: AnalysisReport, flaggedOnly: Bool) -> String {
        var text = ""
        render(TourList(report, flaggedOnly: flaggedOnly), into: &text)
        return text
    }

    func write<O: TextOutputStream>(_ lines: [String], into out: inout O) {
        for line in lines {
            out.write(line)
            out.write("\n")
        }
    }

    /// The `--fail-if` results: each failed check on a line of its own, then how many passed; nothing without
    /// thresholds.
    func checkLines(_ checks: [CheckResult]) -> [String] {
        guard !checks.isEmpty else { return [] }
        var lines: [String] = []
        for check in checks.failures {
            lines += TextLayout.wrap(
                style.paint("CHECK FAILED", .red) + ": " + check.sentence, width: style.lineWidth, rest: "  ")
        }
        let passed = checks.count - checks.failures.count
        lines.append(
            checks.failures.isEmpty
                ? style.paint("Checks: all \(checks.count) passed", .green)
                : "Checks: \(checks.failures.count) of \(checks.count) failed (exit status 3), \(passed) passed")
        return lines
    }

    /// "vs the previous 7 days": the run's headline figures beside the pooled days before it (`--history`).
    func baselineLines(_ report: AnalysisReport) -> [String] {
        guard let b = report.baseline else { return [] }
        let s = report.summary
        func perDay(_ v: Double) -> String { NumberFormat.fixed(v, places: 1, grouped: true, trimZeros: true) ?? "?" }
        let text =
            "vs the previous \(b.span) days (\(plural(b.days, "day")) recorded): success rate "
            + "\(TextNumber.percent(s.successRate)) (was \(TextNumber.percent(b.summary.successRate))), timeouts "
            + "\(perDay(b.runTimeoutsPerDay)) a day (was \(perDay(b.timeoutsPerDay))), mismatched "
            + "\(perDay(b.runMismatchedPerDay)) a day (was \(perDay(b.mismatchedPerDay))), API calls/tour "
            + "\(TextNumber.ratio(s.xirsysApiCallsPerTour)) (was \(TextNumber.ratio(b.summary.xirsysApiCallsPerTour)))"
        return TextLayout.wrap(text, width: style.lineWidth, rest: "  ")
    }

    /// "Filter: ..." when the run was narrowed, else nothing.
    func filterLines(_ parameters: AnalysisParameters) -> [String] {
        guard let words = parameters.filterWords else { return [] }
        return TextLayout.wrap("Filter: " + UntrustedText.forTerminal(words), width: style.lineWidth, rest: "  ")
    }

    private func title(_ report: AnalysisReport) -> [String] {
        let s = report.summary
        guard s.tours > 0 else {
            return TextLayout.wrap("icelens report: no tours found", width: style.lineWidth)
                + filterLines(report.parameters)
        }
        let flagged = report.flaggedConnections
        let what =
            report.mergedFrom.isEmpty ? "icelens report" : "icelens merge of \(plural(report.mergedFrom.count, "run"))"
        var lines = TextLayout.wrap(
            "\(what): \(plural(s.tours, "tour")), \(plural(s.connections, "connection")), "
                + "\(TextNumber.count(flagged)) flagged", width: style.lineWidth)
        lines += TextLayout.wrap(
            "Period: \(TextNumber.time(ms: s.firstSeenMs)) to \(TextNumber.time(ms: s.lastSeenMs)) (first to last "
                + "tour line)", width: style.lineWidth, rest: "  ")
        lines += filterLines(report.parameters)
        lines += windowLines(report.coveredWindows)
        return lines
    }

    /// "Windows merged: ..." when a merge covers separate windows: the tours between them are in no figure.
    func windowLines(_ windows: [CoveredWindow]) -> [String] {
        guard windows.count > 1 else { return [] }
        return TextLayout.wrap(
            "Windows merged: " + windows.map(Snapshot.windowWords).joined(separator: "; ")
                + " (tours between them are not in the figures)", width: style.lineWidth, rest: "  ")
    }

    /// The summary metrics as an aligned label-value-note block.
    func summaryLines(_ s: Summary, parameters: AnalysisParameters, browserSideMissing: Bool = false) -> [String] {
        let fast = NumberFormat.durationWords(ms: parameters.slowThresholdMs)
        let timeout = NumberFormat.durationWords(ms: parameters.timeoutMs)
        var ttcNote = "over \(plural(s.ttcSamples, "connected connection")) with a known time"
        if s.ttcSamples == 0 { ttcNote = "no connection with a known time" }
        if s.ttcCrossClock > 0 { ttcNote += "; \(TextNumber.count(s.ttcCrossClock)) on the guide's clock" }
        if s.connectedWithoutTtc > 0 { ttcNote += "; \(TextNumber.count(s.connectedWithoutTtc)) without a time" }
        let roles = s.apiCallsByRole.keys.sorted().map {
            "\(TextLayout.shorten(UntrustedText.forTerminal($0), to: 24)) \(TextNumber.count(s.apiCallsByRole[$0] ?? 0))"
        }
        var rows: [(label: String, value: String, note: String)] = [
            ("tours", TextNumber.count(s.tours), ""),
            ("connections", TextNumber.count(s.connections), "one per (tour, attendee)"),
            ("  connected", TextNumber.count(s.connected), ""),
            ("  failed", TextNumber.count(s.failed), ""),
            (
                "  incomplete", TextNumber.count(s.incomplete),
                browserSideMissing
                    ? "no browser log was read: ICE outcomes are in the browsers' logs"
                    : "the log ends before an outcome"
            ),
            (
                "success rate", TextNumber.percent(s.successRate),
                "connected / (connected + failed) = \(TextNumber.count(s.connected)) / "
                    + TextNumber.count(s.connected + s.failed)
            ),
            (
                "timeouts (\(timeout))", TextNumber.count(s.timeouts),
                s.attempts == 0 && s.connections > 0
                    ? "no ICE attempt in these logs: they cannot show a timeout" : ofConnections(s.timeoutShare)
            ),
            (
                "mismatched instance", TextNumber.count(s.mismatched),
                ofConnections(s.mismatchShare, "both instances known for \(TextNumber.count(s.instancesKnown))")
            ),
            ("time to connect p50", TextNumber.exactSeconds(ms: s.ttcP50Ms), ttcNote),
            ("                p90", TextNumber.exactSeconds(ms: s.ttcP90Ms), ""),
            ("                p99", TextNumber.exactSeconds(ms: s.ttcP99Ms), ""),
            ("                max", TextNumber.exactSeconds(ms: s.ttcMaxMs), ""),
            (
                "connected under \(fast)", TextNumber.percent(s.ttcUnder5sShare),
                "\(TextNumber.count(s.ttcUnder5s)) of \(TextNumber.count(s.ttcSamples))"
            ),
            (
                "Xirsys API calls", TextNumber.count(s.xirsysApiCalls),
                "from server lines in \(plural(s.apiCallsFromServerTours, "tour")) and browser lines in "
                    + "\(TextNumber.count(s.apiCallsFromBrowserTours)); \(plural(s.apiCallsNoneTours, "tour")) logged none"
            ),
            (
                "  per tour", TextNumber.ratio(s.xirsysApiCallsPerTour),
                roles.isEmpty ? "" : "by caller: " + roles.joined(separator: ", ")
            ),
            (
                "fallback rate", TextNumber.percent(s.fallbackRate),
                "\(TextNumber.count(s.fallbacks)) of \(TextNumber.count(s.connections)) attendees fetched on their own"
            ),
            ("ICE attempts", TextNumber.count(s.attempts), "\(plural(s.restarts, "restart"))"),
        ]
        if s.probeConnections > 0 {
            // Probes only test the network: counting them would make every rate worse for nothing.
            rows.insert(
                (
                    "probe connections", TextNumber.count(s.probeConnections),
                    "connectivity probes, left out of every count and rate"
                ), at: 2)
        }
        return TextLayout.facts(rows, width: style.lineWidth)
    }

    private func findingLines(_ finished: FinishedTours, connections: Int) -> [String] {
        let count = finished.findingCount
        guard count > 0 else { return ["Flagged connections: none"] }
        var lines = [
            "Flagged connections (\(TextNumber.count(count)) of \(TextNumber.count(connections)))"
        ]
        let limit = max(0, style.findingsLimit)
        for finding in finished.prefixFindings(limit) {
            lines += findingLines(finding)
        }
        if count > limit {
            lines += TextLayout.wrap(
                "... and \(TextNumber.count(count - limit)) more (--all shows them; icelens connections --flagged lists them)",
                width: style.lineWidth, first: "  ", rest: "  ")
        }
        return lines
    }

    private func findingLines(_ f: Finding) -> [String] {
        let width = style.lineWidth
        let flagsText = f.flags.map(\.rawValue).joined(separator: ", ")
        let painted = f.flags.map { style.paint($0.rawValue, Self.color(of: $0)) }.joined(separator: ", ")
        let frame = TextLayout.columns("  tour , attendee : ")
        let tour = UntrustedText.forTerminal(f.tour)
        let attendee = UntrustedText.forTerminal(f.attendee)
        let tourColumns = TextLayout.columns(tour)
        let attendeeColumns = TextLayout.columns(attendee)
        // Flags on the same line when both ids fit beside them; else on the next line, ids shortened only when
        // they do not fit a line of their own.
        let flagsBelow = frame + tourColumns + attendeeColumns + TextLayout.columns(flagsText) > width
        let budget = width - frame
        var attendeeRoom = min(attendeeColumns, max(4, budget / 2))
        let tourRoom = budget - attendeeRoom
        attendeeRoom = budget - min(tourColumns, tourRoom)
        let head =
            "  tour \(TextLayout.shorten(tour, to: tourRoom)), attendee "
            + "\(TextLayout.shorten(attendee, to: attendeeRoom)):"
        var lines: [String] = []
        if flagsBelow {
            lines.append(head)
            for line in TextLayout.wrap(flagsText, width: width, first: "    ", rest: "    ") {
                let words = line.split(separator: " ", omittingEmptySubsequences: false).map { word in
                    let name = word.hasSuffix(",") ? word.dropLast() : word
                    guard let flag = FindingFlag(rawValue: String(name)) else { return String(word) }
                    return style.paint(String(name), Self.color(of: flag)) + (word.hasSuffix(",") ? "," : "")
                }
                lines.append(words.joined(separator: " "))
            }
        } else {
            lines.append(head + " " + painted)
        }
        lines += TextLayout.wrap(UntrustedText.forTerminal(f.reason), width: width, first: "      ", rest: "      ")
        return lines
    }

    /// The colour of a flag: red for what broke the connection, yellow for the rest.
    static func color(of flag: FindingFlag) -> TextColor {
        switch flag {
        case .mismatch, .timeout, .failed: return .red
        case .slow, .fallback: return .yellow
        }
    }

    /// "20.0% of connections" and `more` after a semicolon; only `more` when the share is undefined.
    private func ofConnections(_ share: Double?, _ more: String = "") -> String {
        guard share != nil else { return more }
        return TextNumber.percent(share) + " of connections" + (more.isEmpty ? "" : "; " + more)
    }

    /// "1 tour", "2,000 tours".
    func plural(_ n: Int, _ noun: String) -> String {
        "\(TextNumber.count(n)) \(noun)\(n == 1 ? "" : "s")"
    }
}
