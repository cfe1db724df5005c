import Testing

@testable import IcelensCore

/// One test per correlation rule: timeouts, instances, outcomes, roles, API calls, untimed events.
@Suite struct CorrelatorRulesTests {
    @Test func silenceAfterTheDeadlineIsAnInferredTimeout() throws {
        let events = [
            Ev.attendee(.iceState, 0, state: .checking),
            Ev.attendee(.peerLeave, 31_000),
        ]
        let c = try #require(Ev.connection(events))
        #expect(c.attempts.count == 1)
        #expect(c.attempts.first?.end == .timedOut)
        #expect(c.attempts.first?.timeoutInferred == true)
        #expect(c.attempts.first?.endMs == Ev.t0 + 30_000)
        #expect(c.outcome == .failed)
    }

    @Test func logEndingBeforeTheDeadlineIsIncomplete() throws {
        let events = [
            Ev.attendee(.iceState, 0, state: .checking),
            Ev.attendee(.iceServers, 20_000, servers: [Ev.turn8]),
        ]
        let c = try #require(Ev.connection(events))
        #expect(c.attempts.first?.end == .incomplete)
        #expect(c.attempts.first?.endMs == nil)
        #expect(c.attempts.first?.timeoutInferred == false)
        #expect(c.outcome == .incomplete)
    }

    @Test func timeoutIsAConfigurableFlag() throws {
        let events = [
            Ev.attendee(.iceState, 0, state: .checking),
            Ev.attendee(.peerLeave, 12_000),
        ]
        let ten = CorrelationConfig(timeoutMs: 10_000)
        #expect(Ev.connection(events, config: ten)?.attempts.first?.end == .timedOut)
        #expect(Ev.connection(events, config: ten)?.attempts.first?.endMs == Ev.t0 + 10_000)
        #expect(Ev.connection(events)?.attempts.first?.end == .incomplete)
    }

    @Test func aLoggedTimeoutJustAfterTheDeadlineIsNotInferred() throws {
        let events = [
            Ev.attendee(.iceState, 0, state: .checking),
            Ev.attendee(.iceTimeout, 30_007),
        ]
        let a = try #require(Ev.connection(events)?.attempts.first)
        #expect(a.end == .timedOut)
        #expect(!a.timeoutInferred)
        #expect(a.endMs == Ev.t0 + 30_007)
    }

    @Test func connectedExactlyAtTheDeadlineIsWithinIt() throws {
        let events = [
            Ev.attendee(.iceState, 0, state: .checking),
            Ev.attendee(.iceState, 30_000, state: .connected),
        ]
        #expect(Ev.connection(events)?.outcome == .connected)
    }

    @Test func guideLogCoversTheDeadlineThroughItsOtherConnections() throws {
        // Guide-only ICE for a-1; the guide keeps logging for a-2, so its log covers a-1's deadline.
        let events = [
            Ev.guide(.iceState, 0, remote: "a-1", state: .checking),
            Ev.guide(.iceState, 40_000, remote: "a-2", state: .checking),
        ]
        let tour = try #require(Correlator.correlate(events).first)
        let c = try #require(tour.connections.first { $0.attendee == "a-1" })
        #expect(c.attempts.first?.end == .timedOut)
        #expect(c.attempts.first?.clock == .guide)
    }

    @Test func failedStateFailsTheConnection() throws {
        let events = [
            Ev.attendee(.iceState, 0, state: .checking),
            Ev.attendee(.iceState, 9_000, state: .failed),
        ]
        let c = try #require(Ev.connection(events))
        #expect(c.attempts.first?.end == .failed)
        #expect(c.outcome == .failed)
        #expect(!c.timedOut)
    }

    @Test func checkingAfterAnEndedAttemptStartsANewOne() throws {
        let events = [
            Ev.attendee(.iceState, 0, state: .checking),
            Ev.attendee(.iceState, 5_000, state: .failed),
            Ev.attendee(.iceState, 6_000, state: .checking),
            Ev.attendee(.iceState, 6_500, state: .checking),  // still the same attempt
            Ev.attendee(.iceState, 7_000, state: .connected),
        ]
        let c = try #require(Ev.connection(events))
        #expect(c.attempts.map(\.end) == [.failed, .connected])
        #expect(c.outcome == .connected)
        #expect(c.timeToConnectMs == 7_000)
    }

    @Test func aConnectionWithoutAttemptsIsIncomplete() throws {
        let events = [
            Ev.attendee(.peerJoin, 0),
            Ev.attendee(.turnConfigReceived, 100, instance: Ev.turn8),
        ]
        let c = try #require(Ev.connection(events))
        #expect(c.attempts.isEmpty)
        #expect(c.outcome == .incomplete)
    }

