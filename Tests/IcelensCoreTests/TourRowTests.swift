import Testing

@testable import IcelensCore

/// A tour's row counts its connections itself (no `SummaryAccumulator` per closing tour): these tests pin that the
/// row says what the summary of that one tour says, on random tours with every outcome, negative, huge and missing
/// times to connect, mismatches and timeouts.
@Suite struct TourRowTests {
    static func randomTour(_ rng: inout SplitMix64, index: Int) -> TourResult {
        let instances: [String?] = [nil, "fr-turn7.xirsys.com", "fr-turn8.xirsys.com"]
        let outcomes: [ConnectionOutcome] = [.connected, .failed, .incomplete]
        let ends: [AttemptEnd] = [.connected, .failed, .timedOut, .restarted, .incomplete]
        let times: [Int64?] = [nil, -5, 0, 1, 800, 1_800, 5_000, 30_000, Int64(Int32.max) + 10, Int64.max]
        var connections: [ConnectionResult] = []
        for c in 0..<Int.random(in: 0...9, using: &rng) {
            var attempts: [AttemptResult] = []
            for a in 0..<Int.random(in: 0...3, using: &rng) {
                attempts.append(
                    AttemptResult(
                        index: a, startMs: 0, endMs: nil, clock: .attendee, end: ends.randomElement(using: &rng)!,
                        guideInstance: instances.randomElement(using: &rng)!,
                        attendeeInstance: instances.randomElement(using: &rng)!))
            }
            connections.append(
                ConnectionResult(
                    tour: "t-\(index)", attendee: "a-\(c)", attempts: attempts,
                    outcome: outcomes.randomElement(using: &rng)!, timeToConnectMs: times.randomElement(using: &rng)!,
                    timeToConnectClock: .attendee, fellBack: false, restarts: 0, firstSeenMs: 0))
        }
        return TourResult(
            tour: "t-\(index)", guide: "g-1", firstSeenMs: 0, lastSeenMs: 1, label: nil,
            guideInstances: ["fr-turn8.xirsys.com"], connections: connections, apiCalls: index % 3,
            apiCallsByRole: [:], apiCallOrigin: nil)
    }

    @Test func rowAgreesWithTheSummaryOfItsTour() {
        var rng = SplitMix64(seed: 11)
        for index in 0..<2_000 {
            let tour = Self.randomTour(&rng, index: index)
            var accumulator = SummaryAccumulator()
            accumulator.add(tour)
            let summary = accumulator.summary()
            let row = TourRow(tour, flaggedConnections: 2)
            #expect(row.attendees == summary.connections)
            #expect(row.connected == summary.connected)
            #expect(row.failed == summary.failed)
            #expect(row.incomplete == summary.incomplete)
            #expect(row.mismatched == summary.mismatched)
            #expect(row.timeouts == summary.timeouts)
            #expect(row.ttcP50Ms == summary.ttcP50Ms, "tour \(index)")
            #expect(row.apiCalls == tour.apiCalls)
            #expect(row.flaggedConnections == 2)
        }
    }
}
