/// Builds an `AnalysisReport` from tours added one at a time (or all at once), so the CLI only wires.
public struct ReportBuilder: Sendable {
    /// The settings findings and metrics are judged with.
    public let parameters: AnalysisParameters
    private var accumulator: SummaryAccumulator
    /// Rows in the order tours finished.
    private var rows: [TourRow] = []
    /// The findings of each row, parallel to `rows`.
    private var findingGroups: [[Finding]] = []

    /// Makes an empty builder.
    public init(parameters: AnalysisParameters = AnalysisParameters()) {
        self.parameters = parameters
        self.accumulator = SummaryAccumulator(fastThresholdMs: parameters.slowThresholdMs)
    }

    /// Adds one tour: its metrics, its findings and its row.
    public mutating func add(_ tour: TourResult) {
        accumulator.add(tour)
        var group: [Finding] = []
        for connection in tour.connections {
            if let finding = Finding.make(for: connection, guide: tour.guide, parameters: parameters) {
                group.append(finding)
            }
        }
        let row = TourRow(tour, flaggedConnections: group.count, fastThresholdMs: parameters.slowThresholdMs)
        rows.append(row)
        findingGroups.append(group)
    }

    /// The report of everything added, with the inputs' line accounting.
    public func finish(inputs: [InputAccounting], eventsWithoutTour: Int = 0) -> AnalysisReport {
        finish(inputs: InputsReport(inputs, eventsWithoutTour: eventsWithoutTour))
    }

    /// The finished report, with a complete accounting block. Rows are in tour order (first line, then id) and
    /// findings in their tour's order, whatever order the tours finished in: when a tour finishes depends on how it
    /// ended and on the other inputs, never on what it says.
    public func finish(inputs: InputsReport) -> AnalysisReport {
        // One permutation of indices, then one copy of each list in tour order.
        let order = rows.indices.sorted {
            Self.rowOrder(rows[$0], rows[$1]) || (!Self.rowOrder(rows[$1], rows[$0]) && $0 < $1)
        }
        var findings: [Finding] = []
        findings.reserveCapacity(findingGroups.reduce(0) { $0 + $1.count })
        for i in order { findings += findingGroups[i] }
        return AnalysisReport(
            parameters: parameters, inputs: inputs, summary: accumulator.summary(), findings: findings,
            tours: order.map { rows[$0] })
    }

    /// (first line, tour id), tours without a time last.
    static func rowOrder(_ a: TourRow, _ b: TourRow) -> Bool {
        switch (a.firstSeenMs, b.firstSeenMs) {
        case let (x?, y?) where x != y: return x < y
        case (.some, nil): return true
        case (nil, .some): return false
        default: return a.tour < b.tour
        }
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
