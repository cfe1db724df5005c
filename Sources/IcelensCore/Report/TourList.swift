/// The result of `icelens tours` (schema "icelens/1", kind "tours"): a report's tour rows, all or only the flagged
/// ones, with its parameters and line accounting.
public struct TourList: Sendable, Equatable {
    /// The report the rows come from.
    public var report: AnalysisReport
    /// Only tours with a flagged connection.
    public var flaggedOnly: Bool

    /// Makes a list.
    public init(_ report: AnalysisReport, flaggedOnly: Bool = false) {
        self.report = report
        self.flaggedOnly = flaggedOnly
    }

    /// The rows shown, in tour order.
    public var rows: [TourRow] { flaggedOnly ? report.tours.filter(\.flagged) : report.tours }
}
