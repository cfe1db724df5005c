/// The exact, mergeable state of one `report` run (`--snapshot FILE`): every counter of the summary, the
/// time-to-connect histograms (so merged percentiles are exact, not averaged), the per-instance rows and matrix,
/// the line accounting, the window and the parameters. A month is the merge of its days' snapshots, without reading a
/// log again (`icelens merge`), and snapshots made on many machines merge the same way. Written and read by
/// `SnapshotCodec`; merged by `Snapshot.merge`.
public struct Snapshot: Sendable {
    /// The icelens version that made it.
    public var madeBy: String
    /// The settings and the filter the run used (the window resolved to ms), and its tours read and kept.
    public var parameters: AnalysisParameters
    /// The summary's counters and time-to-connect histogram.
    var summary: SummaryAccumulator
    /// The per-instance counters and histograms.
    var instances: InstanceAccumulator
    /// The counts per hour.
    var hours = HourlyAccumulator()
    /// The line accounting of the inputs the run read.
    public var inputs: InputsReport
    /// Flagged connections (the findings are not kept, only their number).
    public var flaggedConnections: Int
    /// The runs (snapshot files) merged into this one; empty for a snapshot of one run.
    public var sources: [String] = []

    /// The snapshot of a finished report.
    public init(_ report: AnalysisReport) {
        madeBy = IcelensVersion.current
        parameters = report.parameters
        summary = report.summaryState
        instances = report.instanceState
        hours = report.hourState
        inputs = report.inputs
        flaggedConnections = report.flaggedConnections
    }

    init(
        madeBy: String, parameters: AnalysisParameters, summary: SummaryAccumulator, instances: InstanceAccumulator,
        inputs: InputsReport, flaggedConnections: Int
    ) {
        self.madeBy = madeBy
        self.parameters = parameters
        self.summary = summary
        self.instances = instances
        self.inputs = inputs
        self.flaggedConnections = flaggedConnections
    }

    /// The summary (percentiles read off the merged histogram).
    public var summaryResult: Summary { summary.summary() }

    /// The report this snapshot stands for: summary, instances, accounting and parameters, without per-tour rows
    /// or findings (only their count).
    public func report() -> AnalysisReport {
        let finished = FinishedTours()
        finished.seal()
        var report = AnalysisReport(
            parameters: parameters, inputs: inputs, summary: summary.summary(), finished: finished)
        report.instances = instances.table()
        report.summaryState = summary
        report.instanceState = instances
        report.hourState = hours
        report.mergedFrom = sources
        report.mergedFlaggedConnections = flaggedConnections
        return report
    }
}

/// Why a snapshot could not be read or merged.
public struct SnapshotError: Error, CustomStringConvertible, Equatable {
    /// The message for the user.
    public var description: String
    init(_ description: String) { self.description = description }
}
