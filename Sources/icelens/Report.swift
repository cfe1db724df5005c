import ArgumentParser
import IcelensCore

/// `icelens report`: the summary metrics, the flagged connections and the data quality of a set of logs.
struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Summarize connectivity: success rate, time to connect, timeouts, TURN mismatches, Xirsys calls.",
        discussion: """
            Groups events by tour and connection (tour, attendee), finds each side's TURN instance per ICE attempt,
            and flags connections that were mismatched (guide and attendee on different instances), timed out,
            failed, slow (5 s or more to connect) or fell back to their own Xirsys fetch, with the reason in words.
            Definitions: docs/metrics.md. JSON schema icelens/1: docs/json-schema.md.

            Exit status: 0 done, 1 when some input could not be read, 64 bad flags.

            Examples:
              icelens report logs/2026-03-02/
              icelens report --format json logs/ > day.json
              zcat app.log.gz | icelens report --timeout 45s
            """
    )

    @OptionGroup var input: InputOptions
    @OptionGroup var analysis: AnalysisOptions

    @Option(help: ArgumentHelp("Output format: text or json.", valueName: "format"))
    var format: OutputFormat = .text

    func validate() throws {
        guard format != .csv else { throw ValidationError("report writes text or json; csv is for `icelens tours`.") }
    }

    func run() throws {
        let report = try Analysis.report(
            try input.inputs(), settings: analysis.settings(scan: try input.scanOptions()))
        try analysis.emit(report.inputs, machineFormat: format != .text) { out in
            switch format {
            case .json: JSONRenderer(style: analysis.jsonStyle).render(report, into: &out)
            default: TextRenderer(style: analysis.textStyle).render(report, into: &out)
            }
        }
    }
}
