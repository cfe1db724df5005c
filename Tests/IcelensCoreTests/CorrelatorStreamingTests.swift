import Testing

@testable import IcelensCore

/// Order independence, idle closing, the per-connection bound, and the memory figure.
@Suite struct CorrelatorStreamingTests {
    /// Several tours, ties within a millisecond, untimed lines, and lines of "other files" interleaved.
    static func mixedEvents() -> [Event] {
        var events = Ev.incident(tour: "t-1") + Ev.fix(tour: "t-2") + Ev.fallback(tour: "t-3")
        events += [
            Ev.attendee(.iceState, 500, tour: "t-4", peer: "a-7", state: .checking),
            Ev.attendee(.iceRestart, 500, tour: "t-4", peer: "a-7"),
            Ev.attendee(.iceState, 500, tour: "t-4", peer: "a-7", state: .connected),
            Ev.attendee(.iceServers, 400, tour: "t-4", peer: "a-7", servers: [Ev.turn7]),
            Ev.attendee(.iceServers, 400, tour: "t-4", peer: "a-7", servers: [Ev.turn8]),
            Ev.attendee(.iceState, nil, tour: "t-4", peer: "a-8", state: .checking),
            Ev.attendee(.iceState, nil, tour: "t-4", peer: "a-8", state: .failed),
            Ev.guide(.iceState, 450, tour: "t-4", remote: "a-8", state: .checking),
            Ev.guide(.iceServers, 100, tour: "t-4", servers: [Ev.turn8]),
            Ev.guide(.iceServers, 100, tour: "t-4", servers: [Ev.turn7]),
            Ev.make(.turnFetch, 50, tour: "t-4", role: .guide, peer: "g-2", cache: .miss, origin: .server),
            Ev.make(.peerJoin, 60, tour: "t-4", role: .guide, peer: "g-2", label: "b"),
            Ev.make(.peerJoin, 60, tour: "t-4", role: .guide, peer: "g-1", label: "a"),
            Ev.make(.iceState, 0, tour: nil, role: .attendee, peer: "a-1", state: .checking),
        ]
        return events
    }

    @Test(arguments: [1, 2, 3, 5, 8, 13, 21, 34] as [UInt64])
    func resultsDoNotDependOnTheOrderEventsArrive(seed: UInt64) {
        let events = Self.mixedEvents()
        let expected = Correlator.correlate(events)
        var rng = SplitMix64(seed: seed)
        let shuffled = events.shuffled(using: &rng)
        #expect(Correlator.correlate(shuffled) == expected)
        #expect(Correlator.correlate(events.reversed()) == expected)
    }

    @Test func theBoundKeepsTheSameEventsWhateverTheOrder() {
        var events: [Event] = []
        for i in 0..<40 as Range<Int64> {
            events.append(Ev.attendee(.iceServers, i * 100, servers: [i % 2 == 0 ? Ev.turn8 : Ev.turn7]))
        }
        events += [
            Ev.attendee(.iceState, 150, state: .checking), Ev.attendee(.iceState, 170, state: .connected),
        ]
        let config = CorrelationConfig(maxEventsPerConnection: 5)
        let expected = Correlator(config: config)
        for e in events { expected.add(e) }
        let expectedTours = expected.finish()
        #expect(expected.droppedEvents == events.count - 5)
        #expect(expectedTours.first?.connections.first?.outcome == .connected)  // the earliest events are kept
        #expect(expectedTours.first?.lastSeenMs == Ev.t0 + 3_900)  // tour times count dropped events
        for seed in 1...6 as ClosedRange<UInt64> {
            var rng = SplitMix64(seed: seed)
            let correlator = Correlator(config: config)
            for e in events.shuffled(using: &rng) { correlator.add(e) }
            #expect(correlator.finish() == expectedTours)
            #expect(correlator.droppedEvents == expected.droppedEvents)
        }
    }

    @Test func closeIdleToursClosesOnlyIdleToursAndGivesTheFinalResult() throws {
        let minute: Int64 = 60_000
        let early = Ev.incident(tour: "t-1")
        let busy = [
            Ev.attendee(.iceState, 10 * minute, tour: "t-9", state: .checking),
            Ev.attendee(.iceState, 40 * minute, tour: "t-9", state: .connected),
        ]
        let correlator = Correlator(config: CorrelationConfig(idleCloseMs: 15 * minute))
        for e in early + busy { correlator.add(e) }
        #expect(correlator.openTourCount == 2)
        // Nothing is idle 15 minutes before the first tour's last event.
        #expect(correlator.closeIdleTours(watermarkMs: Ev.t0 + 32_300 + 15 * minute).isEmpty)
        let closed = correlator.closeIdleTours(watermarkMs: Ev.t0 + 40 * minute)
        #expect(closed.map(\.tour) == ["t-1"])
        #expect(correlator.openTourCount == 1)
        let all = Correlator.correlate(early + busy)
        #expect(closed.first == all.first { $0.tour == "t-1" })
        #expect(correlator.finish() == all.filter { $0.tour == "t-9" })
        #expect(correlator.openTourCount == 0)
    }

    @Test func untimedToursCloseOnlyAtFinish() {
        let correlator = Correlator()
        correlator.add(Ev.attendee(.peerJoin, nil, tour: "t-u"))
        #expect(correlator.closeIdleTours(watermarkMs: Int64.max).isEmpty)
        #expect(correlator.finish().map(\.tour) == ["t-u"])
    }

