import Foundation
import Testing

@testable import IcelensCore

/// The book holds only open sessions (issue 11's bounded memory): a closed session is handed out once the log's clock
/// is ten minutes past its close, lines naming it before then still reach it, and a new allocation on an id at or
/// below one handed out is a restart, as when the closed session was still held.
@Suite struct TurnSessionBookTests {
    /// Reads `lines` (coturn 4.6 prefix, uptime `t` seconds) into `book`; returns the verdicts.
    @discardableResult
    static func feed(_ book: inout TurnSessionBook, _ lines: [(t: Int, text: String)]) -> [TurnSessionBook.Verdict] {
        lines.map { t, text in
            var bytes = Array("\(t): (7): INFO: \(text)".utf8)
            return bytes.withUnsafeMutableBytes { raw in
                let all = UnsafeRawBufferPointer(raw)
                let line = CoturnLine.parse(all)!
                return book.read(MessageBytes(UnsafeRawBufferPointer(rebasing: all[line.messageStart...])), line: line)
            }
        }
    }

    static func id(_ n: Int) -> String { "001" + String(repeating: "0", count: 15 - String(n).count) + String(n) }

    static func story(_ n: Int, at t: Int) -> [(t: Int, text: String)] {
        let s = "session \(id(n)): "
        return [
            (t, s + "new, realm=<r>, username=<u\(n)>, lifetime=600"),
            (t, s + "usage: realm=<r>, username=<u\(n)>, rp=1, rb=2, sp=3, sb=4"),
            (
                t + 30,
                s + "closed (2nd stage), user <u\(n)> realm <r> origin <>, local 10.0.0.4:3478, "
                    + "remote 192.0.2.1:5000, reason: allocation timeout"
            ),
        ]
    }

    @Test func aDayOfSessionsIsNotHeldOnlyTheOpenOnes() {
        var book = TurnSessionBook(server: "turn.log")
        var handedOut = 0
        var mostHeld = 0
        for n in 1...20_000 {
            Self.feed(&book, Self.story(n, at: n * 2))
            handedOut += book.takeFinished().count
            mostHeld = max(mostHeld, book.heldCount)
        }
        // Ten minutes of a session every two seconds, and the sweep's 1,024-line step: never all 20,000.
        #expect(mostHeld < 1_200)
        book.finish()
        let rest = book.takeFinished()
        #expect(handedOut + rest.count == 20_000)
        #expect(rest.map(\.sequence) == rest.map(\.sequence).sorted())
    }

    @Test func aLineNamingAClosedSessionWithinTheGraceReachesIt() {
        var book = TurnSessionBook(server: "turn.log")
        Self.feed(&book, Self.story(1, at: 10))
        Self.feed(
            &book, (2...2_000).map { (40 + $0 / 10, "session \(Self.id(2)): peer 198.51.100.2 lifetime updated: 300") })
        Self.feed(&book, [(300, "session \(Self.id(1)): peer 198.51.100.9 deleted")])
        #expect(book.takeFinished().isEmpty)
        book.finish()
        #expect(book.takeFinished().map(\.session.session) == [Self.id(1), Self.id(2)])
    }

    @Test func aNewAllocationBelowAnIdHandedOutIsARestart() {
        var book = TurnSessionBook(server: "turn.log")
        Self.feed(&book, Self.story(5, at: 10))
        // More than ten minutes later (and a sweep's worth of lines): session 5 is handed out.
        Self.feed(
            &book,
            (0..<1_100).map {
                (700 + $0 / 100, "session \(Self.id(9)): usage: realm=<r>, username=<x>, rp=1, rb=1, sp=1, sb=1")
            })
        #expect(book.takeFinished().map(\.session.session) == [Self.id(5)])
        // Ids restart with the server: id 3 allocating now is a new run's (it logged no version line, no uptime jump).
        Self.feed(&book, [(720, "session \(Self.id(3)): new, realm=<r>, username=<after>, lifetime=600")])
        // No line can name the old run's sessions any more: they are handed out, open or not.
        #expect(book.heldCount == 1)
        book.finish()
        let rest = book.takeFinished().map(\.session)
        #expect(rest.map(\.run) == [1, 2])
        #expect(rest.last?.username == "after")
    }
}

