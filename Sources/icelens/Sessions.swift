import ArgumentParser
import IcelensCore

/// `icelens sessions`: one record per TURN session of coturn logs.
struct Sessions: ParsableCommand, ShowsResult {
    static let resultKind = ResultKind.sessionList
    static let configuration = CommandConfiguration(
        abstract: "List the TURN sessions of coturn logs: allocation, relay, permissions, traffic, errors, close.",
        discussion: """
            Reads coturn's logs (every version's prefix: uptime, thread and level, syslog, container, ISO \
            timestamps; docs/formats.md "coturn logs") into one record per TURN session: session, server (the \
            input), realm, user (a TURN REST username split into expiry and user), stun_only, allocated, \
            relay_address, client_address, listener, lifetime_s, refreshes, deallocated, permissions, channels, \
            usage and peer_usage (coturn logs deltas; these are their sums), allocate_errors (a 401 is the normal \
            long-term-credential challenge, counted apart as challenges), close_reason, opened, closed. Session \
            lines need a verbose coturn (-v). Keys: docs/json-schema.md ("sessions").

            The format is a table on a terminal and NDJSON on a pipe, unless --format says.

            Exit status: 0 done, 1 some input could not be read (the rest was read), 64 a wrong flag, 74 the \
            output could not be written.

            Examples:
              icelens sessions /var/log/turnserver/
              icelens sessions --format csv turn.log > sessions.csv
              kubectl logs coturn-0 | icelens sessions | jq 'select(.close_reason != null)'
            """
    )

    @OptionGroup var input: InputOptions
    @OptionGroup var analysis: AnalysisOptions

    @Option(
        help: ArgumentHelp("Output format (default: text on a terminal, ndjson otherwise).", valueName: "format"))
    var format: FormatChoice<Sessions>?

    /// The format asked for, else a table for a person and NDJSON for a program.
    var chosenFormat: OutputFormat {
        analysis.recordFormat(format?.format)
    }

    func validate() throws {
        try analysis.validate(format: chosenFormat)
    }

    func run() throws {
        let report = try analysis.withProgress(input) {
            try Analysis.report(input.inputs(), settings: analysis.settings(scan: try input.scanOptions()))
        }
        let format = chosenFormat
        try analysis.emit(report.inputs, finished: report.finished, turn: report.turn, format: format) { out in
            format.render(TurnSessionList(report), options: analysis.renderOptions, into: &out)
        }
    }
}
