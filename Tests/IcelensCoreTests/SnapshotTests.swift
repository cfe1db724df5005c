import Foundation
import Testing

@testable import IcelensCore

/// Snapshots (`report --snapshot`) and `merge`: the format reads back what it wrote, merges are exact and
/// order-independent, and what cannot be merged honestly is refused with a reason (issue 9, part 7).
@Suite(.serialized) struct SnapshotTests {
    static let folder: String = {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("icelens-snapshots-\(getpid())")
        try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir.path
    }()

    /// Runs icelens and returns its standard output, expecting `status`.
    static func run(_ arguments: [String], status: Int32 = 0) throws -> String {
        let r = try CLI.run(arguments)
        #expect(r.status == status, "\(arguments): \(r.stderr)")
        return r.stdout
    }

    /// A snapshot of `report` over `paths` with `flags`, in the test folder.
    static func snapshot(_ name: String, _ flags: [String], _ paths: [String]) throws -> String {
        let path = folder + "/" + name
        _ = try run(["report", "-q", "--snapshot", path, "-o", "/dev/null"] + flags + paths)
        return path
    }

    /// The top-level members of a JSON document, each re-serialised with sorted keys (for key-by-key equality).
    static func members(_ json: String) throws -> [String: String] {
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        var out: [String: String] = [:]
        for (key, value) in object {
            let data = try JSONSerialization.data(
                withJSONObject: value, options: [.sortedKeys, .fragmentsAllowed])
            out[key] = String(decoding: data, as: UTF8.self)
        }
        return out
    }

