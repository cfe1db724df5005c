/// Builds an `InstanceTable` from connections added one at a time: counters per instance and per matrix cell, and a
/// time-to-connect histogram per instance, so memory grows with the number of instances (capped at
/// `maxInstances`: a log naming thousands of hosts cannot grow it), never with connections.
public struct InstanceAccumulator: Sendable {
    /// Most instances counted; connections of further instances are counted in `instancesNotListed` only.
    public static let maxInstances = 256

    struct CellKey: Hashable, Sendable {
        var guide: String?
        var attendee: String?
    }

    /// Instance rows and their histograms, by position (mutated in place: a histogram copied out of a dictionary
    /// and written back was copied whole, ~2,000 instructions a connection).
    var position: [String: Int] = [:]
    var rows: [InstanceTable.Row] = []
    var ttc: [MillisecondHistogram] = []
    var cellPosition: [CellKey: Int] = [:]
    var cells: [InstanceTable.Cell] = []
    var withoutInstance = 0
    var notListed = Set<String>()

    /// An empty accumulator.
    public init() {}

    /// Adds one connection.
    public mutating func add(_ connection: ConnectionResult) {
        var first: String?
        var second: String?
        var more: [String] = []
        func note(_ host: String?) {
            guard let host, host != first, host != second, !more.contains(host) else { return }
            if first == nil { first = host } else if second == nil { second = host } else { more.append(host) }
        }
        for attempt in connection.attempts {
            note(attempt.guideInstance)
            note(attempt.attendeeInstance)
        }
        if first == nil { withoutInstance += 1 }
        if let first { count(connection, on: first) }
        if let second { count(connection, on: second) }
        for host in more { count(connection, on: host) }

        let telling = connection.attempts.first(where: \.mismatched) ?? connection.attempts.last
        let key = CellKey(guide: telling?.guideInstance, attendee: telling?.attendeeInstance)
        guard let i = cellIndex(key) else { return }
        cells[i].connections += 1
        if connection.outcome == .failed { cells[i].failed += 1 }
    }

    private mutating func count(_ connection: ConnectionResult, on host: String) {
        guard let i = rowIndex(host) else { return }
        rows[i].connections += 1
        switch connection.outcome {
        case .connected:
            rows[i].connected += 1
            if let ms = connection.timeToConnectMs, ms >= 0 { ttc[i].add(Int32(clamping: ms)) }
        case .failed: rows[i].failed += 1
        case .incomplete: rows[i].incomplete += 1
        }
        if connection.timedOut { rows[i].timeouts += 1 }
        if connection.mismatched { rows[i].mismatched += 1 }
    }

    /// Adds everything `other` counted (`icelens merge`): rows and cells by name, histograms merged, the same
    /// caps applied.
    public mutating func merge(_ other: InstanceAccumulator) {
        for (j, row) in other.rows.enumerated() {
            guard let i = rowIndex(row.instance) else { continue }
            rows[i].connections += row.connections
            rows[i].connected += row.connected
            rows[i].failed += row.failed
            rows[i].incomplete += row.incomplete
            rows[i].timeouts += row.timeouts
            rows[i].mismatched += row.mismatched
            ttc[i].merge(other.ttc[j])
        }
        for cell in other.cells {
            guard let i = cellIndex(CellKey(guide: cell.guideInstance, attendee: cell.attendeeInstance)) else {
                continue
            }
            cells[i].connections += cell.connections
            cells[i].failed += cell.failed
        }
        withoutInstance += other.withoutInstance
        for host in other.notListed where notListed.count < Self.maxInstances { notListed.insert(host) }
    }

    /// The position of `host`'s row, made when new; nil over the cap (then the host is noted as not listed).
    mutating func rowIndex(_ host: String) -> Int? {
        if let known = position[host] { return known }
        guard rows.count < Self.maxInstances else {
            if notListed.count < Self.maxInstances { notListed.insert(host) }
            return nil
        }
        position[host] = rows.count
        rows.append(
            InstanceTable.Row(
                instance: host, connections: 0, connected: 0, failed: 0, incomplete: 0, timeouts: 0, mismatched: 0,
                ttcP50Ms: nil))
        ttc.append(MillisecondHistogram())
        return rows.count - 1
    }

    /// The position of a matrix cell, made when new; nil over the cap.
    mutating func cellIndex(_ key: CellKey) -> Int? {
        if let known = cellPosition[key] { return known }
        guard cells.count < Self.maxInstances * 4 else { return nil }
        cellPosition[key] = cells.count
        cells.append(
            InstanceTable.Cell(guideInstance: key.guide, attendeeInstance: key.attendee, connections: 0, failed: 0))
        return cells.count - 1
    }

    /// Adds every connection of `tour`.
    public mutating func add(_ tour: TourResult) {
        for connection in tour.connections { add(connection) }
    }

    /// The table of everything added so far.
    public func table() -> InstanceTable {
        let listed = rows.indices.map { i -> InstanceTable.Row in
            var row = rows[i]
            row.ttcP50Ms = ttc[i].nearestRanks([50])[0].map(Int64.init)
            return row
        }.sorted { a, b in
            a.connections != b.connections ? a.connections > b.connections : Self.hostOrder(a.instance, b.instance)
        }
        let sortedCells = cells.sorted { a, b in
            if a.guideInstance != b.guideInstance { return Self.optionalOrder(a.guideInstance, b.guideInstance) }
            return Self.optionalOrder(a.attendeeInstance, b.attendeeInstance)
        }
        return InstanceTable(
            rows: listed, cells: sortedCells, connectionsWithoutInstance: withoutInstance,
            instancesNotListed: notListed.count)
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
