/// Everything an analysis run needs: how to read, how to correlate, and the thresholds of the metrics.
public struct AnalysisSettings: Sendable {
    /// Reading and classification.
    public var scan: ScanOptions
    /// Correlation (ICE timeout, idle window).
    public var correlation: CorrelationConfig
    /// Metric thresholds (timeout, slow, API-call target).
    public var parameters: AnalysisParameters
    /// Whether the report also keeps a summary per UTC day of the tours' first lines (`--history`).
    public var keepsDays = false

    /// Makes settings from typed flag values.
    public init(scan: ScanOptions = ScanOptions(), timeout: TimeSpan, idleWindow: TimeSpan) {
        self.init(scan: scan, timeoutMs: timeout.ms, idleCloseMs: idleWindow.ms)
    }

    /// Makes settings with a filter (`TourFilter`).
    public init(scan: ScanOptions = ScanOptions(), timeout: TimeSpan, idleWindow: TimeSpan, filter: TourFilter) {
        self.init(scan: scan, timeoutMs: timeout.ms, idleCloseMs: idleWindow.ms)
        parameters.filter = filter
    }

    /// Makes settings; the ICE timeout is kept the same in correlation and parameters.
    public init(scan: ScanOptions = ScanOptions(), timeoutMs: Int64 = 30_000, idleCloseMs: Int64 = 3 * 3_600_000) {
        self.scan = scan
        self.correlation = CorrelationConfig(timeoutMs: timeoutMs, idleCloseMs: idleCloseMs)
        self.parameters = AnalysisParameters(timeoutMs: timeoutMs)
    }
}

/// The analysis jobs behind `report`, `tours` and `compare`: stream inputs into tours and build the finished result.
public enum Analysis {
    /// Reads `inputs` and builds the report (summary, findings, tour rows, accounting).
    public static func report(
        _ inputs: [InputSpec], settings: AnalysisSettings, keeping: ReportBuilder.ConnectionKeeping? = nil
    ) throws -> AnalysisReport {
        try report(
            TourStream(inputs: inputs, options: settings.scan, correlation: settings.correlation), settings: settings,
            keeping: keeping)
    }

    /// Reads one tour (and, with `peer`, one connection of it) into its timeline: its events in log-time order with
    /// each attempt's start and verdict, from the same run that correlates them.
    public static func timeline(
        _ located: LocatedInputs, tour: String, peer: String?, settings: AnalysisSettings
    ) throws -> Timeline {
        var settings = settings
        settings.parameters.filter.tours = [tour]
        settings.parameters.filter.peer = peer
        var collector = TimelineBuilder(tour: tour, peer: peer)
        var stream = TourStream(inputs: located.inputs, options: settings.scan, correlation: settings.correlation)
        stream.eventTap = { collector.offer($0) }
        var result = try report(stream, settings: settings, keeping: ReportBuilder.ConnectionKeeping())
        result.inputs.failures = located.failures + result.inputs.failures
        let connections = ConnectionList(result).records
        return collector.timeline(
            report: result, connections: connections, inputNames: located.inputs.map(\.displayName),
            timeoutMs: settings.parameters.timeoutMs)
    }

    static func report(
        _ stream: TourStream, settings: AnalysisSettings, keeping: ReportBuilder.ConnectionKeeping?
    ) throws -> AnalysisReport {
        var builder = ReportBuilder(parameters: settings.parameters)
        builder.keepsDays = settings.keepsDays
        let parameters = settings.parameters
        let filter = parameters.filter
        var gate = TourGate<ReportBuilder.Contribution>(window: filter.window)
        var seen = 0
        var kept = 0
        let outcome = try stream.run(
            prepare: { tour in
                filter.trimmed(tour, parameters: parameters).map {
                    ReportBuilder.contribution(of: $0, parameters: parameters, keeping: keeping)
                }
            },
            onTourAt: { contribution, newestMs in
                seen += 1
                guard let contribution else { return }
                gate.offer(contribution, firstSeenMs: contribution.tour.firstSeenMs, newestMs: newestMs) {
                    kept += 1
                    builder.add($0)
                }
            })
        gate.finish(newestMs: outcome.newestEventMs) {
            kept += 1
            builder.add($0)
        }
        var report = builder.finish(inputs: inputsReport(outcome))
        report.parameters.resolveWindow(newestMs: outcome.newestEventMs)
        let turn = stream.options.turnSessions
        turn.seal()
        if turn.summary != nil { report.turn = turn }
        if !filter.keepsEverything {
            report.parameters.toursSeen = seen
            report.parameters.toursKept = kept
        }
        return report
    }

