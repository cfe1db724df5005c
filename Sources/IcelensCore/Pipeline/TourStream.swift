/// Streams inputs into finished tours in bounded memory: inputs are merged by log time, events go to the
/// correlator, and tours idle behind the merge's watermark are closed and handed out as they finish.
///
/// Each input is opened once. Its start is peeked (small buffers, no thread) to learn the time of its first event;
/// it is read at full speed only once the merge reaches that time, so a month of daily files is not all being read
/// at once. At most `maxParkedInputs` peeked inputs are kept open while they wait; inputs beyond that are closed
/// after the peek and opened again when the merge reaches them (so a folder of thousands of files cannot exhaust
/// file descriptors or memory).
///
/// Standard input cannot be re-read or merged by time: while it is read, idle tours stay open up to
/// `CorrelationConfig.heldTourLimit`, so concatenated logs (`zcat a.gz b.gz | icelens`) give the same figures as
/// the files named one by one.
public struct TourStream {
    /// Each input is read in steps of at least this many bytes, ended where its bytes alone decide: tours are
    /// closed between steps, so a report is the same whether an input is plain or gzipped, decoded by zlib or
    /// ISA-L, a file or a pipe. (Before: a step was one read, and an input whose log time goes back gave
    /// different figures for each; `StepBoundaryTests`.)
    public static let stepBytes = 256 * 1024

    /// The inputs.
    public var inputs: [InputSpec]
    /// Reading settings.
    public var options: ScanOptions
    /// Correlation settings (timeout, idle window).
    public var correlation: CorrelationConfig
    /// Index of the first input in the run's list (for `SourceLocation`), when several streams share one list.
    public var inputOffset: Int
    /// Most peeked inputs kept open while they wait for the merge.
    public var maxParkedInputs = 64
    /// Sees every event, in the order the correlator gets them, on the calling thread (`Analysis.timeline` keeps a
    /// tour's events this way while the same run correlates them).
    public var eventTap: ((borrowing Event) -> Void)?
    /// Opens an input's raw bytes (a file, or standard input); tests put other sources here.
    var openRaw: (InputSpec) throws -> ByteChunkSource = { try FileByteSource(spec: $0) }

    /// Makes a stream.
    public init(inputs: [InputSpec], options: ScanOptions, correlation: CorrelationConfig, inputOffset: Int = 0) {
        self.inputs = inputs
        self.options = options
        self.options.details = ConnectionDetailStore()  // this run's own: never another run's peer connections
        self.options.turnSessions = FinishedTurnSessions()
        self.correlation = correlation
        self.inputOffset = inputOffset
    }

    /// What a stream came to besides its tours.
    public struct Outcome: Sendable {
        /// Accounting per input, in input order.
        public var accounting: [InputAccounting] = []
        /// Inputs that could not be read, or whose reading ended early at an I/O error.
        public var failures: [InputFailure] = []
        /// Events that named no tour.
        public var eventsWithoutTour = 0
        /// Events over the per-connection bound.
        public var droppedEvents = 0
        /// Events that arrived for a tour already closed as idle.
        public var lateEvents = 0
        /// Inputs whose clock went back by more than the idle window (concatenated logs), with how often.
        public var timeJumps: [TimeJump] = []
        /// Standard input held more idle tours than `heldTourLimit`, so some were closed before its end.
        public var heldTourLimitReached = false
        /// Most tours open at once (memory grows with this).
        public var peakOpenTours = 0
        /// Events read.
        public var events = 0
        /// The newest time of any event read.
        public var newestEventMs: Int64?
        /// Events from browser lines.
        public var browserEvents = 0
        /// Events from server lines.
        public var serverEvents = 0
    }

    /// Runs the stream, calling `onTour` for each finished tour. With `options.prefetch` the inputs are read and
    /// classified on a second thread while this one correlates: the two sides exchange the same steps in the same
    /// order as when run on one thread, so results never depend on it.
    public func run(onTour: (TourResult) throws -> Void) throws -> Outcome {
        try run(prepare: { $0 }, onTour: onTour)
    }

    /// Runs like `run(onTour:)`, handing `onTour` what `prepare` makes of each tour's result. At the end of a
    /// run, when the last tours are resolved on two threads, `prepare` runs on the thread that resolved the tour
    /// (it must not touch shared state); `onTour` always runs on the calling thread, in tour order.
    public func run<Prepared>(
        prepare: @escaping @Sendable (TourResult) -> Prepared, onTour: (Prepared) throws -> Void
    ) throws -> Outcome {
        try run(prepare: prepare, onTourAt: { prepared, _ in try onTour(prepared) })
    }

