/// The attendee side of a tour: independent fetches before the fix, the relayed guide config after it.
extension TourSimulator {
    /// Old code: the attendee fetches its own list; a different instance from the guide's hangs ICE.
    mutating func simulateBefore(
        _ a: BrowserWriter, guide: BrowserWriter, guideInstance: UInt8, tour: TourSpec, joinMs: Int64,
        endMs: Int64, into out: inout [LogRecord]
    ) {
        let fetched = apiCall(by: a, tour: tour, at: joinMs + rng.range64(200, 700), into: &out)
        let applyAt = fetched.doneMs + rng.range64(20, 100)
        browserLine(.applyServers, by: a, tour: tour, at: applyAt, instance: fetched.instance, into: &out)
        let checkingAt = applyAt + rng.range64(100, 400)
        startChecking(a, guide: guide, tour: tour, at: checkingAt, into: &out)
        if fetched.instance == guideInstance {
            let connectedAt = checkingAt + rng.range64(1000, 4000)
            connect(a, guide: guide, tour: tour, at: connectedAt, instance: fetched.instance, into: &out)
            truth.ttcMs.append(connectedAt - checkingAt)
            designed(
                a, tour, "connected", ttcMs: connectedAt - checkingAt,
                [.init(outcome: "connected", guideInstance: guideInstance, attendeeInstance: fetched.instance)])
            stayUntilEnd(a, tour: tour, fromMs: connectedAt, endMs: endMs, into: &out)
            return
        }
        truth.mismatched += 1
        let r = rng.unit()
        if r < 0.60 {
            let timeoutAt = checkingAt + 30_000
            browserLine(.timeout, by: a, tour: tour, at: timeoutAt, into: &out)
            if rng.chance(0.5) {
                browserLine(.stateFailed, by: a, tour: tour, at: timeoutAt + rng.range64(20, 200), into: &out)
            }
            truth.timeoutsLogged += 1
            truth.failed += 1
            designed(
                a, tour, "failed",
                [
                    .init(
                        outcome: "timeout", timeout: "explicit", guideInstance: guideInstance,
                        attendeeInstance: fetched.instance)
                ])
            chatter(a, tour: tour, at: timeoutAt + rng.range64(2000, 20_000), into: &out)
            leave(a, tour: tour, at: timeoutAt + rng.range64(25_000, 90_000), into: &out)
        } else if r < 0.87 {
            truth.timeoutsInferred += 1
            truth.failed += 1
            designed(
                a, tour, "failed",
                [
                    .init(
                        outcome: "timeout", timeout: "inferred", guideInstance: guideInstance,
                        attendeeInstance: fetched.instance)
                ])
            chatter(a, tour: tour, at: checkingAt + rng.range64(35_000, 90_000), into: &out)
            leave(a, tour: tour, at: checkingAt + rng.range64(95_000, 200_000), into: &out)
        } else {
            // The log simply ends: nothing more from this attendee anywhere.
            truth.incomplete += 1
            designed(
                a, tour, "incomplete",
                [.init(outcome: "incomplete", guideInstance: guideInstance, attendeeInstance: fetched.instance)])
        }
    }

    /// Coordinated code: the guide's list arrives over signaling; a few attendees fall back to their own fetch
    /// and restart ICE when the guide's list arrives after all.
    mutating func simulateAfter(
        _ a: BrowserWriter, guide: BrowserWriter, guideInstance: UInt8, tour: TourSpec, joinMs: Int64,
        endMs: Int64, into out: inout [LogRecord]
    ) {
        if !rng.chance(0.08) {
            let arrival = joinMs + rng.range64(100, 2000)
            serverLine(
                .serverRelayed, tour: tour, role: .guide, peer: guide.number, remote: a.number,
                at: arrival - rng.range64(20, 80), into: &out)
            browserLine(.configReceived, by: a, tour: tour, at: arrival, instance: guideInstance, into: &out)
            let applyAt = arrival + rng.range64(10, 60)
            browserLine(.applyServers, by: a, tour: tour, at: applyAt, instance: guideInstance, into: &out)
            let checkingAt = applyAt + rng.range64(100, 300)
            startChecking(a, guide: guide, tour: tour, at: checkingAt, into: &out)
            let connectedAt = checkingAt + rng.range64(500, 4000)
            connect(a, guide: guide, tour: tour, at: connectedAt, instance: guideInstance, into: &out)
            truth.ttcMs.append(connectedAt - checkingAt)
            designed(
                a, tour, "connected", ttcMs: connectedAt - checkingAt,
                [.init(outcome: "connected", guideInstance: guideInstance, attendeeInstance: guideInstance)])
            stayUntilEnd(a, tour: tour, fromMs: connectedAt, endMs: endMs, into: &out)
            return
        }
        truth.fallbacks += 1
        let fallbackAt = joinMs + 5000 + rng.range64(0, 60)
        browserLine(.fallback, by: a, tour: tour, at: fallbackAt, into: &out)
        let fetched = apiCall(by: a, tour: tour, at: fallbackAt + rng.range64(10, 50), into: &out)
        let applyAt = fetched.doneMs + rng.range64(20, 100)
        browserLine(.applyServers, by: a, tour: tour, at: applyAt, instance: fetched.instance, into: &out)
        let firstChecking = applyAt + rng.range64(100, 300)
        startChecking(a, guide: guide, tour: tour, at: firstChecking, into: &out)
        let arrival = max(joinMs + rng.range64(5500, 9000), firstChecking + rng.range64(200, 600))
        let viaPoll = rng.chance(0.25)
        if viaPoll {
            truth.polls += 1
            serverLine(
                .serverPolled, tour: tour, role: .attendee, peer: a.number, at: arrival - rng.range64(10, 50),
                into: &out)
        } else {
            serverLine(
                .serverRelayed, tour: tour, role: .guide, peer: guide.number, remote: a.number,
                at: arrival - rng.range64(20, 80), into: &out)
            browserLine(.configReceived, by: a, tour: tour, at: arrival, instance: guideInstance, into: &out)
        }
        let firstConnect = firstChecking + rng.range64(500, 4000)
        if fetched.instance == guideInstance, firstConnect < arrival {
            connect(a, guide: guide, tour: tour, at: firstConnect, instance: guideInstance, into: &out)
            truth.ttcMs.append(firstConnect - firstChecking)
            designed(
                a, tour, "connected", ttcMs: firstConnect - firstChecking, fallback: true,
                [.init(outcome: "connected", guideInstance: guideInstance, attendeeInstance: guideInstance)])
            stayUntilEnd(a, tour: tour, fromMs: max(firstConnect, arrival), endMs: endMs, into: &out)
            return
        }
        if fetched.instance != guideInstance { truth.mismatched += 1 }
        truth.restarts += 1
        let reapplyAt = arrival + rng.range64(10, 40)
        browserLine(.applyServers, by: a, tour: tour, at: reapplyAt, instance: guideInstance, into: &out)
        let restartAt = reapplyAt + rng.range64(10, 60)
        browserLine(.restart, by: a, tour: tour, at: restartAt, into: &out)
        let secondChecking = restartAt + rng.range64(50, 200)
        startChecking(a, guide: guide, tour: tour, at: secondChecking, into: &out)
        let connectedAt = secondChecking + rng.range64(500, 3500)
        connect(a, guide: guide, tour: tour, at: connectedAt, instance: guideInstance, into: &out)
        truth.ttcMs.append(connectedAt - firstChecking)
        designed(
            a, tour, "connected", ttcMs: connectedAt - firstChecking, fallback: true, restarts: 1,
            [
                .init(outcome: "restarted", guideInstance: guideInstance, attendeeInstance: fetched.instance),
                .init(outcome: "connected", guideInstance: guideInstance, attendeeInstance: guideInstance),
            ])
        stayUntilEnd(a, tour: tour, fromMs: connectedAt, endMs: endMs, into: &out)
    }