    /// Runs `stream`, handing `add` each tour the filter of `parameters` keeps (trimmed to the connections kept),
    /// with the newest event time at the end.
    static func filtered(
        _ stream: TourStream, parameters: AnalysisParameters, add: (TourResult) throws -> Void
    ) throws -> TourStream.Outcome {
        let filter = parameters.filter
        var gate = TourGate<TourResult>(window: filter.window)
        let outcome = try stream.run(
            prepare: { filter.trimmed($0, parameters: parameters) },
            onTourAt: { tour, newestMs in
                guard let tour else { return }
                try gate.offer(tour, firstSeenMs: tour.firstSeenMs, newestMs: newestMs, pass: add)
            })
        try gate.finish(newestMs: outcome.newestEventMs, pass: add)
        return outcome
    }

    /// Reads `inputs` and compares the tours of two periods chosen by `split` (a cutoff time or a field value).
    public static func compare(_ inputs: [InputSpec], split: PeriodSplit, settings: AnalysisSettings) throws
        -> ComparisonReport
    {
        var builder = ComparisonBuilder(split: split, parameters: settings.parameters)
        let stream = TourStream(inputs: inputs, options: settings.scan, correlation: settings.correlation)
        let outcome = try filtered(stream, parameters: settings.parameters) { builder.add($0) }
        var report = builder.finish(inputs: inputsReport(outcome))
        report.parameters.resolveWindow(newestMs: outcome.newestEventMs)
        return report
    }

    /// Compares the tours of two sets of inputs: `before` and `after` are read as separate streams.
    public static func compare(before: [InputSpec], after: [InputSpec], settings: AnalysisSettings) throws
        -> ComparisonReport
    {
        let split = PeriodSplit.inputSets(before: before.map(\.displayName), after: after.map(\.displayName))
        var builder = ComparisonBuilder(split: split, parameters: settings.parameters)
        let first = try filtered(
            TourStream(inputs: before, options: settings.scan, correlation: settings.correlation),
            parameters: settings.parameters
        ) { builder.add($0, to: .before) }
        let second = try filtered(
            TourStream(
                inputs: after, options: settings.scan, correlation: settings.correlation, inputOffset: before.count),
            parameters: settings.parameters
        ) { builder.add($0, to: .after) }
        var both = first
        both.accounting += second.accounting
        both.failures += second.failures
        both.eventsWithoutTour += second.eventsWithoutTour
        both.droppedEvents += second.droppedEvents
        both.lateEvents += second.lateEvents
        both.timeJumps += second.timeJumps
        both.heldTourLimitReached = both.heldTourLimitReached || second.heldTourLimitReached
        both.browserEvents += second.browserEvents
        both.serverEvents += second.serverEvents
        let newest = [first.newestEventMs, second.newestEventMs].compactMap { $0 }.max()
        var report = builder.finish(inputs: inputsReport(both))
        report.parameters.resolveWindow(newestMs: newest)
        return report
    }

    /// `report(_:settings:)` over located inputs: the paths that could not be located are listed with the
    /// inputs that could not be read.
    public static func report(
        _ located: LocatedInputs, settings: AnalysisSettings, keeping: ReportBuilder.ConnectionKeeping? = nil
    ) throws -> AnalysisReport {
        var result = try report(located.inputs, settings: settings, keeping: keeping)
        result.inputs.failures = located.failures + result.inputs.failures
        return result
    }

    /// `compare(_:split:settings:)` over located inputs.
    public static func compare(_ located: LocatedInputs, split: PeriodSplit, settings: AnalysisSettings) throws
        -> ComparisonReport
    {
        var result = try compare(located.inputs, split: split, settings: settings)
        result.inputs.failures = located.failures + result.inputs.failures
        return result
    }

    /// `compare(before:after:settings:)` over located inputs.
    public static func compare(before: LocatedInputs, after: LocatedInputs, settings: AnalysisSettings) throws
        -> ComparisonReport
    {
        var result = try compare(before: before.inputs, after: after.inputs, settings: settings)
        result.inputs.failures = before.failures + after.failures + result.inputs.failures
        return result
    }

    static func inputsReport(_ o: TourStream.Outcome) -> InputsReport {
        var report = InputsReport(
            o.accounting, eventsWithoutTour: o.eventsWithoutTour, failures: o.failures, droppedEvents: o.droppedEvents,
            lateEvents: o.lateEvents, timeJumps: o.timeJumps, heldTourLimitReached: o.heldTourLimitReached)
        report.browserEvents = o.browserEvents
        report.serverEvents = o.serverEvents
        return report
    }
}
