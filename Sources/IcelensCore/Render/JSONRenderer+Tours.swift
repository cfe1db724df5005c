extension JSONRenderer {
    /// Writes the tour rows of `report` (kind "tours"), optionally only the flagged ones, with the accounting.
    public func renderTours<Output: TextOutputStream>(
        _ report: AnalysisReport, flaggedOnly: Bool, into output: inout Output
    ) {
        var w = JSONWriter(output: output, style: style)
        w.beginObject()
        w.field("schema", AnalysisReport.schema)
        w.field("kind", "tours")
        w.field("generated_by", report.generatedBy)
        w.key("parameters")
        w.parameters(report.parameters)
        w.field("flagged_only", flaggedOnly)
        w.key("tours")
        w.beginArray()
        for row in report.tours where !flaggedOnly || row.flagged { w.tourRow(row) }
        w.endArray()
        w.key("inputs")
        w.inputs(report.inputs)
        w.endObject()
        w.finish()
        output = w.output
    }
}
