import Foundation
import Testing

@testable import IcelensCore

/// The investigation filters (`--tour`, `--peer`, `--instance`, `--flagged`, `--since`, `--until`): what each keeps,
/// that windows add up to the whole, and that a window relative to the newest line equals the fixed one it resolves to.
@Suite struct FilterTests {
    static let day: Int64 = 86_400_000
    static let march2: Int64 = 1_772_409_600_000  // 2026-03-02T00:00:00Z

    static var sampleInputs: [InputSpec] { InputLocator.locateEach([CLI.samples]).inputs }

    static func report(_ filter: TourFilter = TourFilter()) throws -> AnalysisReport {
        var settings = AnalysisSettings()
        settings.parameters.filter = filter
        return try Analysis.report(sampleInputs, settings: settings)
    }

    /// Every tour of the samples, unfiltered, with the newest event time.
    static func allTours() throws -> (tours: [TourResult], newestMs: Int64?) {
        var tours: [TourResult] = []
        let settings = AnalysisSettings()
        let outcome = try TourStream(inputs: sampleInputs, options: settings.scan, correlation: settings.correlation)
            .run { tours.append($0) }
        return (tours, outcome.newestEventMs)
    }

    /// The counts of a summary that add up across disjoint sets of tours.
    static func counts(_ s: Summary) -> [Int] {
        [
            s.tours, s.connections, s.connected, s.failed, s.incomplete, s.timeouts, s.mismatched,
            s.mismatchedConnected, s.mismatchedFailed, s.instancesKnown, s.attempts, s.restarts, s.fallbacks,
            s.ttcSamples, s.ttcUnder5s, s.ttcCrossClock, s.connectedWithoutTtc, s.xirsysApiCalls,
            s.apiCallsFromServerTours, s.apiCallsFromBrowserTours, s.apiCallsNoneTours,
        ]
    }

    @Test func timeBoundsParseEveryForm() throws {
        let wall = Self.march2 + 8 * 3_600_000 + 5
        #expect(TimeBound("2026-03-02", wallClockMs: wall) == .at(ms: Self.march2))
        #expect(TimeBound("2026-03-02T08:00:00Z", wallClockMs: wall) == .at(ms: Self.march2 + 8 * 3_600_000))
        #expect(TimeBound("2026-03-02T09:00:00+01:00", wallClockMs: wall) == .at(ms: Self.march2 + 8 * 3_600_000))
        #expect(TimeBound("today", wallClockMs: wall) == .at(ms: Self.march2))
        #expect(TimeBound("Yesterday", wallClockMs: wall) == .at(ms: Self.march2 - Self.day))
        #expect(TimeBound("-2h", wallClockMs: wall) == .beforeNow(ms: 7_200_000))
        #expect(TimeBound("-30m", wallClockMs: wall) == .beforeNow(ms: 1_800_000))
        #expect(TimeBound("-7d", wallClockMs: wall) == .beforeNow(ms: 7 * Self.day))
        #expect(TimeBound("1772409600", wallClockMs: wall) == .at(ms: Self.march2))
        for bad in ["", "-", "-x", "2026-13-02", "2026-02-30", "soon", "--2h", "2026-03-02T25:00:00Z"] {
            #expect(TimeBound(bad, wallClockMs: wall) == nil, "\(bad)")
        }
        #expect(TimeBound.beforeNow(ms: 7_200_000).resolved(nowMs: 10_000_000) == 2_800_000)
        #expect(TimeBound.beforeNow(ms: 1).resolved(nowMs: nil) == nil)
    }

    @Test func windowsAddUpToTheWhole() throws {
        let whole = Self.counts(try Self.report().summary)
        let (_, newest) = try Self.allTours()
        let newestMs = try #require(newest)
        for bound in [
            TimeBound.at(ms: Self.march2), .at(ms: Self.march2 + 13 * 3_600_000), .beforeNow(ms: 2 * 3_600_000),
            .beforeNow(ms: 30 * 3_600_000),
        ] {
            let before = Self.counts(try Self.report(TourFilter(window: TimeWindow(until: bound))).summary)
            let after = Self.counts(try Self.report(TourFilter(window: TimeWindow(since: bound))).summary)
            #expect(zip(before, after).map { $0 + $1 } == whole, "\(bound)")
            #expect(before[0] > 0 && after[0] > 0, "\(bound) splits the samples")
            // A relative bound gives what the fixed time it resolves to gives.
            if case .beforeNow(let ms) = bound {
                let fixed = Self.counts(
                    try Self.report(TourFilter(window: TimeWindow(since: .at(ms: newestMs - ms)))).summary)
                #expect(after == fixed)
            }
        }
    }

