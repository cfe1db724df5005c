import ArgumentParser
import IcelensCore

/// `icelens compare`: the before/after figures of the fix, with verdicts.
struct Compare: ParsableCommand, ShowsResult {
    static let resultKind = ResultKind.comparison
    static let configuration = CommandConfiguration(
        abstract: "Compare before and after the fix: each metric side by side, with confidence and verdicts.",
        discussion: """
            Split the tours in one of three ways:
              --cutoff TIME           by the time of a tour's first line
              --split-by FIELD=VALUE  by a field's value, in version order
                                      (appVersion=2.4.0: 2.4.0 and up are after)
              --vs PATH...            the paths before --vs are before, the
                                      ones after it are after

            For each metric: before, after, the change, and for proportions the 95% confidence interval of the \
            difference and a p-value, so you can tell a real change from noise. Then a verdict for each promised \
            result of the fix (same TURN instance on both sides, about 50% fewer Xirsys API calls per tour, ICE \
            connected in under 5 s, no 30 s timeouts), and the table of mismatch against outcome.

            Exit status: 0 done, 1 some input could not be read (the rest was analysed), 64 a wrong flag, 74 \
            the output could not be written.

            Examples:
              icelens compare --cutoff 2026-03-02T00:00:00Z samples/logs/
              icelens compare samples/logs/before/ --vs samples/logs/after/
              icelens compare --split-by appVersion=2.4.0 logs/
              icelens compare 2026-02-*.snap --vs 2026-03-*.snap    # snapshots (report --snapshot)
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
            "Tours whose first line is at or after this time (ISO 8601, or epoch seconds or ms) are 'after'.",
            valueName: "time"))
    var cutoff: LogTime?

    @Option(
        name: .customLong("split-by"),
        help: ArgumentHelp(
            "Split by a field's value: tours whose FIELD is VALUE or above (version order) are 'after'.",
            valueName: "field=value"))
    var splitBy: FieldSplit?

    @Option(
        name: .customLong("vs"), parsing: .upToNextOption,
        help: ArgumentHelp("The 'after' inputs; the paths before --vs are 'before'.", valueName: "path"))
    var after: [String] = []

    @Option(help: ArgumentHelp("Output format.", valueName: "format"))
    var format = FormatChoice<Compare>(.text)

    func validate() throws {
        let ways = [cutoff != nil, splitBy != nil, !after.isEmpty].filter { $0 }.count
        guard ways == 1 else {
            throw ValidationError(
                "Choose one way to split: --cutoff 2026-03-02T00:00:00Z, --split-by appVersion=2.4.0, or "
                    + "OLD-PATHS --vs NEW-PATHS.")
        }
        if !after.isEmpty, input.paths.isEmpty {
            throw ValidationError("Name the 'before' inputs before --vs: icelens compare old-logs/ --vs new-logs/")
        }
        try analysis.validate(format: format.format)
    }

    func run() throws {
        if let report = try snapshotComparison() {
            try analysis.emit(report.inputs, format: format.format) { out in
                format.format.render(report, options: analysis.renderOptions, into: &out)
            }
            return
        }
        let settings = analysis.settings(
            scan: try input.scanOptions(labelField: splitBy?.field),
            filter: try filters.filter(flagged: flagged, command: "compare"))
        let report: ComparisonReport = try analysis.withProgress(input, more: after) {
            if !after.isEmpty {
                return try Analysis.compare(
                    before: input.inputs(), after: InputLocator.locateEach(after), settings: settings)
            } else if let splitBy {
                return try Analysis.compare(
                    input.inputs(), split: .label(field: splitBy.field, value: splitBy.value), settings: settings)
            } else {
                return try Analysis.compare(input.inputs(), split: .cutoff(ms: cutoff?.ms ?? 0), settings: settings)
            }
        }
        try analysis.emit(report.inputs, format: format.format) { out in
            format.format.render(report, options: analysis.renderOptions, into: &out)
        }
    }

    /// The comparison of snapshots (report --snapshot) when every path named is one; nil when none is.
    private func snapshotComparison() throws -> ComparisonReport? {
        let paths = input.paths + after
        let snapshots = paths.filter(SnapshotFile.isSnapshot)
        guard !snapshots.isEmpty else { return nil }
        try analysis.destination.checkTargets([], inputs: paths, command: "compare")
        guard snapshots.count == paths.count else {
            throw ExitStatus.usage(
                "compare takes logs or snapshots, not both (snapshots: \(snapshots.count) of \(paths.count) paths).",
                command: "compare")
        }
        guard splitBy == nil else {
            throw ExitStatus.usage(
                "--split-by needs the logs: a snapshot keeps counts, not field values. Use --cutoff or --vs.",
                command: "compare")
        }
        guard try filters.filter(flagged: flagged, command: "compare").keepsEverything, !flagged else {
            throw ExitStatus.usage(
                "filters need the logs: a snapshot keeps the counts of the run that made it (give the filters to "
                    + "report --snapshot instead).", command: "compare")
        }
        do {
            if !after.isEmpty {
                return try Snapshot.compare(
                    before: SnapshotFile.read(all: input.paths), after: SnapshotFile.read(all: after),
                    split: .inputSets(before: input.paths, after: after))
            }
            return try Snapshot.compare(SnapshotFile.read(all: input.paths), cutoffMs: cutoff?.ms ?? 0)
        } catch {
            StandardError.write(["icelens: \(UntrustedText.forTerminal("\(error)"))"])
            throw ExitCode(ExitStatus.inputFailed)
        }
    }
}