    /// Runs like `run(prepare:onTour:)`, also handing `onTour` the newest event time read so far (for windows
    /// relative to the logs' now, `TourGate`); the final one is `Outcome.newestEventMs`.
    public func run<Prepared>(
        prepare: @escaping @Sendable (TourResult) -> Prepared,
        onTourAt onTour: (Prepared, _ newestMs: Int64?) throws -> Void
    ) throws -> Outcome {
        // What dumps told of their peer connections joins each tour as it is resolved, before anything counts it.
        let details = options.details
        let prepare: @Sendable (TourResult) -> Prepared = { prepare(details.attach(to: $0)) }
        let merge = InputMerge(stream: self)
        try merge.peekAll()
        let correlator = Correlator(config: correlation, remembersClosedTours: true)
        var peakOpenTours = 0
        var heldTourLimitReached = false

        var done = 0
        func close(atMs watermark: Int64?, holding: Bool) throws {
            peakOpenTours = max(peakOpenTours, correlator.openTourCount)
            ScanProgress.tours(open: correlator.openTourCount, done: done)
            done = 0
            guard let watermark else { return }
            if holding {
                try correlator.closeIdleTours(watermarkMs: watermark, keepingAtMost: correlation.heldTourLimit) {
                    heldTourLimitReached = true
                    done += 1
                    try onTour(prepare($0), correlator.newestEventMs)
                }
            } else {
                try correlator.closeFinishedTours(watermarkMs: watermark) {
                    done += 1
                    try onTour(prepare($0), correlator.newestEventMs)
                }
            }
        }

        if options.prefetch {
            let channel = StepChannel<MergeStep>(capacity: 4)
            BackgroundThread.start(name: "icelens-merge") {
                do {
                    try merge.run { events, closeAtMs, holding in
                        // The next buffer's events go into an array the correlating side has emptied (its room
                        // kept: growing an array of events copies all of them).
                        let batch = channel.takeBatch(from: &events)
                        try channel.put(MergeStep(events: batch, closeAtMs: closeAtMs, holding: holding))
                    }
                    channel.finish(nil)
                } catch {
                    channel.finish(error)
                }
            }
            do {
                while var step = try channel.take() {
                    // A late event for a tour already closed is counted by the correlator, never a second tour.
                    if let eventTap { for i in step.events.indices { eventTap(step.events[i]) } }
                    correlator.add(step.events)
                    channel.giveEmptied(&step.events)
                    try close(atMs: step.closeAtMs, holding: step.holding)
                }
            } catch {
                channel.cancel()
                throw error
            }
        } else {
            try merge.run { events, closeAtMs, holding in
                if let eventTap { for i in events.indices { eventTap(events[i]) } }
                correlator.add(events)
                events.removeAll(keepingCapacity: true)
                try close(atMs: closeAtMs, holding: holding)
            }
        }
        if options.prefetch {
            // The reading side is done: the last tours (all still open) are resolved on two threads.
            try correlator.finishOnTwoThreads(prepare: prepare) { try onTour($0, correlator.newestEventMs) }
        } else {
            try correlator.finish { try onTour(prepare($0), correlator.newestEventMs) }
        }
        var outcome = merge.outcome
        outcome.peakOpenTours = peakOpenTours
        outcome.heldTourLimitReached = heldTourLimitReached
        outcome.eventsWithoutTour = correlator.eventsWithoutTour
        outcome.droppedEvents = correlator.droppedEvents
        outcome.lateEvents = correlator.lateEvents
        outcome.newestEventMs = correlator.newestEventMs
        outcome.browserEvents = correlator.browserEvents
        outcome.serverEvents = correlator.serverEvents
        return outcome
    }
}

/// One step of the merge: the events one input handed out, and whether tours should be closed after them at a
/// watermark (the earliest log time any input may still add to).
struct MergeStep: @unchecked Sendable {
    /// The events, in the order read.
    var events: [Event]
    /// Close finished tours at this watermark after adding the events, or nil.
    var closeAtMs: Int64?
    /// Standard input is being read: hold idle tours up to the limit instead of closing them.
    var holding: Bool
}

/// The reading side of a `TourStream`: opens and peeks every input, then advances the input furthest behind in log
/// time one step at a time (`TourStream.stepBytes`), emitting each step's events with the closing decision the
/// watermark allows. Owned by one thread at a time (the caller's for `peekAll`, then the one that calls `run`).
final class InputMerge: @unchecked Sendable {
    private let stream: TourStream
    private struct Waiting {
        var first: Int64
        var position: Int
        var cursor: InputCursor?
    }
    private var waiting: [Waiting] = []
    private var accounting: [InputAccounting?]
    /// The reading side's part of the outcome (accounting, failures, time jumps, events).
    private(set) var outcome = TourStream.Outcome()

    init(stream: TourStream) {
        self.stream = stream
        self.accounting = [InputAccounting?](repeating: nil, count: stream.inputs.count)
    }

