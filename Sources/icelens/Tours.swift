import ArgumentParser
import IcelensCore

/// `icelens tours`: one row a tour.
struct Tours: ParsableCommand, ShowsResult {
    static let resultKind = ResultKind.tourList
    static let configuration = CommandConfiguration(
        abstract: "List tours, one row each: guide instance, attendees, outcomes, mismatches, timeouts, p50.",
        discussion: """
            Exit status: 0 done, 1 some input could not be read (the rest was analysed), 64 a wrong flag, 74 \
            the output could not be written.

            Examples:
              icelens tours --flagged logs/          # only tours with a flagged connection
              icelens tours --format csv logs/ > tours.csv
            """
    )

    @OptionGroup var input: InputOptions
    @OptionGroup var analysis: AnalysisOptions
    @OptionGroup(title: "Filters") var filters: FilterOptions

    @Flag(help: "Only tours with a flagged connection (mismatch, timeout, failed, slow or fallback).")
    var flagged = false

    @Option(help: ArgumentHelp("Output format.", valueName: "format"))
    var format = FormatChoice<Tours>(.text)

    func validate() throws {
        try analysis.validate(format: format.format)
    }

    func run() throws {
        let report = try analysis.withProgress(input) {
            try Analysis.report(
                input.inputs(),
                settings: analysis.settings(scan: try input.scanOptions(), filter: try filters.filter(command: "tours"))
            )
        }
        try analysis.emit(report.inputs, finished: report.finished, format: format.format) { out in
            format.format.render(TourList(report, flaggedOnly: flagged), options: analysis.renderOptions, into: &out)
        }
    }
}
