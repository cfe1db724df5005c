/// The correlator: accumulates events of many tours, in any order and any interleaving of tours and files, and
/// emits each tour's conclusions when it is closed. Pure: no I/O, no wall clock.
///
/// Memory per open tour is the compact records of its connections (24 bytes a stored event, about 1 KB per
/// typical connection; see `TourAccumulator`), bounded by `CorrelationConfig.maxEventsPerConnection` per stream.
public final class Correlator {
    /// The settings this correlator was made with.
    public let config: CorrelationConfig
    private var tours: [String: TourAccumulator] = [:]
    /// Open tours quiet for `config.freezeAfterMs`, packed.
    private var frozen: [String: FrozenTour] = [:]
    /// Reused by every packing.
    private let packingBuffer = ByteBuffer(capacity: 1 << 16)
    /// The watermark of the last packing pass (one pass per minute of log time at most).
    private var lastFreezeMs: Int64?

    /// The newest time of any event added (the logs' "now" for windows like `--since -2h`).
    public private(set) var newestEventMs: Int64?

    /// Events from browser lines and from server lines (a run with no browser event cannot know ICE outcomes).
    public private(set) var browserEvents = 0
    /// Events from server lines.
    public private(set) var serverEvents = 0

    /// Events that named no tour: counted, not correlated.
    public private(set) var eventsWithoutTour = 0
    /// Events dropped from storage because a stream exceeded `maxEventsPerConnection` (final once tours close).
    public private(set) var droppedEvents = 0
    /// With `remembersClosedTours`: events that arrived for a tour already closed (counted, not analysed).
    public private(set) var lateEvents = 0
    /// Whether a tour closed by `closeIdleTours`/`closeFinishedTours` is remembered (for a day of log time), so that
    /// a later event for it is counted in `lateEvents` instead of opening a second tour of the same id.
    public let remembersClosedTours: Bool
    /// Remembered closed tours, by the watermark they closed at.
    private var closedAt: [String: Int64] = [:]
    private static let forgetAfterMs: Int64 = 24 * 3_600_000
    /// Size of `closedAt` after its last pruning.
    private var closedAtAfterPruning = 0

    /// Makes an empty correlator.
    public init(config: CorrelationConfig = .init(), remembersClosedTours: Bool = false) {
        self.config = config
        self.remembersClosedTours = remembersClosedTours
    }

    /// The number of tours seen and not yet closed.
    public var openTourCount: Int { tours.count + frozen.count }

    /// Open tours currently packed (`FrozenTour`).
    public var frozenTourCount: Int { frozen.count }

    /// Adds the events of `events` in order, each borrowed in place (`for event in events` would copy each).
    public func add(_ events: [Event]) {
        events.withUnsafeBufferPointer { buffer in
            for i in buffer.indices { add(buffer[i]) }
        }
    }

    /// Adds one event; events without a (non-empty) tour are only counted.
    public func add(_ event: borrowing Event) {
        if let t = event.timeMs, t > (newestEventMs ?? Int64.min) { newestEventMs = t }
        if event.origin == .browser { browserEvents += 1 } else { serverEvents += 1 }
        guard let tour = event.tour, !tour.isEmpty else {
            eventsWithoutTour += 1
            return
        }
        // One lookup for the common case: an event of an open tour.
        let accumulator: TourAccumulator
        if let existing = tours[tour] {
            accumulator = existing
        } else if let packed = frozen.removeValue(forKey: tour) {
            accumulator = packed.thaw()
            tours[tour] = accumulator
        } else {
            if !closedAt.isEmpty, closedAt[tour] != nil {
                lateEvents += 1
                return
            }
            accumulator = TourAccumulator(tour: tour, tracksPresence: config.endedGraceMs != nil)
            tours[tour] = accumulator
        }
        droppedEvents += accumulator.add(event, limit: config.maxEventsPerConnection)
    }

    /// Closes every tour whose newest event time is older than `watermarkMs - config.idleCloseMs`; returns them
    /// sorted by (firstSeenMs, tour). Tours without any timed event stay open until `finish()`.
    public func closeIdleTours(watermarkMs: Int64) -> [TourResult] {
        collect { closeIdleTours(watermarkMs: watermarkMs, each: $0) }
    }

    /// Closes the idle tours like `closeIdleTours(watermarkMs:)`, handing each to `each` as it is resolved (one
    /// tour's result in memory at a time).
    public func closeIdleTours(watermarkMs: Int64, each: (TourResult) throws -> Void) rethrows {
        let (limit, overflow) = watermarkMs.subtractingReportingOverflow(config.idleCloseMs)
        guard !overflow else { return }
        try close(select { last, _ in last < limit }, at: watermarkMs, each: each)
        freezeQuietTours(watermarkMs: watermarkMs)
    }

