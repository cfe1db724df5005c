import Foundation
import Testing

@testable import IcelensCore

/// Runs the built `icelens` binary the way users do: on samples/, on stdin, with bad input and a closed pipe.
enum CLI {
    /// The package root (two folders up from this file's folder).
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let samples = root.appendingPathComponent("samples/logs").path

    /// The icelens binary next to the test bundle (swift test builds every product of the package).
    static var binary: URL {
        if let path = ProcessInfo.processInfo.environment["ICELENS_BIN"] { return URL(fileURLWithPath: path) }
        var dir = Bundle.main.bundleURL
        if dir.pathExtension == "xctest" { dir = dir.deletingLastPathComponent() }
        return dir.appendingPathComponent("icelens")
    }

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs icelens with `arguments`, feeding `input` to its standard input.
    static func run(_ arguments: [String], input: Data? = nil, environment: [String: String] = [:]) throws -> Result {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env.merge(environment) { $1 }
        process.environment = env
        let out = Pipe(), err = Pipe(), inp = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = inp
        try process.run()
        let writer = Thread {
            if let input { inp.fileHandleForWriting.write(input) }
            try? inp.fileHandleForWriting.close()
        }
        writer.start()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self))
    }

    static func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }
}

@Suite(.serialized) struct EndToEndTests {
    @Test func helpTeaches() throws {
        let top = try CLI.run(["--help"])
        #expect(top.status == 0)
        for word in ["report", "compare", "tours", "events"] { #expect(top.stdout.contains(word)) }
        let events = try CLI.run(["events", "--help"])
        #expect(events.status == 0)
        for word in ["NDJSON", "logfmt", "--kind", "--max-line-length", "--rules", "gzip", "Credentials"] {
            #expect(events.stdout.contains(word), "events --help lacks \(word)")
        }
        let compare = try CLI.run(["compare", "--help"])
        for word in ["--cutoff", "--split-by", "--vs", "confidence"] { #expect(compare.stdout.contains(word)) }
    }

    @Test func compareOnSamplesShowsTheFix() throws {
        let r = try CLI.run(["compare", "--format", "json", "--cutoff", "2026-03-02T00:00:00Z", CLI.samples])
        #expect(r.status == 0, "\(r.stderr)")
        let json = try CLI.json(r.stdout)
        #expect(json["schema"] as? String == "icelens/1")
        let periods = try #require(json["periods"] as? [String: [String: Any]])
        let before = try #require(periods["before"]), after = try #require(periods["after"])
        #expect(before["tours"] as? Int == 150)
        #expect(before["connections"] as? Int == 1115)
        #expect(before["failed"] as? Int == 306)
        #expect(before["mismatched"] as? Int == 343)
        #expect(after["tours"] as? Int == 150)
        #expect(after["timeouts"] as? Int == 0)
        #expect(after["success_rate"] as? Double == 1)
        let verdicts = try #require(json["verdicts"] as? [String: [String: Any]])
        #expect(verdicts["no_timeouts"]?["status"] as? String == "met")
        #expect(verdicts["fewer_api_calls"]?["status"] as? String == "met")
        #expect(verdicts["connected_under_5s"]?["status"] as? String == "met")
        #expect(r.stderr.contains("line accounting"))
    }

    @Test func compareByInputSetsMatchesCutoff() throws {
        let r = try CLI.run([
            "compare", "--format", "json", CLI.samples + "/before", "--vs", CLI.samples + "/after",
        ])
        #expect(r.status == 0, "\(r.stderr)")
        let periods = try #require(try CLI.json(r.stdout)["periods"] as? [String: [String: Any]])
        #expect(periods["before"]?["connections"] as? Int == 1115)
        #expect(periods["after"]?["connections"] as? Int == 1125)
    }

    @Test func eventsFromStdinEqualEventsFromFile() throws {
        let path = CLI.samples + "/after/browser-attendees.log.gz"
        let fromFile = try CLI.run(["events", path])
        let fromStdin = try CLI.run(["events"], input: try Data(contentsOf: URL(fileURLWithPath: path)))
        #expect(fromFile.status == 0)
        #expect(fromStdin.status == 0)
        let a = fromFile.stdout.split(separator: "\n").count
        let b = fromStdin.stdout.split(separator: "\n").count
        #expect(a == 7677)
        #expect(a == b)
        #expect(fromStdin.stderr.contains("-: 12,791 lines read = 7,677 recognised"))
    }

    @Test func noCredentialFromTheInputsReachesAnyOutput() throws {
        let runs: [[String]] = [
            ["events", CLI.samples], ["report", CLI.samples], ["report", "--format", "json", CLI.samples],
            ["tours", CLI.samples], ["compare", "--cutoff", "2026-03-02T00:00:00Z", CLI.samples],
            ["connections", CLI.samples], ["connections", "--format", "csv", CLI.samples],
            ["connections", "--format", "text", CLI.samples],
        ]
        for args in runs {
            let r = try CLI.run(args)
            #expect(r.status == 0)
            let all = r.stdout + r.stderr
            #expect(!all.contains("\"c-"), "credential in \(args)")
            #expect(!all.contains("credential"), "credential in \(args)")
            #expect(!all.contains("u-0") && !all.contains("c-0"), "credential-like value in \(args)")
        }
    }

    @Test func badInputSaysWhatToDo() throws {
        let r = try CLI.run(["report", "/nonexistent/logs"])
        #expect(r.status != 0)
        #expect(r.stderr.contains("/nonexistent/logs"))
        let flags = try CLI.run(["compare", CLI.samples])
        #expect(flags.status == 64)
        #expect(flags.stderr.contains("--cutoff"))
        let timeout = try CLI.run(["report", "--timeout", "soon", CLI.samples])
        #expect(timeout.status == 64)
        #expect(timeout.stderr.contains("30s"))
    }

    @Test func connectionsSpeakNDJSONOnAPipeAndFiltersSayWhatIsWrong() throws {
        let r = try CLI.run(["connections", "--tour", "t-r4qgyu", CLI.samples])
        #expect(r.status == 0)
        let lines = r.stdout.split(separator: "\n")
        #expect(lines.count == 12)
        for line in lines { #expect(try CLI.json(String(line))["tour"] as? String == "t-r4qgyu") }
        #expect(r.stderr.contains("line accounting"))
        let ndjsonReport = try CLI.run(["report", "--format", "ndjson", CLI.samples])
        #expect(ndjsonReport.status == 64)
        let emptyWindow = try CLI.run(["report", "--since", "-2h", "--until", "-3h", CLI.samples])
        #expect(emptyWindow.status == 64)
        #expect(emptyWindow.stderr.contains("the window is empty") && !emptyWindow.stderr.contains("OVERVIEW"))
        let badTime = try CLI.run(["connections", "--since", "last tuesday", CLI.samples])
        #expect(badTime.status == 64)
        #expect(badTime.stderr.contains("--since"))
        let events = try CLI.run(["events", "--tour", "t-r4qgyu", "--peer", "a-4", CLI.samples])
        let eventLines = events.stdout.split(separator: "\n")
        #expect(events.status == 0 && eventLines.count == 10)
        for line in eventLines {
            let e = try CLI.json(String(line))
            #expect(e["tour"] as? String == "t-r4qgyu")
            #expect(e["peer"] as? String == "a-4" || e["remote"] as? String == "a-4")
        }
        let relative = try CLI.run(["report", "--since", "-2h", "--format", "json", CLI.samples])
        let filter = try #require(
            (try CLI.json(relative.stdout)["parameters"] as? [String: Any])?["filter"] as? [String: Any])
        #expect(filter["since"] as? String == "2026-03-02T17:31:36.248Z")
    }

    @Test func closedPipeEndsQuietly() throws {
        // The shell's `icelens events ... | head -1`.
        let r = try CommandLineContractTests.shell("\"$0\" events \"$1\" | head -1")
        #expect(r.stdout.hasPrefix("{\"ts\""))
        #expect(!r.stderr.contains("Fatal") && !r.stderr.contains("crash") && !r.stderr.contains("Backtrac"))
    }

    @Test func resultDoesNotDependOnInputOrder() throws {
        let files = try InputLocator.locate([CLI.samples])
        #expect(files.count == 6)
        var seen: Set<String> = []
        var rng = SplitMix64(seed: 11)
        for _ in 0..<3 {
            let report = try Analysis.report(files.shuffled(using: &rng), settings: AnalysisSettings())
            var json = JSONRenderer(style: .compact).string(report)
            // The input list is in the order given; everything else must be identical.
            if let cut = json.range(of: "\"inputs\":"), let summary = json.range(of: ",\"summary\":") {
                json.removeSubrange(cut.lowerBound..<summary.lowerBound)
            }
            seen.insert(json)
        }
        #expect(seen.count == 1)
    }

    @Test func rulesFileAddsAnEvent() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("icelens-rules-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let rules = dir.appendingPathComponent("rules.txt")
        try "# ours\nice.timeout  gave up on ice\n".write(to: rules, atomically: true, encoding: .utf8)
        let log = dir.appendingPathComponent("app.log")
        try "2026-03-02T10:15:32Z [attendee] [tour:t-1] [peer:a-1] Gave up on ICE after 30 s\n"
            .write(to: log, atomically: true, encoding: .utf8)
        let without = try CLI.run(["events", log.path])
        #expect(without.stdout.isEmpty)
        #expect(without.stderr.contains("1 line read = 0 recognised + 1 unrecognised"))
        let with = try CLI.run(["events", "--rules", rules.path, log.path])
        #expect(with.stdout.contains("\"event\":\"ice.timeout\""))
        let shown = try CLI.run(["events", "--show", "unrecognised", log.path])
        #expect(shown.stdout.contains("app.log:1: 2026-03-02T10:15:32Z"))
        try "bogus.event  x\n".write(to: rules, atomically: true, encoding: .utf8)
        let bad = try CLI.run(["events", "--rules", rules.path, log.path])
        #expect(bad.status != 0)
        #expect(bad.stderr.contains("line 1") && bad.stderr.contains("unknown event"))
    }

    @Test func colourOnlyWhenAsked() throws {
        let path = CLI.samples + "/after"
        let plain = try CLI.run(["report", path])
        #expect(!plain.stdout.contains("\u{1B}["))
        let coloured = try CLI.run(["report", "--color", "always", path])
        #expect(coloured.stdout.contains("\u{1B}["))
        #expect(plain.stdout.split(separator: "\n").allSatisfy { $0.count <= 80 })
    }
}

/// Regression tests for issue 6 defect 5 ("piping logs in gives other numbers than reading the files").
@Suite(.serialized) struct PipedInputTests {
    static func summary(_ r: CLI.Result) throws -> [String: Any] {
        try #require(try CLI.json(r.stdout)["summary"] as? [String: Any])
    }

    @Test func pipingConcatenatedLogsGivesTheFilesFigures() throws {
        let files = try InputLocator.locate([CLI.samples]).compactMap(\.path)
        var piped = Data()
        for path in files {
            // The browser files of both days, then the server files: the stream goes back in time twice.
            piped.append(try Data(contentsOf: URL(fileURLWithPath: path)))
        }
        let fromFiles = try CLI.run(["report", "--format", "json", CLI.samples])
        let fromPipe = try CLI.run(["report", "--format", "json"], input: piped)
        #expect(fromFiles.status == 0)
        #expect(fromPipe.status == 0, "\(fromPipe.stderr)")
        let a = try Self.summary(fromFiles), b = try Self.summary(fromPipe)
        for key in [
            "tours", "connections", "connected", "failed", "timeouts", "mismatched", "xirsys_api_calls",
            "xirsys_api_calls_per_tour", "ttc_p90_s", "fallbacks",
        ] {
            #expect(
                "\(a[key] ?? "nil")" == "\(b[key] ?? "nil")",
                "\(key): files \(a[key] ?? "nil"), pipe \(b[key] ?? "nil")")
        }
        let inputs = try #require(try CLI.json(fromPipe.stdout)["inputs"] as? [String: Any])
        #expect(inputs["events_late"] as? Int == 0)
    }

    @Test func serverApiCallLineIsServerSideFromAPipe() throws {
        let line =
            "2026-03-02T10:15:00.100Z INFO xirsys api call tour=t-8f3k2a peer=g-1 role=guide status=200 "
            + "duration_ms=184 instance=fr-turn8.xirsys.com\n"
        let r = try CLI.run(["events"], input: Data(line.utf8))
        #expect(r.stdout.contains("\"origin\":\"server\""), "\(r.stdout)")
    }
}
