/// Builds an `InstanceTable` from connections added one at a time: counters per instance and per matrix cell, and a
/// time-to-connect histogram per instance, so memory grows with the number of instances (capped at
/// `maxInstances`: a log naming thousands of hosts cannot grow it), never with connections.
public struct InstanceAccumulator: Sendable {
    /// Most instances counted; connections of further instances are counted in `instancesNotListed` only.
    public static let maxInstances = 256

    private struct Counts: Sendable {
        var row: InstanceTable.Row
        var ttc = MillisecondHistogram()
    }

    private struct CellKey: Hashable, Sendable {
        var guide: String?
        var attendee: String?
    }

    private var instances: [String: Counts] = [:]
    private var cells: [CellKey: InstanceTable.Cell] = [:]
    private var withoutInstance = 0
    private var notListed = Set<String>()

    /// An empty accumulator.
    public init() {}

    /// Adds one connection.
    public mutating func add(_ connection: ConnectionResult) {
        var used: [String] = []
        for attempt in connection.attempts {
            for host in [attempt.guideInstance, attempt.attendeeInstance].compactMap({ $0 })
            where !used.contains(host) {
                used.append(host)
            }
        }
        if used.isEmpty { withoutInstance += 1 }
        for host in used {
            if instances[host] == nil {
                guard instances.count < Self.maxInstances else {
                    if notListed.count < Self.maxInstances { notListed.insert(host) }
                    continue
                }
                instances[host] = Counts(
                    row: InstanceTable.Row(
                        instance: host, connections: 0, connected: 0, failed: 0, incomplete: 0, timeouts: 0,
                        mismatched: 0, ttcP50Ms: nil))
            }
            var counts = instances[host]!
            counts.row.connections += 1
            switch connection.outcome {
            case .connected:
                counts.row.connected += 1
                if let ttc = connection.timeToConnectMs, ttc >= 0 { counts.ttc.add(Int32(clamping: ttc)) }
            case .failed: counts.row.failed += 1
            case .incomplete: counts.row.incomplete += 1
            }
            if connection.timedOut { counts.row.timeouts += 1 }
            if connection.mismatched { counts.row.mismatched += 1 }
            instances[host] = counts
        }
        let telling = connection.attempts.first(where: \.mismatched) ?? connection.attempts.last
        let key = CellKey(guide: telling?.guideInstance, attendee: telling?.attendeeInstance)
        guard cells[key] != nil || cells.count < Self.maxInstances * 4 else { return }
        var cell =
            cells[key]
            ?? InstanceTable.Cell(
                guideInstance: key.guide, attendeeInstance: key.attendee, connections: 0, failed: 0)
        cell.connections += 1
        if connection.outcome == .failed { cell.failed += 1 }
        cells[key] = cell
    }

    /// Adds every connection of `tour`.
    public mutating func add(_ tour: TourResult) {
        for connection in tour.connections { add(connection) }
    }

    /// The table of everything added so far.
    public func table() -> InstanceTable {
        let rows = instances.values.map { counts -> InstanceTable.Row in
            var row = counts.row
            row.ttcP50Ms = counts.ttc.nearestRanks([50])[0].map(Int64.init)
            return row
        }.sorted { a, b in
            a.connections != b.connections ? a.connections > b.connections : Self.hostOrder(a.instance, b.instance)
        }
        let cells = cells.values.sorted { a, b in
            if a.guideInstance != b.guideInstance { return Self.optionalOrder(a.guideInstance, b.guideInstance) }
            return Self.optionalOrder(a.attendeeInstance, b.attendeeInstance)
        }
        return InstanceTable(
            rows: rows, cells: cells, connectionsWithoutInstance: withoutInstance, instancesNotListed: notListed.count)
    }

    /// Host names in a natural order: digit runs compared as numbers (fr-turn2 before fr-turn10).
    public static func hostOrder(_ a: String, _ b: String) -> Bool {
        let c = VersionOrder.compare(a, b)
        return c != 0 ? c < 0 : a < b
    }

    private static func optionalOrder(_ a: String?, _ b: String?) -> Bool {
        switch (a, b) {
        case let (x?, y?): return hostOrder(x, y)
        case (.some, nil): return true
        default: return false
        }
    }
}