/// Finished TURN sessions wait in a temporary file past a few thousand, and come back whole, in input then
/// first-line order, whatever order they were done with in.
@Suite struct FinishedTurnSessionsTests {
    static func session(_ n: Int, input: Int) -> TurnSession {
        var s = TurnSession(session: TurnSessionBookTests.id(n), server: "in\(input).log", run: 1 + n % 2)
        s.realm = "r"
        s.username = "1764410400:u\(n)"
        s.user = "u\(n)"
        s.expiry = 1_764_410_400
        s.allocated = n % 3 != 0
        s.relayAddress = n % 2 == 0 ? "10.0.0.4:\(50_000 + n)" : nil
        s.clientAddress = "[2001:db8::\(n)]:5000"
        s.listener = "10.0.0.4:3478"
        s.lifetimeS = 600
        s.refreshes = n
        s.deallocated = n % 5 == 0
        s.permissions = ["198.51.100.\(n % 250)", "2001:db8::99"]
        s.channels = n % 2 == 0 ? ["2001:db8::99"] : []
        s.bindings = n % 4
        s.usage = TurnUsage(rp: Int64(n), rb: Int64(n) << 33, sp: 1, sb: 2)
        s.peerUsage = TurnUsage(rp: 3, rb: 4, sp: 5, sb: Int64(n))
        s.errors = n % 7 == 0 ? [TurnRequestError(method: "ALLOCATE", code: 437, text: "Allocation Mismatch ✓")] : []
        s.challenges = 1
        s.notes = n % 11 == 0 ? ["check_stun_auth: Cannot find credentials of user <x>"] : []
        s.closeReason = n % 2 == 0 ? "allocation timeout" : nil
        s.opened = TurnMoment(
            timeMs: n % 2 == 0 ? 1_764_410_400_000 + Int64(n) : nil, uptimeS: Int64(n), day: "2026-02-03")
        s.closed = n % 3 == 0 ? nil : TurnMoment(timeMs: nil, uptimeS: Int64(n + 30))
        return s
    }

    @Test func spilledSessionsComeBackWholeInInputThenFirstLineOrder() {
        let store = FinishedTurnSessions(batchLimit: 7)
        var expected: [TurnSession] = []
        for input in [0, 1] { for n in 0..<40 { expected.append(Self.session(n, input: input)) } }
        // Done with out of order (closing order), input 1 before input 0.
        for input in [1, 0] {
            for n in (0..<40).reversed() {
                store.add([TurnSessionBook.Done(sequence: n, session: Self.session(n, input: input))], input: input)
            }
        }
        store.seal()
        #expect(store.spilledRuns > 5)
        #expect(store.all == expected)
        #expect(store.readFailure == nil)
        #expect(store.summary?.sessions == 80)
        #expect(store.summary == TurnSummary(sessions: expected, errors: []))
    }
}

extension TurnSessionBookTests {
    /// A server that logs an error a second all day keeps the first 1,000 with their text and counts them all.
    @Test func serverErrorsAreCountedAllAndKeptFirst() {
        var book = TurnSessionBook(server: "turn.log")
        let verdicts = Self.feed(&book, (0..<3_000).map { ($0, "A peer IP 169.254.10.\($0 % 250) denied") })
        #expect(verdicts.allSatisfy { $0 == .unknown })  // an INFO line naming no session is not an error
        var errors = TurnSessionBook(server: "turn.log")
        for t in 0..<3_000 {
            var bytes = Array("\(t): (7): ERROR: A peer IP 169.254.10.\(t % 250) denied".utf8)
            bytes.withUnsafeMutableBytes { raw in
                let all = UnsafeRawBufferPointer(raw)
                let line = CoturnLine.parse(all)!
                _ = errors.read(MessageBytes(UnsafeRawBufferPointer(rebasing: all[line.messageStart...])), line: line)
            }
        }
        #expect(errors.unattributedCount == 3_000)
        #expect(errors.unattributed.count == TurnSessionBook.keptServerErrors)
        #expect(errors.unattributed.first?.text == "A peer IP 169.254.10.0 denied")
    }
}

extension TurnSessionBookTests {
    /// A day-long session that reaches hundreds of peers and retries a failing request keeps a bounded record.
    @Test func aSessionsListsAreBounded() {
        var book = TurnSessionBook(server: "turn.log")
        let s = "session \(Self.id(1)): "
        var lines: [(t: Int, text: String)] = [(1, s + "new, realm=<r>, username=<u>, lifetime=600")]
        for i in 0..<400 {
            lines.append((2 + i, s + "peer 198.51.\(i / 250).\(i % 250) lifetime updated: 300"))
            lines.append(
                (2 + i, s + "realm <r> user <u>: incoming packet CREATE_PERMISSION processed, error 403: Forbidden IP"))
            lines.append((2 + i, s + "check_stun_auth: Cannot find credentials of user <u>"))
        }
        #expect(Self.feed(&book, lines).allSatisfy { $0 == .read })
        book.finish()
        let session = book.takeFinished()[0].session
        #expect(session.permissions.count == TurnSessionBook.keptPerSession)
        #expect(session.permissions.first == "198.51.0.0")
        #expect(session.errors.count == TurnSessionBook.keptPerSession)
        #expect(session.notes.count == TurnSessionBook.keptNotes)
    }
}

