import Testing

@testable import IcelensCore

@Suite struct ClassifierTests {
    @Test(arguments: [
        (
            "2026-03-02T10:15:04Z [attendee] [tour:t-1] [peer:a-1] ICE connection state changed to connected",
            EventKind.iceState
        ),
        ("2026-03-02T10:15:04Z [attendee] [tour:t-1] [peer:a-1] ice state -> failed", .iceState),
        ("2026-03-02T10:15:04Z [attendee] [room:t-1] [peer:a-1] ICE timed out after 30 s", .iceTimeout),
        ("2026-03-02T10:15:04Z [viewer] [room:t-1] [peer:a-1] ICE restart requested", .iceRestart),
        ("2026-03-02T10:15:04Z [host] [room:t-1] [peer:g-1] Sharing ICE server config with attendees", .turnConfigSent),
        (
            "2026-03-02T10:15:04Z [presenter] [room:t-1] [peer:g-1] Got ICE servers from Xirsys: turn:fr-turn2.xirsys.com",
            .turnFetch
        ),
        ("2026-03-02T10:15:04Z [listener] [room:t-1] [peer:a-2] Got ice_server_config from guide", .turnConfigReceived),
        ("2026-03-02T10:15:04Z [listener] [room:t-1] [peer:a-2] Fell back to own Xirsys fetch", .turnFallback),
        (
            "ts=2026-03-02T10:15:04Z level=info tour=t-1 role=attendee peer=a-1 event=ice.state state=checking",
            .iceState
        ),
        ("2026-03-02T10:15:04Z INFO msg=\"iceConnectionState changed: completed\" tour=t-1 peer=a-1", .iceState),
        ("2026-03-02T10:15:04Z [participant] [tour:t-1] [peer:a-3] Peer joined tour", .peerJoin),
        ("2026-03-02T10:15:04Z [participant] [tour:t-1] [peer:a-3] Peer left the tour", .peerLeave),
    ])
    func rewordings(line: String, kind: EventKind) throws {
        let e = try #require(event(line), "not recognised: \(line)")
        #expect(e.kind == kind)
        #expect(e.tour == "t-1")
    }

