import Foundation
import Testing

@testable import IcelensCore

/// `icelens watch`: verdicts the moment they are known, the same verdicts as the report on the samples read as a
/// stream, and a child process that writes slowly, appends and rotates its file.
@Suite struct WatchTests {
    static func event(
        _ ms: Int64, _ role: Role, _ peer: String, _ kind: EventKind, state: IceState? = nil, remote: String? = nil,
        instance: String? = nil
    ) -> Event {
        var e = Event(kind: kind)
        e.timeMs = ms
        e.tour = "t-1"
        e.role = role
        e.peer = peer
        e.remote = remote
        e.state = state
        e.instance = instance
        return e
    }

    static func feed(_ tracker: LiveTracker, _ events: [Event]) -> [LiveRecord] {
        var out: [LiveRecord] = []
        for e in events { tracker.add(e, into: &out) }
        return out
    }

    @Test func verdictsComeAsSoonAsTheyAreKnown() {
        let t0: Int64 = 1_772_446_500_000
        let tracker = LiveTracker()
        var out = Self.feed(
            tracker,
            [
                Self.event(t0, .guide, "g-1", .iceServers, instance: "fr-turn8.xirsys.com"),
                Self.event(t0 + 100, .attendee, "a-1", .iceServers, instance: "fr-turn8.xirsys.com"),
                Self.event(t0 + 200, .attendee, "a-1", .iceState, state: .checking),
            ])
        #expect(out.isEmpty)
        out = Self.feed(tracker, [Self.event(t0 + 2_000, .attendee, "a-1", .iceState, state: .connected)])
        #expect(out.map(\.verdict) == [.connected] && out[0].ttcMs == 1_800)
        // A mismatch is said the moment the second instance is known.
        out = Self.feed(
            tracker, [Self.event(t0 + 3_000, .attendee, "a-2", .iceServers, instance: "fr-turn7.xirsys.com")])
        #expect(out.map(\.verdict) == [.mismatched])
        #expect(out[0].guideInstance == "fr-turn8.xirsys.com" && out[0].attendeeInstance == "fr-turn7.xirsys.com")
        // A logged timeout at once; an unlogged one when the same side's log is a minute past the deadline.
        out = Self.feed(
            tracker,
            [
                Self.event(t0 + 3_100, .attendee, "a-2", .iceState, state: .checking),
                Self.event(t0 + 33_100, .attendee, "a-2", .iceTimeout),
                Self.event(t0 + 4_000, .attendee, "a-3", .iceState, state: .checking),
                Self.event(t0 + 40_000, .attendee, "a-3", .peerLeave),
            ])
        #expect(out.map(\.verdict) == [.timeout] && out[0].timeout == .logged && out[0].attendee == "a-2")
        out = Self.feed(tracker, [Self.event(t0 + 95_000, .attendee, "a-3", .peerLeave)])
        #expect(out.map(\.verdict) == [.timeout] && out[0].timeout == .logTime && out[0].timeMs == t0 + 34_000)
        // A connected state shipped before its checking still connects, once the checking arrives.
        out = Self.feed(
            tracker,
            [
                Self.event(t0 + 6_000, .attendee, "a-4", .iceState, state: .connected),
                Self.event(t0 + 5_000, .attendee, "a-4", .iceState, state: .checking),
            ])
        #expect(out.map(\.verdict) == [.connected] && out[0].ttcMs == 1_000)
        #expect(tracker.totals.connections == 4)
    }

    @Test func theWallClockJudgesOnlyLiveLogs() {
        let tracker = LiveTracker()
        let now: Int64 = 1_772_446_500_000
        var out = Self.feed(tracker, [Self.event(now - 40_000, .attendee, "a-1", .iceState, state: .checking)])
        tracker.tick(wallClockMs: now, into: &out)
        #expect(out.map(\.verdict) == [.timeout] && out[0].timeout == .wallClock)
        let replay = LiveTracker()
        out = Self.feed(replay, [Self.event(now - 86_400_000, .attendee, "a-1", .iceState, state: .checking)])
        replay.tick(wallClockMs: now, into: &out)
        #expect(out.isEmpty, "an old file replayed is never timed out by today's clock")
    }