/// Which TURN session carried a connection (`TurnSessionJoin`).
@Suite struct TurnSessionJoinTests {
    static func connection(relay: [String], usernames: [String]) -> ConnectionResult {
        var c = ConnectionResult(
            tour: "t", attendee: "a", attempts: [], outcome: .connected, timeToConnectMs: nil,
            timeToConnectClock: nil, fellBack: false, restarts: 0, firstSeenMs: nil)
        var detail = ConnectionDetail(source: .rtcstats, turnAllocated: relay)
        detail.turnUsernames = usernames
        c.detail = detail
        return c
    }

    static func session(_ id: String, relay: String, username: String) -> TurnSession {
        var s = TurnSession(session: id, server: "turn.log", run: 1)
        s.allocated = true
        s.relayAddress = relay
        s.username = username
        return s
    }

    /// Regression (user trial): a connection relayed by Xirsys was joined to a coturn session by a username alone.
    @Test func regressionAUsernameAloneJoinedAnotherServersRelay() {
        let join = TurnSessionJoin([Self.session("002000000000000007", relay: "10.0.0.5:40000", username: "17:u")])
        // Relayed elsewhere (another port): not this session's allocation.
        #expect(join.session(of: Self.connection(relay: ["198.51.100.40:52000"], usernames: ["17:u"])) == nil)
        // A NATed coturn: the browser saw the public address with the session's port.
        #expect(
            join.session(of: Self.connection(relay: ["198.51.100.40:40000"], usernames: ["17:u"]))?.session
                == "002000000000000007")
        // No relay address known: the username decides.
        #expect(join.session(of: Self.connection(relay: [], usernames: ["17:u"]))?.session == "002000000000000007")
        // The relay address itself, whatever the username.
        #expect(
            join.session(of: Self.connection(relay: ["10.0.0.5:40000"], usernames: []))?.session
                == "002000000000000007")
        #expect(TurnSessionJoin.port("2001:db8::4:50000") == 50000)
    }
}

extension TurnSessionBookTests {
    /// Regression (user trial): coturn writes its database connection string, password and all, into an ERROR line;
    /// icelens printed it in `server_errors`, and the same of secrets in notes and close reasons.
    @Test func regressionADatabasePasswordInAServerErrorWasPrinted() throws {
        let log = """
            1: (31455): ERROR: Cannot open PostgreSQL DB connection: <host=db dbname=coturn user=turn password=S3cretPg connect_timeout=30>, connection string format error
            2: (31455): ERROR: Cannot open MySQL DB connection: mysql://turn:Hunter2Secret@db/coturn
            3: (31455): INFO: session 000000000000000001: check_stun_auth: static-auth-secret=Sh4red, credential=Cr3d
            4: (31455): INFO: session 000000000000000001: closed (2nd stage), user <u> realm <r> origin <>, local 10.0.0.4:3478, remote 192.0.2.1:5000, reason: token=T0ken

            """
        let file = try CommandLineContractTests.temporaryFile("secrets-turn.log", log)
        for format in ["json", "csv", "text", "ndjson"] {
            let run = try CLI.run(["sessions", "--format", format, file])
            for secret in ["S3cretPg", "Hunter2Secret", "Sh4red", "Cr3d", "T0ken"] {
                #expect(!run.stdout.contains(secret), "\(format): \(secret)")
            }
        }
        for format in ["json", "text", "markdown", "html", "prometheus"] {
            let run = try CLI.run(["report", "--format", format, file])
            #expect(!run.stdout.contains("T0ken") && !run.stdout.contains("S3cretPg"), "\(format)")
        }
        let json = try CLI.json(try CLI.run(["sessions", "--format", "json", file]).stdout)
        let errors = try #require(json["server_errors"] as? [[String: Any]])
        #expect((errors.first?["text"] as? String)?.contains("password=[redacted]") == true)
    }
}

extension TurnSessionBookTests {
    /// Regression (user trial): whether a line naming a session ten minutes after its close started another record
    /// depended on how many lines came between (the sweep ran every 1,024 lines).
    @Test func regressionTheGraceRuleDependedOnLogVolume() {
        var book = TurnSessionBook(server: "turn.log")
        Self.feed(&book, Self.story(1, at: 100))
        Self.feed(
            &book,
            [
                (
                    100 + 30 + 1_200,
                    "session \(Self.id(1)): realm <r> user <x>: incoming packet BINDING processed, success"
                )
            ])
        book.finish()
        let sessions = book.takeFinished().map(\.session)
        #expect(sessions.count == 2)
        #expect(sessions.first?.username == "u1" && sessions.last?.username == "x" && sessions.last?.bindings == 1)
    }

