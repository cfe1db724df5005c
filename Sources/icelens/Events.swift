import ArgumentParser
import IcelensCore

/// `icelens events`: every recognised event as one JSON object a line.
struct Events: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print every recognised event as one JSON object a line (NDJSON).",
        discussion: """
            Each object has ts (UTC, ISO 8601), tour, role (guide, attendee, server), peer, remote, event, origin \
            (browser or server) and the event's own fields: state, cache (hit or miss), servers (TURN instance host \
            names), instance, candidateType, url, from, to; and source (input:line). Credentials in the logs are \
            never printed, not even by --show.

            Events: turn.fetch, turn.config.sent, turn.config.relayed, turn.config.stored, turn.config.polled, \
            turn.config.received, turn.fallback, ice.servers, ice.state, ice.timeout, ice.restart, ice.selected, \
            peer.join, peer.leave.

            Formats, in any mix within one file: JSON lines (fields at the top level or inside context, attributes, \
            meta, fields or labels), logfmt (key=value, key="quoted"), and text console lines (timestamp, \
            [key:value] and [guide]/[attendee]/[server] tags, message). Gzip is detected by content; concatenated \
            (multi-member) gzip reads whole; a damaged gzip keeps every line before the damage.

            The line accounting (read = recognised + unrecognised + malformed + cut) is printed to standard error.

            Exit status: 0 done, 1 some input could not be read (the rest was read), 64 a wrong flag, 74 the \
            output could not be written.

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
            "Instead of events, print the lines that became none: unrecognised or malformed (input:line: text, "
                + "credentials redacted).",
            valueName: "which"))
    var show: EventsRun.ShownLines?

    @Option(
        name: .customLong("tour"),
        help: ArgumentHelp(
            "Only events of this tour (repeatable), in file order (time order: icelens timeline).", valueName: "id"))
    var tours: [String] = []

    @Option(
        help: ArgumentHelp(
            "Only events written by this peer or naming it (as the remote of a guide line, or sender/receiver).",
            valueName: "id"))
    var peer: String?

    @Flag(help: "Also print throughput (MB/s, lines/s, elapsed time) with the accounting on standard error.")
    var stats = false

    @Option(
        name: .customLong("keep-field"),
        help: ArgumentHelp(
            "Also read this field of each line (an app version, say) and write it on each event under its own name, "
                + "so that compare --split-by FIELD=VALUE reads the events as it reads the logs.",
            valueName: "field"))
    var keepField: String?

    func validate() throws {
        if show != nil, !kinds.isEmpty {
            throw ValidationError("--kind selects events to print; with --show no event is printed. Use one of them.")
        }
        if show != nil, !tours.isEmpty || peer != nil {
            throw ValidationError("--tour and --peer select events to print; with --show no event is printed.")
        }
        if tours.contains("") { throw ValidationError("--tour needs a tour id, such as --tour t-8f3k2a.") }
        if peer?.isEmpty == true { throw ValidationError("--peer needs a peer id, such as --peer a-19.") }
        if keepField?.isEmpty == true {
            throw ValidationError("--keep-field needs a field name, such as --keep-field appVersion.")
        }
    }

    func run() throws {
        var run = EventsRun(input.inputs(), options: try input.scanOptions(labelField: keepField), kinds: Set(kinds))
        run.tours = Set(tours)
        run.peer = peer
        run.showLines = show
        let outcome: RunOutcome
        do {
            outcome = try run.execute(to: StandardStreams.output)
        } catch let failure as OutputFailed {
            throw ExitStatus.outputFailed(failure)
        }
        StandardError.write(outcome.summaryLines(stats: stats))
        if outcome.failedInputs > 0 { throw ExitCode(ExitStatus.inputFailed) }
    }
}
