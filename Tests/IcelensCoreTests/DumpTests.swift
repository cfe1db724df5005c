import Foundation
import Testing

@testable import IcelensCore

/// Dumps people attach to a WebRTC incident, read as inputs (issue 10): webrtc-internals dumps of three Chrome
/// eras, Jitsi rtcstats and rtcstats v3 dumps, Xirsys responses and RTC configurations. Fixtures under
/// Fixtures/dumps were written for these tests from the formats' documentation (docs/formats.md).
@Suite struct DumpTests {
    static let folder = CLI.root.appendingPathComponent("Tests/IcelensCoreTests/Fixtures/dumps").path

    static func path(_ name: String) -> String { folder + "/" + name }

    /// The connection records of `names` read together.
    static func records(_ names: [String], extra: [InputSpec] = []) throws -> (AnalysisReport, [ConnectionRecord]) {
        let settings = AnalysisSettings()
        let report = try Analysis.report(
            names.map { InputSpec.file(path($0)) } + extra, settings: settings,
            keeping: ReportBuilder.ConnectionKeeping())
        return (report, ConnectionList(report).records)
    }

    static func record(_ records: [ConnectionRecord], _ attendee: String) throws -> ConnectionResult {
        try #require(records.first { $0.connection.attendee == attendee }).connection
    }

    // MARK: webrtc-internals

    @Test func chrome149RelayedConnectionWithItsSelectedPair() throws {
        let (_, records) = try Self.records(["chrome-149.json"])
        let c = try Self.record(records, "a-1")
        #expect(c.tour == "t-149")  // the page URL's ?tour=
        #expect(c.source == .webrtcInternals)
        #expect(c.outcome == .connected)
        #expect(c.timeToConnectMs == 850)  // 10:00:00.200.5 -> 10:00:01.050.8, fractional ms dropped
        let d = try #require(c.detail)
        #expect(d.iceConnected && d.connectionStateConnected == true && d.relayed)
        #expect(d.relayFirst?.localType == "relay")
        #expect(d.relayFirst?.url == "turn:fr-turn8.xirsys.com:3478?transport=udp")
        #expect(d.relayFirst?.relayProtocol == "udp" && d.relayFirst?.localPort == 50123)
        #expect(d.relayFirst?.remoteType == "srflx")
        #expect(d.turnConfigured == ["fr-turn8.xirsys.com"])
        #expect(d.turnAllocated == ["198.51.100.20:50123"])
        #expect(c.attempts.first?.attendeeInstance == "fr-turn8.xirsys.com")
    }

    @Test func renegotiationWithoutIceRestartIsOneAttempt() throws {
        // a-1's connectionState goes connecting -> connected twice; ICE checks once.
        let (_, records) = try Self.records(["chrome-149.json"])
        #expect(try Self.record(records, "a-1").attempts.count == 1)
    }

    @Test func chromeFailureIsFailedNotATimeout() throws {
        // 23-5: ICE checking -> disconnected, connectionState failed 15 s after checking, never ICE failed.
        let (report, records) = try Self.records(["chrome-149.json"])
        let c = try Self.record(records, "23-5")
        #expect(c.outcome == .failed)
        #expect(!c.timedOut)
        #expect(c.attempts.first?.end == .failed)
        #expect(c.attempts.first.map { ($0.endMs ?? 0) - ($0.startMs ?? 0) } == 15_000)
        #expect(report.summary.timeouts == 0)
        // Its TURN 701 before any connection can explain the failure; the STUN host lookup error cannot.
        let errors = try #require(c.detail?.candidateErrors)
        #expect(errors.count == 2)
        #expect(errors.first { $0.url?.hasPrefix("turn:") == true }?.blocking == true)
        #expect(errors.first { $0.url?.hasPrefix("stun:") == true }?.blocking == false)
    }

    @Test func connectedThenFailed() throws {
        let (_, records) = try Self.records(["chrome-149.json"])
        let c = try Self.record(records, "23-4")
        #expect(c.outcome == .connected)
        #expect(c.detail?.failedAfterConnect == true)
        // A candidate error 94.6 s after connecting is not a failure.
        let error = try #require(c.detail?.candidateErrors.first)
        #expect(error.afterConnectS == 94.6)
        #expect(!error.blocking)
    }

    @Test func chrome120LocaleTimesAndLegacyVariants() throws {
        // en-GB wall times in UTC+1 placed by the stats' UTC start; "(legacy)" entries skipped; a guide's page
        // keeps each connection's own id.
        let (_, records) = try Self.records(["chrome-120.json"])
        #expect(records.count == 1)
        let c = try Self.record(records, "18-4")
        #expect(c.tour == "t-120")
        #expect(c.attempts.count == 1)
        #expect(c.attempts.first?.startMs == 1_700_000_000_000)
        #expect(c.timeToConnectMs == 3_000)
        #expect(c.detail?.secondResolution == true)
        #expect(c.detail?.relayFirst?.url == "turn:fr-turn7.xirsys.com:80?transport=tcp")
        #expect(c.detail?.relayFirst?.relayProtocol == "tcp")
    }

