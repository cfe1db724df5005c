/// Builds a `ComparisonReport` from tours added one at a time: each goes to the period its split decides
/// (or the caller's period, for input sets), and only counters are kept.
public struct ComparisonBuilder: Sendable {
    /// How tours are split.
    public let split: PeriodSplit
    /// The settings metrics and verdicts are judged with.
    public let parameters: AnalysisParameters
    private var before: SummaryAccumulator
    private var after: SummaryAccumulator
    private var unassignedTours = 0
    private var unassignedConnections = 0

    /// Makes an empty builder.
    public init(split: PeriodSplit, parameters: AnalysisParameters = AnalysisParameters()) {
        self.split = split
        self.parameters = parameters
        self.before = SummaryAccumulator(fastThresholdMs: parameters.slowThresholdMs)
        self.after = SummaryAccumulator(fastThresholdMs: parameters.slowThresholdMs)
    }

    /// Adds a tour to the period the split decides; returns that period.
    @discardableResult
    public mutating func add(_ tour: TourResult) -> Period {
        let period = split.period(of: tour)
        add(tour, to: period)
        return period
    }

    /// Adds a tour to `period` (for `.inputSets`, where the caller knows which set a tour came from).
    public mutating func add(_ tour: TourResult, to period: Period) {
        switch period {
        case .before: before.add(tour)
        case .after: after.add(tour)
        case .unassigned:
            unassignedTours += 1
            unassignedConnections += tour.connections.count
        }
    }

    /// The comparison report of everything added, with the inputs' line accounting.
    public func finish(inputs: [InputAccounting], eventsWithoutTour: Int = 0) -> ComparisonReport {
        finish(inputs: InputsReport(inputs, eventsWithoutTour: eventsWithoutTour))
    }

    /// The finished comparison, with a complete accounting block.
    public func finish(inputs: InputsReport) -> ComparisonReport {
        ComparisonReport(
            parameters: parameters, split: split,
            comparison: Comparison(before: before.summary(), after: after.summary(), parameters: parameters),
            unassignedTours: unassignedTours, unassignedConnections: unassignedConnections,
            inputs: inputs)
    }

    /// The comparison of two tour lists given by the caller (`.inputSets`), in one call.
    public static func build(
        before: [TourResult], after: [TourResult], split: PeriodSplit, inputs: [InputAccounting],
        eventsWithoutTour: Int = 0, parameters: AnalysisParameters = AnalysisParameters()
    ) -> ComparisonReport {
        var builder = ComparisonBuilder(split: split, parameters: parameters)
        for tour in before { builder.add(tour, to: .before) }
        for tour in after { builder.add(tour, to: .after) }
        return builder.finish(inputs: inputs, eventsWithoutTour: eventsWithoutTour)
    }
}
