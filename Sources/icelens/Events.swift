import ArgumentParser
import IcelensCore

/// `icelens events`: every recognised event as one JSON object a line.
struct Events: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print every recognised event as one JSON object a line (NDJSON).",
        discussion: """
            Each object has ts (UTC, ISO 8601), tour, role (guide, attendee, server), peer, remote, event, origin
            (browser or server) and the event's own fields: state, cache (hit or miss), servers (TURN instance host
            names), instance, candidateType, url, from, to; and source (input:line).
            Credentials in the logs are never printed.

            Events: turn.fetch, turn.config.sent, turn.config.relayed, turn.config.stored, turn.config.polled,
            turn.config.received, turn.fallback, ice.servers, ice.state, ice.timeout, ice.restart, ice.selected,
            peer.join, peer.leave.

            Formats, in any mix within one file: JSON lines (fields at the top level or inside context,
            attributes, meta, fields or labels), logfmt (key=value, key="quoted"), and text console lines
            (timestamp, [key:value] and [guide]/[attendee]/[server] tags, message). Gzip is detected by content;
            concatenated (multi-member) gzip reads whole; a damaged gzip keeps every line before the damage.

            The line accounting (read = recognised + unrecognised + malformed + cut) is printed to standard error.

            Examples:
              icelens events samples/logs/
              zcat /var/log/app/*.gz | icelens events --kind ice.state | jq .
              icelens events --stats browser-2026-03-02.log.gz > /dev/null
            """
    )

    @OptionGroup var input: InputOptions

    @Option(
        name: .customLong("kind"),
        help: ArgumentHelp("Only print events of this kind (repeatable), e.g. --kind ice.state.", valueName: "event"))
    var kinds: [EventKind] = []

    @Option(
        help: ArgumentHelp(
            "Instead of events, print the lines that became none: unrecognised or malformed (input:line: text).",
            valueName: "which"))
    var show: EventsRun.ShownLines?

    @Flag(help: "Also print throughput (MB/s, lines/s, elapsed time) with the accounting on standard error.")
    var stats = false

    func run() throws {
        let inputs = try input.inputs()
        let options = try input.scanOptions()
        var run = EventsRun(inputs: inputs, options: options, kinds: Set(kinds))
        run.showLines = show
        let outcome = try run.execute(to: ByteOutput(fileDescriptor: 1))
        let err = ByteOutput(fileDescriptor: 2)
        for line in outcome.summaryLines(stats: stats) { try? err.write(line + "\n") }
        try? err.flush()
        if outcome.failedInputs > 0 { throw ExitCode(2) }
    }
}

extension EventKind: ExpressibleByArgument {}
extension EventsRun.ShownLines: ExpressibleByArgument {}
