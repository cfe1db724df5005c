/// The result of `icelens connections` (schema "icelens/1", kind "connections"): one record a connection, in tour
/// order then attendee order, with the run's parameters, its split and its line accounting. The records are read
/// from the report's store of finished tours (`FinishedTours`), so a long run does not hold them all.
public struct ConnectionList: Sendable {
    /// The report the records come from (made with `ReportBuilder.ConnectionKeeping`).
    public var report: AnalysisReport
    /// The before/after split that gave each record its period, if any.
    public var split: PeriodSplit?

    /// Makes a list.
    public init(_ report: AnalysisReport, split: PeriodSplit? = nil) {
        self.report = report
        self.split = split
    }

    /// Calls `body` with each record, in order, without holding them all; a record read from a dump carries the
    /// TURN session of a coturn log read in the same run that carried it (`TurnSessionJoin`).
    public func forEach(_ body: (ConnectionRecord) throws -> Void) rethrows {
        guard let turn = report.turn, let join = TurnSessionJoin(turn, connections: report.finished) else {
            return try report.finished.forEachConnection(body)
        }
        try report.finished.forEachConnection { record in
            var record = record
            record.turnSession = join.session(of: record.connection)
            try body(record)
        }
    }

    /// Every record (materialised: the text table sizes its columns to them; tests).
    public var records: [ConnectionRecord] {
        var out: [ConnectionRecord] = []
        forEach { out.append($0) }
        return out
    }
}