    /// Closes every tour idle beyond the idle window and, when `config.endedGraceMs` is set, every tour that has
    /// ended (`TourAccumulator.hasEnded`) whose newest event is older than `watermarkMs - endedGraceMs`; sorted like
    /// `finish()`.
    public func closeFinishedTours(watermarkMs: Int64) -> [TourResult] {
        collect { closeFinishedTours(watermarkMs: watermarkMs, each: $0) }
    }

    /// Closes the finished tours like `closeFinishedTours(watermarkMs:)`, handing each to `each` as it is resolved.
    public func closeFinishedTours(watermarkMs: Int64, each: (TourResult) throws -> Void) rethrows {
        guard let grace = config.endedGraceMs else { return try closeIdleTours(watermarkMs: watermarkMs, each: each) }
        let (idleLimit, overflow) = watermarkMs.subtractingReportingOverflow(config.idleCloseMs)
        let (endedLimit, overflow2) = watermarkMs.subtractingReportingOverflow(grace)
        guard !overflow, !overflow2 else { return }
        try close(
            select { last, ended in last < idleLimit || (ended && last < endedLimit) }, at: watermarkMs, each: each)
        freezeQuietTours(watermarkMs: watermarkMs)
    }

    /// Like `closeIdleTours(watermarkMs:)`, but keeps up to `limit` tours open: only when more are open are the
    /// longest-idle of the idle tours closed, down to `limit`.
    public func closeIdleTours(watermarkMs: Int64, keepingAtMost limit: Int) -> [TourResult] {
        collect { closeIdleTours(watermarkMs: watermarkMs, keepingAtMost: limit, each: $0) }
    }

    /// Closes like `closeIdleTours(watermarkMs:keepingAtMost:)`, handing each tour to `each` as it is resolved.
    public func closeIdleTours(
        watermarkMs: Int64, keepingAtMost limit: Int, each: (TourResult) throws -> Void
    ) rethrows {
        // Held tours are packed like any other (regression: packing was skipped while fewer than `limit` were open).
        defer { freezeQuietTours(watermarkMs: watermarkMs) }
        guard openTourCount > limit else { return }
        let (cut, overflow) = watermarkMs.subtractingReportingOverflow(config.idleCloseMs)
        guard !overflow else { return }
        var idle = select { last, _ in last < cut }
        idle.sort { ($0.lastSeenMs ?? 0, $0.tour) < ($1.lastSeenMs ?? 0, $1.tour) }
        try close(Array(idle.prefix(openTourCount - limit)), at: watermarkMs, each: each)
    }

    /// Closes all remaining tours; sorted by (firstSeenMs, tour).
    public func finish() -> [TourResult] {
        collect { finish(each: $0) }
    }

    /// Closes all remaining tours, handing each to `each` in (firstSeenMs, tour) order as it is resolved: a run's
    /// end holds one tour's result at a time, not every open tour's.
    public func finish(each: (TourResult) throws -> Void) rethrows {
        try close(select(all: true) { _, _ in true }, each: each)
    }

    /// Closes all remaining tours like `finish(each:)`, resolving them on two threads (`ParallelClose`): the
    /// same results in the same order. For the end of a run, when the reading side has nothing left to do. Every
    /// tour leaves the correlator first: when `each` throws, the tours not yet handed out are dropped with it.
    public func finishOnTwoThreads(
        minimumForHelper: Int = 64, window: Int = 16, each: (TourResult) throws -> Void
    ) throws {
        try finishOnTwoThreads(minimumForHelper: minimumForHelper, window: window, prepare: { $0 }, each: each)
    }

    /// Closes all remaining tours on two threads like `finishOnTwoThreads(each:)`; each result is first made into
    /// what `prepare` makes of it, on the thread that resolved it (the per-tour work of a report builder runs on
    /// both threads), and `each` gets those in order.
    public func finishOnTwoThreads<Prepared>(
        minimumForHelper: Int = 64, window: Int = 16, prepare: @escaping @Sendable (TourResult) -> Prepared,
        each: (Prepared) throws -> Void
    ) throws {
        var pending = Self.inClosingOrder(select(all: true) { _, _ in true }).compactMap(take)
        try ParallelClose.resolve(
            &pending, config: config, window: window, minimumForHelper: minimumForHelper, prepare: prepare
        ) { prepared, dropped in
            droppedEvents += dropped
            try each(prepared)
        }
    }

    /// Takes the open tour `tour` out of the correlator, packed or not.
    private func take(_ item: Closing) -> ParallelClose.Pending? {
        if let open = tours.removeValue(forKey: item.tour) { return .open(open) }
        return frozen.removeValue(forKey: item.tour).map(ParallelClose.Pending.packed)
    }

