import Testing

@testable import IcelensCore

/// The SPEC scenarios: the seed's incident, the fix, a fallback, guide-only ICE, a late joiner.
@Suite struct CorrelatorTests {
    @Test func incidentIsAMismatchedLoggedTimeout() throws {
        let tours = Correlator.correlate(Ev.incident())
        try #require(tours.count == 1)
        let tour = tours[0]
        #expect(tour.guide == "g-1")
        #expect(tour.guideInstances == [Ev.turn8])
        #expect(tour.firstSeenMs == Ev.t0)
        #expect(tour.lastSeenMs == Ev.t0 + 32_300)
        let c = try #require(tour.connections.first)
        #expect(c.attendee == "a-1")
        #expect(c.outcome == .failed)
        #expect(c.timedOut)
        #expect(c.mismatched)
        #expect(c.timeToConnectMs == nil)
        #expect(c.restarts == 0)
        #expect(!c.fellBack)
        #expect(
            c.attempts == [
                AttemptResult(
                    index: 0, startMs: Ev.t0 + 2_300, endMs: Ev.t0 + 32_300, clock: .attendee, end: .timedOut,
                    timeoutInferred: false, guideInstance: Ev.turn8, attendeeInstance: Ev.turn7)
            ])
        // Only the attendee's miss reached the API; the guide's list came from its cache.
        #expect(tour.apiCalls == 1)
        #expect(tour.apiCallsByRole == ["attendee": 1])
        #expect(tour.apiCallOrigin == .browser)
    }

    @Test func fixConnectsFastOnTheSameInstance() throws {
        let tours = Correlator.correlate(Ev.fix())
        let tour = try #require(tours.first)
        let c = try #require(tour.connections.first)
        #expect(tour.connections.count == 1)
        #expect(c.outcome == .connected)
        #expect(!c.mismatched && !c.timedOut)
        #expect(c.timeToConnectMs == 1_800)
        #expect(c.timeToConnectClock == .attendee)
        #expect(c.attempts.count == 1)
        #expect(c.attempts.first?.end == .connected)
        #expect(c.attempts.first?.endMs == Ev.t0 + 4_100)
        #expect(c.attempts.first?.guideInstance == Ev.turn8)
        #expect(c.attempts.first?.attendeeInstance == Ev.turn8)
        // The server logged the guide's call: that line is counted, the browser's copy is not.
        #expect(tour.apiCalls == 1)
        #expect(tour.apiCallsByRole == ["guide": 1])
        #expect(tour.apiCallOrigin == .server)
    }

    @Test func fallbackRestartsAndConnectsOnTheSecondAttempt() throws {
        let c = try #require(Ev.connection(Ev.fallback()))
        #expect(c.fellBack)
        #expect(c.restarts == 1)
        #expect(c.outcome == .connected)
        #expect(c.timeToConnectMs == 2_600)  // 10 000 - 7 400
        try #require(c.attempts.count == 2)
        #expect(c.attempts[0].end == .restarted)
        #expect(c.attempts[0].startMs == Ev.t0 + 7_400)
        #expect(c.attempts[0].endMs == Ev.t0 + 9_100)
        #expect(c.attempts[0].attendeeInstance == Ev.turn7)
        #expect(c.attempts[0].guideInstance == Ev.turn8)
        #expect(c.attempts[0].mismatched)
        #expect(c.attempts[1].end == .connected)
        #expect(c.attempts[1].startMs == Ev.t0 + 9_100)
        #expect(c.attempts[1].attendeeInstance == Ev.turn8)
        #expect(!c.attempts[1].mismatched)
        #expect(c.mismatched)  // any attempt
    }

    @Test func guideOnlyICEStateUsesTheGuideClock() throws {
        let events = [
            Ev.guide(.turnConfigSent, 0, instance: Ev.turn8),
            Ev.attendee(.turnConfigReceived, 1_000, servers: [Ev.turn8]),
            Ev.guide(.iceState, 2_000, remote: "a-1", state: .checking),
            Ev.guide(.iceState, 3_500, remote: "a-1", state: .connected),
        ]
        let c = try #require(Ev.connection(events))
        #expect(c.outcome == .connected)
        #expect(c.attempts.count == 1)
        #expect(c.attempts.first?.clock == .guide)
        #expect(c.attempts.first?.attendeeInstance == Ev.turn8)
        #expect(c.attempts.first?.guideInstance == Ev.turn8)
        #expect(c.timeToConnectMs == 1_500)
        #expect(c.timeToConnectClock == .guide)
    }

    @Test func lateJoinerGetsTheGuidesListOfItsTime() throws {
        let minute: Int64 = 60_000
        let events = [
            Ev.guide(.turnFetch, 0, cache: .miss, servers: [Ev.turn8]),
            Ev.guide(.turnConfigSent, 100, instance: Ev.turn8),
            Ev.attendee(.turnConfigReceived, 1 * minute, peer: "a-2", servers: [Ev.turn8]),
            Ev.attendee(.iceState, 1 * minute + 100, peer: "a-2", state: .checking),
            Ev.attendee(.iceState, 1 * minute + 900, peer: "a-2", state: .connected),
            // The guide's cache expired: a new list on another instance.
            Ev.guide(.turnFetch, 20 * minute, cache: .miss, servers: [Ev.turn7]),
            Ev.guide(.turnConfigSent, 20 * minute + 100, instance: Ev.turn7),
            Ev.attendee(.peerJoin, 25 * minute, peer: "a-10"),
            Ev.attendee(.turnConfigReceived, 25 * minute + 50, peer: "a-10", servers: [Ev.turn7]),
            Ev.attendee(.iceState, 25 * minute + 100, peer: "a-10", state: .checking),
            Ev.guide(.iceState, 25 * minute + 120, remote: "a-10", state: .checking),
            Ev.attendee(.iceState, 25 * minute + 2_100, peer: "a-10", state: .connected),
        ]
        let tour = try #require(Correlator.correlate(events).first)
        #expect(tour.connections.map(\.attendee) == ["a-10", "a-2"])  // sorted by attendee id
        #expect(tour.guideInstances == [Ev.turn8, Ev.turn7])
        let early = try #require(tour.connections.first { $0.attendee == "a-2" })
        let late = try #require(tour.connections.first { $0.attendee == "a-10" })
        #expect(early.attempts.first?.guideInstance == Ev.turn8)
        #expect(late.attempts.first?.guideInstance == Ev.turn7)
        #expect(late.attempts.first?.attendeeInstance == Ev.turn7)
        #expect(!early.mismatched && !late.mismatched)
        #expect(late.timeToConnectMs == 2_000)
        #expect(late.firstSeenMs == Ev.t0 + 25 * minute)
        #expect(tour.apiCalls == 2)
        #expect(tour.apiCallsByRole == ["guide": 2])
    }
}
