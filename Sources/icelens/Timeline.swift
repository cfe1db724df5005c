import ArgumentParser
import IcelensCore

/// `icelens timeline`: one tour's events, both sides, in log-time order, with each attempt and its verdict.
struct TimelineCommand: ParsableCommand, ShowsResult {
    static let resultKind = ResultKind.timeline
    static let configuration = CommandConfiguration(
        commandName: "timeline",
        abstract: "Show every event of a tour (or of one connection), both sides, in log-time order.",
        usage: "icelens timeline --tour <id> [--peer <id>] [<options>] [<path> ...]",
        discussion: """
            Each event with its time, writer, event and the values that matter (state, instance, servers, cache) \
            and the file and line it came from; each ICE attempt is marked where it begins and where it ends, with \
            its verdict and both TURN instances. Each writer's lines keep its own clock: where the writer changes, \
            two clocks meet, and the text marks it with ~. The order does not depend on the order of the inputs.

            Exit status: 0 done, 1 some input could not be read (the rest was analysed), 64 a wrong flag, 74 \
            the output could not be written.

            Examples:
              icelens timeline --tour t-8f3k2a logs/
              icelens timeline --tour t-8f3k2a --peer a-19 logs/
              icelens timeline --tour t-8f3k2a --format ndjson logs/ \\
                | jq -c 'select(.type != "event")'
            """
    )

    @OptionGroup var input: InputOptions
    @OptionGroup var analysis: AnalysisOptions

    @Option(name: .customLong("tour"), help: ArgumentHelp("The tour to show (required, once).", valueName: "id"))
    var tours: [String] = []

    var tour: String { tours.first ?? "" }

    @Option(
        help: ArgumentHelp(
            "Only this attendee's connection: its lines, the guide's lines about it and the guide's tour-wide lines.",
            valueName: "id"))
    var peer: String?

    @Option(help: ArgumentHelp("Output format.", valueName: "format"))
    var format = FormatChoice<TimelineCommand>(.text)

    func validate() throws {
        guard tours.count <= 1 else {
            throw ValidationError(
                "timeline shows one tour: give --tour once (several tours: icelens connections --tour A --tour B).")
        }
        guard !tour.isEmpty else { throw ValidationError("--tour needs a tour id, such as --tour t-8f3k2a.") }
        if peer?.isEmpty == true { throw ValidationError("--peer needs a peer id, such as --peer a-19.") }
        try analysis.validate(format: format.format)
    }

    func run() throws {
        let timeline = try analysis.withProgress(input) {
            try Analysis.timeline(
                input.inputs(), tour: tour, peer: peer, settings: analysis.settings(scan: try input.scanOptions()))
        }
        try analysis.emit(timeline.report.inputs, finished: timeline.report.finished, format: format.format) { out in
            format.format.render(timeline, options: analysis.renderOptions, into: &out)
        }
    }
}
