import Testing

@testable import IcelensCore

/// Every specimen line of SPEC.md, with the event it must become.
struct Specimen: Sendable, CustomTestStringConvertible {
    var line: String
    var kind: EventKind
    var check: @Sendable (Event) -> Bool
    var testDescription: String { "\(kind.rawValue): \(line.prefix(60))" }
}

func ms(_ iso: String) -> Int64? {
    Array(iso.utf8).withUnsafeBytes { Timestamp.parse($0) }
}

func classify(_ line: String, serverInput: Bool = false, rules: RuleSet = .standard) -> LineVerdict {
    var classifier = LineClassifier(rules: rules)
    return Array(line.utf8).withUnsafeBytes {
        classifier.classify($0, source: SourceLocation(input: 0, line: 1), serverInput: serverInput)
    }
}

func event(_ line: String, serverInput: Bool = false) -> Event? {
    if case .event(let e) = classify(line, serverInput: serverInput) { return e }
    return nil
}

let specimens: [Specimen] = [
    Specimen(
        line:
            "2026-03-02T10:15:00.123Z [guide] [tour:t-8f3k2a] [peer:g-1] [Xirsys] Fetched ICE servers from API: turn:fr-turn8.xirsys.com:80?transport=udp, turns:fr-turn8.xirsys.com:443?transport=tcp",
        kind: .turnFetch,
        check: {
            $0.cache == .miss && $0.servers == ["fr-turn8.xirsys.com"] && $0.role == .guide && $0.tour == "t-8f3k2a"
                && $0.peer == "g-1" && $0.timeMs == ms("2026-03-02T10:15:00.123Z") && $0.origin == .browser
        }),
    Specimen(
        line:
            "2026-03-02T10:15:00.124Z [guide] [tour:t-8f3k2a] [peer:g-1] [Xirsys] Using cached ICE servers (age 412s): turn:fr-turn8.xirsys.com:80?transport=udp",
        kind: .turnFetch, check: { $0.cache == .hit && $0.servers == ["fr-turn8.xirsys.com"] }),
    Specimen(
        line:
            "2026-03-02T10:15:00.200Z [guide] [tour:t-8f3k2a] [peer:g-1] [Signaling] Sent ice-server-config to attendees (instance fr-turn8.xirsys.com)",
        kind: .turnConfigSent, check: { $0.instance == "fr-turn8.xirsys.com" && $0.role == .guide }),
    Specimen(
        line:
            "2026-03-02T10:15:02.010Z [attendee] [tour:t-8f3k2a] [peer:a-19] [Signaling] Received ice-server-config from guide: turn:fr-turn8.xirsys.com:80?transport=udp",
        kind: .turnConfigReceived,
        check: { $0.servers == ["fr-turn8.xirsys.com"] && $0.role == .attendee && $0.peer == "a-19" }),
    Specimen(
        line:
            "2026-03-02T10:15:07.010Z [attendee] [tour:t-8f3k2a] [peer:a-19] [Xirsys] No ice-server-config from guide within 5000ms, falling back to independent fetch",
        kind: .turnFallback, check: { $0.peer == "a-19" }),
    Specimen(
        line:
            "2026-03-02T10:15:07.300Z [attendee] [tour:t-8f3k2a] [peer:a-19] [WebRTC] Applying ICE servers: turn:fr-turn7.xirsys.com:80?transport=udp",
        kind: .iceServers, check: { $0.servers == ["fr-turn7.xirsys.com"] }),
    Specimen(
        line:
            "2026-03-02T10:15:02.300Z [attendee] [tour:t-8f3k2a] [peer:a-19] [WebRTC] iceConnectionState changed: checking",
        kind: .iceState, check: { $0.state == .checking }),
    Specimen(
        line:
            "2026-03-02T10:15:04.100Z [attendee] [tour:t-8f3k2a] [peer:a-19] [WebRTC] iceConnectionState changed: connected",
        kind: .iceState, check: { $0.state == .connected && $0.role == .attendee }),
    Specimen(
        line:
            "2026-03-02T10:15:04.150Z [guide] [tour:t-8f3k2a] [peer:g-1] [remote:a-19] [WebRTC] iceConnectionState changed: connected",
        kind: .iceState, check: { $0.state == .connected && $0.role == .guide && $0.remote == "a-19" }),
    Specimen(
        line:
            "2026-03-02T10:15:32.300Z [attendee] [tour:t-8f3k2a] [peer:a-19] [WebRTC] ICE connection timeout after 30s",
        kind: .iceTimeout, check: { $0.peer == "a-19" && $0.timeMs == ms("2026-03-02T10:15:32.300Z") }),
    Specimen(
        line:
            "2026-03-02T10:15:33.000Z [attendee] [tour:t-8f3k2a] [peer:a-19] [WebRTC] Restarting ICE with new server config",
        kind: .iceRestart, check: { $0.peer == "a-19" }),
    Specimen(
        line:
            "2026-03-02T10:15:35.000Z [attendee] [tour:t-8f3k2a] [peer:a-19] [WebRTC] Selected candidate pair: relay via turn:fr-turn8.xirsys.com:3478?transport=udp",
        kind: .iceSelected,
        check: {
            $0.candidateType == .relay && $0.url == "turn:fr-turn8.xirsys.com:3478?transport=udp"
                && $0.namedInstance == "fr-turn8.xirsys.com"
        }),
    Specimen(
        line:
            "2026-03-02T10:15:00.100Z INFO xirsys api call tour=t-8f3k2a peer=g-1 role=guide status=200 duration_ms=184 instance=fr-turn8.xirsys.com",
        kind: .turnFetch,
        check: {
            $0.cache == .miss && $0.instance == "fr-turn8.xirsys.com" && $0.role == .guide && $0.peer == "g-1"
                && $0.tour == "t-8f3k2a"
        }),
    Specimen(
        line: "2026-03-02T10:15:00.210Z INFO redis SET ice-servers:t-8f3k2a ttl=3600",
        kind: .turnConfigStored, check: { $0.tour == "t-8f3k2a" }),
    Specimen(
        line: "2026-03-02T10:15:09.000Z INFO GET /api/ice-servers?tourId=t-8f3k2a 200 peer=a-19 (polling fallback)",
        kind: .turnConfigPolled, check: { $0.tour == "t-8f3k2a" && $0.peer == "a-19" }),
    Specimen(
        line:
            #"{"level":30,"time":1772446500200,"hostname":"web-1","msg":"ice-server-config relayed","tourId":"t-8f3k2a","from":"g-1","to":"a-19"}"#,
        kind: .turnConfigRelayed,
        check: {
            $0.from == "g-1" && $0.to == "a-19" && $0.tour == "t-8f3k2a" && $0.origin == .server
                && $0.timeMs == 1_772_446_500_200
        }),
    Specimen(
        line:
            #"{"ts":"2026-03-02T10:15:02.300Z","tour":"t-8f3k2a","role":"attendee","peer":"a-19","event":"ice.state","state":"checking"}"#,
        kind: .iceState, check: { $0.state == .checking && $0.role == .attendee && $0.peer == "a-19" }),
    Specimen(
        line:
            #"{"ts":"2026-03-02T10:15:00.123Z","level":"info","message":"turn fetch","context":{"tourId":"t-8f3k2a","role":"guide","peerId":"g-1"},"event":"turn.fetch","cache":"miss","servers":[{"urls":["turn:fr-turn8.xirsys.com:80?transport=udp"],"username":"u-secret","credential":"c-secret"}]}"#,
        kind: .turnFetch,
        check: {
            $0.cache == .miss && $0.servers == ["fr-turn8.xirsys.com"] && $0.tour == "t-8f3k2a" && $0.role == .guide
                && $0.peer == "g-1"
        }),
]

@Suite struct SpecimenTests {
    @Test(arguments: specimens)
    func specimenIsRecognised(_ s: Specimen) throws {
        let e = try #require(event(s.line))
        #expect(e.kind == s.kind)
        #expect(s.check(e), "fields of \(e)")
    }

    @Test func noSpecimenLeaksCredentials() {
        for s in specimens {
            guard let e = event(s.line) else { continue }
            let text = "\(e)"
            #expect(!text.contains("secret"))
        }
    }
}
