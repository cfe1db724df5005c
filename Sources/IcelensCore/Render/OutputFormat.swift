/// An output format icelens can write. Each case names its renderer; which results (report, comparison, tour list)
/// a format can show follows from the rendering protocols its renderer adopts, so each command's `--help` lists
/// only the formats that work for it. Adding a format is one renderer file plus one case here.
public enum OutputFormat: String, CaseIterable, Sendable {
    /// Aligned tables and sentences for a person at a terminal.
    case text
    /// The documented `icelens/1` schema (docs/json-schema.md).
    case json
    /// One row a tour or connection, RFC 4180, for spreadsheets.
    case csv
    /// One JSON object a line, each record as it is in the `json` format, for `jq` and log pipelines.
    case ndjson
    /// GitHub-flavoured Markdown tables, for mail, chat and issues.
    case markdown
    /// One self-contained HTML page with inline SVG charts, for mail and a web server.
    case html
    /// The Prometheus text exposition format, for node_exporter's textfile collector.
    case prometheus

    /// The renderer that writes this format.
    public var renderer: any OutputRenderer.Type {
        switch self {
        case .text: return TextRenderer.self
        case .json: return JSONRenderer.self
        case .csv: return CSVRenderer.self
        case .ndjson: return NDJSONRenderer.self
        case .markdown: return MarkdownRenderer.self
        case .html: return HTMLRenderer.self
        case .prometheus: return PrometheusRenderer.self
        }
    }

    /// Whether the format is read by programs: then the line accounting also goes to standard error, since the
    /// result on standard output carries it only as data.
    public var isForPrograms: Bool {
        switch self {
        case .text, .markdown, .html: return false
        case .json, .csv, .ndjson, .prometheus: return true
        }
    }

    /// Whether this format can show results of `kind`.
    public func supports(_ kind: ResultKind) -> Bool { kind.isShown(by: renderer) }

    /// The formats that can show results of `kind`, in declaration order.
    public static func formats(for kind: ResultKind) -> [OutputFormat] { allCases.filter { $0.supports(kind) } }
}