    /// Regression (user trial): a malformed line (a `new` without its lifetime, a count too large to read) or a
    /// session id without `: ` made a session of its own.
    @Test func regressionMalformedLinesMadePhantomSessions() {
        var book = TurnSessionBook(server: "turn.log")
        let verdicts = Self.feed(
            &book,
            [
                (1, "session \(Self.id(3)): new,"),
                (
                    2,
                    "session \(Self.id(4)): usage: realm=<r>, username=<u>, rp=1, rb=123456789012345678901, sp=1, sb=1"
                ),
                (3, "session \(Self.id(5)):garbage"),
            ])
        #expect(verdicts == [.malformed, .malformed, .unknown])
        book.finish()
        #expect(book.takeFinished().isEmpty)
    }

    /// Regression (user trial): usage sums past Int64 wrapped to negative byte counts.
    @Test func regressionUsageSumsWrappedToNegative() {
        var book = TurnSessionBook(server: "turn.log")
        let usage = "usage: realm=<r>, username=<u>, rp=1, rb=999999999999999999, sp=1, sb=1"
        Self.feed(&book, (0..<12).map { (1 + $0, "session \(Self.id(6)): " + usage) })
        book.finish()
        let s = book.takeFinished()[0].session
        #expect(s.usage.rb == Int64.max && s.usage.rp == 12)
    }
}

/// coturn writes a log file a day: a session open at midnight is read in two files and is one session.
@Suite struct RotatedCoturnLogTests {
    static let fixture = CLI.root.appendingPathComponent("Tests/IcelensCoreTests/Fixtures/coturn/coturn-4.6.log").path

    /// The fixture cut into files after lines `cuts`, named by consecutive days (the last one gzipped), in `dir`.
    static func rotated(_ cuts: [Int], in dir: URL) throws {
        let lines = try String(contentsOfFile: fixture, encoding: .utf8).split(
            separator: "\n", omittingEmptySubsequences: false)
        var from = 0
        for (i, cut) in (cuts + [lines.count]).enumerated() {
            var text = lines[from..<cut].joined(separator: "\n")
            if !text.hasSuffix("\n") { text += "\n" }
            if i > 0 { text = "0: (31455): INFO: log file opened: /var/log/turn_4242_2026-03-0\(5 + i).log\n" + text }
            let name = "turn_4242_2026-03-0\(5 + i).log"
            try text.write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8)
            from = cut
        }
    }

    /// Regression (user trial): a session open when coturn rotated its log came out twice, the second half as a
    /// STUN-only session with no allocation, the first with no close reason.
    @Test(arguments: [[14], [8, 14], [5, 10, 16]])
    func regressionASessionOpenAtRotationCameOutTwice(cuts: [Int]) throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
            "icelens-rotated-\(cuts.map(String.init).joined(separator: "-"))")
        try? FileManager.default.removeItem(at: dir)
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try Self.rotated(cuts, in: dir)
        let whole = try Analysis.report([InputSpec.file(Self.fixture)], settings: AnalysisSettings()).turnSessions
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted().map {
            InputSpec.file(dir.appendingPathComponent($0).path)
        }
        let split = try Analysis.report(files, settings: AnalysisSettings()).turnSessions
        #expect(split.count == whole.count)
        let s = try #require(split.first { $0.session == "001000000000000003" })
        let w = try #require(whole.first { $0.session == "001000000000000003" })
        #expect(s.allocated && s.closeReason == "allocation timeout" && s.deallocated)
        #expect(s.usage == w.usage && s.peerUsage == w.peerUsage && s.refreshes == w.refreshes)
        #expect(s.permissions == w.permissions && s.channels == w.channels && s.relayAddress == w.relayAddress)
        #expect(s.server.hasSuffix("turn_4242_2026-03-05.log"))
        // Given in any order, the same; and as the user gives a directory.
        let run = try CLI.run(["sessions", "--format", "json", dir.path])
        #expect((try CLI.json(run.stdout)["sessions"] as? [Any])?.count == whole.count)
        let reversed = try Analysis.report(files.reversed(), settings: AnalysisSettings()).turnSessions
        #expect(reversed.map(\.session).sorted() == split.map(\.session).sorted())
        #expect(reversed.first { $0.session == "001000000000000003" }?.usage == w.usage)
    }
}

extension TurnSessionBookTests {
    /// Regression (fuzzer, CI): an `incoming packet ... processed, ` line ending right after the comma and blank
    /// made an invalid range (a crash) instead of a malformed line.
    @Test func regressionAProcessedLineEndingAfterItsCommaCrashed() {
        var book = TurnSessionBook(server: "turn.log")
        let s = "session \(Self.id(1)): realm <r> user <u>: incoming packet ALLOCATE processed, "
        let verdicts = Self.feed(
            &book, [(1, s), (2, s + "e"), (3, s + "error "), (4, s + "error 4"), (5, s + "error 4x")])
        #expect(verdicts == [.malformed, .malformed, .malformed, .malformed, .malformed])
    }
}