    @Test func resultsAreSortedByFirstSeenThenTour() {
        let events = [
            Ev.attendee(.peerJoin, 500, tour: "t-b"),
            Ev.attendee(.peerJoin, 500, tour: "t-a"),
            Ev.attendee(.peerJoin, 100, tour: "t-c"),
            Ev.attendee(.peerJoin, nil, tour: "t-0"),
        ]
        #expect(Correlator.correlate(events).map(\.tour) == ["t-c", "t-a", "t-b", "t-0"])
    }

    @Test func storedEventRecordIs24Bytes() {
        print("EventRecord: size \(MemoryLayout<EventRecord>.size) B, stride \(MemoryLayout<EventRecord>.stride) B")
        #expect(MemoryLayout<EventRecord>.stride == 24)
        #expect(MemoryLayout<BucketKey>.stride <= 12)
    }

    @Test func bytesPerOpenConnection() {
        // 100 attendees, each with the fix's 9 lines of its own and 2 guide lines naming it.
        let tour = TourAccumulator(tour: "t-mem")
        var events: [Event] = [
            Ev.guide(.turnFetch, 0, cache: .miss, servers: [Ev.turn8]),
            Ev.guide(.turnConfigSent, 200, instance: Ev.turn8),
        ]
        for i in 0..<100 as Range<Int64> {
            let peer = "a-\(i)"
            let base = i * 1_000
            events += [
                Ev.attendee(.peerJoin, base, peer: peer),
                Ev.attendee(.turnConfigReceived, base + 10, peer: peer, servers: [Ev.turn8]),
                Ev.attendee(.iceServers, base + 20, peer: peer, servers: [Ev.turn8]),
                Ev.attendee(.iceState, base + 30, peer: peer, state: .new),
                Ev.attendee(.iceState, base + 40, peer: peer, state: .checking),
                Ev.attendee(.iceState, base + 900, peer: peer, state: .connected),
                Ev.attendee(
                    .iceSelected, base + 950, peer: peer, url: "turn:fr-turn8.xirsys.com:80", candidate: .relay),
                Ev.attendee(.iceState, base + 60_000, peer: peer, state: .disconnected),
                Ev.attendee(.peerLeave, base + 61_000, peer: peer),
                Ev.guide(.iceState, base + 45, remote: peer, state: .checking),
                Ev.guide(.iceState, base + 905, remote: peer, state: .connected),
            ]
        }
        for e in events { _ = tour.add(e, limit: 1024) }
        let perConnection = tour.approximateBytes / 100
        print("open tour of 100 connections x 11 events: \(tour.approximateBytes) B, \(perConnection) B per connection")
        #expect(perConnection < 2_048)
    }

    /// Random events with many same-ms ties, untimed lines, role-less lines and several guides.
    static func randomEvents(seed: UInt64, count: Int) -> [Event] {
        var rng = SplitMix64(seed: seed)
        let kinds = EventKind.allCases
        let peers = ["g-1", "g-2", "a-1", "a-2", "a-3", nil]
        let roles: [Role?] = [.guide, .attendee, .attendee, .server, nil]
        let hosts = [Ev.turn7, Ev.turn8, "fr-turn1.xirsys.com"]
        var events: [Event] = []
        for _ in 0..<count {
            let kind = kinds[Int(rng.next() % UInt64(kinds.count))]
            let ms: Int64? = rng.next() % 10 == 0 ? nil : Int64(rng.next() % 40) * 1_000
            var e = Ev.make(
                kind, ms, tour: ["t-1", "t-2"][Int(rng.next() % 2)], role: roles[Int(rng.next() % 5)],
                peer: peers[Int(rng.next() % 6)], remote: rng.next() % 3 == 0 ? peers[Int(rng.next() % 6)] : nil,
                origin: rng.next() % 4 == 0 ? .server : .browser)
            if kind == .iceState { e.state = IceState.allCases[Int(rng.next() % 7)] }
            if kind == .turnFetch { e.cache = rng.next() % 2 == 0 ? .hit : .miss }
            if rng.next() % 2 == 0 { e.servers = [hosts[Int(rng.next() % 3)]] }
            if kind == .iceSelected {
                e.url = "turn:\(hosts[Int(rng.next() % 3)]):3478"
                e.candidateType = CandidateType.allCases[Int(rng.next() % 4)]
            }
            if kind == .turnConfigRelayed {
                e.from = peers[Int(rng.next() % 6)]
                e.to = peers[Int(rng.next() % 6)]
            }
            if rng.next() % 8 == 0 { e.label = ["v1", "v2"][Int(rng.next() % 2)] }
            events.append(e)
        }
        return events
    }

    @Test(arguments: [7, 99, 1234] as [UInt64])
    func randomEventsGiveOrderIndependentResults(seed: UInt64) {
        let events = Self.randomEvents(seed: seed, count: 400)
        for limit in [1024, 7] {
            let config = CorrelationConfig(maxEventsPerConnection: limit)
            let expected = Correlator.correlate(events, config: config)
            // The generator exercises attempts (a sanity check of the input, not of the correlator).
            #expect(expected.flatMap(\.connections).contains { !$0.attempts.isEmpty })
            for shuffle in 1...4 as ClosedRange<UInt64> {
                var rng = SplitMix64(seed: seed &* 31 &+ shuffle)
                #expect(Correlator.correlate(events.shuffled(using: &rng), config: config) == expected)
            }
        }
    }
}
