#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The history of daily runs in one SQLite file (`report --history FILE`): one row per UTC day, replaced when the
/// day is recorded again (re-running a day is idempotent), safe for concurrent cron runs (WAL journal, a busy
/// timeout, each recording in one IMMEDIATE transaction), with a versioned schema migrated on open (`user_version`)
/// and refused when a newer icelens made it.
public final class HistoryStore {
    /// The schema this icelens writes.
    public static let schemaVersion: Int64 = 1
    private let db: SQLiteDatabase

    /// Opens the history at `path`; `create` makes a new file when there is none (recording), else a missing file
    /// is an error (reading).
    /// `create` also decides the access: recording opens read-write (and migrates); reading opens read-only and
    /// changes nothing in the file.
    public init(path: String, create: Bool) throws(HistoryError) {
        var info = stat()
        if stat(path, &info) == 0 {
            if (info.st_mode & S_IFMT) == S_IFDIR { throw HistoryError("\(path) is a directory, not a history file") }
        } else if !create {
            throw HistoryError("\(path): no such history (report --history \(path) makes it)")
        }
        db = try SQLiteDatabase(path: path, create: create, readOnly: !create)
        if create {
            try migrate()
        } else {
            let version = try db.run("PRAGMA user_version").first?.first?.integer ?? 0
            guard version >= 1 else { throw HistoryError("\(path): not an icelens history (no schema version)") }
            guard version <= Self.schemaVersion else {
                throw HistoryError(
                    "\(path): history schema \(version) was written by a newer icelens (this one reads up to "
                        + "\(Self.schemaVersion))")
            }
        }
    }

    private func migrate() throws(HistoryError) {
        _ = try db.run("PRAGMA journal_mode=WAL")
        // Read the version inside the write lock: two first runs at once see the schema made by whichever won.
        try db.execute("BEGIN IMMEDIATE")
        do {
            try migrateLocked()
            try db.execute("COMMIT")
        } catch {
            try? db.execute("ROLLBACK")
            throw error
        }
    }

    private func migrateLocked() throws(HistoryError) {
        let version = try db.run("PRAGMA user_version").first?.first?.integer ?? 0
        if version > Self.schemaVersion {
            throw HistoryError(
                "\(db.path): history schema \(version) was written by a newer icelens (this one reads up to "
                    + "\(Self.schemaVersion))")
        }
        if version == 0 {
            let tables = try db.run("SELECT count(*) FROM sqlite_master").first?.first?.integer ?? 0
            guard tables == 0 else {
                throw HistoryError("\(db.path): not an icelens history (it holds other tables)")
            }
        }
        guard version < Self.schemaVersion else { return }
        // Version 1. A later version adds its ALTER TABLE steps here, each guarded by the version it starts from.
        try db.execute(
            """
            CREATE TABLE IF NOT EXISTS days (
                day TEXT PRIMARY KEY, day_index INTEGER NOT NULL,
                tours INTEGER NOT NULL, connections INTEGER NOT NULL, connected INTEGER NOT NULL,
                failed INTEGER NOT NULL, incomplete INTEGER NOT NULL, timeouts INTEGER NOT NULL,
                mismatched INTEGER NOT NULL, ttc_samples INTEGER NOT NULL, ttc_under_5s INTEGER NOT NULL,
                ttc_p50_ms INTEGER, ttc_p90_ms INTEGER, ttc_p99_ms INTEGER, ttc_max_ms INTEGER,
                xirsys_api_calls INTEGER NOT NULL, fallbacks INTEGER NOT NULL, attempts INTEGER NOT NULL,
                restarts INTEGER NOT NULL, window_since_ms INTEGER, window_until_ms INTEGER,
                timeout_ms INTEGER NOT NULL, icelens_version TEXT NOT NULL, recorded_at_ms INTEGER NOT NULL
            );
            PRAGMA user_version = 1;
            """)
    }

