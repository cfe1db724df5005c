import Foundation
import Testing

@testable import IcelensCore

/// coturn logs read into TURN sessions (issue 11): each prefix variant of coturn 4.5 to 4.17 and its wrappers
/// (syslog, rsyslog, Kubernetes CRI), and one server's session stories: an allocation with permissions, a channel,
/// usage deltas, a refresh and a deallocation; a STUN-only session closed by the watchdog; an allocate error coturn
/// logs twice; an invalid address; an error naming no session. Fixtures under Fixtures/coturn were written for these
/// tests from docs/research/coturn-log-facts.md.
@Suite struct CoturnTests {
    static let folder = CLI.root.appendingPathComponent("Tests/IcelensCoreTests/Fixtures/coturn").path
    static let variants = [
        "coturn-4.5.log", "coturn-4.5.2.log", "coturn-4.6.log", "coturn-timestamp.log",
        "coturn-timestamp-thread.log", "coturn-4.17.log", "coturn-4.17-uptime.log", "coturn-syslog.log",
        "coturn-rsyslog.log", "coturn-k8s.log",
    ]

    static func sessions(_ name: String) throws -> AnalysisReport {
        try Analysis.report([InputSpec.file(folder + "/" + name)], settings: AnalysisSettings())
    }

    @Test(arguments: variants)
    func everyPrefixVariantReadsTheSameSessions(name: String) throws {
        let report = try Self.sessions(name)
        #expect(
            report.turnSessions.map(\.session) == [
                "001000000000000003", "000000000000000100", "002000000000000011",
            ])
        // Every line with a session id is read; the one with an invalid address is malformed.
        let input = try #require(report.inputs.inputs.first)
        #expect(input.read == 31 && input.recognised == 30 && input.malformed == 1 && input.unrecognised == 0)
        #expect(report.turnErrors.count == 1)
        #expect(report.turnErrors.first?.text.contains("A peer IP 169.254.10.7 denied") == true)
        let s = try #require(report.turnSessions.first)
        #expect(s.usage == TurnUsage(rp: 3535, rb: 3_088_345, sp: 1767, sb: 195_631))
    }

    @Test func anAllocationsStory() throws {
        let report = try Self.sessions("coturn-4.6.log")
        let s = try #require(report.turnSessions.first)
        #expect(s.realm == "tours.example")
        #expect(s.username == "1764410400:a-1@t-149" && s.user == "a-1@t-149" && s.expiry == 1_764_410_400)
        #expect(s.allocated && !s.stunOnly)
        #expect(s.relayAddress == "10.0.0.4:49372")
        #expect(s.clientAddress == "203.0.113.50:53311" && s.listener == "10.0.0.4:3478")
        #expect(s.lifetimeS == 600 && s.refreshes == 1 && s.deallocated)
        #expect(s.permissions == ["198.51.100.23", "198.51.100.24"])
        #expect(s.channels == ["198.51.100.23"])
        // Usage lines are deltas: their sums, exactly.
        #expect(s.usage == TurnUsage(rp: 2731 + 804, rb: 2_398_112 + 690_233, sp: 1365 + 402, sb: 151_020 + 44_611))
        #expect(s.peerUsage == TurnUsage(rp: 1365 + 402, rb: 146_900 + 43_001, sp: 2731 + 804, sb: 2_387_040 + 686_017))
        // The 401 before the allocation is the credential challenge, not a failure.
        #expect(s.challenges == 1 && s.errors.isEmpty && s.allocateErrors.isEmpty)
        #expect(s.closeReason == "allocation timeout")
        #expect(s.opened?.uptimeS == 881 && s.closed?.uptimeS == 1403)
    }

    @Test func aStunOnlySessionAndAnErrorLoggedTwice() throws {
        let report = try Self.sessions("coturn-4.6.log")
        let stun = try #require(report.turnSessions.first { $0.session == "000000000000000100" })
        #expect(stun.stunOnly && stun.bindings == 1 && stun.user == nil)
        #expect(stun.closeReason == "allocation watchdog determined stale session state")
        #expect(stun.usage == TurnUsage(rp: 1, rb: 20, sp: 1, sb: 88))
        let failed = try #require(report.turnSessions.first { $0.session == "002000000000000011" })
        #expect(failed.allocateErrors.map(\.code) == [437])  // the `message` repeat is the same error
        #expect(failed.errors.first?.text == "Allocation Mismatch")
        #expect(failed.closeReason == "TCP connection closed by client (callback)")
    }

    @Test func timesFromTheLineOrItsWrapper() throws {
        let k8s = try #require(try Self.sessions("coturn-k8s.log").turnSessions.first)
        #expect(k8s.opened == TurnMoment(timeMs: 1_747_206_881_118, uptimeS: 881))  // CRI time and coturn uptime
        let v417 = try #require(try Self.sessions("coturn-4.17.log").turnSessions.first)
        #expect(v417.opened == TurnMoment(timeMs: 1_785_914_081_118, uptimeS: nil))  // 09:14:41.118+0200
        let stamped = try #require(try Self.sessions("coturn-timestamp.log").turnSessions.first)
        #expect(stamped.opened?.timeMs == 1_710_004_481_000)  // `+0100` without a colon
    }

    @Test func prefixesTakenApart() {
        func parse(_ text: String) -> (CoturnLine, String)? {
            Array(text.utf8).withUnsafeBytes { bytes in
                CoturnLine.parse(bytes).map { ($0, String(decoding: bytes[$0.messageStart...], as: UTF8.self)) }
            }
        }
        #expect(parse("881: (31455): INFO: session x")?.1 == "session x")
        #expect(parse("881: (31455): INFO: session x")?.0.thread == 31455)
        #expect(parse("57: : ERROR: oops")?.0.level == .error)
        #expect(parse("2023-10-04T02:33:52-0500(343249): INFO: hi")?.0.thread == 343_249)
        #expect(parse("coturn_1  | 32: session y")?.1 == "session y")
        // `docker logs -t`: a time in front of the uptime prefix, kept as the line's time.
        let docker = parse("2023-08-24T17:23:17.221745770Z 32: : session 000000000000000001: delete: realm=<r>")
        #expect(docker?.1 == "session 000000000000000001: delete: realm=<r>")
        #expect(docker?.0.timeMs == 1_692_897_797_221 && docker?.0.uptimeS == 32)
        // Not coturn: no prefix, or a broken one; never a crash.
        for text in ["hello", "5", ": ", "5(", "5: (", "5: (1", "2026-13-99T99:99:99Z INFO x", "(", ""] {
            #expect(parse(text) == nil || parse(text)?.1.isEmpty == false)
        }
    }

    @Test func appLogsAreNotCoturn() {
        func format(_ text: String) -> String {
            Array(text.utf8).withUnsafeBytes { InputFormats.format(forStart: $0).name }
        }
        #expect(format("2026-03-02T10:15:00Z INFO [tour:t-1][peer:a-1] ICE connection state: checking\n") == "line-log")
        #expect(format("57: : session 001000000000000003: new, realm=<r>, username=<u>, lifetime=600\n") == "coturn")
    }

    /// Regression (user trial): a syslog whose first 64 lines were other daemons' was not read as coturn (the first
    /// 40 lines decided), and nothing said so.
    @Test func regressionASyslogWithOtherDaemonsFirstWasNotCoturn() {
        var text = ""
        for i in 0..<64 {
            text += "Jan  7 04:12:\(10 + i % 40) host systemd[1]: Started Session \(i) of user root.\n"
        }
        for i in 0..<3 {
            text +=
                "Jan  7 04:13:0\(i) host turnserver: \(900 + i): session 00100000000000000\(i): "
                + "new, realm=<r>, username=<u>, lifetime=600\n"
        }
        #expect(Array(text.utf8).withUnsafeBytes { InputFormats.format(forStart: $0).name } == "coturn")
    }

    @Test func restUsernameForms() throws {
        let text = """
            10: session 000000000000000001: new, realm=<r>, username=<alice:1764410400>, lifetime=600
            11: session 000000000000000002: new, realm=<r>, username=<1665928724:@alice:example.org>, lifetime=600
            12: session 000000000000000003: new, realm=<r>, username=<plain>, lifetime=600

            """
        let file = try CommandLineContractTests.temporaryFile("rest.log", text)
        let sessions = try Analysis.report([InputSpec.file(file)], settings: AnalysisSettings()).turnSessions
        #expect(sessions.map(\.user) == ["alice", "@alice:example.org", "plain"])
        #expect(sessions.map(\.expiry) == [1_764_410_400, 1_665_928_724, nil])
    }

    @Test func everyFormatOfSessions() throws {
        let path = Self.folder + "/coturn-4.6.log"
        let ndjson = try CLI.run(["sessions", path])
        #expect(ndjson.status == 0 && ndjson.stdout.split(separator: "\n").count == 3)
        let first = try CLI.json(String(ndjson.stdout.split(separator: "\n")[0]))
        #expect(first["relay_address"] as? String == "10.0.0.4:49372")
        #expect((first["usage"] as? [String: Any])?["rb"] as? Int == 3_088_345)
        let json = try CLI.json(try CLI.run(["sessions", "--format", "json", path]).stdout)
        #expect(json["kind"] as? String == "sessions" && (json["server_errors"] as? [Any])?.count == 1)
        #expect(json["server_errors_total"] as? Int == 1)
        let csv = try CLI.run(["sessions", "--format", "csv", path])
        #expect(csv.stdout.hasPrefix(CSVRenderer.sessionHeader.joined(separator: ",") + "\n"))
        // Regression (user trial): request errors other than ALLOCATE's were in no column of the table or the CSV.
        #expect(csv.stdout.contains("ALLOCATE:437 message:437") == false)  // the repeat as `message` is one error
        #expect(csv.stdout.contains(",437,ALLOCATE:437,"))
        #expect(csv.stdout.split(separator: "\n").count == 4)
        let text = try CLI.run(["sessions", "--format", "text", path])
        #expect(text.stdout.contains("3 TURN sessions, 1 allocated, 2 STUN only"))
        #expect(text.stdout.contains("401x1"))
    }

    @Test func hostileUsernamesStayText() throws {
        let text = "10: session 000000000000000001: new, realm=<r>, username=<\u{1b}[31mx\u{202e}>, lifetime=600\n"
        let file = try CommandLineContractTests.temporaryFile("hostile-turn.log", text)
        let run = try CLI.run(["sessions", "--format", "text", file])
        #expect(!run.stdout.contains("\u{1b}") && !run.stdout.contains("\u{202e}"))
        let csv = try CLI.run(["sessions", "--format", "csv", file])
        #expect(!csv.stdout.contains("\u{1b}"))
    }

    @Test func theSessionBehindAConnection() throws {
        // chrome-149's a-1 relayed on 198.51.100.20:50123, the address coturn allocated for session ...021; the
        // Jitsi dump's PC_0 was configured with the TURN username of session ...007 and relayed on its port (52000)
        // through the coturn's public address (198.51.100.40, coturn behind a NAT logs 10.0.0.5).
        let dumps = CLI.root.appendingPathComponent("Tests/IcelensCoreTests/Fixtures/dumps").path
        let report = try Analysis.report(
            [
                InputSpec.file(dumps + "/chrome-149.json"), InputSpec.file(dumps + "/jitsi-rtcstats.ndjson"),
                InputSpec.file(Self.folder + "/coturn-joined.log"),
            ], settings: AnalysisSettings(), keeping: ReportBuilder.ConnectionKeeping())
        let records = ConnectionList(report).records
        let a1 = try #require(records.first { $0.connection.attendee == "a-1" })
        #expect(a1.turnSession?.session == "001000000000000021")
        #expect(a1.turnSession?.closeReason == "allocation timeout")
        let pc0 = try #require(records.first { $0.connection.attendee == "1a2b3c4d/PC_0" })
        #expect(pc0.turnSession?.session == "002000000000000007")
        #expect(records.filter { $0.turnSession != nil }.count == 2)
        // As the user sees it.
        let run = try CLI.run([
            "connections", "--format", "json", dumps + "/chrome-149.json", Self.folder + "/coturn-joined.log",
        ])
        let listed = try #require(try CLI.json(run.stdout)["connections"] as? [[String: Any]])
        let joined = try #require(
            listed.first { $0["attendee"] as? String == "a-1" }?["turn_session"] as? [String: Any])
        #expect(joined["session"] as? String == "001000000000000021")
        #expect(joined["relay_address"] as? String == "198.51.100.20:50123")
    }

    @Test func theReportsTurnSide() throws {
        let report = try Self.sessions("coturn-4.6.log")
        let t = try #require(report.turnSummary)
        #expect(t.sessions == 3 && t.allocated == 1 && t.stunOnly == 2 && t.deallocated == 1)
        // The 401 challenge is no failed allocation; the 437 (logged twice) is one.
        #expect(t.failedAllocations == 1 && t.challenges == 1)
        #expect(t.allocateErrors.map(\.code) == [437] && t.allocateErrors.map(\.count) == [1])
        #expect(t.closeReasons.count == 3 && t.closeReasons.allSatisfy { $0.count == 1 })
        #expect(t.usage == TurnUsage(rp: 3535 + 1, rb: 3_088_345 + 20, sp: 1767 + 1, sb: 195_631 + 88))
        #expect(t.serverErrors == 1)
        let text = TextRenderer().string(report)
        #expect(text.contains("TURN server sessions"))
        #expect(text.contains("401 challenges: 1 (the normal first step,"))
        let json = try CLI.json(JSONRenderer().string(report))
        let turn = try #require(json["turn"] as? [String: Any])
        #expect(turn["failed_allocations"] as? Int == 1 && (turn["allocate_errors"] as? [String: Int]) == ["437": 1])
        // A report of app logs alone has no TURN block.
        #expect(try CLI.json(JSONRenderer().string(ReportBuilder.build(tours: [], inputs: [])))["turn"] == nil)
    }

    /// Markdown, HTML and Prometheus show the TURN side as text does (`TurnSummaryRows`); a close reason from the
    /// log is escaped in each, and the Prometheus families pass `promtool check metrics`.
    @Test func theTurnSideInMarkdownHTMLAndPrometheus() throws {
        let report = try Self.sessions("coturn-4.6.log")
        let markdown = MarkdownTests.string { MarkdownRenderer().render(report, into: &$0) }
        #expect(markdown.contains("## TURN server sessions"))
        #expect(markdown.contains("| failed allocations | 1 | 437 x1; 401 challenges: 1"))
        #expect(markdown.contains("| closed | 1 | allocation timeout |"))
        let html = HTMLTests.string { HTMLRenderer().render(report, into: &$0) }
        #expect(html.contains("<h2>TURN server sessions"))
        #expect(html.contains("<code>TCP connection closed by client (callback)</code>"))
        let prometheus = PrometheusTests.string { PrometheusRenderer().render(report, into: &$0) }
        #expect(prometheus.contains("icelens_turn_sessions_total 3\n"))
        #expect(prometheus.contains("icelens_turn_allocate_errors_total{code=\"437\"} 1\n"))
        #expect(prometheus.contains("icelens_turn_challenges_total 1\n"))
        #expect(prometheus.contains("icelens_turn_closed_sessions_total{reason=\"allocation timeout\"} 1\n"))
        PrometheusTests.expectWellFormed(prometheus)
        if let checked = try PrometheusTests.check(prometheus) { #expect(checked.status == 0, "\(checked.messages)") }
        // A hostile close reason: escaped in each format, never markup or a broken label.
        let hostile = try Self.book(Self.hostileLog)
        #expect(hostile.first?.closeReason == "<img src=x> | \"q\" \\ `tick`")
        let hostileReport = try Analysis.report(
            [InputSpec.file(try CommandLineContractTests.temporaryFile("hostile-turn.log", Self.hostileLog))],
            settings: AnalysisSettings())
        #expect(!HTMLTests.string { HTMLRenderer().render(hostileReport, into: &$0) }.contains("<img"))
        let hostileMarkdown = MarkdownTests.string { MarkdownRenderer().render(hostileReport, into: &$0) }
        #expect(hostileMarkdown.contains(#"| closed | 1 | &lt;img src=x&gt; \| "q" \\ \`tick\` |"#))
        let text = PrometheusTests.string { PrometheusRenderer().render(hostileReport, into: &$0) }
        #expect(text.contains(#"reason="<img src=x> | \"q\" \\ `tick`""#))
        if let checked = try PrometheusTests.check(text) { #expect(checked.status == 0, "\(checked.messages)") }
    }

    @Test func watchSaysItCannotFollowACoturnLog() throws {
        let run = try CommandLineContractTests.shell(
            "timeout 20 \"$0\" watch '\(Self.folder)/coturn-4.6.log' '\(Self.folder)/coturn-k8s.log'")
        #expect(run.status == 1)
        #expect(run.stderr.components(separatedBy: "a coturn log (TURN server sessions), not the app's log").count == 3)
        #expect(!Array("2026-03-02T10:15:00.123Z INFO ice state".utf8).withUnsafeBytes(WatchRun.isCoturn))
    }

    static let hostileLog = """
        10: : session 000000000000000001: new, realm=<r>, username=<a>, lifetime=600
        20: : session 000000000000000001: closed (2nd stage), user <a> realm <r> origin <>, local 10.0.0.4:3478, remote 192.0.2.1:5000, reason: <img src=x> | "q" \\ `tick`

        """

    @Test func channelsForSeveralPeersRestartsAndTheDayOfUptimeLines() throws {
        let report = try Self.sessions("coturn-channels.log")
        #expect(report.turnSessions.count == 2)  // the same id after a restart is another session
        let s = try #require(report.turnSessions.first)
        #expect(s.run == 1 && report.turnSessions.last?.run == 2)
        #expect(s.relayAddress == "2001:db8::4:50000")
        #expect(s.permissions == ["198.51.100.31", "2001:db8::99", "198.51.100.33"])  // IP addresses, ports aside
        #expect(s.channels == ["198.51.100.31", "2001:db8::99"])
        // A 403 (logged twice) is one error; a 438 stale nonce is an error of the `message` kind.
        #expect(s.errors.map(\.code) == [403, 438])
        #expect(s.allocateErrors.isEmpty)  // it allocated: a later error failed no allocation, and a 438 is a retry
        let table = try CLI.run(["sessions", "--format", "text", Self.folder + "/coturn-channels.log"]).stdout
        #expect(table.contains("403 438"))  // the table's errors column lists every request error
        // Uptime-only lines take the day the log's `log file opened` line names.
        #expect(s.opened == TurnMoment(timeMs: nil, uptimeS: 10, day: "2026-02-03"))
        #expect(TurnSessionBook.day(in: "turnserver_20260107.log") == "2026-01-07")
        #expect(TurnSessionBook.day(in: "turn_4242_2026-13-07.log") == nil)
    }

    // MARK: regressions (defects a user trial found)

    static func book(_ text: String) throws -> [TurnSession] {
        let file = try CommandLineContractTests.temporaryFile("trial-\(text.hashValue).log", text)
        return try Analysis.report([InputSpec.file(file)], settings: AnalysisSettings()).turnSessions
    }

    @Test func regressionARestartWithoutAVersionLineMergedTwoAllocations() throws {
        let sessions = try Self.book(
            """
            100: : session 000000000000000001: new, realm=<r>, username=<alice>, lifetime=600
            200: : session 000000000000000001: closed (2nd stage), user <alice> realm <r> origin <>, local 10.0.0.4:3478, remote 192.0.2.1:5000, reason: allocation timeout
            3: : session 000000000000000001: new, realm=<r>, username=<bob>, lifetime=600
            9: : session 000000000000000002: new, realm=<r>, username=<carol>, lifetime=600
            10: : session 000000000000000002: closed (2nd stage), user <carol> realm <r> origin <>, local 10.0.0.4:3478, remote 192.0.2.3:5000, reason: allocation timeout
            11: : session 000000000000000002: new, realm=<r>, username=<dave>, lifetime=600

            """)
        #expect(sessions.map(\.user) == ["alice", "bob", "carol", "dave"])
        #expect(sessions.map(\.run) == [1, 2, 2, 3])
    }

    @Test func regressionDeleteLinesCountedAsDeallocationsAndMobilityAsAClose() throws {
        let sessions = try Self.book(
            """
            10: : session 000000000000000001: new, realm=<r>, username=<u>, lifetime=600
            70: : session 000000000000000001: closed (1st stage), user <u> realm <r> origin <>, local 10.0.0.4:3478, remote 192.0.2.1:5000, reason: TCP connection closed by client (callback)
            700: : session 000000000000000001: closed (2nd stage), user <u> realm <r> origin <>, local 10.0.0.4:3478, remote 192.0.2.1:5000, reason: allocation timeout
            700: : session 000000000000000001: delete: realm=<r>, username=<u>

            """)
        let s = try #require(sessions.first)
        #expect(!s.deallocated)  // freed by a timeout, not by the client
        #expect(s.closeReason == "allocation timeout" && s.closed?.uptimeS == 700)
        #expect(s.notes.first?.hasPrefix("suspended (mobility)") == true)
    }

    @Test func regressionAStaleRelayAddressAndBadErrorCodesAndBareExpiries() throws {
        let sessions = try Self.book(
            """
            100: : IPv4. Local relay addr: 10.0.0.4:50001
            999: : session 000000000000000003: new, realm=<r>, username=<1533661344>, lifetime=600
            999: : session 000000000000000003: realm <r> user <1533661344>: incoming packet CREATE_PERMISSION processed, error 4x: bad

            """)
        let s = try #require(sessions.first)
        #expect(s.relayAddress == nil)  // logged 899 s before: another allocation's
        #expect(s.expiry == 1_533_661_344 && s.user == nil)
        #expect(s.errors.isEmpty)
    }

    @Test func regressionTheJoinTookTheFirstSessionWithTheRelayAddress() throws {
        // The same relay address a week earlier (another user), and the session of the connection's day.
        let log = try CommandLineContractTests.temporaryFile(
            "join-time.log",
            """
            2025-11-20T10:00:00.000+0000 INFO IPv4. Local relay addr: 198.51.100.20:50123
            2025-11-20T10:00:00.000+0000 INFO session 001000000000000001: new, realm=<r>, username=<old-user>, lifetime=600
            2025-11-20T10:05:00.000+0000 INFO session 001000000000000001: closed (2nd stage), user <old-user> realm <r> origin <>, local 10.0.0.4:3478, remote 192.0.2.1:5000, reason: allocation timeout
            2025-11-29T09:59:59.000+0000 INFO IPv4. Local relay addr: 198.51.100.20:50123
            2025-11-29T09:59:59.000+0000 INFO session 001000000000000021: new, realm=<r>, username=<1764410400:a-1@t-149>, lifetime=600

            """)
        let dumps = CLI.root.appendingPathComponent("Tests/IcelensCoreTests/Fixtures/dumps").path
        let report = try Analysis.report(
            [InputSpec.file(dumps + "/chrome-149.json"), InputSpec.file(log)], settings: AnalysisSettings(),
            keeping: ReportBuilder.ConnectionKeeping())
        let a1 = try #require(ConnectionList(report).records.first { $0.connection.attendee == "a-1" })
        #expect(a1.turnSession?.session == "001000000000000021")
    }
}