    @Test func chrome86LegacyDumpIceTimeUnknownAndRelayOnTheRemoteSide() throws {
        let (report, records) = try Self.records(["chrome-86.json"])
        let c = try Self.record(records, "4711-1")
        #expect(c.tour == Self.path("chrome-86.json"))  // no session id: the input
        #expect(c.outcome == .connected)
        #expect(c.timeToConnectMs == nil)  // checking and connected in the same whole second
        #expect(report.summary.connectedWithoutTtc == 1)
        let d = try #require(c.detail)
        #expect(d.relayed)
        #expect(d.relayFirst?.localType == "srflx" && d.relayFirst?.remoteType == "relay")
        #expect(d.relayFirst?.localAddress == "203.0.113.77")  // `ip` when there is no `address`
        #expect(d.turnAllocated.isEmpty)  // the remote's relay is not one this side allocated
    }

    @Test func localeTimes() {
        #expect(LocaleTime.wallMs("10/21/2020, 3:04:05 PM") == 1_603_292_645_000)
        #expect(LocaleTime.wallMs("21/10/2020, 15:04:05") == 1_603_292_645_000)
        #expect(LocaleTime.wallMs("21.10.2020, 15:04:05") == 1_603_292_645_000)
        #expect(LocaleTime.wallMs("2020/10/21 15:04:05") == 1_603_292_645_000)
        #expect(LocaleTime.wallMs("12/1/2020, 12:00:00 AM") == LocaleTime.wallMs("1/12/2020, 00:00:00"))
        #expect(LocaleTime.wallMs("not a time") == nil)
        #expect(LocaleTime.zoneOffsetMs(wallMs: 3_600_000, utcMs: 2_000) == -3_600_000)
    }

    @Test func legacyGoogStatsGiveTheActiveConnection() throws {
        // Chrome ~100 with the legacy getStats picked in the page: the `Conn-*` entry that became active.
        let (_, records) = try Self.records(["chrome-100-legacy-stats.json"])
        let d = try #require(try Self.record(records, "12-1").detail)
        #expect(d.relayFirst?.localType == "relay" && d.relayFirst?.remoteType == "host")
        #expect(d.relayFirst?.localAddress == "198.51.100.80" && d.relayFirst?.localPort == 54000)
        #expect(d.relayFirst?.protocol == "udp")
    }

    @Test func twoDumpsOfOneCallPairIntoOneMismatchedConnection() throws {
        // The attendee's dump (relayed on fr-turn8) and the guide's, whose page names the attendee (remote=a-1).
        let (report, records) = try Self.records(["chrome-149.json", "chrome-149-guide.json"])
        let c = try Self.record(records, "a-1")
        #expect(records.filter { $0.connection.tour == "t-149" }.count == 1)
        #expect(records.first { $0.connection.attendee == "a-1" }?.guide == "g-1")
        #expect(c.mismatched)
        #expect(c.attempts.first?.guideInstance == "fr-turn7.xirsys.com")
        #expect(c.attempts.first?.attendeeInstance == "fr-turn8.xirsys.com")
        #expect(report.summary.mismatched == 1)
    }

    @Test func oneEndpointsConnectionAcrossTwoRtcstatsFilesIsOneConnection() throws {
        // Same meeting, same endpoint, same PC id (a reconnect's second file): checking in one, connected in the
        // other.
        let (_, records) = try Self.records(["jitsi-part1.ndjson", "jitsi-part2.ndjson"])
        #expect(records.count == 1)
        let c = try Self.record(records, "5e6f7a8b/PC_0")
        #expect(c.outcome == .connected && c.timeToConnectMs == 2_500)
    }

