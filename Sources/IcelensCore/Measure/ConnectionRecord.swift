/// One row of `icelens connections`: a connection with everything a reader needs to judge it alone (its tour's
/// guide, its period, its flags), so renderers write it without computing anything.
public struct ConnectionRecord: Sendable, Equatable {
    /// The connection, with its attempts.
    public var connection: ConnectionResult
    /// The guide's peer id of its tour, when seen.
    public var guide: String?
    /// Its tour's period when the run splits into before and after, else nil.
    public var period: Period?
    /// Why it is flagged (empty: not flagged), in `FindingFlag.allCases` order.
    public var flags: [FindingFlag]
    /// The TURN session that carried it, when a coturn log read in the same run has it (`ConnectionList`).
    public var turnSession: TurnSession?

    /// Makes a record from its parts.
    public init(connection: ConnectionResult, guide: String?, period: Period?, flags: [FindingFlag]) {
        self.connection = connection
        self.guide = guide
        self.period = period
        self.flags = flags
    }

    /// The records of `tour`'s connections, flagged with `parameters`, with the tour's period under `split`.
    public static func records(
        of tour: TourResult, split: PeriodSplit?, parameters: AnalysisParameters
    ) -> [ConnectionRecord] {
        let period = split.map { $0.period(of: tour) }
        let all =
            tour.probes.isEmpty
            ? tour.connections : (tour.connections + tour.probes).sorted { $0.attendee < $1.attendee }
        return all.map { connection in
            ConnectionRecord(
                connection: connection, guide: tour.guide, period: period,
                flags: connection.isProbe
                    ? [] : Finding.make(for: connection, guide: tour.guide, parameters: parameters)?.flags ?? [])
        }
    }

}