    /// Records each day of `report` (`report.days`), replacing those days' rows, in one transaction. A whole UTC
    /// day inside the run's window without any tour is recorded too, with zero counts (an outage is a row, not a
    /// gap). A day the run saw only part of (its window cuts the day) does not replace a row recorded by a run that
    /// saw all of it; those days are returned.
    @discardableResult
    public func record(_ report: AnalysisReport, recordedAtMs: Int64) throws(HistoryError) -> [String] {
        let p = report.parameters
        var days = report.days
        let dayMs: Int64 = 86_400_000
        if let since = p.windowSinceMs, let until = p.windowUntilMs, until > since {
            let first = DaySummary.dayIndex(ms: since) + (since % dayMs == 0 ? 0 : 1)
            let last = DaySummary.dayIndex(ms: until) - 1
            if first <= last, last - first < Int64(ReportBuilder.maxDays) {
                let known = Set(days.map(\.dayIndex))
                for d in first...last where !known.contains(d) {
                    days.append(DaySummary(dayIndex: d, summary: Summary()))
                }
                days.sort { $0.dayIndex < $1.dayIndex }
            }
        }
        var kept: [String] = []
        try db.execute("BEGIN IMMEDIATE")
        do {
            for day in days {
                let covers = HistoryRow(
                    day: day.date, dayIndex: day.dayIndex, summary: day.summary, windowSinceMs: p.windowSinceMs,
                    windowUntilMs: p.windowUntilMs, timeoutMs: p.timeoutMs, version: "", recordedAtMs: 0
                ).coversWholeDay
                if !covers, let existing = try rows(fromDay: day.dayIndex, toDay: day.dayIndex + 1).first,
                    existing.coversWholeDay
                {
                    kept.append(day.date)
                    continue
                }
                let s = day.summary
                func opt(_ v: Int64?) -> SQLiteDatabase.Value { v.map { .integer($0) } ?? .null }
                try db.run(
                    """
                    INSERT OR REPLACE INTO days VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,
                        ?, ?, ?)
                    """,
                    [
                        .text(day.date), .integer(day.dayIndex), .integer(Int64(s.tours)),
                        .integer(Int64(s.connections)), .integer(Int64(s.connected)), .integer(Int64(s.failed)),
                        .integer(Int64(s.incomplete)), .integer(Int64(s.timeouts)), .integer(Int64(s.mismatched)),
                        .integer(Int64(s.ttcSamples)), .integer(Int64(s.ttcUnder5s)), opt(s.ttcP50Ms),
                        opt(s.ttcP90Ms), opt(s.ttcP99Ms), opt(s.ttcMaxMs), .integer(Int64(s.xirsysApiCalls)),
                        .integer(Int64(s.fallbacks)), .integer(Int64(s.attempts)), .integer(Int64(s.restarts)),
                        opt(report.parameters.windowSinceMs), opt(report.parameters.windowUntilMs),
                        .integer(report.parameters.timeoutMs), .text(IcelensVersion.current), .integer(recordedAtMs),
                    ])
            }
            try db.execute("COMMIT")
        } catch {
            try? db.execute("ROLLBACK")
            throw error
        }
        return kept
    }

    /// Every day recorded, oldest first.
    public func rows() throws(HistoryError) -> [HistoryRow] {
        try rows(where: "", [])
    }

    /// The days in `[fromDay, toDay)`, oldest first.
    public func rows(fromDay: Int64, toDay: Int64) throws(HistoryError) -> [HistoryRow] {
        try rows(where: "WHERE day_index >= ? AND day_index < ?", [.integer(fromDay), .integer(toDay)])
    }

