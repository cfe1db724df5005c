import ArgumentParser
import IcelensCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `icelens connections`: one record a connection.
struct Connections: ParsableCommand, ShowsResult {
    static let resultKind = ResultKind.connectionList
    static let configuration = CommandConfiguration(
        abstract: "List connections, one record each: outcome, time to connect, each attempt's two TURN instances.",
        discussion: """
            One record per (tour, attendee): tour, guide, attendee, period (with --cutoff or --split-by), outcome, \
            mismatched, timed_out, ttc_s, ttc_side, fallback, restarts, failed_after_connect, flags, first_seen, \
            and every ICE attempt with its start, end, outcome, both instances and how it timed out. A connection \
            read from a dump also says its source (webrtc-internals, rtcstats), ice_connected, \
            connection_state_connected, relayed, the selected relay pair (first and last), the TURN hosts \
            configured and the relays allocated, its candidate errors, and whether it only probes connectivity. \
            Keys: docs/json-schema.md ("connections"). Records come in tour order (first line, then id), then \
            attendee.

            The format is a table on a terminal and NDJSON (one JSON object a line) on a pipe, unless --format says.

            Exit status: 0 done, 1 some input could not be read (the rest was analysed), 64 a wrong flag, 74 \
            the output could not be written.

            Examples:
              icelens connections logs/ | jq 'select(.mismatched)'
              icelens connections --flagged --format csv logs/ > flagged.csv
              icelens connections --tour t-8f3k2a --peer a-19 logs/
              icelens connections --format json webrtc_internals_dump.txt | jq '.connections[].relay'
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
            "Give each record a period: tours whose first line is at or after this time are 'after'.",
            valueName: "time"))
    var cutoff: LogTime?

    @Option(
        name: .customLong("split-by"),
        help: ArgumentHelp(
            "Give each record a period by a field's value: FIELD at VALUE or above (version order) is 'after'.",
            valueName: "field=value"))
    var splitBy: FieldSplit?

    @Option(
        help: ArgumentHelp(
            "Output format (default: text on a terminal, ndjson otherwise).", valueName: "format"))
    var format: FormatChoice<Connections>?

    /// The format asked for, else a table for a person and NDJSON for a program.
    var chosenFormat: OutputFormat {
        analysis.recordFormat(format?.format)
    }

    func validate() throws {
        if cutoff != nil, splitBy != nil {
            throw ValidationError("Give each record a period one way: --cutoff or --split-by, not both.")
        }
        try analysis.validate(format: chosenFormat)
    }

    func run() throws {
        let split: PeriodSplit? =
            cutoff.map { .cutoff(ms: $0.ms) } ?? splitBy.map { .label(field: $0.field, value: $0.value) }
        let settings = analysis.settings(
            scan: try input.scanOptions(labelField: splitBy?.field),
            filter: try filters.filter(flagged: flagged, command: "connections"))
        let report = try analysis.withProgress(input) {
            try Analysis.report(
                input.inputs(), settings: settings, keeping: ReportBuilder.ConnectionKeeping(split: split))
        }
        let format = chosenFormat
        try analysis.emit(report.inputs, finished: report.finished, turn: report.turn, format: format) { out in
            format.render(ConnectionList(report, split: split), options: analysis.renderOptions, into: &out)
        }
    }
}