    static func expectSameReport(merged: String, single: String) throws {
        let m = try members(merged)
        let r = try members(single)
        for key in ["schema", "kind", "version", "parameters", "inputs", "summary", "instances"] {
            #expect(m[key] != nil && m[key] == r[key], "\(key) differs")
        }
        #expect(m["findings"] == nil && m["tours"] == nil)
        let flagged = try #require(try JSONSerialization.jsonObject(with: Data(single.utf8)) as? [String: Any])
        #expect(
            (try JSONSerialization.jsonObject(with: Data(merged.utf8)) as? [String: Any])?["flagged_connections"]
                as? Int == (flagged["findings"] as? [Any])?.count)
    }

    // MARK: Issue 9's "done when"

    @Test func theTwoDaysMergedEqualOneReportOverBoth() throws {
        let day1 = try Self.snapshot("d1.snap", ["--since", "2026-03-01", "--until", "2026-03-02"], [CLI.samples])
        let day2 = try Self.snapshot("d2.snap", ["--since", "2026-03-02", "--until", "2026-03-03"], [CLI.samples])
        let single = try Self.run(
            ["report", "-q", "--format", "json", "--since", "2026-03-01", "--until", "2026-03-03", CLI.samples])
        for order in [[day1, day2], [day2, day1]] {
            let merged = try Self.run(["merge", "-q", "--format", "json"] + order)
            try Self.expectSameReport(merged: merged, single: single)
        }
    }

    @Test func theTwoFoldersMergedEqualOneReportOverBoth() throws {
        let before = try Self.snapshot("before.snap", [], [CLI.samples + "/before"])
        let after = try Self.snapshot("after.snap", [], [CLI.samples + "/after"])
        let single = try Self.run(["report", "-q", "--format", "json", CLI.samples])
        for order in [[before, after], [after, before]] {
            try Self.expectSameReport(
                merged: try Self.run(["merge", "-q", "--format", "json"] + order), single: single)
        }
    }

    @Test func threeWindowsInEveryOrderGiveOneResult() throws {
        let bounds = ["2026-03-01", "2026-03-01T14:00:00Z", "2026-03-02T12:00:00Z", "2026-03-03"]
        var parts: [String] = []
        for i in 0..<3 {
            parts.append(
                try Self.snapshot("third\(i).snap", ["--since", bounds[i], "--until", bounds[i + 1]], [CLI.samples]))
        }
        let single = try Self.run(
            ["report", "-q", "--format", "json", "--since", bounds[0], "--until", bounds[3], CLI.samples])
        var outputs = Set<String>()
        for order in [[0, 1, 2], [0, 2, 1], [1, 0, 2], [1, 2, 0], [2, 0, 1], [2, 1, 0]] {
            let merged = try Self.run(["merge", "-q", "--format", "json"] + order.map { parts[$0] })
            try Self.expectSameReport(merged: merged, single: single)
            outputs.insert(
                try Self.members(merged).filter { $0.key != "merged_from" }.sorted { $0.key < $1.key }
                    .map { "\($0.key)=\($0.value)" }.joined(separator: "\n"))
        }
        #expect(outputs.count == 1)
    }

    @Test func aMergedSnapshotMergesAgainToTheSame() throws {
        let day1 = try Self.snapshot("m1.snap", ["--since", "2026-03-01", "--until", "2026-03-02"], [CLI.samples])
        let day2 = try Self.snapshot("m2.snap", ["--since", "2026-03-02", "--until", "2026-03-03"], [CLI.samples])
        let both = Self.folder + "/both.snap"
        let direct = try Self.run(["merge", "-q", "--format", "json", "--snapshot", both, day1, day2])
        let again = try Self.run(["merge", "-q", "--format", "json", both])
        #expect(try Self.members(direct) == Self.members(again))
    }

    @Test func compareOnSnapshotsEqualsCompareOnTheLogs() throws {
        let day1 = try Self.snapshot("c1.snap", ["--since", "2026-03-01", "--until", "2026-03-02"], [CLI.samples])
        let day2 = try Self.snapshot("c2.snap", ["--since", "2026-03-02", "--until", "2026-03-03"], [CLI.samples])
        let fromSnapshots = try Self.members(
            try Self.run(["compare", "-q", "--format", "json", "--cutoff", "2026-03-02", day2, day1]))
        let fromLogs = try Self.members(
            try Self.run(["compare", "-q", "--format", "json", "--cutoff", "2026-03-02", CLI.samples]))
        for key in ["periods", "changes", "verdicts", "mismatch_outcome", "split", "inputs"] {
            #expect(fromSnapshots[key] == fromLogs[key], "\(key) differs")
        }
        let vs = try Self.members(try Self.run(["compare", "-q", "--format", "json", day1, "--vs", day2]))
        #expect(vs["periods"] == fromLogs["periods"])
        let across = try CLI.run(["compare", "--cutoff", "2026-03-01T12:00:00Z", day1, day2])
        #expect(across.status == 1)
        #expect(across.stderr.contains("snapshot boundary"))
    }

    // MARK: Refusals

    @Test func differentTimeoutsAreRefused() throws {
        let a = try Self.snapshot("t30.snap", [], [CLI.samples + "/before"])
        let b = try Self.snapshot("t45.snap", ["--timeout", "45s"], [CLI.samples + "/after"])
        let r = try CLI.run(["merge", a, b])
        #expect(r.status == 1)
        #expect(r.stderr.contains("--timeout 30s") && r.stderr.contains("--timeout 45s"))
    }

    @Test func theSameInputOverOverlappingWindowsIsRefused() throws {
        let a = try Self.snapshot(
            "o1.snap", ["--since", "2026-03-01", "--until", "2026-03-02T12:00:00Z"], [CLI.samples])
        let b = try Self.snapshot("o2.snap", ["--since", "2026-03-02"], [CLI.samples])
        let r = try CLI.run(["merge", a, b])
        #expect(r.status == 1)
        #expect(r.stderr.contains("overlapping windows"))
        let twice = try CLI.run(["merge", a, a])
        #expect(twice.status == 1)
    }

    @Test func aCutOrForeignFileIsRefusedWithItsName() throws {
        let good = try Self.snapshot("g.snap", [], [CLI.samples + "/after"])
        let text = try String(contentsOfFile: good, encoding: .utf8)
        let cut = Self.folder + "/cut.snap"
        try String(text.prefix(text.count / 2)).write(toFile: cut, atomically: true, encoding: .utf8)
        let r = try CLI.run(["merge", cut])
        #expect(r.status == 1 && r.stderr.contains("cut short"))
        let future = Self.folder + "/future.snap"
        try text.replacingOccurrences(of: "icelens-snapshot 1", with: "icelens-snapshot 9")
            .write(toFile: future, atomically: true, encoding: .utf8)
        #expect(try CLI.run(["merge", future]).stderr.contains("is not one this icelens reads"))
        let log = try CLI.run(["merge", CLI.samples + "/after/browser-guides.log.gz"])
        #expect(log.status == 1 && log.stderr.contains("not an icelens snapshot"))
    }

    // MARK: The format

    @Test func hostileNamesSurviveTheFormat() throws {
        var accounting = InputAccounting(input: "logs/a b\n%2D~\u{1B}[31m.log")
        accounting.read = 3
        accounting.recognised = 3
        accounting.damage = Damage(byteOffset: 7, reason: "cut\nshort -")
        var report = ReportBuilder.build(tours: [], inputs: [accounting, InputAccounting(input: "-")])
        report.parameters.filter.peer = "~"
        report.parameters.filter.tours = ["t 1", "-", ""]
        let attempt = AttemptResult(
            index: 0, startMs: 0, endMs: 1_234, clock: .attendee, end: .connected, guideInstance: "fr turn\u{202E}8",
            attendeeInstance: "%41")
        report.instanceState.add(
            ConnectionResult(
                tour: "t", attendee: "a", attempts: [attempt], outcome: .connected, timeToConnectMs: 1_234,
                timeToConnectClock: .attendee, fellBack: false, restarts: 0, firstSeenMs: 0))
        report.summaryState.ttcSamplesMs.add(-5)
        report.summaryState.ttcSamplesMs.add(20_000_000)
        // Counts that agree with the histogram (a snapshot with impossible counts is refused).
        report.summaryState.counts.connections = 2
        report.summaryState.counts.connected = 2
        report.summaryState.counts.ttcSamples = 2
        let snapshot = Snapshot(report)
        let text = SnapshotCodec.encode(snapshot)
        #expect(!text.contains("\u{1B}") && !text.contains("\u{202E}"))
        let back = try SnapshotCodec.decode(text, source: "x")
        #expect(SnapshotCodec.encode(back) == text)
        #expect(back.inputs == snapshot.inputs)
        #expect(back.parameters == snapshot.parameters)
        #expect(back.report().instances == report.instanceState.table())
    }

    @Test(arguments: [
        "count bogus 1", "count tours -1", "ttc 5:x", "instance_ttc 5:1", "input a 0 1 2 1 0 0 0 - -", "zzz",
        "window at:x - - -", "parameters 30000 5000",
        // Regressions (review): values whose arithmetic overflowed once read.
        "hour -9223372036854775808 1 1 0 0", "input a 0 9223372036854775807 1 1 0 0 0 - -",
        "window - - 9223372036854775807 -", "parameters 30000 99999999999999 0.4", "seen 9223372036854775807 -",
        "tours_read 9223372036854775807 1",
    ])
    func aBadLineIsRefusedWithItsNumber(line: String) throws {
        let text = "icelens-snapshot 1\nmade_by icelens 0.3.0\n\(line)\nend 3\n"
        do {
            _ = try SnapshotCodec.decode(text, source: "bad.snap")
            Issue.record("accepted '\(line)'")
        } catch {
            #expect(error.description.hasPrefix("bad.snap: line 3:"), "\(error)")
        }
    }
}

