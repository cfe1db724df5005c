import ArgumentParser
import IcelensCore

/// `icelens compare`: the before/after figures of the fix, with verdicts.
struct Compare: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Compare before and after the fix: each metric side by side, with confidence and verdicts.",
        discussion: """
            Split the tours in one of three ways:
              --cutoff TIME            a tour belongs to the period of its first line
              --split-by FIELD=VALUE   by a field's value in version order (appVersion=2.4.0: 2.4.0 and above are after)
              --vs PATH...             the inputs before --vs are before, the ones after it are after

            For each metric: before, after, the change, and for proportions the 95% confidence interval of the
            difference and a p-value, so you can tell a real change from noise. Then a verdict for each promised result
            of the fix (same TURN instance on both sides, about 50% fewer Xirsys API calls per tour, ICE connected in
            under 5 s, no 30 s timeouts), and the table of mismatch against outcome.

            Examples:
              icelens compare --cutoff 2026-03-02T00:00:00Z samples/logs/
              icelens compare old-logs/ --vs new-logs/
              icelens compare --split-by appVersion=2.4.0 logs/
            """
    )

    @OptionGroup var input: InputOptions
    @OptionGroup var analysis: AnalysisOptions

    @Option(
        help: ArgumentHelp("Tours whose first line is at or after this time (ISO 8601) are 'after'.", valueName: "time")
    )
    var cutoff: String?

    @Option(
        name: .customLong("split-by"),
        help: ArgumentHelp(
            "Split by a field's value: tours whose FIELD is VALUE or above (version order) are 'after'.",
            valueName: "field=value"))
    var splitBy: String?

    @Option(
        name: .customLong("vs"), parsing: .upToNextOption,
        help: ArgumentHelp("The 'after' inputs; the paths before --vs are 'before'.", valueName: "path"))
    var after: [String] = []

    @Option(help: ArgumentHelp("Output format: text or json.", valueName: "format"))
    var format: OutputFormat = .text

    func validate() throws {
        let ways = [cutoff != nil, splitBy != nil, !after.isEmpty].filter { $0 }.count
        guard ways == 1 else {
            throw ValidationError(
                "Choose one way to split: --cutoff 2026-03-02T00:00:00Z, --split-by appVersion=2.4.0, or OLD-PATHS --vs NEW-PATHS."
            )
        }
        if let cutoff, PeriodSplit.cutoffMs(parsing: cutoff) == nil {
            throw ValidationError("--cutoff takes an ISO 8601 time such as 2026-03-02T00:00:00Z (got '\(cutoff)').")
        }
        if let splitBy, PeriodSplit.label(parsing: splitBy) == nil {
            throw ValidationError("--split-by takes FIELD=VALUE, such as appVersion=2.4.0 (got '\(splitBy)').")
        }
        if !after.isEmpty, input.paths.isEmpty {
            throw ValidationError("Name the 'before' inputs before --vs: icelens compare old-logs/ --vs new-logs/")
        }
        guard format != .csv else { throw ValidationError("compare writes text or json.") }
    }

    func run() throws {
        let label = splitBy.flatMap { PeriodSplit.label(parsing: $0) }
        let settings = analysis.settings(scan: try input.scanOptions(labelField: label?.field))
        let report: ComparisonReport
        if !after.isEmpty {
            report = try Analysis.compare(
                before: try input.inputs(), after: try InputLocator.locate(after), settings: settings)
        } else {
            let split: PeriodSplit =
                if let label { .label(field: label.field, value: label.value) } else {
                    .cutoff(ms: cutoff.flatMap { PeriodSplit.cutoffMs(parsing: $0) } ?? 0)
                }
            report = try Analysis.compare(try input.inputs(), split: split, settings: settings)
        }
        try analysis.emit(report.inputs, machineFormat: format != .text) { out in
            switch format {
            case .json: JSONRenderer(style: analysis.jsonStyle).render(report, into: &out)
            default: TextRenderer(style: analysis.textStyle).render(report, into: &out)
            }
        }
    }
}
