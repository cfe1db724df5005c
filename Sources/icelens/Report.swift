import ArgumentParser
import IcelensCore

/// `icelens report`: the summary metrics, the flagged connections and the data quality of a set of logs.
struct Report: ParsableCommand, ShowsResult {
    static let resultKind = ResultKind.report
    static let configuration = CommandConfiguration(
        abstract: "Summarize connectivity: success rate, time to connect, timeouts, TURN mismatches, Xirsys calls.",
        discussion: """
            Groups events by tour and connection (tour, attendee), finds each side's TURN instance per ICE attempt, \
            and flags connections that were mismatched (guide and attendee on different instances), timed out, \
            failed, slow (5 s or more to connect) or fell back to their own Xirsys fetch, with the reason in words. \
            Definitions: docs/metrics.md. JSON schema icelens/1: docs/json-schema.md.

            Text output ends with the data quality (the line accounting of every input); with --format json the \
            accounting is in the result and also summed up on standard error.

            Exit status: 0 done, 1 some input could not be read (the rest was analysed), 3 a --fail-if check \
            failed (over 1), 64 a wrong flag, 74 the output, the snapshot or the history could not be written \
            (over 3; the failed checks are still said on standard error).

            Examples:
              icelens report logs/2026-03-02/
              icelens report --format json logs/ > day.json
              zcat app.log.gz | icelens report --timeout 45s
              icelens report --since -2h logs/today/            # tours that started in the logs' last two hours
              icelens report --instance fr-turn7.xirsys.com logs/
              icelens report webrtc_internals_dump.txt rtcstats/ guide-console.txt   # an incident's dumps
              icelens report -q --since yesterday --until today \\
                --fail-if 'success_rate < 0.95' --fail-if 'damaged_inputs > 0' \\
                --history /var/lib/icelens/history.sqlite \\
                --snapshot /srv/icelens/$(date -u -d yesterday +%F).snap \\
                --format html -o /srv/reports/$(date -u -d yesterday +%F).html \\
                /var/log/app/
            """
    )

    @OptionGroup var input: InputOptions
    @OptionGroup var analysis: AnalysisOptions
    @OptionGroup(title: "Filters") var filters: FilterOptions

    @Flag(help: "Only flagged connections (mismatch, timeout, failed, slow or fallback).")
    var flagged = false

    @Option(
        parsing: .unconditional,
        help: ArgumentHelp(
            "Text: show at most this many flagged connections, then how many more there are.", valueName: "n"))
    var limit = 50

    @Flag(help: "Text: show every flagged connection.")
    var all = false

    @Option(help: ArgumentHelp("Output format.", valueName: "format"))
    var format = FormatChoice<Report>(.text)

    @OptionGroup(title: "Checks") var checks: CheckOptions

    @Option(
        help: ArgumentHelp(
            "Also write the run's exact counters to this file, for icelens merge, compare and history (not -).",
            discussion:
                "Replaced in one step. Merging the snapshots of days gives the week or month exactly, without "
                + "reading a log again.",
            valueName: "file"))
    var snapshot: String?

    @Option(
        help: ArgumentHelp(
            "Record the run's figures per UTC day into this SQLite file, and say how they compare with the previous "
                + "7 days.",
            discussion:
                "One row a day (the tours whose first line fell on it); re-running a day replaces its row. Safe "
                + "for runs at the same time. Show it with: icelens history FILE.",
            valueName: "file"))
    var history: String?

    func validate() throws {
        if history == "-" || history == "" { throw ValidationError("--history needs a SQLite file name.") }
        if snapshot == "-" || snapshot == "" {
            throw ValidationError("--snapshot needs a file name (a snapshot is never written to standard output).")
        }
        try analysis.validate(format: format.format)
        guard limit >= 0 else { throw ValidationError("--limit must be 0 or more (got \(limit)).") }
    }

    func run() throws {
        var settings = analysis.settings(
            scan: try input.scanOptions(), filter: try filters.filter(flagged: flagged, command: "report"))
        settings.keepsDays = history != nil
        let located = input.inputs()
        try analysis.checkOutputs(
            [("--snapshot", snapshot), ("--history", history)], inputs: located.inputs, command: "report")
        var report = try analysis.withProgress(input) { try Analysis.report(located, settings: settings) }
        report.check(try checks.thresholds())
        // The history and the snapshot are written beside the result; when one cannot be, the result is still
        // written (and its failed checks said), then the run ends with status 74.
        var failures: [String] = []
        if let history {
            do {
                let run = try HistoryStore(path: history, create: true).recordRun(
                    report, recordedAtMs: TimeBound.wallClockMs())
                report.baseline = run.baseline
                report.history = run.recent
                if !analysis.destination.quiet, !run.keptWholeDays.isEmpty {
                    StandardError.write([
                        "icelens: history: kept the whole-day rows of \(run.keptWholeDays.joined(separator: ", ")): "
                            + "this run's window saw only part of them"
                    ])
                }
                if !run.recorded {
                    StandardError.write(["icelens: history: not recorded, since an input could not be read"])
                }
            } catch {
                failures.append("cannot record the history: \(error.description)")
            }
        }
        if let snapshot {
            let reading = input.readingWords + " idle-window=\(analysis.idleWindow)"
            do throws(OutputFailed) { try SnapshotFile.write(Snapshot(report, reading: reading), to: snapshot) } catch {
                failures.append("cannot write the snapshot: \(error.reason)")
            }
        }
        do {
            try analysis.emit(report.inputs, finished: report.finished, format: format.format, checks: report.checks) {
                out in
                var options = analysis.renderOptions
                options.text.findingsLimit = all ? Int.max : limit
                format.format.render(report, options: options, into: &out)
            }
        } catch  where !failures.isEmpty {
            // The result's own status gives way to the files that could not be written.
        }
        if !failures.isEmpty {
            StandardError.write(failures.map { "icelens: " + UntrustedText.forTerminal($0) })
            throw ExitCode(ExitStatus.outputFailed)
        }
    }
}
