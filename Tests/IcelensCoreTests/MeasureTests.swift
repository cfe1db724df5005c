import Testing

@testable import IcelensCore

/// Hand-built correlator results shared by the Measure, Summary, Finding, Compare, Report and JSON tests.
enum Sample {
    static let t0: Int64 = 1_772_446_500_000  // 2026-03-02T10:15:00.000Z

    /// One attempt that connected after `ttcMs` on the attendee clock.
    static func connected(
        _ attendee: String, tour: String = "t-1", ttcMs: Int64?, guide: String? = "fr-turn8.xirsys.com",
        mine: String? = "fr-turn8.xirsys.com", clock: ClockSide = .attendee, fellBack: Bool = false
    ) -> ConnectionResult {
        ConnectionResult(
            tour: tour, attendee: attendee,
            attempts: [
                AttemptResult(
                    index: 0, startMs: t0, endMs: ttcMs.map { t0 &+ $0 }, clock: clock, end: .connected,
                    guideInstance: guide, attendeeInstance: mine)
            ],
            outcome: .connected, timeToConnectMs: ttcMs, timeToConnectClock: ttcMs == nil ? nil : clock,
            fellBack: fellBack, restarts: 0, firstSeenMs: t0)
    }

    /// The incident: a mismatched attempt that timed out after 30 s, then nothing.
    static func timedOut(
        _ attendee: String, tour: String = "t-1", guide: String? = "fr-turn8.xirsys.com",
        mine: String? = "fr-turn7.xirsys.com", inferred: Bool = false, fellBack: Bool = true
    ) -> ConnectionResult {
        ConnectionResult(
            tour: tour, attendee: attendee,
            attempts: [
                AttemptResult(
                    index: 0, startMs: t0, endMs: t0 + 30_000, clock: .attendee, end: .timedOut,
                    timeoutInferred: inferred, guideInstance: guide, attendeeInstance: mine)
            ],
            outcome: .failed, timeToConnectMs: nil, timeToConnectClock: nil, fellBack: fellBack, restarts: 0,
            firstSeenMs: t0)
    }

    /// A connection whose log ends in `checking`.
    static func incomplete(_ attendee: String, tour: String = "t-1") -> ConnectionResult {
        ConnectionResult(
            tour: tour, attendee: attendee,
            attempts: [
                AttemptResult(
                    index: 0, startMs: t0, endMs: nil, clock: .attendee, end: .incomplete, guideInstance: nil,
                    attendeeInstance: "fr-turn8.xirsys.com")
            ],
            outcome: .incomplete, timeToConnectMs: nil, timeToConnectClock: nil, fellBack: false, restarts: 0,
            firstSeenMs: t0)
    }

    static func tour(
        _ id: String, connections: [ConnectionResult], firstSeenMs: Int64? = t0, label: String? = nil,
        apiCalls: Int = 2, byRole: [String: Int] = ["guide": 1, "attendee": 1], origin: Origin? = .browser
    ) -> TourResult {
        TourResult(
            tour: id, guide: "g-1", firstSeenMs: firstSeenMs, lastSeenMs: firstSeenMs.map { $0 + 60_000 },
            label: label, guideInstances: ["fr-turn8.xirsys.com"], connections: connections, apiCalls: apiCalls,
            apiCallsByRole: byRole, apiCallOrigin: origin)
    }

    /// A small report input: one bad tour (the incident) and one good tour.
    static var incidentTours: [TourResult] {
        [
            tour(
                "t-8f3k2a",
                connections: [
                    connected("a-1", tour: "t-8f3k2a", ttcMs: 1_800),
                    timedOut("a-19", tour: "t-8f3k2a"),
                    incomplete("a-20", tour: "t-8f3k2a"),
                ], apiCalls: 3, byRole: ["guide": 1, "attendee": 2]),
            tour(
                "t-good",
                connections: [
                    connected("a-2", tour: "t-good", ttcMs: 900),
                    connected("a-3", tour: "t-good", ttcMs: 6_250, clock: .guide),
                ], firstSeenMs: t0 + 3_600_000, apiCalls: 1, byRole: ["guide": 1], origin: .server),
        ]
    }

    static var accounting: [InputAccounting] {
        var a = InputAccounting(input: "logs/browser.log")
        a.read = 120
        a.recognised = 100
        a.unrecognised = 15
        a.malformed = 4
        a.cut = 1
        a.bytes = 18_000
        var b = InputAccounting(input: "logs/server.log.gz")
        b.read = 40
        b.recognised = 30
        b.unrecognised = 10
        b.bytes = 5_000
        b.gzip = true
        b.damage = Damage(byteOffset: 2_048, reason: "truncated gzip stream")
        return [a, b]
    }
}

@Suite struct MeasureTests {
    @Test func reportBuilderStreamsToursIntoSummaryFindingsAndRows() {
        let report = ReportBuilder.build(tours: Sample.incidentTours, inputs: Sample.accounting, eventsWithoutTour: 3)
        #expect(report.summary.tours == 2)
        #expect(report.summary.connections == 5)
        #expect(report.findings.map(\.attendee) == ["a-19", "a-3"])
        #expect(report.tours.map(\.tour) == ["t-8f3k2a", "t-good"])
        #expect(report.tours.map(\.flaggedConnections) == [1, 1])
        #expect(report.inputs.totals.read == 160)
        #expect(report.inputs.totals.isBalanced)
        #expect(report.inputs.damagedInputs == 1)
        #expect(report.inputs.gzipInputs == 1)
        #expect(report.inputs.eventsWithoutTour == 3)
    }

    @Test func streamingEqualsBatch() {
        var builder = ReportBuilder()
        for tour in Sample.incidentTours { builder.add(tour) }
        #expect(builder.finish(inputs: []) == ReportBuilder.build(tours: Sample.incidentTours, inputs: []))
    }

    @Test func tourRowAddsUpItsConnections() throws {
        let row = TourRow(Sample.incidentTours[0], flaggedConnections: 1)
        #expect(row.attendees == 3)
        #expect(row.connected == 1)
        #expect(row.failed == 1)
        #expect(row.incomplete == 1)
        #expect(row.mismatched == 1)
        #expect(row.timeouts == 1)
        #expect(row.ttcP50Ms == 1_800)
        #expect(row.apiCalls == 3)
        #expect(row.flagged)
        #expect(row.guideInstances == ["fr-turn8.xirsys.com"])
    }

    @Test func emptyInput() {
        let report = ReportBuilder.build(tours: [], inputs: [])
        #expect(report.summary == Summary())
        #expect(report.summary.successRate == nil)
        #expect(report.summary.xirsysApiCallsPerTour == nil)
        #expect(report.findings.isEmpty)
    }
}
