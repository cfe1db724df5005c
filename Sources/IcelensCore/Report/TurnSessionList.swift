/// The result of `icelens sessions` (schema "icelens/1", kind "sessions"): one record per TURN session read from
/// coturn logs, the server errors that name no session, the run's parameters and its line accounting.
public struct TurnSessionList: Sendable {
    /// The report the sessions come from.
    public var report: AnalysisReport

    /// Makes a list.
    public init(_ report: AnalysisReport) {
        self.report = report
    }

    /// Calls `body` with each session, by input then first line, without holding them all.
    public func forEachSession(_ body: (TurnSession) throws -> Void) rethrows {
        try report.turn?.forEach(body)
    }

    /// The sessions, by input then first line (materialised: the text table sizes its columns to them; tests).
    public var sessions: [TurnSession] { report.turnSessions }
    /// The server errors that name no session.
    public var errors: [TurnServerError] { report.turnErrors }
}