    private func rows(where clause: String, _ values: [SQLiteDatabase.Value]) throws(HistoryError) -> [HistoryRow] {
        let result = try db.run(
            """
            SELECT day, day_index, tours, connections, connected, failed, incomplete, timeouts, mismatched,
                ttc_samples, ttc_under_5s, ttc_p50_ms, ttc_p90_ms, ttc_p99_ms, ttc_max_ms, xirsys_api_calls,
                fallbacks, attempts, restarts, window_since_ms, window_until_ms, timeout_ms, icelens_version,
                recorded_at_ms
            FROM days \(clause) ORDER BY day_index
            """, values)
        var rows: [HistoryRow] = []
        for r in result {
            // A row edited by hand into impossible figures is refused, not summed into a crash or a wrong trend.
            for i in 2...18 {
                if let v = r[i].integer, v < 0 || v > Int64(SnapshotCodec.maxCount) {
                    throw HistoryError("\(db.path): day \(r[0].text ?? "?") holds an impossible count (\(v))")
                }
            }
            func n(_ i: Int) -> Int { Int(r[i].integer ?? 0) }
            var s = Summary()
            s.tours = n(2)
            s.connections = n(3)
            s.connected = n(4)
            s.failed = n(5)
            s.incomplete = n(6)
            s.timeouts = n(7)
            s.mismatched = n(8)
            s.ttcSamples = n(9)
            s.ttcUnder5s = n(10)
            s.ttcP50Ms = r[11].integer
            s.ttcP90Ms = r[12].integer
            s.ttcP99Ms = r[13].integer
            s.ttcMaxMs = r[14].integer
            s.xirsysApiCalls = n(15)
            s.fallbacks = n(16)
            s.attempts = n(17)
            s.restarts = n(18)
            guard s.connected + s.failed + s.incomplete == s.connections, s.ttcSamples <= s.connected,
                let day = r[1].integer, (-100_000_000...100_000_000).contains(day)
            else {
                throw HistoryError("\(db.path): day \(r[0].text ?? "?") holds counts that do not add up")
            }
            rows.append(
                HistoryRow(
                    day: r[0].text ?? "?", dayIndex: day, summary: s, windowSinceMs: r[19].integer,
                    windowUntilMs: r[20].integer, timeoutMs: r[21].integer ?? 0, version: r[22].text ?? "",
                    recordedAtMs: r[23].integer ?? 0))
        }
        return rows
    }

    /// The `span` days before `report`'s first day, pooled; nil when none is recorded (or the report has no day).
    public func baseline(for report: AnalysisReport, span: Int = 7) throws(HistoryError) -> HistoryBaseline? {
        guard let first = report.days.first?.dayIndex else { return nil }
        let before = try rows(fromDay: first - Int64(span), toDay: first)
        guard !before.isEmpty else { return nil }
        var pooled = Summary()
        for row in before {
            let s = row.summary
            pooled.tours += s.tours
            pooled.connections += s.connections
            pooled.connected += s.connected
            pooled.failed += s.failed
            pooled.timeouts += s.timeouts
            pooled.mismatched += s.mismatched
            pooled.xirsysApiCalls += s.xirsysApiCalls
            pooled.ttcSamples += s.ttcSamples
            pooled.ttcUnder5s += s.ttcUnder5s
        }
        var runDays = max(1, report.days.count)
        if let since = report.parameters.windowSinceMs, let until = report.parameters.windowUntilMs, until > since {
            let day: Int64 = 86_400_000
            runDays = Int(max(1, min(Int64(ReportBuilder.maxDays), (until - since + day - 1) / day)))
        }
        var baseline = HistoryBaseline(days: before.count, span: span, summary: pooled, runDays: runDays)
        baseline.runTimeoutsPerDay = Double(report.summary.timeouts) / Double(runDays)
        baseline.runMismatchedPerDay = Double(report.summary.mismatched) / Double(runDays)
        return baseline
    }

    /// Records a finished `report --history` run and reads back what the report shows of the history: the
    /// baseline of the 7 days before it, the whole-day rows it kept (a partial run does not replace them) and the
    /// last 60 days recorded up to its last day (the HTML trend). A run with an input that could not be read is
    /// not recorded (its day would replace a good row with a partial one); `recorded` says so.
    public func recordRun(_ report: AnalysisReport, recordedAtMs: Int64) throws(HistoryError) -> HistoryRun {
        var run = HistoryRun()
        run.baseline = try baseline(for: report)
        if report.inputs.failures.isEmpty {
            run.keptWholeDays = try record(report, recordedAtMs: recordedAtMs)
            run.recorded = true
        }
        if let last = report.days.last?.dayIndex {
            run.recent = try rows(fromDay: last - 59, toDay: last + 1)
        }
        return run
    }
}

/// What `HistoryStore.recordRun` gives back to the report.
public struct HistoryRun: Sendable, Equatable {
    /// The 7 days before the run, pooled (nil when none is recorded).
    public var baseline: HistoryBaseline?
    /// Days the run saw only part of whose whole-day rows were kept.
    public var keptWholeDays: [String] = []
    /// The days recorded up to the run's last, oldest first (at most 60).
    public var recent: [HistoryRow] = []
    /// Whether the run was recorded (not when an input could not be read).
    public var recorded = false
}