    /// `closing` in the order tours are handed out: (firstSeenMs, tour).
    private static func inClosingOrder(_ closing: [Closing]) -> [Closing] {
        closing.sorted { tourOrder($0.firstSeenMs, $0.tour, $1.firstSeenMs, $1.tour) }
    }

    /// A tour to close: its id and the first time, for the order of closing.
    private struct Closing {
        var tour: String
        var firstSeenMs: Int64?
        var lastSeenMs: Int64?
    }

    /// The open tours, packed or not, whose newest time and ended state pass `test`; tours without any timed
    /// event only with `all`.
    private func select(all: Bool = false, _ test: (Int64, Bool) -> Bool) -> [Closing] {
        var out: [Closing] = []
        func consider(_ tour: String, _ first: Int64?, _ last: Int64?, _ ended: Bool) {
            guard let newest = last ?? (all ? Int64.min : nil), test(newest, ended) else { return }
            out.append(Closing(tour: tour, firstSeenMs: first, lastSeenMs: last))
        }
        for t in tours.values { consider(t.tour, t.firstSeenMs, t.lastSeenMs, t.hasEnded) }
        for t in frozen.values { consider(t.tour, t.firstSeenMs, t.lastSeenMs, t.hasEnded) }
        return out
    }

    /// Packs open tours quiet for `config.freezeAfterMs` behind `watermarkMs`, the quietest first, while more than
    /// `config.unpackedTourTarget` are unpacked; at most once per minute of log time (a pass looks at every unpacked
    /// tour). Records are packed as they are (no sort): `compact` sorts them once, at the close. Why a target and
    /// not a longer wait after each unpacking: docs/decisions.md ("Instructions per event").
    private func freezeQuietTours(watermarkMs: Int64) {
        guard let after = config.freezeAfterMs, tours.count > config.unpackedTourTarget else { return }
        if let last = lastFreezeMs, watermarkMs >= last, watermarkMs - last < 60_000 { return }
        lastFreezeMs = watermarkMs
        let (cut, overflow) = watermarkMs.subtractingReportingOverflow(after)
        guard !overflow else { return }
        var quiet = tours.values.filter { ($0.lastSeenMs ?? Int64.max) < cut }
        let excess = tours.count - max(config.unpackedTourTarget, 0)
        if quiet.count > excess {
            // The quietest first (ties by id, so which tours are packed never depends on dictionary order).
            quiet.sort { ($0.lastSeenMs ?? Int64.max, $0.tour) < ($1.lastSeenMs ?? Int64.max, $1.tour) }
            quiet.removeLast(quiet.count - excess)
        }
        for tour in quiet {
            tours[tour.tour] = nil
            frozen[tour.tour] = FrozenTour(tour, scratch: packingBuffer)
        }
    }

    private func collect(_ closing: ((TourResult) -> Void) -> Void) -> [TourResult] {
        var results: [TourResult] = []
        closing { results.append($0) }
        return results
    }

    /// Correlates a whole list of events at once (for tests and small inputs).
    public static func correlate(_ events: [Event], config: CorrelationConfig = .init()) -> [TourResult] {
        let correlator = Correlator(config: config)
        for event in events { correlator.add(event) }
        return correlator.finish()
    }

    /// Resolves `closing` in (firstSeenMs, tour) order, one at a time: each tour's state is freed before the next
    /// is resolved.
    private func close(
        _ closing: [Closing], at watermarkMs: Int64? = nil, each: (TourResult) throws -> Void
    ) rethrows {
        guard !closing.isEmpty else { return }
        if remembersClosedTours, let watermarkMs {
            for tour in closing { closedAt[tour.tour] = watermarkMs }
            // Forget tours closed over a day ago, at most once per doubling (not on every close).
            if closedAt.count > max(1024, 2 * closedAtAfterPruning) {
                closedAt = closedAt.filter { watermarkMs &- $0.value < Self.forgetAfterMs }
                closedAtAfterPruning = closedAt.count
            }
        }
        for item in Self.inClosingOrder(closing) {
            guard let tour = take(item) else { continue }
            let done = tour.resolve(config: config)
            droppedEvents += done.dropped
            try each(done.result)
        }
    }

    /// (firstSeenMs, tour), tours without a time last.
    static func resultOrder(_ a: TourResult, _ b: TourResult) -> Bool {
        tourOrder(a.firstSeenMs, a.tour, b.firstSeenMs, b.tour)
    }

    /// (firstSeenMs, tour), tours without a time last.
    static func tourOrder(_ aTime: Int64?, _ aTour: String, _ bTime: Int64?, _ bTour: String) -> Bool {
        switch (aTime, bTime) {
        case let (x?, y?) where x != y: return x < y
        case (.some, nil): return true
        case (nil, .some): return false
        default: return aTour < bTour
        }
    }
}