extension SnapshotTests {
    /// Regression: a tour first seen at the earliest representable time crashed the hourly and daily counts
    /// (`-ms` overflowed); and an hour from a hostile snapshot could overflow when turned back into a time.
    @Test func extremeTimesNeitherCrashNorOverflow() throws {
        #expect(HourCounts.index(ms: .min) == Int64.min / 3_600_000 - 1)
        #expect(DaySummary.dayIndex(ms: .min) == Int64.min / 86_400_000 - 1)
        #expect(DaySummary.dayIndex(ms: -1) == -1 && DaySummary.dayIndex(ms: 0) == 0)
        let text = "icelens-snapshot 1\nhour 9223372036854775807 1 1 0 0\nend 2\n"
        #expect(throws: SnapshotError.self) { try SnapshotCodec.decode(text, source: "x") }
    }
}

/// Regressions from the user trial of issue 9 (helper, 2026-11-29): hand-edited snapshots, inputs reached by
/// another path, settings that change the figures, logs that grew, gaps between merged windows.
extension SnapshotTests {
    static func edited(_ path: String, _ name: String, _ change: (String) -> String) throws -> String {
        let out = Self.folder + "/" + name
        try change(try String(contentsOfFile: path, encoding: .utf8)).write(
            toFile: out, atomically: true, encoding: .utf8)
        return out
    }

