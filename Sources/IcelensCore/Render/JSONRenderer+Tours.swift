extension JSONRenderer: TourListRendering {
    /// Writes the tour rows of `list` (kind "tours"), with the accounting.
    public func render<Output: TextOutputStream>(_ list: TourList, into output: inout Output) {
        let report = list.report
        var w = JSONWriter(output: output, style: style)
        w.beginObject()
        w.head(kind: "tours", generatedBy: report.generatedBy, parameters: report.parameters)
        w.field("flagged_only", list.flaggedOnly)
        w.key("tours")
        w.beginArray()
        list.forEachRow { w.tourRow($0) }
        w.endArray()
        w.key("inputs")
        w.inputs(report.inputs)
        w.endObject()
        w.finish()
        output = w.output
    }
}
