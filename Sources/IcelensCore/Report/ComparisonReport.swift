/// The finished result of `icelens compare` (schema "icelens/1", kind "compare"): how the tours were split,
/// both periods' summaries, the changes, the verdicts, the mismatch-outcome tables and the input accounting.
public struct ComparisonReport: Sendable, Equatable {
    /// The schema name and version.
    public static let schema = "icelens/1"
    /// The result kind.
    public static let kind = "compare"
    /// The program that made it.
    public var generatedBy: String
    /// The settings the comparison ran with.
    public var parameters: AnalysisParameters
    /// How tours were split into periods.
    public var split: PeriodSplit
    /// Before and after, with changes, verdicts and tables.
    public var comparison: Comparison
    /// Tours in neither period (no time for a cutoff split, no label for a field split).
    public var unassignedTours: Int
    /// Connections of the unassigned tours.
    public var unassignedConnections: Int
    /// Line accounting per input and in total.
    public var inputs: InputsReport

    /// Makes a report from its parts.
    public init(
        parameters: AnalysisParameters, split: PeriodSplit, comparison: Comparison, unassignedTours: Int,
        unassignedConnections: Int, inputs: InputsReport, generatedBy: String = "icelens"
    ) {
        self.generatedBy = generatedBy
        self.parameters = parameters
        self.split = split
        self.comparison = comparison
        self.unassignedTours = unassignedTours
        self.unassignedConnections = unassignedConnections
        self.inputs = inputs
    }
}
