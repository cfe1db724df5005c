/// The per-TURN-instance picture of a run (`icelens instances`, the report's "TURN instances" section): for each
/// instance, the connections that used it on either side and how they went; and the guide-instance x
/// attendee-instance matrix of connections and failures, where failures off the diagonal are the incident's
/// signature. Finished figures only: renderers show them as they are.
public struct InstanceTable: Sendable, Equatable {
    /// One TURN instance's connections.
    public struct Row: Sendable, Equatable {
        /// The host name.
        public var instance: String
        /// Connections with an attempt on it, either side.
        public var connections: Int
        /// Of those, connected.
        public var connected: Int
        /// Of those, failed.
        public var failed: Int
        /// Of those, incomplete.
        public var incomplete: Int
        /// Of those, with a timed-out attempt.
        public var timeouts: Int
        /// Of those, with a mismatched attempt.
        public var mismatched: Int
        /// Nearest-rank median time to connect of those connected, in ms.
        public var ttcP50Ms: Int64?

        /// connected / (connected + failed), or nil.
        public var successRate: Double? {
            connected + failed > 0 ? Double(connected) / Double(connected + failed) : nil
        }
    }

    /// One cell of the matrix: connections whose telling attempt (the first mismatched, else the last) had this
    /// guide instance and this attendee instance (nil: not known).
    public struct Cell: Sendable, Equatable {
        /// The guide side's instance, or nil when unknown.
        public var guideInstance: String?
        /// The attendee side's instance, or nil when unknown.
        public var attendeeInstance: String?
        /// Connections in the cell.
        public var connections: Int
        /// Of those, failed.
        public var failed: Int

        /// Both known and different.
        public var mismatched: Bool {
            guard let g = guideInstance, let a = attendeeInstance else { return false }
            return g != a
        }
    }

    /// Instances by connections (most first), then name.
    public var rows: [Row]
    /// Cells with at least one connection, by guide instance then attendee instance (unknown last).
    public var cells: [Cell]
    /// Connections without any attempt on a known instance.
    public var connectionsWithoutInstance: Int
    /// Instances beyond `InstanceAccumulator.maxInstances` (hostile or broken logs), whose connections are in no row.
    public var instancesNotListed: Int

    /// An empty table.
    public init(rows: [Row] = [], cells: [Cell] = [], connectionsWithoutInstance: Int = 0, instancesNotListed: Int = 0)
    {
        self.rows = rows
        self.cells = cells
        self.connectionsWithoutInstance = connectionsWithoutInstance
        self.instancesNotListed = instancesNotListed
    }

    /// Guide instances of the matrix, in order (unknown last as nil).
    public var guideInstances: [String?] { Self.ordered(cells.map(\.guideInstance)) }
    /// Attendee instances of the matrix, in order (unknown last as nil).
    public var attendeeInstances: [String?] { Self.ordered(cells.map(\.attendeeInstance)) }

    /// The cell of a guide and an attendee instance, if it has connections.
    public func cell(guide: String?, attendee: String?) -> Cell? {
        cells.first { $0.guideInstance == guide && $0.attendeeInstance == attendee }
    }

    private static func ordered(_ names: [String?]) -> [String?] {
        let known = Set(names.compactMap { $0 }).sorted(by: InstanceAccumulator.hostOrder)
        return known.map(Optional.some) + (names.contains(where: { $0 == nil }) ? [nil] : [])
    }
}