    /// Regression: `"tourId":null` made a tour named "null" that gathered every tourless line (user trial).
    @Test func nullIdsAreAbsentNotNamedNull() throws {
        let nullTour = try #require(
            event(#"{"ts":"2026-03-02T10:15:04Z","tour":null,"peer":"a-1","event":"ice.restart"}"#))
        #expect(nullTour.tour == nil && nullTour.peer == "a-1")
        let objectTour = try #require(
            event(#"{"ts":"2026-03-02T10:15:04Z","tour":{"id":"x"},"peer":true,"event":"ice.restart"}"#))
        #expect(objectTour.tour == nil && objectTour.peer == nil)
        let named = try #require(
            event(#"{"ts":"2026-03-02T10:15:04Z","tour":"null-ish","peer":12,"event":"ice.restart"}"#))
        #expect(named.tour == "null-ish" && named.peer == "12")
    }

    @Test func roleAliases() throws {
        #expect(try #require(event("2026-03-02T10:15:04Z [host] [tour:t] [peer:g] ICE restart")).role == .guide)
        #expect(try #require(event("2026-03-02T10:15:04Z [viewer] [tour:t] [peer:a] ICE restart")).role == .attendee)
        #expect(try #require(event(#"{"role":"Presenter","event":"ice.restart","tour":"t"}"#)).role == .guide)
    }

    @Test(arguments: [
        "2026-03-02T10:15:00Z INFO GET /health 200 12ms",
        #"{"level":30,"msg":"request completed","res":{"statusCode":200}}"#,
        "Starting server on port 8080",
        "",
        "   ",
        #"{"event":"user.click","tour":"t-1"}"#,
        "2026-03-02T10:15:04Z [attendee] [tour:t-1] iceConnectionState changed: bogus",
    ])
    func noiseIsUnrecognised(line: String) {
        #expect(classify(line) == .unrecognised)
    }

    @Test(arguments: [
        #"{"event":"ice.state","state":"checking""#,
        #"{"ts":"2026-99-99T00:00:00Z","event":"ice.restart"}"#,
        "2026-03-45T10:15:04Z [attendee] [tour:t-1] ICE restart",
    ])
    func brokenLinesAreMalformed(line: String) {
        #expect(classify(line) == .malformed)
    }

    @Test func serverOrigin() throws {
        #expect(try #require(event(#"{"pid":12,"event":"ice.restart"}"#)).origin == .server)
        #expect(try #require(event(#"{"event":"ice.restart","role":"server"}"#)).origin == .server)
        #expect(try #require(event(#"{"event":"ice.restart"}"#, serverInput: true)).origin == .server)
        #expect(try #require(event(#"{"event":"ice.restart"}"#)).origin == .browser)
    }

    @Test func credentialsNeverReachEvents() throws {
        let lines = [
            #"{"event":"turn.fetch","servers":[{"urls":"turn:u-secret:c-secret@fr-turn1.xirsys.com:80","username":"u-secret","credential":"c-secret"}]}"#,
            "2026-03-02T10:15:35Z [attendee] [tour:t] [peer:a] Selected candidate pair: relay via turn:u-secret:c-secret@fr-turn1.xirsys.com:3478",
            #"ts=2026-03-02T10:15:35Z event=ice.servers servers="turn:fr-turn1.xirsys.com" password=c-secret username=u-secret"#,
        ]
        for line in lines {
            let e = try #require(event(line))
            #expect(!"\(e)".contains("secret"), "\(e)")
            #expect(!EventJSONWriter(inputNames: ["x"]).line(for: e).contains("secret"))
            #expect(e.namedInstance == "fr-turn1.xirsys.com")
        }
    }

    @Test func userRulesOverrideDefaults() throws {
        let user = try MessageRule.parseRules(
            """
            # mine
            ice.timeout   gave up on ice | ice abandoned
            turn.fetch:hit  served from local store & ice
            """)
        #expect(user.count == 2)
        let rules = try RuleSet(userRules: user)
        var c = LineClassifier(rules: rules)
        let line = "2026-03-02T10:15:04Z [attendee] [tour:t-1] ICE abandoned by app"
        let v = Array(line.utf8).withUnsafeBytes {
            c.classify($0, source: .init(input: 0, line: 1), serverInput: false)
        }
        guard case .event(let e) = v else { Issue.record("not recognised"); return }
        #expect(e.kind == .iceTimeout)
    }

    @Test func rulesFileErrorsSayWhere() {
        #expect(throws: RulesFileError.self) { try MessageRule.parseRules("ice.bogus x") }
        #expect(throws: RulesFileError.self) { try MessageRule.parseRules("\nice.state:hit x") }
        do {
            _ = try MessageRule.parseRules("\n\nice.state  & ")
            Issue.record("expected an error")
        } catch let e as RulesFileError {
            #expect(e.line == 3)
        } catch {
            Issue.record("wrong error")
        }
    }

    @Test func escapedJSONValuesAreDecoded() throws {
        let e = try #require(event(#"{"event":"ice.restart","tour":"t-\u0031","peer":"a\"b"}"#))
        #expect(e.tour == "t-1")
        #expect(e.peer == "a\"b")
    }

    @Test func nestedServersAndStatesInJSON() throws {
        let e = try #require(
            event(
                #"{"attributes":{"event":"ice.selected","candidateType":"relay","url":"turns:FR-TURN3.xirsys.com:443?transport=tcp"}}"#
            ))
        #expect(e.kind == .iceSelected)
        #expect(e.url == "turns:fr-turn3.xirsys.com:443?transport=tcp")
        #expect(e.namedInstance == "fr-turn3.xirsys.com")
    }

    @Test func commaSeparatedServers() throws {
        let e = try #require(event(#"{"event":"ice.servers","servers":"turn:a.example:80, turns:b.example:443"}"#))
        #expect(e.servers == ["a.example", "b.example"])
    }
}
