/// Streams inputs into finished tours in bounded memory: inputs are merged by log time (each input opened only
/// once the merge reaches its first event, so a month of daily files is not all open at once), events go to the
/// correlator, and tours idle behind the merge's watermark are closed and handed out as they finish.
public struct TourStream {
    /// The inputs.
    public var inputs: [InputSpec]
    /// Reading settings.
    public var options: ScanOptions
    /// Correlation settings (timeout, idle window).
    public var correlation: CorrelationConfig
    /// Index of the first input in the run's list (for `SourceLocation`), when several streams share one list.
    public var inputOffset: Int

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
        /// Inputs that could not be read.
        public var failures: [InputFailure] = []
        /// Events that named no tour.
        public var eventsWithoutTour = 0
        /// Events over the per-connection bound.
        public var droppedEvents = 0
        /// Events that arrived for a tour already closed as idle (raise the idle window when this is not 0).
        public var lateEvents = 0
        /// Most tours open at once (memory grows with this).
        public var peakOpenTours = 0
        /// Events read.
        public var events = 0
    }

    /// Runs the stream, calling `onTour` for each finished tour.
    public func run(onTour: (TourResult) throws -> Void) throws -> Outcome {
        var outcome = Outcome()
        let correlator = Correlator(config: correlation)
        var classifier = LineClassifier(rules: options.rules, labelField: options.labelField)
        var accounting = [InputAccounting?](repeating: nil, count: inputs.count)

        // Where each input starts in log time; unreadable inputs are reported and left out.
        var pending: [(first: Int64, position: Int)] = []
        for (position, input) in inputs.enumerated() {
            if input.isStandardInput {
                pending.append((Int64.min, position))
                continue
            }
            do {
                let first = try InputCursor.firstEventTime(of: input, options: options) ?? Int64.min
                pending.append((first, position))
            } catch let error as InputError {
                outcome.failures.append(InputFailure(input: input.displayName, reason: error.description))
            }
        }
        pending.sort { ($0.first, $0.position) < ($1.first, $1.position) }
        var nextPending = 0
        var active: [InputCursor] = []
        var lastClose = Int64.min
        // Tours closed recently, by the watermark at which they closed: a late event for one of them is counted,
        // not made into a second tour of the same id. Forgotten a day (log time) after closing.
        var closedAt: [String: Int64] = [:]
        let forgetAfterMs: Int64 = 24 * 3_600_000

        func frontier() -> Int64 {
            var f = Int64.max
            for c in active { f = min(f, c.clockMs ?? Int64.min) }
            return f
        }

        while true {
            // Open every input the merge has reached.
            while nextPending < pending.count, active.isEmpty || pending[nextPending].first <= frontier() {
                let position = pending[nextPending].position
                nextPending += 1
                do {
                    active.append(
                        try InputCursor(input: inputs[position], index: inputOffset + position, options: options))
                } catch let error as InputError {
                    outcome.failures.append(
                        InputFailure(input: inputs[position].displayName, reason: error.description))
                }
            }
            if active.isEmpty { break }
            // Advance the input that is furthest behind in log time.
            var pick = 0
            for i in 1..<active.count where (active[i].clockMs ?? Int64.min) < (active[pick].clockMs ?? Int64.min) {
                pick = i
            }
            let cursor = active[pick]
            try cursor.step(&classifier) { event in
                outcome.events += 1
                if let tour = event.tour, !closedAt.isEmpty, closedAt[tour] != nil {
                    outcome.lateEvents += 1
                    return
                }
                correlator.add(event)
            }
            if cursor.done {
                accounting[cursor.index - inputOffset] = cursor.accounting
                active.remove(at: pick)
            }
            outcome.peakOpenTours = max(outcome.peakOpenTours, correlator.openTourCount)
            // Close tours idle behind the watermark (the earliest point any open or unopened input may still add to).
            var watermark = frontier()
            if nextPending < pending.count { watermark = min(watermark, pending[nextPending].first) }
            if watermark != Int64.min, watermark != Int64.max,
                (lastClose == Int64.min || watermark &- lastClose >= 60_000)
            {
                lastClose = watermark
                for tour in correlator.closeIdleTours(watermarkMs: watermark) {
                    closedAt[tour.tour] = watermark
                    try onTour(tour)
                }
                if closedAt.count > 1024 {
                    closedAt = closedAt.filter { watermark &- $0.value < forgetAfterMs }
                }
            }
        }
        for tour in correlator.finish() { try onTour(tour) }
        outcome.accounting = accounting.compactMap { $0 }
        outcome.eventsWithoutTour = correlator.eventsWithoutTour
        outcome.droppedEvents = correlator.droppedEvents
        return outcome
    }
}
