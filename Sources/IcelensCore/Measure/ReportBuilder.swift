/// Builds an `AnalysisReport` from tours added one at a time (or all at once), so the CLI only wires.
public struct ReportBuilder: Sendable {
    /// The settings findings and metrics are judged with.
    public let parameters: AnalysisParameters
    private var accumulator: SummaryAccumulator
    private var findings: [Finding] = []
    private var rows: [TourRow] = []

    /// Makes an empty builder.
    public init(parameters: AnalysisParameters = AnalysisParameters()) {
        self.parameters = parameters
        self.accumulator = SummaryAccumulator(fastThresholdMs: parameters.slowThresholdMs)
    }

    /// Adds one tour: its metrics, its findings and its row.
    public mutating func add(_ tour: TourResult) {
        accumulator.add(tour)
        var flagged = 0
        for connection in tour.connections {
            if let finding = Finding.make(for: connection, guide: tour.guide, parameters: parameters) {
                findings.append(finding)
                flagged += 1
            }
        }
        rows.append(TourRow(tour, flaggedConnections: flagged, fastThresholdMs: parameters.slowThresholdMs))
    }

    /// The report of everything added, with the inputs' line accounting.
    public func finish(inputs: [InputAccounting], eventsWithoutTour: Int = 0) -> AnalysisReport {
        finish(inputs: InputsReport(inputs, eventsWithoutTour: eventsWithoutTour))
    }

    /// The finished report, with a complete accounting block.
    public func finish(inputs: InputsReport) -> AnalysisReport {
        AnalysisReport(
            parameters: parameters, inputs: inputs, summary: accumulator.summary(), findings: findings, tours: rows)
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
