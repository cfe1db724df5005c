/// Renders the tours of a report as CSV: a header and one row per tour, fields quoted per RFC 4180 and defused
/// against spreadsheet formulas with `UntrustedText.forCSV`; lines end in "\n". Numbers are plain (no thousands
/// separators), seconds have up to 3 decimals, a missing value is an empty field.
public struct CSVRenderer: TourListRendering {
    /// The header fields, in order.
    public static let header = [
        "tour", "guide", "guide_instances", "first_seen", "label", "attendees", "connected", "failed", "incomplete",
        "mismatched", "timeouts", "ttc_p50_s", "api_calls", "flagged_connections", "flagged",
    ]

    /// Makes a renderer; CSV has no options.
    public init(options: RenderOptions = RenderOptions()) {}

    /// Writes the header and one row per tour of `list`.
    public func render<O: TextOutputStream>(_ list: TourList, into out: inout O) {
        out.write(Self.header.joined(separator: ","))
        out.write("\n")
        list.forEachRow { row in
            let fields: [String] = [
                UntrustedText.forCSV(row.tour),
                UntrustedText.forCSV(row.guide ?? ""),
                UntrustedText.forCSV(row.guideInstances.joined(separator: " ")),
                row.firstSeenMs.map { UTCTimestamp.format(ms: $0) } ?? "",
                UntrustedText.forCSV(row.label ?? ""),
                String(row.attendees), String(row.connected), String(row.failed), String(row.incomplete),
                String(row.mismatched), String(row.timeouts),
                row.ttcP50Ms.map { JSONText.seconds(ms: $0) } ?? "",
                String(row.apiCalls), String(row.flaggedConnections), row.flagged ? "true" : "false",
            ]
            out.write(fields.joined(separator: ","))
            out.write("\n")
        }
    }

    /// The tours as a CSV string.
    public static func toursString(_ report: AnalysisReport, flaggedOnly: Bool) -> String {
        var text = ""
        CSVRenderer().render(TourList(report, flaggedOnly: flaggedOnly), into: &text)
        return text
    }
}