    /// The samples read as one stream (each day's files one after another, like `zcat day/*.gz | icelens watch`):
    /// the same connected, timed-out and mismatched connections as the report.
    @Test func theSamplesAsAStreamGiveTheReportsVerdicts() throws {
        for day in ["before", "after"] {
            let inputs = InputLocator.locateEach([CLI.samples + "/" + day]).inputs
            let tracker = LiveTracker()
            var records: [LiveRecord] = []
            let scanner = InputScanner(options: ScanOptions())
            for (i, input) in inputs.enumerated() {
                _ = try scanner.scan(input, index: i, onEvent: { tracker.add($0, into: &records) })
            }
            tracker.finish(into: &records)
            let report = try Analysis.report(inputs, settings: AnalysisSettings(), keeping: .init())
            let connections = ConnectionList(report).records.map(\.connection)
            func keys(_ v: LiveRecord.Verdict) -> Set<String> {
                Set(records.filter { $0.verdict == v }.map { "\($0.tour)/\($0.attendee)" })
            }
            #expect(
                keys(.connected)
                    == Set(connections.filter { $0.outcome == .connected }.map { "\($0.tour)/\($0.attendee)" }))
            #expect(keys(.timeout) == Set(connections.filter(\.timedOut).map { "\($0.tour)/\($0.attendee)" }))
            #expect(keys(.mismatched) == Set(connections.filter(\.mismatched).map { "\($0.tour)/\($0.attendee)" }))
            #expect(tracker.totals.connections == connections.count)
        }
    }

    static let lines = [
        #"{"ts":"2026-03-02T10:15:00.000Z","tour":"t-w","role":"guide","peer":"g-1","event":"ice.servers","servers":["turn:fr-turn8.xirsys.com:80?transport=udp"]}"#,
        #"{"ts":"2026-03-02T10:15:01.000Z","tour":"t-w","role":"attendee","peer":"a-1","event":"ice.state","state":"checking"}"#,
        #"{"ts":"2026-03-02T10:15:02.500Z","tour":"t-w","role":"attendee","peer":"a-1","event":"ice.state","state":"connected"}"#,
        #"{"ts":"2026-03-02T10:16:00.000Z","tour":"t-w","role":"attendee","peer":"a-2","event":"ice.state","state":"checking"}"#,
        #"{"ts":"2026-03-02T10:16:00.900Z","tour":"t-w","role":"attendee","peer":"a-2","event":"ice.state","state":"connected"}"#,
    ]

    @Test func aSlowPipeGetsItsRecordBeforeTheInputEnds() throws {
        let script = """
            out=$(mktemp)
            { printf '%s\\n%s\\n' '\(Self.lines[1])' '\(Self.lines[2])'; sleep 4; printf '%s\\n' '\(Self.lines[0])'; } \
                | timeout 30 "$0" watch --format ndjson > "$out" 2>/dev/null &
            sleep 2
            echo "EARLY $(wc -l < "$out")"
            wait
            echo "STATUS $?"
            cat "$out"
            rm -f "$out"
            """
        let r = try CommandLineContractTests.shell(script)
        #expect(r.stdout.contains("EARLY 1"), "\(r.stdout)")
        #expect(r.stdout.contains("STATUS 0"))
        #expect(r.stdout.contains(#""verdict":"connected""#) && r.stdout.contains(#""ttc_s":1.5"#))
    }

    @Test func aFollowedFileIsReadAcrossAppendsAndRotation() throws {
        let script = """
            d=$(mktemp -d); log="$d/app.log"; : > "$log"
            timeout -s KILL 30 "$0" watch --format ndjson "$log" > "$d/out" 2> "$d/err" & pid=$!
            sleep 1
            printf '%s\\n%s\\n%s\\n' '\(Self.lines[0])' '\(Self.lines[1])' '\(Self.lines[2])' >> "$log"
            sleep 2
            mv "$log" "$log.1"
            printf '%s\\n%s\\n' '\(Self.lines[3])' '\(Self.lines[4])' > "$log"
            sleep 3
            pkill -INT -P $pid; wait $pid; echo "STATUS $?"
            cat "$d/out"; cat "$d/err"; rm -rf "$d"
            """
        let r = try CommandLineContractTests.shell(script)
        #expect(r.stdout.contains("STATUS 0"), "\(r.stdout)")
        #expect(r.stdout.contains(#""attendee":"a-1","verdict":"connected""#))
        #expect(r.stdout.contains(#""attendee":"a-2","verdict":"connected""#), "the rotated-in file is read")
        #expect(r.stdout.contains("icelens watch: 2 connections: 2 connected"))
        #expect(r.stdout.contains("5 lines read = 5 recognised"))
    }
}