    @Test func connectionFiltersKeepWhatTheySay() throws {
        let (tours, _) = try Self.allTours()
        let parameters = AnalysisParameters()
        let instance = "fr-turn7.xirsys.com"
        let someTour = try #require(tours.first { $0.connections.count > 3 })
        let peer = try #require(someTour.connections.last?.attendee)
        let guide = try #require(someTour.guide)
        let cases: [(TourFilter, (TourResult, ConnectionResult) -> Bool)] = [
            (
                TourFilter(instance: instance.uppercased()),
                { _, c in c.attempts.contains { $0.guideInstance == instance || $0.attendeeInstance == instance } }
            ),
            (TourFilter(peer: peer), { t, c in c.attendee == peer || t.guide == peer }),
            (TourFilter(peer: guide), { t, _ in t.guide == guide }),
            (TourFilter(flaggedOnly: true), { t, c in Finding.make(for: c, guide: t.guide) != nil }),
            (TourFilter(tours: [someTour.tour]), { t, _ in t.tour == someTour.tour }),
        ]
        for (filter, keeps) in cases {
            var expected: [TourResult] = []
            for tour in tours {
                var kept = tour
                kept.connections = tour.connections.filter { keeps(tour, $0) }
                if !kept.connections.isEmpty { expected.append(kept) }
            }
            #expect(!expected.isEmpty)
            let want = ReportBuilder.build(tours: expected, inputs: [], parameters: parameters).summary
            #expect(Self.counts(try Self.report(filter).summary) == Self.counts(want), "\(filter)")
        }
    }

    /// From the user trial: `--instance fr-turn7` (the first label) and a TURN URI copied from a log name the
    /// instance; `-7d` reads back as `-7d`; a basic date is a date.
    @Test func instanceNamesAndTimesAsUsersTypeThem() throws {
        let full = Self.counts(try Self.report(TourFilter(instance: "fr-turn7.xirsys.com")).summary)
        #expect(full[0] > 0)
        #expect(Self.counts(try Self.report(TourFilter(instance: "FR-TURN7")).summary) == full)
        #expect(
            Self.counts(try Self.report(TourFilter(instance: "turn:fr-turn7.xirsys.com:80?transport=udp")).summary)
                == full)
        #expect(Self.counts(try Self.report(TourFilter(instance: "fr-turn")).summary)[0] == 0)
        #expect(TimeBound("-7d")?.description == "-7d")
        #expect(TimeBound("20260302") == .at(ms: Self.march2))
    }

    @Test func aRelativeWindowHoldsOnlyToursItCannotDecide() {
        var gate = TourGate<Int>(window: TimeWindow(since: .beforeNow(ms: 100)))
        var passed: [Int] = []
        gate.offer(1, firstSeenMs: 50, newestMs: 1_000) { passed.append($0) }  // out for good: 50 < 1000 - 100
        gate.offer(2, firstSeenMs: 950, newestMs: 1_000) { passed.append($0) }  // may still fall out
        gate.offer(3, firstSeenMs: nil, newestMs: 1_000) { passed.append($0) }  // no time: in no bounded window
        #expect(gate.heldCount == 1)
        gate.finish(newestMs: 1_060) { passed.append($0) }
        #expect(passed == [])
        var until = TourGate<Int>(window: TimeWindow(until: .beforeNow(ms: 100)))
        until.offer(4, firstSeenMs: 50, newestMs: 1_000) { passed.append($0) }  // in for good: now only grows
        until.offer(5, firstSeenMs: 950, newestMs: 1_000) { passed.append($0) }
        #expect(passed == [4] && until.heldCount == 1)
        until.finish(newestMs: 1_100) { passed.append($0) }
        #expect(passed == [4, 5])
    }

    @Test func theFilterIsSaidInEveryFormat() throws {
        let report = try Self.report(
            TourFilter(instance: "fr-turn7.xirsys.com", window: TimeWindow(since: .beforeNow(ms: 7_200_000))))
        let words = try #require(report.parameters.filterWords)
        #expect(words.hasPrefix("instance fr-turn7.xirsys.com; first line from 2026-03-02T"))
        #expect(words.hasSuffix("(-2h) (kept 0 of 300 tours read)"))
        #expect(TextRenderer().string(report).contains("Filter: instance fr-turn7.xirsys.com"))
        let json = try CLI.json(JSONRenderer().string(report))
        let filter = try #require((json["parameters"] as? [String: Any])?["filter"] as? [String: Any])
        #expect(filter["instance"] as? String == "fr-turn7.xirsys.com")
        #expect(filter["since_given"] as? String == "-2h")
        #expect((filter["since"] as? String)?.hasPrefix("2026-03-02T") == true)
        let unfiltered = try CLI.json(JSONRenderer().string(try Self.report()))
        #expect((unfiltered["parameters"] as? [String: Any])?["filter"] == nil)
    }
}
