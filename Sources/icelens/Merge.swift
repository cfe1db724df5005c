import ArgumentParser
import IcelensCore

/// `icelens merge`: the report of many runs from their snapshots, without reading a log again.
struct Merge: ParsableCommand, ShowsResult {
    static let resultKind = ResultKind.report
    static let configuration = CommandConfiguration(
        abstract: "Merge snapshots (report --snapshot) into the report of all the runs behind them.",
        discussion: """
            A snapshot holds the exact counters of a run: its summary, time-to-connect histograms, TURN instances, \
            line accounting, window and settings. Merging gives the same summary, instances and accounting as one \
            run over all the logs behind the snapshots, in any order: a week or a month from the daily snapshots, \
            or many machines' logs. The per-tour rows and findings stay in each run's own report.

            Refused with a reason: snapshots made with different settings or filters (--timeout, --tour, ...), \
            and two snapshots that read the same input over overlapping windows (tours would count twice). \
            Snapshots of the same inputs with disjoint windows (daily runs over one folder) count those inputs' \
            lines once.

            Exit status: 0 done, 1 a snapshot could not be read or merged, 3 a --fail-if check failed, 64 a wrong \
            flag, 74 the output could not be written.

            Examples:
              icelens merge /srv/icelens/2026-03-*.snap
              icelens merge --format json --fail-if 'success_rate < 0.95' week/*.snap
              icelens merge --snapshot 2026-03.snap /srv/icelens/2026-03-*.snap   # the month as one snapshot
            """
    )

    @Argument(help: ArgumentHelp("Snapshot files written by report --snapshot.", valueName: "snapshot"))
    var snapshots: [String] = []

    @Option(help: ArgumentHelp("Output format.", valueName: "format"))
    var format = FormatChoice<Merge>(.text)

    @Option(
        help: ArgumentHelp("Also write the merged snapshot to this file (merge it again later).", valueName: "file"))
    var snapshot: String?

    @OptionGroup(title: "Checks") var checks: CheckOptions

    @OptionGroup(title: "Output") var destination: OutputOptions

    func validate() throws {
        if snapshot == "-" || snapshot == "" {
            throw ValidationError("--snapshot needs a file name (a snapshot is never written to standard output).")
        }
        guard !snapshots.isEmpty else {
            throw ValidationError("Name the snapshots to merge: icelens merge /srv/icelens/2026-03-*.snap")
        }
        try destination.validate(format: format.format)
    }

    func run() throws {
        try destination.checkTargets([("--snapshot", snapshot)], inputs: snapshots, command: "merge")
        let merged: Snapshot
        do { merged = try SnapshotFile.merge(snapshots) } catch {
            StandardError.write(["icelens: \(UntrustedText.forTerminal(error.description))"])
            throw ExitCode(ExitStatus.inputFailed)
        }
        var report = merged.report()
        report.check(try checks.thresholds())
        let options = destination.renderOptions
        try destination.deliver(checks: report.checks) { out in
            format.format.render(report, options: options, into: &out)
        }
        // The merged snapshot is written after the result, so a snapshot that cannot be written loses nothing else.
        if let snapshot {
            do throws(OutputFailed) { try SnapshotFile.write(merged, to: snapshot) } catch {
                StandardError.write(AccountingRenderer.checkFailureLines(report.checks))
                StandardError.write(["icelens: cannot write the snapshot: \(UntrustedText.forTerminal(error.reason))"])
                throw ExitCode(ExitStatus.outputFailed)
            }
        }
        try AnalysisOptions.finishDiagnostics(
            report.inputs, format: format.format, checks: report.checks, quiet: destination.quiet,
            checksShown: format.format == .text && destination.toTerminal)
    }
}
