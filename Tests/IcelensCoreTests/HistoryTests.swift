import Foundation
import Testing

@testable import IcelensCore

/// `report --history` and `icelens history` (issue 9, part 6): one row a UTC day equal to that day's report,
/// idempotent re-runs, concurrent writers, a versioned schema, and the "vs the previous 7 days" headline.
@Suite(.serialized) struct HistoryTests {
    static func freshFile(_ name: String) -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("icelens-history-\(getpid())")
        try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let path = dir.appendingPathComponent(name).path
        for suffix in ["", "-wal", "-shm"] { unlink(path + suffix) }
        return path
    }

    static let days = [("2026-03-01", "2026-03-02"), ("2026-03-02", "2026-03-03")]

    static func record(_ day: (String, String), into path: String, extra: [String] = []) throws -> CLI.Result {
        try CLI.run(["report", "-q", "--since", day.0, "--until", day.1, "--history", path] + extra + [CLI.samples])
    }

    static func object(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    /// Issue 9: both days into one history give two rows whose figures equal the per-day reports.
    @Test func twoDaysGiveTwoRowsEqualToTheirReports() throws {
        let path = Self.freshFile("two.sqlite")
        for day in Self.days { #expect(try Self.record(day, into: path).status == 0) }
        let history = try Self.object(try CLI.run(["history", "--format", "json", path]).stdout)
        let rows = try #require(history["days"] as? [[String: Any]])
        #expect(rows.map { $0["day"] as? String } == ["2026-03-01", "2026-03-02"])
        for (row, day) in zip(rows, Self.days) {
            let report = try Self.object(
                try CLI.run(["report", "-q", "--format", "json", "--since", day.0, "--until", day.1, CLI.samples])
                    .stdout)
            let summary = try #require(report["summary"] as? [String: Any])
            for key in [
                "tours", "connections", "connected", "failed", "incomplete", "success_rate", "timeouts", "mismatched",
                "ttc_p50_s", "ttc_p90_s", "ttc_p99_s", "xirsys_api_calls", "xirsys_api_calls_per_tour",
            ] {
                #expect("\(row[key] ?? "missing")" == "\(summary[key] ?? "missing")", "\(day.0) \(key)")
            }
            #expect(row["covers_whole_day"] as? Bool == true)
        }
    }

    @Test func reRunningADayReplacesItsRow() throws {
        let path = Self.freshFile("again.sqlite")
        for _ in 0..<3 { #expect(try Self.record(Self.days[0], into: path).status == 0) }
        let rows = try HistoryStore(path: path, create: false).rows()
        #expect(rows.count == 1)
        #expect(rows.first?.summary.tours == 150)
    }

    @Test func concurrentRunsAllLandAndTheFileStaysWhole() throws {
        let path = Self.freshFile("concurrent.sqlite")
        let windows = [
            ("2026-03-01T00:00:00Z", "2026-03-01T12:00:00Z"), ("2026-03-01T12:00:00Z", "2026-03-02"),
            ("2026-03-02", "2026-03-02T12:00:00Z"), ("2026-03-02T12:00:00Z", "2026-03-03"),
        ]
        let script =
            windows.map {
                "\"$0\" report -q -o /dev/null --since \($0.0) --until \($0.1) --history '\(path)' \"$1\" & "
            }.joined() + "wait"
        let r = try CommandLineContractTests.shell(script)
        #expect(r.stderr.isEmpty, "\(r.stderr)")
        let rows = try HistoryStore(path: path, create: false).rows()
        // Half days: each day's row is the last half-day recorded, marked as partial.
        #expect(rows.map(\.day) == ["2026-03-01", "2026-03-02"])
        #expect(rows.allSatisfy { !$0.coversWholeDay })
        let check = try SQLiteDatabase(path: path, create: false).run("PRAGMA integrity_check")
        #expect(check.first?.first?.text == "ok")
    }

    @Test func aNewerSchemaOrAForeignDatabaseIsRefused() throws {
        let newer = Self.freshFile("newer.sqlite")
        _ = try HistoryStore(path: newer, create: true)
        let db = try SQLiteDatabase(path: newer, create: false)
        try db.execute("PRAGMA user_version = 9")
        #expect(throws: HistoryError.self) { try HistoryStore(path: newer, create: false) }
        let r = try CLI.run(["history", newer])
        #expect(r.status == 1 && r.stderr.contains("newer icelens"))
        let foreign = Self.freshFile("foreign.sqlite")
        try SQLiteDatabase(path: foreign, create: true).execute("CREATE TABLE t(x)")
        #expect(try CLI.run(["history", foreign]).stderr.contains("not an icelens history"))
        #expect(try CLI.run(["history", Self.freshFile("missing.sqlite")]).status == 1)
    }

    @Test func theReportSaysHowItComparesWithThePreviousDays() throws {
        let path = Self.freshFile("baseline.sqlite")
        #expect(try Self.record(Self.days[0], into: path).status == 0)
        let text = try Self.record(Self.days[1], into: path).stdout
        #expect(text.contains("vs the previous 7 days (1 day recorded): success rate 100.0% (was 71.6%)"))
        let json = try Self.object(
            try Self.record(Self.days[1], into: path, extra: ["--format", "json"]).stdout)
        let baseline = try #require(json["vs_previous_days"] as? [String: Any])
        #expect(baseline["days_recorded"] as? Int == 1)
        #expect(baseline["timeouts_per_day"] as? Double == 306)
    }

    @Test func snapshotsShowAsRows() throws {
        let one = SnapshotTests.folder + "/h1.snap"
        let two = SnapshotTests.folder + "/h2.snap"
        for (day, path) in zip(Self.days, [one, two]) {
            #expect(
                try CLI.run([
                    "report", "-q", "-o", "/dev/null", "--since", day.0, "--until", day.1, "--snapshot", path,
                    CLI.samples,
                ]).status == 0)
        }
        let text = try CLI.run(["history", two, one]).stdout
        #expect(text.contains("2 rows, 2026-03-01 to 2026-03-02"))
        #expect(text.contains("Trends"))
    }
}

/// Regressions from the user trial of issue 9: a partial run replaced a whole day; a day without tours left no row.
extension HistoryTests {
    @Test func aPartialRunKeepsTheWholeDaysRow() throws {
        let path = Self.freshFile("partial.sqlite")
        #expect(try Self.record(Self.days[0], into: path).status == 0)
        let r = try Self.record(("2026-03-01T12:00:00Z", "2026-03-01T14:00:00Z"), into: path, extra: [])
        #expect(r.status == 0)
        let rows = try HistoryStore(path: path, create: false).rows()
        #expect(rows.count == 1 && rows[0].summary.tours == 150 && rows[0].coversWholeDay)
    }

    @Test func aWholeDayWithoutToursIsARowOfZeros() throws {
        let path = Self.freshFile("outage.sqlite")
        #expect(try Self.record(("2026-03-03", "2026-03-05"), into: path).status == 0)
        let rows = try HistoryStore(path: path, create: false).rows()
        #expect(rows.map(\.day) == ["2026-03-03", "2026-03-04"])
        #expect(rows.allSatisfy { $0.summary.connections == 0 && $0.coversWholeDay })
    }
}

extension HistoryTests {
    /// Regression (review): `icelens history` opened the file read-write and migrated it; it now reads only.
    @Test func showingTheHistoryChangesNothingInIt() throws {
        let path = Self.freshFile("readonly.sqlite")
        #expect(try Self.record(Self.days[0], into: path).status == 0)
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        chmod(path, 0o444)
        defer { chmod(path, 0o644) }
        let r = try CLI.run(["history", path])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
        let empty = Self.freshFile("empty.sqlite")
        FileManager.default.createFile(atPath: empty, contents: Data())
        #expect(try CLI.run(["history", empty]).stderr.contains("not an icelens history"))
    }

    /// A run with an unreadable input does not replace the day it recorded.
    @Test func aRunWithAnUnreadableInputIsNotRecorded() throws {
        let path = Self.freshFile("failed.sqlite")
        #expect(try Self.record(Self.days[0], into: path).status == 0)
        let r = try CLI.run([
            "report", "-q", "--since", "2026-03-01", "--until", "2026-03-02", "--history", path,
            CLI.samples + "/before",
            "/nonexistent/icelens-log",
        ])
        #expect(r.status == 1 && r.stderr.contains("not recorded"))
        #expect(try HistoryStore(path: path, create: false).rows().first?.summary.tours == 150)
    }
}

extension HistoryTests {
    /// Regression (second user trial): a month's snapshot beside its days showed as rows of one trend.
    @Test func overlappingSnapshotsAreNotOneHistory() throws {
        let day = SnapshotTests.folder + "/hday.snap"
        let both = SnapshotTests.folder + "/hboth.snap"
        for (flags, path) in [
            (["--since", "2026-03-01", "--until", "2026-03-02"], day),
            (["--since", "2026-03-01", "--until", "2026-03-03"], both),
        ] {
            #expect(
                try CLI.run(["report", "-q", "-o", "/dev/null", "--snapshot", path] + flags + [CLI.samples]).status == 0
            )
        }
        let r = try CLI.run(["history", day, both])
        #expect(r.status == 1 && r.stderr.contains("overlapping windows"), "\(r.stderr)")
    }
}
