/// The finished result of `icelens report` (schema "icelens/1", kind "report"): input accounting, the summary,
/// the findings and one row per tour. Renderers show it; they compute nothing.
public struct AnalysisReport: Sendable, Equatable {
    /// The schema name and version; changes only when a key's name or meaning changes.
    public static let schema = "icelens/1"
    /// The result kind.
    public static let kind = "report"
    /// The program that made it.
    public var generatedBy: String
    /// The settings the analysis ran with.
    public var parameters: AnalysisParameters
    /// Line accounting per input and in total.
    public var inputs: InputsReport
    /// The metrics of every tour.
    public var summary: Summary
    /// Flagged connections, in tour order then attendee order.
    public var findings: [Finding]
    /// One row per tour, in tour order (first line, then id).
    public var tours: [TourRow]

    /// Makes a report from its parts.
    public init(
        parameters: AnalysisParameters, inputs: InputsReport, summary: Summary, findings: [Finding],
        tours: [TourRow], generatedBy: String = "icelens"
    ) {
        self.generatedBy = generatedBy
        self.parameters = parameters
        self.inputs = inputs
        self.summary = summary
        self.findings = findings
        self.tours = tours
    }
}
