/// The `events` job: scans every input in order and writes each event as an NDJSON line; the result is the line
/// accounting, inputs that could not be read, and throughput.
public struct EventsRun {
    /// The inputs, in the order given.
    public var inputs: [InputSpec]
    /// Reading and classification settings.
    public var options: ScanOptions
    /// Event kinds to print; empty prints all.
    public var kinds: Set<EventKind>
    /// Tours to print (`--tour`); empty prints all.
    public var tours: Set<String> = []
    /// Print only events written by this peer or naming it as remote, sender or receiver (`--peer`).
    public var peer: String?
    /// Instead of events, print the raw lines that became none (for writing rules and checking inputs).
    public var showLines: ShownLines?
    /// Named paths that could not be located: reported with the run's failures.
    public var locatingFailures: [InputFailure] = []

    /// Which lines that became no event to print instead of events.
    public enum ShownLines: String, Sendable, CaseIterable {
        case unrecognised, malformed
    }

    /// Makes a run over located inputs; the paths that could not be located are reported as failures.
    public init(_ located: LocatedInputs, options: ScanOptions, kinds: Set<EventKind> = []) {
        self.init(inputs: located.inputs, options: options, kinds: kinds)
        self.locatingFailures = located.failures
    }

    /// Makes a run.
    public init(inputs: [InputSpec], options: ScanOptions, kinds: Set<EventKind> = []) {
        self.inputs = inputs
        self.options = options
        self.kinds = kinds
    }

    /// The lines to show, as an `input:line: text` line: at most 4 KiB of the line, credentials redacted
    /// (`CredentialRedactor`), control characters made visible.
    static func shownLine(_ name: String, _ number: Int, _ line: UnsafeRawBufferPointer) -> String {
        let text = CredentialRedactor.redact(UnsafeRawBufferPointer(rebasing: line.prefix(4096)))
        return UntrustedText.forTerminal("\(name):\(number): \(text)")
    }

    /// Runs, writing events to `output`. A closed output pipe ends the run quietly (`outputClosed`); any other write
    /// error throws `OutputFailed`.
    public func execute(to output: ByteOutput) throws -> RunOutcome {
        // With prefetching (the default) and only events to write, one thread parses and this one writes.
        if options.prefetch, showLines == nil { return try executeOnTwoThreads(to: output) }
        let scanner = InputScanner(options: options)
        var outcome = RunOutcome()
        outcome.failures = locatingFailures
        let clock = Stopwatch()
        let sink = NDJSONSink(self, output: output)
        do {
            for (index, input) in inputs.enumerated() {
                do {
                    let shown = showLines
                    let scan = try scanner.scan(
                        input, index: index,
                        onEvent: { event in
                            if shown == nil { try sink.write(event) }
                        },
                        onOther: shown == nil
                            ? nil
                            : { verdict, line, number in
                                guard
                                    (verdict == .unrecognised && shown == .unrecognised)
                                        || (verdict == .malformed && shown == .malformed)
                                else { return }
                                try output.write(EventsRun.shownLine(input.displayName, number, line))
                                output.write(byte: 0x0A)
                            })
                    outcome.accounting.append(scan.accounting)
                    if let interruption = scan.interruption { throw interruption }
                    if let failure = scan.failure {
                        outcome.failures.append(InputFailure(input: input.displayName, reason: failure.description))
                    }
                } catch let error as InputError {
                    outcome.failures.append(InputFailure(input: input.displayName, reason: error.description))
                }
            }
            try sink.finish()
        } catch is OutputClosed {
            outcome.outputClosed = true
        }
        outcome.elapsedSeconds = clock.elapsedSeconds
        return outcome
    }
}

/// What a scan of all inputs came to, apart from its events: the accounting, failed inputs and throughput.
public struct RunOutcome: Sendable {
    /// Accounting per input, in input order.
    public var accounting: [InputAccounting] = []
    /// Inputs that could not be read.
    public var failures: [InputFailure] = []
    /// The reader of the output went away (`| head`): the run stopped early on purpose.
    public var outputClosed = false
    /// Wall time of the run.
    public var elapsedSeconds: Double = 0

    /// Number of inputs that could not be read.
    public var failedInputs: Int { failures.count }

    /// The accounting summary for standard error; with `stats`, throughput too.
    public func summaryLines(stats: Bool) -> [String] {
        var lines = AccountingRenderer.summaryLines(accounting, failures: failures)
        if outputClosed {
            lines.append("  (output closed early: the counts stop where reading stopped; later inputs were not read)")
        }
        if stats {
            var total = InputAccounting(input: "total")
            for a in accounting { total.add(a) }
            let s = max(elapsedSeconds, 1e-9)
            let mb = Double(total.bytes) / 1e6
            lines.append(
                "icelens: \(NumberFormat.fixed(mb, places: 1) ?? "?") MB in \(NumberFormat.fixed(elapsedSeconds, places: 3) ?? "?") s: \(NumberFormat.fixed(mb / s, places: 1) ?? "?") MB/s, "
                    + "\(NumberFormat.grouped(Int(Double(total.read) / s))) lines/s")
        }
        return lines
    }
}