    @Test func aHugeOrImpossibleCountIsRefusedNotCrashedOn() throws {
        let day = try Self.snapshot("e1.snap", ["--since", "2026-03-01", "--until", "2026-03-02"], [CLI.samples])
        let huge = try Self.edited(day, "huge.snap") {
            $0.replacingOccurrences(of: "count connected 772", with: "count connected 9223372036854775807")
        }
        let r = try CLI.run(["merge", huge])
        #expect(r.status == 1 && r.stderr.contains("beyond any count"), "\(r.stderr)")
        let impossible = try Self.edited(day, "impossible.snap") {
            $0.replacingOccurrences(of: "count connected 772", with: "count connected 2000")
        }
        let i = try CLI.run(["merge", impossible])
        #expect(i.status == 1 && i.stderr.contains("impossible counts"), "\(i.stderr)")
        let missing = try Self.edited(day, "missing.snap") { (text: String) -> String in
            var lines = text.split(separator: "\n").map(String.init).filter { !$0.hasPrefix("count fallbacks") }
            lines[lines.count - 1] = "end \(lines.count - 1)"
            return lines.joined(separator: "\n") + "\n"
        }
        #expect(try CLI.run(["merge", missing]).stderr.contains("fallbacks are missing"))
    }

    @Test func theSameLogsReachedByAnotherPathAreTheSameInput() throws {
        let link = Self.folder + "/samples-link"
        unlink(link)
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: CLI.samples)
        let a = try Self.snapshot("p1.snap", ["--since", "2026-03-01", "--until", "2026-03-02"], [CLI.samples])
        let b = try Self.snapshot("p2.snap", ["--since", "2026-03-01", "--until", "2026-03-02"], [link])
        let r = try CLI.run(["merge", a, b])
        #expect(r.status == 1 && r.stderr.contains("overlapping windows"), "\(r.stderr)")
    }

    @Test func snapshotsReadWithOtherSettingsAreRefused() throws {
        let a = try Self.snapshot("s1.snap", ["--since", "2026-03-01", "--until", "2026-03-02"], [CLI.samples])
        let b = try Self.snapshot(
            "s2.snap", ["--since", "2026-03-02", "--until", "2026-03-03", "--max-line-length", "100"], [CLI.samples])
        for order in [[a, b], [b, a]] {
            let r = try CLI.run(["merge"] + order)
            #expect(r.status == 1 && r.stderr.contains("max-line-length"), "\(r.stderr)")
        }
    }

    @Test func aMergeWithAGapCanStillTakeTheMissingDay() throws {
        let bounds = ["2026-03-01", "2026-03-01T14:00:00Z", "2026-03-02T12:00:00Z", "2026-03-03"]
        var parts: [String] = []
        for i in 0..<3 {
            parts.append(
                try Self.snapshot("gap\(i).snap", ["--since", bounds[i], "--until", bounds[i + 1]], [CLI.samples]))
        }
        let outer = Self.folder + "/outer.snap"
        #expect(try CLI.run(["merge", "-q", "--snapshot", outer, "-o", "/dev/null", parts[0], parts[2]]).status == 0)
        let all = try Self.run(["merge", "-q", "--format", "json", outer, parts[1]])
        let single = try Self.run(
            ["report", "-q", "--format", "json", "--since", bounds[0], "--until", bounds[3], CLI.samples])
        try Self.expectSameReport(merged: all, single: single)
    }

    @Test func aLogThatGrewBetweenRunsIsListedOnce() throws {
        let dir = Self.folder + "/growing"
        try? FileManager.default.removeItem(atPath: dir)
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let log = dir + "/app.log.gz"
        let before = try Data(contentsOf: URL(fileURLWithPath: CLI.samples + "/before/browser-guides.log.gz"))
        let after = try Data(contentsOf: URL(fileURLWithPath: CLI.samples + "/after/browser-guides.log.gz"))
        try before.write(to: URL(fileURLWithPath: log))
        let first = try Self.snapshot("grow1.snap", ["--since", "2026-03-01", "--until", "2026-03-02"], [log])
        try (before + after).write(to: URL(fileURLWithPath: log))  // gzip members concatenate
        let second = try Self.snapshot("grow2.snap", ["--since", "2026-03-02", "--until", "2026-03-03"], [log])
        let merged = try Self.members(try Self.run(["merge", "-q", "--format", "json", first, second]))
        let whole = try Self.members(try Self.run(["report", "-q", "--format", "json", log]))
        #expect(merged["inputs"] == whole["inputs"])
    }
}

