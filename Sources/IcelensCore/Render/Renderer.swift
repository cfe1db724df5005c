/// How the renderers of a run should look: the text style (colour, width) and the JSON style (pretty, compact).
public struct RenderOptions: Sendable {
    /// For text.
    public var text: TextStyle
    /// For JSON.
    public var json: JSONStyle

    /// Makes options; the defaults are 80 plain columns and indented JSON.
    public init(text: TextStyle = TextStyle(), json: JSONStyle = .pretty) {
        self.text = text
        self.json = json
    }
}

/// A renderer of one output format: made from the run's options, it writes finished results and computes nothing.
/// It shows a kind of result by adopting that kind's protocol (`ReportRendering`, ...).
public protocol OutputRenderer: Sendable {
    /// Makes the renderer for a run.
    init(options: RenderOptions)
}

/// Writes the result of `icelens report`.
public protocol ReportRendering: OutputRenderer {
    /// Writes `report` into `out`, ending with a newline.
    func render<O: TextOutputStream>(_ report: AnalysisReport, into out: inout O)
}

/// Writes the result of `icelens compare`.
public protocol ComparisonRendering: OutputRenderer {
    /// Writes `report` into `out`, ending with a newline.
    func render<O: TextOutputStream>(_ report: ComparisonReport, into out: inout O)
}

/// Writes the result of `icelens tours`.
public protocol TourListRendering: OutputRenderer {
    /// Writes `list` into `out`, ending with a newline.
    func render<O: TextOutputStream>(_ list: TourList, into out: inout O)
}

/// Writes the result of `icelens connections`.
public protocol ConnectionListRendering: OutputRenderer {
    /// Writes `list` into `out`, ending with a newline.
    func render<O: TextOutputStream>(_ list: ConnectionList, into out: inout O)
}

/// Writes the result of `icelens instances`.
public protocol InstanceReportRendering: OutputRenderer {
    /// Writes `result` into `out`, ending with a newline.
    func render<O: TextOutputStream>(_ result: InstanceReport, into out: inout O)
}

/// Writes the result of `icelens timeline`.
public protocol TimelineRendering: OutputRenderer {
    /// Writes `timeline` into `out`, ending with a newline.
    func render<O: TextOutputStream>(_ timeline: Timeline, into out: inout O)
}

/// Writes the result of `icelens history`.
/// A renderer that can show the TURN sessions of coturn logs (`icelens sessions`).
public protocol TurnSessionListRendering: OutputRenderer {
    /// Writes `list` to `out`.
    func render<O: TextOutputStream>(_ list: TurnSessionList, into out: inout O)
}

public protocol HistoryRendering: OutputRenderer {
    /// Writes `table` into `out`, ending with a newline.
    func render<O: TextOutputStream>(_ table: HistoryTable, into out: inout O)
}

/// The kinds of result a command shows; each has its rendering protocol.
public enum ResultKind: String, Sendable, CaseIterable {
    case report, comparison, tourList, connectionList, instanceReport, timeline, history, sessionList

    /// Whether renderers of `type` can show this kind.
    func isShown(by type: any OutputRenderer.Type) -> Bool {
        switch self {
        case .report: return type is any ReportRendering.Type
        case .comparison: return type is any ComparisonRendering.Type
        case .tourList: return type is any TourListRendering.Type
        case .connectionList: return type is any ConnectionListRendering.Type
        case .instanceReport: return type is any InstanceReportRendering.Type
        case .timeline: return type is any TimelineRendering.Type
        case .history: return type is any HistoryRendering.Type
        case .sessionList: return type is any TurnSessionListRendering.Type
        }
    }
}

extension OutputFormat {
    /// Writes `report` in this format; false (nothing written) when the format cannot show a report.
    @discardableResult
    public func render<O: TextOutputStream>(_ report: AnalysisReport, options: RenderOptions, into out: inout O)
        -> Bool
    {
        guard let type = renderer as? any ReportRendering.Type else { return false }
        type.init(options: options).render(report, into: &out)
        return true
    }

    /// Writes `report` in this format; false (nothing written) when the format cannot show a comparison.
    @discardableResult
    public func render<O: TextOutputStream>(_ report: ComparisonReport, options: RenderOptions, into out: inout O)
        -> Bool
    {
        guard let type = renderer as? any ComparisonRendering.Type else { return false }
        type.init(options: options).render(report, into: &out)
        return true
    }

    /// Writes `timeline` in this format; false (nothing written) when the format cannot show a timeline.
    @discardableResult
    public func render<O: TextOutputStream>(_ timeline: Timeline, options: RenderOptions, into out: inout O) -> Bool {
        guard let type = renderer as? any TimelineRendering.Type else { return false }
        type.init(options: options).render(timeline, into: &out)
        return true
    }

    /// Writes `result` in this format; false (nothing written) when the format cannot show an instance report.
    @discardableResult
    public func render<O: TextOutputStream>(_ result: InstanceReport, options: RenderOptions, into out: inout O)
        -> Bool
    {
        guard let type = renderer as? any InstanceReportRendering.Type else { return false }
        type.init(options: options).render(result, into: &out)
        return true
    }

    /// Writes `list` in this format; false (nothing written) when the format cannot show a connection list.
    @discardableResult
    public func render<O: TextOutputStream>(_ list: ConnectionList, options: RenderOptions, into out: inout O)
        -> Bool
    {
        guard let type = renderer as? any ConnectionListRendering.Type else { return false }
        type.init(options: options).render(list, into: &out)
        return true
    }

    /// Writes `table` in this format; false (nothing written) when the format cannot show a history.
    @discardableResult
    public func render<O: TextOutputStream>(_ table: HistoryTable, options: RenderOptions, into out: inout O) -> Bool {
        guard let type = renderer as? any HistoryRendering.Type else { return false }
        type.init(options: options).render(table, into: &out)
        return true
    }

    /// Writes `list` in this format; false (nothing written) when the format cannot show a tour list.
    @discardableResult
    public func render<O: TextOutputStream>(_ list: TourList, options: RenderOptions, into out: inout O) -> Bool {
        guard let type = renderer as? any TourListRendering.Type else { return false }
        type.init(options: options).render(list, into: &out)
        return true
    }

    /// Renders the TURN sessions `list` with this format's renderer; false when the format cannot show them.
    @discardableResult
    public func render<O: TextOutputStream>(_ list: TurnSessionList, options: RenderOptions, into out: inout O)
        -> Bool
    {
        guard let type = renderer as? any TurnSessionListRendering.Type else { return false }
        type.init(options: options).render(list, into: &out)
        return true
    }
}
