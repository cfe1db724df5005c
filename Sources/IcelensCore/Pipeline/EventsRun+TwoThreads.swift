/// `icelens events` on two threads: a parsing thread reads the inputs in order (each with its own inflating thread)
/// and hands batches of events over a `StepChannel`; the calling thread writes them as NDJSON. Parsing is about
/// three quarters of the work and writing a quarter, so writing no longer waits for parsing on one core. The
/// output, the accounting and the failures are those of the one-thread run, in the same order.
extension EventsRun {
    /// What the parsing thread hands to the writing one.
    enum ParsedStep {
        /// Events of the input being read, in line order.
        case events([Event])
        /// The end of one input: its accounting, read failure and, if the parsing stopped on an error, that error.
        case inputEnd(InputScanner.Scan)
        /// An input that could not be opened.
        case notOpened(input: String, reason: String)
    }

    func executeOnTwoThreads(to output: ByteOutput) throws -> RunOutcome {
        let writer = EventJSONWriter(inputNames: inputs.map(\.displayName))
        var outcome = RunOutcome()
        outcome.failures = locatingFailures
        let clock = Stopwatch()
        let filter = kinds
        let pending = ByteBuffer(capacity: 1 << 16)
        func handOver() throws {
            try output.write(bytes: pending.bytes)
            pending.removeAll()
        }
        func note(_ step: ParsedStep) throws {
            switch step {
            case .events:
                break
            case .inputEnd(let scan):
                outcome.accounting.append(scan.accounting)
                if let interruption = scan.interruption { throw interruption }
                if let failure = scan.failure {
                    outcome.failures.append(InputFailure(input: scan.accounting.input, reason: failure.description))
                }
            case .notOpened(let input, let reason):
                outcome.failures.append(InputFailure(input: input, reason: reason))
            }
        }

        let channel = StepChannel<ParsedStep>(capacity: 4)
        let (inputs, options) = (self.inputs, self.options)
        BackgroundThread.start(name: "icelens-parse") {
            Self.parse(inputs, options: options, into: channel)
        }
        do {
            while let step = try channel.take() {
                guard case .events(var events) = step else {
                    try note(step)
                    continue
                }
                try events.withUnsafeBufferPointer { buffer in
                    for i in buffer.indices {
                        if !filter.isEmpty && !filter.contains(buffer[i].kind) { continue }
                        writer.append(buffer[i], to: pending)
                        pending.reserve(1)
                        pending.put(0x0A)
                        if pending.count >= 60 << 10 { try handOver() }
                    }
                }
                events.removeAll(keepingCapacity: true)
                channel.giveEmptied(&events)
            }
            try handOver()
            try output.flush()
        } catch is OutputClosed {
            // The counts stop where the parsing thread stopped: the inputs it finished, then the one it was reading.
            outcome.outputClosed = true
            for step in channel.cancelAndWait() {
                if case .inputEnd(var scan) = step { scan.interruption = nil; try note(.inputEnd(scan)) }
            }
        } catch {
            _ = channel.cancelAndWait()
            throw error
        }
        outcome.elapsedSeconds = clock.elapsedSeconds
        return outcome
    }

    /// The parsing thread: every input in order into `channel`, then `finish`. Stopped by the writing side
    /// (`StepChannel.Cancelled`), it leaves the accounting of the input it was reading.
    private static func parse(_ inputs: [InputSpec], options: ScanOptions, into channel: StepChannel<ParsedStep>) {
        var current: InputCursor?
        do {
            for (index, input) in inputs.enumerated() {
                let cursor: InputCursor
                do {
                    cursor = try InputCursor(input: input, index: index, options: options)
                } catch let error as InputError {
                    try channel.put(.notOpened(input: input.displayName, reason: error.description))
                    continue
                }
                current = cursor
                cursor.activate(prefetch: options.prefetch)
                var events: [Event] = []
                events.reserveCapacity(256)
                var interruption: Error?
                do {
                    while !cursor.done {
                        try cursor.step(into: &events)
                        guard !events.isEmpty else { continue }
                        var full = channel.takeEmptied() ?? []
                        swap(&full, &events)
                        events.reserveCapacity(max(full.count + full.count / 8 + 32, 256))
                        try channel.put(.events(full))
                    }
                } catch let cancelled as StepChannel<ParsedStep>.Cancelled {
                    throw cancelled
                } catch {
                    interruption = error
                }
                try channel.put(
                    .inputEnd(
                        InputScanner.Scan(
                            accounting: cursor.accounting, failure: cursor.failure, interruption: interruption)))
                current = nil
                if interruption != nil { break }
            }
            channel.finish(nil)
        } catch is StepChannel<ParsedStep>.Cancelled {
            let partial = current.map {
                ParsedStep.inputEnd(InputScanner.Scan(accounting: $0.accounting, failure: $0.failure))
            }
            channel.finish(nil, leaving: partial)
        } catch {
            channel.finish(error)
        }
    }
}
