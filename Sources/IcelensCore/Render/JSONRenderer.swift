/// Renders results as JSON in the documented `icelens/1` schema (docs/json-schema.md): keys in a fixed order,
/// nil as `null`, rates to 4 decimals, seconds to 3, every string escaped per RFC 8259. It computes nothing:
/// every value it writes is a field of the result.
public struct JSONRenderer: ReportRendering, ComparisonRendering {
    /// Pretty (2-space indentation, the default) or compact (one line).
    public var style: JSONStyle

    /// Makes a renderer.
    public init(style: JSONStyle = .pretty) {
        self.style = style
    }

    /// Makes the renderer for a run's options.
    public init(options: RenderOptions) {
        self.init(style: options.json)
    }

    /// Writes `report` (kind "report") into `output`, ending with a newline.
    public func render<Output: TextOutputStream>(_ report: AnalysisReport, into output: inout Output) {
        var w = JSONWriter(output: output, style: style)
        w.beginObject()
        w.head(kind: AnalysisReport.kind, generatedBy: report.generatedBy, parameters: report.parameters)
        if !report.checks.isEmpty {
            w.key("checks")
            w.checks(report.checks)
        }
        if let baseline = report.baseline {
            w.key("vs_previous_days")
            w.baseline(baseline)
        }
        w.key("inputs")
        w.inputs(report.inputs)
        w.key("summary")
        w.summary(report.summary)
        w.key("instances")
        w.instances(report.instances)
        if let turn = report.turnSummary {
            w.key("turn")
            w.turnSummary(turn)
        }
        if report.mergedFrom.isEmpty {
            w.key("findings")
            w.beginArray()
            report.finished.forEachFinding { w.finding($0) }
            w.endArray()
            w.key("tours")
            w.beginArray()
            report.finished.forEachRow { w.tourRow($0) }
            w.endArray()
        } else {
            // A merge of snapshots: the per-tour detail stays in each run's own report.
            w.field("flagged_connections", report.flaggedConnections)
            w.key("merged_from")
            w.beginArray()
            for source in report.mergedFrom { w.string(source) }
            w.endArray()
            w.key("covered_windows")
            w.beginArray()
            for window in report.coveredWindows {
                w.beginObject()
                w.field("since", timeMs: window.sinceMs)
                w.field("until", timeMs: window.untilMs)
                w.endObject()
            }
            w.endArray()
        }
        w.endObject()
        w.finish()
        output = w.output
    }

    /// Writes `report` (kind "compare") into `output`, ending with a newline.
    public func render<Output: TextOutputStream>(_ report: ComparisonReport, into output: inout Output) {
        var w = JSONWriter(output: output, style: style)
        let comparison = report.comparison
        w.beginObject()
        w.head(kind: ComparisonReport.kind, generatedBy: report.generatedBy, parameters: report.parameters)
        w.key("split")
        w.split(report.split)
        w.key("periods")
        w.beginObject()
        w.key("before")
        w.summary(comparison.before)
        w.key("after")
        w.summary(comparison.after)
        w.endObject()
        w.key("unassigned")
        w.beginObject()
        w.field("tours", report.unassignedTours)
        w.field("connections", report.unassignedConnections)
        w.endObject()
        w.key("changes")
        w.beginObject()
        for change in comparison.changes { w.change(change) }
        w.endObject()
        w.key("verdicts")
        w.beginObject()
        for verdict in comparison.verdicts {
            w.key(verdict.promise.rawValue)
            w.beginObject()
            w.field("status", verdict.status.rawValue)
            w.field("explanation", verdict.explanation)
            w.endObject()
        }
        w.endObject()
        w.key("mismatch_outcome")
        w.beginObject()
        w.key("all")
        w.mismatchOutcome(comparison.mismatchOutcomeAll)
        w.key("before")
        w.mismatchOutcome(comparison.mismatchOutcomeBefore)
        w.key("after")
        w.mismatchOutcome(comparison.mismatchOutcomeAfter)
        w.endObject()
        w.key("inputs")
        w.inputs(report.inputs)
        w.endObject()
        w.finish()
        output = w.output
    }

    /// The report as a JSON string.
    public func string(_ report: AnalysisReport) -> String {
        var text = ""
        render(report, into: &text)
        return text
    }

    /// The comparison report as a JSON string.
    public func string(_ report: ComparisonReport) -> String {
        var text = ""
        render(report, into: &text)
        return text
    }
}
