import ArgumentParser
import IcelensCore

/// `icelens tours`: one row a tour.
struct Tours: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List tours, one row each: guide instance, attendees, outcomes, mismatches, timeouts, p50.",
        discussion: """
            Examples:
              icelens tours --flagged logs/          # only tours with a flagged connection
              icelens tours --format csv logs/ > tours.csv
            """
    )

    @OptionGroup var input: InputOptions
    @OptionGroup var analysis: AnalysisOptions

    @Flag(help: "Only tours with a flagged connection (mismatch, timeout, failed, slow or fallback).")
    var flagged = false

    @Option(help: ArgumentHelp("Output format: text, csv or json.", valueName: "format"))
    var format: OutputFormat = .text

    func run() throws {
        let report = try Analysis.report(
            try input.inputs(), settings: analysis.settings(scan: try input.scanOptions()))
        try analysis.emit(report.inputs, machineFormat: format != .text) { out in
            switch format {
            case .json: JSONRenderer(style: analysis.jsonStyle).renderTours(report, flaggedOnly: flagged, into: &out)
            case .csv: CSVRenderer.renderTours(report, flaggedOnly: flagged, into: &out)
            case .text:
                TextRenderer(style: analysis.textStyle).renderTours(
                    report, flaggedOnly: flagged, into: &out)
            }
        }
    }
}
