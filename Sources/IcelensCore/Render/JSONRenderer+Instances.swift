extension JSONRenderer: InstanceReportRendering {
    /// Writes the instance table of `result` (kind "instances"), with the parameters and the accounting.
    public func render<Output: TextOutputStream>(_ result: InstanceReport, into output: inout Output) {
        let report = result.report
        var w = JSONWriter(output: output, style: style)
        w.beginObject()
        w.head(kind: "instances", generatedBy: report.generatedBy, parameters: report.parameters)
        w.key("instances")
        w.instances(report.instances)
        w.key("inputs")
        w.inputs(report.inputs)
        w.endObject()
        w.finish()
        output = w.output
    }
}

extension JSONWriter {
    /// The per-instance rows and the guide x attendee matrix (docs/json-schema.md, "instances").
    mutating func instances(_ table: InstanceTable) {
        beginObject()
        key("rows")
        beginArray()
        for row in table.rows {
            beginObject()
            field("instance", row.instance)
            field("connections", row.connections)
            field("connected", row.connected)
            field("failed", row.failed)
            field("incomplete", row.incomplete)
            field("timeouts", row.timeouts)
            field("mismatched", row.mismatched)
            field("success_rate", row.successRate, places: 4)
            field("ttc_p50_s", secondsFromMs: row.ttcP50Ms)
            endObject()
        }
        endArray()
        key("matrix")
        beginArray()
        for cell in table.cells {
            beginObject()
            field("guide_instance", cell.guideInstance)
            field("attendee_instance", cell.attendeeInstance)
            field("connections", cell.connections)
            field("failed", cell.failed)
            field("mismatched", cell.mismatched)
            endObject()
        }
        endArray()
        field("connections_without_instance", table.connectionsWithoutInstance)
        field("instances_not_listed", table.instancesNotListed)
        endObject()
    }
}
