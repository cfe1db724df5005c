/// The result of `icelens tours` (schema "icelens/1", kind "tours"): a report's tour rows, all or only the flagged
/// ones, with its parameters and line accounting.
public struct TourList: Sendable, Equatable {
    /// The report the rows come from.
    public var report: AnalysisReport
    /// Only tours with a flagged connection.
    public var flaggedOnly: Bool

    /// Makes a list.
    public init(_ report: AnalysisReport, flaggedOnly: Bool = false) {
        self.report = report
        self.flaggedOnly = flaggedOnly
    }

    /// The rows shown, in tour order (materialised: the text table sizes its columns to them).
    public var rows: [TourRow] {
        var out: [TourRow] = []
        forEachRow { out.append($0) }
        return out
    }

    /// Calls `body` with each row shown, in tour order, without holding them all.
    public func forEachRow(_ body: (TourRow) throws -> Void) rethrows {
        let flaggedOnly = flaggedOnly
        try report.finished.forEachRow { row in
            if !flaggedOnly || row.flagged { try body(row) }
        }
    }
}