    @Test func selectedRelayURLOverridesTheListInstance() throws {
        let events = [
            Ev.guide(.iceServers, 0, servers: [Ev.turn7]),
            Ev.attendee(.iceServers, 100, servers: [Ev.turn7]),
            Ev.attendee(.iceState, 200, state: .checking),
            Ev.attendee(.iceState, 900, state: .connected),
            Ev.attendee(.iceSelected, 950, url: "turn:fr-turn8.xirsys.com:3478?transport=udp", candidate: .relay),
        ]
        let a = try #require(Ev.connection(events)?.attempts.first)
        #expect(a.attendeeInstance == Ev.turn8)
        #expect(a.guideInstance == Ev.turn7)
        #expect(a.mismatched)
    }

    @Test func aNonRelaySelectionKeepsTheListInstance() throws {
        let events = [
            Ev.attendee(.iceServers, 100, servers: [Ev.turn7]),
            Ev.attendee(.iceState, 200, state: .checking),
            Ev.attendee(.iceSelected, 800, url: "turn:fr-turn8.xirsys.com:3478", candidate: .srflx),
            Ev.attendee(.iceState, 900, state: .connected),
        ]
        #expect(Ev.connection(events)?.attempts.first?.attendeeInstance == Ev.turn7)
    }

    @Test func listsAfterTheAttemptStartDoNotCount() throws {
        let events = [
            Ev.attendee(.iceState, 200, state: .checking),
            Ev.attendee(.iceServers, 300, servers: [Ev.turn7]),
            Ev.guide(.turnConfigSent, 400, instance: Ev.turn8),
        ]
        let a = try #require(Ev.connection(events)?.attempts.first)
        #expect(a.attendeeInstance == nil)
        #expect(a.guideInstance == nil)
        #expect(!a.mismatched)  // unknown instances are never a mismatch
    }

    @Test func rolesFromAliasesAndRoleLessLines() throws {
        // The parser maps `viewer`/`presenter`; role-less browser lines resolve through the guide's id.
        let viewer = Array("viewer".utf8).withUnsafeBytes { Role(word: $0) }
        let presenter = Array("presenter".utf8).withUnsafeBytes { Role(word: $0) }
        #expect(viewer == .attendee && presenter == .guide)
        let events = [
            Ev.make(.turnConfigSent, 0, role: presenter, peer: "g-1", instance: Ev.turn8),
            Ev.make(.turnConfigReceived, 100, role: viewer, peer: "a-1", instance: Ev.turn8),
            Ev.make(.iceState, 200, peer: "a-1", state: .checking),  // no role, no remote: the attendee's
            Ev.make(.iceState, 250, peer: "g-1", remote: "a-1", state: .checking),  // the guide's
            Ev.make(.iceState, 900, peer: "a-1", remote: "g-1", state: .connected),  // names the guide: attendee's
        ]
        let tour = try #require(Correlator.correlate(events).first)
        #expect(tour.guide == "g-1")
        #expect(tour.connections.map(\.attendee) == ["a-1"])
        let c = try #require(tour.connections.first)
        #expect(c.attempts.first?.clock == .attendee)
        #expect(c.timeToConnectMs == 700)
        #expect(c.timeToConnectClock == .attendee)
        #expect(c.attempts.first?.guideInstance == Ev.turn8)
    }

    @Test func serverFetchLinesReplaceTheBrowserCopies() throws {
        let events = [
            Ev.guide(.turnFetch, 0, cache: .miss, servers: [Ev.turn8]),
            Ev.attendee(.turnFetch, 100, cache: .miss, servers: [Ev.turn7]),
            Ev.attendee(.turnFetch, 150, peer: "a-2", cache: .hit, servers: [Ev.turn7]),
            Ev.make(.turnFetch, 5, role: .guide, peer: "g-1", cache: .miss, origin: .server),
            Ev.make(.turnFetch, 105, role: .server, peer: "a-1", cache: .miss, origin: .server),
            Ev.make(.turnFetch, 106, peer: "x-9", origin: .server),  // no cache field: an API call
            Ev.make(.turnFetch, 107, role: .server, peer: "a-1", cache: .hit, origin: .server),
        ]
        let tour = try #require(Correlator.correlate(events).first)
        #expect(tour.apiCallOrigin == .server)
        #expect(tour.apiCalls == 3)
        #expect(tour.apiCallsByRole == ["guide": 1, "attendee": 1, "unknown": 1])
        // Browser-only: hits are not API calls.
        let browser = try #require(Correlator.correlate(Array(events.prefix(3))).first)
        #expect(browser.apiCallOrigin == .browser)
        #expect(browser.apiCalls == 2)
        #expect(browser.apiCallsByRole == ["guide": 1, "attendee": 1])
        // No fetch at all.
        #expect(Correlator.correlate([Ev.attendee(.peerJoin, 0)]).first?.apiCallOrigin == nil)
    }

