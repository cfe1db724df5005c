/// The result of `icelens instances` (schema "icelens/1", kind "instances"): the per-TURN-instance table and the
/// guide x attendee instance matrix of a run, with its parameters and line accounting.
public struct InstanceReport: Sendable {
    /// The report the table comes from.
    public var report: AnalysisReport

    /// Makes a result.
    public init(_ report: AnalysisReport) {
        self.report = report
    }

    /// The table.
    public var table: InstanceTable { report.instances }
}