extension SnapshotTests {
    /// Regression (review): each count was capped but their running sums were not; many lines could overflow.
    @Test func runningTotalsAreCappedToo() {
        let text = "icelens-snapshot 1\nrole x 1099511627776\nrole x 1099511627776\nend 3\n"
        do {
            _ = try SnapshotCodec.decode(text, source: "sum.snap")
            Issue.record("accepted a sum beyond any run")
        } catch {
            #expect(error.description.hasPrefix("sum.snap: line 3:"), "\(error)")
        }
    }
}

/// Regressions from the second user trial of issue 9.
extension SnapshotTests {
    @Test func editedWindowsInstancesAndFastCountsAreRefused() throws {
        let day = try Self.snapshot("t2.snap", ["--since", "2026-03-01", "--until", "2026-03-02"], [CLI.samples])
        let text = try String(contentsOfFile: day, encoding: .utf8)
        let covers = try #require(text.split(separator: "\n").first { $0.hasPrefix("covers ") })
        let parts = covers.split(separator: " ")
        let reversed = try Self.edited(day, "reversed.snap") {
            $0.replacingOccurrences(of: String(covers), with: "covers \(parts[2]) \(parts[1])")
        }
        #expect(try CLI.run(["merge", reversed]).stderr.contains("ends before it starts"))
        let instance = try #require(text.split(separator: "\n").first { $0.hasPrefix("instance ") })
        let twice = try Self.edited(day, "twice.snap") { (t: String) -> String in
            var lines = t.split(separator: "\n").map(String.init)
            lines.insert(String(instance), at: lines.firstIndex(of: String(instance))!)
            lines[lines.count - 1] = "end \(lines.count - 1)"
            return lines.joined(separator: "\n") + "\n"
        }
        #expect(try CLI.run(["merge", twice]).stderr.contains("given twice"))
        let fast = try Self.edited(day, "fast.snap") {
            $0.replacingOccurrences(of: "count ttc_under_5s 772", with: "count ttc_under_5s 0")
        }
        #expect(try CLI.run(["merge", fast]).stderr.contains("ttc_under_5s does not match"))
    }

    @Test func everyCommandRefusesToWriteOverItsInput() throws {
        let a = try Self.snapshot("w1.snap", ["--since", "2026-03-01", "--until", "2026-03-02"], [CLI.samples])
        let b = try Self.snapshot("w2.snap", ["--since", "2026-03-02", "--until", "2026-03-03"], [CLI.samples])
        let before = try String(contentsOfFile: a, encoding: .utf8)
        for command in [["merge", "-o", a, a, b], ["compare", "-o", a, a, "--vs", b], ["history", "-o", a, a, b]] {
            let r = try CLI.run(command)
            #expect(r.status == 64, "\(command): \(r.stderr)")
        }
        #expect(
            try CLI.run(["merge", "-o", Self.folder + "/m.out", "--snapshot", Self.folder + "/m.out", a]).status == 64)
        #expect(try String(contentsOfFile: a, encoding: .utf8) == before)
        let log = try CommandLineContractTests.temporaryFile("tours-self.log", "2026-03-02T10:15:00Z nothing\n")
        for command in ["tours", "connections", "instances"] {
            #expect(try CLI.run([command, "-o", log, log]).status == 64, "\(command)")
        }
    }
}
