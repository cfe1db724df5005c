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
    /// Opens an input's raw bytes (a file, or standard input); tests put other sources here.
    var openRaw: (InputSpec) throws -> ByteChunkSource = { try FileByteSource(spec: $0) }

    /// Makes a stream.
    public init(inputs: [InputSpec], options: ScanOptions, correlation: CorrelationConfig, inputOffset: Int = 0) {
        self.inputs = inputs
        self.options = options
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
    }

    private struct Waiting {
        var first: Int64
        var position: Int
        var cursor: InputCursor?
    }

    /// Runs the stream, calling `onTour` for each finished tour.
    public func run(onTour: (TourResult) throws -> Void) throws -> Outcome {
        var outcome = Outcome()
        let correlator = Correlator(config: correlation, remembersClosedTours: true)
        var accounting = [InputAccounting?](repeating: nil, count: inputs.count)
        let holdsStream = inputs.contains(where: \.isStandardInput)

        func open(_ position: Int) -> InputCursor? {
            do {
                return try InputCursor(
                    input: inputs[position], raw: openRaw(inputs[position]), index: inputOffset + position,
                    options: options, backJumpMs: correlation.idleCloseMs)
            } catch let error as InputError {
                outcome.failures.append(InputFailure(input: inputs[position].displayName, reason: error.description))
            } catch {
                outcome.failures.append(InputFailure(input: inputs[position].displayName, reason: "\(error)"))
            }
            return nil
        }

        func retire(_ cursor: InputCursor) {
            accounting[cursor.index - inputOffset] = cursor.accounting
            if let failure = cursor.failure {
                outcome.failures.append(InputFailure(input: cursor.input.displayName, reason: failure.description))
            }
            if cursor.backJumps > 0 {
                outcome.timeJumps.append(TimeJump(input: cursor.input.displayName, count: cursor.backJumps))
            }
        }

        // Peek at every input's start to learn where it begins in log time.
        var waiting: [Waiting] = []
        var parked = 0
        for position in inputs.indices {
            guard let cursor = open(position) else { continue }
            try cursor.peek()
            let first = cursor.firstTimeMs ?? Int64.min
            if parked < maxParkedInputs || cursor.input.isStandardInput {
                parked += 1
                waiting.append(Waiting(first: first, position: position, cursor: cursor))
            } else {
                waiting.append(Waiting(first: first, position: position, cursor: nil))
            }
        }
        waiting.sort { ($0.first, $0.position) < ($1.first, $1.position) }
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
                nextWaiting += 1
                guard let cursor = entry.cursor ?? open(entry.position) else { continue }
                cursor.activate(prefetch: options.prefetch)
                active.append(cursor)
            }
            if active.isEmpty { break }
            // Advance the input that is furthest behind in log time.
            var pick = 0
            for i in 1..<active.count where (active[i].clockMs ?? Int64.min) < (active[pick].clockMs ?? Int64.min) {
                pick = i
            }
            let cursor = active[pick]
            try cursor.step(onEvent: { event in
                outcome.events += 1
                // A late event for a tour already closed is counted by the correlator, never a second tour.
                correlator.add(event)
            })
            if cursor.done {
                retire(cursor)
                active.remove(at: pick)
            }
            outcome.peakOpenTours = max(outcome.peakOpenTours, correlator.openTourCount)
            // Close tours idle behind the watermark (the earliest point any open or unopened input may still add to).
            var watermark = frontier()
            if nextWaiting < waiting.count { watermark = min(watermark, waiting[nextWaiting].first) }
            if watermark != Int64.min, watermark != Int64.max,
                lastClose == Int64.min || watermark &- lastClose >= 60_000
            {
                lastClose = watermark
                let holding = holdsStream && active.contains(where: \.input.isStandardInput)
                let closed =
                    holding
                    ? correlator.closeIdleTours(watermarkMs: watermark, keepingAtMost: correlation.heldTourLimit)
                    : correlator.closeFinishedTours(watermarkMs: watermark)
                if holding, !closed.isEmpty { outcome.heldTourLimitReached = true }
                for tour in closed { try onTour(tour) }
            }
        }
        for tour in correlator.finish() { try onTour(tour) }
        outcome.accounting = accounting.compactMap { $0 }
        outcome.eventsWithoutTour = correlator.eventsWithoutTour
        outcome.droppedEvents = correlator.droppedEvents
        outcome.lateEvents = correlator.lateEvents
        return outcome
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
