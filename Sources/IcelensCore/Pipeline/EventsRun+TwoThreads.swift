/// `icelens events` on two threads: a parsing thread reads the inputs in order (each with its own inflating thread)
/// and hands batches of events over a `StepChannel`; the calling thread writes them as NDJSON. Parsing is about
/// three quarters of the work and writing a quarter, so writing no longer waits for parsing on one core. The
/// output, the accounting and the failures are those of the one-thread run, in the same order; when the output
/// closes early, the counts stop at the batch being written (as with one thread, to within one batch of lines).
extension EventsRun {
    /// What the parsing thread hands to the writing one.
    enum ParsedStep {
        /// Events of the input being read, in line order, and that input's accounting once they were read.
        case events([Event], InputAccounting)
        /// The end of one input: its accounting, read failure and, if the parsing stopped on an error, that error.
        case inputEnd(InputScanner.Scan)
        /// An input that could not be opened.
        case notOpened(input: String, reason: String)
    }

    func executeOnTwoThreads(to output: ByteOutput) throws -> RunOutcome {
        var outcome = RunOutcome()
        outcome.failures = locatingFailures
        let clock = Stopwatch()
        let sink = NDJSONSink(self, output: output)
        // The accounting of the input whose events are being written, until its end is noted.
        var reading: InputAccounting?

        let channel = StepChannel<ParsedStep>(capacity: 4)
        let (inputs, options) = (self.inputs, self.options)
        BackgroundThread.start(name: "icelens-parse") {
            Self.parse(inputs, options: options, into: channel)
        }
        // The parsing thread stops at its next batch or hand-over once cancelled; it is not waited for (it may be
        // blocked reading a pipe that stays open, as with `tail -f`).
        defer { channel.cancel() }
        do {
            while let step = try channel.take() {
                switch consume step {
                case .events(var events, let accounting):
                    reading = accounting
                    try events.withUnsafeBufferPointer { buffer in
                        for i in buffer.indices { try sink.write(buffer[i]) }
                    }
                    channel.giveEmptied(&events)
                case .inputEnd(let scan):
                    reading = nil
                    outcome.accounting.append(scan.accounting)
                    if let interruption = scan.interruption { throw interruption }
                    if let failure = scan.failure {
                        outcome.failures.append(InputFailure(input: scan.accounting.input, reason: failure.description))
                    }
                case .notOpened(let input, let reason):
                    outcome.failures.append(InputFailure(input: input, reason: reason))
                }
            }
            try sink.finish()
        } catch is OutputClosed {
            // The counts stop where writing stopped: the inputs finished before, then the one being written.
            outcome.outputClosed = true
            if let reading { outcome.accounting.append(reading) }
        }
        outcome.elapsedSeconds = clock.elapsedSeconds
        return outcome
    }

    /// The parsing thread: every input in order into `channel`, then `finish`. It stops once the writing side has
    /// cancelled: at its next hand-over (`StepChannel.Cancelled`) or after the batch of lines it is reading.
    private static func parse(_ inputs: [InputSpec], options: ScanOptions, into channel: StepChannel<ParsedStep>) {
        let scanner = InputScanner(options: options)
        do {
            for (index, input) in inputs.enumerated() {
                let cursor: InputCursor
                do {
                    cursor = try InputCursor(input: input, index: index, options: options)
                } catch let error as InputError {
                    try channel.put(.notOpened(input: input.displayName, reason: error.description))
                    continue
                }
                let scan = scanner.scan(cursor) { events, cursor in
                    if channel.isCancelled { throw StepChannel<ParsedStep>.Cancelled() }
                    guard !events.isEmpty else { return }
                    try channel.put(.events(channel.takeBatch(from: &events), cursor.accounting))
                }
                if let cancelled = scan.interruption as? StepChannel<ParsedStep>.Cancelled { throw cancelled }
                try channel.put(.inputEnd(scan))
                if scan.interruption != nil { break }
            }
            channel.finish(nil)
        } catch {
            channel.finish(error is StepChannel<ParsedStep>.Cancelled ? nil : error)
        }
    }
}
