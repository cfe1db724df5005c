import ArgumentParser
import IcelensCore

/// `icelens instances`: the per-TURN-instance table and the guide x attendee instance matrix.
struct Instances: ParsableCommand, ShowsResult {
    static let resultKind = ResultKind.instanceReport
    static let configuration = CommandConfiguration(
        abstract: "Show each TURN instance's connections and the guide x attendee instance matrix.",
        discussion: """
            Per TURN instance: the connections with an ICE attempt on it (either side), their success rate, \
            failures, timeouts, mismatches and median time to connect. Then the matrix of the guide's instance \
            against the attendee's, with connections and failures per cell (each connection counted once, by its \
            first mismatched attempt, else its last): failures off the diagonal are instance mismatches.

            Exit status: 0 done, 1 some input could not be read (the rest was analysed), 64 a wrong flag, 74 \
            the output could not be written.

            Examples:
              icelens instances logs/
              icelens instances --since -2h --format json logs/today/
            """
    )

    @OptionGroup var input: InputOptions
    @OptionGroup var analysis: AnalysisOptions
    @OptionGroup(title: "Filters") var filters: FilterOptions

    @Flag(help: "Only flagged connections (mismatch, timeout, failed, slow or fallback).")
    var flagged = false

    @Option(help: ArgumentHelp("Output format.", valueName: "format"))
    var format = FormatChoice<Instances>(.text)

    func validate() throws {
        try analysis.validate(format: format.format)
    }

    func run() throws {
        let report = try analysis.withProgress(input) {
            try Analysis.report(
                input.inputs(),
                settings: analysis.settings(
                    scan: try input.scanOptions(), filter: try filters.filter(flagged: flagged, command: "instances")))
        }
        try analysis.emit(report.inputs, finished: report.finished, format: format.format) { out in
            format.format.render(InstanceReport(report), options: analysis.renderOptions, into: &out)
        }
    }
}