    private func open(_ position: Int) -> InputCursor? {
        let input = stream.inputs[position]
        do {
            return try InputCursor(
                input: input, raw: stream.openRaw(input), index: stream.inputOffset + position,
                options: stream.options, backJumpMs: stream.correlation.idleCloseMs, stepBytes: TourStream.stepBytes)
        } catch let error as InputError {
            outcome.failures.append(InputFailure(input: input.displayName, reason: error.description))
        } catch {
            outcome.failures.append(InputFailure(input: input.displayName, reason: "\(error)"))
        }
        return nil
    }

    private func retire(_ cursor: InputCursor) {
        accounting[cursor.index - stream.inputOffset] = cursor.accounting
        if let failure = cursor.failure {
            outcome.failures.append(InputFailure(input: cursor.input.displayName, reason: failure.description))
        }
        if cursor.backJumps > 0 {
            outcome.timeJumps.append(TimeJump(input: cursor.input.displayName, count: cursor.backJumps))
        }
    }

    /// Opens the input at `position` and takes its first look (`peek`): parked and reopened inputs alike, so an
    /// input's steps (and the tours closed between them) do not depend on whether it waited open.
    private func openPeeked(_ position: Int) throws -> InputCursor? {
        guard let cursor = open(position) else { return nil }
        try cursor.peek()
        return cursor
    }

    /// Peeks at every input's start to learn where it begins in log time.
    func peekAll() throws {
        var parked = 0
        for position in stream.inputs.indices {
            guard let cursor = try openPeeked(position) else { continue }
            let first = cursor.firstTimeMs ?? Int64.min
            if parked < stream.maxParkedInputs || cursor.input.isStandardInput {
                parked += 1
                waiting.append(Waiting(first: first, position: position, cursor: cursor))
            } else {
                waiting.append(Waiting(first: first, position: position, cursor: nil))
            }
        }
        waiting.sort { ($0.first, $0.position) < ($1.first, $1.position) }
    }

    /// Reads every input to its end, calling `onStep` after each step with that step's events (to take;
    /// the array is reused once `onStep` has emptied it), the watermark to close tours at (or nil) and whether
    /// standard input is being held.
    func run(onStep: (inout [Event], Int64?, Bool) throws -> Void) throws {
        var events: [Event] = []
        events.reserveCapacity(256)  // a buffer's events: growing an array of events copies all of them
        let holdsStream = stream.inputs.contains(where: \.isStandardInput)
        var nextWaiting = 0
        var active: [InputCursor] = []
        var lastClose = Int64.min

        func frontier() -> Int64 {
            var f = Int64.max
            for c in active { f = min(f, c.clockMs ?? Int64.min) }
            return f
        }

        while true {
            // Start reading every input the merge has reached.
            while nextWaiting < waiting.count, active.isEmpty || waiting[nextWaiting].first <= frontier() {
                let entry = waiting[nextWaiting]
                waiting[nextWaiting].cursor = nil
                nextWaiting += 1
                guard let cursor = try entry.cursor ?? openPeeked(entry.position) else { continue }
                cursor.activate(prefetch: stream.options.prefetch)
                active.append(cursor)
            }
            if active.isEmpty { break }
            // Advance the input that is furthest behind in log time.
            var pick = 0
            for i in 1..<active.count where (active[i].clockMs ?? Int64.min) < (active[pick].clockMs ?? Int64.min) {
                pick = i
            }
            let cursor = active[pick]
            let before = events.count
            let linesBefore = cursor.linesRead
            try cursor.step(into: &events)
            outcome.events += events.count - before
            ScanProgress.read(lines: cursor.linesRead - linesBefore)
            if cursor.done {
                retire(cursor)
                active.remove(at: pick)
            }
            // Close tours idle behind the watermark (the earliest point any open or unopened input may still add to).
            var closeAtMs: Int64?
            var holding = false
            var watermark = frontier()
            if nextWaiting < waiting.count { watermark = min(watermark, waiting[nextWaiting].first) }
            if watermark != Int64.min, watermark != Int64.max,
                lastClose == Int64.min || watermark &- lastClose >= 60_000
            {
                lastClose = watermark
                closeAtMs = watermark
                holding = holdsStream && active.contains(where: \.input.isStandardInput)
            }
            try onStep(&events, closeAtMs, holding)
        }
        outcome.accounting = accounting.compactMap { $0 }
    }
}

/// An input whose log time went back by more than the idle window: most likely several logs one after another.
public struct TimeJump: Sendable, Equatable {
    /// The input as named.
    public var input: String
    /// How many times its clock went back.
    public var count: Int

    /// Makes a record.
    public init(input: String, count: Int) {
        self.input = input
        self.count = count
    }
}
