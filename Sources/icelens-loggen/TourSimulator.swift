/// Whether a tour runs the old code (independent fetches, guide cache) or the coordinated one.
enum DayMode {
    case before, after
}

/// The parameters of one tour to simulate.
struct TourSpec {
    /// The tour id as a base-36 number.
    var tourCode: UInt32
    /// When the guide opens the tour, in epoch ms (true time).
    var startMs: Int64
    /// How many attendees join.
    var attendees: Int
    /// How long the tour lasts, in ms.
    var durationMs: Int64
    /// Which code the tour runs.
    var mode: DayMode
}

/// A writer of browser lines: a tour participant with its own clock offset and line format.
struct BrowserWriter {
    /// Guide or attendee.
    var role: PeerRole
    /// The peer number (`g-<n>`, `a-<n>`).
    var number: UInt16
    /// How far its clock is off true time, in ms.
    var clockOffsetMs: Int64
    /// How it writes its lines.
    var format: LineFormat
}

/// Simulates tours, turning each into the records of every line its guide, attendees and server write, and
/// tallies the ground truth as it decides each outcome.
struct TourSimulator {
    /// The generator's randomness.
    var rng: Xoshiro256
    /// The Xirsys instance schedule.
    let schedule: InstanceSchedule
    /// Figures designed in, tallied per simulated tour.
    var truth = GroundTruth()
    /// Next record sequence number.
    private(set) var seq: UInt32 = 0
    /// Share of text-console lines written with a reworded message.
    var rewordShare = 0.06

    /// A simulator drawing from `rng` and fetching from `schedule`.
    init(rng: Xoshiro256, schedule: InstanceSchedule) {
        self.rng = rng
        self.schedule = schedule
    }

    /// Appends every line of `tour` to `out` (in no particular order) and tallies its ground truth.
    mutating func simulate(_ tour: TourSpec, into out: inout [LogRecord]) {
        truth.tours += 1
        let guide = BrowserWriter(
            role: .guide, number: 1, clockOffsetMs: rng.range64(-500, 500), format: .text)
        let g0 = tour.startMs
        serverLine(.serverJoin, tour: tour, role: .guide, peer: 1, at: g0, into: &out)
        var guideInstance: UInt8
        var appliedAt: Int64
        if tour.mode == .before, rng.chance(0.6) {
            let ageS = rng.range(60, 1800)
            guideInstance = schedule.fetch(at: g0 - Int64(ageS) * 1000, rng: &rng)
            let at = g0 + rng.range64(150, 400)
            browserLine(
                .fetchCache, by: guide, tour: tour, at: at, instance: guideInstance, arg: Int32(ageS), into: &out)
            truth.cacheHits += 1
            appliedAt = at + rng.range64(20, 120)
        } else {
            let fetched = apiCall(by: guide, tour: tour, at: g0 + rng.range64(150, 400), into: &out)
            guideInstance = fetched.instance
            appliedAt = fetched.doneMs + rng.range64(20, 120)
        }
        browserLine(.applyServers, by: guide, tour: tour, at: appliedAt, instance: guideInstance, into: &out)
        if tour.mode == .after {
            let sentAt = appliedAt + rng.range64(50, 150)
            browserLine(.configSent, by: guide, tour: tour, at: sentAt, instance: guideInstance, into: &out)
            serverLine(.serverRedisSet, tour: tour, role: .guide, peer: 1, at: sentAt + rng.range64(20, 80), into: &out)
        }
        let endMs = g0 + tour.durationMs
        for n in 1...max(1, tour.attendees) {
            let joinOffsetMs = rng.chance(0.75) ? rng.range64(10_000, 240_000) : rng.range64(240_000, 1_200_000)
            let attendee = BrowserWriter(
                role: .attendee, number: UInt16(n), clockOffsetMs: rng.range64(-2000, 2000),
                format: pickAttendeeFormat())
            let join = g0 + joinOffsetMs
            serverLine(.serverJoin, tour: tour, role: .attendee, peer: UInt16(n), at: join, into: &out)
            browserLine(.join, by: attendee, tour: tour, at: join + rng.range64(10, 80), into: &out)
            truth.connections += 1
            switch tour.mode {
            case .before:
                simulateBefore(
                    attendee, guide: guide, guideInstance: guideInstance, tour: tour, joinMs: join, endMs: endMs,
                    into: &out)
            case .after:
                simulateAfter(
                    attendee, guide: guide, guideInstance: guideInstance, tour: tour, joinMs: join, endMs: endMs,
                    into: &out)
            }
        }
        serverLine(.serverLeave, tour: tour, role: .guide, peer: 1, at: endMs + rng.range64(30_000, 60_000), into: &out)
    }

