import ArgumentParser
import IcelensCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Set by SIGINT/SIGTERM: `watch` ends its loop, prints its summary and exits 0.
nonisolated(unsafe) private var watchStopRequested: sig_atomic_t = 0

/// `icelens watch`: each connection's verdict as soon as it is known, from logs as they are written.
struct Watch: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Follow logs as they are written and print each connection's verdict as soon as it is known.",
        discussion: """
            Reads a pipe (tail -F app.log | icelens watch) or follows files like tail -F (appends, rotation and \
            truncation), and prints a line per connection when it connects (with its time to connect), times out \
            (a logged ice.timeout; the same side's log going on past the deadline; or, for live logs with a silent \
            input, the wall clock), fails, or turns out mismatched (both sides' TURN instances known and different). \
            Each line is flushed at once. On a terminal a rolling summary stays on the last line of standard error; \
            Ctrl-C or the end of a pipe ends the watch with the summary and the line accounting.

            Plain logs only: pipe gzip through zcat. Files are read from their start, so tours already under way \
            are known; --since keeps only tours that began after a time (relative to the wall clock here).

            Exit status: 0 done (also after Ctrl-C), 1 an input could not be read, 64 a wrong flag, 74 the output \
            could not be written.

            Examples:
              tail -F /var/log/app/browser.log | icelens watch
              icelens watch --format ndjson /var/log/app/browser.log /var/log/app/server.log
              icelens watch --instance fr-turn7.xirsys.com --since -1h /var/log/app/*.log
            """
    )

    @Argument(
        help: ArgumentHelp(
            "Log files to follow; '-' is standard input (the default when it is a pipe).", valueName: "path"))
    var paths: [String] = []

    @Option(
        parsing: .unconditional,
        help: ArgumentHelp("The app's ICE timeout (30s, 45s).", valueName: "duration"))
    var timeout = TimeSpan(ms: 30_000)

    @Option(
        name: .customLong("tour"), help: ArgumentHelp("Only this tour (repeatable).", valueName: "id"))
    var tours: [String] = []

    @Option(
        help: ArgumentHelp("Only connections with this TURN instance on either side.", valueName: "host"))
    var instance: String?

    @Option(
        parsing: .unconditional,
        help: ArgumentHelp(
            "Only tours whose first line is at or after this time (ISO 8601, a date, today, -2h by the wall clock).",
            valueName: "time"))
    var since: TimeBound?

    @Option(help: ArgumentHelp("Output format: text (a line a verdict) or ndjson.", valueName: "text|ndjson"))
    var format: String?

    @Option(
        name: .customLong("color"),
        help: ArgumentHelp("Colour text output: auto, always or never.", valueName: "when"))
    var color: ColorMode = .auto

    @Option(
        name: .customLong("max-line-length"), parsing: .unconditional,
        help: ArgumentHelp("Lines longer than this many bytes are cut: counted, never parsed.", valueName: "bytes"))
    var maxLineLength: Int = 1 << 20

    @Option(
        help: ArgumentHelp(
            "Where lines come from when they do not say: auto (a path with 'server' in it is server-side), server "
                + "or browser.", valueName: "auto|server|browser"))
    var origin: OriginMarking = .auto

    /// ndjson or text (the default: text on a terminal, ndjson on a pipe).
    var ndjson: Bool {
        if let format { return format.lowercased() == "ndjson" }
        return isatty(STDOUT_FILENO) != 1
    }

    func validate() throws {
        if let format, !["text", "ndjson"].contains(format.lowercased()) {
            throw ValidationError("--format for watch is text or ndjson (got '\(format)').")
        }
        if paths.isEmpty, !InputLocator.standardInputHoldsLogs {
            throw ValidationError(
                "No input. Follow files (icelens watch app.log) or pipe: tail -F app.log | icelens watch")
        }
        guard timeout.ms > 0 else { throw ValidationError("--timeout must be longer than 0, such as 30s.") }
        guard (64...(64 << 20)).contains(maxLineLength) else {
            throw ValidationError("--max-line-length must be between 64 and 67108864 bytes (got \(maxLineLength)).")
        }
        for tour in tours where tour.isEmpty { throw ValidationError("--tour needs a tour id.") }
        if instance?.isEmpty == true { throw ValidationError("--instance needs a TURN host name.") }
        if paths.filter({ $0 == "-" }).count > 1 { throw ValidationError("Standard input ('-') can be named once.") }
    }

    func run() throws {
        var settings = WatchRun.Settings()
        settings.scan.maxLineLength = maxLineLength
        settings.scan.originMarking = origin
        settings.timeoutMs = timeout.ms
        settings.tours = Set(tours)
        settings.instance = instance?.lowercased()
        settings.since = since
        let watch = WatchRun(names: paths.isEmpty ? ["-"] : paths, settings: settings)
        signal(SIGINT) { _ in watchStopRequested = 1 }
        signal(SIGTERM) { _ in watchStopRequested = 1 }
        // A parent may have started us with these blocked (Foundation's Process does): then Ctrl-C would never
        // reach the handler and the watch could not end cleanly.
        var stopSignals = sigset_t()
        sigemptyset(&stopSignals)
        sigaddset(&stopSignals, SIGINT)
        sigaddset(&stopSignals, SIGTERM)
        pthread_sigmask(SIG_UNBLOCK, &stopSignals, nil)

        let out = ByteOutput(fileDescriptor: STDOUT_FILENO)
        let writer = LiveRecordWriter(ndjson: ndjson, style: .standardOutput(color: color))
        let status = isatty(STDERR_FILENO) == 1
        var statusShown = false
        func clearStatus() {
            if statusShown { StandardError.writeRaw("\r\u{1B}[K") }
            statusShown = false
        }
        var outputClosed = false
        do {
            try watch.run(
                shouldStop: { watchStopRequested != 0 || outputClosed },
                onRecord: { record in
                    clearStatus()
                    do {
                        try out.write(writer.line(record))
                        try out.flush()
                    } catch is OutputClosed {
                        outputClosed = true
                    }
                },
                onTick: {
                    guard status else { return }
                    let t = watch.shown
                    let lines = watch.lineAccounting.reduce(0) { $0 + $1.read }
                    StandardError.writeRaw(
                        "\r\u{1B}[Kwatching: \(lines) lines, \(watch.totals.connections) connections; shown: "
                            + "\(t.connected) connected, \(t.timeouts) timed out, \(t.failed) failed, "
                            + "\(t.mismatched) mismatched")
                    statusShown = true
                })
        } catch let failure as OutputFailed {
            clearStatus()
            throw ExitStatus.outputFailed(failure)
        }
        clearStatus()
        let t = watch.shown
        let filtered = !tours.isEmpty || instance != nil || since != nil
        var lines = [
            "icelens watch: \(watch.totals.connections) connections"
                + (filtered ? " of the tours asked for; shown" : "") + ": \(t.connected) connected"
                + (t.ttcP50Ms.map {
                    " (time to connect p50 \(NumberFormat.fixed(scaled: $0, places: 3, trimZeros: true)) s)"
                }
                    ?? "")
                + ", \(t.timeouts) timed out, \(t.failed) failed, \(t.mismatched) mismatched"
        ]
        lines += AccountingRenderer.summaryLines(watch.lineAccounting, failures: watch.failures)
        StandardError.write(lines)
        if !watch.failures.isEmpty { throw ExitCode(ExitStatus.inputFailed) }
    }
}