    @Test func serverLinesMakeConnectionsAndInstances() throws {
        let events = [
            Ev.make(.turnConfigRelayed, 0, origin: .server, from: "g-1", to: "a-3"),
            Ev.make(.turnConfigPolled, 10, role: .server, peer: "a-4", servers: [Ev.turn8], origin: .server),
            Ev.attendee(.iceState, 20, peer: "a-4", state: .checking),
            Ev.make(.turnConfigStored, 5, origin: .server),
        ]
        let tour = try #require(Correlator.correlate(events).first)
        #expect(tour.connections.map(\.attendee) == ["a-3", "a-4"])
        #expect(tour.connections[0].outcome == .incomplete)
        #expect(tour.connections[1].attempts.first?.attendeeInstance == Ev.turn8)
    }

    @Test func untimedEventsAreKeptButNeverTimed() throws {
        let events = [
            Ev.attendee(.iceServers, 0, servers: [Ev.turn8]),
            Ev.attendee(.iceState, 100, state: .checking),
            Ev.attendee(.iceState, nil, state: .connected),
        ]
        let c = try #require(Ev.connection(events))
        #expect(c.outcome == .connected)
        #expect(c.attempts.first?.endMs == nil)
        #expect(c.timeToConnectMs == nil)
        #expect(c.attempts.first?.attendeeInstance == Ev.turn8)
    }

    @Test func restartAndCheckingInTheSameMillisecondAreOneAttempt() throws {
        let events = [
            Ev.attendee(.iceState, 500, state: .checking),
            Ev.attendee(.iceState, 500, state: .connected),
            Ev.attendee(.iceState, 1_000, state: .checking),
            Ev.attendee(.iceRestart, 1_000),
            Ev.attendee(.iceState, 1_400, state: .connected),
        ]
        let c = try #require(Ev.connection(events))
        #expect(c.attempts.map(\.end) == [.connected, .connected])
        #expect(c.attempts.map(\.startMs) == [Ev.t0 + 500, Ev.t0 + 1_000])
        #expect(c.timeToConnectMs == 0)
        #expect(c.restarts == 1)
    }

    @Test func labelIsTheTimeFirstOne() throws {
        let events = [
            Ev.make(.peerJoin, 50, role: .attendee, peer: "a-1", label: "2.1"),
            Ev.make(.peerJoin, 10, role: .guide, peer: "g-1", label: "2.0"),
            Ev.make(.peerJoin, nil, role: .attendee, peer: "a-2", label: "1.0"),
        ]
        #expect(Correlator.correlate(events).first?.label == "2.0")
    }

    @Test func eventsWithoutATourAreOnlyCounted() {
        let correlator = Correlator()
        correlator.add(Ev.make(.iceState, 0, tour: nil, role: .attendee, peer: "a-1", state: .checking))
        correlator.add(Ev.make(.iceState, 0, tour: "", role: .attendee, peer: "a-1", state: .checking))
        #expect(correlator.eventsWithoutTour == 2)
        #expect(correlator.openTourCount == 0)
        #expect(correlator.finish().isEmpty)
    }

    @Test func hostileTimesNeverTrap() {
        func at(_ ms: Int64, _ e: Event) -> Event {
            var e = e
            e.timeMs = ms
            return e
        }
        let events = [
            at(Int64.min, Ev.attendee(.iceState, 0, state: .checking)),
            at(Int64.max, Ev.attendee(.iceState, 0, state: .connected)),
            at(Int64.max - 5, Ev.guide(.iceState, 0, remote: "a-1", state: .checking)),
            at(Int64.max, Ev.guide(.peerLeave, 0)),
        ]
        let correlator = Correlator()
        for e in events { correlator.add(e) }
        #expect(correlator.closeIdleTours(watermarkMs: Int64.min).isEmpty)
        let tours = correlator.finish()
        #expect(tours.count == 1)
        #expect(tours.first?.connections.first?.timeToConnectMs == nil)  // overflowing duration: unknown
        #expect(tours.first?.connections.first?.outcome == .failed)  // connected long after the deadline
    }
}

@Suite struct CorrelatorConfigTests {
    @Test(arguments: [0, 1, Int.max, -5])
    func extremeBoundsNeverTrap(limit: Int) {
        let config = CorrelationConfig(timeoutMs: -1, idleCloseMs: Int64.max, maxEventsPerConnection: limit)
        let correlator = Correlator(config: config)
        for e in Ev.fallback() { correlator.add(e) }
        #expect(correlator.closeIdleTours(watermarkMs: Int64.min).isEmpty)
        let tours = correlator.finish()
        #expect(tours.count == 1)
        // Two streams: the guide's 2 tour-wide lines and the attendee's 10 lines.
        let kept = max(limit, 0)
        #expect(correlator.droppedEvents == max(0, 2 - kept) + max(0, 10 - kept))
    }
}