    /// Picks how an attendee's browser writes: mostly console text, else JSON (flat or nested) or logfmt.
    private mutating func pickAttendeeFormat() -> LineFormat {
        let r = rng.unit()
        if r < 0.60 { return .text }
        if r < 0.72 { return .jsonTop }
        if r < 0.85 { return .jsonContext }
        return .logfmt
    }

    /// Logs one Xirsys API call by `writer` starting at `atMs`: the server line and the browser's `Fetched` line.
    mutating func apiCall(
        by writer: BrowserWriter, tour: TourSpec, at atMs: Int64, into out: inout [LogRecord]
    ) -> (instance: UInt8, doneMs: Int64) {
        let instance = schedule.fetch(at: atMs, rng: &rng)
        let durationMs = rng.range64(80, 420)
        serverLine(
            .serverAPICall, tour: tour, role: writer.role, peer: writer.number, at: atMs + durationMs,
            instance: instance, arg: Int32(durationMs), into: &out)
        let doneMs = atMs + durationMs + rng.range64(5, 40)
        browserLine(.fetchAPI, by: writer, tour: tour, at: doneMs, instance: instance, into: &out)
        truth.apiCalls += 1
        if writer.role == .guide { truth.apiCallsByGuide += 1 } else { truth.apiCallsByAttendee += 1 }
        return (instance, doneMs)
    }

    /// Appends a browser line by `writer` at true time `atMs` (written with the writer's clock).
    mutating func browserLine(
        _ kind: RecordKind, by writer: BrowserWriter, tour: TourSpec, at atMs: Int64, remote: UInt16 = 0,
        instance: UInt8 = 0, arg: Int32 = 0, into out: inout [LogRecord]
    ) {
        var format = writer.format
        if format == .text, kind == .join || kind == .leave { format = .logfmt }
        var reworded = false
        if format == .text, kind == .stateChecking || kind == .stateConnected || kind == .timeout {
            reworded = rng.chance(rewordShare)
        }
        let t = atMs + writer.clockOffsetMs
        out.append(
            LogRecord(
                timeMs: t, orderKey: t, seq: nextSeq(), tourCode: tour.tourCode, kind: kind, format: format,
                file: writer.role == .guide ? .guides : .attendees, role: writer.role, peer: writer.number,
                remote: remote, instance: instance, reworded: reworded, arg: arg, salt: rng.salt()))
    }

    /// Appends a server line about peer `peer` at true time `atMs` (the server's clock is right).
    mutating func serverLine(
        _ kind: RecordKind, tour: TourSpec, role: PeerRole, peer: UInt16, remote: UInt16 = 0, at atMs: Int64,
        instance: UInt8 = 0, arg: Int32 = 0, into out: inout [LogRecord]
    ) {
        out.append(
            LogRecord(
                timeMs: atMs, orderKey: atMs, seq: nextSeq(), tourCode: tour.tourCode, kind: kind, format: .text,
                file: .server, role: role, peer: peer, remote: remote, instance: instance, reworded: false,
                arg: arg, salt: rng.salt()))
    }

    /// The next record sequence number.
    mutating func nextSeq() -> UInt32 {
        seq &+= 1
        return seq
    }
}
