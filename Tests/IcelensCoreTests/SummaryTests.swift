import Testing

@testable import IcelensCore

@Suite struct SummaryTests {
    private func summary(_ tours: [TourResult]) -> Summary {
        var accumulator = SummaryAccumulator()
        for tour in tours { accumulator.add(tour) }
        return accumulator.summary()
    }

    @Test func incidentCounts() {
        let s = summary(Sample.incidentTours)
        #expect(s.tours == 2)
        #expect(s.connections == 5)
        #expect(s.connected == 3)
        #expect(s.failed == 1)
        #expect(s.incomplete == 1)
        #expect(s.connected + s.failed + s.incomplete == s.connections)
        #expect(s.successRate == 0.75)
        #expect(s.timeouts == 1)
        #expect(s.mismatched == 1)
        #expect(s.mismatchedFailed == 1)
        #expect(s.mismatchedConnected == 0)
        #expect(s.instancesKnown == 4)
        #expect(s.fallbacks == 1)
        #expect(s.fallbackRate == 0.2)
        #expect(s.xirsysApiCalls == 4)
        #expect(s.xirsysApiCallsPerTour == 2)
        #expect(s.apiCallsByRole == ["guide": 2, "attendee": 2])
        #expect(s.apiCallsFromBrowserTours == 1)
        #expect(s.apiCallsFromServerTours == 1)
        #expect(s.attempts == 5)
    }

    @Test func timeToConnectPercentilesAndShare() {
        let s = summary(Sample.incidentTours)
        // Samples 900, 1800, 6250 ms.
        #expect(s.ttcSamples == 3)
        #expect(s.ttcP50Ms == 1_800)
        #expect(s.ttcP90Ms == 6_250)
        #expect(s.ttcP99Ms == 6_250)
        #expect(s.ttcMaxMs == 6_250)
        #expect(s.ttcUnder5s == 2)
        #expect(s.ttcUnder5sShare == 2.0 / 3.0)
        #expect(s.ttcCrossClock == 1)
    }

    @Test func nearestRankOverManySamples() {
        // 1..100 seconds, shuffled: p50 = 50 s, p90 = 90 s, p99 = 99 s, max 100 s.
        let connections = (1...100).map { Sample.connected("a-\($0)", ttcMs: Int64($0) * 1000) }
        var shuffled = connections
        shuffled.reverse()
        let s = summary([Sample.tour("t", connections: shuffled)])
        #expect(s.ttcP50Ms == 50_000)
        #expect(s.ttcP90Ms == 90_000)
        #expect(s.ttcP99Ms == 99_000)
        #expect(s.ttcMaxMs == 100_000)
        // Under 5 s means strictly below: 1..4 s.
        #expect(s.ttcUnder5s == 4)
    }

    @Test func connectedWithoutKnownTimeIsLeftOutOfTheTimeMetrics() {
        let s = summary([
            Sample.tour(
                "t",
                connections: [
                    Sample.connected("a-1", ttcMs: nil), Sample.connected("a-2", ttcMs: 2_000),
                    Sample.connected("a-3", ttcMs: -50),
                ])
        ])
        #expect(s.connected == 3)
        #expect(s.ttcSamples == 1)
        #expect(s.connectedWithoutTtc == 2)
        #expect(s.ttcUnder5sShare == 1)
        #expect(s.ttcP50Ms == 2_000)
    }

    @Test func ratesAreNilOverNothing() {
        let s = summary([
            Sample.tour(
                "t", connections: [Sample.incomplete("a-1")], apiCalls: 0, byRole: [:],
                origin: nil)
        ])
        #expect(s.successRate == nil)
        #expect(s.ttcUnder5sShare == nil)
        #expect(s.ttcP50Ms == nil)
        #expect(s.ttcMaxMs == nil)
        #expect(s.fallbackRate == 0)
        #expect(s.xirsysApiCallsPerTour == 0)
        #expect(s.apiCallsNoneTours == 1)
        #expect(s.instancesKnown == 0)
    }

    @Test func unknownInstanceIsNotAMismatch() {
        let c = Sample.timedOut("a-1", guide: nil, mine: "fr-turn7.xirsys.com")
        let s = summary([Sample.tour("t", connections: [c])])
        #expect(s.mismatched == 0)
        #expect(s.timeouts == 1)
        #expect(s.failed == 1)
    }

    @Test func hugeAndHostileValuesDoNotCrash() {
        var c = Sample.connected("a-1", ttcMs: .max)
        c.restarts = -5
        let s = summary([Sample.tour("t", connections: [c], apiCalls: -3)])
        #expect(s.ttcMaxMs == Int64(Int32.max))
        #expect(s.restarts == 0)
        #expect(s.xirsysApiCalls == 0)
    }
}
