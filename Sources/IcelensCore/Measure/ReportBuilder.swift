/// Builds an `AnalysisReport` from tours added one at a time (or all at once), so the CLI only wires.
public struct ReportBuilder: Sendable {
    /// The settings findings and metrics are judged with.
    public let parameters: AnalysisParameters
    private var accumulator: SummaryAccumulator
    private var instances = InstanceAccumulator()
    /// Rows and findings of the tours added, kept in tour order without growing memory (`FinishedTours`).
    private let finished: FinishedTours
    /// Whether to keep a summary per UTC day of the tours' first lines (`report --history`).
    public var keepsDays = false
    private var days: [Int64: SummaryAccumulator] = [:]
    private var hours = HourlyAccumulator()
    /// At most this many days are kept apart (`--history`; each holds a time-to-connect histogram of up to
    /// 128 KiB); tours of further days count in the report only. A daily run needs one or two.
    public static let maxDays = 400

    /// Makes an empty builder.
    public init(parameters: AnalysisParameters = AnalysisParameters()) {
        self.parameters = parameters
        self.accumulator = SummaryAccumulator(fastThresholdMs: parameters.slowThresholdMs)
        self.finished = FinishedTours()
    }

    /// Makes an empty builder whose finished tours go to `store` (tests use a small batch to make it spill).
    init(parameters: AnalysisParameters, store: FinishedTours) {
        self.parameters = parameters
        self.accumulator = SummaryAccumulator(fastThresholdMs: parameters.slowThresholdMs)
        self.finished = store
    }

    /// Adds one tour: its metrics, its findings and its row.
    public mutating func add(_ tour: TourResult) {
        add(Self.contribution(of: tour, parameters: parameters))
    }

    /// What one tour brings to a report beside its metrics: its findings and its row. Made apart from the builder,
    /// so that it can be made on the thread that resolved the tour (`TourStream.run(prepare:onTour:)`).
    public struct Contribution: Sendable {
        /// The tour.
        public var tour: TourResult
        /// Its flagged connections.
        public var findings: [Finding]
        /// Its row.
        public var row: TourRow
        /// Its connection records, when they are kept (`icelens connections`).
        public var connections: [ConnectionRecord] = []
    }

    /// Which connection records a report keeps beside its rows and findings (`icelens connections`).
    public struct ConnectionKeeping: Sendable {
        /// The before/after split that gives each record its period, if any.
        public var split: PeriodSplit?

        /// Keeps every connection's record, with periods from `split`.
        public init(split: PeriodSplit? = nil) {
            self.split = split
        }
    }

    /// The findings and the row of `tour`, judged with `parameters`, and its connection records with `keeping`.
    public static func contribution(
        of tour: TourResult, parameters: AnalysisParameters, keeping: ConnectionKeeping? = nil
    ) -> Contribution {
        var findings: [Finding] = []
        for connection in tour.connections {
            if let finding = Finding.make(for: connection, guide: tour.guide, parameters: parameters) {
                findings.append(finding)
            }
        }
        let row = TourRow(tour, flaggedConnections: findings.count)
        let connections =
            keeping.map { ConnectionRecord.records(of: tour, split: $0.split, parameters: parameters) } ?? []
        return Contribution(tour: tour, findings: findings, row: row, connections: connections)
    }

    /// Adds one tour's contribution (made with this builder's parameters): its metrics, its findings, its row and
    /// its connection records.
    public mutating func add(_ contribution: Contribution) {
        accumulator.add(contribution.tour)
        instances.add(contribution.tour)
        hours.add(contribution.tour)
        if keepsDays, let first = contribution.tour.firstSeenMs {
            let day = DaySummary.dayIndex(ms: first)
            if days[day] != nil || days.count < Self.maxDays {
                days[day, default: SummaryAccumulator(fastThresholdMs: parameters.slowThresholdMs)].add(
                    contribution.tour)
            }
        }
        finished.add(row: contribution.row, findings: contribution.findings, connections: contribution.connections)
    }

    /// The report of everything added, with the inputs' line accounting.
    public func finish(inputs: [InputAccounting], eventsWithoutTour: Int = 0) -> AnalysisReport {
        finish(inputs: InputsReport(inputs, eventsWithoutTour: eventsWithoutTour))
    }

    /// The finished report, with a complete accounting block. Rows are in tour order (first line, then id) and
    /// findings in their tour's order, whatever order the tours finished in: when a tour finishes depends on how it
    /// ended and on the other inputs, never on what it says. Call it once: it seals the builder's store.
    public func finish(inputs: InputsReport) -> AnalysisReport {
        finished.seal()
        var report = AnalysisReport(
            parameters: parameters, inputs: inputs, summary: accumulator, instances: instances, hours: hours,
            finished: finished)
        report.days = days.keys.sorted().map { DaySummary(dayIndex: $0, summary: days[$0]!.summary()) }
        return report
    }

    /// The report of `tours` in one call.
    public static func build(
        tours: [TourResult], inputs: [InputAccounting], eventsWithoutTour: Int = 0,
        parameters: AnalysisParameters = AnalysisParameters()
    ) -> AnalysisReport {
        var builder = ReportBuilder(parameters: parameters)
        for tour in tours { builder.add(tour) }
        return builder.finish(inputs: inputs, eventsWithoutTour: eventsWithoutTour)
    }
}