    /// Notes the connection of attendee `a` as designed, when the truth keeps connections.
    private mutating func designed(
        _ a: BrowserWriter, _ tour: TourSpec, _ outcome: String, ttcMs: Int64? = nil, fallback: Bool = false,
        restarts: Int = 0, _ attempts: [ConnectionTruth.Attempt]
    ) {
        guard truth.connectionRecords != nil else { return }
        truth.connectionRecords!.append(
            ConnectionTruth(
                tourCode: tour.tourCode, attendee: a.number, outcome: outcome, ttcMs: ttcMs, fallback: fallback,
                restarts: restarts, attempts: attempts))
    }

    /// Both sides go `checking`: the attendee, then the guide for that remote.
    private mutating func startChecking(
        _ a: BrowserWriter, guide: BrowserWriter, tour: TourSpec, at atMs: Int64, into out: inout [LogRecord]
    ) {
        browserLine(.stateChecking, by: a, tour: tour, at: atMs, into: &out)
        browserLine(
            .stateChecking, by: guide, tour: tour, at: atMs + rng.range64(30, 300), remote: a.number, into: &out)
    }

    /// Both sides go `connected`; half the attendees log their selected relay pair.
    private mutating func connect(
        _ a: BrowserWriter, guide: BrowserWriter, tour: TourSpec, at atMs: Int64, instance: UInt8,
        into out: inout [LogRecord]
    ) {
        truth.connected += 1
        browserLine(.stateConnected, by: a, tour: tour, at: atMs, into: &out)
        browserLine(
            .stateConnected, by: guide, tour: tour, at: atMs + rng.range64(30, 200), remote: a.number, into: &out)
        if rng.chance(0.5) {
            browserLine(.selected, by: a, tour: tour, at: atMs + rng.range64(5, 60), instance: instance, into: &out)
        }
    }

    /// A connected attendee chats a little during the tour and leaves at its end.
    private mutating func stayUntilEnd(
        _ a: BrowserWriter, tour: TourSpec, fromMs: Int64, endMs: Int64, into out: inout [LogRecord]
    ) {
        let leaveAt = max(endMs, fromMs + 60_000) + rng.range64(0, 30_000)
        for _ in 0..<rng.range(1, 3) {
            chatter(a, tour: tour, at: rng.range64(fromMs + 1000, leaveAt - 1000), into: &out)
        }
        leave(a, tour: tour, at: leaveAt, into: &out)
    }

    /// An unrelated line from the attendee (no event), proof that its log goes on.
    private mutating func chatter(_ a: BrowserWriter, tour: TourSpec, at atMs: Int64, into out: inout [LogRecord]) {
        browserLine(.chatter, by: a, tour: tour, at: atMs, arg: Int32(rng.range(1, 12)), into: &out)
    }

    /// The attendee leaves: its own `peer.leave` line and the server's.
    private mutating func leave(_ a: BrowserWriter, tour: TourSpec, at atMs: Int64, into out: inout [LogRecord]) {
        browserLine(.leave, by: a, tour: tour, at: atMs, into: &out)
        serverLine(
            .serverLeave, tour: tour, role: .attendee, peer: a.number, at: atMs + rng.range64(20, 400), into: &out)
    }
}
