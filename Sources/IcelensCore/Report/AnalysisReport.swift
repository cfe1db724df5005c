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
    /// The per-TURN-instance picture: each instance's connections and the guide x attendee instance matrix.
    public var instances = InstanceTable()
    /// The counters the summary and the instance table were read from, kept so the report can be saved as a
    /// mergeable snapshot (`Snapshot(report)`).
    var summaryState = SummaryAccumulator()
    var instanceState = InstanceAccumulator()
    var hourState = HourlyAccumulator()

    /// Connections per UTC hour of the tours' first lines, every hour from the first to the last (the HTML
    /// report's hourly chart).
    public var hours: [HourCounts] { hourState.contiguous }
    /// The time-to-connect distribution in bins (the HTML report's histogram).
    public var ttcBins: TimeToConnectBins {
        TimeToConnectBins(summaryState.ttcSamplesMs, p99Ms: summary.ttcP99Ms, slowMs: parameters.slowThresholdMs)
    }
    /// The recorded days up to this run's, oldest first (`--history`; the HTML report's trend).
    public var history: [HistoryRow] = []
    /// The snapshots a merged report was made from (empty for a report read from logs): such a report has no
    /// per-tour rows or findings, only their counts.
    public var mergedFrom: [String] = []
    /// The windows a merged report covers, when there is more than one (a gap between them is in no figure).
    public var coveredWindows: [CoveredWindow] = []
    /// The flagged connections of a merged report (its snapshots' sums); nil when the findings are listed.
    public var mergedFlaggedConnections: Int?
    /// Flagged connections, whether listed or merged.
    public var flaggedConnections: Int { mergedFlaggedConnections ?? finished.findingCount }

    /// The summary of each UTC day of the tours' first lines, oldest first (kept for `--history` only).
    public var days: [DaySummary] = []
    /// The days before this run's, from the history (`report --history`), for "vs the previous 7 days".
    public var baseline: HistoryBaseline?

    /// The TURN side read from coturn logs: sessions by input then first line (`icelens sessions`), their summary and
    /// the servers' ERROR lines that name no session; nil when no coturn log was read.
    public var turn: FinishedTurnSessions?

    /// The `--fail-if` thresholds evaluated on this report, in the order given (empty without thresholds).
    public var checks: [CheckResult] = []
    /// One row per tour and the flagged connections, in tour order (first line, then id), then attendee order;
    /// read by streaming (`forEachRow`, `forEachFinding`), so a year of tours is never all in memory.
    public let finished: FinishedTours

    /// Makes a report from its parts.
    public init(
        parameters: AnalysisParameters, inputs: InputsReport, summary: Summary, finished: FinishedTours,
        generatedBy: String = "icelens"
    ) {
        self.generatedBy = generatedBy
        self.parameters = parameters
        self.inputs = inputs
        self.summary = summary
        self.finished = finished
    }

    /// A report read off its counters (a run's builder, or a snapshot): the summary, instance table and hourly
    /// counts come from them, and they are kept so the report can be saved as a snapshot.
    init(
        parameters: AnalysisParameters, inputs: InputsReport, summary: SummaryAccumulator,
        instances: InstanceAccumulator, hours: HourlyAccumulator, finished: FinishedTours
    ) {
        self.init(parameters: parameters, inputs: inputs, summary: summary.summary(), finished: finished)
        self.instances = instances.table()
        summaryState = summary
        instanceState = instances
        hourState = hours
    }

    /// Evaluates `thresholds` on the summary and the accounting, keeping the results in `checks`.
    public mutating func check(_ thresholds: [Threshold]) {
        checks = thresholds.map { CheckResult($0, summary: summary, inputs: inputs) }
    }

    /// Flagged connections, in tour order then attendee order (materialised: for tests and small results;
    /// renderers stream them with `finished.forEachFinding`).
    public var findings: [Finding] { finished.findings }
    /// One row per tour, in tour order (materialised: for tests and small results; renderers stream them with
    /// `finished.forEachRow`).
    public var tours: [TourRow] { finished.rows }

    public static func == (a: AnalysisReport, b: AnalysisReport) -> Bool {
        a.generatedBy == b.generatedBy && a.parameters == b.parameters && a.inputs == b.inputs
            && a.summary == b.summary && a.checks == b.checks && a.instances == b.instances && a.findings == b.findings
            && a.tours == b.tours
    }
}
