/// The rows and findings of finished tours, handed back in tour order (first line, then id; ties in the order they
/// finished) without holding them all in memory: a report over a year of logs must not grow with the tours it has
/// already finished. Up to `batchLimit` tours (2,048, or about 2 MiB) wait in memory; then they are sorted and written as
/// one run to an unlinked temporary file (in `TMPDIR`, else /tmp), and reading merges the runs (`SortedSpill`). Small inputs never
/// touch the disk. When no temporary file can be made or written, the tours simply stay in memory.
///
/// Filled by `ReportBuilder`, then sealed and read only (renderers may read it several times).
public final class FinishedTours: @unchecked Sendable {
    /// One finished tour.
    struct Entry {
        var row: TourRow
        var findings: [Finding]
        /// The tour's connection records, kept only for `icelens connections` (else empty).
        var connections: [ConnectionRecord] = []
        var sequence: Int
    }

    /// The tours, sorted and spilled.
    private let store: SortedSpill<Entry>

    /// Tours added.
    public private(set) var tourCount = 0
    /// Findings added.
    public private(set) var findingCount = 0
    /// Tours with at least one finding.
    public private(set) var flaggedTourCount = 0
    /// Set when a spilled run could not be read back (an I/O error): iteration stopped early.
    public var readFailure: String? { store.readFailure }

    /// Makes an empty store; `batchLimit` tours (or about `byteLimit` bytes of them) wait in memory before a run is
    /// spilled into a file in `directory` (nil: `TMPDIR`, else /tmp).
    public init(batchLimit: Int = 2048, byteLimit: Int = 2 << 20, directory: String? = nil) {
        store = SortedSpill(batchLimit: batchLimit, byteLimit: byteLimit, directory: directory)
    }

    /// Number of runs written to the temporary file (0 for small inputs).
    public var spilledRuns: Int { store.spilledRuns }

    /// Connection records added.
    public private(set) var connectionCount = 0

    /// Adds a finished tour's row and findings, and its connection records when they are kept (before `seal`).
    public func add(row: TourRow, findings: [Finding], connections: [ConnectionRecord] = []) {
        store.add(Entry(row: row, findings: findings, connections: connections, sequence: tourCount))
        tourCount += 1
        findingCount += findings.count
        connectionCount += connections.count
        if !findings.isEmpty { flaggedTourCount += 1 }
    }

    /// Ends adding: from now on the store is read only.
    public func seal() { store.seal() }

    /// Calls `body` with each tour's row and findings, in tour order, until it returns false. The sorted runs in
    /// the file and the tours still in memory are merged.
    public func forEach(_ body: (TourRow, [Finding]) throws -> Bool) rethrows {
        try forEachEntry { try body($0.row, $0.findings) }
    }

    /// Calls `body` with each connection record kept, in tour order (then attendee order).
    public func forEachConnection(_ body: (ConnectionRecord) throws -> Void) rethrows {
        try forEachEntry { entry in
            for record in entry.connections { try body(record) }
            return true
        }
    }

    /// Calls `body` with each tour's entry, in tour order, until it returns false.
    func forEachEntry(_ body: (Entry) throws -> Bool) rethrows {
        try store.forEach(body)
    }

    /// Every row, in tour order (materialised: for tests and small results).
    public var rows: [TourRow] {
        var out: [TourRow] = []
        forEach { row, _ in
            out.append(row)
            return true
        }
        return out
    }

    /// Every finding, in tour order (materialised: for tests and small results).
    public var findings: [Finding] {
        prefixFindings(Int.max)
    }

    /// The first `limit` findings in tour order.
    public func prefixFindings(_ limit: Int) -> [Finding] {
        var out: [Finding] = []
        guard limit > 0 else { return out }
        forEach { _, findings in
            for f in findings {
                out.append(f)
                if out.count >= limit { return false }
            }
            return true
        }
        return out
    }

    /// Calls `body` with each row in tour order.
    public func forEachRow(_ body: (TourRow) throws -> Void) rethrows {
        try forEach { row, _ in
            try body(row)
            return true
        }
    }

    /// Calls `body` with each finding in tour order.
    public func forEachFinding(_ body: (Finding) throws -> Void) rethrows {
        try forEach { _, findings in
            for f in findings { try body(f) }
            return true
        }
    }
}

extension FinishedTours.Entry: SpillRecord {
    static var spillName: String { "finished tours" }

    /// Tour order: (first line, tour id), tours without a time last, then the order they finished in.
    static func inOrder(_ a: Self, _ b: Self) -> Bool {
        switch (a.row.firstSeenMs, b.row.firstSeenMs) {
        case let (x?, y?) where x != y: return x < y
        case (.some, nil): return true
        case (nil, .some): return false
        default: return a.row.tour != b.row.tour ? a.row.tour < b.row.tour : a.sequence < b.sequence
        }
    }

    func encode(_ e: SpillEncoder) {
        e.int(sequence)
        e.row(row)
        e.int(findings.count)
        for f in findings { e.finding(f) }
        e.int(connections.count)
        for c in connections { e.connection(c) }
    }

    static func decode(_ d: inout SpillDecoder) throws -> Self {
        let sequence = try d.int()
        let row = try d.row()
        var findings: [Finding] = []
        for _ in 0..<(try d.count()) { findings.append(try d.finding()) }
        var connections: [ConnectionRecord] = []
        for _ in 0..<(try d.count()) { connections.append(try d.connection()) }
        return Self(row: row, findings: findings, connections: connections, sequence: sequence)
    }

    var memoryBytes: Int {
        256 + findings.reduce(0) { $0 + 160 + $1.reason.utf8.count }
            + connections.reduce(0) { $0 + 200 + 120 * $1.connection.attempts.count }
    }
}