    @Test func dumpsFromGzippedFiles() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("icelens-dumps-gz-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        for name in ["chrome-149.json", "jitsi-rtcstats.ndjson", "xirsys-v3-array.json"] {
            let out = try CommandLineContractTests.shell("gzip -c '\(Self.path(name))' > '\(dir.path)/\(name).gz'")
            #expect(out.status == 0)
        }
        let run = try CLI.run(["report", "--format", "json", dir.path])
        let document = try CLI.json(run.stdout)
        let summary = try #require(document["summary"] as? [String: Any])
        #expect(summary["connections"] as? Int == 5)  // 3 + 2 (and one probe)
        #expect(summary["probe_connections"] as? Int == 1)
        let inputs = try #require(document["inputs"] as? [String: Any])
        #expect(inputs["gzip_files"] as? Int == 3)
        let timeline = try CLI.run(["timeline", "--tour", "t-149", dir.path])
        #expect(timeline.status == 0 && timeline.stdout.contains("a-1"))
    }

    @Test func watchSaysItCannotFollowADump() throws {
        let run = try CommandLineContractTests.shell(
            "timeout 20 \"$0\" watch '\(Self.path("chrome-149.json"))' '\(Self.path("jitsi-rtcstats.ndjson"))'")
        #expect(run.status == 1)
        #expect(run.stderr.components(separatedBy: "not a log to follow: read it with report").count == 3)
        // A line log's first line is no dump.
        #expect(
            Array("{\"ts\":1,\"event\":\"ice.state\"}".utf8).withUnsafeBytes { WatchRun.dumpFormat(firstLine: $0) }
                == nil)
    }

    // MARK: rtcstats

    @Test func jitsiDumpDeltaStatsOutOfOrderLinesProbesAndFailures() throws {
        let (report, records) = try Self.records(["jitsi-rtcstats.ndjson"])
        let session = "6f1c0c2e-0000-4000-8000-000000000001"  // meetingUniqueId from the second identity line
        #expect(records.allSatisfy { $0.connection.tour == session })
        // PC_0: the connected line comes before checking in the file; ordered by time, ICE took 1.01 s.
        let pc0 = try Self.record(records, "1a2b3c4d/PC_0")
        #expect(pc0.timeToConnectMs == 1_010)
        // The first getstats sample selects the relay pair; the delta sample moves to the host pair.
        #expect(pc0.detail?.relayFirst?.localType == "relay")
        #expect(pc0.detail?.relayFirst?.url == "turn:fr-turn7.xirsys.com:3478?transport=udp")
        #expect(pc0.detail?.relayLast?.localType == "host")
        #expect(pc0.detail?.relayLast?.localPort == 52001)
        // PC_1 probes taas.callstats.io: listed, in no rate.
        let probe = try Self.record(records, "1a2b3c4d/PC_1")
        #expect(probe.isProbe)
        #expect(report.summary.probeConnections == 1)
        #expect(report.summary.connections == 2)
        #expect(report.summary.failed == 0)
        // PC_2 connected, then failed.
        #expect(try Self.record(records, "1a2b3c4d/PC_2").detail?.failedAfterConnect == true)
        // Words in identity and logs blobs are not events; records icelens does not read (logs, constraints,
        // dominantSpeaker, close) are unrecognised; the broken last line is malformed.
        let input = try #require(report.inputs.inputs.first)
        #expect(input.read == 24 && input.recognised == 19 && input.unrecognised == 4 && input.malformed == 1)
    }

    @Test func rtcstatsV3DeltaTimesAndNumericCodes() throws {
        let (_, records) = try Self.records(["rtcstats-v3.jsonl"])
        let c = try Self.record(records, "PC_0")
        #expect(c.timeToConnectMs == 1_200)
        #expect(c.detail?.relayFirst?.url == "turns:fr-turn8.xirsys.com:443?transport=tcp")
        #expect(c.detail?.relayFirst?.relayProtocol == "tls")
        #expect(c.detail?.relayFirst?.remoteType == "relay")
        #expect(c.detail?.candidateErrors.first?.code == 701)
        #expect(c.detail?.candidateErrors.first?.blocking == true)
    }

    @Test func rtcstatsV3WithoutPeerConnection() throws {
        let (report, records) = try Self.records(["rtcstats-v3-nopc.jsonl"])
        #expect(records.isEmpty)
        #expect(report.summary.tours == 0)
        let input = try #require(report.inputs.inputs.first)
        #expect(input.read == 6 && input.recognised == 2 && input.unrecognised == 4)  // header and metadata read
    }

    // MARK: ICE server documents

    @Test(arguments: [
        ("xirsys-v3-object.json", "fr-turn8.xirsys.com"), ("xirsys-v3-array.json", "fr-turn7.xirsys.com"),
        ("rtc-configuration.json", "fr-turn1.xirsys.com"), ("xirsys-v2.json", "turn02.uswest.xirsys.com"),
    ])
    func iceServerDocumentsNameTheirInstance(name: String, host: String) throws {
        let run = try CLI.run(["events", Self.path(name)])
        #expect(run.status == 0)
        let event = try CLI.json(run.stdout.split(separator: "\n").first.map(String.init) ?? "")
        #expect(event["event"] as? String == "ice.servers")
        #expect(event["servers"] as? [String] == [host])
        #expect(run.stderr.contains("1 line read = 1 recognised"))
    }

    @Test func credentialsNeverReachAnyOutput() throws {
        for format in ["json", "csv", "ndjson", "text"] {
            let run = try CLI.run(["connections", "--format", format, Self.path("rtc-configuration.json")])
            #expect(!run.stdout.contains("pass") && !run.stdout.contains("leak"))
        }
        let events = try CLI.run(["events", Self.path("rtc-configuration.json"), Self.path("xirsys-v3-object.json")])
        for secret in ["user:pass", "leak", "5e0c8f9a", "Zm9vYmFy"] { #expect(!events.stdout.contains(secret)) }
    }

    // MARK: stdin, gzip, pairing

    @Test func dumpsFromStdinPlainAndGzipped() throws {
        for name in ["chrome-149.json", "jitsi-rtcstats.ndjson"] {
            for feed in ["cat", "gzip -c"] {
                let file = "'\(Self.path(name))'"
                let report = try CommandLineContractTests.shell("\(feed) \(file) | \"$0\" report --format json -")
                #expect(report.status == 0)
                let summary = try #require(try CLI.json(report.stdout)["summary"] as? [String: Any])
                #expect(summary["connections"] as? Int == (name == "chrome-149.json" ? 3 : 2))
                let connections = try CommandLineContractTests.shell("\(feed) \(file) | \"$0\" connections -")
                #expect(connections.stdout.split(separator: "\n").count == 3)
                let tour = name == "chrome-149.json" ? "t-149" : "6f1c0c2e-0000-4000-8000-000000000001"
                let timeline = try CommandLineContractTests.shell(
                    "\(feed) \(file) | \"$0\" timeline --tour \(tour) -")
                #expect(timeline.status == 0)
                #expect(
                    timeline.stdout.contains(name == "chrome-149.json" ? "fr-turn8.xirsys.com" : "fr-turn7.xirsys.com"))
            }
        }
    }

    @Test func aDumpPairsWithTheAppsGuideLogs() throws {
        // The attendee's Chrome dump (tour t-149, peer a-1, relayed on fr-turn8) and the guide's own log lines
        // (relayed on fr-turn7): one connection, mismatched.
        let log = try CommandLineContractTests.temporaryFile(
            "guide.log",
            """
            {"ts":"2025-11-29T10:00:00.100Z","tour":"t-149","role":"guide","peer":"g-1","remote":"a-1","event":"ice.state","state":"checking"}
            {"ts":"2025-11-29T10:00:00.900Z","tour":"t-149","role":"guide","peer":"g-1","remote":"a-1","event":"ice.selected","candidateType":"relay","url":"turn:fr-turn7.xirsys.com:3478?transport=udp"}
            {"ts":"2025-11-29T10:00:01.000Z","tour":"t-149","role":"guide","peer":"g-1","remote":"a-1","event":"ice.state","state":"connected"}

            """)
        let (report, records) = try Self.records(["chrome-149.json"], extra: [InputSpec.file(log)])
        let c = try Self.record(records, "a-1")
        #expect(c.mismatched)
        #expect(c.attempts.first?.guideInstance == "fr-turn7.xirsys.com")
        #expect(c.attempts.first?.attendeeInstance == "fr-turn8.xirsys.com")
        #expect(report.summary.mismatched == 1)
    }

    // MARK: documents, parsing, accounting

    @Test func sniffingTellsDocumentsFromLines() {
        func format(_ text: String) -> String {
            Array(text.utf8).withUnsafeBytes { InputFormats.format(forStart: $0).name }
        }
        #expect(format("{\n \"PeerConnections\": {}\n}\n") == "json-document")
        #expect(format("{\"iceServers\":[]}") == "json-document")
        #expect(format("{\"ts\":1,\"event\":\"ice.state\"}\n{\"ts\":2}\n") == "line-log")
        #expect(format("RTCStatsDump\n{\"fileFormat\":3}\n") == "rtcstats")
        #expect(format("[\"connectionInfo\",null,\"{}\",1]\n") == "rtcstats")
        #expect(format("2026-03-02T10:15:00Z INFO hello\n") == "line-log")
    }

    @Test func prettyPrintedJSONOfNoKnownShapeIsUnrecognisedNotMalformed() throws {
        func accounting(_ text: String) throws -> [String: Any] {
            let file = try CommandLineContractTests.temporaryFile("document.json", text)
            let run = try CLI.run(["report", "--format", "json", file])
            let inputs = try #require(try CLI.json(run.stdout)["inputs"] as? [String: Any])
            return try #require((inputs["files"] as? [[String: Any]])?.first)
        }
        let other = try accounting("{\n  \"hello\": [1, 2, 3]\n}\n")
        #expect(other["lines_read"] as? Int == 1 && other["unrecognised"] as? Int == 1)
        let broken = try accounting("{\n  \"PeerConnections\": {\n")
        #expect(broken["lines_read"] as? Int == 1 && broken["malformed"] as? Int == 1)
        // Two dumps concatenated into one stream are two documents, each read.
        let two =
            try String(contentsOfFile: Self.path("chrome-86.json"), encoding: .utf8)
            + String(contentsOfFile: Self.path("chrome-149.json"), encoding: .utf8)
        let both = try accounting(two)
        #expect(both["lines_read"] as? Int == 2 && both["recognised"] as? Int == 2)
    }

    @Test func aDocumentOverTheLimitIsCutNotRead() throws {
        var options = ScanOptions()
        options.maxDocumentBytes = 100
        let source = MemoryByteSource(Array(try Data(contentsOf: URL(fileURLWithPath: Self.path("chrome-149.json")))))
        let scan = try InputScanner(options: options).scan(.standardInput, raw: source, index: 0, onEvent: { _ in })
        #expect(scan.accounting.read == 1 && scan.accounting.cut == 1)
        #expect(scan.accounting.bytes > 100)
    }

    @Test func jsonParser() throws {
        #expect(
            try JSONParser.parse("{\"a\": [1, -2.5e3, true, null, \"x\\u00e9\\ud83d\\ude00\"]}")
                == .object(["a": .array([.number(1), .number(-2500), .bool(true), .null, .string("xé😀")])]))
        #expect(throws: JSONParser.Failure.self) { try JSONParser.parse("{\"a\": 1,}") }
        #expect(throws: JSONParser.Failure.self) { try JSONParser.parse("[1] 2") }
        #expect(throws: JSONParser.Failure.self) { try JSONParser.parse("\"a\u{01}\"") }
        // Nesting is bounded: a hostile document cannot exhaust the stack.
        #expect(throws: JSONParser.Failure.self) { try JSONParser.parse(String(repeating: "[", count: 100_000)) }
        #expect(try JSONParser.parse("\u{FEFF} {} ") == .object([:]))
    }

    @Test func detailSurvivesTheSpillFile() throws {
        let (_, records) = try Self.records(["chrome-149.json"])
        for record in records {
            let encoder = SpillEncoder()
            encoder.connection(record)
            var decoder = SpillDecoder(encoder.bytes)
            #expect(try decoder.connection() == record)
        }
    }

    // MARK: console lines

    @Test func consoleLinesWithoutTimestampsAreEventsOfTheInputsSession() throws {
        let file = try CommandLineContractTests.temporaryFile(
            "console.txt",
            """
            ICE connection state change to checking
            WebRTC: ICE failed, your TURN server appears to be broken, see about:webrtc for more details
            [10:16:29 DBG] Sending TURN allocate request to ICE server turn:fr-turn8.xirsys.com:3478?transport=udp
            10:16:31.250 ICE connection state change to connected
            icecandidateerror: 701 TURN allocate request timed out.
            url: turn:fr-turn7.xirsys.com:3478?transport=udp
            just a line

            """)
        let run = try CLI.run(["events", file])
        let events = try run.stdout.split(separator: "\n").map { try CLI.json(String($0)) }
        #expect(events.count == 5)
        #expect(events.allSatisfy { $0["tour"] as? String == file })
        #expect(events[0]["ts"] is NSNull && events[0]["state"] as? String == "checking")
        #expect(events[1]["state"] as? String == "failed")
        #expect(events[2]["ts"] as? String == "1970-01-01T10:16:29.000Z")
        #expect(events[2]["servers"] as? [String] == ["fr-turn8.xirsys.com"])
        #expect(events[3]["ts"] as? String == "1970-01-01T10:16:31.250Z")
        #expect(events[4]["servers"] as? [String] == ["fr-turn7.xirsys.com"])  // the URL on the next line
        #expect(run.stderr.contains("7 lines read = 6 recognised + 1 unrecognised"))
    }

    // MARK: regressions (defects found trying dumps as a user)

    static func lines(_ name: String) throws -> [String] {
        try String(contentsOfFile: path(name), encoding: .utf8).split(separator: "\n").map(String.init)
    }

    static func events(_ text: String, name: String = "input.txt") throws -> [[String: Any]] {
        let file = try CommandLineContractTests.temporaryFile(name, text)
        let run = try CLI.run(["events", file])
        return try run.stdout.split(separator: "\n").map { try CLI.json(String($0)) }
    }

    @Test func regressionCandidateErrorTextsHadTheirCredentialsPrinted() throws {
        let text = try Self.lines("rtcstats-v3.jsonl").joined(separator: "\n")
            .replacingOccurrences(
                of: "TURN allocate request timed out.", with: "failed turn:bob:hunter2@h.example:3478 credential=leak2")
        let file = try CommandLineContractTests.temporaryFile("creds.jsonl", text)
        let run = try CLI.run(["connections", "--format", "json", file])
        #expect(run.stdout.contains("candidate_errors"))
        #expect(!run.stdout.contains("hunter2") && !run.stdout.contains("leak2"))
    }

    @Test func regressionANonRelayedDumpClaimedItsConfiguredInstance() throws {
        // chrome-86's side selected a srflx pair (the remote relayed): its configured fr-turn7 is not an instance
        // it used, so a guide on fr-turn8 is no mismatch.
        let (_, records) = try Self.records(["chrome-86.json"])
        #expect(try Self.record(records, "4711-1").attempts.first?.attendeeInstance == nil)
    }

    @Test func regressionConcatenatedRtcstatsDumpsWereMerged() throws {
        let a = try Self.lines("jitsi-rtcstats.ndjson").dropLast()  // without the broken last line
        let b = a.map {
            $0.replacingOccurrences(of: "6f1c0c2e-0000-4000-8000-000000000001", with: "second-meeting")
        }
        let file = try CommandLineContractTests.temporaryFile("two.ndjson", (a + b).joined(separator: "\n") + "\n")
        let run = try CLI.run(["connections", file])
        let tours = try run.stdout.split(separator: "\n").map { try CLI.json(String($0))["tour"] as? String }
        #expect(tours.count == 6)
        #expect(Set(tours.compactMap { $0 }) == ["6f1c0c2e-0000-4000-8000-000000000001", "second-meeting"])
    }

    @Test func regressionAV3DumpWithAByteOrderMarkWasUnrecognised() throws {
        let text = "\u{FEFF}" + (try Self.lines("rtcstats-v3.jsonl").joined(separator: "\n"))
        let file = try CommandLineContractTests.temporaryFile("bom.jsonl", text)
        let run = try CLI.run(["connections", file])
        #expect(run.stdout.split(separator: "\n").count == 1)
    }

    @Test func regressionABadV3DeltaShiftedEveryLaterTime() throws {
        var lines = try Self.lines("rtcstats-v3.jsonl")
        lines[4] = lines[4].replacingOccurrences(of: ", 100]", with: ", \"abc\"]")  // the `checking` record
        let events = try Self.events(lines.joined(separator: "\n"), name: "bad-delta.jsonl")
        let states = events.filter { $0["event"] as? String == "ice.state" }
        #expect(!states.isEmpty)
        #expect(states.allSatisfy { $0["ts"] is NSNull })  // unknown from the bad delta on, not shifted
    }

    @Test func regressionRtcstatsEventsAllNamedLineOne() throws {
        let events = try Self.events(
            try String(contentsOfFile: Self.path("jitsi-rtcstats.ndjson"), encoding: .utf8), name: "lines.ndjson")
        let pc2 = events.filter { ($0["peer"] as? String) == "1a2b3c4d/PC_2" }
        let lines = pc2.compactMap { ($0["source"] as? String)?.split(separator: ":").last.map(String.init) }
        // Its server list names its `create` line; each state its own line.
        #expect(lines == ["15", "16", "17", "19", "20"])
    }

    @Test func regressionIceFailedAfterConnectionStateFailedWasASecondFailure() throws {
        let events = try Self.events(
            try String(contentsOfFile: Self.path("jitsi-rtcstats.ndjson"), encoding: .utf8), name: "twice.ndjson")
        let failed = events.filter { ($0["peer"] as? String) == "1a2b3c4d/PC_2" && $0["state"] as? String == "failed" }
        #expect(failed.count == 1)
    }

    @Test func regressionPageURLIdsWereNotPercentDecodedAndGuidePagesMadeUpAttendees() {
        let ids = WebRTCInternalsDump.appIds(inURL: "https://x/live?tour=t%2D1&role=guide&peer=g-1&remote=a+1#top")
        #expect(ids.tour == "t-1" && ids.peer == "g-1" && ids.role == .guide && ids.remote == "a 1")
        let record: JSONValue = .object([
            "url": .string("https://x/live?tour=t-1&role=guide&peer=g-1&remote=a-1"), "updateLog": .array([]),
        ])
        let trace = WebRTCInternalsDump.trace(id: "18-4", record: record, inputName: "dump")
        #expect(trace.role == .guide && trace.attendeeKey == "a-1" && trace.name == "g-1")
        let unnamed = WebRTCInternalsDump.trace(
            id: "18-4", record: .object(["url": .string("https://x/live?tour=t-1&role=guide&peer=g-1")]),
            inputName: "dump")
        #expect(unnamed.attendeeKey == "18-4")
    }

    @Test func regressionAnUntimedCheckingMadeAConnectedConnectionIncomplete() throws {
        let text = try String(contentsOfFile: Self.path("chrome-149.json"), encoding: .utf8)
            .replacingOccurrences(of: "\"timestamp\": 1764410400200.5", with: "\"timestamp\": \"soon\"")
        #expect(text.contains("\"soon\""))
        let file = try CommandLineContractTests.temporaryFile("undated.json", text)
        let (_, records) = try Self.records([], extra: [InputSpec.file(file)])
        let c = try Self.record(records, "a-1")
        #expect(c.outcome == .connected)
        #expect(c.timeToConnectMs == nil)
        #expect(c.detail?.timesInferred == true)
    }

    @Test func regressionTwelveHourMarkersOfEastAsianLocalesWereRead24Hour() {
        #expect(LocaleTime.wallMs("2020/10/21 下午3:04:05") == 1_603_292_645_000)
        #expect(LocaleTime.wallMs("2020/10/21 午後3:04:05") == 1_603_292_645_000)
        #expect(LocaleTime.wallMs("2020. 10. 21. 오후 3:04:05") == 1_603_292_645_000)
        #expect(LocaleTime.wallMs("2020/10/21 上午3:04:05") == 1_603_249_445_000)
    }

    @Test func regressionJSONLinesWithABrokenFirstLineWereOneMalformedDocument() throws {
        // A log whose first line is cut short (read from the middle of a rotated file) is still lines, whether the
        // second line tells (sniffing) or only the parse does (its first value breaks within two lines).
        let lines = [
            "{\"ts\":\"2026-03-02T10:15:00Z\",\"tour\":\"t-1\",\"ev",
            "{\"ts\":\"2026-03-02T10:15:01Z\",\"tour\":\"t-1\",\"role\":\"attendee\",\"peer\":\"a-1\",\"event\":\"ice.state\",\"state\":\"checking\"}",
            "{\"ts\":\"2026-03-02T10:15:02Z\",\"tour\":\"t-1\",\"role\":\"attendee\",\"peer\":\"a-1\",\"event\":\"ice.state\",\"state\":\"connected\"}",
        ]
        func format(_ text: String) -> String {
            Array(text.utf8).withUnsafeBytes { InputFormats.format(forStart: $0).name }
        }
        #expect(format(lines.joined(separator: "\n") + "\n") == "line-log")
        let file = try CommandLineContractTests.temporaryFile("broken-first.log", lines.joined(separator: "\n") + "\n")
        #expect(try Self.events(try String(contentsOfFile: file, encoding: .utf8)).count == 2)
        // Read as a document all the same, the parse breaks within its first two lines: its lines are read.
        let reading = Array(lines.joined(separator: "\n").utf8).withUnsafeBytes {
            JSONDocumentFormat.read($0, context: SourceContext(index: 0, serverInput: false, options: ScanOptions()))
        }
        #expect(reading.events.count == 2)
        #expect(reading.recognised == 2 && reading.malformed == 1)
    }

    // MARK: regressions (second trial)

    @Test func regressionAGuidePageWithoutRemoteMadeUpAnAttendee() throws {
        let text = try String(contentsOfFile: Self.path("chrome-149-guide.json"), encoding: .utf8)
            .replacingOccurrences(of: "&remote=a-1", with: "")
        let file = try CommandLineContractTests.temporaryFile("guide-noremote.json", text)
        let events = try Self.events(text, name: "guide-noremote.json")
        #expect(events.allSatisfy { $0["role"] as? String == "guide" && $0["peer"] as? String == "g-1" })
        #expect(events.allSatisfy { $0["remote"] as? String == "31-1" })
        let (_, records) = try Self.records([], extra: [InputSpec.file(file)])
        #expect(records.first?.connection.timeToConnectClock == .guide)
        #expect(records.first?.guide == "g-1")
    }

    @Test func regressionAWholeSecondDumpWipedTheAppsTimeToConnect() throws {
        // chrome-120's whole-second dump is the guide's (t-120, 18-4); the attendee's own log measures 0.9 s.
        let log = try CommandLineContractTests.temporaryFile(
            "att120.log",
            """
            {"ts":"2023-11-14T22:13:20.100Z","tour":"t-120","role":"attendee","peer":"18-4","event":"ice.state","state":"checking"}
            {"ts":"2023-11-14T22:13:21.000Z","tour":"t-120","role":"attendee","peer":"18-4","event":"ice.state","state":"connected"}

            """)
        let (_, records) = try Self.records(["chrome-120.json"], extra: [InputSpec.file(log)])
        let c = try Self.record(records, "18-4")
        #expect(c.timeToConnectMs == 900 && c.timeToConnectClock == .attendee)
        // The dump alone: whole seconds under one are unknown, and the timeline says so rather than "0 s".
        let run = try CLI.run([
            "timeline", "--format", "json", "--tour", Self.path("chrome-86.json"), Self.path("chrome-86.json"),
        ])
        #expect(run.stdout.contains("connected within a second (whole-second times)"))
        #expect(!run.stdout.contains("after 0 s"))
    }

    @Test func regressionTheZoneGuessRoundedALateStatsStartToTheNextQuarterHour() {
        // Stats start 8 minutes after the first logged event; the page's zone is UTC+2.
        let wall: Int64 = 1_700_000_000_000 + 2 * 3_600_000
        #expect(LocaleTime.zoneOffsetMs(wallMs: wall, utcMs: 1_700_000_000_000 + 8 * 60_000) == -2 * 3_600_000)
        #expect(LocaleTime.zoneOffsetMs(wallMs: wall, utcMs: 1_700_000_000_000 - 30_000) == -2 * 3_600_000)
    }

    @Test func regressionAConsoleConnectAcrossMidnightWasIncomplete() throws {
        let file = try CommandLineContractTests.temporaryFile(
            "midnight.txt",
            "23:59:59.500 ICE connection state change to checking\n00:00:01.000 ICE connection state change to connected\n"
        )
        let (_, records) = try Self.records([], extra: [InputSpec.file(file)])
        #expect(records.first?.connection.outcome == .connected)
        #expect(records.first?.connection.timeToConnectMs == 1_500)
    }

    @Test func regressionAppLinesAfterADumpInOneStreamWereLost() throws {
        let dump = try String(contentsOfFile: Self.path("chrome-86.json"), encoding: .utf8)
        let line =
            "{\"ts\":\"2026-03-02T10:15:01Z\",\"tour\":\"t-1\",\"role\":\"attendee\",\"peer\":\"a-1\",\"event\":\"ice.state\",\"state\":\"checking\"}\n"
        let events = try Self.events(dump + line + line, name: "dump-then-lines.txt")
        #expect(events.filter { $0["tour"] as? String == "t-1" }.count == 2)
        // Each document that became nothing is listed with its own first line.
        let file = try CommandLineContractTests.temporaryFile(
            "docs.json", "{\n \"a\": 1\n}\n{\n \"b\": 2\n}\n{ broken\n")
        let unrecognised = try CLI.run(["events", "--show", "unrecognised", file])
        #expect(unrecognised.stdout == "\(file):1: {\n\(file):4: {\n")
        let malformed = try CLI.run(["events", "--show", "malformed", file])
        #expect(malformed.stdout.contains("docs.json:7: { broken"))
    }

    @Test func regressionFlaggedKeptAnUnflaggedProbe() throws {
        let run = try CLI.run(["connections", "--flagged", Self.path("jitsi-rtcstats.ndjson")])
        let records = try run.stdout.split(separator: "\n").map { try CLI.json(String($0)) }
        #expect(records.allSatisfy { $0["probe"] as? Bool == false })
    }

    @Test func regressionAPairedConnectionsDetailDependedOnInputOrder() throws {
        let (_, a) = try Self.records(["chrome-149-guide.json", "chrome-149.json"])
        let (_, b) = try Self.records(["chrome-149.json", "chrome-149-guide.json"])
        let x = try Self.record(a, "a-1")
        let y = try Self.record(b, "a-1")
        #expect(x.detail == y.detail)
        #expect(x.detail?.relayFirst?.url == "turn:fr-turn8.xirsys.com:3478?transport=udp")  // the attendee's
    }

    @Test func regressionACreateOfTheWrongShapeWasRecognised() throws {
        let file = try CommandLineContractTests.temporaryFile(
            "create.ndjson", "[\"create\",\"PC_0\",\"notanobject\",1764414000010,1]\n")
        let run = try CLI.run(["report", "--format", "json", file])
        let inputs = try #require(try CLI.json(run.stdout)["inputs"] as? [String: Any])
        #expect((inputs["totals"] as? [String: Any])?["malformed"] as? Int == 1)
    }

    @Test func regressionWatchFollowedADumpOnStandardInput() throws {
        let run = try CommandLineContractTests.shell(
            "cat '\(Self.path("jitsi-rtcstats.ndjson"))' | timeout 20 \"$0\" watch -")
        #expect(run.status == 1)
        #expect(run.stderr.contains("not a log to follow"))
    }

    @Test func regressionALogWhoseFirstLineIsLongWasReadAsOneDocument() {
        // A first line longer than the sniffed window is a dump only when it names a dump's keys early.
        let long = "{\"ts\":\"2026-03-02T10:15:01Z\",\"blob\":\"" + String(repeating: "x", count: 70_000) + "\"}\n"
        func format(_ text: String) -> String {
            Array(text.utf8.prefix(InputFormats.sniffBytes)).withUnsafeBytes { InputFormats.format(forStart: $0).name }
        }
        #expect(format(long + long) == "line-log")
        let dump =
            "{\"getUserMedia\":[],\"PeerConnections\":{\"1-1\":{\"url\":\"" + String(repeating: "y", count: 70_000)
        #expect(format(dump) == "json-document")
    }

    @Test func prettyPrintedAppRecordsAreReadAsTheirLines() throws {
        // `jq .` of the app's JSON lines: each record, made one line again, is a log line.
        let text = """
            {
              "ts": "2026-03-02T10:15:01Z",
              "tour": "t-1", "role": "attendee", "peer": "a-1",
              "event": "ice.state", "state": "checking"
            }
            {
              "ts": "2026-03-02T10:15:02Z",
              "tour": "t-1", "role": "attendee", "peer": "a-1",
              "event": "ice.state", "state": "connected"
            }

            """
        let events = try Self.events(text, name: "pretty.json")
        #expect(events.map { $0["state"] as? String } == ["checking", "connected"])
        #expect(events.map { ($0["source"] as? String)?.hasSuffix("pretty.json:6") } == [false, true])
    }
}
